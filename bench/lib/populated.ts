/**
 * D1's populated database (issue 12): ≥ 200 players and ≥ 1,000,000 SDVX scores with their PBs,
 * sessions, profiles and ImportDocuments, in three FerretDB databases of one PostgreSQL database:
 *
 *   d1_empty — only the measured players' own histories (E, S and C below)
 *   d1_tenth — those, plus every tenth player (~10% of the scores)
 *   d1_full  — those, plus every player
 *
 * How it is made: each player's history is a generated BATCH-MANUAL file (bench/generate.ts, one
 * file per player, favourite charts played again and again, so players of similar skill share
 * most of their charts as on a real tracker); the worker's own pipeline (runImport) imports it on a
 * recording stand-in of the database (bench/lib/recording-db.ts), which makes the documents an
 * import of that file by a player with no documents makes; those documents are bulk-inserted
 * (insertMany) through FerretDB. D1 checks on every run that a sample equals what the service
 * makes of the same file (bench/scenarios/populated.ts).
 *
 * The measured players — E (existing player, 1,000-score imports), S (one-score imports) and C
 * (counted imports) — have the same history, user ID and documents in all three databases, so a
 * ratio between sizes shows only the database's size.
 *
 * Cached: building takes minutes, so the finished PostgreSQL database is kept in the project's
 * cluster as `score_import_bench_d1_<mode>_<key>` (marked complete in its comment), where the key
 * hashes everything its documents depend on (the settings, the generator, this builder and the
 * recording stand-in, the SDVX data, the documents the pipeline makes today of sample histories,
 * the indexes the service's schemas declare, FerretDB's and PostgreSQL's versions: see cacheKey). Each run copies it (CREATE DATABASE … TEMPLATE, STRATEGY FILE_COPY) and measures on
 * the copy, which it drops at the end: every run starts from the same state. A changed key builds
 * anew (dropping the stale cache); `npm run bench -- --rebuild-d1` forces a build from scratch.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ChartIndex, loadBundledGame } from '@score-import/core';
import { COLLECTIONS, connectDatabase, ensureIndexes, newUserDocument, type Database } from '@score-import/db';
import { generatePlays, HISTORY_END, type BatchManualFile } from '../generate.ts';
import { pgClusterUrl, startFerretDB, type FerretDBProcess } from './ferretdb.ts';
import { freePort, ROOT, sleep } from './procs.ts';
import { ferretTables, psql } from './pgstats.ts';
import { recordImport, type Doc, type Recorded } from './recording-db.ts';
import { Rng } from './rng.ts';

export interface PopulationSettings {
  /** other players in d1_full */
  players: number;
  /** their scores in all (≥) */
  scores: number;
  /** a player's history size: log-normal around this median (σ 0.7), clamped */
  medianHistory: number;
  maxHistory: number;
  /** d1_tenth holds every n-th player */
  tenthEvery: number;
  /** E's, S's and C's histories */
  existingHistory: number;
  /** E's imports (rounds + 1), each this many scores on charts E has PBs on */
  existingImports: number;
  importSize: number;
  /** S's one-score imports (on charts S has PBs on) */
  oneScoreImports: number;
}

export const SIZES = [
  { key: 'empty', db: 'd1_empty', label: '0' },
  { key: 'tenth', db: 'd1_tenth', label: '~10%' },
  { key: 'full', db: 'd1_full', label: '100%' },
] as const;
export type SizeKey = (typeof SIZES)[number]['key'];

export interface PlayerSpec {
  userID: number;
  username: string;
  scores: number;
  seed: string;
}

export interface ExistingPlayer extends PlayerSpec {
  /** plays generated: the history is the first `scores` of them */
  total: number;
  /** later plays of the same player, all on charts their history has PBs on */
  continuation: Record<string, unknown>[];
  meta: BatchManualFile['meta'];
}

export interface SizeContents {
  players: number;
  scores: number;
  pbs: number;
  sessions: number;
}

export interface BuildInfo {
  key: string;
  builtAt: string;
  buildS: number;
  sizes: Record<SizeKey, SizeContents>;
  /** d1_full: how many players have a PB on each chart that has any */
  overlap: { charts: number; median: number; p90: number; max: number; pbsOnSharedCharts: number };
  /** history sizes of the other players */
  histories: { min: number; median: number; max: number };
}

