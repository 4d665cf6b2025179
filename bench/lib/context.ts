/** What every scenario gets: settings, the running service, connections, generated files, results. */
import type { Redis } from 'ioredis';
import { ensureIndexes, type Database } from '@score-import/db';
import type { MongoClient } from 'mongodb';
import { BENCH_GAMES, generateFile, checkFile, type BenchGame, type FileShape } from '../generate.ts';
import type { PopulationSettings } from './populated.ts';
import type { ServiceStack, BenchEnv } from './stack.ts';

export interface Settings {
  quick: boolean;
  p: { rounds: number; durationS: number; warmupS: number; connections: number; rate: number; rateConnections: number; p3Polls: number; bare: boolean };
  /** P1c: completed imports of these sizes polled (the first is the figure) */
  p1c: { sizes: number[] };
  /** I1 + I3: rounds of 1×, 10× and 50× imports (+ the raw reference of the 10× one), the games in turn */
  i: { sizes: [number, number, number]; minRounds: number; maxRounds: number; i1Rounds: number; i1BudgetS: number; budgetS: number; pollMs: number };
  /** bigSize 0: no bigger import */
  i2: { size: number; bigSize: number; others: number; othersSize: number };
  i4: { size: number; minPairs: number; maxPairs: number; budgetS: number };
  l1: { imports: number; warmup: number; pollMs: number };
  w1: { users: number; size: number; minRounds: number; maxRounds: number; budgetS: number; concurrency: number; defaultBudgetS: number; pollMs: number; timeoutS: number; stallS: number };
  m1: { size: number; imports: number; budgetS: number; pollMs: number };
  /** M2: idle API RSS (settle after start / after loading every game); S1: spawn → /readyz 200, per process kind */
  m2: { settleMs: number };
  s1: { spawns: number };
  /** D1: the populated database and the measurements on it */
  d1: PopulationSettings & { rounds: number; minRounds: number; budgetS: number; bigSize: number; oneScorePerRound: number; oneScoreNewPerRound: number; pollMs: number };
  /** LK: keys per lookup and repetitions of each */
  lk: { keys: number[]; reps: number };
}

/**
 * The default run (`npm run bench`): D1 at its full size (≥ 200 players, ≥ 1,000,000 scores), the
 * other scenarios with rounds and budgets that keep the whole run within about an hour on this
 * 2-core machine while it is shared with a test and a chaos run (see LARGE for more rounds).
 */
export const FULL: Settings = {
  quick: false,
  p: { rounds: 3, durationS: 4, warmupS: 2, connections: 100, rate: 1000, rateConnections: 20, p3Polls: 500, bare: true },
  p1c: { sizes: [100, 1_000] },
  i: { sizes: [1_000, 10_000, 50_000], minRounds: 1, maxRounds: 3, i1Rounds: 5, i1BudgetS: 60, budgetS: 120, pollMs: 10 },
  i2: { size: 1_000, bigSize: 10_000, others: 2, othersSize: 5_000 },
  i4: { size: 5_000, minPairs: 3, maxPairs: 6, budgetS: 30 },
  l1: { imports: 100, warmup: 5, pollMs: 2 },
  w1: { users: 8, size: 1_500, minRounds: 2, maxRounds: 4, budgetS: 90, concurrency: 1, defaultBudgetS: 40, pollMs: 25, timeoutS: 180, stallS: 30 },
  m1: { size: 50_000, imports: 3, budgetS: 240, pollMs: 50 },
  m2: { settleMs: 3_000 },
  s1: { spawns: 3 },
  d1: {
    players: 200,
    scores: 1_000_000,
    medianHistory: 4_000,
    maxHistory: 30_000,
    tenthEvery: 10,
    existingHistory: 5_000,
    existingImports: 6,
    importSize: 1_000,
    oneScoreImports: 6 * 30 + 10,
    rounds: 5,
    minRounds: 3,
    budgetS: 480,
    bigSize: 5_000,
    oneScorePerRound: 30,
    oneScoreNewPerRound: 10,
    pollMs: 5,
  },
  lk: { keys: [1, 4, 16, 32, 64, 128, 256], reps: 3 },
};

/**
 * `--large`: more rounds and longer budgets for everything but D1 (whose database is the same); not
 * timed in full here (its first scenarios ran 15× slower than a quiet machine's while the machine was
 * shared, which is why the default run has fewer rounds).
 */
export const LARGE: Settings = {
  quick: false,
  p: { rounds: 5, durationS: 4, warmupS: 2, connections: 100, rate: 1000, rateConnections: 20, p3Polls: 500, bare: true },
  p1c: { sizes: [100, 1, 1_000] },
  i: { sizes: [1_000, 10_000, 50_000], minRounds: 5, maxRounds: 5, i1Rounds: 10, i1BudgetS: 100, budgetS: 200, pollMs: 10 },
  i2: { size: 1_000, bigSize: 10_000, others: 2, othersSize: 5_000 },
  i4: { size: 5_000, minPairs: 3, maxPairs: 8, budgetS: 40 },
  l1: { imports: 100, warmup: 5, pollMs: 2 },
  w1: { users: 8, size: 1_500, minRounds: 3, maxRounds: 5, budgetS: 110, concurrency: 1, defaultBudgetS: 70, pollMs: 25, timeoutS: 180, stallS: 30 },
  m1: { size: 50_000, imports: 5, budgetS: 330, pollMs: 50 },
  m2: { settleMs: 3_000 },
  s1: { spawns: 3 },
  d1: {
    players: 200,
    scores: 1_000_000,
    medianHistory: 4_000,
    maxHistory: 30_000,
    tenthEvery: 10,
    existingHistory: 5_000,
    existingImports: 6,
    importSize: 1_000,
    oneScoreImports: 6 * 30 + 10,
    rounds: 5,
    minRounds: 3,
    budgetS: 480,
    bigSize: 5_000,
    oneScorePerRound: 30,
    oneScoreNewPerRound: 10,
    pollMs: 5,
  },
  lk: { keys: [1, 2, 4, 8, 16, 32, 48, 64, 100, 128, 200, 400], reps: 4 },
};

