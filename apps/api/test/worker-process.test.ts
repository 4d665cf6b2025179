/**
 * Imports run by real `apps/worker` processes, and one import per user at a time: a second import
 * of the same user waits in the queue (its progress says so) and runs when the first finishes.
 */
import t from 'tap';
import { startStack } from '../../../test/support/stack.ts';
import { submitDirect, uploadFile, waitForImport } from '../../../test/support/http.ts';
import { pollUntil, sdvxDoc, secondApp } from '../../../test/support/api-helpers.ts';

const WAITING = "Waiting for this user's other import or revert to finish.";

/** The worker binds a health port; 0 lets several of them run side by side. */
const WORKER_ENV = { WORKER_HEALTH_PORT: '0', WORKER_CONCURRENCY: '2', LOG_LEVEL: 'info' };

t.test('a real worker process completes an import', async (t) => {
  const stack = await startStack(t, { worker: false });
  const other = await secondApp(t, stack);
  const { token, userID } = await stack.user('procuser');

  // submitted before any worker exists: it waits in the queue
  const res = await uploadFile(stack.app, token, sdvxDoc(4, { timeAchieved: Date.UTC(2024, 2, 1) }));
  t.equal(res.statusCode, 202);
  const importID = res.json().body.importID;
  const queued = await pollUntil(stack.app, importID, () => true);
  t.equal(queued.json.body.importStatus, 'ongoing');

  const child = await stack.spawnWorker(WORKER_ENV);
  t.equal(child.exitCode, null, 'the worker process is running');

  const done = await waitForImport(other, importID, 30_000);
  t.equal(done.statusCode, 200, JSON.stringify(done.json));
  t.equal(done.json.description, 'Import was completed!');
  t.equal(done.json.body.import.userID, userID);
  t.equal(done.json.body.import.scoreIDs.length, 4);
  t.equal(done.json.body.import.createdSessions.length, 1);
  t.equal(await stack.db.scores.countDocuments({ importID }), 4);

  // and one submitted while it runs, through the other API instance
  const direct = await submitDirect(other, token, sdvxDoc(2, { baseScore: 9_500_000 }));
  t.equal(direct.statusCode, 202);
  const second = await waitForImport(stack.app, direct.json().body.importID, 30_000);
  t.equal(second.statusCode, 200, JSON.stringify(second.json));
  t.equal(second.json.body.import.scoreIDs.length, 2);

  // a failure decided in the worker process is answered by both API instances
  const bad = await uploadFile(stack.app, token, '{nope');
  const failedID = bad.json().body.importID;
  const failed = await waitForImport(stack.app, failedID, 30_000);
  t.equal(failed.statusCode, 400);
  t.match(failed.json, { success: false, description: /^Invalid JSON\. \(/ });
  const failedOther = await pollUntil(other, failedID, () => true);
  t.equal(failedOther.statusCode, 400);
  t.same(failedOther.json, failed.json);
});

t.test('two real worker processes share the queue; one import per user at a time', async (t) => {
  const stack = await startStack(t, { worker: false });
  await Promise.all([stack.spawnWorker(WORKER_ENV), stack.spawnWorker(WORKER_ENV)]);
  const users = await Promise.all(['p1', 'p2', 'p3'].map((n) => stack.user(n)));

  const submitted: { importID: string; userID: number }[] = [];
  for (let round = 0; round < 2; round++) {
    for (const u of users) {
      const res = await submitDirect(stack.app, u.token, sdvxDoc(3, { baseScore: 9_000_000 + round * 100 }));
      t.equal(res.statusCode, 202);
      submitted.push({ importID: res.json().body.importID, userID: u.userID });
    }
  }
  const docs = [];
  for (const s of submitted) {
    const done = await waitForImport(stack.app, s.importID, 45_000);
    t.equal(done.statusCode, 200, JSON.stringify(done.json));
    t.equal(done.json.body.import.scoreIDs.length, 3);
    docs.push(done.json.body.import);
  }
  for (const u of users) {
    const mine = docs.filter((d) => d.userID === u.userID).sort((a, b) => a.timeStarted - b.timeStarted);
    t.equal(mine.length, 2);
    t.ok(mine[1].timeStarted >= mine[0].timeFinished, `user ${u.userID}: the second import started after the first finished`);
  }
});

t.test('in-process worker: the same user\'s imports never overlap', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token, userID } = await stack.user('serial');

  t.test('a second import waits while the user is busy, then runs', async (t) => {
    const lease = await stack.app.leases.tryAcquire(userID);
    t.ok(lease, 'the user is busy (holding their lease)');
    const res = await uploadFile(stack.app, token, sdvxDoc(2));
    const importID = res.json().body.importID;
    await stack.startWorker(2);
    const waiting = await pollUntil(stack.app, importID, (_s, j) => j.body?.progress?.description === WAITING, 15_000);
    t.same(waiting.json, {
      success: true,
      description: 'Import is ongoing.',
      body: { importStatus: 'ongoing', progress: { description: WAITING, processed: null, total: null } },
    });
    // still waiting a while later: it is not failed or dropped
    await new Promise((r) => setTimeout(r, 600));
    const still = await pollUntil(stack.app, importID, () => true);
    t.equal(still.json.body?.importStatus, 'ongoing');
    t.equal(await stack.db.imports.countDocuments({ importID }), 0);

    await lease!.release();
    const done = await waitForImport(stack.app, importID, 30_000);
    t.equal(done.statusCode, 200, JSON.stringify(done.json));
    t.equal(done.json.body.import.scoreIDs.length, 2);
  });

  t.test('two imports submitted back to back both complete, one after the other', async (t) => {
    const a = await uploadFile(stack.app, token, sdvxDoc(20, { baseScore: 9_100_000 }));
    const b = await submitDirect(stack.app, token, sdvxDoc(20, { baseScore: 9_200_000 }));
    t.equal(a.statusCode, 202);
    t.equal(b.statusCode, 202);
    const [doneA, doneB] = await Promise.all([
      waitForImport(stack.app, a.json().body.importID, 30_000),
      waitForImport(stack.app, b.json().body.importID, 30_000),
    ]);
    t.equal(doneA.statusCode, 200, JSON.stringify(doneA.json));
    t.equal(doneB.statusCode, 200, JSON.stringify(doneB.json));
    t.equal(doneA.json.body.import.scoreIDs.length, 20);
    t.equal(doneB.json.body.import.scoreIDs.length, 20);
    const [first, second] = [doneA.json.body.import, doneB.json.body.import].sort((x, y) => x.timeStarted - y.timeStarted);
    t.ok(second.timeStarted >= first.timeFinished, 'the imports did not overlap');
    t.equal(await stack.app.leases.isHeld(userID), false, 'the lease is free afterwards');
  });
});
