import { loadConfig, ConfigError } from '@score-import/config';
import { loadChartIndex } from '@score-import/core';
import { connectDatabase, ensureIndexes } from '@score-import/db';
import { createImportQueue, createRedis, InputStore, StatusStore, UserLeases } from '@score-import/queue';
import { pino } from 'pino';
import { createImportWorker } from './worker.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = pino({ level: config.LOG_LEVEL, name: 'worker' });
  const db = await connectDatabase(config.MONGO_URL);
  await ensureIndexes(db);
  const charts = await loadChartIndex(db);
  const redis = createRedis(config.REDIS_URL, 'worker');
  const deps = {
    db,
    charts,
    statuses: new StatusStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS),
    inputs: new InputStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS),
    leases: new UserLeases(redis, config.KEY_PREFIX, config.JOB_LOCK_MS),
    log,
    cleanup: createImportQueue(redis, config.KEY_PREFIX),
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
  await worker.waitUntilReady();
  log.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker ready');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing current imports');
    await worker.close();
    await db.close();
    redis.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
