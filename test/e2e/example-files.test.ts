/**
 * Tachi's two SDVX/CHUNITHM example files (examples/, spec §8.3) through the API and a real
 * worker, against the bundled seeds, with the derived expectations the spec lists; then the same
 * files again (every score a duplicate).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { startStack, ROOT } from '../support/stack.ts';
import { bearer } from '../support/http.ts';
import {
  CHUNI,
  IMPORT_DOC_KEYS,
  SDVX,
  dbState,
  gameStatsOf,
  importOK,
  pbOf,
  scoresOf,
  storedScoreIDsOf,
} from './helpers.ts';

const sdvxExample = JSON.parse(readFileSync(`${ROOT}/examples/sdvx.json`, 'utf8'));
const chunithmExample = JSON.parse(readFileSync(`${ROOT}/examples/chunithm.json`, 'utf8'));

/** spec §3.5 canaries (userID 1) */
const SDVX_SCORE_ID = 'Te36c3c6ef0ae394ddfa0f8d0f9c2246c59d7fcaba8ea3f5dc9e386281f48aa7c';
const CHUNI_SCORE_ID = 'T8f96a679fdb757571cc7999c603ccf0189d620f0bc47df13cd9910a68c52abc7';

t.test('the example files are the ones of spec §8.3', async (t) => {
  t.same(sdvxExample, {
    meta: { game: 'sdvx', playtype: 'Single', service: 'foobar' },
    scores: [{ score: 9000000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV' }],
  });
  t.same(chunithmExample, {
    meta: { game: 'chunithm', playtype: 'Single', service: 'ChunItachi' },
    scores: [
      { score: 900000, clearLamp: 'CLEAR', noteLamp: 'NONE', matchType: 'songTitle', identifier: 'B.B.K.K.B.K.K.', difficulty: 'BASIC' },
    ],
  });
});

t.test('examples/sdvx.json: first import by a fresh user, then the same file again', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1, 'the canary scoreID is for userID 1');

  const before = Date.now();
  const doc = await importOK(stack, token, sdvxExample);
  const after = Date.now();

  t.same(Object.keys(doc).sort(), IMPORT_DOC_KEYS, 'every ImportDocument field of spec §3.13 plus skippedDuplicates');
  t.match(doc.importID, /^[0-9a-f]{40}$/);
  t.strictSame(
    { ...doc, importID: undefined, timeStarted: undefined, timeFinished: undefined },
    {
      importID: undefined,
      userID: 1,
      importType: 'file/batch-manual',
      userIntent: false,
      game: 'sdvx',
      playtypes: ['Single'],
      gptStrings: ['sdvx:Single'],
      scoreIDs: [SDVX_SCORE_ID],
      errors: [],
      createdSessions: [],
      classDeltas: [{ game: 'sdvx', set: 'vfClass', playtype: 'Single', old: null, new: 'SIENNA_I' }],
      goalInfo: [],
      questInfo: [],
      timeStarted: undefined,
      timeFinished: undefined,
      skippedDuplicates: 0,
    },
  );
  t.ok(doc.timeStarted >= before && doc.timeStarted <= doc.timeFinished && doc.timeFinished <= after, 'timeStarted ≤ timeFinished, both during the import');

  // the stored ImportDocument is the one poll-status answered with (plus nothing but _id)
  const stored = await stack.db.imports.findOne({ importID: doc.importID }, { projection: { _id: 0 } });
  t.strictSame(stored, doc);

  // scoreIDs lists exactly the scores in the database for it
  t.same(await storedScoreIDsOf(stack, doc.importID), [SDVX_SCORE_ID]);
  const scores = await scoresOf(stack, { userID: 1 });
  t.equal(scores.length, 1);
  const score = scores[0];
  t.type(score.timeAdded, 'number');
  t.ok(score.timeAdded >= before && score.timeAdded <= after, 'timeAdded is the time of the import');
  t.strictSame(
    { ...score, timeAdded: 0 },
    {
      scoreID: SDVX_SCORE_ID,
      userID: 1,
      game: 'sdvx',
      playtype: 'Single',
      chartID: SDVX.ALBIDA_ADV.chartID,
      songID: 1,
      isPrimary: true,
      service: 'foobar (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: null,
      timeAdded: 0,
      highlight: false,
      scoreMeta: {},
      scoreData: {
        score: 9000000,
        lamp: 'CLEAR',
        grade: 'A+',
        judgements: {},
        optional: { enumIndexes: {} },
        enumIndexes: { lamp: 1, grade: 4 },
      },
      calculatedData: { VF6: 0.163 },
      importID: doc.importID,
    },
  );

  t.equal(await stack.db.sessions.countDocuments({}), 0, 'no timestamp, no session');

  t.strictSame(await pbOf(stack, 1, SDVX.ALBIDA_ADV.chartID), {
    composedFrom: [{ name: 'Best Score', scoreID: SDVX_SCORE_ID }],
    chartID: SDVX.ALBIDA_ADV.chartID,
    userID: 1,
    songID: 1,
    highlight: false,
    timeAchieved: null,
    game: 'sdvx',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 9000000,
      lamp: 'CLEAR',
      grade: 'A+',
      judgements: {},
      optional: { enumIndexes: {} },
      enumIndexes: { lamp: 1, grade: 4 },
    },
    calculatedData: { VF6: 0.163 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  t.same(await gameStatsOf(stack, 1, 'sdvx'), {
    userID: 1,
    game: 'sdvx',
    playtype: 'Single',
    ratings: { VF6: 0.163 },
    classes: { vfClass: 'SIENNA_I' },
  });

  // GET /api/v1/imports/:importID
  const detail = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${doc.importID}` });
  t.equal(detail.statusCode, 200);
  const body = detail.json();
  t.equal(body.description, 'Returned info about this session.');
  t.strictSame(body.body.import, doc);
  t.same(body.body.scores.map((s: { scoreID: string }) => s.scoreID), [SDVX_SCORE_ID]);
  t.same(body.body.charts.map((c: { chartID: string }) => c.chartID), [SDVX.ALBIDA_ADV.chartID]);
  t.same(body.body.songs.map((s: { id: number; title: string }) => [s.id, s.title]), [[1, 'ALBIDA Powerless Mix']]);
  t.same(body.body.sessions, []);
  t.equal(body.body.user.id, 1);

  // the same file again: every score is a duplicate, skipped and counted
  const stateBefore = await dbState(stack);
  const again = await importOK(stack, token, sdvxExample);
  t.not(again.importID, doc.importID);
  t.same(again.scoreIDs, []);
  t.same(again.errors, []);
  t.same(again.playtypes, []);
  t.same(again.gptStrings, []);
  t.same(again.createdSessions, []);
  t.same(again.classDeltas, []);
  t.equal(again.skippedDuplicates, 1);
  t.same(Object.keys(again).sort(), IMPORT_DOC_KEYS);
  const stateAfter = await dbState(stack);
  t.same({ ...stateAfter, imports: undefined }, { ...stateBefore, imports: undefined }, 'nothing but a new ImportDocument was written');
  t.same(stateAfter.imports.map((i) => i.importID).sort(), [doc.importID, again.importID].sort());
  t.same(await storedScoreIDsOf(stack, again.importID), []);
});

t.test('examples/chunithm.json: first import by a fresh user, then the same file again', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);

  const doc = await importOK(stack, token, chunithmExample);
  t.same(Object.keys(doc).sort(), IMPORT_DOC_KEYS);
  t.same(doc.scoreIDs, [CHUNI_SCORE_ID]);
  t.same(doc.errors, []);
  t.same(doc.playtypes, ['Single']);
  t.same(doc.gptStrings, ['chunithm:Single']);
  t.same(doc.createdSessions, []);
  t.same(doc.classDeltas, [{ game: 'chunithm', set: 'colour', playtype: 'Single', old: null, new: 'BLUE' }]);
  t.equal(doc.skippedDuplicates, 0);
  t.equal(doc.game, 'chunithm');
  t.same(await storedScoreIDsOf(stack, doc.importID), [CHUNI_SCORE_ID]);

  const [score] = await scoresOf(stack, { userID: 1 });
  t.strictSame(
    { ...score, timeAdded: 0 },
    {
      scoreID: CHUNI_SCORE_ID,
      userID: 1,
      game: 'chunithm',
      playtype: 'Single',
      chartID: CHUNI.BBKK_BASIC.chartID,
      songID: 3,
      isPrimary: true,
      service: 'ChunItachi (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: null,
      timeAdded: 0,
      highlight: false,
      scoreMeta: {},
      scoreData: {
        score: 900000,
        clearLamp: 'CLEAR',
        noteLamp: 'NONE',
        grade: 'A',
        judgements: {},
        optional: { enumIndexes: {} },
        enumIndexes: { noteLamp: 0, clearLamp: 1, grade: 5 },
      },
      calculatedData: { rating: 0 },
      importID: doc.importID,
    },
  );
  t.equal(await stack.db.sessions.countDocuments({}), 0, 'no session');
  const pb = await pbOf(stack, 1, CHUNI.BBKK_BASIC.chartID);
  t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: CHUNI_SCORE_ID }]);
  t.same(pb?.calculatedData, { rating: 0 });
  t.same(pb?.rankingData, { rank: 1, outOf: 1, rivalRank: null });
  t.same(await gameStatsOf(stack, 1, 'chunithm'), {
    userID: 1,
    game: 'chunithm',
    playtype: 'Single',
    ratings: { naiveRating: 0 },
    classes: { colour: 'BLUE' },
  });

  const stateBefore = await dbState(stack);
  const again = await importOK(stack, token, chunithmExample);
  t.same(
    { scoreIDs: again.scoreIDs, errors: again.errors, playtypes: again.playtypes, skippedDuplicates: again.skippedDuplicates },
    { scoreIDs: [], errors: [], playtypes: [], skippedDuplicates: 1 },
  );
  const stateAfter = await dbState(stack);
  t.same({ ...stateAfter, imports: undefined }, { ...stateBefore, imports: undefined });
});

t.test('the CHUNITHM example as a direct-manual body', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const doc = await importOK(stack, token, chunithmExample, 'direct');
  t.equal(doc.importType, 'ir/direct-manual');
  t.same(doc.scoreIDs, [CHUNI_SCORE_ID], 'the scoreID does not depend on the import type');
  const [score] = await scoresOf(stack, { scoreID: CHUNI_SCORE_ID });
  t.equal(score.service, 'ChunItachi (DIRECT-MANUAL)');
  t.equal(score.importType, 'ir/direct-manual');

  // user intent travels from the header to the document
  const { token: bob } = await stack.user('bob');
  const res = await stack.app.inject({
    method: 'POST',
    url: '/ir/direct-manual/import',
    payload: chunithmExample,
    headers: { ...bearer(bob), 'x-user-intent': 'true' },
  });
  t.equal(res.statusCode, 202);
  const { waitForImport } = await import('../support/http.ts');
  const final = await waitForImport(stack.app, res.json().body.importID);
  t.equal(final.json.body.import.userIntent, true);
  t.equal(final.json.body.import.scoreIDs.length, 1);
  t.not(final.json.body.import.scoreIDs[0], CHUNI_SCORE_ID, 'another user, another scoreID');
});
