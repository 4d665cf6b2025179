/**
 * Every per-score error type (ImportDocument.errors) and every fatal 400 (answered by
 * poll-status), with Tachi's exact messages (spec §3.1–3.6, §5), through the API and a worker.
 */
import t from 'tap';
import { GAME_NAMES } from '@score-import/core';

/** what a failed import's poll carries besides Tachi's description: its clean-up is done */
const FAILED = { importStatus: 'failed', cleanupPending: false };
import { startStack } from '../support/stack.ts';
import { submitDirect, waitForImport } from '../support/http.ts';
import {
  CHUNI,
  DAY,
  SDVX,
  T0,
  chuniFile,
  chuniScore,
  importFails,
  importOK,
  scoresOf,
  sdvxFile,
  sdvxScore,
  storedScoreIDsOf,
} from './helpers.ts';

const SDVX_DIFFS = 'NOV, ADV, EXH, INF, GRV, HVN, VVD, XCD, MXM, ULT';

t.test('per-score failures of an SDVX file: types, messages, orphans; the same file again', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const future = Date.now() + 2 * DAY;

  const file = sdvxFile([
    /* 0 */ sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR', { optional: { exScore: -1 } }),
    /* 1 */ sdvxScore(SDVX.ALBIDA_EXH, 9_500_000, 'PERFECT ULTIMATE CHAIN'),
    /* 2 */ sdvxScore(SDVX.ALBIDA_EXH, 4_000_000, 'ULTIMATE CHAIN', { judgements: { critical: 100, near: 5, miss: 3 } }),
    /* 3 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '9999999', difficulty: 'ADV' },
    /* 4 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'prayer', difficulty: 'EXH' },
    /* 5 */ { score: 9_100_000, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'prayer', artist: 'ぺのれり', difficulty: 'EXH' },
    /* 6 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'FOO' },
    /* 7 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '1', difficulty: 'ADV' },
    /* 8 */ sdvxScore(SDVX.ALBIDA_NOV, 9_000_000, 'CLEAR', { timeAchieved: future }),
    /* 9 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'this song does not exist', difficulty: 'ADV' },
    /* 10 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '-5', difficulty: 'ADV' },
    /* 11 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '99999', difficulty: 'ADV' },
    /* 12 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '1' },
    /* 13 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ANY_INF' },
    /* 14 */ sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR', { timeAchieved: T0 }),
    /* 15 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'Life is Beautiful', difficulty: 'EXH' },
    /* 16 */ { score: 9_000_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: 'abc', difficulty: 'ADV' },
  ]);
  const doc = await importOK(stack, token, file);

  const expectedErrors = [
    {
      type: 'InvalidDatapoint',
      message: 'Got 1 error when validating score:\nInvalid value for exScore, EX Score must be non-negative. Got -1 Got -1.',
    },
    {
      type: 'InvalidDatapoint',
      message: 'Got 1 error when validating score:\nCannot have a PERFECT ULTIMATE CHAIN without a perfect score.',
    },
    {
      type: 'InvalidDatapoint',
      message:
        'Got 2 errors when validating score:\nCannot have an ULTIMATE CHAIN with non-zero miss count.\nCannot have an ULTIMATE CHAIN with a score less than 5m.',
    },
    { type: 'SongOrChartNotFound', message: 'Cannot find SDVX chart with inGameID 9999999, difficulty ADV and version null.' },
    {
      type: 'AmbiguousTitle',
      message: 'Multiple songs exist with the case-insensitive title prayer. We cannot resolve this. Please try adding an artist field.',
    },
    { type: 'InvalidDatapoint', message: `Invalid difficulty 'FOO', Expected any of ${SDVX_DIFFS} or ANY_INF` },
    { type: 'InvalidDatapoint', message: "Cannot use matchType inGameID for SOUND VOLTEX. Use 'sdvxInGameID' instead." },
    { type: 'InvalidDatapoint', message: 'Invalid timestamp: score happens in the future.' },
    { type: 'SongOrChartNotFound', message: 'Cannot find song with title this song does not exist.' },
    { type: 'InvalidDatapoint', message: 'Invalid songID - must be a stringified positive integer. (Was negative -- -5.)' },
    { type: 'SongOrChartNotFound', message: 'Cannot find song with songID 99999.' },
    { type: 'InvalidDatapoint', message: "Missing 'difficulty' field, but was necessary for this lookup." },
    {
      type: 'AmbiguousTitle',
      message:
        'Multiple songs exist with the case-insensitive title Life is Beautiful. We cannot resolve this. Please try adding an artist field.',
    },
    { type: 'InvalidDatapoint', message: 'Invalid songID - must be a stringified positive integer. (Not an integer -- abc.)' },
  ];
  t.strictSame(doc.errors, expectedErrors, 'errors in input order with exact types and messages');
  t.equal(doc.scoreIDs.length, 3, 'the three valid scores (prayer by artist, ANY_INF, ALBIDA ADV) were imported');
  t.equal(doc.skippedDuplicates, 0);

  const stored = await scoresOf(stack, { userID });
  t.same(stored.map((s) => s.scoreID).sort(), [...doc.scoreIDs].sort(), 'scoreIDs lists exactly the stored scores');
  t.same(await storedScoreIDsOf(stack, doc.importID), [...doc.scoreIDs].sort());
  // input order: #5 (Prayer 803 EXH), #13 (ANY_INF → ALBIDA INF), #14 (ALBIDA ADV)
  const byID = new Map(stored.map((s) => [s.scoreID, s]));
  t.same(
    doc.scoreIDs.map((id) => byID.get(id)!.chartID),
    [SDVX.PRAYER_803_EXH.chartID, SDVX.ALBIDA_INF.chartID, SDVX.ALBIDA_ADV.chartID],
  );
  t.same(
    doc.scoreIDs.map((id) => byID.get(id)!.calculatedData),
    [
      // level 18, 9,100,000 (A+, 91) CLEAR: 18*2*0.91*91*100 = 298116 → 0.298
      { VF6: 0.298 },
      // level 17, 9,000,000 (A+) CLEAR: 17*2*0.9*91*100 = 278460 → 0.278
      { VF6: 0.278 },
      { VF6: 0.163 },
    ],
  );

  // orphans: one per SongOrChartNotFound, with the raw score and the context
  const orphans = await stack.db.orphans.find({ userID }, { projection: { _id: 0 } }).sort({ errMsg: 1 }).toArray();
  t.equal(orphans.length, 3);
  t.same(
    orphans.map((o) => [o.errMsg, o.data]),
    [
      ['Cannot find SDVX chart with inGameID 9999999, difficulty ADV and version null.', file.scores[3]],
      ['Cannot find song with songID 99999.', file.scores[11]],
      ['Cannot find song with title this song does not exist.', file.scores[9]],
    ],
  );
  for (const o of orphans) {
    t.match(o.orphanID, /^O[0-9a-f]{64}$/);
    t.equal(o.importType, 'file/batch-manual');
    t.equal(o.game, 'sdvx');
    t.equal(o.userID, userID);
    t.same(o.context, { service: 'e2e-tests', game: 'sdvx', playtype: 'Single', version: null });
    t.type(o.timeInserted, 'number');
  }

  // the same file again: the unresolvable scores are OrphanExists, the valid ones duplicates
  const again = await importOK(stack, token, file);
  t.strictSame(
    again.errors,
    expectedErrors.map((e) => (e.type === 'SongOrChartNotFound' ? { ...e, type: 'OrphanExists' } : e)),
  );
  t.same(again.scoreIDs, []);
  t.same(again.playtypes, []);
  t.equal(again.skippedDuplicates, 3);
  t.equal(await stack.db.orphans.countDocuments({ userID }), 3, 'no orphan stored twice');
  t.equal(await stack.db.scores.countDocuments({ userID }), 3);
});

