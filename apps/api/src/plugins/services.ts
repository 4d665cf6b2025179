import fp from 'fastify-plugin';
import type { Queue } from 'bullmq';
import type { Config } from '@score-import/config';
import { loadChartIndex, type ChartIndex } from '@score-import/core';
import { connectDatabase, ensureIndexes, type Database } from '@score-import/db';
import {
  assertDurableRedis,
  createImportQueue,
  createRedis,
  describeRedis,
  redisReady,
  type RedisClient,
  InputStore,
  StatusEvents,
  StatusStore,
  UserLeases,
  type ImportJobData,
} from '@score-import/queue';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    charts: ChartIndex;
    redis: RedisClient;
    importQueue: Queue<ImportJobData>;
    statuses: StatusStore;
    statusEvents: StatusEvents;
    inputs: InputStore;
    leases: UserLeases;
  }
}

/** Connections and stores every route uses: MongoDB, Redis (fail-fast), the import queue. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const db = await connectDatabase(config.MONGO_URL, { serverSelectionTimeoutMS: 2_000 });
    await ensureIndexes(db);
    const charts = loadChartIndex(db);
    const redis = createRedis(config, 'api');
    try {
      await redisReady(redis, describeRedis(config));
      // AOF and noeviction, on every master: a warning, or no start with REQUIRE_DURABLE_REDIS
      await assertDurableRedis(redis, describeRedis(config), config.REQUIRE_DURABLE_REDIS, (message) => app.log.warn(message));
    } catch (err) {
      redis.disconnect();
      await db.close();
      throw err;
    }
    const importQueue = createImportQueue(redis, config.KEY_PREFIX);
    // without a listener an 'error' event (Redis gone) would crash the process
    importQueue.on('error', (err) => app.log.warn({ err }, 'import queue: Redis error'));
    // pub/sub needs its own connection; it waits for Redis instead of failing fast
    const subscriber = createRedis(config, 'worker');

    app.decorate('config', config);
    app.decorate('db', db);
    app.decorate('charts', charts);
    app.decorate<RedisClient>('redis', redis);
    app.decorate('importQueue', importQueue);
    app.decorate('statuses', new StatusStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS));
    app.decorate('inputs', new InputStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS));
    app.decorate('leases', new UserLeases(redis, config.KEY_PREFIX, config.JOB_LOCK_MS));
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
