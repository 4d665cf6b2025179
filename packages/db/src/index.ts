import mongoose, { type Connection, type Collection, type Document as MongoDocument } from 'mongoose';

/**
 * The database: one mongoose connection and the raw driver collections the service uses.
 * Hot paths use driver-level calls (no document hydration); every hot query carries an equality
 * on an indexed top-level field so it stays cheap on both MongoDB and FerretDB.
 */
export interface Database {
  connection: Connection;
  /**
   * FerretDB evaluates `$in` in its own code, once per row the pushed-down equality returned, so a
   * long `$in` list costs rows × list; MongoDB answers it from the index. See findWhereIn.
   */
  evaluatesInWithoutIndex: boolean;
  users: Collection;
  apiTokens: Collection;
  counters: Collection;
  scores: Collection;
  personalBests: Collection;
  sessions: Collection;
  imports: Collection;
  importTrackers: Collection;
  importCheckpoints: Collection;
  gameStats: Collection;
  orphans: Collection;
  songs(game: string): Collection;
  charts(game: string): Collection;
  close(): Promise<void>;
}

type IndexSpec = [Record<string, 1 | -1>, { unique?: boolean; name?: string }?];

const INDEXES: Record<string, IndexSpec[]> = {
  users: [[{ id: 1 }, { unique: true }], [{ usernameLowercase: 1 }, { unique: true }]],
  'api-tokens': [[{ tokenHash: 1 }, { unique: true }], [{ userID: 1 }]],
  scores: [[{ scoreID: 1 }, { unique: true }], [{ userID: 1 }], [{ importID: 1 }], [{ chartID: 1 }]],
  'personal-bests': [[{ userID: 1, chartID: 1 }, { unique: true }], [{ chartID: 1 }], [{ userID: 1 }]],
  sessions: [[{ sessionID: 1 }, { unique: true }], [{ userID: 1 }]],
  imports: [[{ importID: 1 }, { unique: true }], [{ userID: 1 }], [{ timeFinished: -1 }]],
  'import-trackers': [[{ importID: 1 }, { unique: true }], [{ userID: 1 }], [{ type: 1 }]],
  'import-checkpoints': [[{ importID: 1 }, { unique: true }]],
  'game-stats': [[{ userID: 1, game: 1, playtype: 1 }, { unique: true }], [{ userID: 1 }]],
  'orphan-scores': [[{ orphanID: 1 }, { unique: true }], [{ userID: 1 }], [{ importID: 1 }]],
};

const GAME_INDEXES: IndexSpec[][] = [[[{ id: 1 }, { unique: true }]], [[{ chartID: 1 }, { unique: true }], [{ songID: 1 }]]];

export const GAMES_WITH_DATA = ['sdvx', 'chunithm'] as const;

export interface ConnectOptions {
  /** fail a command after this long instead of queueing it while the server is away */
  serverSelectionTimeoutMS?: number;
  /** emit the driver's command monitoring events (commandStarted, …) on connection.getClient(); the benchmarks count them */
  monitorCommands?: boolean;
}

export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Database> {
  const connection = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    autoIndex: false,
    autoCreate: false,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  const col = (name: string): Collection => connection.collection(name);
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  return {
    connection,
    evaluatesInWithoutIndex: 'ferretdbVersion' in info,
    users: col('users'),
    apiTokens: col('api-tokens'),
    counters: col('counters'),
    scores: col('scores'),
    personalBests: col('personal-bests'),
    sessions: col('sessions'),
    imports: col('imports'),
    importTrackers: col('import-trackers'),
    importCheckpoints: col('import-checkpoints'),
    gameStats: col('game-stats'),
    orphans: col('orphan-scores'),
    songs: (game) => col(`songs-${game}`),
    charts: (game) => col(`charts-${game}`),
    close: () => connection.close(),
  };
}

/** Creates every index the queries rely on; idempotent, run at start-up by API, worker and CLI. */
export async function ensureIndexes(db: Database): Promise<void> {
  const specs: [string, IndexSpec[]][] = Object.entries(INDEXES);
  for (const game of GAMES_WITH_DATA) {
    specs.push([`songs-${game}`, GAME_INDEXES[0]], [`charts-${game}`, GAME_INDEXES[1]]);
  }
  for (const [name, indexes] of specs) {
    // one index per command: FerretDB v1 panics on a multi-index createIndexes that finds them existing
    for (const [key, opts] of indexes) await db.connection.collection(name).createIndex(key, opts ?? {});
  }
}

/** True for MongoDB's duplicate-key error (code 11000), alone or inside a bulk write error. */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number }[] } | null;
  return e?.code === 11000 || (Array.isArray(e?.writeErrors) && e.writeErrors.every((w) => w.code === 11000));
}

/**
 * insertMany(ordered: false) that treats duplicate keys as expected: returns the indexes (into
 * `docs`) that were rejected as duplicates. Other errors are rethrown.
 */
