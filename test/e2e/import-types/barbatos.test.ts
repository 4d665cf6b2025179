/**
 * ir/barbatos end to end: POST /ir/barbatos/score/submit with Tachi's test scores (SDVX V and VI)
 * through a real worker and the bundled SDVX seeds, answered when the import is done; then bad
 * bodies, bad auth, unknown charts, the Bokutachi-only setting and the 202 past IR_WAIT_MS.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../../support/stack.ts';
import { bearer, waitForImport } from '../../support/http.ts';
import { revertAndCheck } from './tachi-formats-helpers.ts';

const URL = '/ir/barbatos/score/submit';
const ALBIDA_ADV = '5088a4d0e1ee9d0cc2f625934306e45b1a60699b';

// Tachi's TestingBarbatosScore and MockBarbatosSDVX6Score (test-utils/test-data.ts)
const V = {
  difficulty: 1, level: 10, song_id: 1, max_chain: 50, critical: 50, near_total: 30, near_fast: 20, near_slow: 10,
  score: 9500000, error: 5, percent: 81, did_fail: false, clear_type: 2, gauge_type: 1, is_skill_analyzer: false,
};
const VI = {
  clear_type: 3, difficulty: 1, level: 10, max_chain: 100, percent: 90, score: 9_000_000, song_id: 1,
  chip_s_crit: 4, chip_crit: 3, chip_near: 2, chip_error: 1, early_crit: 5, early_near: 6, early_error: 7, ex_score: 1234,
  gauge_type: 1, grade: 'whocares', late_crit: 8, late_near: 9, late_error: 10, long_crit: 11, long_error: 12, s_crit: 13,
  vol_crit: 14, vol_error: 15,
};

const submit = (stack: Stack, token: string | null, body: unknown, headers: Record<string, string> = {}) =>
  stack.app.inject({ method: 'POST', url: URL, payload: body as object, headers: { ...(token ? bearer(token) : {}), ...headers } });

t.test('SDVX V and VI scores: 200 with the ImportDocument, the stored scores, poll-status, revert', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  const before = Date.now();
  const res = await submit(stack, token, V);
  t.equal(res.statusCode, 200);
  const json = res.json();
  t.equal(json.success, true);
  t.equal(json.description, 'Import successful.');
  const doc = json.body;
  t.equal(doc.importType, 'ir/barbatos');
  t.equal(doc.game, 'sdvx');
  t.equal(doc.userIntent, false);
  t.equal(doc.scoreIDs.length, 1);
  t.strictSame(doc.errors, []);
  t.equal(doc.createdSessions.length, 1);

  const [score] = await stack.db.scores.find({ userID }, { projection: { _id: 0 } }).toArray();
  t.equal(score.scoreID, doc.scoreIDs[0]);
  t.equal(score.chartID, ALBIDA_ADV);
  t.equal(score.service, 'Barbatos (vivid)');
  t.ok(score.timeAchieved >= before && score.timeAchieved <= Date.now(), 'timeAchieved: when the score was received');
  t.strictSame(score.scoreMeta, { inSkillAnalyser: false });
  t.match(score.scoreData, {
    score: 9500000,
    lamp: 'CLEAR',
    grade: 'AA+',
    judgements: { critical: 50, near: 30, miss: 5 },
    optional: { fast: 20, slow: 10, gauge: 81, maxCombo: 50, exScore: null },
  });

  const poll = await waitForImport(stack.app, doc.importID);
  t.equal(poll.statusCode, 200);
  t.equal(poll.json.body.importStatus, 'completed');
  t.strictSame(poll.json.body.import, doc, 'poll-status shows the same ImportDocument');

  const six = await submit(stack, token, VI);
  t.equal(six.statusCode, 200);
  const [exceed] = await stack.db.scores.find({ userID, service: 'Barbatos (exceed)' }, { projection: { _id: 0 } }).toArray();
  t.match(exceed.scoreData, {
    score: 9_000_000,
    lamp: 'EXCESSIVE CLEAR',
    judgements: { critical: 26, near: 2, miss: 17 },
    optional: { fast: 6, slow: 9, gauge: 90, maxCombo: 100, exScore: 1234 },
  });
  t.strictSame(exceed.scoreMeta, { inSkillAnalyser: null });

  await revertAndCheck(t, stack, token, six.json().body.importID);
  await revertAndCheck(t, stack, token, doc.importID);
  t.equal(await stack.db.scores.countDocuments({ userID }), 0);
});

t.test('unknown charts: 200 with the error, kept as an orphan', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const res = await submit(stack, token, { ...V, song_id: 99999 });
  t.equal(res.statusCode, 200);
  t.strictSame(res.json().body.scoreIDs, []);
  t.strictSame(res.json().body.errors, [{ type: 'SongOrChartNotFound', message: 'Could not find chart with songID 99999 (ADV)' }]);
  const orphans = await stack.db.orphans.find({ userID }, { projection: { _id: 0 } }).toArray();
  t.equal(orphans.length, 1);
  t.strictSame(orphans[0].data, { ...V, song_id: 99999 });
  t.equal(orphans[0].importType, 'ir/barbatos');
  t.match(orphans[0].context, { game: 'sdvx', version: 'vivid' });
});

t.test('bad bodies and auth: Tachi\'s status codes and messages', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');

  const empty = await submit(stack, token, {});
  t.equal(empty.statusCode, 400);
  t.strictSame(empty.json(), { success: false, description: 'Invalid Barbatos Request: difficulty | Expected any of 0, 1, 2, 3, 4. | Received undefined [type: undefined].' });
  const lamp = await submit(stack, token, { ...V, clear_type: 6 });
  t.equal(lamp.statusCode, 400);
  t.equal(lamp.json().description, 'Invalid Barbatos Request: clear_type | Expected any of 1, 2, 3, 4, 5. | Received 6 [type: number].');
  const extra = await submit(stack, token, { ...V, foo: 'bar' });
  t.equal(extra.statusCode, 400);
  t.equal(extra.json().description, 'Invalid Barbatos Request: null | Unexpected properties inside object: foo..', 'FormatPrError adds a full stop to prudence\'s own');

  // not an object: the import's check answers (no schema error of the framework)
  const array = await submit(stack, token, [V]);
  t.equal(array.statusCode, 400);
  t.equal(array.json().description, 'Invalid Barbatos Request: difficulty | Expected any of 0, 1, 2, 3, 4. | Received undefined [type: undefined].');

  const malformed = await stack.app.inject({ method: 'POST', url: URL, payload: '{"difficulty":', headers: { ...bearer(token), 'content-type': 'application/json' } });
  t.equal(malformed.statusCode, 400);
  t.equal(malformed.json().success, false);
  const notJSON = await stack.app.inject({ method: 'POST', url: URL, payload: 'difficulty=1', headers: { ...bearer(token), 'content-type': 'text/plain' } });
  t.ok(notJSON.statusCode === 415 || notJSON.statusCode === 400, `not JSON: ${notJSON.statusCode}`);
  t.equal(notJSON.json().success, false);

  const guest = await submit(stack, null, V);
  t.equal(guest.statusCode, 401);
  t.strictSame(guest.json(), { success: false, description: 'This endpoint requires authentication.' });
  const badToken = await submit(stack, 'invalid_token', V);
  t.equal(badToken.statusCode, 401);
  t.strictSame(badToken.json(), { success: false, description: 'The provided API token does not correspond with any key in the database.' });
  const basic = await submit(stack, null, V, { authorization: 'Basic abc' });
  t.equal(basic.statusCode, 400);
  t.strictSame(basic.json(), { success: false, description: 'Invalid Authorization Type - Expected Bearer.' });
  const noPerm = await stack.user('bob', { permissions: ['delete_score'] });
  const forbidden = await submit(stack, noPerm.token, V);
  t.equal(forbidden.statusCode, 403);
  t.strictSame(forbidden.json(), { success: false, description: 'You are missing the following permissions necessary for this request: submit_score' });
  t.equal(await stack.db.scores.countDocuments({}), 0);
});

t.test('served by Kamaitachi only: not routed when TACHI_ROUTES=bokutachi', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ TACHI_ROUTES: 'bokutachi' }) });
  const { token } = await stack.user('alice');
  const res = await submit(stack, token, V);
  t.equal(res.statusCode, 404);
  t.equal(res.json().success, false);
});

t.test('past IR_WAIT_MS: 202 with the poll URL, the import still done by a worker', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ IR_WAIT_MS: '200' }) });
  const { userID, token } = await stack.user('alice');
  const res = await submit(stack, token, V);
  t.equal(res.statusCode, 202);
  const { importID, url } = res.json().body;
  t.match(url, new RegExp(`/api/v1/imports/${importID}/poll-status$`));
  await stack.startWorker();
  const poll = await waitForImport(stack.app, importID);
  t.equal(poll.json.body.importStatus, 'completed');
  t.equal(await stack.db.scores.countDocuments({ userID }), 1);
});
