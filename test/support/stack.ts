/**
 * Test support: a real API (fastify.inject) and real workers against the real Redis and the real
 * MongoDB-compatible server started by scripts/test.sh. Each stack gets its own database and
 * Redis key prefix, so test files run in parallel without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig, type Config } from '@score-import/config';
import { loadChartIndex } from '@score-import/core';
import { connectDatabase, createToken, createUser, ensureIndexes, type Database } from '@score-import/db';
import { createImportQueue, createRedis, InputStore, type RedisClient, StatusStore, UserLeases } from '@score-import/queue';
import { buildApp } from '../../apps/api/src/app.ts';
import { orphanChartOptions } from '../../apps/worker/src/follow-ups.ts';
import { createImportWorker } from '../../apps/worker/src/worker.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function testConfig(overrides: Record<string, string> = {}): Config {
  const id = randomBytes(4).toString('hex');
  const mongoBase = process.env.TEST_MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  return loadConfig({
    MONGO_URL: `${mongoBase}/t_${id}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    KEY_PREFIX: `t${id}`,
    LOG_LEVEL: 'warn',
    JOB_LOCK_MS: '2000',
    STALLED_INTERVAL_MS: '1000',
    BASE_URL: 'http://score-import.test',
    ...overrides,
  });
}

export type WorkerProcess = ChildProcess & { healthPort: number; output(): string };

export interface Stack {
  config: Config;
  app: FastifyInstance;
  db: Database;
  /** in-process workers started with startWorker() */
  workers: Worker[];
  startWorker(concurrency?: number): Promise<Worker>;
  /** a real apps/worker process with this stack's configuration */
  spawnWorker(env?: Record<string, string>): Promise<WorkerProcess>;
  user(name: string, options?: { admin?: boolean; permissions?: string[] }): Promise<{ userID: number; token: string }>;
  close(): Promise<void>;
}

type Teardown = { teardown(fn: () => unknown): void };

export async function startStack(
  t: Teardown,
  options: { worker?: boolean; config?: Config } = {},
): Promise<Stack> {
  const config = options.config ?? testConfig();
  const app = await buildApp(config, { logger: false });
  // short server selection so that database-outage tests see failures quickly
  const db = await connectDatabase(config.MONGO_URL, { serverSelectionTimeoutMS: 2_000 });
  await ensureIndexes(db);
  const workers: Worker[] = [];
  const processes: ChildProcess[] = [];
  const redisConnections: RedisClient[] = [];

  const stack: Stack = {
    config,
    app,
    db,
    workers,
    async startWorker(concurrency = 2) {
      const redis = createRedis(config, 'worker');
      redisConnections.push(redis);
      const stores = {
        statuses: new StatusStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS),
        inputs: new InputStore(redis, config.KEY_PREFIX, config.STATUS_TTL_SECONDS),
        cleanup: createImportQueue(redis, config.KEY_PREFIX),
      };
      const worker = createImportWorker(
        {
          db,
          charts: loadChartIndex(db),
          ...stores,
          leases: new UserLeases(redis, config.KEY_PREFIX, config.JOB_LOCK_MS),
          log: pino({ level: 'silent' }),
          orphanCharts: orphanChartOptions(stores, config.BEATORAJA_QUEUE_SIZE),
          userBusyDelayMs: 200,
        },
        {
          connection: redis,
          prefix: config.KEY_PREFIX,
          concurrency,
          lockDurationMs: config.JOB_LOCK_MS,
          stalledIntervalMs: config.STALLED_INTERVAL_MS,
        },
      );
      await worker.waitUntilReady();
      workers.push(worker);
      return worker;
    },
    async spawnWorker(env = {}) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          MONGO_URL: config.MONGO_URL,
          REDIS_URL: config.REDIS_URL,
          REDIS_CLUSTER_NODES: config.REDIS_CLUSTER_NODES ?? '',
          REQUIRE_DURABLE_REDIS: String(config.REQUIRE_DURABLE_REDIS),
          KEY_PREFIX: config.KEY_PREFIX,
          JOB_LOCK_MS: String(config.JOB_LOCK_MS),
          STALLED_INTERVAL_MS: String(config.STALLED_INTERVAL_MS),
          LOG_LEVEL: 'info',
          WORKER_HEALTH_PORT: '0',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      processes.push(child);
      let output = '';
      const worker = child as WorkerProcess;
      worker.output = () => output;
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const line = output.split('\n').find((l) => l.includes('worker ready'));
          if (line) {
            worker.healthPort = (JSON.parse(line) as { healthPort: number }).healthPort;
            resolve();
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
        setTimeout(() => reject(new Error(`worker did not start: ${output}`)), 30_000).unref();
      });
      return worker;
    },
    async user(name, opts = {}) {
      const { userID } = await createUser(db, name, opts.admin ?? false);
      const { token } = await createToken(db, name, opts.permissions ?? ['submit_score', 'delete_score']);
      return { userID, token };
    },
    async close() {
      for (const p of processes) if (p.exitCode === null) p.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.close(true).catch(() => {})));
      await app.close();
      for (const r of redisConnections) r.disconnect();
      await db.connection.dropDatabase().catch(() => {});
      await db.close();
      await deleteKeys(config, config.KEY_PREFIX);
    },
  };
  t.teardown(() => stack.close());
  if (options.worker !== false) await stack.startWorker();
  return stack;
}

/** The stack's keys (its own under `prefix:`, BullMQ's under `{prefix}:`), on the server or every master of a cluster. */
async function deleteKeys(config: Config, prefix: string): Promise<void> {
  const client = config.REDIS_CLUSTER_NODES ? createRedis(config, 'worker') : new Redis(config.REDIS_URL);
  try {
    const nodes = client instanceof Cluster ? await clusterMasters(client) : [client as Redis];
    for (const node of nodes) {
      for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          // one key per command: on a cluster, keys of several slots cannot go in one DEL
          if (found.length > 0) await Promise.all(found.map((k) => node.unlink(k).catch(() => {})));
        } while (cursor !== '0');
      }
    }
  } finally {
    client.disconnect();
  }
}

async function clusterMasters(cluster: Cluster): Promise<Redis[]> {
  if (cluster.status !== 'ready') await new Promise((resolve) => cluster.once('ready', resolve));
  return cluster.nodes('master');
}
