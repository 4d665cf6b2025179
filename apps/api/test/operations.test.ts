/**
 * What operators rely on: /metrics after an import and a revert; /healthz and /readyz (503 while
 * Redis is away, 200 again after); the bull-board dashboard for admins only; backpressure (503 +
 * Retry-After past QUEUE_MAX_WAITING); the per-user submission rate limit (429 in Tachi's shape,
 * shared by API instances and both submit routes, polls never limited); Idempotency-Key; and the
 * same file twice without a key adding no score.
 */
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { startStack, testConfig } from '../../../test/support/stack.ts';
import { bearer, submitDirect, uploadFile, waitForImport } from '../../../test/support/http.ts';
import { poll, sdvxDoc, secondApp, type Json } from '../../../test/support/api-helpers.ts';
import { PrivateRedis } from '../../../test/support/services.ts';
import { sdvxFile } from '../../../test/support/files.ts';

const POLL_ROUTE = '/api/v1/imports/:importID/poll-status';

async function metrics(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  if (res.statusCode !== 200) throw new Error(`/metrics: ${res.statusCode} ${res.body}`);
  return res.body;
}

/** The value of one sample line (exact labels in Prometheus' text format), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) found[k] = v;
    if (Object.entries(labels).every(([k, v]) => found[k] === v) && Object.keys(found).length === Object.keys(labels).length) {
      return Number(m[3]);
    }
  }
  return undefined;
}

t.test('/metrics after an import and a revert', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('measured');
  const res = await uploadFile(stack.app, token, sdvxDoc(2));
  t.equal(res.statusCode, 202);
  const importID: string = res.json().body.importID;

  const before = await metrics(stack.app);
  t.equal(sample(before, 'score_import_imports_submitted_total', { importType: 'file/batch-manual' }), 1);
  t.equal(sample(before, 'score_import_queue_jobs', { state: 'waiting' }), 1, 'the queue depth by state');
  for (const state of ['active', 'delayed', 'completed', 'failed']) {
    t.equal(sample(before, 'score_import_queue_jobs', { state }), 0, state);
  }

  await stack.startWorker();
  const done = await waitForImport(stack.app, importID);
  t.equal(done.statusCode, 200);
  const direct = await submitDirect(stack.app, token, sdvxDoc(1, { baseScore: 9_500_000 }));
  t.equal(direct.statusCode, 202);
  await waitForImport(stack.app, direct.json().body.importID);

  const after = await metrics(stack.app);
  t.equal(sample(after, 'score_import_imports_submitted_total', { importType: 'file/batch-manual' }), 1);
  t.equal(sample(after, 'score_import_imports_submitted_total', { importType: 'ir/direct-manual' }), 1);
  t.equal(sample(after, 'score_import_queue_jobs', { state: 'waiting' }), 0);
  const polls = sample(after, 'score_import_http_request_duration_seconds_count', { method: 'GET', route: POLL_ROUTE, status_code: '200' });
  t.ok(polls !== undefined && polls >= 2, `poll-status latency is measured by route (${polls} polls)`);
  t.ok(
    sample(after, 'score_import_http_request_duration_seconds_bucket', { method: 'GET', route: POLL_ROUTE, status_code: '200', le: '+Inf' }) === polls,
    'a histogram, by the route pattern (not the URL)',
  );
  t.notMatch(after, new RegExp(`route="[^"]*${importID}`), 'no import ID in a label');
  t.equal(
    sample(after, 'score_import_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/import/file', status_code: '202' }),
    1,
  );
  t.match(after, /^process_cpu_seconds_total /m, 'default process metrics');
  t.equal(sample(after, 'score_import_reverts_total', { outcome: 'reverted' }), undefined, 'no revert yet');

  const reverted = await stack.app.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers: bearer(token) });
  t.equal(reverted.statusCode, 200, reverted.body);
  const lease = await stack.app.leases.tryAcquire(1);
  const conflict = await stack.app.inject({ method: 'POST', url: `/api/v1/imports/${direct.json().body.importID}/revert`, headers: bearer(token) });
  await lease?.release();
  t.equal(conflict.statusCode, 409);
  const last = await metrics(stack.app);
  t.equal(sample(last, 'score_import_reverts_total', { outcome: 'reverted' }), 1);
  t.equal(sample(last, 'score_import_reverts_total', { outcome: 'conflict' }), 1);

  const res2 = await stack.app.inject({ method: 'GET', url: '/metrics' });
  t.match(res2.headers['content-type'], /^text\/plain; version=0\.0\.4/);
});

t.test('/healthz and /readyz; readiness follows Redis', async (t) => {
  const redis = await PrivateRedis.create();
  t.teardown(() => redis.destroy());
  const stack = await startStack(t, { worker: false, config: testConfig({ REDIS_URL: redis.url }) });
  const get = (url: string) => stack.app.inject({ method: 'GET', url });

  const health = await get('/healthz');
  t.equal(health.statusCode, 200);
  t.same(health.json(), { success: true, description: 'Alive.', body: {} });
  const ready = await get('/readyz');
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { success: true, description: 'Ready.', body: { warnings: [] } }, 'a durable Redis: no warning');

  await redis.stop();
  const down = await get('/readyz');
  t.equal(down.statusCode, 503, 'not ready without Redis');
  t.equal(down.json().success, false);
  t.match(down.json().description, new RegExp(`^Redis at 127\\.0\\.0\\.1:${redis.port} is unreachable`));
  t.notMatch(down.json().description, /database/, 'the database is fine');
  t.equal((await get('/healthz')).statusCode, 200, 'but alive');

  await redis.start();
  let again = await get('/readyz');
  for (let i = 0; i < 100 && again.statusCode !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    again = await get('/readyz');
  }
  t.equal(again.statusCode, 200, 'ready again once Redis is back');
});

t.test('bull-board at /admin/queues: admins only', async (t) => {
  const stack = await startStack(t, { worker: false });
  const admin = await stack.user('root', { admin: true });
  const plain = await stack.user('plain');
  const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });

  const none = await get('/admin/queues');
  t.equal(none.statusCode, 401);
  t.same(none.json(), { success: false, description: 'The queue dashboard needs an admin token.' });
  const user = await get('/admin/queues', bearer(plain.token));
  t.equal(user.statusCode, 403);
  t.same(user.json(), { success: false, description: 'Only admins may see the queue dashboard.' });
  const unknown = await get('/admin/queues', bearer('0'.repeat(40)));
  t.equal(unknown.statusCode, 401);

  const page = await get('/admin/queues', bearer(admin.token));
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  t.match(page.body, /<html/i);
  const api = await get('/admin/queues/api/queues', bearer(admin.token));
  t.equal(api.statusCode, 200, api.body.slice(0, 200));
  t.ok((api.json() as Json).queues.some((q: Json) => q.name === 'score-import'), 'the import queue is on the dashboard');
  // the dashboard's API is guarded too
  t.equal((await get('/admin/queues/api/queues')).statusCode, 401);
  t.equal((await get('/admin/queues/api/queues', bearer(plain.token))).statusCode, 403);

  t.test('?token= of an admin sets a cookie; the cookie alone then works', async (t) => {
    const viaQuery = await get(`/admin/queues?token=${admin.token}`);
    t.equal(viaQuery.statusCode, 200);
    t.match(viaQuery.headers['content-type'], /^text\/html/);
    const cookie = String(viaQuery.headers['set-cookie']);
    t.match(cookie, /^si_admin=[^;]+;/);
    t.match(cookie, /Path=\/admin\/queues/);
    t.match(cookie, /HttpOnly/);
    t.match(cookie, /SameSite=Strict/);
    const pair = cookie.split(';')[0];
    const withCookie = await get('/admin/queues', { cookie: pair });
    t.equal(withCookie.statusCode, 200);
    t.match(withCookie.headers['content-type'], /^text\/html/);
    const apiWithCookie = await get('/admin/queues/api/queues', { cookie: `other=1; ${pair}` });
    t.equal(apiWithCookie.statusCode, 200);
  });

  t.test('?token= or a cookie of anyone else: refused, no cookie', async (t) => {
    const query = await get(`/admin/queues?token=${plain.token}`);
    t.equal(query.statusCode, 403);
    t.notOk(query.headers['set-cookie']);
    const bad = await get('/admin/queues?token=nope');
    t.equal(bad.statusCode, 401);
    t.notOk(bad.headers['set-cookie']);
    t.equal((await get('/admin/queues', { cookie: `si_admin=${plain.token}` })).statusCode, 403);
    t.equal((await get('/admin/queues', { cookie: 'si_admin=abcdef' })).statusCode, 401);
  });
});

t.test('backpressure: past QUEUE_MAX_WAITING waiting imports, 503 with Retry-After', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ QUEUE_MAX_WAITING: '2' }) });
  const { token } = await stack.user('flood');
  const first = await uploadFile(stack.app, token, sdvxDoc(1), { 'idempotency-key': 'first' });
  const second = await submitDirect(stack.app, token, sdvxDoc(1, { baseScore: 9_100_000 }));
  t.equal(first.statusCode, 202);
  t.equal(second.statusCode, 202);

  for (const res of [await uploadFile(stack.app, token, sdvxDoc(1, { baseScore: 9_200_000 })), await submitDirect(stack.app, token, sdvxDoc(1))]) {
    t.equal(res.statusCode, 503);
    t.equal(res.headers['retry-after'], '30');
    t.same(res.json(), { success: false, description: 'The import queue is full (2 imports waiting). Please retry later.' });
  }
  t.equal(await stack.app.importQueue.getWaitingCount(), 2, 'nothing more was queued');
  t.equal(await stack.db.imports.countDocuments({}), 0);

  // a retry of an accepted submission is still answered: it needs no room in the queue
  const replay = await uploadFile(stack.app, token, sdvxDoc(1), { 'idempotency-key': 'first' });
  t.equal(replay.statusCode, 202);
  t.equal(replay.json().body.importID, first.json().body.importID);
  // a refused submission with a key leaves the key free
  const refused = await submitDirect(stack.app, token, sdvxDoc(1), { 'idempotency-key': 'refused' });
  t.equal(refused.statusCode, 503);
  // the same key at once while the queue is full: every one is refused, none is told of an
  // import that was never made (a replay waits for the first submission's outcome)
  const burst = await Promise.all(Array.from({ length: 6 }, () => submitDirect(stack.app, token, sdvxDoc(1), { 'idempotency-key': 'burst' })));
  t.same(burst.map((r) => r.statusCode), Array(6).fill(503), burst.map((r) => r.body).join('\n'));
  t.equal((await poll(stack.app, first.json().body.importID)).statusCode, 200, 'polls are answered meanwhile');

  // room again once a worker drains the queue
  await stack.startWorker();
  await waitForImport(stack.app, first.json().body.importID);
  await waitForImport(stack.app, second.json().body.importID);
  const later = await submitDirect(stack.app, token, sdvxDoc(1), { 'idempotency-key': 'refused' });
  t.equal(later.statusCode, 202, 'the refused key is usable once there is room');
  t.notOk(later.headers['idempotent-replayed']);
});

t.test('submission rate limit per user, shared by API instances and both routes', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ SUBMIT_RATE_LIMIT: '3' }) });
  const other = await secondApp(t, stack);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const carol = await stack.user('carol');

  const tachi429 = (t: Test, res: Awaited<ReturnType<typeof uploadFile>>) => {
    t.equal(res.statusCode, 429);
    const retryAfter = Number(res.headers['retry-after']);
    t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After in seconds (${res.headers['retry-after']})`);
    t.match(res.json(), { success: false, description: /exceeded 3 requests per 60 seconds/, status: 429, message: "You're being rate limited." });
    t.same(Object.keys(res.json()).sort(), ['description', 'message', 'status', 'success']);
  };

  t.test('the 4th submission within the minute → 429 in Tachi\'s shape', async (t) => {
    for (let i = 0; i < 3; i++) {
      const res = await uploadFile(stack.app, alice.token, sdvxDoc(1, { baseScore: 9_000_000 + i }));
      t.equal(res.statusCode, 202, `submission ${i + 1}`);
    }
    tachi429(t, await uploadFile(stack.app, alice.token, sdvxDoc(1)));
    tachi429(t, await submitDirect(stack.app, alice.token, sdvxDoc(1)));
    tachi429(t, await uploadFile(other, alice.token, sdvxDoc(1)));
    t.equal(await stack.app.importQueue.getWaitingCount(), 3, 'refused submissions queued nothing');
  });

  t.test('another user is not limited', async (t) => {
    const res = await uploadFile(stack.app, bob.token, sdvxDoc(1));
    t.equal(res.statusCode, 202);
  });

  t.test('two instances and both routes share one count: 2 + 1 + 1 → the 4th is 429', async (t) => {
    t.equal((await uploadFile(stack.app, carol.token, sdvxDoc(1))).statusCode, 202);
    t.equal((await submitDirect(stack.app, carol.token, sdvxDoc(1))).statusCode, 202);
    t.equal((await uploadFile(other, carol.token, sdvxDoc(1))).statusCode, 202);
    tachi429(t, await submitDirect(other, carol.token, sdvxDoc(1)));
  });

  t.test('polling quickly is never limited', async (t) => {
    const res = await uploadFile(stack.app, bob.token, sdvxDoc(1, { baseScore: 9_300_000 }));
    const importID = res.json().body.importID;
    const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => poll(i % 2 ? other : stack.app, importID)));
    t.same(codes.map((r) => r.statusCode), Array(10).fill(200));
    for (let i = 0; i < 10; i++) t.equal((await poll(stack.app, importID)).statusCode, 200);
    t.equal((await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).statusCode, 404, 'reads are not limited either');
  });
});

t.test('Idempotency-Key', async (t) => {
  const stack = await startStack(t);
  const other = await secondApp(t, stack);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const scoresOf = (userID: number) => stack.db.scores.countDocuments({ userID });
  const importsOf = (userID: number) => stack.db.imports.countDocuments({ userID });

  t.test('the same key twice in a row → the same import, replayed', async (t) => {
    const file = sdvxFile(4, { service: 'idem-seq' });
    const first = await uploadFile(stack.app, alice.token, file, { 'idempotency-key': 'upload-1' });
    t.equal(first.statusCode, 202);
    t.notOk(first.headers['idempotent-replayed'], 'the first answer is not a replay');
    const importID = first.json().body.importID;
    await waitForImport(stack.app, importID);
    const again = await uploadFile(other, alice.token, file, { 'idempotency-key': 'upload-1' });
    t.equal(again.statusCode, 202);
    t.equal(again.headers['idempotent-replayed'], 'true');
    t.same(again.json(), first.json(), 'the same answer');
    t.equal(again.headers['retry-after'], '1');
    // through the other route too: a key names one submission of a user, whatever the route
    const direct = await submitDirect(stack.app, alice.token, file, { 'idempotency-key': 'upload-1' });
    t.equal(direct.statusCode, 202);
    t.equal(direct.json().body.importID, importID);
    t.equal(direct.headers['idempotent-replayed'], 'true');
    t.equal(await importsOf(alice.userID), 1, 'one import');
    t.equal(await scoresOf(alice.userID), 4, 'one set of scores');
  });

  t.test('the same key at once, through both routes and both instances → one import', async (t) => {
    const file = sdvxFile(5, { service: 'idem-conc', offset: 20 });
    const apps = [stack.app, other];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? uploadFile(apps[i % 4 < 2 ? 0 : 1], bob.token, file, { 'idempotency-key': 'together' })
          : submitDirect(apps[i % 4 < 2 ? 0 : 1], bob.token, file, { 'idempotency-key': 'together' }),
      ),
    );
    t.same(answers.map((a) => a.statusCode), Array(8).fill(202));
    const ids = new Set(answers.map((a) => a.json().body.importID as string));
    t.equal(ids.size, 1, 'one importID for all');
    t.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 7, 'all but one are replays');
    const importID = [...ids][0];
    // every answer names an import that exists: a replay never races ahead of the first submission
    for (const app of apps) t.equal((await poll(app, importID)).statusCode, 200);
    const done = await waitForImport(stack.app, importID);
    t.equal(done.json.body.import.scoreIDs.length, 5);
    t.equal(await importsOf(bob.userID), 1);
    t.equal(await scoresOf(bob.userID), 5);
  });

  t.test('different users with the same key → different imports', async (t) => {
    const a = await submitDirect(stack.app, alice.token, sdvxDoc(1, { baseScore: 9_700_000 }), { 'idempotency-key': 'shared-key' });
    const b = await submitDirect(stack.app, bob.token, sdvxDoc(1, { baseScore: 9_700_000 }), { 'idempotency-key': 'shared-key' });
    t.equal(a.statusCode, 202);
    t.equal(b.statusCode, 202);
    t.not(a.json().body.importID, b.json().body.importID);
    t.notOk(b.headers['idempotent-replayed']);
    t.equal((await waitForImport(stack.app, a.json().body.importID)).json.body.import.userID, alice.userID);
    t.equal((await waitForImport(stack.app, b.json().body.importID)).json.body.import.userID, bob.userID);
  });

  t.test('a bad key → 400, nothing queued', async (t) => {
    const waiting = await stack.app.importQueue.getJobCounts();
    for (const key of ['x'.repeat(300), 'clé', 'with space', '']) {
      const res = await submitDirect(stack.app, alice.token, sdvxDoc(1), { 'idempotency-key': key });
      t.equal(res.statusCode, 400, JSON.stringify(key));
      t.same(res.json(), { success: false, description: 'Idempotency-Key must be 1 to 255 printable ASCII characters.' });
    }
    t.equal((await uploadFile(stack.app, alice.token, sdvxDoc(1), { 'idempotency-key': 'y'.repeat(256) })).statusCode, 400);
    t.equal((await submitDirect(stack.app, alice.token, sdvxDoc(1), { 'idempotency-key': 'z'.repeat(255) })).statusCode, 202, '255 is fine');
    t.ok((await stack.app.importQueue.getJobCounts()).waiting! <= waiting.waiting! + 1);
  });

  t.test('the same file twice without a key → the second adds no score', async (t) => {
    const carol = await stack.user('carol');
    const file = sdvxFile(6, { service: 'dupes', offset: 60 });
    const first = await uploadFile(stack.app, carol.token, file);
    const firstDone = await waitForImport(stack.app, first.json().body.importID);
    t.equal(firstDone.json.body.import.scoreIDs.length, 6);
    const second = await uploadFile(other, carol.token, file);
    t.not(second.json().body.importID, first.json().body.importID, 'a new import');
    const secondDone = await waitForImport(stack.app, second.json().body.importID);
    t.equal(secondDone.statusCode, 200);
    t.same(secondDone.json.body.import.scoreIDs, []);
    t.equal(secondDone.json.body.import.skippedDuplicates, 6);
    t.same(secondDone.json.body.import.errors, []);
    t.equal(await scoresOf(carol.userID), 6);
  });
});
