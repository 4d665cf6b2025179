/**
 * Polling that costs less: Retry-After: 1 on the 202 and on ongoing polls; an ETag on poll-status;
 * If-None-Match with the current ETag → 304 without a body while nothing changed (on any API
 * instance); a change of progress, the completion → 200 with a new ETag; a completed import → 304.
 */
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { startStack } from '../../../test/support/stack.ts';
import { submitDirect, uploadFile, waitForImport } from '../../../test/support/http.ts';
import { pollUntil, sdvxDoc, secondApp } from '../../../test/support/api-helpers.ts';

const WAITING = "Waiting for this user's other import or revert to finish.";

function conditional(app: FastifyInstance, importID: string, etag?: string) {
  return app.inject({
    method: 'GET',
    url: `/api/v1/imports/${importID}/poll-status`,
    headers: etag === undefined ? {} : { 'if-none-match': etag },
  });
}

t.test('Retry-After: 1 on the 202 of both routes', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('eager');
  for (const res of [await uploadFile(stack.app, token, sdvxDoc(1)), await submitDirect(stack.app, token, sdvxDoc(1, { baseScore: 9_100_000 }))]) {
    t.equal(res.statusCode, 202, res.body);
    t.equal(res.headers['retry-after'], '1');
  }
});

t.test('ETag and If-None-Match while ongoing, after a change, after completion', async (t) => {
  const stack = await startStack(t, { worker: false });
  const other = await secondApp(t, stack);
  const { token, userID } = await stack.user('poller');
  const res = await uploadFile(stack.app, token, sdvxDoc(2));
  t.equal(res.statusCode, 202);
  const importID: string = res.json().body.importID;

  // queued: ongoing, with Retry-After and an ETag
  const first = await conditional(stack.app, importID);
  t.equal(first.statusCode, 200);
  t.equal(first.json().body.importStatus, 'ongoing');
  t.equal(first.headers['retry-after'], '1', 'an ongoing poll says when to poll again');
  const etag = first.headers.etag as string;
  t.match(etag, /^"[^"]+"$/, 'a strong ETag');
  t.equal(first.headers['cache-control'], 'no-cache', 'caches must revalidate');

  t.test('the same ETag while nothing changed → 304 with no body, on every instance', async (t) => {
    for (const app of [stack.app, other, stack.app]) {
      const again = await conditional(app, importID);
      t.equal(again.headers.etag, etag, 'the ETag is stable');
      const notModified = await conditional(app, importID, etag);
      t.equal(notModified.statusCode, 304);
      t.equal(notModified.body, '', 'no body');
      t.equal(notModified.headers.etag, etag);
      t.equal(notModified.headers['retry-after'], '1', 'still ongoing: poll again in a second');
      t.notOk(notModified.headers['content-type'], 'no content type without content');
    }
  });

  t.test('If-None-Match forms: a list, a weak validator, another ETag', async (t) => {
    t.equal((await conditional(stack.app, importID, `"nope", ${etag}`)).statusCode, 304, 'one of a list');
    t.equal((await conditional(stack.app, importID, `W/${etag}`)).statusCode, 304, 'weak comparison (RFC 9110 §13.1.2)');
    t.equal((await conditional(stack.app, importID, '*')).statusCode, 304, '* matches an existing import');
    const other = await conditional(stack.app, importID, '"something-else"');
    t.equal(other.statusCode, 200);
    t.equal(other.json().body.importStatus, 'ongoing');
  });

  let waitingETag = '';
  t.test('progress changes → 200 with the new progress and a new ETag', async (t) => {
    // the user's lease is taken: a worker picks the import up and reports that it waits
    const lease = await stack.app.leases.tryAcquire(userID);
    t.ok(lease);
    t.teardown(() => lease?.release());
    await stack.startWorker();
    const changed = await pollUntil(stack.app, importID, (_s, j) => j.body?.progress?.description === WAITING);
    t.equal(changed.statusCode, 200);
    const res = await conditional(other, importID, etag);
    t.equal(res.statusCode, 200, 'the old ETag no longer matches');
    t.equal(res.json().body.importStatus, 'ongoing');
    t.equal(res.json().body.progress.description, WAITING);
    t.equal(res.headers['retry-after'], '1');
    waitingETag = res.headers.etag as string;
    t.ok(waitingETag);
    t.not(waitingETag, etag, 'a new ETag');
    await lease!.release();
  });

  t.test('completion → 200 with the import and a new ETag; that ETag → 304', async (t) => {
    const done = await waitForImport(stack.app, importID);
    t.equal(done.statusCode, 200);
    t.equal(done.json.body.importStatus, 'completed');

    const res = await conditional(other, importID, waitingETag);
    t.equal(res.statusCode, 200);
    t.equal(res.json().body.importStatus, 'completed');
    t.equal(res.json().body.import.scoreIDs.length, 2);
    t.notOk(res.headers['retry-after'], 'nothing more to wait for');
    const doneETag = res.headers.etag as string;
    t.ok(doneETag);
    t.not(doneETag, etag);
    t.not(doneETag, waitingETag);

    for (const app of [stack.app, other]) {
      const notModified = await conditional(app, importID, doneETag);
      t.equal(notModified.statusCode, 304);
      t.equal(notModified.body, '');
      t.equal(notModified.headers.etag, doneETag);
      t.notOk(notModified.headers['retry-after']);
    }
    // an old ETag gets the full answer
    const stale = await conditional(stack.app, importID, etag);
    t.equal(stale.statusCode, 200);
    t.same(stale.json(), res.json());
  });

  t.test('once the status record is gone, the answer from the database has an ETag too', async (t) => {
    await stack.app.statuses.remove(importID);
    const res = await conditional(stack.app, importID);
    t.equal(res.statusCode, 200);
    t.equal(res.json().body.importStatus, 'completed');
    const fromDB = res.headers.etag as string;
    t.ok(fromDB);
    const notModified = await conditional(other, importID, fromDB);
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.body, '');
  });
});

t.test('failed and unknown imports: no ETag, never 304', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('failer');
  const res = await uploadFile(stack.app, token, '{"meta": ');
  const importID: string = res.json().body.importID;
  const failed = await waitForImport(stack.app, importID);
  t.equal(failed.statusCode, 400);
  const again = await conditional(stack.app, importID, '*');
  t.equal(again.statusCode, 400);
  t.equal(again.json().success, false);
  t.notOk(again.headers['retry-after']);

  const unknown = await conditional(stack.app, 'a'.repeat(40), '*');
  t.equal(unknown.statusCode, 404);
  t.notOk(unknown.headers.etag);
});
