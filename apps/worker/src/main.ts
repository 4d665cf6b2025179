import { loadConfig, ConfigError, type Config } from '@score-import/config';
import { loadChartIndex } from '@score-import/core';
import { connectDatabase, ensureIndexes, probeDatabase } from '@score-import/db';
import { assertDurableRedis, checkReadiness, createImportQueue, createRedis, describeRedis, InputStore, RedisNotDurableError, StatusStore, UserLeases } from '@score-import/queue';
import { pino } from 'pino';
import { orphanChartOptions } from './follow-ups.ts';
import { createWorkerMetrics, startHealthServer } from './metrics.ts';
import type { ActiveImport } from './process-import.ts';
import { createImportWorker } from './worker.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = pino({ level: config.LOG_LEVEL, name: 'worker' });
  const db = await connectDatabase(config.MONGO_URL);
  await ensureIndexes(db);
  const charts = loadChartIndex(db);
  const redis = createRedis(config, 'worker');
  // AOF and noeviction, on every master: a warning, or no start with REQUIRE_DURABLE_REDIS
  await assertDurableRedis(redis, describeRedis(config), config.REQUIRE_DURABLE_REDIS, (message) => log.warn(message));
  const queue = createImportQueue(redis, config.KEY_PREFIX);
  const metrics = createWorkerMetrics(queue);
  const active = new Map<string, ActiveImport>();
  const stores = {
    statuses: new StatusStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS),
    inputs: new InputStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS),
    cleanup: queue,
  };
  const deps = {
    db,
    charts,
    ...stores,
    leases: new UserLeases(redis, config.KEY_PREFIX, config.JOB_LOCK_MS),
    log,
    metrics,
    active,
    orphanCharts: orphanChartOptions(stores, config.BEATORAJA_QUEUE_SIZE),
    crashAt: process.env.SCORE_IMPORT_TEST_CRASH_AT
      ? { phase: process.env.SCORE_IMPORT_TEST_CRASH_AT, times: Number(process.env.SCORE_IMPORT_TEST_CRASH_TIMES ?? 1) }
      : undefined,
  };
  const worker = createImportWorker(deps, {
    connection: redis,
    prefix: config.KEY_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.JOB_LOCK_MS,
    stalledIntervalMs: config.STALLED_INTERVAL_MS,
  });
  const ready = () =>
    checkReadiness({
      redis,
      prefix: config.KEY_PREFIX,
      target: describeRedis(config),
      database: () => probeDatabase(db),
      requireDurableRedis: config.REQUIRE_DURABLE_REDIS,
    });
  const health = await startHealthServer(config.WORKER_HEALTH_PORT, config.HOST, metrics, ready);
  await worker.waitUntilReady();
  log.info({ concurrency: config.WORKER_CONCURRENCY, healthPort: (health.address() as { port: number }).port }, 'worker ready');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, running: active.size, graceMs: config.WORKER_SHUTDOWN_GRACE_MS }, 'stopping: no new imports, finishing running ones');
    const closed = worker.close().then(() => true);
    const graceOver = new Promise<false>((r) => setTimeout(() => r(false), config.WORKER_SHUTDOWN_GRACE_MS).unref());
    if (!(await Promise.race([closed, graceOver]))) {
      // Past the grace period: hand running imports back so another worker resumes them now,
      // not after the lock expires. The pipeline is idempotent, so the partial work is harmless.
      for (const [importID, running] of active) {
        await running.release().catch(() => {});
        await running.job.moveToWait(running.token).catch((err: unknown) => log.warn({ err, importID }, 'could not hand back'));
        log.info({ importID }, 'import handed back to the queue');
      }
    }
    health.close();
    await db.close().catch(() => {});
    redis.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  // a refusal to start is one clear line, not a stack
  console.error(err instanceof RedisNotDurableError ? err.message : err);
  process.exit(1);
});
