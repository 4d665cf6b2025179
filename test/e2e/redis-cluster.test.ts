/**
 * The service on a real Redis Cluster (README "Scaling and operating"): three masters started
 * here (`redis-server --cluster-enabled yes`, joined by `redis-cli --cluster create`), the API and a
 * worker process with REDIS_CLUSTER_NODES. Submit → poll → SSE → revert, idempotency and rate
 * limits across two API instances; BullMQ's keys in one slot, imports spread over the masters. Then
 * a master stopped mid-import while its replica takes over: the import completes, nothing lost.
 */
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { keys } from '@score-import/queue';
import { startStack, testConfig, type Stack } from '../support/stack.ts';
import { secondApp, type Json } from '../support/api-helpers.ts';
import { bearer, uploadFile, waitForImport } from '../support/http.ts';
import { openSSE } from '../support/sse.ts';
import { sdvxFile } from '../support/files.ts';
import { PrivateRedisCluster } from '../support/services.ts';
import { checkImportInvariants } from '../support/state.ts';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

async function submit(base: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/ir/direct-manual/import`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

async function clusterStack(t: Test, cluster: PrivateRedisCluster, extra: Record<string, string> = {}): Promise<Stack> {
  const config = testConfig({ REDIS_CLUSTER_NODES: cluster.nodesSetting, REQUIRE_DURABLE_REDIS: 'true', ...extra });
  return startStack(t, { config, worker: false });
}

/** Keys of the stack (its own `prefix:…` and BullMQ's `{prefix}:…`) on each master. */
async function keysByMaster(cluster: PrivateRedisCluster, prefix: string): Promise<Map<number, string[]>> {
  const byMaster = new Map<number, string[]>();
  for (const port of cluster.masters()) {
    const found = [
      ...cluster.cli(port, '--scan', '--pattern', `${prefix}:*`).split('\n'),
      ...cluster.cli(port, '--scan', '--pattern', `{${prefix}}:*`).split('\n'),
    ].filter(Boolean);
    byMaster.set(port, found);
  }
  return byMaster;
}

/** Like a client: polls until the import is finished; a 503 while the cluster fails over is retried. */
async function waitThroughFailover(app: FastifyInstance, importID: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await waitForImport(app, importID, timeoutMs);
    if (answer.statusCode !== 503 || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 200));
  }
}

t.test('submit → poll → SSE → revert on a three-master Redis Cluster', async (t) => {
  const cluster = await PrivateRedisCluster.create({ masters: 3 });
  t.teardown(() => cluster.destroy());
  const stack = await clusterStack(t, cluster, { SUBMIT_RATE_LIMIT: '10' });
  const b = await secondApp(t, stack);
  const [A, B] = [await listen(stack.app), await listen(b)];
  const worker = await stack.spawnWorker();
  const { userID, token } = await stack.user('player');

  const readyA = await fetch(`${A}/readyz`);
  t.equal(readyA.status, 200, 'the API is ready on the cluster');
  t.same(await readyA.json(), { success: true, description: 'Ready.', body: { warnings: [] } }, 'every master keeps an AOF and never evicts');
  t.equal((await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`)).status, 200, 'the worker is ready on the cluster');

  // the user's lease (a `{userID}` slot) holds the import back so that the stream starts with `ongoing`
  const lease = await stack.app.leases.tryAcquire(userID);
  t.ok(lease, 'the user lease is taken on the cluster');
  const file = sdvxFile(40);
  const first = await submit(A, token, file, { 'idempotency-key': 'cluster-1' });
  t.equal(first.status, 202, JSON.stringify(first.json));
  const importID = first.json.body.importID as string;
  const replay = await submit(B, token, file, { 'idempotency-key': 'cluster-1' });
  t.equal(replay.status, 202);
  t.equal(replay.json.body.importID, importID, 'the same Idempotency-Key on the other instance answers with the first import');
  t.equal(replay.headers.get('idempotent-replayed'), 'true');

  const polled = await fetch(`${B}/api/v1/imports/${importID}/poll-status`);
  t.equal(polled.status, 200);
  t.equal(((await polled.json()) as Json).body.importStatus, 'ongoing', 'polled on the other instance');

  const stream = await openSSE(`${B}/api/v1/imports/${importID}/events`);
  t.teardown(() => stream.close());
  t.equal((await stream.next())?.event, 'ongoing', 'the stream starts with the current state');
  await lease!.release();
  let event = await stream.next(60_000);
  while (event?.event === 'ongoing') event = await stream.next(60_000);
  t.equal(event?.event, 'completed', 'then `completed`, published by the worker through the cluster');
  const completed = JSON.parse(event!.data) as Json;
  t.equal(completed.body.import.scoreIDs.length, 40);
  t.equal(await stream.next(5_000), null, 'and the stream ends');
  t.same(await checkImportInvariants(stack.db, importID), { hasImportDocument: true, duplicateScoreIDs: 0, scoresMatchDocument: true, storedScores: 40 });

  // more imports: their status and upload keys spread over the masters (`{importID}`), BullMQ's stay in one slot
  const more: string[] = [];
  for (let i = 0; i < 8; i++) {
    const res = await submit(i % 2 ? A : B, token, sdvxFile(2, { offset: 100 + i * 2, service: `more ${i}` }));
    t.equal(res.status, 202);
    more.push(res.json.body.importID as string);
  }
  const statusMasters = new Set([importID, ...more].map((id) => cluster.masterOf(keys.status(stack.config.KEY_PREFIX, id))));
  t.ok(statusMasters.size >= 2, `the status records of 9 imports are on ${statusMasters.size} masters`);
  for (const id of more) t.equal(cluster.masterOf(keys.input(stack.config.KEY_PREFIX, id)), cluster.masterOf(keys.status(stack.config.KEY_PREFIX, id)), 'an import\'s upload is in its status record\'s slot');
  const queueMaster = cluster.masterOf(keys.queuePrefix(stack.config.KEY_PREFIX));
  for (const [port, found] of await keysByMaster(cluster, stack.config.KEY_PREFIX)) {
    const bull = found.filter((k) => k.startsWith(`{${stack.config.KEY_PREFIX}}:`));
    if (port === queueMaster) t.ok(bull.some((k) => k.includes(':score-import:')), `BullMQ's keys are on master ${port}`);
    else t.same(bull, [], `no BullMQ key on master ${port}`);
  }
  for (const id of more) t.equal((await waitForImport(stack.app, id, 60_000)).statusCode, 200, 'completed');

  // the rate limit is shared by both instances: 10 submissions a minute (9 made, the replay counted too)
  const limited = await submit(A, token, sdvxFile(1, { offset: 300 }));
  t.equal(limited.status, 429, 'the 11th submission of the minute is limited, counted on the cluster');

  const reverted = await b.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(token) });
  t.equal(reverted.statusCode, 200, reverted.body);
  t.equal(await stack.db.scores.countDocuments({ importID }), 0, 'its scores are gone');
  const after = await fetch(`${A}/api/v1/imports/${importID}/poll-status`);
  t.equal(after.status, 404, 'a reverted import is gone');
  worker.kill('SIGTERM');
});