export interface Population {
  /** mongodb://… of the FerretDB serving the copy */
  mongoBase: string;
  /** postgres://… of the copy (pg_stat_user_tables) */
  pgUrl: string;
  info: BuildInfo;
  players: PlayerSpec[];
  E: ExistingPlayer;
  S: ExistingPlayer;
  C: ExistingPlayer;
  notes: string[];
  close(): Promise<void>;
}

const PREFIX = 'score_import_bench_d1_';
const GAME = 'sdvx' as const;

/** Deterministic: the other players' history sizes, summing to at least `scores`. */
export function playerSpecs(s: PopulationSettings): PlayerSpec[] {
  const rng = new Rng(`D1-sizes:${s.players}:${s.scores}:${s.medianHistory}`);
  const raw = Array.from({ length: s.players }, () => s.medianHistory * Math.exp(rng.normal(0, 0.7)));
  const factor = s.scores / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((v) => Math.max(200, Math.min(s.maxHistory, Math.round(v * factor))));
  // top up (clamping may have lost some) on the smallest histories until the total is reached
  let missing = s.scores - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % sizes.length) {
    const add = Math.min(missing, 100);
    if (sizes[i] + add <= s.maxHistory) {
      sizes[i] += add;
      missing -= add;
    }
  }
  return sizes.map((scores, i) => ({ userID: 4 + i, username: `d1p${i}`, scores, seed: `D1-player-${i}` }));
}

/** E, S and C: a history, then later plays on the same charts (what they import while measured). */
export function existingPlayer(name: 'E' | 'S' | 'C', userID: number, history: number, needed: number): ExistingPlayer {
  const total = history + Math.ceil(needed * 1.8) + 50;
  const { file, chartIDs } = generatePlays({ game: GAME, scores: total, seed: `D1-${name}` });
  const played = new Set(chartIDs.slice(0, history));
  const continuation = file.scores.slice(history).filter((_, k) => played.has(chartIDs[history + k]));
  if (continuation.length < needed) throw new Error(`D1 player ${name}: only ${continuation.length} of ${needed} later plays on charts with PBs`);
  return { userID, username: `d1${name.toLowerCase()}`, scores: history, seed: `D1-${name}`, total, continuation: continuation.slice(0, needed), meta: file.meta };
}

function existingPlayers(s: PopulationSettings) {
  return {
    E: existingPlayer('E', 1, s.existingHistory, s.existingImports * s.importSize),
    S: existingPlayer('S', 2, s.existingHistory, s.oneScoreImports),
    // C: one counted import of importSize and one of a single score
    C: existingPlayer('C', 3, s.existingHistory, s.importSize + 1),
  };
}

/** The collections D1's databases hold, whose indexes the key covers. */
const INDEXED = ['users', 'counters', 'scores', 'personal-bests', 'sessions', 'game-stats', 'imports', 'import-checkpoints', 'orphan-scores'];

/**
 * What the cached database's documents depend on: the settings, the generator and this builder,
 * the SDVX data, the documents the pipeline makes today of two sample histories (so an unrelated
 * change elsewhere in packages/core does not rebuild, and any change of what an import writes
 * does), the indexes the service's schemas declare (COLLECTIONS), FerretDB's and
 * PostgreSQL's versions.
 */
async function cacheKey(s: PopulationSettings, clusterUrl: string): Promise<string> {
  // the population's settings only (the caller's object also holds how D1 measures)
  const population: PopulationSettings = {
    players: s.players,
    scores: s.scores,
    medianHistory: s.medianHistory,
    maxHistory: s.maxHistory,
    tenthEvery: s.tenthEvery,
    existingHistory: s.existingHistory,
    existingImports: s.existingImports,
    importSize: s.importSize,
    oneScoreImports: s.oneScoreImports,
  };
  const h = createHash('sha256').update(JSON.stringify(population));
  const files = [
    'bench/generate.ts',
    'bench/lib/rng.ts',
    'bench/lib/populated.ts',
    'bench/lib/recording-db.ts',
    'packages/core/data/songs-sdvx.json',
    'packages/core/data/charts-sdvx.json',
    'tools/ferretdb/go.mod',
    'tools/ferretdb/gin-companion-indexes.sql',
  ];
  for (const f of files) h.update(f).update(readFileSync(join(ROOT, f)));
  const charts = new ChartIndex({ version: async () => 'bundled', load: async (game) => loadBundledGame(game) });
  const { E } = existingPlayers(s);
  for (const p of [E, playerSpecs(s)[0]]) {
    const { recorded } = await recordImport(charts, { importID: historyImportID(p), userID: p.userID, content: playerHistory(p), submittedAt: HISTORY_END }, () => HISTORY_END);
    // a session's name is drawn at random
    for (const session of recorded.sessions) delete session.name;
    h.update(JSON.stringify(recorded));
  }
  // the indexes the service creates, from its schemas (packages/db COLLECTIONS), not from a live database: the
  // bench's own database holds whatever earlier scenarios left, which made the key differ between runs
  const schemas = COLLECTIONS as unknown as Record<string, { indexes(): unknown[] }>;
  for (const name of INDEXED) h.update(name).update(JSON.stringify(schemas[name]?.indexes() ?? null));
  h.update(await psql(`${clusterUrl}/postgres`, 'SHOW server_version'));
  return h.digest('hex').slice(0, 12);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One bench at a time builds or copies the cached database (a lock file with the holder's pid). */
async function withLock<T>(log: (m: string) => void, fn: () => Promise<T>): Promise<T> {
  const dir = join(ROOT, '.cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench-d1.lock');
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      const holder = Number(readFileSync(file, 'utf8').trim() || 0);
      if (!holder || !alive(holder)) {
        try {
          unlinkSync(file);
        } catch {
          /* another run took it first */
        }
        continue;
      }
      if (!waited) log(`D1: waiting for bench process ${holder}, which is building or copying the populated database`);
      waited = true;
      await sleep(2_000);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(file);
    } catch {
      /* gone */
    }
  }
}

