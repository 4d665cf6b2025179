import fp from 'fastify-plugin';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '@score-import/config';
import { loadChartIndex, type ChartIndex } from '@score-import/core';
import { connectDatabase, ensureIndexes, type Database } from '@score-import/db';
import {
  createImportQueue,
  createRedis,
  InputStore,
  StatusEvents,
  StatusStore,
  RankingLocks,
  UserLeases,
  type ImportJobData,
} from '@score-import/queue';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    charts: ChartIndex;
    redis: Redis;
    importQueue: Queue<ImportJobData>;
    statuses: StatusStore;
    statusEvents: StatusEvents;
    inputs: InputStore;
    leases: UserLeases;
    rankingLocks: RankingLocks;
  }
}

/** Connections and stores every route uses: MongoDB, Redis (fail-fast), the import queue. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const db = await connectDatabase(config.MONGO_URL, { serverSelectionTimeoutMS: 2_000 });
    await ensureIndexes(db);
    const charts = await loadChartIndex(db);
    const redis = createRedis(config.REDIS_URL, 'api');
    await new Promise<void>((resolve, reject) => {
      if (redis.status === 'ready') return resolve();
      redis.once('ready', resolve);
      redis.once('end', () => reject(new Error(`Cannot connect to Redis at ${config.REDIS_URL}`)));
      setTimeout(() => reject(new Error(`Cannot connect to Redis at ${config.REDIS_URL}`)), 10_000).unref();
    });
    const importQueue = createImportQueue(redis, config.KEY_PREFIX);
    // without a listener an 'error' event (Redis gone) would crash the process
    importQueue.on('error', (err) => app.log.warn({ err }, 'import queue: Redis error'));
    // pub/sub needs its own connection; it waits for Redis instead of failing fast
    const subscriber = createRedis(config.REDIS_URL, 'worker');

    app.decorate('config', config);
    app.decorate('db', db);
    app.decorate('charts', charts);
    app.decorate('redis', redis);
    app.decorate('importQueue', importQueue);
    app.decorate('statuses', new StatusStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS));
    app.decorate('inputs', new InputStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS));
    app.decorate('leases', new UserLeases(redis, config.KEY_PREFIX, config.JOB_LOCK_MS));
    app.decorate('rankingLocks', new RankingLocks(redis, config.KEY_PREFIX, config.JOB_LOCK_MS));
    app.decorate('statusEvents', new StatusEvents(subscriber, config.KEY_PREFIX));

    app.addHook('onClose', async () => {
      await importQueue.close().catch(() => {});
      subscriber.disconnect();
      redis.disconnect();
      await db.close();
    });
  },
  { name: 'services' },
);
