/**
 * GET /api/v1/imports/:importID/events: Server-Sent Events over real HTTP between two listening
 * API instances. Submitted on A, watched on B: `ongoing` first (the worker is held back), then
 * `completed` once a worker runs, and the stream closes. A late subscriber gets `completed` at
 * once; a failed import gives `failed` with its status code; an unknown import is a JSON 404.
 */
import t, { type Test } from 'tap';
import { GAME_NAMES } from '@score-import/core';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { startStack, type Stack } from '../../../test/support/stack.ts';
import { secondApp, sdvxDoc, type Json } from '../../../test/support/api-helpers.ts';
import { openSSE, type SSEEvent } from '../../../test/support/sse.ts';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

/** Two listening API instances on the same configuration. */
async function twoInstances(t: Test, stack: Stack) {
  const b = await secondApp(t, stack);
  return { A: await listen(stack.app), B: await listen(b) };
}

async function submit(base: string, token: string, body: unknown): Promise<string> {
  const res = await fetch(`${base}/ir/direct-manual/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Json;
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(json)}`);
  return json.body.importID;
}

const data = (e: SSEEvent | null): Json => JSON.parse(e!.data);

t.test('submitted on A, followed on B: ongoing → completed, then the stream closes', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { A, B } = await twoInstances(t, stack);
  const { token } = await stack.user('watcher');
  const importID = await submit(A, token, sdvxDoc(3));

  const stream = await openSSE(`${B}/api/v1/imports/${importID}/events`);
  t.teardown(() => stream.close());
  t.equal(stream.status, 200);
  t.match(stream.headers.get('content-type'), /^text\/event-stream/);
  t.match(stream.headers.get('cache-control'), /no-cache/);

  const first = await stream.next();
  t.equal(first?.event, 'ongoing', 'the first event is the current state');
  t.same(data(first), {
    success: true,
    description: 'Import is ongoing.',
    body: { importStatus: 'ongoing', progress: { description: 'Starting up import.', processed: null, total: null } },
  });
  t.ok(first?.id !== undefined, 'events carry an id');

  await stack.startWorker();
  const seen: SSEEvent[] = [];
  let last: SSEEvent | null = null;
  for (;;) {
    const e = await stream.next();
    if (e === null) break;
    seen.push(e);
    last = e;
  }
  t.ok(last, 'events after the worker started');
  t.equal(last?.event, 'completed', `the last event is completed (saw ${seen.map((e) => e.event).join(', ')})`);
  t.ok(seen.slice(0, -1).every((e) => e.event === 'ongoing'), 'only ongoing before it');
  const done = data(last);
  t.equal(done.success, true);
  t.equal(done.description, 'Import was completed!');
  t.equal(done.body.importStatus, 'completed');
  t.equal(done.body.import.importID, importID);
  t.equal(done.body.import.scoreIDs.length, 3);
  t.notOk('_id' in done.body.import);
  // ids increase, no event is sent twice
  const ids = [first!, ...seen].map((e) => Number(e.id));
  t.same(ids, [...ids].sort((a, b) => a - b));
  t.equal(new Set(ids).size, ids.length);
  t.equal(await stream.next(), null, 'the server closed the stream');

  // what the stream said last is what poll-status answers
  const polled = await fetch(`${A}/api/v1/imports/${importID}/poll-status`);
  t.same(await polled.json(), done);
});

t.test('a late subscriber gets one completed event and the stream closes', async (t) => {
  const stack = await startStack(t);
  const { A, B } = await twoInstances(t, stack);
  const { token } = await stack.user('late');
  const importID = await submit(A, token, sdvxDoc(1));
  for (;;) {
    const res = (await (await fetch(`${A}/api/v1/imports/${importID}/poll-status`)).json()) as Json;
    if (res.body?.importStatus === 'completed') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const base of [A, B]) {
    const stream = await openSSE(`${base}/api/v1/imports/${importID}/events`);
    t.teardown(() => stream.close());
    t.equal(stream.status, 200);
    const only = await stream.next();
    t.equal(only?.event, 'completed');
    t.equal(data(only).body.import.importID, importID);
    t.equal(await stream.next(), null, 'closed after the one event');
  }
});

t.test('a failed import: ongoing → failed with its status code, then closed; later subscribers too', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { A, B } = await twoInstances(t, stack);
  const { token } = await stack.user('failer');
  const importID = await submit(A, token, '{"meta": {"game": "nonsense", "playtype": "Single", "service": "x"}, "scores": []}');

  const stream = await openSSE(`${B}/api/v1/imports/${importID}/events`);
  t.teardown(() => stream.close());
  t.equal((await stream.next())?.event, 'ongoing');
  await stack.startWorker();
  let last: SSEEvent | null = null;
  for (let e = await stream.next(); e !== null; e = await stream.next()) last = e;
  const expected = {
    success: false,
    statusCode: 400,
    description: `Invalid game 'nonsense' - expected any of ${GAME_NAMES.join(', ')}.`,
    body: { importStatus: 'failed', cleanupPending: false },
  };
  t.equal(last?.event, 'failed');
  t.same(data(last), expected);

  const late = await openSSE(`${A}/api/v1/imports/${importID}/events`);
  t.teardown(() => late.close());
  const only = await late.next();
  t.equal(only?.event, 'failed');
  t.same(data(only), expected);
  t.equal(await late.next(), null);

  // once the Redis record is gone the failure is still told (from the database)
  await stack.app.statuses.remove(importID);
  const later = await openSSE(`${B}/api/v1/imports/${importID}/events`);
  t.teardown(() => later.close());
  const fromDB = await later.next();
  t.equal(fromDB?.event, 'failed');
  t.same(data(fromDB), expected);
  t.equal(await later.next(), null);
});

t.test('unknown and malformed import ids → 404 in JSON, no stream', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { B } = await twoInstances(t, stack);
  for (const id of ['a'.repeat(40), 'nope', encodeURIComponent('{"$ne":null}')]) {
    const stream = await openSSE(`${B}/api/v1/imports/${id}/events`);
    t.equal(stream.status, 404, id);
    t.match(stream.headers.get('content-type'), /^application\/json/);
    t.same(JSON.parse(stream.text!), { success: false, description: 'There is no ongoing import here.' });
  }
});

t.test('a quiet stream is kept alive; a client that goes away is unsubscribed', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { A, B } = await twoInstances(t, stack);
  const { token } = await stack.user('leaver');
  const importID = await submit(A, token, sdvxDoc(1));
  const channel = stack.app.statuses.key(importID);
  const redis = new Redis(stack.config.REDIS_URL);
  t.teardown(() => redis.disconnect());
  const subscribers = async () => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1];

  const one = await openSSE(`${B}/api/v1/imports/${importID}/events`);
  const two = await openSSE(`${A}/api/v1/imports/${importID}/events`);
  t.equal((await one.next())?.event, 'ongoing');
  t.equal((await two.next())?.event, 'ongoing');
  t.equal(await subscribers(), 2, 'each instance subscribed to the import');
  // a quiet stream gets a keep-alive comment every 5 s (proxies close idle connections)
  await one.next(8_000).catch(() => null);
  t.ok(one.comments.includes('keep-alive'), `a keep-alive comment on a quiet stream (${JSON.stringify(one.comments)})`);
  one.close();
  two.close();
  for (let i = 0; i < 100 && (await subscribers()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
  t.equal(await subscribers(), 0, 'both unsubscribed once their client left');
});
