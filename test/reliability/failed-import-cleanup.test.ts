/**
 * The database goes away mid-import for longer than the import's retry budget (issue 18): the
 * import fails with 503, and a client resubmits the same file at once — while the database is still
 * down, the moment /readyz answers 200 again, and later. Every resubmission must store exactly the
 * file's scores: the failed import's leftovers are removed before any later import of the user runs.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../support/stack.ts';
import { bearer, uploadFile, waitForImport } from '../support/http.ts';
import { sdvxFile } from '../support/files.ts';
import { PrivateFerretDB } from '../support/services.ts';

const SCORES = 4_000;

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function submit(stack: Stack, token: string, file: object): Promise<string> {
  for (let tries = 1; ; tries++) {
    const res = await uploadFile(stack.app, token, file);
    if (res.statusCode === 202) return res.json().body.importID as string;
    // "retry shortly", as a client would: on a loaded machine a fresh database's new connections can
    // take longer than the API's 2 s server selection
    if (res.statusCode !== 503 || tries === 10) throw new Error(`expected 202, got ${res.statusCode}: ${res.body}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const poll = async (stack: Stack, importID: string) => {
  const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
  return { statusCode: res.statusCode, json: res.json() };
};

t.test('database down longer than the retries: resubmissions at any moment store exactly the file', async (t) => {
  const t0 = Date.now();
  const ferret = await PrivateFerretDB.create();
  t.teardown(() => ferret.destroy());
  const stack = await startStack(t, { config: testConfig({ MONGO_URL: ferret.url('cleanup') }), worker: false });
  await stack.startWorker(3);
  // A resubmits while the database is still down, B the moment /readyz answers 200 (as the issue's
  // client did), C a few seconds after that
  const players = await Promise.all(['early', 'ready', 'later'].map((name) => stack.user(name)));
  const files = players.map((_, i) => sdvxFile(SCORES, { offset: i * 97, service: `player ${i}` }));

  // one small completed import to try a revert on while the clean-up is pending
  const small = await submit(stack, players[0].token, sdvxFile(5, { offset: 7_000 }));
  t.equal((await waitForImport(stack.app, small)).statusCode, 200);

  const failing = await Promise.all(players.map((p, i) => submit(stack, p.token, files[i])));
  // kill the database once every import has stored its first chunk of scores
  await until(
    async () => {
      const records = await Promise.all(failing.map((id) => stack.app.statuses.get(id)));
      return records.every((r) => r?.status === 'ongoing' && (r.progress.processed ?? 0) >= 2_000 && r.progress.total === SCORES) ? true : undefined;
    },
    60_000,
    'each import to insert its first chunk',
  );
  await ferret.stop();
  const downAt = Date.now();

  t.comment(`database stopped at ${Date.now() - t0} ms`);
  const failures = await Promise.all(failing.map((id) => waitForImport(stack.app, id, 90_000)));
  for (const f of failures) {
    t.equal(f.statusCode, 503, 'the import fails with 503');
    t.match(f.json, { success: false, description: /database could not be reached/, body: { importStatus: 'failed', cleanupPending: true } });
  }

  // player 0's clean-up is held back (its lease is taken) so that the wait can be seen for sure
  const hold = await until(async () => (await stack.app.leases.tryAcquire(players[0].userID)) ?? undefined, 10_000, 'the lease');

  // the database stays away about 30 s in all, as in the issue
  await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - downAt))));
  await ferret.start();
  // player 0 resubmits at the first moment the API accepts it again (before /readyz says so)
  const early = await until(
    async () => {
      const res = await uploadFile(stack.app, players[0].token, files[0]);
      return res.statusCode === 202 ? (res.json().body.importID as string) : undefined;
    },
    30_000,
    'the API to accept a submission',
  );
  const waiting = await until(
    async () => {
      const p = await poll(stack, early);
      return /clean-up of this user's failed import/.test(p.json.body?.progress?.description ?? '') ? p : undefined;
    },
    10_000,
    'the resubmission to say what it waits for',
  );
  t.match(waiting.json.body.progress.description, failing[0], 'it names the failed import');
  const revert = await stack.app.inject({ method: 'POST', url: `/api/v1/imports/${small}/revert`, headers: bearer(players[0].token) });
  t.equal(revert.statusCode, 409, 'a revert waits for the clean-up too');
  t.match(revert.json().description, /still being removed/);
  t.match((await poll(stack, failing[0])).json, { body: { cleanupPending: true } }, 'the failed import says its clean-up is pending');
  await hold.release();

  await until(
    async () => ((await stack.app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200 ? true : undefined),
    30_000,
    '/readyz to answer 200',
  );
  const ready = await submit(stack, players[1].token, files[1]);
  await new Promise((r) => setTimeout(r, 3_000));
  const later = await submit(stack, players[2].token, files[2]);

  t.comment(`resubmitted by ${Date.now() - t0} ms`);
  const resubmissions = [early, ready, later];
  for (const [i, importID] of resubmissions.entries()) {
    const final = await waitForImport(stack.app, importID, 120_000);
    t.equal(final.statusCode, 200, `resubmission ${i} completes`);
    t.comment(`resubmission ${i} completed at ${Date.now() - t0} ms`);
    t.equal(final.json.body.import.scoreIDs.length, SCORES, `resubmission ${i} imports every score of the file`);
    t.equal(final.json.body.import.skippedDuplicates, 0, `resubmission ${i} skips nothing`);
    t.equal(await stack.db.scores.countDocuments({ userID: players[i].userID, importID }), SCORES);
    t.equal(await stack.db.scores.countDocuments({ importID: failing[i] }), 0, 'nothing of the failed import is left');
  }
  // player 0 also keeps the small import of before
  t.equal(await stack.db.scores.countDocuments({ userID: players[0].userID }), SCORES + 5);
  for (const id of failing) {
    const p = await poll(stack, id);
    t.match(p.json, { success: false, body: { importStatus: 'failed', cleanupPending: false } }, 'the failed import says its clean-up is done');
    t.equal(await stack.db.importTrackers.countDocuments({ importID: id, type: 'FAILED' }), 1, 'the failure is recorded');
  }
  t.equal((await stack.app.inject({ method: 'POST', url: `/api/v1/imports/${small}/revert`, headers: bearer(players[0].token) })).statusCode, 200);
});
