/**
 * /readyz of the API and of a worker process tells the truth: Redis or the database reachable but
 * unusable answers 503 with the reason, each case made with real servers — a cluster node answering
 * MOVED to a single-node client, a read-only replica (READONLY), an ACL user without a permission
 * (NOPERM), a CROSSSLOT answer, a database that cannot write — and 200 again once fixed.
 */
import { execFileSync } from 'node:child_process';
import t, { type Test } from 'tap';
import { Redis } from 'ioredis';
import { explainRedisError, keys } from '@score-import/queue';
import { startStack, testConfig, type Stack, type WorkerProcess } from '../support/stack.ts';
import { PrivateFerretDB, PrivateRedis, PrivateRedisCluster } from '../support/services.ts';

type Readiness = { status: number; body: { success: boolean; description: string; body?: { warnings: string[] } } };

async function apiReady(stack: Stack): Promise<Readiness> {
  const res = await stack.app.inject({ method: 'GET', url: '/readyz' });
  return { status: res.statusCode, body: res.json() };
}

async function workerReady(worker: WorkerProcess): Promise<Readiness> {
  const res = await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness['body'] };
}

async function until(t: Test, what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return void t.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('a Redis Cluster node given as REDIS_URL: MOVED', async (t) => {
  const cluster = await PrivateRedisCluster.create({ masters: 3 });
  t.teardown(() => cluster.destroy());
  const probe = testConfig();
  // a node that does not serve BullMQ's slot: the queue's key is MOVED elsewhere
  const queueMaster = cluster.masterOf(keys.queuePrefix(probe.KEY_PREFIX));
  const node = cluster.masters().find((p) => p !== queueMaster)!;
  const stack = await startStack(t, { worker: false, config: testConfig({ KEY_PREFIX: probe.KEY_PREFIX, REDIS_URL: `redis://127.0.0.1:${node}` }) });
  const api = await apiReady(stack);
  t.equal(api.status, 503, 'the API is not ready');
  t.match(api.body.description, new RegExp(`^Redis at 127\\.0\\.0\\.1:${node} answers MOVED \\d+ 127\\.0\\.0\\.1:${queueMaster}: it is a Redis Cluster node, but the service is not configured for a cluster \\(set REDIS_CLUSTER_NODES\\)`));
  const worker = await stack.spawnWorker();
  const w = await workerReady(worker);
  t.equal(w.status, 503, 'nor is the worker');
  t.match(w.body.description, /answers MOVED .*set REDIS_CLUSTER_NODES/);
});

t.test('a single-master cluster (every slot on the node): CROSSSLOT for keys of two slots, and the node is still refused', async (t) => {
  const cluster = await PrivateRedisCluster.create({ masters: 1 });
  t.teardown(() => cluster.destroy());
  const [node] = cluster.masters();
  // the node serves every slot, so nothing is MOVED; a command on keys of two slots is refused
  const redis = new Redis(node);
  t.teardown(() => redis.disconnect());
  const err = await redis.multi().set('si:import:{a}:status', '1').set('si:import:{b}:status', '1').exec().then(
    (r) => r?.find(([e]) => e)?.[0],
    (e: Error) => e,
  );
  t.match(err?.message, /^(CROSSSLOT|EXECABORT)/, `the node refuses keys of two slots in one transaction (${err?.message})`);
  const crossSlot = await redis.del('si:import:{a}:status', 'si:import:{b}:status').catch((e: Error) => e);
  t.match(String(crossSlot), /CROSSSLOT/);
  t.equal(
    explainRedisError(crossSlot, 'Redis at x'),
    'Redis at x refuses a command on keys the service uses together, as they are in different hash slots (CROSSSLOT).',
  );
  // the service's own pairs share a slot, so its round trips pass; readiness still sees a cluster node
  const stack = await startStack(t, { worker: false, config: testConfig({ REDIS_URL: `redis://127.0.0.1:${node}` }) });
  const api = await apiReady(stack);
  t.equal(api.status, 503);
  t.equal(api.body.description, `Redis at 127.0.0.1:${node} is a Redis Cluster node, but the service is not configured for a cluster (set REDIS_CLUSTER_NODES).`);
});

t.test('a read-only replica: READONLY', async (t) => {
  const master = await PrivateRedis.create();
  t.teardown(() => master.destroy());
  const replica = await PrivateRedis.create({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
  t.teardown(() => replica.destroy());
  const stack = await startStack(t, { worker: false, config: testConfig({ REDIS_URL: replica.url }) });
  const api = await apiReady(stack);
  t.equal(api.status, 503);
  t.equal(api.body.description, `Redis at 127.0.0.1:${replica.port} is a read-only replica (READONLY): point the service at the master.`);
  const worker = await stack.spawnWorker();
  const w = await workerReady(worker);
  t.equal(w.status, 503);
  t.match(w.body.description, /read-only replica \(READONLY\)/);

  // promoted: ready
  execFileSync('redis-cli', ['-p', String(replica.port), 'REPLICAOF', 'NO', 'ONE']);
  await until(t, 'the API to be ready', async () => (await apiReady(stack)).status === 200);
  await until(t, 'the worker to be ready', async () => (await workerReady(worker)).status === 200);
});

t.test('an ACL user without a permission the service needs: NOPERM', async (t) => {
  const redis = await PrivateRedis.create();
  t.teardown(() => redis.destroy());
  const config = testConfig({ REDIS_URL: redis.url });
  const admin = new Redis(redis.url);
  t.teardown(() => admin.disconnect());
  // written for keys under `<prefix>:`: BullMQ's keys (`{<prefix>}:…`) are not allowed
  await admin.acl('SETUSER', 'app', 'on', '>secret', `~${config.KEY_PREFIX}:*`, '&*', '+@all');
  const url = `redis://app:secret@127.0.0.1:${redis.port}`;
  const stack = await startStack(t, { worker: false, config: testConfig({ KEY_PREFIX: config.KEY_PREFIX, REDIS_URL: url }) });
  const api = await apiReady(stack);
  t.equal(api.status, 503);
  t.match(api.body.description, new RegExp(`^Redis at 127\\.0\\.0\\.1:${redis.port} refuses a command or key the service needs: the Redis user lacks an ACL permission \\(NOPERM`));
  const worker = await stack.spawnWorker({ REDIS_URL: url });
  t.equal((await workerReady(worker)).status, 503);

  // scripts refused: the lease script cannot run
  await admin.acl('SETUSER', 'app', 'reset', 'on', '>secret', '~*', '&*', '+@all', '-@scripting');
  const noScripts = await apiReady(stack);
  t.equal(noScripts.status, 503);
  t.match(noScripts.body.description, /NOPERM.*eval/i);

  // the keys and commands it needs: ready
  await admin.acl('SETUSER', 'app', 'reset', 'on', '>secret', '~*', '&*', '+@all');
  await until(t, 'the API to be ready', async () => (await apiReady(stack)).status === 200);
  await until(t, 'the worker to be ready', async () => (await workerReady(worker)).status === 200);
});

t.test('a database that answers but cannot write', async (t) => {
  const ferret = await PrivateFerretDB.create();
  t.teardown(() => ferret.destroy());
  const stack = await startStack(t, { worker: false, config: testConfig({ MONGO_URL: ferret.url('readiness') }) });
  const worker = await stack.spawnWorker();
  t.equal((await apiReady(stack)).status, 200);

  // PostgreSQL makes the database read-only (as a standby would be) and ends FerretDB's sessions:
  // its new ones are read-only, and FerretDB answers pings again
  const psql = (sql: string) => execFileSync('psql', [ferret.pgURL.replace(/\/[^/]+$/, '/postgres'), '-qc', sql]);
  const newSessions = () => psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${ferret.pgDatabase}'`);
  psql(`ALTER DATABASE "${ferret.pgDatabase}" SET default_transaction_read_only = on`);
  newSessions();
  await until(t, 'the database to answer pings again', () => stack.db.connection.db!.admin().ping().then(() => true, () => false));
  const api = await apiReady(stack);
  t.equal(api.status, 503, 'the API is not ready although the database answers pings');
  t.match(api.body.description, /^The database cannot run the service's commands \(.*read-only transaction/);
  await until(t, 'the worker to say so', async () => (await workerReady(worker)).status === 503);
  t.match((await workerReady(worker)).body.description, /The database cannot run the service's commands/);

  psql(`ALTER DATABASE "${ferret.pgDatabase}" RESET default_transaction_read_only`);
  newSessions();
  await until(t, 'the API to be ready', async () => (await apiReady(stack)).status === 200);
  await until(t, 'the worker to be ready', async () => (await workerReady(worker)).status === 200);
});
