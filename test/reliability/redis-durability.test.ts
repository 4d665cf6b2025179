/**
 * Redis fit for a queue, checked (docs/reliability.md): at start the API and the worker read
 * `appendonly` and `maxmemory-policy` (CONFIG GET, or INFO where CONFIG is refused), on every master
 * of a cluster. Without AOF or with an evicting policy they log a warning and /readyz lists it;
 * with REQUIRE_DURABLE_REDIS=true they refuse to start with one clear line. Real redis-server
 * processes configured both ways.
 */
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import t, { type Test } from 'tap';
import { Redis } from 'ioredis';
import { buildApp } from '../../apps/api/src/app.ts';
import { startStack, testConfig, ROOT, type Stack } from '../support/stack.ts';
import { PrivateRedis, PrivateRedisCluster } from '../support/services.ts';

/** An API whose warning log lines are kept. */
async function apiWithLog(t: Test, overrides: Record<string, string>) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const config = testConfig(overrides);
  const app = await buildApp(config, { logger: { level: 'warn', stream } });
  t.teardown(async () => {
    await app.db.connection.dropDatabase().catch(() => {});
    await app.close();
  });
  const warnings = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40).map((l) => l.msg);
  return { app, warnings };
}

const readyz = async (app: Stack['app']) => {
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  return { status: res.statusCode, json: res.json() as { success: boolean; description: string; body?: { warnings: string[] } } };
};

/** Runs an entry point (apps/api or apps/worker) until it exits or is ready; its exit code and output. */
function runProcess(entry: string, env: Record<string, string>, readyLine: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', WORKER_HEALTH_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (c: Buffer) => {
      output += c.toString();
      if (readyLine.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ code, output }));
    setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
  });
}

const NO_AOF = (port: number) =>
  `Redis 127.0.0.1:${port} runs without an append-only file (appendonly no): a restart loses queued imports and their status. Run it with appendonly yes.`;
const EVICTS = (port: number, policy: string) =>
  `Redis 127.0.0.1:${port} evicts keys when full (maxmemory-policy ${policy}): imports and their status can vanish. Set maxmemory-policy noeviction.`;

t.test('durable Redis (AOF, noeviction): no warning', async (t) => {
  const redis = await PrivateRedis.create();
  t.teardown(() => redis.destroy());
  const { app, warnings } = await apiWithLog(t, { REDIS_URL: redis.url, REQUIRE_DURABLE_REDIS: 'true' });
  t.same(warnings(), []);
  t.same((await readyz(app)).json, { success: true, description: 'Ready.', body: { warnings: [] } });
});

t.test('without AOF, or evicting: a warning at start and in /readyz; refused with REQUIRE_DURABLE_REDIS', async (t) => {
  const noAOF = await PrivateRedis.create({ appendonly: false });
  t.teardown(() => noAOF.destroy());
  const lru = await PrivateRedis.create({ maxmemoryPolicy: 'allkeys-lru' });
  t.teardown(() => lru.destroy());
  const volatile = await PrivateRedis.create({ appendonly: false, maxmemoryPolicy: 'volatile-ttl' });
  t.teardown(() => volatile.destroy());

  for (const [redis, expected] of [
    [noAOF, [NO_AOF(noAOF.port)]],
    [lru, [EVICTS(lru.port, 'allkeys-lru')]],
    [volatile, [NO_AOF(volatile.port), EVICTS(volatile.port, 'volatile-ttl')]],
  ] as const) {
    const { app, warnings } = await apiWithLog(t, { REDIS_URL: redis.url });
    t.same(warnings(), expected.map((w) => `${w} (set REQUIRE_DURABLE_REDIS=true to refuse to start instead)`), 'logged at start');
    const ready = await readyz(app);
    t.equal(ready.status, 200, 'still ready: it works, it is only not durable');
    t.same(ready.json.body, { warnings: expected }, '/readyz lists it');

    await t.rejects(buildApp(testConfig({ REDIS_URL: redis.url, REQUIRE_DURABLE_REDIS: 'true' }), { logger: false }), {
      name: 'RedisNotDurableError',
      message: `REQUIRE_DURABLE_REDIS is set, and Redis at 127.0.0.1:${redis.port} is not fit for a queue: ${expected.join(' ')}`,
    });
  }

  // the processes: one clear line, exit code 1
  const api = await runProcess('apps/api/src/main.ts', { REDIS_URL: noAOF.url, REQUIRE_DURABLE_REDIS: 'true', MONGO_URL: testConfig().MONGO_URL }, /Server listening/);
  t.equal(api.code, 1, 'the API refuses to start');
  t.equal(api.output.trim(), `REQUIRE_DURABLE_REDIS is set, and Redis at 127.0.0.1:${noAOF.port} is not fit for a queue: ${NO_AOF(noAOF.port)}`);
  const worker = await runProcess('apps/worker/src/main.ts', { REDIS_URL: lru.url, REQUIRE_DURABLE_REDIS: 'true', MONGO_URL: testConfig().MONGO_URL }, /worker ready/);
  t.equal(worker.code, 1, 'the worker refuses to start');
  t.equal(worker.output.trim(), `REQUIRE_DURABLE_REDIS is set, and Redis at 127.0.0.1:${lru.port} is not fit for a queue: ${EVICTS(lru.port, 'allkeys-lru')}`);
  // without the setting the worker starts and warns
  const warned = await runProcess('apps/worker/src/main.ts', { REDIS_URL: noAOF.url, MONGO_URL: testConfig().MONGO_URL }, /worker ready/);
  t.match(warned.output, NO_AOF(noAOF.port), 'the worker logs the warning');
  t.match(warned.output, /worker ready/, 'and starts');
});

