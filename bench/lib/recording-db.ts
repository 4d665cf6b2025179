/**
 * A stand-in for the database that records what an import writes: the worker's own pipeline
 * (runImport) run on it for a player who has no documents yet makes exactly the score, PB,
 * session, game-stats and import documents an import of the same file makes on a real server —
 * every read answers "nothing stored", which is what a real server answers such a player — and D1
 * then bulk-writes those documents (bench/lib/populated.ts).
 *
 * Anything the pipeline would only do for a player with stored documents (replacing a session,
 * deleting a PB, a retried delivery) throws, so a change in the pipeline that this stand-in cannot
 * represent fails the build instead of making different documents.
 */
import type { Collection } from 'mongodb';
import { runImport, type ChartIndex, type ImportDocument } from '@score-import/core';
import type { Database } from '@score-import/db';

export type Doc = Record<string, unknown>;

export interface Recorded {
  scores: Doc[];
  personalBests: Doc[];
  sessions: Doc[];
  gameStats: Doc[];
  imports: Doc[];
  orphans: Doc[];
}

const unexpected = (what: string) => () => {
  throw new Error(`recording database: the pipeline asked for ${what}, which a player with no stored documents never needs`);
};

function collection(name: string, sink: Doc[] | null, extra: Record<string, unknown> = {}): Collection {
  const record = (doc: Doc) => {
    if (!sink) throw new Error(`recording database: unexpected write to ${name}`);
    sink.push(structuredClone(doc));
  };
  return {
    collectionName: name,
    find: () => ({ toArray: async () => [] }),
    findOne: async () => null,
    insertMany: async (docs: Doc[]) => {
      for (const d of docs) record(d);
      return { acknowledged: true, insertedCount: docs.length, insertedIds: {} };
    },
    insertOne: async (doc: Doc) => {
      record(doc);
      return { acknowledged: true, insertedId: null };
    },
    deleteOne: async () => ({ acknowledged: true, deletedCount: 0 }),
    deleteMany: async () => ({ acknowledged: true, deletedCount: 0 }),
    bulkWrite: async (ops: unknown[]) => {
      if (ops.length > 0) unexpected(`a bulk write of ${name}`)();
      return { ok: 1 };
    },
    updateOne: unexpected(`an update of ${name}`),
    updateMany: unexpected(`an update of ${name}`),
    replaceOne: unexpected(`a replacement in ${name}`),
    ...extra,
  } as unknown as Collection;
}

/** A Database whose reads find nothing and whose writes are recorded. */
export function recordingDatabase(): { db: Database; recorded: Recorded } {
  const recorded: Recorded = { scores: [], personalBests: [], sessions: [], gameStats: [], imports: [], orphans: [] };
  const checkpoints: Doc[] = [];
  const none = (name: string) => collection(name, null);
  const db = {
    connection: null,
    // FerretDB's query shapes (findByKeys); every read answers nothing either way
    evaluatesInWithoutIndex: true,
    users: none('users'),
    apiTokens: none('api-tokens'),
    counters: none('counters'),
    scores: collection('scores', recorded.scores),
    personalBests: collection('personal-bests', recorded.personalBests),
    sessions: collection('sessions', recorded.sessions),
    imports: collection('imports', recorded.imports),
    importTrackers: none('import-trackers'),
    // a checkpoint lives only while its import runs: deleted again at the end
    importCheckpoints: collection('import-checkpoints', checkpoints, {
      deleteOne: async (filter: Doc) => {
        const i = checkpoints.findIndex((c) => c.importID === filter.importID);
        if (i >= 0) checkpoints.splice(i, 1);
        return { acknowledged: true, deletedCount: i >= 0 ? 1 : 0 };
      },
    }),
    gameStats: collection('game-stats', recorded.gameStats, {
      replaceOne: async (_filter: Doc, doc: Doc, options?: { upsert?: boolean }) => {
        if (!options?.upsert) unexpected('a replacement of a stored profile')();
        recorded.gameStats.push(structuredClone(doc));
        return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
      },
    }),
    orphans: collection('orphan-scores', recorded.orphans),
    songs: (game: string) => none(`songs-${game}`),
    charts: (game: string) => none(`charts-${game}`),
    close: async () => {},
  } as unknown as Database;
  return { db, recorded };
}

/**
 * The documents an import of `content` by a player with no documents makes (runImport, as on a
 * job's first delivery). Throws if any score fails: populations are made of valid files only.
 */
export async function recordImport(
  charts: ChartIndex,
  req: { importID: string; userID: number; content: Buffer; submittedAt: number },
  now?: () => number,
): Promise<{ doc: ImportDocument; recorded: Recorded }> {
  const { db, recorded } = recordingDatabase();
  const doc = await runImport(
    { ...req, importType: 'file/batch-manual', userIntent: false, firstDelivery: true },
    { db, charts, now },
  );
  if (doc.errors.length > 0 || (doc.skippedDuplicates ?? 0) > 0) {
    throw new Error(`recorded import of user ${req.userID}: ${doc.errors.length} errors (${JSON.stringify(doc.errors.slice(0, 2))}), ${doc.skippedDuplicates} duplicates`);
  }
  return { doc, recorded };
}
