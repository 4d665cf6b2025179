import { randomBytes } from 'node:crypto';
import type { Database } from './index.ts';

/**
 * /readyz's database command: a small write, read back and removed, on a collection of its own. A
 * ping only says the server answers; this also fails when it cannot run the service's commands (no
 * write permission, a read-only member, FerretDB whose PostgreSQL is gone).
 */
export async function probeDatabase(db: Database): Promise<void> {
  const readiness = db.connection.db!.collection<{ _id: string; at: number }>('readiness');
  const doc = { _id: randomBytes(8).toString('hex'), at: Date.now() };
  await readiness.insertOne(doc);
  try {
    const back = await readiness.findOne({ _id: doc._id });
    if (back?.at !== doc.at) throw new Error('a document written to the readiness collection did not read back');
  } finally {
    await readiness.deleteOne({ _id: doc._id });
  }
}
