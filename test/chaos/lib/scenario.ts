/**
 * One run of the plan on a fresh database and Redis key prefix: API instances and workers as real
 * processes, every player's actions in order (players side by side), and, for the chaos run, the
 * faults. Ends once every player is done and the service has settled (no queued or running job,
 * no unfinished import of any user), with a snapshot of what it stored.
 */
import { Redis } from 'ioredis';
import { connectDatabase, createToken, createUser, ensureIndexes } from '@score-import/db';
import { createImportQueue, UserLeases } from '@score-import/queue';
import { PlayerClient, Stuck, type CompletedImport, type FailedAttempt } from './client.ts';
import { EventLog } from './events.ts';
import { FAULT_LABELS, type ChaosOptions, type FaultKind } from './options.ts';
import type { ChaosPlan, FaultPlan } from './plan.ts';
import { apiProcess, workerProcess, type Managed } from './processes.ts';
import { Rng } from './rng.ts';
import { takeSnapshot, type Snapshot } from './snapshot.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ImportOutcome {
  position: number;
  result: CompletedImport | null;
  failures: FailedAttempt[];
  submissions: number;
}

export interface RevertOutcome {
  target: number;
  importID: string | null;
  ok: boolean;
  conflicts: number;
  afterLostAnswer: boolean;
}

export interface PlayerOutcome {
  name: string;
  userID: number;
  imports: Map<number, ImportOutcome>;
  reverts: RevertOutcome[];
  /** the player could not finish (the service never completed something) */
  error?: string;
}

export interface FaultRecord {
  plan: FaultPlan;
  injected: boolean;
  at?: number;
  target?: string;
  inFlight?: number;
  downMs?: number;
}

export interface ScenarioResult {
  name: string;
  log: EventLog;
  players: PlayerOutcome[];
  faults: FaultRecord[];
  snapshot: Snapshot;
  settled: boolean;
  settleDetail: string;
  durationMs: number;
}

export interface Shared {
  redis: Managed & { url: string };
  ferretdb: Managed & { mongoBase: string };
  logDir: string;
}

/** The environment of the service's processes (README "Configuration"). */
function serviceEnv(options: ChaosOptions, shared: Shared, name: string): Record<string, string> {
  return {
    MONGO_URL: `${shared.ferretdb.mongoBase}/${name}`,
    REDIS_URL: shared.redis.url,
    KEY_PREFIX: `chaos_${name}`,
    JOB_LOCK_MS: String(options.jobLockMs),
    STALLED_INTERVAL_MS: String(options.stalledIntervalMs),
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    REQUIRE_DURABLE_REDIS: 'true',
    SUBMIT_RATE_LIMIT: '1000',
    WORKER_SHUTDOWN_GRACE_MS: '5000',
  };
}

