/**
 * The benchmark suite (issues 5, 12 and 13). Run it with `npm run bench` (scripts/bench.sh starts
 * a private Redis and FerretDB first and passes their URLs in BENCH_MONGO_URL / BENCH_REDIS_URL).
 *
 *   npm run bench                    full run (about 25 minutes on the shared 2-core machine, plus
 *                                    10–25 to build D1's populated database the first time), writes BENCHMARKS.md
 *   npm run bench -- --quick         small sizes, few rounds (a few minutes)
 *   npm run bench -- --large         more rounds and longer budgets for every scenario but D1
 *   npm run bench -- --only P1,I2    some scenarios only (--only D1: the populated database alone)
 *   npm run bench -- --rebuild-d1    build D1's populated database from scratch (not from the cache)
 *   npm run bench -- --prepare-d1    only build (or find) D1's cached populated database, measure nothing
 *   npm run bench -- --out FILE      write the report somewhere else
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { benchFile, FULL, LARGE, QUICK, type Ctx, type Row } from './lib/context.ts';
import { killChildren, ROOT } from './lib/procs.ts';
import { ServiceStack } from './lib/stack.ts';
import { currentLoad, writeReport } from './report.ts';
import { runPollScenarios } from './scenarios/poll.ts';
import { runImportScenarios } from './scenarios/imports.ts';
import { runPipelineScenarios } from './scenarios/pipeline.ts';
import { runLatencyScenario } from './scenarios/latency.ts';
import { runWorkerScenario } from './scenarios/workers.ts';
import { runMemoryScenarios } from './scenarios/memory.ts';
import { runPopulatedScenarios } from './scenarios/populated.ts';
import { population } from './lib/populated.ts';
import { runCompletedPollScenario } from './scenarios/poll.ts';

const ALL = ['P1', 'P2', 'P3', 'P1c', 'I1', 'I2', 'I3', 'I4', 'L1', 'W1', 'M1', 'M2', 'S1', 'LK', 'D1'] as const;
const SCENARIOS: Record<(typeof ALL)[number], string> = {
  P1: 'poll-status req/s vs a hello-world route',
  P2: 'poll-status p99 at 1,000 req/s vs hello-world',
  P3: 'Redis and database commands per ongoing poll',
  P1c: "a completed import's poll-status req/s vs hello-world, and its commands",
  I1: 'end-to-end import scores/s vs raw insertMany, per game',
  I2: 'database commands per 1,000 imported scores',
  I3: 'import time growth with size (linearity), per game',
  I4: 'progress publishing on vs off',
  L1: 'one-score import latency',
  W1: '1 vs 2 worker processes vs raw writer scaling',
  M1: 'worker peak RSS over consecutive large imports, every game loaded',
  M2: 'idle API process RSS',
  S1: 'process start-up: spawn → /readyz 200',
  LK: "findByKeys' threshold: point lookups vs one equality read",
  D1: 'imports into a populated database (0, ~10%, 100% of 1,000,000 scores)',
};

/** rows of a scenario with several (D1a, D1b, …) sort under its id */
const order = (id: string): number => {
  const i = (ALL as readonly string[]).indexOf(id);
  return i >= 0 ? i : (ALL as readonly string[]).indexOf(id.replace(/[a-z]$/, ''));
};

function usage(): never {
  console.log(`usage: npm run bench -- [--quick | --large] [--only ${ALL.join(',')}] [--rebuild-d1] [--prepare-d1] [--out FILE]\n`);
  for (const id of ALL) console.log(`  ${id}  ${SCENARIOS[id]}`);
  process.exit(0);
}

