/**
 * examples/bms.json (7K) through the HTTP API and a real worker, after loading the BMS fixture
 * seeds as `cli seed --from` would (Tachi's BMS songs and charts are not bundled): bmsChartHash by
 * MD5 and SHA-256 and tachiSongID, percent and grade, sieglinde, the Quon PB with its merged lamp,
 * the session and profile sieglinde, two provided dan sets; then a 14K file: its own chart, a 7K hash
 * refused, its own PB, session, game stats and dan set (playtypes kept apart).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { T0, MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, seedFixture, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/bms.json`, 'utf8'));

const GAZER = { chartID: '88eb6cc5683e2740cbd07f588a5f3db1db8d467b', md5: '38616b85332037cc12924f2ae2840262' }; // 2256 notes, no sieglinde
const QUON = '31ae72f698503dd254310df30baafa9acd9e81e8'; // 1742 notes, sglEC 17.31, sglHC 18.02
const KISS = 'bc678ad109ddcd5a0f98681dd91e0e3a2a5295dd'; // 1388 notes, sglEC 12.45, sglHC 12.9
const HELIX = { chartID: '5c532353d1fa9f9f535b157a510bf812d76a8655', md5: '4c06b7dc12c53faba08d45bfa4e34f6e' }; // 14K, 2315 notes, no sieglinde

t.test('examples/bms.json (7K), then a 14K file', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  t.equal(userID, 1);
  await seedFixture(stack, 'bms');

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same([doc.game, doc.playtypes, doc.gptStrings], ['bms', ['7K'], ['bms:7K']]);
  t.same(doc.classDeltas, [
    { game: 'bms', set: 'genocideDan', playtype: '7K', old: null, new: 'INSANE_5' },
    { game: 'bms', set: 'lnDan', playtype: '7K', old: null, new: 'DAN_3' },
  ]);
  t.equal(doc.scoreIDs.length, 4);
  t.equal(doc.scoreIDs[0], tachiScoreID(`{"chartID":"${GAZER.chartID}","lamp":"HARD CLEAR","score":3570,"userID":1}`));

  const scores = await scoresByID(stack, doc.scoreIDs);
  t.strictSame(
    { ...scores[0], timeAdded: 0 },
    {
      scoreID: doc.scoreIDs[0],
      userID: 1,
      game: 'bms',
      playtype: '7K',
      chartID: GAZER.chartID,
      songID: 27339,
      isPrimary: true,
      service: 'Example Script (BATCH-MANUAL)',
      importType: 'file/batch-manual',
      comment: null,
      timeAchieved: T0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: { random: 'RANDOM', inputDevice: 'KEYBOARD', client: 'lr2oraja', gauge: 'HARD' },
      scoreData: {
        score: 3570,
        lamp: 'HARD CLEAR',
        judgements: { pgreat: 1600, great: 370, good: 150, bad: 40, poor: 60 },
        optional: { bp: 100, gauge: 18.4, epg: 820, lpg: 780, egr: 190, lgr: 180, enumIndexes: {} },
        grade: 'AA',
        percent: (100 * 3570) / 4512, // 79.12%
        enumIndexes: { lamp: 5, grade: 6 },
      },
      calculatedData: { sieglinde: 0 },
      importID: doc.importID,
    },
  );
  // sieglinde: HC and up max(sglHC, sglEC), EC/NC sglEC
  t.same(
    scores.map((s) => [s.chartID, s.scoreData.percent, s.scoreData.grade, s.calculatedData.sieglinde, s.scoreMeta]),
    [
      [GAZER.chartID, (100 * 3570) / 4512, 'AA', 0, { random: 'RANDOM', inputDevice: 'KEYBOARD', client: 'lr2oraja', gauge: 'HARD' }],
      [QUON, (100 * 3000) / 3484, 'AA', 17.31, { random: 'MIRROR', gauge: 'EASY' }], // by SHA-256
      [KISS, (100 * 2400) / 2776, 'AA', 12.9, { inputDevice: 'BM_CONTROLLER', client: 'LR2' }], // by tachiSongID
      [QUON, (100 * 2900) / 3484, 'AA', 18.02, { random: null, gauge: 'HARD' }], // by MD5
    ],
  );

  // Quon: best score 3000 EASY CLEAR (lowest BP too), best lamp the HARD CLEAR with its gauge data
  const quon = await pbOf(stack, 1, QUON);
  t.same(quon?.composedFrom, [
    { name: 'Best Score', scoreID: doc.scoreIDs[1] },
    { name: 'Best Lamp', scoreID: doc.scoreIDs[3] },
  ]);
  t.same(quon?.scoreData, {
    score: 3000,
    lamp: 'HARD CLEAR',
    grade: 'AA',
    percent: (100 * 3000) / 3484,
    judgements: { pgreat: 1300, great: 400, good: 30, bad: 4, poor: 20 },
    optional: { bp: 24, gauge: 6, gaugeHistoryHard: [100, 60, 24, 6], enumIndexes: {} },
    enumIndexes: { lamp: 5, grade: 6 },
  });
  t.same([quon?.calculatedData, quon?.timeAchieved, quon?.rankingData], [{ sieglinde: 18.02 }, T0 + 12 * MINUTE, { rank: 1, outOf: 1, rivalRank: null }]);

  t.equal(doc.createdSessions.length, 1);
  t.same((await sessionOf(stack, doc.createdSessions[0].sessionID))?.calculatedData, { sieglinde: null }, 'four scores: sieglinde needs ten');
  t.same(await gameStatsOf(stack, 1, 'bms', '7K'), {
    userID: 1,
    game: 'bms',
    playtype: '7K',
    ratings: { sieglinde: (18.02 + 12.9 + 0) / 20 },
    classes: { genocideDan: 'INSANE_5', lnDan: 'DAN_3' },
  });

  const k14 = await importOK(stack, token, {
    meta: { game: 'bms', playtype: '14K', service: 'Example Script' },
    scores: [
      { score: 3800, lamp: 'CLEAR', matchType: 'bmsChartHash', identifier: HELIX.md5, timeAchieved: T0 + 20 * MINUTE, scoreMeta: { random: ['MIRROR', 'RANDOM'] } },
      { score: 3900, lamp: 'EASY CLEAR', matchType: 'tachiSongID', identifier: '30003', difficulty: 'CHART', timeAchieved: T0 + 25 * MINUTE },
      { score: 3000, lamp: 'CLEAR', matchType: 'bmsChartHash', identifier: GAZER.md5, timeAchieved: T0 + 26 * MINUTE },
    ],
    classes: { genocideDan: 'INSANE_1', stslDan: 'SL4' },
  });
  t.same([k14.playtypes, k14.gptStrings], [['14K'], ['bms:14K']]);
  t.same(k14.errors, [
    { type: 'InvalidDatapoint', message: `Chart ${GAZER.chartID}'s playtype was 7K, but this was not equal to the import playtype of 14K.` },
  ]);
  t.same(k14.classDeltas, [
    { game: 'bms', set: 'genocideDan', playtype: '14K', old: null, new: 'INSANE_1' },
    { game: 'bms', set: 'stslDan', playtype: '14K', old: null, new: 'SL4' },
  ]);
  const k14Scores = await scoresByID(stack, k14.scoreIDs);
  t.same(k14Scores.map((s) => [s.chartID, s.playtype, s.scoreData.grade, s.calculatedData]), [
    [HELIX.chartID, '14K', 'AA', { sieglinde: 0 }], // 3800 / 4630 = 82.1%
    [HELIX.chartID, '14K', 'AA', { sieglinde: 0 }],
  ]);
  // best score 3900 EASY CLEAR, best lamp the CLEAR
  t.same((await pbOf(stack, 1, HELIX.chartID))?.composedFrom, [
    { name: 'Best Score', scoreID: k14.scoreIDs[1] },
    { name: 'Best Lamp', scoreID: k14.scoreIDs[0] },
  ]);
  t.not(k14.createdSessions[0].sessionID, doc.createdSessions[0].sessionID);
  t.same(await gameStatsOf(stack, 1, 'bms', '14K'), {
    userID: 1,
    game: 'bms',
    playtype: '14K',
    ratings: { sieglinde: 0 },
    classes: { genocideDan: 'INSANE_1', stslDan: 'SL4' },
  });
  t.same((await gameStatsOf(stack, 1, 'bms', '7K'))?.classes, { genocideDan: 'INSANE_5', lnDan: 'DAN_3' }, '7K keeps its own dans');
  t.equal((await pbOf(stack, 1, GAZER.chartID))?.scoreData.score, 3570, 'no 14K score reached the 7K chart');
});
