/**
 * DDR end to end: examples/ddr.json (SP) through the HTTP API and a real worker against the
 * bundled seeds, then ten DP scores (a session with a flare skill, a DP profile) kept apart from
 * SP. Expected values worked out by hand: flare points = floor(Flare 0 points of the level ×
 * (100 + 6 × flare rank) / 100), 0 for a fail; profile flare skill = the best 30 primary PBs of
 * each flare category of the songs (CLASSIC, WHITE, GOLD; NONE never counts); grade E for a fail.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/ddr.json`, 'utf8'));
const T = 1709290800000; // the example's first timestamp (2024-03-01T11:00:00Z)

/** bundled charts (seeds at Tachi 536c3c67) */
const FAITH_SP_EXP = '265c61767e4df0ff19c1debe23ac809b1dfdc526'; // "PUT YOUR FAITH IN ME" (song 10, CLASSIC) SP EXPERT 9, 203 steps
const FAITH_DP_EXP = '81022b2c857b9f7cc7a6884caba96623317f57ce'; // DP EXPERT 8
const LOVE_SP_EXP = '31859cbe9640f1bcf050381b8c5e6c595d5805d0'; // "LOVE SHINE (Body Grooverz 2006 mix)" (song 37221, GOLD) SP EXPERT 16
const JAM_SP_EXP = 'c7803d0f5c5fafcee5a5e119a8dc97f0aa527ef0'; // "MAKE A JAM!" (song 41, WHITE) SP EXPERT 9
const PORI_SP_EXP = '4f50c8574d5d4f92476a6ba30d8582b800b7cf77'; // "ポリリズム" (song 37513, NONE, Konaste) SP EXPERT 10
const FAITH_HASH = 'DQlQ1DlPbq900oqdOo8l0d6I1lIOl99l';

const idOf = (userID: number, chartID: string, lamp: string, score: number, exScore: number | null) =>
  tachiScoreID(`{"chartID":"${chartID}","lamp":"${lamp}","optional.exScore":${exScore},"score":${score},"userID":${userID}}`);

