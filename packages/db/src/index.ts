import mongoose, { type Connection, type Collection, type Document as MongoDocument, type Model } from 'mongoose';
import {
  ApiTokenSchema,
  COLLECTIONS,
  ImportTrackerSchema,
  UserSchema,
  type ApiTokenDocument,
  type ImportTrackerDocument,
  type UserDocument,
} from './schemas.ts';

/**
 * The database: one mongoose connection and the raw driver collections the service uses.
 * Hot paths use driver-level calls (no document hydration); every hot query carries an equality
 * on an indexed top-level field so it stays cheap on both MongoDB and FerretDB.
 */
export interface Database {
  connection: Connection;
  /**
   * FerretDB evaluates `$in` in its own code, once per row the pushed-down equality returned, so a
   * long `$in` list costs rows × list; MongoDB answers it from the index. See findByKeys.
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
  orphanCharts: Collection;
  songs(game: string): Collection;
  charts(game: string): Collection;
  /**
   * mongoose models of the collections written a document at a time (accounts, failure records):
   * what they write is cast and validated against the schema. Scores, PBs and sessions are written
   * in bulk through the collections above (mongoose's casting of thousands of documents per import
   * costs more than the insert itself: docs/development.md).
   */
  models: {
    users: Model<UserDocument>;
    apiTokens: Model<ApiTokenDocument>;
    importTrackers: Model<ImportTrackerDocument>;
  };
  close(): Promise<void>;
}

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
    // a model's command fails as the driver's do while the server is away, instead of waiting in a buffer
    bufferCommands: false,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  const col = (name: string): Collection => connection.collection(name);
  const models = {
    users: connection.model<UserDocument>('User', UserSchema, 'users'),
    apiTokens: connection.model<ApiTokenDocument>('ApiToken', ApiTokenSchema, 'api-tokens'),
    importTrackers: connection.model<ImportTrackerDocument>('ImportTracker', ImportTrackerSchema, 'import-trackers'),
  };
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
    orphanCharts: col('orphan-chart-queue'),
    songs: (game) => col(`songs-${game}`),
    charts: (game) => col(`charts-${game}`),
    models,
    close: () => connection.close(),
  };
}

/**
 * Creates every index the collections' schemas declare (schemas.ts); idempotent, run at start-up
 * by API, worker and CLI. A game's songs and charts get theirs from `seed`.
 */
export async function ensureIndexes(db: Database): Promise<void> {
  for (const [name, schema] of Object.entries(COLLECTIONS)) {
    // one index per command: FerretDB v1 panics on a multi-index createIndexes that finds them existing
    for (const [key, options] of schema.indexes()) await db.connection.collection(name).createIndex(key as Record<string, 1 | -1>, options as Parameters<Collection['createIndex']>[1]);
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
export * from './schemas.ts';
export * from './readiness.ts';

/** True when an error means the database could not be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { name?: string; errorResponse?: unknown } | null;
  const name = e?.name ?? '';
  if (/^Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|Topology|PoolCleared)/.test(name)) return true;
  // a bulk write cut off by the connection closing (the server went away) keeps the driver's error as its errorResponse
  return name === 'MongoBulkWriteError' && e?.errorResponse instanceof Error && isDatabaseUnavailable(e.errorResponse);
}

/**
 * Documents per reply for reads that may return many: the server's default first batch is 101
 * documents, and each further batch is another round trip (getMore).
 */
export const READ_BATCH = 10_000;

/**
 * Up to this many values, FerretDB gets one equality lookup per value, side by side (each served by
 * the field's index); above it, one read of the equality alone (an index on its field), filtered
 * here. Measured in bench/scenarios/lookups.ts.
 */
export const POINT_LOOKUPS_MAX = 32;
/** lookups in flight at once, well inside FerretDB's PostgreSQL pool */
const POINT_LOOKUP_CONCURRENCY = 8;
/** values per `$in` on MongoDB */
const IN_CHUNK = 1_000;

/**
 * `find({...equality, [field]: {$in: values}})` whose cost is bounded by what is asked, on both
 * servers. MongoDB answers `$in` from an index. FerretDB evaluates `$in` in its own code over every
 * row the pushed-down equality matches (rows × list), so a few values go as equality lookups side
 * by side, and many as one equality-only read filtered by a Set here (linear in the rows of that
 * equality, e.g. one user's documents, never the collection).
 */
export async function findByKeys<T = Record<string, unknown>>(
  db: Database,
  collection: Collection,
  equality: Record<string, unknown>,
  field: string,
  values: readonly unknown[],
  projection: Record<string, 0 | 1> = { _id: 0 },
): Promise<T[]> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return [];
  const read = (filter: Record<string, unknown>, fields = projection) =>
    collection.find(filter, { projection: fields, batchSize: READ_BATCH }).toArray() as Promise<T[]>;
  if (!db.evaluatesInWithoutIndex) {
    const chunks: Promise<T[]>[] = [];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const chunk = unique.slice(i, i + IN_CHUNK);
      chunks.push(read({ ...equality, [field]: chunk.length === 1 ? chunk[0] : { $in: chunk } }));
    }
    return (await Promise.all(chunks)).flat();
  }
  if (unique.length <= POINT_LOOKUPS_MAX) {
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += POINT_LOOKUP_CONCURRENCY) {
      const batch = unique.slice(i, i + POINT_LOOKUP_CONCURRENCY);
      for (const rows of await Promise.all(batch.map((v) => read({ ...equality, [field]: v })))) out.push(...rows);
    }
    return out;
  }
  const wanted = new Set(unique);
  // the filtered field must come back to be filtered on; it is dropped again if it was not asked for
  const inclusive = Object.values(projection).includes(1);
  const hidden = inclusive ? projection[field] !== 1 : projection[field] === 0;
  const fields: Record<string, 0 | 1> = { ...projection };
  if (inclusive) fields[field] = 1;
  else delete fields[field];
  const out = ((await read(equality, fields)) as Record<string, unknown>[]).filter((r) => wanted.has(r[field]));
  if (hidden) for (const r of out) delete r[field];
  return out as T[];
}