t.test('a Redis that stops persisting while the service runs: /readyz says so (503 with REQUIRE_DURABLE_REDIS)', async (t) => {
  const redis = await PrivateRedis.create();
  t.teardown(() => redis.destroy());
  const stack = await startStack(t, { worker: false, config: testConfig({ REDIS_URL: redis.url, REQUIRE_DURABLE_REDIS: 'true' }) });
  const worker = await stack.spawnWorker();
  t.equal((await readyz(stack.app)).status, 200);
  const admin = new Redis(redis.url);
  t.teardown(() => admin.disconnect());
  await admin.config('SET', 'appendonly', 'no');
  const api = await readyz(stack.app);
  t.equal(api.status, 503);
  t.equal(api.json.description, NO_AOF(redis.port));
  const w = await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`);
  t.equal(w.status, 503);
  t.same(await w.json(), { success: false, description: NO_AOF(redis.port) });
});

t.test('CONFIG refused (an ACL user without @admin): read from INFO', async (t) => {
  const redis = await PrivateRedis.create({ appendonly: false, maxmemoryPolicy: 'allkeys-random' });
  t.teardown(() => redis.destroy());
  const admin = new Redis(redis.url);
  t.teardown(() => admin.disconnect());
  await admin.acl('SETUSER', 'app', 'on', '>secret', '~*', '&*', '+@all', '-config');
  const url = `redis://app:secret@127.0.0.1:${redis.port}`;
  const app = new Redis(url);
  t.teardown(() => app.disconnect());
  await t.rejects(app.config('GET', 'appendonly'), /NOPERM/, 'CONFIG is refused to this user');
  const { app: api, warnings } = await apiWithLog(t, { REDIS_URL: url });
  t.equal(warnings().length, 2);
  t.same((await readyz(api)).json.body, { warnings: [NO_AOF(redis.port), EVICTS(redis.port, 'allkeys-random')] });
});

t.test('a Redis Cluster: every master is checked', async (t) => {
  const cluster = await PrivateRedisCluster.create({ masters: 3 });
  t.teardown(() => cluster.destroy());
  const [, weak] = cluster.masters();
  cluster.cli(weak, 'CONFIG', 'SET', 'appendonly', 'no');
  const { app, warnings } = await apiWithLog(t, { REDIS_CLUSTER_NODES: cluster.nodesSetting });
  t.same(warnings(), [`${NO_AOF(weak)} (set REQUIRE_DURABLE_REDIS=true to refuse to start instead)`], 'the one master without AOF is named');
  t.same((await readyz(app)).json.body, { warnings: [NO_AOF(weak)] });
  await t.rejects(buildApp(testConfig({ REDIS_CLUSTER_NODES: cluster.nodesSetting, REQUIRE_DURABLE_REDIS: 'true' }), { logger: false }), {
    message: `REQUIRE_DURABLE_REDIS is set, and the Redis Cluster at ${cluster.nodesSetting} is not fit for a queue: ${NO_AOF(weak)}`,
  });
});