function parseArgs(argv: string[]) {
  let quick = false;
  let rebuildD1 = false;
  let prepareD1 = false;
  let large = false;
  let only: Set<string> = new Set(ALL);
  let out = join(ROOT, 'BENCHMARKS.md');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    if (a === '--quick') quick = true;
    else if (a === '--rebuild-d1') rebuildD1 = true;
    else if (a === '--prepare-d1') prepareD1 = true;
    else if (a === '--large') large = true;
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('--only')) {
      const asked = value().split(',').map((s) => s.trim()).filter(Boolean);
      only = new Set(asked.map((id) => ALL.find((known) => known.toLowerCase() === id.toLowerCase()) ?? id));
      for (const id of only) if (!(ALL as readonly string[]).includes(id)) throw new Error(`unknown scenario ${id}; known: ${ALL.join(', ')}`);
    } else if (a.startsWith('--out')) out = resolve(value());
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  if (quick && large) throw new Error('--quick and --large exclude each other');
  return { quick, large, rebuildD1, prepareD1, only, out };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`bench: ${signal}, stopping the processes it started`);
      killChildren();
      process.exit(130);
    });
  }
  const mongoBase = process.env.BENCH_MONGO_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!mongoBase || !redisUrl) {
    console.error('BENCH_MONGO_URL and BENCH_REDIS_URL are not set: run the suite with `npm run bench` (scripts/bench.sh).');
    process.exit(2);
  }
  const settings = args.quick ? QUICK : args.large ? LARGE : FULL;
  const startedAt = new Date();
  const t0 = performance.now();
  const loadStart = currentLoad();
  const rows: Row[] = [];
  const log = (m: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`);
  const tmpDir = mkdtempSync(join(tmpdir(), 'score-import-bench-'));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const mongo = new MongoClient(mongoBase);
  await mongo.connect();

  log(`${args.quick ? 'quick' : args.large ? 'large' : 'full'} run of ${[...args.only].join(', ')}; database ${mongoBase}, Redis ${redisUrl}`);
  const stack = await ServiceStack.start({ mongoBase, redisUrl }, `bench_${process.pid}`);
  log(`API process ${stack.api.pid} on ${stack.client.base}`);
  const ctx: Ctx = { settings, env: { mongoBase, redisUrl }, stack, redis, mongo, tmpDir, rows, log, file: benchFile, rebuildD1: args.rebuildD1 };

  if (args.prepareD1) {
    // the populated database only: built (or found) and cached for later runs, nothing measured, no report
    try {
      const pop = await population(settings.d1, settings.quick ? 'quick' : 'full', args.rebuildD1, log);
      for (const note of pop.notes) log(`D1: ${note}`);
      await pop.close();
    } finally {
      await stack.close().catch((err: unknown) => log(`closing the service: ${String(err)}`));
      redis.disconnect();
      await mongo.close();
      rmSync(tmpDir, { recursive: true, force: true });
    }
    log(`D1's populated database is ready in the cache (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    process.exit(0);
  }

  const has = (...ids: string[]) => ids.some((id) => args.only.has(id));
  const attempt = async (ids: string[], fn: () => Promise<void>) => {
    if (!has(...ids)) return;
    const before = rows.length;
    const t = performance.now();
    try {
      await fn();
    } catch (err) {
      log(`${ids.join('/')} failed: ${(err as Error).stack ?? String(err)}`);
      const problems = stack.problems();
      if (problems.length > 0) log(`what the service logged:\n${problems.slice(-12).join('\n')}`);
      for (const id of ids.filter((i) => args.only.has(i) && !rows.slice(before).some((r) => order(r.id) === order(i)))) {
        rows.push({
          id,
          scenario: SCENARIOS[id as (typeof ALL)[number]],
          figure: 'error',
          reference: '—',
          ratio: '—',
          target: '—',
          verdict: 'FAIL',
          details: [
            `the scenario failed: ${(err as Error).message.split('\n')[0]}`,
            ...stack.problems().slice(-4).map((l) => `service log: \`${l.slice(0, 600).replace(/`/g, "'")}\``),
          ],
        });
      }
    }
    log(`${ids.filter((i) => args.only.has(i)).join('/')} done in ${((performance.now() - t) / 1000).toFixed(1)} s (${rows.length - before} rows)`);
  };

  try {
    // no worker yet: the ongoing import of P1–P3 stays ongoing
    await attempt(['P1', 'P2', 'P3'], () => runPollScenarios(ctx, args.only));
    await attempt(['I2', 'I4'], () => runPipelineScenarios(ctx, args.only));
    if (has('P1c', 'L1', 'I1', 'I3')) {
      await stack.addWorker();
      log(`worker process ${stack.workers[0].pid} ready`);
    }
    await attempt(['P1c'], () => runCompletedPollScenario(ctx));
    await attempt(['L1'], () => runLatencyScenario(ctx));
    await attempt(['I1', 'I3'], () => runImportScenarios(ctx, args.only));
    await attempt(['W1'], () => runWorkerScenario(ctx));
    await attempt(['M1', 'M2', 'S1'], () => runMemoryScenarios(ctx, args.only));
    // last: the populated database's build (when not cached) and its measurements are the longest
    await stack.stopWorkers();
    await attempt(['LK', 'D1'], () => runPopulatedScenarios(ctx, args.only));
  } finally {
    await stack.close().catch((err: unknown) => log(`closing the service: ${String(err)}`));
    redis.disconnect();
    await mongo.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }

  rows.sort((a, b) => order(a.id) - order(b.id));
  const durationS = (performance.now() - t0) / 1000;
  writeReport(args.out, rows, {
    command: process.env.BENCH_COMMAND ?? `node --import tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    settings,
    startedAt,
    durationS,
    loadStart,
    loadEnd: currentLoad(),
    only: [...args.only],
  });
  console.log('');
  for (const r of rows) console.log(`${r.id.padEnd(4)} ${r.verdict.padEnd(4)} ${r.figure} | ref ${r.reference} | ratio ${r.ratio} | target ${r.target}`);
  log(`wrote ${args.out}`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
