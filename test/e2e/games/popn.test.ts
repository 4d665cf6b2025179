/**
 * pop'n music end to end: examples/popn.json (SilentHook-style, 9B) through the HTTP API and a
 * real worker against the bundled seeds, then a file with bad scores. Every expected value is
 * worked out by hand from Tachi's rules: lamp from the clear medal, grade from the score (A at
 * most for a fail of 90,000 or more), class points = (10,000 × level + score − 50,000 + clear
 * bonus) / 5,440 with a bonus of 0 (fail), 3,000 (easy clear, clear), 5,000 (full combo, perfect).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/popn.json`, 'utf8'));
const T = 1709290800000; // the example's first timestamp (2024-03-01T11:00:00Z)

/** bundled charts (seeds at Tachi 536c3c67) */
const FIRE_EX = '88fd7785c8849cedc71c9a5128b14a7581977825'; // "I'm on Fire" EX 49, inGameID 25, song 20
const HURT_EX = '7489166ddfb6ec780249823d5bda255611fbc528'; // "I REALLY WANT TO HURT YOU" EX 38, song 1
const HURT_HYPER = '0c5c48f1decdd5e783f70c348678c0532323ea2d'; // same song, Hyper 19
const BICYCLE_N = 'f759a68db3e66bddd4ffaabb3b224ce79a3e3bb5'; // "BICYCLE" Normal 22, song 50 (two hashes)

const idOf = (userID: number, chartID: string, clearMedal: string, score: number) =>
  tachiScoreID(`{"chartID":"${chartID}","clearMedal":"${clearMedal}","score":${score},"userID":${userID}}`);

