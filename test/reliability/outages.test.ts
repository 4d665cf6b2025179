/**
 * Redis and the database stop and come back; tests run their own servers on spare ports.
 */
import t from 'tap';
import { startStack, testConfig } from '../support/stack.ts';
import { bearer, uploadFile, waitForImport } from '../support/http.ts';
import { sdvxFile } from '../support/files.ts';
import { PrivateFerretDB, PrivateRedis } from '../support/services.ts';
import { checkImportInvariants } from '../support/state.ts';

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('Redis outage: fast 503s, then API and worker recover and queued imports complete', async (t) => {
  const redis = await PrivateRedis.create();
  t.teardown(() => redis.destroy());
  const stack = await startStack(t, { config: testConfig({ REDIS_URL: redis.url }) });
  const { userID, token } = await stack.user('player');

  // Hold the user's lease so the import waits in the queue across the outage.
  const lease = await stack.app.leases.tryAcquire(userID);
  t.ok(lease);
  const queued = await uploadFile(stack.app, token, sdvxFile(20));
  t.equal(queued.statusCode, 202);
  const importID = queued.json().body.importID as string;

  await redis.stop();
  await lease!.release().catch(() => {});

  let started = Date.now();
  const submit = await uploadFile(stack.app, token, sdvxFile(5));
  t.equal(submit.statusCode, 503, 'file submission answers 503');
  t.ok(Date.now() - started < 1_000, `within 1 s (${Date.now() - started} ms)`);
  t.match(submit.json(), { success: false, description: /unavailable/ });

  started = Date.now();
  const direct = await stack.app.inject({ method: 'POST', url: '/ir/direct-manual/import', payload: sdvxFile(1), headers: bearer(token) });
  t.equal(direct.statusCode, 503, 'direct-manual answers 503');
  t.ok(Date.now() - started < 1_000, `within 1 s (${Date.now() - started} ms)`);

  const poll = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
  t.equal(poll.statusCode, 503, 'poll answers 503');

  await redis.start();
  const recoveredAt = Date.now();
  const again = await until(
    async () => {
      const r = await uploadFile(stack.app, token, sdvxFile(3, { offset: 100 }));
      return r.statusCode === 202 ? r : undefined;
    },
    5_000,
    'the API to accept submissions again',
  );
  t.ok(Date.now() - recoveredAt <= 5_000, 'API recovered within 5 s');

  const first = await waitForImport(stack.app, importID, 30_000);
  t.equal(first.statusCode, 200, 'the import queued before the outage completes');
  t.equal(first.json.body.import.scoreIDs.length, 20);
  const second = await waitForImport(stack.app, again.json().body.importID, 30_000);
  t.equal(second.statusCode, 200, 'an import submitted after the outage completes');
});

t.test('database outage: a short one is ridden out', async (t) => {
  const ferret = await PrivateFerretDB.create();
  t.teardown(() => ferret.destroy());
  const stack = await startStack(t, { config: testConfig({ MONGO_URL: ferret.url('outage') }) });
  const { token } = await stack.user('player');

  await t.test('down for a few seconds: the import retries and completes', async (t) => {
    // the import starts only once the database is gone: it is held back by the user's lease until then
    const lease = await stack.app.leases.tryAcquire(1);
    const res = await uploadFile(stack.app, token, sdvxFile(200));
    const importID = res.json().body.importID as string;
    await ferret.stop();
    await lease!.release();
    const list = await stack.app.inject({ method: 'GET', url: '/api/v1/imports' });
    t.equal(list.statusCode, 503, 'routes that need the database answer 503');
    t.match(list.json(), { success: false, description: /unavailable/ });
    const poll = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
    t.equal(poll.statusCode, 200, 'an ongoing import still answers its poll from Redis');
    await new Promise((r) => setTimeout(r, 3_000));
    const during = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
    t.equal(during.json().body?.importStatus, 'ongoing', 'still ongoing while the database is away');
    await ferret.start();
    const final = await waitForImport(stack.app, importID, 60_000);
    t.equal(final.statusCode, 200, JSON.stringify(final.json).slice(0, 300));
    t.same(await checkImportInvariants(stack.db, importID), {
      hasImportDocument: true,
      duplicateScoreIDs: 0,
      scoresMatchDocument: true,
      storedScores: 200,
    });
  });
  // down for longer than the retries: test/reliability/failed-import-cleanup.test.ts
});