t.test('the same unresolvable score twice in one file is one orphan', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const lost = { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '8888888', difficulty: 'EXH' };
  const doc = await importOK(stack, token, sdvxFile([lost, lost]));
  t.same(doc.errors.map((e) => e.type), ['SongOrChartNotFound', 'OrphanExists']);
  t.equal(await stack.db.orphans.countDocuments({ userID }), 1);
  // another user's identical score is their own orphan
  const bob = await stack.user('bob');
  const bobs = await importOK(stack, bob.token, sdvxFile([lost]));
  t.same(bobs.errors.map((e) => e.type), ['SongOrChartNotFound']);
  t.equal(await stack.db.orphans.countDocuments({}), 2);
});

t.test('per-score failures of a CHUNITHM file', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const file = chuniFile([
    /* 0 */ chuniScore(CHUNI.BBKK_MASTER, 1_000_000, 'ALL JUSTICE CRITICAL', 'CLEAR'),
    /* 1 */ { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'songTitle', identifier: 'flower', difficulty: 'BASIC' },
    /* 2 */ chuniScore({ inGameID: 99999, difficulty: 'BASIC' }, 900_000, 'NONE', 'CLEAR'),
    /* 3 */ { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'songTitle', identifier: 'B.B.K.K.B.K.K.', difficulty: "WORLD'S END" },
    /* 4 */ { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '3', difficulty: 'BASIC' },
    /* 5 */ { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'tachiSongID', identifier: '0', difficulty: 'BASIC' },
    /* 6 */ chuniScore(CHUNI.BBKK_MASTER, 1_010_000, 'ALL JUSTICE', 'CLEAR'),
    /* 7 */ chuniScore(CHUNI.BBKK_MASTER, 995_000, 'FULL COMBO', 'CLEAR', { judgements: { jcrit: 1000, justice: 10, attack: 2, miss: 1 } }),
    /* 8 */ { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'songTitle', identifier: 'B.B.K.K.B.K.K.', difficulty: 'HARDEST' },
  ]);
  const doc = await importOK(stack, token, file);
  t.strictSame(doc.errors, [
    {
      type: 'InvalidDatapoint',
      message: 'Got 1 error when validating score:\nAn ALL JUSTICE CRITICAL must have a score of 1.01 million.',
    },
    {
      type: 'AmbiguousTitle',
      message: 'Multiple songs exist with the case-insensitive title flower. We cannot resolve this. Please try adding an artist field.',
    },
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameID 99999 (Single).' },
    { type: 'InvalidDatapoint', message: "WORLD'S END is not supported. Sorry." },
    {
      type: 'InvalidDatapoint',
      message: 'Cannot use matchType sdvxInGameID for CHUNITHM. Expected any of inGameID, songTitle, tachiSongID.',
    },
    {
      type: 'InvalidDatapoint',
      message: 'Got 1 error when validating score:\nA score of 1.01 million must have a lamp of ALL JUSTICE CRITICAL.',
    },
    {
      type: 'InvalidDatapoint',
      message: 'Got 1 error when validating score:\nCannot have a FULL COMBO if the score has misses.',
    },
    {
      type: 'InvalidDatapoint',
      message:
        'Invalid Difficulty for chunithm Single - Expected any of BASIC, ADVANCED, EXPERT, MASTER, ULTIMA (Got HARDEST)',
    },
  ]);
  t.equal(doc.scoreIDs.length, 1, 'tachiSongID "0" is legal (song 0 exists)');
  const [score] = await scoresOf(stack, { userID });
  t.equal(score.chartID, CHUNI.SONG0_BASIC.chartID);
  t.equal(score.songID, 0);
  t.equal(await stack.db.orphans.countDocuments({ userID }), 1);
});

