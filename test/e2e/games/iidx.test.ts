/**
 * examples/iidx.json (SP) through the HTTP API and a real worker, after loading the IIDX fixture
 * seeds as `cli seed --from` would (Tachi's IIDX charts are not bundled): percent and grade from the
 * notecount, BPI and ktLampRating, scoreMeta, the AA PB merged from three scores, the session and
 * profile ratings, the provided dan; then a DP import: DP charts for the same inGameID and song,
 * PBs, session and game stats of its own (playtypes kept apart).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { PoyashiBPI } from 'rg-stats';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, seedFixture, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/iidx.json`, 'utf8'));

/** fixture charts: chartID, notes */
const AA_SPA = '251811ea6a3191a5db4c883d08c056373289580a'; // 1834 notes, kavg 3204, WR 3650, coef 1.25945; NC 12.6, HC 12.9, EXHC 13.2
const AFT_SPA = '22674bba03e54058bcc09f4786fac1902f8a79d3'; // 1480 notes, kavg 2497, WR 2891, no coef; NC 12.1
const SCORPION_SPA = '8cae501e94a05c2674d3c6ceec994cf086f3229d'; // 1786 notes, level 12, HC tier 12.4
const F511_SPA = 'c2311194e3897ddb5745b1760d2c0141f933e683'; // 786 notes, level 10
const F511_SPH = 'e59909f2afe8bca64e9aec8e457193a446a25551'; // 539 notes, level 6
const F511_DPA = '1639543fedb52c80a06933c2d21d5a99d80ff518'; // 825 notes, dpTier 9.3
const AA_DPA = 'd659cc200a5cb2dc62898a307ce2adb8ec7ee16f'; // 1917 notes, dpTier 12.4
const MEI_DPA = '8fff76908b5358735c55b07d97e289545cfd6ee7'; // 1936 notes, dpTier 12.7

const aaBPI = (ex: number) => PoyashiBPI.calculate(ex, 3204, 3650, 3668, 1.25945);
const aftBPI = (ex: number) => PoyashiBPI.calculate(ex, 2497, 2891, 2960, null);