export async function insertManyIgnoringDuplicates(collection: Collection, docs: object[]): Promise<Set<number>> {
  const duplicates = new Set<number>();
  if (docs.length === 0) return duplicates;
  try {
    // the driver mutates inserted docs by adding _id; give it copies so callers' objects stay clean
    await collection.insertMany(docs.map((d) => ({ ...d })), { ordered: false });
  } catch (err) {
    const e = err as { code?: number; writeErrors?: { code?: number; index: number; err?: { index: number; code: number } }[] };
    const writeErrors = e.writeErrors ?? [];
    if (writeErrors.length === 0 && e.code === 11000) throw err;
    for (const w of writeErrors) {
      const code = w.code ?? w.err?.code;
      const index = w.index ?? w.err?.index;
      if (code !== 11000) throw err;
      duplicates.add(index);
    }
    if (writeErrors.length === 0) throw err;
  }
  return duplicates;
}

/** Operations per bulkWrite: the most docs/development.md rule 4 allows. */
export const WRITE_BATCH = 32;

/**
 * Runs bulk writes in batches. FerretDB v1 keeps the PostgreSQL connection of every updateOne or
 * replaceOne (a statement it stops reading after one match) until the whole command ends, so
 * concurrent imports sending batches of those exhaust its pool (8 concurrent imports deadlocked
 * in the W1 benchmark); an updateMany's connection is released as soon as that statement is done
 * (packages/db/test/write-batches.test.ts). So on FerretDB a batch holding a single-document update
 * goes one per command, and every other batch WRITE_BATCH per command, as on MongoDB.
 */
export async function bulkWriteInBatches(
  db: Database,
  collection: Collection,
  operations: Parameters<Collection['bulkWrite']>[0],
): Promise<void> {
  const batchSize = db.evaluatesInWithoutIndex && operations.some(holdsConnection) ? 1 : WRITE_BATCH;
  for (let i = 0; i < operations.length; i += batchSize) {
    await collection.bulkWrite(operations.slice(i, i + batchSize), { ordered: false });
  }
}

const holdsConnection = (op: object): boolean => 'updateOne' in op || 'replaceOne' in op;

/** Next value of a named sequence (user IDs). */
export async function nextSequence(db: Database, name: string): Promise<number> {
  const doc = await db.counters.findOneAndUpdate(
    { _id: name as unknown as MongoDocument['_id'] },
    { $inc: { value: 1 } },
    { upsert: true, returnDocument: 'after' },
  );
  return (doc as unknown as { value: number }).value;
}

/** Projection that keeps Mongo's internal _id out of every answer. */
export const NO_ID = { projection: { _id: 0 } } as const;
export * from './accounts.ts';

/** True when an error means the database could not be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? '';
  return /^Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|Topology|PoolCleared)/.test(name);
}

/**
 * Documents per reply for reads that may return many: the server's default first batch is 101
 * documents, and each further batch is another round trip (getMore).
 */
export const READ_BATCH = 10_000;

/** Above this many values, FerretDB is asked for the equality alone and the set is applied here. */
const IN_LIST_LIMIT = 64;

/** True when findWhereIn reads everything its equality matches, whatever the values (FerretDB, long lists). */
export function readsAllForIn(db: Database, values: number): boolean {
  return db.evaluatesInWithoutIndex && values > IN_LIST_LIMIT;
}

/**
 * `find({...equality, [field]: {$in: values}})`, fast on both servers: MongoDB gets the `$in` (an
 * index lookup); FerretDB, for long lists, gets only the equality (pushed down to PostgreSQL) and
 * the set is applied in a JavaScript Set, linear instead of rows × list.
 */
export async function findWhereIn<T = Record<string, unknown>>(
  db: Database,
  collection: Collection,
  equality: Record<string, unknown>,
  field: string,
  values: readonly unknown[],
  projection: Record<string, 0 | 1> = { _id: 0 },
): Promise<T[]> {
  if (values.length === 0) return [];
  // a lone value is an equality, which FerretDB pushes down (and its index serves)
  if (values.length === 1) {
    return (await collection.find({ ...equality, [field]: values[0] }, { projection, batchSize: READ_BATCH }).toArray()) as T[];
  }
  if (!readsAllForIn(db, values.length)) {
    return (await collection.find({ ...equality, [field]: { $in: values } }, { projection, batchSize: READ_BATCH }).toArray()) as T[];
  }
  const wanted = new Set(values);
  const keep = projection[field] === 0 ? undefined : projection;
  const rows = await collection
    .find(equality, { projection: keep && Object.values(keep).includes(1) ? { ...keep, [field]: 1 } : keep, batchSize: READ_BATCH })
    .toArray();
  return rows.filter((r) => wanted.has(r[field])) as T[];
}