export async function runScenario(
  name: 'reference' | 'chaos',
  options: ChaosOptions,
  plan: ChaosPlan,
  shared: Shared,
  log: EventLog,
  { faults, deadlineMs }: { faults: boolean; deadlineMs: number },
): Promise<ScenarioResult> {
  const started = Date.now();
  const env = serviceEnv(options, shared, name);
  const db = await connectDatabase(env.MONGO_URL, { serverSelectionTimeoutMS: 60_000 });
  await ensureIndexes(db);
  // the same users, created in the same order, get the same IDs in both runs (score IDs depend on them)
  const users: { userID: number; token: string }[] = [];
  for (const p of plan.players) {
    const { userID } = await createUser(db, p.name);
    const { token } = await createToken(db, p.name, ['submit_score', 'delete_score']);
    users.push({ userID, token });
  }

  const events = { unexpectedExit: (proc: string, detail: string) => log.finding('process exited on its own', `${proc}: ${detail}`) };
  const apis = await Promise.all(
    Array.from({ length: options.apis }, (_, i) => apiProcess(`${name}-api-${i + 1}`, { ...env, LOG_LEVEL: 'warn' }, shared.logDir, events)),
  );
  const workers = Array.from({ length: options.workers }, (_, i) => workerProcess(`${name}-worker-${i + 1}`, { ...env, LOG_LEVEL: 'info' }, shared.logDir, events));
  const jobs = new JobWatch(shared.redis.url, env.KEY_PREFIX);
  await Promise.all([...apis, ...workers].map((p) => p.start()));
  log.note(`${options.apis} API instances and ${options.workers} workers up (${name} run)`);

  const deadline = Date.now() + deadlineMs;
  let finishedActions = 0;
  /** imports accepted and not finished */
  const running = { n: 0 };
  let playersDone = 0;

  const runPlayer = async (p: ChaosPlan['players'][number]): Promise<PlayerOutcome> => {
    const { userID, token } = users[p.index];
    const client = new PlayerClient(p.name, apis.map((a) => a.url), p.index, token, log, deadline, (importID) => jobs.explain(importID));
    const outcome: PlayerOutcome = { name: p.name, userID, imports: new Map(), reverts: [] };
    try {
      for (const action of p.actions) {
        if (action.kind === 'import') {
          const rng = new Rng(`${options.seed}:client:${p.index}:${action.position}`);
          const r = await client.importFile(action.file, `${options.seed}:${name}:${p.name}:${action.position}`, rng, running);
          outcome.imports.set(action.position, { position: action.position, ...r });
          log.count('submissions', r.submissions);
          log.count('resubmissions', r.submissions - 1);
          if (r.result) log.count('imports completed');
        } else {
          const target = outcome.imports.get(action.target)?.result?.importID ?? null;
          if (target === null) {
            outcome.reverts.push({ target: action.target, importID: null, ok: false, conflicts: 0, afterLostAnswer: false });
            continue;
          }
          const r = await client.revert(target);
          outcome.reverts.push({ target: action.target, importID: target, ...r });
          log.count('reverts');
          log.count('revert retries after 409', r.conflicts);
        }
        finishedActions++;
      }
    } catch (err) {
      if (!(err instanceof Stuck)) throw err;
      outcome.error = err.message;
      log.finding('player could not finish', err.message, p.name);
    } finally {
      playersDone++;
    }
    return outcome;
  };

  const faultRecords: FaultRecord[] = plan.faults.map((f) => ({ plan: f, injected: false }));
  const injector = faults
    ? injectFaults(faultRecords, { apis, workers, shared, log, finishedActions: () => finishedActions, players: plan.players.length, inFlight: () => running.n, jobs, allDone: () => playersDone === plan.players.length })
    : Promise.resolve();
  const players = await Promise.all(plan.players.map(runPlayer));
  await injector;
  log.note(`every player done (${name} run)`);

  // whatever is still down comes back before the service is asked to settle
  await Promise.all([shared.redis, shared.ferretdb, ...apis, ...workers].map((p) => (p.up ? undefined : p.start())));
  const { settled, detail } = await settle(shared.redis.url, env.KEY_PREFIX, users.map((u) => u.userID), Math.max(120_000, deadline - Date.now()));
  if (!settled) log.finding('the service did not settle', detail);

  const snapshotStarted = Date.now();
  const snapshot = await takeSnapshot(db, apis.map((a) => a.url), users.map((u) => u.userID));
  log.debug({ event: 'snapshot', ms: Date.now() - snapshotStarted, pbs: [...snapshot.users.values()].reduce((n, u) => n + u.rankedPBs.size, 0) });
  await jobs.close();
  await Promise.all([...apis, ...workers].map((p) => p.stop()));
  for (const p of [...apis, ...workers]) p.close();
  await db.close();
  return { name, log, players, faults: faultRecords, snapshot, settled, settleDetail: detail, durationMs: Date.now() - started };
}

interface FaultContext {
  apis: (Managed & { url: string })[];
  workers: Managed[];
  shared: Shared;
  log: EventLog;
  finishedActions(): number;
  players: number;
  jobs: JobWatch;
  inFlight(): number;
  allDone(): boolean;
}

/**
 * Injects the planned faults, each at its moment (once enough actions have started, then its
 * delay); faults of different components overlap, one component is never hit twice at once.
 * Stops injecting when every player is done; resolves once every component is back.
 */
async function injectFaults(records: FaultRecord[], ctx: FaultContext): Promise<void> {
  const busy = new Map<Managed, Promise<void>>();
  const running: Promise<void>[] = [];
  const untilFree = async (m: Managed) => {
    while (busy.has(m)) await busy.get(m);
  };
  for (const record of records) {
    const f = record.plan;
    // its moment: once enough actions are done (progress, not the clock) and its component is
    // free (back from an earlier fault), then the fault's small random delay, then as soon as an
    // import is under way (not between imports; an outage longer than the retries waits for two:
    // it must fail some)
    while (ctx.finishedActions() < f.afterActions && !ctx.allDone()) await sleep(50);
    const target = await chooseTarget(f.kind, f.target, ctx, busy);
    await untilFree(target);
    await sleep(f.delayMs);
    const wanted = f.kind === 'database-long' ? Math.min(2, ctx.players) : 1;
    while (ctx.inFlight() < wanted && !ctx.allDone()) await sleep(20);
    if (f.kind === 'worker') await ctx.jobs.untilNoneAtStallLimit(() => ctx.allDone());
    if (ctx.allDone()) break;
    const injectOne = async (): Promise<void> => {
      record.injected = true;
      record.at = Date.now();
      record.target = target.name;
      record.inFlight = ctx.inFlight();
      record.downMs = f.downMs;
      const pid = target.pid;
      await target.kill();
      ctx.log.count(`faults: ${f.kind}`);
      ctx.log.note(
        `fault ${f.id}: SIGKILL ${target.name} (pid ${pid}) with ${record.inFlight} imports in flight` +
          `; ${f.kind === 'database-long' ? 'held down' : 'down'} ${(f.downMs / 1000).toFixed(1)} s [${FAULT_LABELS[f.kind]}]`,
      );
      await sleep(f.downMs);
      const restarting = Date.now();
      await target.start();
      ctx.log.note(`fault ${f.id}: ${target.name} back up (pid ${target.pid}) after ${((Date.now() - record.at) / 1000).toFixed(1)} s (restart took ${((Date.now() - restarting) / 1000).toFixed(1)} s)`);
    };
    const hit = injectOne().catch((err: unknown) => {
      ctx.log.finding('a component could not be restarted', `${target.name}: ${(err as Error).message.slice(0, 500)}`);
    });
    busy.set(target, hit);
    const done = hit.finally(() => busy.delete(target));
    running.push(done);
  }
  await Promise.all(running);
}