const percentileOf = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Builds the three databases into PostgreSQL database `pgDatabase` (which must not exist). */
async function build(cluster: string, pgDatabase: string, s: PopulationSettings, key: string, log: (m: string) => void): Promise<BuildInfo> {
  const t0 = performance.now();
  await psql(`${cluster}/postgres`, `CREATE DATABASE "${pgDatabase}"`);
  const ferret = await startFerretDB(pgDatabase, await freePort());
  const dbs = {} as Record<SizeKey, Database>;
  try {
    for (const size of SIZES) {
      dbs[size.key] = await connectDatabase(`${ferret.mongoBase}/${size.db}`);
      await ensureIndexes(dbs[size.key]);
    }
    const players = playerSpecs(s);
    const { E, S, C } = existingPlayers(s);
    const targets = (p: PlayerSpec, i: number): SizeKey[] => ('continuation' in p ? ['empty', 'tenth', 'full'] : i % s.tenthEvery === 0 ? ['tenth', 'full'] : ['full']);
    // users (the IDs the histories were made with) and the user counter past them
    const everyone: { p: PlayerSpec; sizes: SizeKey[] }[] = [
      ...[E, S, C].map((p) => ({ p, sizes: targets(p, 0) })),
      ...players.map((p, i) => ({ p, sizes: targets(p, i) })),
    ];
    const maxID = Math.max(...everyone.map((x) => x.p.userID));
    for (const size of SIZES) {
      const users = everyone.filter((x) => x.sizes.includes(size.key)).map((x) => newUserDocument(x.p.userID, x.p.username, 1));
      await dbs[size.key].users.insertMany(users);
      await dbs[size.key].counters.replaceOne({ _id: 'users' as never }, { value: maxID }, { upsert: true });
    }

    const charts = new ChartIndex({ version: async () => 'bundled', load: async (game) => loadBundledGame(game) });
    const contents = Object.fromEntries(SIZES.map((z) => [z.key, { players: 0, scores: 0, pbs: 0, sessions: 0 }])) as Record<SizeKey, SizeContents>;
    const playersPerChart = new Map<string, number>();
    const write = async (recorded: Recorded, sizes: SizeKey[]) => {
      const jobs: (() => Promise<unknown>)[] = [];
      for (const size of sizes) {
        const db = dbs[size];
        const chunks = (docs: Doc[], collection: typeof db.scores, n: number) => {
          for (let i = 0; i < docs.length; i += n) {
            const part = docs.slice(i, i + n).map((d) => ({ ...d }));
            jobs.push(() => collection.insertMany(part, { ordered: false }));
          }
        };
        chunks(recorded.scores, db.scores, 2_000);
        chunks(recorded.personalBests, db.personalBests, 2_000);
        chunks(recorded.sessions, db.sessions, 500);
        chunks(recorded.gameStats, db.gameStats, 100);
        chunks(recorded.imports, db.imports, 1);
        contents[size].players++;
        contents[size].scores += recorded.scores.length;
        contents[size].pbs += recorded.personalBests.length;
        contents[size].sessions += recorded.sessions.length;
      }
      // a few insertMany commands in flight: FerretDB and PostgreSQL share the 2 cores
      let next = 0;
      await Promise.all(
        Array.from({ length: 3 }, async () => {
          while (next < jobs.length) await jobs[next++]();
        }),
      );
    };
    let pending: Promise<void> = Promise.resolve();
    let done = 0;
    for (const { p, sizes } of everyone) {
      const { recorded } = await recordImport(charts, { importID: historyImportID(p), userID: p.userID, content: playerHistory(p), submittedAt: HISTORY_END });
      if (recorded.scores.length !== p.scores) throw new Error(`D1 history of ${p.username}: ${recorded.scores.length} of ${p.scores} scores`);
      if (sizes.includes('full')) for (const pb of recorded.personalBests) playersPerChart.set(pb.chartID as string, (playersPerChart.get(pb.chartID as string) ?? 0) + 1);
      await pending; // recording the next player overlaps the writes of this one
      pending = write(recorded, sizes);
      if (++done % 20 === 0 || done === everyone.length) {
        log(`D1 build: ${done} of ${everyone.length} players, ${contents.full.scores.toLocaleString('en-US')} scores in d1_full (${Math.round((performance.now() - t0) / 1000)} s)`);
      }
    }
    await pending;
    // counted by PostgreSQL (FerretDB answers a count by reading every document)
    for (const size of SIZES) {
      const table = (await ferretTables(`${cluster}/${pgDatabase}`, size.db)).get('scores');
      const n = Number(await psql(`${cluster}/${pgDatabase}`, `SELECT count(*) FROM "${size.db}"."${table}"`));
      if (n !== contents[size.key].scores) throw new Error(`D1 build: ${size.db} holds ${n} scores, expected ${contents[size.key].scores}`);
    }
    const counts = [...playersPerChart.values()].sort((a, b) => a - b);
    const histories = players.map((p) => p.scores).sort((a, b) => a - b);
    return {
      key,
      builtAt: new Date().toISOString(),
      buildS: 0,
      sizes: contents,
      overlap: {
        charts: counts.length,
        median: percentileOf(counts, 50),
        p90: percentileOf(counts, 90),
        max: counts[counts.length - 1],
        pbsOnSharedCharts: counts.filter((c) => c > 1).reduce((a, b) => a + b, 0),
      },
      histories: { min: histories[0], median: percentileOf(histories, 50), max: histories[histories.length - 1] },
    };
  } finally {
    for (const db of Object.values(dbs)) await db.close().catch(() => {});
    await ferret.stop();
  }
}