t.test('examples/iidx.json (SP), then a DP file', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);
  await seedFixture(stack, 'iidx');

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same([doc.game, doc.playtypes, doc.gptStrings], ['iidx', ['SP'], ['iidx:SP']]);
  t.same(doc.classDeltas, [{ game: 'iidx', set: 'dan', playtype: 'SP', old: null, new: 'DAN_10' }]);
  t.equal(doc.scoreIDs.length, 10);
  t.equal(doc.scoreIDs[0], tachiScoreID(`{"chartID":"${AA_SPA}","lamp":"HARD CLEAR","score":3393,"userID":1}`));

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'iidx',
      playtype: 'SP',
      chartID: AA_SPA,
      songID: 488,
      isPrimary: true,
      service: 'Example Script (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: 'First hard clear on AA!',
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: { random: 'RANDOM', range: 'LIFT SUD+', gauge: 'HARD' },
      scoreData: {
        score: 3393,
        lamp: 'HARD CLEAR',
        judgements: { pgreat: 1600, great: 193, good: 20, bad: 8, poor: 13 },
        optional: { bp: 21, fast: 120, slow: 95, maxCombo: 702, gauge: 34.2, comboBreak: 9, enumIndexes: {} },
        percent: 92.50272628135224, // 100 × 3393 / 3668
        grade: 'AAA',
        enumIndexes: { lamp: 5, grade: 7 },
      },
      calculatedData: { BPI: aaBPI(3393), ktLampRating: 12.9 },
      importID: doc.importID,
    },
  );
  t.ok(Math.abs(scores[0].calculatedData.BPI - 10.02) < 0.01, 'rg-stats: 3393 on AA ≈ 10.02 BPI');

  // percent = 100 × EX / (2 × notes); ktLampRating: SP clears by NC/HC/EXHC tier (else the level), EC and below 0
  t.same(
    scores.map((s) => [s.chartID, s.scoreData.percent, s.scoreData.grade, s.calculatedData]),
    [
      [AA_SPA, (100 * 3393) / 3668, 'AAA', { BPI: aaBPI(3393), ktLampRating: 12.9 }],
      [AFT_SPA, (100 * 2606) / 2960, 'AA', { BPI: aftBPI(2606), ktLampRating: 12.1 }], // 88.04%: just under AAA (88.89)
      [SCORPION_SPA, (100 * 2900) / 3572, 'AA', { BPI: null, ktLampRating: 12.4 }], // no NC tier: EXHC → the HC tier
      [F511_SPA, (100 * 1400) / 1572, 'AAA', { BPI: null, ktLampRating: 10 }],
      [AA_SPA, (100 * 3300) / 3668, 'AAA', { BPI: aaBPI(3300), ktLampRating: 13.2 }],
      [F511_SPH, (100 * 1000) / 1078, 'AAA', { BPI: null, ktLampRating: 6 }],
      [AFT_SPA, (100 * 2450) / 2960, 'AA', { BPI: aftBPI(2450), ktLampRating: 0 }],
      [AA_SPA, (100 * 3420) / 3668, 'AAA', { BPI: aaBPI(3420), ktLampRating: 12.9 }],
      [AA_SPA, (100 * 2900) / 3668, 'AA', { BPI: aaBPI(2900), ktLampRating: 0 }],
      [F511_SPA, (100 * 1350) / 1572, 'AA', { BPI: null, ktLampRating: 10 }],
    ],
  );
  t.same(scores[4].scoreData.optional.gaugeHistory, [100, 84, 52, 30, 12]);
  t.same(scores[6].scoreData.optional.gaugeHistory, [22, 14, 0, null, null], 'null after the fail');
  t.same(scores[4].scoreMeta, { random: 'S-RANDOM', gauge: 'EX-HARD' });

  // AA: best score 3420 HC (score 8), best lamp EXHC (score 5) with its gauge, graph and combo
  // breaks, lowest BP 14 (score 9, a fail)
  const aa = await pbOf(stack, 1, AA_SPA);
  t.same(aa?.composedFrom, [
    { name: 'Best Score', scoreID: doc.scoreIDs[7] },
    { name: 'Best Lamp', scoreID: doc.scoreIDs[4] },
    { name: 'Lowest BP', scoreID: doc.scoreIDs[8] },
  ]);
  t.same(aa?.scoreData, {
    score: 3420,
    lamp: 'EX HARD CLEAR',
    percent: (100 * 3420) / 3668,
    grade: 'AAA',
    judgements: { pgreat: 1610, great: 200, good: 10, bad: 6, poor: 12 },
    optional: { bp: 14, fast: 88, slow: 102, gauge: 12, gaugeHistory: [100, 84, 52, 30, 12], comboBreak: 6, enumIndexes: {} },
    enumIndexes: { lamp: 6, grade: 7 },
  });
  t.same([aa?.calculatedData, aa?.timeAchieved, aa?.playtype, aa?.rankingData], [
    { BPI: aaBPI(3420), ktLampRating: 13.2 },
    T0 + 40 * MINUTE,
    'SP',
    { rank: 1, outOf: 1, rivalRank: null },
  ]);
  const aft = await pbOf(stack, 1, AFT_SPA);
  t.same([aft?.composedFrom, aft?.scoreData.lamp, aft?.scoreData.optional.bp], [[{ name: 'Best Score', scoreID: doc.scoreIDs[1] }], 'CLEAR', 34]);
  const f511 = await pbOf(stack, 1, F511_SPA);
  t.same([f511?.composedFrom, f511?.scoreData.lamp, f511?.scoreData.score], [[{ name: 'Best Score', scoreID: doc.scoreIDs[3] }], 'FULL COMBO', 1400]);

  // one session (45 minutes); ten ktLampRatings, six BPIs (BPI needs ten)
  t.equal(doc.createdSessions.length, 1);
  const spSession = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.same([spSession?.playtype, spSession?.scoreIDs, spSession?.calculatedData], [
    'SP',
    doc.scoreIDs,
    { BPI: null, ktLampRating: (13.2 + 12.9 + 12.9 + 12.4 + 12.1 + 10 + 10 + 6 + 0 + 0) / 10 },
  ]);

  // profile: the five PBs' ktLampRatings (AA 13.2 merged, 蠍火 12.4, Afterimage 12.1, 5.1.1. A 10, H 6) / 20; BPI needs 20 PBs
  t.same(await gameStatsOf(stack, 1, 'iidx', 'SP'), {
    userID: 1,
    game: 'iidx',
    playtype: 'SP',
    ratings: { BPI: null, ktLampRating: (13.2 + 12.4 + 12.1 + 10 + 6) / 20 },
    classes: { dan: 'DAN_10' },
  });

  // DP: inGameID 1000 and song 488 again, now DP charts; Afterimage has no DP chart
  const dp = await importOK(stack, token, {
    meta: { game: 'iidx', playtype: 'DP', service: 'Example Script' },
    scores: [
      { score: 1300, lamp: 'HARD CLEAR', matchType: 'inGameID', identifier: '1000', difficulty: 'ANOTHER', timeAchieved: T0 + 50 * MINUTE, scoreMeta: { random: ['RANDOM', 'MIRROR'] } },
      { score: 3000, lamp: 'EASY CLEAR', matchType: 'tachiSongID', identifier: '488', difficulty: 'ANOTHER', timeAchieved: T0 + 55 * MINUTE, judgements: { pgreat: 1300, great: 400 } },
      { score: 2500, lamp: 'FAILED', matchType: 'songTitle', identifier: '冥', difficulty: 'ANOTHER', timeAchieved: T0 + 60 * MINUTE },
      { score: 2000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '1688', difficulty: 'ANOTHER', timeAchieved: T0 + 61 * MINUTE },
    ],
    classes: { dan: 'DAN_8' },
  });
  t.same([dp.playtypes, dp.gptStrings], [['DP'], ['iidx:DP']]);
  t.same(dp.errors, [{ type: 'SongOrChartNotFound', message: "Cannot find chart for Afterimage d'automne (DP ANOTHER)" }]);
  t.same(dp.classDeltas, [{ game: 'iidx', set: 'dan', playtype: 'DP', old: null, new: 'DAN_8' }]);
  const dpScores = await scoresByID(stack, dp.scoreIDs);
  t.same(
    dpScores.map((s) => [s.chartID, s.playtype, s.scoreData.percent, s.scoreData.grade, s.calculatedData, s.scoreMeta]),
    [
      [F511_DPA, 'DP', (100 * 1300) / 1650, 'AA', { BPI: null, ktLampRating: 9.3 }, { random: ['RANDOM', 'MIRROR'] }],
      [AA_DPA, 'DP', (100 * 3000) / 3834, 'AA', { BPI: null, ktLampRating: 12.4 }, {}], // DP: EASY CLEAR counts
      [MEI_DPA, 'DP', (100 * 2500) / 3872, 'B', { BPI: null, ktLampRating: 0 }, {}],
    ],
  );
  t.equal(dp.createdSessions.length, 1);
  t.not(dp.createdSessions[0].sessionID, doc.createdSessions[0].sessionID, 'a DP session of its own, though within two hours');
  t.same((await sessionOf(stack, dp.createdSessions[0].sessionID))?.calculatedData, { BPI: null, ktLampRating: null });
  t.same((await pbOf(stack, 1, F511_DPA))?.composedFrom, [{ name: 'Best Score', scoreID: dp.scoreIDs[0] }]);
  t.equal((await pbOf(stack, 1, F511_SPA))?.scoreData.score, 1400, 'the SP PB of the same inGameID is untouched');
  t.same(await gameStatsOf(stack, 1, 'iidx', 'DP'), {
    userID: 1,
    game: 'iidx',
    playtype: 'DP',
    ratings: { BPI: null, ktLampRating: (12.4 + 9.3 + 0) / 20 },
    classes: { dan: 'DAN_8' },
  });
  t.same((await gameStatsOf(stack, 1, 'iidx', 'SP'))?.classes, { dan: 'DAN_10' }, 'the SP dan is its own');
  t.same((await sessionOf(stack, doc.createdSessions[0].sessionID))?.scoreIDs, doc.scoreIDs, 'the SP session has no DP score');
});