/**
 * The process a fault hits. A worker or an API instance is only killed while every other one of
 * its kind is up (none is still restarting from an earlier fault): clients always have another API
 * instance to turn to, and queued imports a worker.
 */
async function chooseTarget(kind: FaultKind, n: number, ctx: FaultContext, busy: Map<Managed, Promise<void>>): Promise<Managed> {
  if (kind === 'redis') return ctx.shared.redis;
  if (kind === 'database' || kind === 'database-long') return ctx.shared.ferretdb;
  const pool: Managed[] = kind === 'worker' ? ctx.workers : ctx.apis;
  while (pool.some((m) => busy.has(m)) && !ctx.allDone()) await Promise.race(pool.filter((m) => busy.has(m)).map((m) => busy.get(m)));
  return pool[n % pool.length];
}

/**
 * Waits until the service has nothing left to do: no import or clean-up job queued, delayed or
 * running, and no user with an unfinished import (a failed import's clean-up included).
 */
async function settle(redisUrl: string, prefix: string, userIDs: number[], timeoutMs: number): Promise<{ settled: boolean; detail: string }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  const queue = createImportQueue(redis, prefix);
  queue.on('error', () => {});
  const leases = new UserLeases(redis, prefix);
  const deadline = Date.now() + timeoutMs;
  let detail = '';
  try {
    for (;;) {
      try {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
        const unfinished = (await Promise.all(userIDs.map(async (u) => ({ u, list: await leases.unfinished(u) })))).filter((x) => x.list.length > 0);
        const jobs = Object.entries(counts).filter(([, n]) => n > 0);
        detail =
          jobs.length === 0 && unfinished.length === 0
            ? 'nothing queued, nothing unfinished'
            : `jobs ${JSON.stringify(Object.fromEntries(jobs))}; unfinished imports: ${unfinished.map((x) => `user ${x.u}: ${x.list.map((i) => `${i.importID}${i.failure ? ' (clean-up pending)' : ''}`).join(', ')}`).join('; ')}`;
        if (jobs.length === 0 && unfinished.length === 0) return { settled: true, detail };
      } catch (err) {
        detail = `Redis: ${(err as Error).message}`;
      }
      if (Date.now() > deadline) return { settled: false, detail };
      await sleep(500);
    }
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

/**
 * The run's BullMQ queue seen from the driver. A worker kill stalls the imports it was running, and
 * an import stalled more than maxStalledCount (2) times fails with 500 by design (the poison-pill
 * guard of docs/reliability.md, tested in test/reliability/worker-crash.test.ts); so a worker is
 * not killed while an import that has stalled twice already is running. (Any 500 is a finding.)
 */
class JobWatch {
  private readonly redis: Redis;
  private readonly queue: ReturnType<typeof createImportQueue>;

  constructor(url: string, prefix: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null });
    this.redis.on('error', () => {});
    this.queue = createImportQueue(this.redis, prefix);
    // Redis is SIGKILLed now and then: its errors are expected here
    this.queue.on('error', () => {});
  }

  private within<T>(ms: number, p: Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([p, new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))]).finally(() => clearTimeout(timer));
  }

  /** Waits (at most two minutes) until no running import has stalled twice. */
  async untilNoneAtStallLimit(stop: () => boolean): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (!stop() && Date.now() < deadline) {
      const active = await this.within(5_000, this.queue.getActive().catch(() => null));
      if (active && !active.some((j) => j.name === 'import' && (j.stalledCounter ?? 0) >= 2)) return;
      await sleep(250);
    }
  }

  /** The job's failure reason and stalls, e.g. "job: failed 'job stalled more than allowable limit', stalled 3 times, 4 attempts made" */
  async explain(importID: string): Promise<string> {
    const job = await this.within(5_000, this.queue.getJob(importID).catch(() => null));
    if (!job) return 'job: not found';
    return `job: failed ${JSON.stringify(job.failedReason ?? null)}, stalled ${job.stalledCounter ?? 0} times, ${job.attemptsMade} attempts made`;
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => {});
    this.redis.disconnect();
  }
}
