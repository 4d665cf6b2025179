/** A running service: one API process and worker processes on a database and Redis prefix of their own. */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createToken, createUser, connectDatabase, type Database } from '@score-import/db';
import { IMPORT_QUEUE_NAME, keys } from '@score-import/queue';
import { ApiClient } from './client.ts';
import { freePort, startApi, startWorker, type Proc, type ServiceEnv } from './procs.ts';

export interface BenchEnv {
  /** mongodb://host:port (no database) */
  mongoBase: string;
  redisUrl: string;
}

let userCounter = 0;

export class ServiceStack {
  readonly workers: Proc[] = [];
  /** stopped workers, kept for their logs */
  private readonly retired: Proc[] = [];
  private constructor(
    readonly name: string,
    readonly env: ServiceEnv,
    readonly api: Proc,
    readonly client: ApiClient,
    readonly db: Database,
  ) {}

  static async start(bench: BenchEnv, name: string, options: { workers?: number; apiEnv?: Record<string, string> } = {}): Promise<ServiceStack> {
    const env: ServiceEnv = {
      MONGO_URL: `${bench.mongoBase}/${name}`,
      REDIS_URL: bench.redisUrl,
      KEY_PREFIX: name,
    };
    const port = await freePort();
    const api = await startApi({ ...env, PORT: String(port) }, options.apiEnv);
    const db = await connectDatabase(env.MONGO_URL);
    const stack = new ServiceStack(name, env, api, new ApiClient(`http://127.0.0.1:${port}`), db);
    for (let i = 0; i < (options.workers ?? 0); i++) await stack.addWorker();
    return stack;
  }

  get mongoUrl(): string {
    return this.env.MONGO_URL;
  }

  async addWorker(extra: Record<string, string> = {}): Promise<Proc> {
    const w = await startWorker(this.env, extra);
    this.workers.push(w);
    return w;
  }

  async stopWorkers(force = false): Promise<void> {
    const stopping = this.workers.splice(0);
    this.retired.push(...stopping);
    await Promise.all(stopping.map((w) => (force ? w.kill() : w.stop())));
  }

  /** Waits until the database answers a query again (after a hang); false if it does not within `ms`. */
  async databaseAnswers(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const ok = await Promise.race([
        this.db.users.findOne({}).then(() => true, () => false),
        new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
      ]);
      if (ok) return true;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return false;
  }

  async stopWorker(w: Proc): Promise<void> {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    this.retired.push(w);
    await w.stop();
  }

  /** A new player with a submit_score token. */
  async newUser(): Promise<{ userID: number; token: string }> {
    const name = `b${process.pid % 10000}_${++userCounter}`;
    const { userID } = await createUser(this.db, name);
    const { token } = await createToken(this.db, name, ['submit_score', 'delete_score']);
    return { userID, token };
  }

  /** Forgets every queued or running import (BullMQ jobs, status records, uploads, user leases). */
  async purgeQueue(): Promise<void> {
    const redis = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null });
    try {
      const queue = new Queue(IMPORT_QUEUE_NAME, { connection: redis, prefix: keys.queuePrefix(this.env.KEY_PREFIX) });
      await queue.obliterate({ force: true });
      await queue.close();
      for (const pattern of [`${this.env.KEY_PREFIX}:import:*`, `${this.env.KEY_PREFIX}:user:*`]) {
        let cursor = '0';
        do {
          const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          if (found.length > 0) await redis.del(...found);
        } while (cursor !== '0');
      }
    } finally {
      redis.disconnect();
    }
  }

  /** warnings and errors the API and worker processes logged (the last few of each) */
  problems(): string[] {
    return [this.api, ...this.workers, ...this.retired].flatMap((p) => p.problems().map((l) => `${p.name} ${p.pid}: ${l}`));
  }

  async close(drop = true): Promise<void> {
    await this.stopWorkers();
    await this.api.stop();
    if (drop) await this.db.connection.dropDatabase().catch(() => {});
    await this.db.close();
  }
}
