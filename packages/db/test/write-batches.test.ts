import t from 'tap';
import { bulkWriteInBatches, connectDatabase, WRITE_BATCH, type Database } from '../src/index.ts';
import { PrivateFerretDB } from '../../../test/support/services.ts';

// A FerretDB of its own with a PostgreSQL pool of 20 connections, smaller than a batch.
const ferret = await PrivateFerretDB.create();
t.teardown(() => ferret.destroy());
const db = await connectDatabase(ferret.url('write_batches'), { monitorCommands: true });
t.teardown(() => db.close());
t.ok(db.evaluatesInWithoutIndex, 'the handle knows it talks to FerretDB');

const docs = 40;
async function freshCollection(name: string) {
  const c = db.connection.collection(name);
  await c.drop().catch(() => {});
  await c.createIndex({ k: 1 });
  await c.insertMany(Array.from({ length: docs }, (_, k) => ({ k, n: 0 })));
  return c;
}

/** update commands sent while fn runs */
async function updateCommands(fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = (e: { commandName: string }) => void (e.commandName === 'update' && n++);
  db.connection.getClient().on('commandStarted', count);
  try {
    await fn();
  } finally {
    db.connection.getClient().off('commandStarted', count);
  }
  return n;
}

async function withinSeconds<T>(p: Promise<T>, s: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<'timed out'>((r) => (timer = setTimeout(() => r('timed out'), s * 1000)))]);
  } finally {
    clearTimeout(timer);
  }
}

const single = (kind: 'updateOne' | 'updateMany') =>
  Array.from({ length: docs }, (_, k) => ({ [kind]: { filter: { k }, update: { $inc: { n: 1 } } } })) as unknown as Parameters<Database['scores']['bulkWrite']>[0];

t.test('FerretDB releases each updateMany statement\'s connection when the statement is done', async (t) => {
  // what bulkWriteInBatches relies on: WRITE_BATCH matching updateMany statements in one command on
  // a pool smaller than that (were each held until the command ends, this would never finish)
  t.ok(WRITE_BATCH > 20);
  const c = await freshCollection('many_in_one');
  const result = await withinSeconds(c.bulkWrite(single('updateMany').slice(0, WRITE_BATCH), { ordered: false }), 20);
  t.not(result, 'timed out', 'the command finishes');
  t.equal(await c.countDocuments({ n: 1 }), WRITE_BATCH);
});

t.test('bulkWriteInBatches: full batches of updateMany, single-document updates one per command on FerretDB', async (t) => {
  const many = await freshCollection('batched_many');
  t.equal(await updateCommands(() => bulkWriteInBatches(db, many, single('updateMany'))), Math.ceil(docs / WRITE_BATCH));
  t.equal(await many.countDocuments({ n: 1 }), docs, 'every document updated once');

  const one = await freshCollection('batched_one');
  t.equal(await updateCommands(() => bulkWriteInBatches(db, one, single('updateOne'))), docs);
  t.equal(await one.countDocuments({ n: 1 }), docs);

  // with MongoDB's traits the same operations go in full batches
  const asMongo = { ...db, evaluatesInWithoutIndex: false };
  const onMongo = await freshCollection('batched_one_mongo');
  t.equal(await updateCommands(() => bulkWriteInBatches(asMongo, onMongo, single('updateOne').slice(0, 16))), 1);
  t.equal(await onMongo.countDocuments({ n: 1 }), 16);
});
