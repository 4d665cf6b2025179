/**
 * GET /api/v1/imports/:importID/poll-status: ongoing (held back deterministically) → completed,
 * a poll right after the 202, any API instance answering, failed imports, unknown and malformed ids.
 */
import t from 'tap';
import { GAME_NAMES } from '@score-import/core';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../../test/support/stack.ts';
import { submitDirect, uploadFile, waitForImport } from '../../../test/support/http.ts';
import { poll, pollUntil, sdvxDoc, secondApp } from '../../../test/support/api-helpers.ts';

const STARTING = { description: 'Starting up import.', processed: null, total: null };

t.test('ongoing → completed, seen from two API instances', async (t) => {
  const stack = await startStack(t, { worker: false });
  const other = await secondApp(t, stack);
  const { token } = await stack.user('poller');

  const res = await uploadFile(stack.app, token, sdvxDoc(3));
  t.equal(res.statusCode, 202);
  const { importID } = res.json().body;

  for (const app of [stack.app, other]) {
    const ongoing = await poll(app, importID);
    t.equal(ongoing.statusCode, 200);
    t.same(ongoing.json(), { success: true, description: 'Import is ongoing.', body: { importStatus: 'ongoing', progress: STARTING } });
    t.strictSame(Object.keys(ongoing.json().body.progress).sort(), ['description', 'processed', 'total']);
  }
  // nothing was written to the database while the import only sits in the queue
  t.equal(await stack.db.imports.countDocuments({ importID }), 0);

  await stack.startWorker();
  const done = await pollUntil(other, importID, (_s, j) => j.body?.importStatus !== 'ongoing');
  t.equal(done.statusCode, 200, JSON.stringify(done.json));
  t.equal(done.json.success, true);
  t.equal(done.json.description, 'Import was completed!');
  t.equal(done.json.body.importStatus, 'completed');
  const doc = done.json.body.import;
  t.equal(doc.importID, importID);
  t.equal(doc.userID, 1);
  t.equal(doc.game, 'sdvx');
  t.same(doc.playtypes, ['Single']);
  t.same(doc.gptStrings, ['sdvx:Single']);
  t.equal(doc.scoreIDs.length, 3);
  t.same(doc.errors, []);
  t.notOk('_id' in doc);
  t.notOk('revertPlan' in doc);

  // both instances give the same completed answer
  const first = await poll(stack.app, importID);
  t.equal(first.statusCode, 200);
  t.same(first.json(), done.json);
});

t.test('a poll right after the 202 is never 404, on this or another instance', async (t) => {
  const stack = await startStack(t);
  const other = await secondApp(t, stack);
  const { token } = await stack.user('eager');
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const res = i % 2 === 0 ? await uploadFile(stack.app, token, sdvxDoc(1, { baseScore: 9_000_000 + i })) : await submitDirect(stack.app, token, sdvxDoc(1, { baseScore: 9_000_000 + i }));
    t.equal(res.statusCode, 202);
    const importID = res.json().body.importID;
    ids.push(importID);
    const [a, b] = await Promise.all([poll(stack.app, importID), poll(other, importID)]);
    t.equal(a.statusCode, 200, `first poll of import ${i}`);
    t.equal(b.statusCode, 200, `first poll of import ${i} on the other instance`);
    t.ok(['ongoing', 'completed'].includes(a.json().body.importStatus));
  }
  for (const importID of ids) {
    const done = await waitForImport(other, importID);
    t.equal(done.statusCode, 200, JSON.stringify(done.json));
    t.equal(done.json.body.importStatus, 'completed');
  }
});

t.test('progress of a large import is well-formed and never goes backwards', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('bigone');
  const charts = JSON.parse(readFileSync(`${ROOT}/packages/core/data/charts-sdvx.json`, 'utf8')) as {
    data: { inGameID: number };
    difficulty: string;
    isPrimary: boolean;
  }[];
  const scores = charts
    .filter((c) => c.isPrimary && ['NOV', 'ADV', 'EXH', 'MXM'].includes(c.difficulty))
    .slice(0, 3000)
    .map((c, i) => ({ score: 9_000_000 + i, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: String(c.data.inGameID), difficulty: c.difficulty }));
  const res = await submitDirect(stack.app, token, { meta: { game: 'sdvx', playtype: 'Single', service: 'big' }, scores });
  t.equal(res.statusCode, 202);
  const importID = res.json().body.importID;
  await stack.startWorker();

  const phase = (d: string): number =>
    d === 'Starting up import.' ? 0
    : d === 'Parsing score data.' ? 1
    : /^(Parsed score data|Imported \d+ of)/.test(d) ? 2
    : /^Insert(ing|ed) /.test(d) ? 3
    // sessions, PBs and the profile run side by side: the description lists those still running
    : /^Updating (sessions|personal bests|profile statistics)(, [a-z ]+)*( and [a-z ]+)?\.$/.test(d) ? 4
    : d === 'Finalising import.' ? 5
    : -1;

  const seen: { description: string; processed: number | null; total: number | null }[] = [];
  let final;
  for (const deadline = Date.now() + 45_000; Date.now() < deadline; ) {
    const r = await poll(stack.app, importID);
    const json = r.json();
    if (r.statusCode === 503) {
      // the shared database was briefly unreachable: a client retries, as the answer says
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (!(r.statusCode === 200 && json.body.importStatus === 'ongoing')) {
      final = { statusCode: r.statusCode, json };
      break;
    }
    seen.push(json.body.progress);
  }
  t.ok(final, 'the import finished');
  t.equal(final!.statusCode, 200, JSON.stringify(final!.json).slice(0, 300));
  t.equal(final!.json.body.import.scoreIDs.length, 3000);
  t.ok(seen.length > 0);

  let previous = { phase: -1, processed: -1 };
  let backwards = 0;
  const malformed: unknown[] = [];
  for (const p of seen) {
    const wellFormed =
      JSON.stringify(Object.keys(p).sort()) === '["description","processed","total"]' &&
      phase(p.description) >= 0 &&
      (p.processed === null || Number.isInteger(p.processed)) &&
      (p.total === null || Number.isInteger(p.total));
    if (!wellFormed) malformed.push(p);
    const now = { phase: phase(p.description), processed: p.processed ?? 0 };
    if (now.phase < previous.phase || (now.phase === previous.phase && now.processed < previous.processed)) backwards++;
    previous = now;
  }
  t.same(malformed, [], 'every progress is { description, processed, total } with a known description');
  t.ok(new Set(seen.map((p) => p.description)).size >= 2, `progress moved: ${[...new Set(seen.map((p) => p.description))].join(' | ')}`);
  t.equal(backwards, 0, `progress never went backwards over ${seen.length} polls`);
});

