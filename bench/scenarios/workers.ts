/**
 * W1: 8 players import at once; 1 vs 2 worker processes, against the raw driver's insertMany of
 * the same documents with 1 vs 2 concurrent writer processes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Ctx } from '../lib/context.ts';
import { gameOf, resetData } from '../lib/context.ts';
import { assertClean, type TimedImport } from '../lib/client.ts';
import { pgActivity, pgConnections, startRawWriter, type Proc } from '../lib/procs.ts';
import { fmt, list, median, withCpuBusy } from '../lib/stats.ts';
import { restartFerretDB } from '../lib/ferretdb.ts';
import { scratchCollection, storedScores } from './imports.ts';

class ConcurrentImportsFailed extends Error {}

/**
 * No progress for a while: stuck if FerretDB's PostgreSQL connections have all been quiet (no
 * query started or finished on any of them) for 15 s while it holds some — FerretDB waiting on its
 * own connection pool, the deadlock of docs/development.md rule 4 (running update commands hold
 * connections while they wait for more). Otherwise only slow. Without BENCH_PG_URL: stuck.
 */
const poolExhausted = async (): Promise<boolean> => {
  const c = await pgConnections();
  return c === null || (c.total > 0 && c.active === 0 && c.quietS >= 15);
};

const describeError = (e: unknown): string => {
  const err = e as Error & { cause?: unknown };
  return err.cause ? `${err.message} (${String((err.cause as Error).message ?? err.cause)})` : String(err.message ?? e);
};

/** The service's default WORKER_CONCURRENCY (packages/config). */
const DEFAULT_CONCURRENCY = 4;
let runningConcurrency = DEFAULT_CONCURRENCY;

async function setWorkers(ctx: Ctx, n: number, concurrency = DEFAULT_CONCURRENCY): Promise<void> {
  if (concurrency !== runningConcurrency) {
    await ctx.stack.stopWorkers();
    runningConcurrency = concurrency;
  }
  while (ctx.stack.workers.length > n) await ctx.stack.stopWorker(ctx.stack.workers[ctx.stack.workers.length - 1]);
  while (ctx.stack.workers.length < n) await ctx.stack.addWorker({ WORKER_CONCURRENCY: String(concurrency) });
}

/** 8 players upload at once; the time until the last import is completed. */
async function concurrentImports(ctx: Ctx, round: number, workers: number, how: Measurement): Promise<{ ms: number; busy: number; importIDs: string[] }> {
  const s = ctx.settings.w1;
  const disjoint = how.disjoint;
  await setWorkers(ctx, workers, how.concurrency);
  await resetData(ctx);
  const users: { userID: number; token: string }[] = [];
  for (let i = 0; i < s.users; i++) users.push(await ctx.stack.newUser());
  const perGame = Math.ceil(s.users / 2);
  const files = users.map((_, i) =>
    ctx.file(gameOf(i), s.size, `W1-${round}-${i}`, undefined, disjoint ? { index: Math.floor(i / 2), of: perGame } : undefined),
  );
  const t0 = performance.now();
  const { result: settled, busy } = await withCpuBusy(() =>
    Promise.allSettled(
      users.map((u, i) => ctx.stack.client.timedImport(u.token, files[i], s.pollMs, s.timeoutS * 1000, s.stallS * 1000, poolExhausted)),
    ),
  );
  const ms = performance.now() - t0;
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    throw new ConcurrentImportsFailed(
      `${failed.length} of ${s.users} concurrent imports with ${workers} worker process(es) did not complete: ${describeError(failed[0].reason)}`,
    );
  }
  const results = settled.map((r) => (r as PromiseFulfilledResult<TimedImport>).value);
  results.forEach((r) => assertClean(r.doc, s.size, 'W1 import'));
  return { ms, busy, importIDs: results.map((r) => r.importID) };
}

/** The same documents with `writers` concurrent raw-writer processes into a fresh collection. */
async function rawWriters(ctx: Ctx, batches: Record<string, unknown>[][], writers: number): Promise<{ ms: number; busy: number }> {
  const collection = await scratchCollection(ctx);
  const procs: Proc[] = [];
  try {
    for (let w = 0; w < writers; w++) {
      const mine = batches.filter((_, i) => i % writers === w);
      const file = join(ctx.tmpDir, `w1-writer-${w}.json`);
      writeFileSync(file, JSON.stringify(mine));
      procs.push(await startRawWriter(ctx.stack.mongoUrl, collection.collectionName, file));
    }
    const done = procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          let out = '';
          p.child.stdout!.on('data', (t: string) => {
            out += t;
            if (out.includes('"ms"')) resolve();
          });
          p.child.once('exit', (code) => (code === 0 && out.includes('"ms"') ? resolve() : reject(new Error(`raw writer exited ${code}: ${p.tail()}`))));
        }),
    );
    const t0 = performance.now();
    const { busy } = await withCpuBusy(async () => {
      for (const p of procs) p.child.stdin!.write('go\n');
      await Promise.all(done);
    });
    return { ms: performance.now() - t0, busy };
  } finally {
    for (const p of procs) await p.stop();
    await collection.drop().catch(() => {});
  }
}