const describeContents = (c: SizeContents) =>
  `${c.players} players, ${c.scores.toLocaleString('en-US')} scores, ${c.pbs.toLocaleString('en-US')} PBs, ${c.sessions.toLocaleString('en-US')} sessions`;

let shared: Promise<Population> | null = null;

/**
 * The populated databases for this run (built or taken from the cache, then copied), served by a
 * FerretDB of their own; D1 and LK share one. `close()` stops it and drops the copy.
 */
export function population(s: PopulationSettings, mode: 'full' | 'quick', rebuild: boolean, log: (m: string) => void): Promise<Population> {
  shared ??= openPopulation(s, mode, rebuild, log);
  return shared;
}

async function openPopulation(s: PopulationSettings, mode: 'full' | 'quick', rebuild: boolean, log: (m: string) => void): Promise<Population> {
  const cluster = pgClusterUrl();
  if (!cluster) throw new Error('BENCH_PG_URL is not set: run the suite with `npm run bench` (scripts/bench.sh)');
  const admin = `${cluster}/postgres`;
  const key = await cacheKey(s, cluster);
  const cacheName = `${PREFIX}${mode}_${key}`;
  const copyName = `${PREFIX}run_${process.pid}`;
  const notes: string[] = [];
  const t0 = performance.now();
  const info = await withLock(log, async () => {
    // leftovers: copies of runs that are gone, caches of other keys (same mode), unfinished builds
    const existing = (await psql(admin, `SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname LIKE '${PREFIX}%'`))
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, ...rest] = l.split('|');
        return { name, comment: rest.join('|') };
      });
    for (const d of existing) {
      const run = /^score_import_bench_d1_run_(\d+)$/.exec(d.name);
      const stale = run ? !alive(Number(run[1])) : d.name.startsWith(`${PREFIX}${mode}_`) && (d.name !== cacheName || rebuild);
      if (stale) {
        log(`D1: dropping ${d.name} (${run ? 'copy of a finished run' : rebuild ? '--rebuild-d1' : 'made by other code or settings, or unfinished'})`);
        await psql(admin, `DROP DATABASE IF EXISTS "${d.name}" WITH (FORCE)`);
      }
    }
    const cached = existing.find((d) => d.name === cacheName && !rebuild);
    let built: BuildInfo | null = null;
    if (cached) {
      try {
        built = JSON.parse(cached.comment) as BuildInfo;
      } catch {
        built = null;
      }
      if (!built || built.key !== key) {
        await psql(admin, `DROP DATABASE IF EXISTS "${cacheName}" WITH (FORCE)`);
        built = null;
      }
    }
    if (built) {
      log(`D1: the populated database ${cacheName} is cached (built ${built.builtAt} in ${Math.round(built.buildS)} s)`);
      notes.push(`populated database taken from the cache \`${cacheName}\` (built ${built.builtAt} in ${Math.round(built.buildS)} s; key ${key})`);
    } else {
      const tmp = `${cacheName}_tmp`;
      await psql(admin, `DROP DATABASE IF EXISTS "${tmp}" WITH (FORCE)`);
      log(`D1: building the populated database (${s.players} players, ${s.scores.toLocaleString('en-US')} scores); cached afterwards as ${cacheName}`);
      const tb = performance.now();
      built = await build(cluster, tmp, s, key, log);
      log(`D1: VACUUM ANALYZE of the built database`);
      await psql(`${cluster}/${tmp}`, 'VACUUM (ANALYZE)', 3_600_000);
      built.buildS = (performance.now() - tb) / 1000;
      await psql(admin, `ALTER DATABASE "${tmp}" RENAME TO "${cacheName}"`);
      await psql(admin, `COMMENT ON DATABASE "${cacheName}" IS '${JSON.stringify(built).replace(/'/g, "''")}'`);
      log(`D1: built in ${Math.round(built.buildS)} s`);
      notes.push(`populated database built from scratch in ${Math.round(built.buildS)} s (then cached as \`${cacheName}\`)`);
    }
    const tc = performance.now();
    await psql(admin, `DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`);
    await psql(admin, `CREATE DATABASE "${copyName}" TEMPLATE "${cacheName}" STRATEGY FILE_COPY`, 3_600_000);
    const size = await psql(admin, `SELECT pg_size_pretty(pg_database_size('${copyName}'))`);
    notes.push(`this run measures on a copy (\`CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY\`, ${size}, ${Math.round((performance.now() - tc) / 1000)} s), dropped at the end`);
    return built;
  });
  let ferret: FerretDBProcess;
  try {
    ferret = await startFerretDB(copyName, await freePort());
  } catch (err) {
    await psql(admin, `DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`).catch(() => {});
    throw err;
  }
  for (const size of SIZES) notes.push(`${size.db} (${size.label}): ${describeContents(info.sizes[size.key])} before the measurements`);
  log(`D1: populated database ready in ${Math.round((performance.now() - t0) / 1000)} s: ${SIZES.map((z) => `${z.db} ${describeContents(info.sizes[z.key])}`).join('; ')}`);
  const { E, S, C } = existingPlayers(s);
  return {
    mongoBase: ferret.mongoBase,
    pgUrl: `${cluster}/${copyName}`,
    info,
    players: playerSpecs(s),
    E,
    S,
    C,
    notes,
    close: async () => {
      await ferret.stop();
      await psql(admin, `DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`).catch(() => {});
      shared = null;
    },
  };
}

/** A file of some of an existing player's later plays. */
export function laterPlays(p: ExistingPlayer, from: number, to: number): Buffer {
  if (to > p.continuation.length) throw new Error(`${p.username} has ${p.continuation.length} later plays, asked for ${to}`);
  return Buffer.from(JSON.stringify({ meta: p.meta, scores: p.continuation.slice(from, to) }));
}

/** The history file of a player (as imported into the populated database). */
export function playerHistory(p: PlayerSpec | ExistingPlayer): Buffer {
  if ('continuation' in p) {
    const { file } = generatePlays({ game: GAME, scores: p.total, seed: p.seed });
    return Buffer.from(JSON.stringify({ meta: file.meta, scores: file.scores.slice(0, p.scores) }));
  }
  return Buffer.from(JSON.stringify(generatePlays({ game: GAME, scores: p.scores, seed: p.seed }).file));
}

/** The importID of a player's history import (deterministic). */
export const historyImportID = (p: PlayerSpec) => createHash('sha1').update(`D1 history of ${p.username}`).digest('hex');
