/**
 * ir/kshook-sv6c and ir/kshook-sv6c-static end to end: the Konaste SDVX hook's routes with Tachi's
 * test scores, a real worker and the bundled SDVX seeds (Konaste charts): answers when imported,
 * poll-status, revert; the fer-style failures (`error`), headers, auth, unknown charts, the
 * static import's setting, the Bokutachi-only setting.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../../support/stack.ts';
import { bearer, waitForImport } from '../../support/http.ts';
import { revertAndCheck } from './tachi-formats-helpers.ts';

const SAVE = '/ir/kshook/sv6c/score/save';
const EXPORT = '/ir/kshook/sv6c/score/export';
const ALBIDA_ADV = '5088a4d0e1ee9d0cc2f625934306e45b1a60699b';
const HEADERS = { 'user-agent': 'kshook/0.1.0', 'x-software-model': 'QCV:J:C:A:2021100600' };

// Tachi's TestingKsHookSV6CScore and TestingKsHookSV6CStaticScore (test-utils/test-data.ts)
const SCORE = {
  clear: 'CLEAR_EXCESSIVE', critical: 1184, difficulty: 'DIFFICULTY_ADVANCED', error: 30, gauge: 71, grade: 'GRADE_AA_PLUS',
  max_chain: 158, music_id: 1, near: 46, rate: 'RATE_EXCESSIVE', score: 9579365, track_no: 0, ex_score: 1334, retry_count: 0,
};
const STATIC = {
  clear: 'CLEAR_EXCESSIVE', difficulty: 'DIFFICULTY_ADVANCED', grade: 'GRADE_AA_PLUS', max_chain: 158, music_id: 1, score: 9579365,
  ex_score: 1334, timestamp: 1_700_000_000,
};

function post(stack: Stack, url: string, token: string | null, body: unknown, headers: Record<string, string | undefined> = HEADERS) {
  const h: Record<string, string> = token ? bearer(token) : {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v;
  return stack.app.inject({ method: 'POST', url, payload: body as object, headers: h });
}

const forceStatic = (stack: Stack, userID: number, on: boolean) =>
  stack.db.connection.collection('kshook-sv6c-settings').updateOne({ userID }, { $set: { forceStaticImport: on } }, { upsert: true });

t.test('score/save: 200 with the ImportDocument, the stored score, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const before = Date.now();
  const res = await post(stack, SAVE, token, SCORE);
  t.equal(res.statusCode, 200);
  const json = res.json();
  t.equal(json.success, true);
  t.equal(json.description, 'Import successful.');
  t.equal(json.body.importType, 'ir/kshook-sv6c');
  t.equal(json.body.userIntent, false, 'no user intent');
  t.equal(json.body.scoreIDs.length, 1);
  t.strictSame(json.body.errors, []);

  const [score] = await stack.db.scores.find({ userID }, { projection: { _id: 0 } }).toArray();
  t.equal(score.chartID, ALBIDA_ADV);
  t.equal(score.service, 'kshook SV6C');
  t.equal(score.importType, 'ir/kshook-sv6c');
  t.ok(score.timeAchieved >= before && score.timeAchieved <= Date.now());
  t.match(score.scoreData, {
    score: 9579365,
    lamp: 'EXCESSIVE CLEAR',
    grade: 'AA+',
    judgements: { critical: 1184, near: 46, miss: 30 },
    optional: { gauge: 0.71, maxCombo: 158, exScore: 1334 },
  });

  const poll = await waitForImport(stack.app, json.body.importID);
  t.equal(poll.json.body.importStatus, 'completed');
  t.strictSame(poll.json.body.import, json.body);
  await revertAndCheck(t, stack, token, json.body.importID);
});

t.test('score/save: unknown charts are errors and orphans; invalid bodies answer fer-style 400s', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const unknown = await post(stack, SAVE, token, { ...SCORE, music_id: 99999 });
  t.equal(unknown.statusCode, 200);
  t.strictSame(unknown.json().body.errors, [{ type: 'SongOrChartNotFound', message: 'Could not find chart with songID 99999 (ADV for Konaste).' }]);
  const [orphan] = await stack.db.orphans.find({ userID }, { projection: { _id: 0 } }).toArray();
  t.strictSame(orphan.data, { ...SCORE, music_id: 99999 });
  t.equal(orphan.importType, 'ir/kshook-sv6c');

  const empty = await post(stack, SAVE, token, {});
  t.equal(empty.statusCode, 400);
  t.strictSame(empty.json(), {
    success: false,
    error: 'Error: clear | Expected any of CLEAR_PLAYED, CLEAR_EFFECTIVE, CLEAR_EXCESSIVE, CLEAR_ULTIMATE_CHAIN, CLEAR_MAXXIVE, CLEAR_PERFECT. | Received undefined [type: undefined].',
  });
  const clear = await post(stack, SAVE, token, { ...SCORE, clear: 'INVALID_CLEAR_TYPE' });
  t.equal(clear.statusCode, 400);
  t.type(clear.json().error, 'string');
  const notObject = await post(stack, SAVE, token, [SCORE]);
  t.equal(notObject.statusCode, 400);
  t.type(notObject.json().error, 'string');
  const text = await stack.app.inject({ method: 'POST', url: SAVE, payload: 'x', headers: { ...bearer(token), ...HEADERS, 'content-type': 'text/plain' } });
  t.ok([400, 415].includes(text.statusCode), `a body that is not JSON: ${text.statusCode}`);
  t.equal(text.json().success, false);
});

t.test('headers and auth, as Tachi answers them', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  for (const url of [SAVE, EXPORT]) {
    const cases: [string, Promise<{ statusCode: number; json(): unknown }>, number, object][] = [
      ['other software model', post(stack, url, token, SCORE, { ...HEADERS, 'x-software-model': 'LDJ:J:C:A:2021100600' }), 400, { success: false, error: 'Invalid softID LDJ:J:C:A:2021100600.' }],
      ['no software model', post(stack, url, token, SCORE, { ...HEADERS, 'x-software-model': undefined }), 400, { success: false, error: 'Invalid X-Software-Model.' }],
      ['malformed software model', post(stack, url, token, SCORE, { ...HEADERS, 'x-software-model': 'QCV:J:C:A' }), 400, { success: false, error: 'Invalid X-Software-Model.' }],
      ['lowercase software model', post(stack, url, token, SCORE, { ...HEADERS, 'x-software-model': 'qcv:j:c:a:2021100600' }), 400, { success: false, error: 'Invalid X-Software-Model.' }],
      ['empty user agent', post(stack, url, token, SCORE, { ...HEADERS, 'user-agent': '' }), 400, { success: false, error: 'Invalid User-Agent.' }],
      ['other user agent', post(stack, url, token, SCORE, { ...HEADERS, 'user-agent': 'curl/8.0' }), 400, { success: false, error: 'Invalid User-Agent curl/8.0 - expected KsHook client.' }],
      ['bad token', post(stack, url, 'foo', SCORE), 401, { success: false, error: 'The provided API token does not correspond with any key in the database.' }],
      ['no token', post(stack, url, null, SCORE), 401, { success: false, error: 'This endpoint requires authentication.' }],
      ['not Bearer', post(stack, url, null, SCORE, { ...HEADERS, authorization: 'Basic abc' }), 400, { success: false, error: 'Invalid Authorization Type - Expected Bearer.' }],
      ['empty Bearer', post(stack, url, null, SCORE, { ...HEADERS, authorization: 'Bearer' }), 401, { success: false, error: 'Invalid token.' }],
    ];
    for (const [name, pending, status, body] of cases) {
      const res = await pending;
      t.equal(res.statusCode, status, `${url} ${name}: ${status}`);
      t.strictSame(res.json(), body, `${url} ${name}`);
    }
  }
  const noPerm = await stack.user('bob', { permissions: ['delete_score'] });
  const forbidden = await post(stack, SAVE, noPerm.token, SCORE);
  t.equal(forbidden.statusCode, 403);
  const banned = await stack.user('carol');
  await stack.db.users.updateOne({ id: banned.userID }, { $set: { authLevel: 0 } });
  const bannedRes = await post(stack, SAVE, banned.token, SCORE);
  t.equal(bannedRes.statusCode, 403);
  t.equal(bannedRes.json().description, 'You are banned from this service.');
  t.equal(await stack.db.scores.countDocuments({}), 0);
});

t.test('score/export: only when forceStaticImport is set, which the import turns off', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const body = { scores: [STATIC, { ...STATIC, difficulty: 'DIFFICULTY_EXHAUST', score: 9_100_000, clear: 'CLEAR_PLAYED' }, { ...STATIC, music_id: 99999 }] };

  const disabled = await post(stack, EXPORT, token, body);
  t.equal(disabled.statusCode, 200);
  t.strictSame(disabled.json(), { success: true, description: 'Static importing is disabled. Ignoring static import request.', body: {} });
  await forceStatic(stack, userID, false);
  t.equal((await post(stack, EXPORT, token, body)).json().description, 'Static importing is disabled. Ignoring static import request.');
  t.equal(await stack.db.scores.countDocuments({ userID }), 0);

  await forceStatic(stack, userID, true);
  const res = await post(stack, EXPORT, token, body);
  t.equal(res.statusCode, 200);
  const doc = res.json().body;
  t.equal(res.json().description, 'Import successful.');
  t.equal(doc.importType, 'ir/kshook-sv6c-static');
  t.equal(doc.scoreIDs.length, 2);
  t.strictSame(doc.errors, [{ type: 'SongOrChartNotFound', message: 'Could not find chart with songID 99999 (ADV for Konaste).' }]);
  const settings = await stack.db.connection.collection('kshook-sv6c-settings').findOne({ userID });
  t.equal(settings?.forceStaticImport, false, 'forceStaticImport is reset');

  const scores = await stack.db.scores.find({ userID }, { projection: { _id: 0 } }).sort({ 'scoreData.score': -1 }).toArray();
  t.same(scores.map((s) => [s.chartID, s.service, s.importType, s.timeAchieved, s.scoreData.score, s.scoreData.lamp]), [
    [ALBIDA_ADV, 'kshook SV6C Static', 'ir/kshook-sv6c', 1_700_000_000_000, 9579365, 'EXCESSIVE CLEAR'],
    ['ee2f0a264b047a3139a8d2df219b4712728a668e', 'kshook SV6C Static', 'ir/kshook-sv6c', 1_700_000_000_000, 9_100_000, 'FAILED'],
  ]);
  t.match(scores[0].scoreData, { judgements: {}, optional: { maxCombo: 158, exScore: 1334 } });

  // once: the next export is ignored again
  t.equal((await post(stack, EXPORT, token, body)).json().description, 'Static importing is disabled. Ignoring static import request.');

  // a bad export fails fer-style (the flag was taken)
  await forceStatic(stack, userID, true);
  const bad = await post(stack, EXPORT, token, { scores: [{ ...STATIC, clear: 'INVALID_CLEAR_TYPE' }] });
  t.equal(bad.statusCode, 400);
  t.strictSame(bad.json(), {
    success: false,
    error: 'Error: scores[0].clear | Expected any of CLEAR_PLAYED, CLEAR_EFFECTIVE, CLEAR_EXCESSIVE, CLEAR_ULTIMATE_CHAIN, CLEAR_MAXXIVE, CLEAR_PERFECT. | Received INVALID_CLEAR_TYPE [type: string].',
  });

  await revertAndCheck(t, stack, token, doc.importID);
});

t.test('served by Kamaitachi only', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ TACHI_ROUTES: 'bokutachi' }) });
  const { token } = await stack.user('alice');
  t.equal((await post(stack, SAVE, token, SCORE)).statusCode, 404);
  t.equal((await post(stack, EXPORT, token, { scores: [] })).statusCode, 404);
});