export const QUICK: Settings = {
  quick: true,
  p: { rounds: 2, durationS: 1, warmupS: 1, connections: 100, rate: 1000, rateConnections: 20, p3Polls: 100, bare: false },
  p1c: { sizes: [100] },
  i: { sizes: [50, 500, 2_500], minRounds: 5, maxRounds: 5, i1Rounds: 5, i1BudgetS: 20, budgetS: 40, pollMs: 10 },
  i2: { size: 1_000, bigSize: 0, others: 1, othersSize: 1_000 },
  i4: { size: 1_000, minPairs: 2, maxPairs: 3, budgetS: 10 },
  l1: { imports: 20, warmup: 2, pollMs: 2 },
  w1: { users: 8, size: 250, minRounds: 1, maxRounds: 1, budgetS: 20, concurrency: 1, defaultBudgetS: 0, pollMs: 10, timeoutS: 60, stallS: 20 },
  m1: { size: 3_000, imports: 2, budgetS: 20, pollMs: 25 },
  m2: { settleMs: 1_000 },
  s1: { spawns: 1 },
  d1: {
    players: 20,
    scores: 40_000,
    medianHistory: 2_000,
    maxHistory: 6_000,
    tenthEvery: 10,
    existingHistory: 1_000,
    existingImports: 2,
    importSize: 1_000,
    oneScoreImports: 20,
    rounds: 1,
    minRounds: 1,
    budgetS: 60,
    bigSize: 2_000,
    oneScorePerRound: 10,
    oneScoreNewPerRound: 5,
    pollMs: 5,
  },
  lk: { keys: [1, 8, 32, 128], reps: 2 },
};

export type Verdict = 'pass' | 'FAIL' | 'n/a';

export interface Row {
  id: string;
  scenario: string;
  figure: string;
  reference: string;
  ratio: string;
  target: string;
  verdict: Verdict;
  /** longer notes printed under the table */
  details: string[];
}

export interface Ctx {
  settings: Settings;
  env: BenchEnv;
  stack: ServiceStack;
  /** the bench's own Redis connection (INFO, status records) */
  redis: Redis;
  /** a raw driver client on the service's database (references) */
  mongo: MongoClient;
  tmpDir: string;
  rows: Row[];
  log(message: string): void;
  file(game: BenchGame, scores: number, seed: string | number, end?: number, partition?: { index: number; of: number }, shape?: FileShape): Buffer;
  /** build D1's populated database anew instead of taking it from the cache (--rebuild-d1) */
  rebuildD1: boolean;
}

const cache = new Map<string, Buffer>();

/**
 * A generated file (cached), checked against the service's own rules in memory (checkFile: parse,
 * resolve, convert, hydrate, validate, scoreIDs unique) before it is used, so a generator bug shows
 * up as such and not as an import error.
 */
export function benchFile(
  game: BenchGame,
  scores: number,
  seed: string | number,
  end?: number,
  partition?: { index: number; of: number },
  shape?: FileShape,
): Buffer {
  const key = `${game}:${scores}:${seed}:${end ?? ''}:${partition ? `${partition.index}/${partition.of}` : ''}:${shape ?? ''}`;
  let file = cache.get(key);
  if (!file) {
    file = generateFile({ game, scores, seed, end, partition, shape });
    const r = checkFile(file);
    if (r.failures.length > 0 || r.duplicates > 0) {
      throw new Error(`generated file ${key} fails the service's rules: ${r.failures.length} failures, ${r.duplicates} duplicates\n${r.failures.slice(0, 3).join('\n')}`);
    }
    if (cache.size > 40) cache.clear();
    cache.set(key, file);
  }
  return file;
}

/** SDVX and CHUNITHM in turn (L1, W1, M1: comparable with earlier runs). */
export const gameOf = (i: number): BenchGame => (i % 2 === 0 ? 'sdvx' : 'chunithm');

/** Every game the generator covers, in turn (I1, I3). */
export const everyGameOf = (i: number): BenchGame => BENCH_GAMES[i % BENCH_GAMES.length];

/**
 * Drops every collection an import writes and recreates them with their indexes, so each measured
 * import starts from the same state (fresh tables, like the raw reference's fresh collection).
 */
export async function resetData(ctx: Ctx): Promise<void> {
  await resetDatabase(ctx.stack.db);
}

export async function resetDatabase(db: Database): Promise<void> {
  for (const c of [db.scores, db.personalBests, db.sessions, db.imports, db.importTrackers, db.importCheckpoints, db.gameStats, db.orphans]) {
    await c.drop().catch(() => {});
  }
  await ensureIndexes(db);
}