t.test('a master stopped mid-import: its replica takes over and the import completes, nothing lost', async (t) => {
  const cluster = await PrivateRedisCluster.create({ masters: 3, replicas: 1, nodeTimeoutMs: 1_000 });
  t.teardown(() => cluster.destroy());
  const stack = await clusterStack(t, cluster);
  const worker = await stack.spawnWorker();
  const { token } = await stack.user('player');
  const other = await stack.user('other');

  const res = await uploadFile(stack.app, token, sdvxFile(1_500));
  t.equal(res.statusCode, 202);
  const importID = res.json().body.importID as string;
  // another user's import queued behind it in BullMQ's slot
  const queued = await uploadFile(stack.app, other.token, sdvxFile(30, { offset: 1_600 }));
  const queuedID = queued.json().body.importID as string;
  // mid-import: the worker reports counts
  for (let i = 0; i < 600; i++) {
    const poll = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
    if (poll.statusCode === 200 && poll.json().body?.progress?.processed > 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }

  // the master holding the queue (BullMQ's slot): the most a single stop can take away
  const victim = cluster.masterOf(keys.queuePrefix(stack.config.KEY_PREFIX));
  const started = Date.now();
  await cluster.stopNode(victim);
  await cluster.waitFailover(victim);
  t.comment(`master ${victim} stopped; a replica took over in ${Date.now() - started} ms`);

  const final = await waitThroughFailover(stack.app, importID);
  t.equal(final.statusCode, 200, JSON.stringify(final.json).slice(0, 300));
  t.equal(final.json.body?.importStatus, 'completed');
  t.same(await checkImportInvariants(stack.db, importID), { hasImportDocument: true, duplicateScoreIDs: 0, scoresMatchDocument: true, storedScores: 1_500 });
  const second = await waitThroughFailover(stack.app, queuedID);
  t.equal(second.statusCode, 200, 'the import queued behind it completes too');
  t.same(await checkImportInvariants(stack.db, queuedID), { hasImportDocument: true, duplicateScoreIDs: 0, scoresMatchDocument: true, storedScores: 30 });

  // the queue on the promoted replica still works: a new import goes through
  const after = await uploadFile(stack.app, token, sdvxFile(5, { offset: 1_700 }));
  t.equal(after.statusCode, 202);
  const afterDone = await waitThroughFailover(stack.app, after.json().body.importID, 60_000).catch((err: Error) => ({ statusCode: 0, json: err.message }));
  t.equal(afterDone.statusCode, 200, 'an import after the failover completes');
  if (afterDone.statusCode !== 200) t.comment(`worker output:\n${worker.output().slice(-4000)}`);
  const ready = await fetch(`http://127.0.0.1:${worker.healthPort}/readyz`);
  t.equal(ready.status, 200, `the worker is ready on the changed cluster: ${await ready.text()}`);
  worker.kill('SIGTERM');
});