interface Scaling {
  svc: Record<1 | 2, number[]>;
  raw: Record<1 | 2, number[]>;
  /** how busy the machine's CPUs were during each measurement (0–1 of all cores) */
  busy: { svc: Record<1 | 2, number[]>; raw: Record<1 | 2, number[]> };
}

const newScaling = (): Scaling => ({ svc: { 1: [], 2: [] }, raw: { 1: [], 2: [] }, busy: { svc: { 1: [], 2: [] }, raw: { 1: [], 2: [] } } });

interface Measurement {
  /** each player on charts no other player has (no ranking updates between concurrent imports) */
  disjoint: boolean;
  budgetS: number;
  /** WORKER_CONCURRENCY of each worker process */
  concurrency: number;
}

/** Rounds of [8 imports with 1 worker, with 2 workers, raw with 1 writer, with 2] in alternating order. */
async function measureScaling(ctx: Ctx, how: Measurement, m: Scaling): Promise<void> {
  const s = ctx.settings.w1;
  const { disjoint, budgetS } = how;
  const started = performance.now();
  for (let r = 0; r < s.maxRounds; r++) {
    const elapsed = (performance.now() - started) / 1000;
    const estimate = r === 0 ? 0 : elapsed / r;
    if (r >= s.minRounds && elapsed + estimate > budgetS) break;
    const order: (1 | 2)[] = r % 2 === 0 ? [1, 2] : [2, 1];
    let last: string[] = [];
    for (const k of order) {
      const { ms, busy, importIDs } = await concurrentImports(ctx, r, k, how);
      m.svc[k].push(ms);
      m.busy.svc[k].push(busy);
      last = importIDs;
      ctx.log(`W1${disjoint ? ' (disjoint charts)' : ''} round ${r + 1}: ${s.users} imports with ${k} worker process(es) in ${fmt(ms)} ms`);
    }
    const batches: Record<string, unknown>[][] = [];
    for (const id of last) batches.push(await storedScores(ctx, id));
    for (const k of order) {
      const { ms, busy } = await rawWriters(ctx, batches, k);
      m.raw[k].push(ms);
      m.busy.raw[k].push(busy);
    }
    ctx.log(`W1${disjoint ? ' (disjoint charts)' : ''} round ${r + 1}: raw ${fmt(m.raw[1][r])} ms with 1 writer, ${fmt(m.raw[2][r])} ms with 2`);
  }
}

const pct = (values: readonly number[]): string => (values.length ? `${Math.round(median(values) * 100)}%` : '—');

function summary(ctx: Ctx, m: Scaling) {
  const total = ctx.settings.w1.users * ctx.settings.w1.size;
  const svcScaling = median(m.svc[1]) / median(m.svc[2]);
  const rawScaling = median(m.raw[1]) / median(m.raw[2]);
  return {
    svcScaling,
    rawScaling,
    ratio: svcScaling / rawScaling,
    figure: `×${svcScaling.toFixed(2)} (${fmt((total / median(m.svc[1])) * 1000)} → ${fmt((total / median(m.svc[2])) * 1000)} scores/s)`,
    reference: `raw insertMany ×${rawScaling.toFixed(2)} (${fmt((total / median(m.raw[1])) * 1000)} → ${fmt((total / median(m.raw[2])) * 1000)} docs/s)`,
    rounds: `per round (ms): service 1 worker ${list(m.svc[1])}; 2 workers ${list(m.svc[2])}; raw 1 writer ${list(m.raw[1])}; 2 writers ${list(m.raw[2])}`,
    cpu: `CPU busy meanwhile (median, % of all ${availableParallelism()} cores): service 1 worker ${pct(m.busy.svc[1])}, 2 workers ${pct(m.busy.svc[2])}; raw 1 writer ${pct(m.busy.raw[1])}, 2 writers ${pct(m.busy.raw[2])}`,
  };
}

