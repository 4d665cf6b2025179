/**
 * Real apps/worker processes: metrics and health on their own port, readiness when Redis stops,
 * SIGTERM during an import (finish within the grace period, or hand the import back).
 */
import t from 'tap';
import { startStack, testConfig, type WorkerProcess } from '../../../test/support/stack.ts';
import { uploadFile, waitForImport } from '../../../test/support/http.ts';
import { sdvxFile } from '../../../test/support/files.ts';
import { PrivateRedis } from '../../../test/support/services.ts';
import { checkImportInvariants } from '../../../test/support/state.ts';

const get = (w: WorkerProcess, path: string) => fetch(`http://127.0.0.1:${w.healthPort}${path}`);

function exitOf(child: WorkerProcess): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

async function whenOngoing(app: Parameters<typeof waitForImport>[0], importID: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status` });
    const progress = res.json().body?.progress;
    if (progress && progress.description !== 'Starting up import.') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the import never started');
}

t.test('metrics and health on the worker port', async (t) => {
  const stack = await startStack(t, { worker: false });
  const worker = await stack.spawnWorker();
  const { token } = await stack.user('player');
  t.equal((await get(worker, '/healthz')).status, 200);
  t.equal((await get(worker, '/readyz')).status, 200);
  const res = await uploadFile(stack.app, token, sdvxFile(25));
  t.equal((await waitForImport(stack.app, res.json().body.importID)).statusCode, 200);
  const text = await (await get(worker, '/metrics')).text();
  t.match(text, /score_import_imports_finished_total\{outcome="completed"\} 1/);
  t.match(text, /score_import_scores_per_import_sum 25/);
  t.match(text, /score_import_import_duration_seconds_count\{outcome="completed"\} 1/);
  t.match(text, /score_import_queue_jobs\{state="waiting"\} 0/);
  t.match(text, /process_resident_memory_bytes/);
});

t.test('readiness flips when Redis stops and comes back', async (t) => {
  const redis = await PrivateRedis.create();
  t.teardown(() => redis.destroy());
  const stack = await startStack(t, { worker: false, config: testConfig({ REDIS_URL: redis.url }) });
  const worker = await stack.spawnWorker();
  t.equal((await get(worker, '/readyz')).status, 200);
  await redis.stop();
  const down = await get(worker, '/readyz');
  t.equal(down.status, 503);
  t.match(await down.json(), { success: false, description: /unreachable/ });
  t.equal((await get(worker, '/healthz')).status, 200, 'still alive');
  await redis.start();
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await get(worker, '/readyz')).status;
  }
  t.equal(status, 200, 'ready again within 5 s');
});

t.test('SIGTERM within the grace period: the running import finishes, then the worker exits', async (t) => {
  const stack = await startStack(t, { worker: false });
  const worker = await stack.spawnWorker({ WORKER_SHUTDOWN_GRACE_MS: '60000' });
  const { token } = await stack.user('player');
  const importID = (await uploadFile(stack.app, token, sdvxFile(1500))).json().body.importID as string;
  await whenOngoing(stack.app, importID);
  worker.kill('SIGTERM');
  t.equal(await exitOf(worker), 0, 'exits cleanly');
  const final = await waitForImport(stack.app, importID, 5_000);
  t.equal(final.statusCode, 200, 'completed by the worker that was stopped');
  t.match(worker.output(), /stopping: no new imports/);
});

t.test('SIGTERM past the grace period: the import is handed back and another worker completes it', async (t) => {
  const stack = await startStack(t, { worker: false });
  const worker = await stack.spawnWorker({ WORKER_SHUTDOWN_GRACE_MS: '0' });
  const { token } = await stack.user('player');
  const importID = (await uploadFile(stack.app, token, sdvxFile(1500))).json().body.importID as string;
  await whenOngoing(stack.app, importID);
  worker.kill('SIGTERM');
  t.equal(await exitOf(worker), 0);
  t.match(worker.output(), /handed back to the queue/);
  await stack.spawnWorker();
  const final = await waitForImport(stack.app, importID, 60_000);
  t.equal(final.statusCode, 200);
  t.same(await checkImportInvariants(stack.db, importID), {
    hasImportDocument: true,
    duplicateScoreIDs: 0,
    scoresMatchDocument: true,
    storedScores: 1500,
  });
});