/** Fatal failures: the import fails as a whole with status 400, answered by poll-status. */
t.test('fatal 400s through file upload', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  let jsonMessage = '';
  try {
    JSON.parse('{invalid JSON');
  } catch (err) {
    jsonMessage = (err as Error).message;
  }
  const valid = sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR');
  const cases: [string, string | object, string][] = [
    ['invalid JSON', '{invalid JSON', `Invalid JSON. (${jsonMessage})`],
    ['a boolean', 'true', 'Invalid BATCH-MANUAL (Not an object, received boolean.)'],
    ['null', 'null', 'Invalid BATCH-MANUAL (Not an object, received null.)'],
    ['a number', '42', 'Invalid BATCH-MANUAL (Not an object, received number.)'],
    ['no meta', { scores: [] }, 'Could not retrieve meta.game - is this valid BATCH-MANUAL?'],
    ['no game', { meta: { playtype: 'Single', service: 'e2e-tests' }, scores: [] }, 'Could not retrieve meta.game - is this valid BATCH-MANUAL?'],
    ['no playtype', { meta: { game: 'sdvx', service: 'e2e-tests' }, scores: [] }, 'Could not retrieve meta.playtype - is this valid BATCH-MANUAL?'],
    [
      'bad game',
      { meta: { game: 'nonsense', playtype: 'Single', service: 'e2e-tests' }, scores: [] },
      `Invalid game 'nonsense' - expected any of ${GAME_NAMES.join(', ')}.`,
    ],
    [
      'bad playtype',
      { meta: { game: 'sdvx', playtype: 'SP', service: 'e2e-tests' }, scores: [] },
      "Invalid playtype 'SP' - expected any of Single.",
    ],
    [
      'a non-integer score',
      sdvxFile([{ ...valid, score: 123.5 }]),
      'Invalid BATCH-MANUAL: scores[0].score | Expected an integer. | Received 123.5 [type: number].',
    ],
    [
      'a negative score',
      sdvxFile([valid, { ...valid, score: -100 }]),
      'Invalid BATCH-MANUAL: scores[1].score | Expected a number between 0 and 10000000. | Received -100 [type: number].',
    ],
    [
      'a score as a string',
      sdvxFile([{ ...valid, score: '123' }]),
      'Invalid BATCH-MANUAL: scores[0].score | Expected an integer. | Received 123 [type: string].',
    ],
    [
      'a too short service',
      { meta: { game: 'sdvx', playtype: 'Single', service: '1' }, scores: [] },
      'Invalid BATCH-MANUAL: meta.service | Expected a string with length between 3 and 60. | Received 1 [type: string].',
    ],
    [
      'a service given as a number',
      { meta: { game: 'sdvx', playtype: 'Single', service: 1 }, scores: [] },
      'Invalid BATCH-MANUAL: meta.service | Expected a string with length between 3 and 60. | Received 1 [type: number].',
    ],
    [
      'unix seconds',
      sdvxFile([{ ...valid, timeAchieved: 1_700_000_000 }]),
      'Invalid BATCH-MANUAL: scores[0].timeAchieved | Expected a number greater than 1 Trillion - did you pass unix seconds instead of milliseconds? | Received 1700000000 [type: number].',
    ],
    [
      'a null identifier',
      sdvxFile([{ ...valid, identifier: null }]),
      'Invalid BATCH-MANUAL: scores[0].identifier | Expected string. | Received null [type: null].',
    ],
    // prudence's own message ends with a full stop and Tachi's FormatPrError adds another one
    [
      'a derived class',
      sdvxFile([valid], { classes: { vfClass: 'SIENNA_I' } }),
      'Invalid BATCH-MANUAL: classes | Unexpected properties inside object: vfClass..',
    ],
    [
      'an excess key in a score',
      sdvxFile([{ ...valid, bogus: 1, other: 2 }]),
      'Invalid BATCH-MANUAL: scores[0] | Unexpected properties inside object: bogus, other..',
    ],
    [
      'a bad judgement key',
      sdvxFile([{ ...valid, judgements: { perfect: 1 } }]),
      'Invalid BATCH-MANUAL: scores[0].judgements | Invalid Key perfect. Expected any of critical, near, miss.',
    ],
    [
      'an SDVX gauge over 100 (the schema checks the ranges of optional metrics)',
      sdvxFile([{ ...valid, optional: { gauge: 150 } }]),
      'Invalid BATCH-MANUAL: scores[0].optional.gauge | Expected a number between 0 and 100. | Received 150 [type: number].',
    ],
    [
      'a CHUNITHM lifeGraph element over 999',
      chuniFile([chuniScore(CHUNI.BBKK_MASTER, 1_000_000, 'NONE', 'CLEAR', { optional: { lifeGraph: [100, 1000] } })]),
      'Invalid BATCH-MANUAL: scores[0].optional.lifeGraph[1] | Expected a number between 0 and 999. | Received 1000 [type: number].',
    ],
    [
      'a wrong lamp',
      sdvxFile([{ ...valid, lamp: 'FULL COMBO' }]),
      'Invalid BATCH-MANUAL: scores[0].lamp | Expected any of FAILED, CLEAR, EXCESSIVE CLEAR, MAXXIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN. | Received FULL COMBO [type: string].',
    ],
    [
      'a provided class that does not exist',
      sdvxFile([valid], { classes: { dan: 'DAN_99' } }),
      'Invalid BATCH-MANUAL: classes.dan | Expected any of DAN_1, DAN_2, DAN_3, DAN_4, DAN_5, DAN_6, DAN_7, DAN_8, DAN_9, DAN_10, DAN_11, INF. | Received DAN_99 [type: string].',
    ],
  ];
  for (const [name, content, description] of cases) {
    const res = await importFails(stack, token, content);
    t.equal(res.statusCode, 400, `${name}: status 400`);
    t.strictSame(res.json, { success: false, description, body: FAILED }, `${name}: ${description}`);
  }
  t.equal(await stack.db.scores.countDocuments({ userID }), 0, 'no score stored');
  t.equal(await stack.db.imports.countDocuments({ userID }), 0, 'no ImportDocument for a failed import');
  t.equal(await stack.db.importTrackers.countDocuments({ userID, type: 'FAILED' }), cases.length, 'every failure is listed');
});