export async function runWorkerScenario(ctx: Ctx): Promise<void> {
  const s = ctx.settings.w1;
  const scenario = `${s.users} concurrent imports by ${s.users} players (${fmt(s.size)} scores each), 1 vs 2 worker processes`;
  const target = '≥ 0.9× of the raw scaling factor';
  const how = `all ${s.users} uploads at once (SDVX and CHUNITHM players, charts shared between players), time until the last poll says completed; WORKER_CONCURRENCY ${s.concurrency} per worker process, so that each process takes one import at a time as each raw writer process writes one import's documents at a time; raw: the same stored documents (one insertMany per import) from 1 or 2 writer processes into a fresh collection with the scores indexes`;
  const started = performance.now();
  const m = newScaling();
  const atDefault = newScaling();
  try {
    await measureScaling(ctx, { disjoint: false, budgetS: s.budgetS, concurrency: s.concurrency }, m);
    if (s.defaultBudgetS > 0) await measureScaling(ctx, { disjoint: false, budgetS: s.defaultBudgetS, concurrency: DEFAULT_CONCURRENCY }, atDefault);
  } catch (err) {
    if (!(err instanceof ConcurrentImportsFailed)) throw err;
    // The service got stuck or failed: say what the database and the service were doing, recover,
    // then measure what comes closest: players who share no chart (no ranking updates between them).
    const conns = await pgConnections();
    const pg =
      (conns ? `${conns.total} connections, ${conns.active} running a query, none started or finished one for ${Math.round(conns.quietS)} s; ` : '') +
      (await pgActivity());
    const problems = ctx.stack.problems().slice(-4);
    ctx.log(`W1: ${err.message}\nPostgreSQL: ${pg}\n${problems.join('\n')}`);
    await ctx.stack.stopWorkers(true);
    // the stuck jobs would be retried by the next workers and get stuck again
    await ctx.stack.purgeQueue();
    // FerretDB keeps the PostgreSQL connections of commands it was running for the killed workers,
    // so a restart is what gives the next measurements a whole connection pool again
    let recovery = 'the worker processes were then killed, the queue emptied';
    if (await restartFerretDB()) {
      const back = await ctx.stack.databaseAnswers(60_000);
      recovery += `, and FerretDB restarted (it keeps the PostgreSQL connections of the stuck commands otherwise)${back ? '' : ', but the database did not answer again'}`;
    } else {
      const back = await ctx.stack.databaseAnswers(30_000);
      recovery += back ? '; the database answered again' : '; the database did not answer again';
    }
    ctx.log(`W1: ${recovery}`);
    const d = newScaling();
    let closest = 'not measured';
    try {
      const left = Math.max(30, s.budgetS - (performance.now() - started) / 1000);
      await measureScaling(ctx, { disjoint: true, budgetS: left, concurrency: s.concurrency }, d);
      const x = summary(ctx, d);
      closest = `${x.figure} vs ${x.reference}: ${x.ratio.toFixed(2)}× of the raw scaling factor (${x.rounds})`;
    } catch (err2) {
      closest = `failed too: ${(err2 as Error).message}`;
      await ctx.stack.stopWorkers(true);
      await ctx.stack.purgeQueue();
      await restartFerretDB();
      await ctx.stack.databaseAnswers(60_000);
    }
    await setWorkers(ctx, 0);
    ctx.rows.push({
      id: 'W1',
      scenario,
      figure: 'imports did not complete',
      reference: m.raw[1].length ? summary(ctx, m).reference : '—',
      ratio: '—',
      target,
      verdict: 'FAIL',
      details: [
        how,
        `${err.message}`,
        `PostgreSQL connections of the bench's FerretDB database at that moment (count × state: query): ${pg}`,
        ...problems.map((l) => `service log: \`${l.slice(0, 600).replace(/`/g, "'")}\``),
        recovery,
        `closest measurement — the same with each player's charts disjoint from the others' (no PB ranking updates between concurrent imports): ${closest}`,
        ...(m.svc[1].length || m.svc[2].length
          ? [
              `before that, on shared charts (ms): ${s.users} imports with 1 worker process ${list(m.svc[1]) || '—'}; with 2 ${list(m.svc[2]) || '—'}; raw 1 writer ${list(m.raw[1]) || '—'}; 2 writers ${list(m.raw[2]) || '—'}`,
            ]
          : []),
      ],
    });
    return;
  }

  const x = summary(ctx, m);
  // With the default concurrency one worker process already runs 4 imports at once: how busy the
  // machine then is says whether a second process has anything left to use.
  let defaultConcurrency = 'not measured';
  if (atDefault.svc[2].length > 0) {
    const y = summary(ctx, atDefault);
    defaultConcurrency = `${y.figure} vs ${y.reference}: ${y.ratio.toFixed(2)}× of the raw scaling factor (${y.rounds}; ${y.cpu})`;
  }
  await setWorkers(ctx, 0, DEFAULT_CONCURRENCY);
  ctx.rows.push({
    id: 'W1',
    scenario,
    figure: x.figure,
    reference: x.reference,
    ratio: `${x.ratio.toFixed(2)}×`,
    target,
    verdict: x.ratio >= 0.9 ? 'pass' : 'FAIL',
    details: [how, x.rounds, x.cpu, `with the default WORKER_CONCURRENCY of ${DEFAULT_CONCURRENCY} per process: ${defaultConcurrency}`],
  });
}