t.test('examples/popn.json, then bad scores', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('popper');

  const ids = [
    idOf(userID, FIRE_EX, 'failedCircle', 92000),
    idOf(userID, FIRE_EX, 'clearStar', 91134),
    idOf(userID, HURT_EX, 'fullComboDiamond', 96512),
    idOf(userID, HURT_HYPER, 'perfect', 99240),
    idOf(userID, BICYCLE_N, 'easyClear', 88000),
  ];

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.game, 'popn');
  t.same(doc.playtypes, ['9B']);
  t.same(doc.gptStrings, ['popn:9B']);
  t.same(doc.classDeltas, [{ game: 'popn', set: 'class', playtype: '9B', old: null, new: 'KITTY' }]);
  t.equal(doc.createdSessions.length, 1);

  const stored = await scoresByID(stack, ids);
  const expected: [string, string, Record<string, number>, number, string, number][] = [
    // 92,000 is AA, capped at A for a fail; (490,000 + 92,000 − 50,000 + 0) / 5,440
    ['FAILED', 'A', { clearMedal: 0, lamp: 0, grade: 4 }, 532_000 / 5_440, FIRE_EX, 20],
    ['CLEAR', 'AA', { clearMedal: 6, lamp: 2, grade: 5 }, 534_134 / 5_440, FIRE_EX, 20],
    ['FULL COMBO', 'AAA', { clearMedal: 8, lamp: 3, grade: 6 }, 431_512 / 5_440, HURT_EX, 1],
    ['PERFECT', 'S', { clearMedal: 10, lamp: 4, grade: 7 }, 244_240 / 5_440, HURT_HYPER, 1],
    ['EASY CLEAR', 'A', { clearMedal: 3, lamp: 1, grade: 4 }, 261_000 / 5_440, BICYCLE_N, 50],
  ];
  expected.forEach(([lamp, grade, enumIndexes, classPoints, chartID, songID], i) => {
    const s = stored[i];
    t.equal(s.scoreData.lamp, lamp, `score ${i} lamp`);
    t.equal(s.scoreData.grade, grade, `score ${i} grade`);
    t.same(s.scoreData.enumIndexes, enumIndexes);
    t.same(s.calculatedData, { classPoints });
    t.same([s.chartID, s.songID, s.playtype, s.game, s.isPrimary], [chartID, songID, '9B', 'popn', true]);
    t.equal(s.timeAchieved, T + i * 5 * MINUTE);
  });
  t.same(stored[1].scoreData.judgements, { cool: 866, great: 312, good: 81, bad: 3 });
  t.same(stored[1].scoreMeta, { hiSpeed: 4.2, random: 'MIRROR', gauge: 'NORMAL', hidden: null, sudden: null });
  t.same(stored[2].scoreData.optional, { gauge: 100, maxCombo: 712, enumIndexes: {} });
  t.equal(stored[3].comment, 'all cool soon');
  t.equal(stored[0].service, 'SilentHook (BATCH-MANUAL)');

  // PB on I'm on Fire EX: the failed 92,000 is the best score (its capped A kept), the clear star merged in
  t.strictSame(await pbOf(stack, userID, FIRE_EX), {
    composedFrom: [{ name: 'Best Score', scoreID: ids[0] }, { name: 'Best Clear', scoreID: ids[1] }],
    chartID: FIRE_EX,
    userID,
    songID: 20,
    highlight: false,
    timeAchieved: T + 5 * MINUTE,
    game: 'popn',
    playtype: '9B',
    isPrimary: true,
    scoreData: {
      score: 92000,
      clearMedal: 'clearStar',
      lamp: 'CLEAR',
      grade: 'A',
      judgements: { cool: 901, great: 262, good: 47, bad: 52 },
      optional: { gauge: 64.7, maxCombo: 412, fast: 61, slow: 38, enumIndexes: {} },
      enumIndexes: { clearMedal: 6, lamp: 2, grade: 4 },
    },
    // the merged clear earns the clear bonus: (490,000 + 92,000 − 50,000 + 3,000) / 5,440
    calculatedData: { classPoints: 535_000 / 5_440 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  t.same((await pbOf(stack, userID, HURT_EX))?.composedFrom, [{ name: 'Best Score', scoreID: ids[2] }]);

  // one session of five scores: fewer than 10 class points, so null
  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.match(session, { game: 'popn', playtype: '9B', scoreIDs: ids, timeStarted: T, timeEnded: T + 20 * MINUTE, calculatedData: { classPoints: null } });

  // profile: the four PBs' class points, best first, over 20 → 13.5… → KITTY (< 21)
  t.same(await gameStatsOf(stack, userID, 'popn', '9B'), {
    userID,
    game: 'popn',
    playtype: '9B',
    ratings: { naiveClassPoints: (535_000 / 5_440 + 431_512 / 5_440 + 261_000 / 5_440 + 244_240 / 5_440) / 20 },
    classes: { class: 'KITTY' },
  });

  // bad scores: each an error of its own; the good one goes in
  const bad = await importOK(stack, token, {
    meta: { game: 'popn', playtype: '9B', service: 'SilentHook' },
    scores: [
      { score: 99000, clearMedal: 'perfect', matchType: 'inGameID', identifier: '0', difficulty: 'EX', judgements: { cool: 700, great: 10, good: 2, bad: 0 } },
      { score: 95000, clearMedal: 'fullComboCircle', matchType: 'inGameID', identifier: '0', difficulty: 'EX', judgements: { good: 20, bad: 0 } },
      { score: 95000, clearMedal: 'clearCircle', matchType: 'popnChartHash', identifier: 'abc' },
      { score: 95000, clearMedal: 'clearCircle', matchType: 'songTitle', identifier: "I'm on Fire", difficulty: 'EX' },
      { score: 97000, clearMedal: 'fullComboStar', matchType: 'popnChartHash', identifier: '83287260cb32c5c54b06b76967ba8620dd3735063959d9fbaf2cffc0dba8a049', judgements: { good: 4, bad: 0 } },
    ],
  });
  t.same(bad.errors, [
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nCannot have a PERFECT lamp with any bads or goods.' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nMust have >21 goods for a full combo circle.' },
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for popnChartHash abc (9B).' },
    { type: 'InvalidDatapoint', message: "Cannot use matchType songTitle for pop'n music. Expected any of inGameID, tachiSongID, popnChartHash." },
  ]);
  t.same(bad.scoreIDs, [idOf(userID, HURT_EX, 'fullComboStar', 97000)]);
  const hurt = await pbOf(stack, userID, HURT_EX);
  t.same(hurt?.composedFrom, [{ name: 'Best Score', scoreID: bad.scoreIDs[0] }]);
  t.same([hurt?.scoreData.score, hurt?.scoreData.clearMedal, hurt?.scoreData.grade], [97000, 'fullComboStar', 'AAA']);
  t.same(bad.classDeltas, [], 'still KITTY');
});