const FAILED = { importStatus: 'failed', cleanupPending: false };

t.test('failed imports answer with their status and description, from every instance', async (t) => {
  const stack = await startStack(t);
  const other = await secondApp(t, stack);
  const { token } = await stack.user('failer');

  const broken = '{"meta": {"game": "sdvx"';
  let parseMessage = '';
  try {
    JSON.parse(broken);
  } catch (err) {
    parseMessage = (err as Error).message;
  }
  const res = await uploadFile(stack.app, token, broken);
  t.equal(res.statusCode, 202, 'an invalid file is still accepted first');
  const importID = res.json().body.importID;
  const expected = {
    success: false,
    description: `Invalid JSON. (${parseMessage})`,
    body: { importStatus: 'failed', cleanupPending: false },
  };

  const failed = await waitForImport(stack.app, importID);
  t.equal(failed.statusCode, 400);
  t.same(failed.json, expected);
  t.notOk('import' in failed.json.body, 'a failure carries no ImportDocument');

  const fromOther = await poll(other, importID);
  t.equal(fromOther.statusCode, 400);
  t.same(fromOther.json(), expected);

  // once the Redis status record has expired, the failure is still answered (from the database)
  await stack.app.statuses.remove(importID);
  const later = await poll(other, importID);
  t.equal(later.statusCode, 400);
  t.same(later.json(), expected);

  t.test('unknown game', async (t) => {
    const res = await submitDirect(stack.app, token, { meta: { game: 'nonsense', playtype: 'Single', service: 'tests' }, scores: [] });
    const done = await waitForImport(stack.app, res.json().body.importID);
    t.equal(done.statusCode, 400);
    t.same(done.json, { success: false, description: `Invalid game 'nonsense' - expected any of ${GAME_NAMES.join(', ')}.`, body: FAILED });
  });

  t.test('unknown playtype', async (t) => {
    const res = await submitDirect(stack.app, token, { meta: { game: 'sdvx', playtype: 'nonsense', service: 'tests' }, scores: [] });
    const done = await waitForImport(stack.app, res.json().body.importID);
    t.equal(done.statusCode, 400);
    t.same(done.json, { success: false, description: "Invalid playtype 'nonsense' - expected any of Single.", body: FAILED });
  });

  t.test('an empty direct-manual object', async (t) => {
    const res = await submitDirect(stack.app, token, {});
    t.equal(res.statusCode, 202);
    const done = await waitForImport(stack.app, res.json().body.importID);
    t.equal(done.statusCode, 400);
    t.same(done.json, { success: false, description: 'Could not retrieve meta.game - is this valid BATCH-MANUAL?', body: FAILED });
  });
});

t.test('a completed import is answered from the database once its status record is gone', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('expired');
  const res = await uploadFile(stack.app, token, sdvxDoc(1));
  const importID = res.json().body.importID;
  const done = await waitForImport(stack.app, importID);
  t.equal(done.statusCode, 200);
  await stack.app.statuses.remove(importID);
  const again = await poll(stack.app, importID);
  t.equal(again.statusCode, 200);
  t.same(again.json(), done.json);
});

t.test('unknown and malformed import ids → 404', async (t) => {
  const stack = await startStack(t, { worker: false });
  const NONE = { success: false, description: 'There is no ongoing import here.' };
  const ids = [
    'a'.repeat(40),
    '0123456789abcdef0123456789abcdef01234567',
    '0123456789ABCDEF0123456789ABCDEF01234567',
    'abc',
    'g'.repeat(40),
    '..%2F..%2Fetc%2Fpasswd',
    'null',
    encodeURIComponent('{"$ne":null}'),
    '*',
  ];
  for (const id of ids) {
    const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/poll-status` });
    t.equal(res.statusCode, 404, id);
    t.same(res.json(), NONE, id);
  }
  // router-level failures are answered in the envelope too
  const undecodable = await stack.app.inject({ method: 'GET', url: '/api/v1/imports/%zz/poll-status' });
  t.equal(undecodable.statusCode, 400);
  t.same(undecodable.json(), { success: false, description: 'The URL could not be decoded.' });
  const long = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${'a'.repeat(500)}/poll-status` });
  t.equal(long.statusCode, 414);
  t.same(long.json(), { success: false, description: 'A path parameter of the URL is too long.' });
  // a path with a slash is another (unknown) route
  const nested = await stack.app.inject({ method: 'GET', url: '/api/v1/imports/a/b/poll-status' });
  t.equal(nested.statusCode, 404);
  t.equal(nested.json().success, false);
});
