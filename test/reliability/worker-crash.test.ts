/**
 * A worker process SIGKILLed mid-import (at a chosen phase, through the worker's test-only
 * SCORE_IMPORT_TEST_CRASH_AT hook) → another worker takes the job over after the stall interval
 * and the import ends exactly as an uninterrupted one.
 */
import t, { type Test } from 'tap';
import type { ChildProcess } from 'node:child_process';
import { startStack } from '../support/stack.ts';
import { uploadFile, waitForImport } from '../support/http.ts';
import { sdvxFile } from '../support/files.ts';
import { checkImportInvariants, userState } from '../support/state.ts';

const FILE = sdvxFile(150);


function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

async function cleanRunState(t: Test) {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('player');
  const res = await uploadFile(stack.app, token, FILE);
  const final = await waitForImport(stack.app, res.json().body.importID);
  t.equal(final.statusCode, 200, 'clean run completes');
  return { state: await userState(stack.db, userID), doc: final.json.body.import };
}

t.test('a worker killed at each phase: the import completes exactly once', async (t) => {
  const clean = await cleanRunState(t);
  for (const phase of ['insert', 'sessions', 'pbs', 'profile', 'finalise']) {
    await t.test(`killed on entering ${phase}`, async (t) => {
      const stack = await startStack(t, { worker: false });
      const { userID, token } = await stack.user('player');
      const doomed = await stack.spawnWorker({ SCORE_IMPORT_TEST_CRASH_AT: phase, SCORE_IMPORT_TEST_CRASH_TIMES: '1' });
      const res = await uploadFile(stack.app, token, FILE);
      const importID = res.json().body.importID as string;
      t.equal(await exited(doomed), 'SIGKILL', 'the first worker died mid-import');
      await stack.spawnWorker();
      const final = await waitForImport(stack.app, importID);
      t.equal(final.statusCode, 200);
      t.equal(final.json.body.importStatus, 'completed');
      const inv = await checkImportInvariants(stack.db, importID);
      t.same(inv, { hasImportDocument: true, duplicateScoreIDs: 0, scoresMatchDocument: true, storedScores: 150 });
      t.same(await userState(stack.db, userID), clean.state, 'scores, PBs, sessions and profile equal a clean run');
      const doc = final.json.body.import;
      t.same(doc.createdSessions.map((s: { type: string }) => s.type), clean.doc.createdSessions.map((s: { type: string }) => s.type));
      t.same(doc.classDeltas, clean.doc.classDeltas, 'class deltas survive the crash');
      t.equal(doc.skippedDuplicates, 0);
    });
  }
});

t.test('killed twice in a row, it still completes', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('player');
  const env = { SCORE_IMPORT_TEST_CRASH_AT: 'pbs', SCORE_IMPORT_TEST_CRASH_TIMES: '2' };
  const first = await stack.spawnWorker(env);
  const importID = (await uploadFile(stack.app, token, FILE)).json().body.importID as string;
  t.equal(await exited(first), 'SIGKILL');
  const second = await stack.spawnWorker(env);
  t.equal(await exited(second), 'SIGKILL');
  await stack.spawnWorker();
  const final = await waitForImport(stack.app, importID);
  t.equal(final.statusCode, 200);
  t.same(await checkImportInvariants(stack.db, importID), {
    hasImportDocument: true,
    duplicateScoreIDs: 0,
    scoresMatchDocument: true,
    storedScores: 150,
  });
});

t.test('killed more often than the stall limit allows, it fails cleanly', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { userID, token } = await stack.user('player');
  const env = { SCORE_IMPORT_TEST_CRASH_AT: 'pbs', SCORE_IMPORT_TEST_CRASH_TIMES: '99' };
  const importID = (await uploadFile(stack.app, token, FILE)).json().body.importID as string;
  for (let i = 0; i < 3; i++) t.equal(await exited(await stack.spawnWorker(env)), 'SIGKILL', `delivery ${i + 1} killed`);
  // the fourth worker's stalled-job check fails the job (maxStalledCount 2) instead of running it
  await stack.spawnWorker(env);
  const final = await waitForImport(stack.app, importID);
  t.equal(final.statusCode, 500);
  t.equal(final.json.success, false);
  t.match(final.json.description, /internal/i);
  t.equal(await stack.db.scores.countDocuments({ importID }), 0, 'no scores left behind');
  t.equal(await stack.db.personalBests.countDocuments({ userID }), 0, 'no PBs left behind');
  t.equal(await stack.db.sessions.countDocuments({ userID }), 0, 'no sessions left behind');
  t.equal(await stack.db.gameStats.countDocuments({ userID }), 0, 'no profile left behind');
  const failed = await stack.app.inject({ method: 'GET', url: `/api/v1/users/${userID}/imports/failed` });
  t.equal(failed.json().body.length, 1, 'listed among failed imports');
});