t.test('an empty scores array is a completed import with nothing in it', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const doc = await importOK(stack, token, sdvxFile([]));
  t.same(
    [doc.scoreIDs, doc.errors, doc.playtypes, doc.createdSessions, doc.classDeltas, doc.skippedDuplicates],
    [[], [], [], [], [], 0],
  );
});

t.test('X-Infer-Score-TimeAchieved on /ir/direct-manual/import', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const infer = { 'x-infer-score-timeachieved': 'true' };
  const one = sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR');

  const many = await importFails(stack, token, sdvxFile([one, sdvxScore(SDVX.ALBIDA_EXH, 9_000_000, 'CLEAR')]), 'direct', infer);
  t.equal(many.statusCode, 400);
  t.strictSame(many.json, { success: false, description: 'Cannot use X-Infer-Score-TimeAchieved with multiple scores in your import.', body: FAILED });

  const timed = await importFails(stack, token, sdvxFile([{ ...one, timeAchieved: T0 }]), 'direct', infer);
  t.equal(timed.statusCode, 400);
  t.strictSame(timed.json, {
    success: false,
    description: 'Cannot use X-Infer-Score-Timestamp if the importing score already has a timeAchieved set.',
    body: FAILED,
  });

  // a schema failure comes before the infer rules
  const bad = await importFails(stack, token, sdvxFile([{ ...one, score: 1.5 }, one]), 'direct', infer);
  t.equal(bad.json.description, 'Invalid BATCH-MANUAL: scores[0].score | Expected an integer. | Received 1.5 [type: number].');

  const before = Date.now();
  const res = await submitDirect(stack.app, token, sdvxFile([one]), infer);
  const after = Date.now();
  t.equal(res.statusCode, 202);
  const final = await waitForImport(stack.app, res.json().body.importID);
  t.equal(final.json.body.importStatus, 'completed');
  const doc = final.json.body.import;
  t.equal(doc.scoreIDs.length, 1);
  const [score] = await scoresOf(stack, { userID });
  t.ok(score.timeAchieved >= before && score.timeAchieved <= after, 'timeAchieved is the time the API accepted the score');
  t.equal(score.service, 'e2e-tests (DIRECT-MANUAL)');
  t.same(doc.createdSessions.map((s: { type: string }) => s.type), ['Created'], 'the inferred time puts the score in a session');

  // without the header (or with it false) a score without timeAchieved keeps null
  const plain = await importOK(stack, token, sdvxFile([sdvxScore(SDVX.ALBIDA_EXH, 9_000_000, 'CLEAR')]), 'direct', {
    'x-infer-score-timeachieved': 'false',
  });
  const [plainScore] = await scoresOf(stack, { scoreID: plain.scoreIDs[0] });
  t.equal(plainScore.timeAchieved, null);

  // the header has no effect on file uploads
  const file = await importOK(stack, token, sdvxFile([sdvxScore(SDVX.ALBIDA_NOV, 9_000_000, 'CLEAR'), one]), 'file', infer);
  t.equal(file.errors.length, 0);
  t.equal(file.skippedDuplicates, 1);
});

