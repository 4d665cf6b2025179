import { Redis, type RedisOptions } from 'ioredis';

/**
 * API connections fail fast (a client gets 503 within a second while Redis is away); worker
 * connections wait and retry forever, as BullMQ's docs recommend for workers.
 */
export function createRedis(url: string, role: 'api' | 'worker'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (n) => Math.min(n * 200, 2_000) }
      : {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 1_000,
          commandTimeout: 1_000,
          retryStrategy: (n) => Math.min(n * 200, 1_000),
        };
  const redis = new Redis(url, options);
  // errors surface on the commands that fail; without a listener ioredis would crash the process
  redis.on('error', () => {});
  return redis;
}