t.test('examples/ddr.json (SP), then DP kept apart', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('dancer');

  const ids = [
    idOf(userID, FAITH_SP_EXP, 'CLEAR', 977110, 575),
    idOf(userID, LOVE_SP_EXP, 'GREAT FULL COMBO', 912340, null),
    idOf(userID, JAM_SP_EXP, 'FULL COMBO', 955000, null),
    idOf(userID, PORI_SP_EXP, 'PERFECT FULL COMBO', 990500, 1001),
    idOf(userID, FAITH_SP_EXP, 'FAILED', 960000, 590),
  ];
  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.gptStrings, ['ddr:SP']);
  t.same(doc.classDeltas, [{ game: 'ddr', set: 'flare', playtype: 'SP', old: null, new: 'NONE+++' }]);

  const stored = await scoresByID(stack, ids);
  const expected: [string, Record<string, number>, number, number][] = [
    ['AA+', { lamp: 2, grade: 14 }, 395, 10], // level 9 (335), Flare III: 335 × 118 / 100 = 395.3
    ['AA', { lamp: 4, grade: 13 }, 992, 37221], // level 16 (620), Flare EX: 620 × 160 / 100
    ['AA+', { lamp: 3, grade: 14 }, 435, 41], // level 9, Flare V: 335 × 130 / 100 = 435.5
    ['AAA', { lamp: 5, grade: 15 }, 568, 37513], // level 10 (400), Flare VII: 400 × 142 / 100
    ['E', { lamp: 0, grade: 0 }, 0, 10], // failed
  ];
  expected.forEach(([grade, enumIndexes, flareSkill, songID], i) => {
    t.equal(stored[i].scoreData.grade, grade, `score ${i} grade`);
    t.same(stored[i].scoreData.enumIndexes, enumIndexes);
    t.same(stored[i].calculatedData, { flareSkill });
    t.same([stored[i].songID, stored[i].playtype], [songID, 'SP']);
  });
  t.same(stored[0].scoreData.judgements, { MARVELOUS: 180, PERFECT: 15, GREAT: 5, GOOD: 2, MISS: 1, OK: 0 });
  t.same(stored[0].scoreData.optional, { flare: 'III', exScore: 575, maxCombo: 131, fast: 9, slow: 13, enumIndexes: {} }, 'optional.enumIndexes stays {} (Tachi)');

  // PB: the clear is the best score and lamp; the failed play's EX score is merged in
  t.strictSame(await pbOf(stack, userID, FAITH_SP_EXP), {
    composedFrom: [{ name: 'Best Score', scoreID: ids[0] }, { name: 'Best EX Score', scoreID: ids[4] }],
    chartID: FAITH_SP_EXP,
    userID,
    songID: 10,
    highlight: false,
    timeAchieved: T + 20 * MINUTE,
    game: 'ddr',
    playtype: 'SP',
    isPrimary: true,
    scoreData: {
      score: 977110,
      lamp: 'CLEAR',
      grade: 'AA+',
      judgements: { MARVELOUS: 180, PERFECT: 15, GREAT: 5, GOOD: 2, MISS: 1, OK: 0 },
      optional: { flare: 'III', exScore: 590, maxCombo: 131, fast: 9, slow: 13, enumIndexes: {} },
      enumIndexes: { lamp: 2, grade: 14 },
    },
    calculatedData: { flareSkill: 395 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.match(session, { game: 'ddr', playtype: 'SP', scoreIDs: ids, timeStarted: T, timeEnded: T + 20 * MINUTE, calculatedData: { flareSkill: null } });

  // CLASSIC 395 + GOLD 992 + WHITE 435 (ポリリズム is NONE) = 1822 → NONE+++ (1500 ≤ x < 2000)
  const spStats = { userID, game: 'ddr', playtype: 'SP', ratings: { flareSkill: 1822 }, classes: { flare: 'NONE+++' } };
  t.same(await gameStatsOf(stack, userID, 'ddr', 'SP'), spStats);

  // ten DP clears without flare (Flare 0 points: level 5 → 205, 6 → 230, 8 → 290, 11 → 465, 15 → 600)
  const dpCharts: [string, string, number][] = [
    ['10', 'BASIC', 230], ['10', 'DIFFICULT', 290], ['10', 'EXPERT', 290], // CLASSIC
    ['41', 'BASIC', 230], ['41', 'DIFFICULT', 290], ['41', 'EXPERT', 465], // WHITE
    ['37221', 'BASIC', 205], ['37221', 'DIFFICULT', 465], ['37221', 'EXPERT', 600], // GOLD
    ['37513', 'EXPERT', 465], // NONE
  ];
  const dp = await importOK(stack, token, {
    meta: { game: 'ddr', playtype: 'DP', service: 'ddr-exporter' },
    scores: [
      ...dpCharts.map(([identifier, difficulty], k) => ({
        score: 900000, lamp: 'CLEAR', matchType: 'inGameID', identifier, difficulty, timeAchieved: T + (30 + k) * MINUTE,
      })),
      { score: 900000, lamp: 'CLEAR', matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'BEGINNER', timeAchieved: T + 45 * MINUTE },
    ],
  });
  t.same(dp.errors, [{ type: 'SongOrChartNotFound', message: `Found song with ddrSongHash ${FAITH_HASH} but cannot find chart DP BEGINNER.` }]);
  t.equal(dp.scoreIDs.length, 10);
  t.same(dp.gptStrings, ['ddr:DP']);
  t.same(dp.createdSessions.map((s) => s.type), ['Created'], 'its own DP session');
  t.same(dp.classDeltas, [{ game: 'ddr', set: 'flare', playtype: 'DP', old: null, new: 'MERCURY+' }]);
  const dpScores = await scoresByID(stack, dp.scoreIDs);
  t.same(dpScores.map((s) => s.calculatedData.flareSkill), dpCharts.map(([, , points]) => points));
  t.ok(dpScores.every((s) => s.playtype === 'DP'));
  // mean of the ten: 3530 / 10
  t.same((await sessionOf(stack, dp.createdSessions[0].sessionID))?.calculatedData, { flareSkill: 353 });
  // CLASSIC 230 + 290 + 290, WHITE 230 + 290 + 465, GOLD 205 + 465 + 600 = 3065 → MERCURY+ (3000 ≤ x < 4000)
  t.same(await gameStatsOf(stack, userID, 'ddr', 'DP'), { userID, game: 'ddr', playtype: 'DP', ratings: { flareSkill: 3065 }, classes: { flare: 'MERCURY+' } });
  t.same(await gameStatsOf(stack, userID, 'ddr', 'SP'), spStats, 'SP is untouched');
  t.same((await pbOf(stack, userID, FAITH_DP_EXP))?.playtype, 'DP');
  t.same((await pbOf(stack, userID, FAITH_SP_EXP))?.composedFrom, [{ name: 'Best Score', scoreID: ids[0] }, { name: 'Best EX Score', scoreID: ids[4] }]);

  // validators: the score from the judgements and step count, and the lamps
  const bad = await importOK(stack, token, {
    meta: { game: 'ddr', playtype: 'SP', service: 'ddr-exporter' },
    scores: [
      { score: 977120, lamp: 'CLEAR', matchType: 'inGameID', identifier: '10', difficulty: 'EXPERT', judgements: { MARVELOUS: 180, PERFECT: 15, GREAT: 5, GOOD: 2, MISS: 1, OK: 0 } },
      { score: 990000, lamp: 'MARVELOUS FULL COMBO', matchType: 'inGameID', identifier: '41', difficulty: 'EXPERT', judgements: { MARVELOUS: 230, PERFECT: 10, GREAT: 0, GOOD: 0, MISS: 0 } },
      { score: 900000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '41', difficulty: 'EXPERT', judgements: { MARVELOUS: 100, PERFECT: 10, GREAT: 5, OK: 2 }, optional: { exScore: 330 } },
    ],
  });
  t.same(bad.errors, [
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nExpected calculated score from judgements of 977110 to equal score of 977120.' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nCannot have a MARVELOUS FULL COMBO with anyhing else than MARVELOUS judgements' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nEXScore expected to be 331 instead of 330' },
  ]);
  t.same(bad.scoreIDs, []);
});