t.test('meta.version restricts chart resolution', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const exceedOnly = { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '2052', difficulty: 'EXH' };
  const booth = await importOK(stack, token, {
    meta: { game: 'sdvx', playtype: 'Single', service: 'e2e-tests', version: 'booth' },
    scores: [sdvxScore(SDVX.ALBIDA_ADV, 9_000_000, 'CLEAR'), exceedOnly],
  });
  t.same(booth.errors, [
    { type: 'SongOrChartNotFound', message: 'Cannot find SDVX chart with inGameID 2052, difficulty EXH and version booth.' },
  ]);
  t.equal(booth.scoreIDs.length, 1, 'ALBIDA is in every version');
  const exceed = await importOK(stack, token, {
    meta: { game: 'sdvx', playtype: 'Single', service: 'e2e-tests', version: 'exceed' },
    scores: [exceedOnly],
  });
  t.same([exceed.errors, exceed.scoreIDs.length], [[], 1]);
  const bad = await importOK(stack, token, {
    meta: { game: 'sdvx', playtype: 'Single', service: 'e2e-tests', version: 'nonsense' },
    scores: [exceedOnly],
  });
  t.same(bad.errors, [
    { type: 'InvalidDatapoint', message: 'Unsupported version nonsense. Expected any of booth, inf, gw, heaven, vivid, exceed, konaste.' },
  ]);
  // CHUNITHM by title: "Flower" (song 2663) only exists from LUMINOUS PLUS on
  const chuni = await importOK(stack, token, {
    meta: { game: 'chunithm', playtype: 'Single', service: 'e2e-tests', version: 'paradiselost' },
    scores: [
      { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'tachiSongID', identifier: '2663', difficulty: 'BASIC' },
      { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', matchType: 'tachiSongID', identifier: '3', difficulty: 'BASIC' },
    ],
  });
  t.same(chuni.errors, [{ type: 'SongOrChartNotFound', message: 'Cannot find chart for Flower (Single BASIC)' }]);
  t.equal(chuni.scoreIDs.length, 1);
});

t.test('X-Infer-Score-TimeAchieved with no scores is a 400, not a crash', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('alice');
  const res = await importFails(stack, token, sdvxFile([]), 'direct', { 'x-infer-score-timeachieved': 'true' });
  t.equal(res.statusCode, 400);
  t.equal(res.json.description, 'Cannot use X-Infer-Score-TimeAchieved with an import that has no scores.');
});
