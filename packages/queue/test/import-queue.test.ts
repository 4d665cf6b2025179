/**
 * The import queue on the API's fail-fast Redis connection (1 s command timeout) must not be broken
 * for good by a Redis that is slow to answer when the queue is created. BullMQ's version check sent
 * INFO once at creation and kept that promise for every later operation: an INFO that timed out
 * left every submission answering 503 "Command timed out" for the life of the API process, while its
 * /readyz answered 200 (found by the chaos run, test/chaos: an API instance started on a loaded
 * machine refused every submission for 15 minutes).
 */
import t from 'tap';
import { Redis } from 'ioredis';
import { createImportQueue, createRedis } from '../src/index.ts';
import { PrivateRedis } from '../../../test/support/services.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('a queue created while Redis answers nothing in time works once Redis answers again', async (t) => {
  const server = await PrivateRedis.create();
  t.teardown(() => server.destroy());
  const api = createRedis(server.url, 'api');
  t.teardown(() => api.disconnect());
  if (api.status !== 'ready') await new Promise((resolve) => api.once('ready', resolve));
  const admin = new Redis(server.url);
  t.teardown(() => admin.disconnect());

  // Redis holds every command for 2.5 s (busy, loading, a loaded machine): whatever the queue sends
  // while it is created times out on the API's connection
  await admin.call('CLIENT', 'PAUSE', '2500', 'ALL');
  const queue = createImportQueue(api, 'queue-test');
  const errors: string[] = [];
  queue.on('error', (err) => errors.push(err.message));
  t.teardown(() => queue.close());
  await sleep(3_000);

  t.equal(await queue.getWaitingCount(), 0, 'the queue answers once Redis does');
  const job = await queue.add('import', { importID: 'a'.repeat(40), userID: 1, importType: 'file/batch-manual', userIntent: false, options: {}, submittedAt: Date.now() }, { jobId: 'a'.repeat(40) });
  t.equal(job.id, 'a'.repeat(40), 'and takes a job');
  t.equal(await queue.getWaitingCount(), 1);
  t.same(errors, [], 'nothing failed while Redis was paused: nothing was sent');
});
