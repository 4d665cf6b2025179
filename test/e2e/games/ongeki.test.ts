/**
 * O.N.G.E.K.I. end to end: examples/ongeki.json through the HTTP API and a real worker against the
 * bundled seeds; PB merges (platinum score with its stars), the ranking by technical score then
 * platinum score across two users, and bad scores. Every expected value is worked out by hand from
 * Tachi's rules and rg-stats' formulas (see packages/core/test/games/ongeki.test.ts).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, scoresOf, sessionOf } from '../helpers.ts';
import { tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/ongeki.json`, 'utf8'));
const T = 1709287200000; // the example's first timestamp

/** bundled charts (seeds at Tachi 536c3c67) */
const AMANO_MASTER = '528fae5e9de2593ee6f443d7ae2f8310e5ee2972'; // "天ノ弱" MASTER 11.9, inGameID 49, maxPlatScore 1874
const OPFER_MASTER = '0de1ccf53165e5cafd1c807a5983fae2a4b43d22'; // "Opfer" MASTER 15.0, maxPlatScore 3648
const STARTLINER_EXP = '1a3069061d205d887fa133bec48ba1c7141c263e'; // inGameID 7001 (unranked) EXPERT 8.7, maxPlatScore 1664

/** Tachi's scoreID: the provided metrics plus optional.bellCount and optional.damage */
function idOf(userID: number, chartID: string, s: { score: number; noteLamp: string; bellLamp: string; platinumScore: number; bellCount: number | null; damage: number | null }) {
  const json =
    `{"bellLamp":"${s.bellLamp}","chartID":"${chartID}","noteLamp":"${s.noteLamp}","optional.bellCount":${s.bellCount},` +
    `"optional.damage":${s.damage},"platinumScore":${s.platinumScore},"score":${s.score},"userID":${userID}}`;
  return tachiScoreID(json);
}

const ongekiFile = (scores: object[]) => ({ meta: { game: 'ongeki', playtype: 'Single', service: 'Inohara' }, scores });

t.test('examples/ongeki.json, a rival on the same chart, and bad scores', async (t) => {
  const stack = await startStack(t);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const userID = alice.userID;

  const ids = [
    idOf(userID, AMANO_MASTER, { score: 1_003_000, noteLamp: 'FULL COMBO', bellLamp: 'FULL BELL', platinumScore: 1800, bellCount: 120, damage: 0 }),
    idOf(userID, OPFER_MASTER, { score: 1_010_000, noteLamp: 'ALL BREAK+', bellLamp: 'FULL BELL', platinumScore: 3648, bellCount: 214, damage: 0 }),
    idOf(userID, STARTLINER_EXP, { score: 995_000, noteLamp: 'ALL BREAK', bellLamp: 'NONE', platinumScore: 1600, bellCount: 60, damage: 0 }),
    idOf(userID, AMANO_MASTER, { score: 998_000, noteLamp: 'CLEAR', bellLamp: 'NONE', platinumScore: 1850, bellCount: 110, damage: 5 }),
  ];

  const doc = await importOK(stack, alice.token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.classDeltas, [{ game: 'ongeki', set: 'colour', playtype: 'Single', old: null, new: 'BLUE' }]);

  const stored = new Map((await scoresOf(stack, { userID })).map((s) => [s.scoreID as string, s]));
  // [grade, platinumStars, enumIndexes, calculatedData]
  const expect: [string, number, Record<string, number>, Record<string, number>][] = [
    // 1800/1874 → floor(96.05) − 93 = 3 stars; rating (1190 + 150 + 20) / 100; scoreRating
    // (11900 + 1250 + 200 + 200 + 50 + 100) / 1000; starRating floor(3 × 11.9²) / 1000
    ['SSS', 3, { noteLamp: 2, bellLamp: 1, grade: 10 }, { rating: 13.6, scoreRating: 13.7, starRating: 0.424 }],
    // 100% → 6 stars (rated as 5): (1500 + 200) / 100; (15000 + 1750 + 250 + 300 + 50 + 350) / 1000; floor(5 × 225) / 1000
    ['SSS+', 6, { noteLamp: 4, bellLamp: 1, grade: 11 }, { rating: 17, scoreRating: 17.7, starRating: 1.125 }],
    // in-game ID 7001: unranked; floor(96.15) − 93 = 3 stars
    ['SS', 3, { noteLamp: 3, bellLamp: 0, grade: 9 }, { rating: 0, scoreRating: 0, starRating: 0 }],
    // floor(98.72) − 93 = 5 stars; (1190 + 140) / 100; (11900 + 750 + 400 + 100) / 1000; floor(5 × 11.9²) / 1000
    ['SS', 5, { noteLamp: 1, bellLamp: 0, grade: 9 }, { rating: 13.3, scoreRating: 13.15, starRating: 0.708 }],
  ];
  expect.forEach(([grade, stars, enumIndexes, calculatedData], i) => {
    const s = stored.get(ids[i]);
    t.equal(s?.scoreData.grade, grade, `score ${i + 1} grade`);
    t.equal(s?.scoreData.platinumStars, stars, `score ${i + 1} stars`);
    t.same(s?.scoreData.enumIndexes, enumIndexes);
    t.same(s?.calculatedData, calculatedData, `score ${i + 1} ratings`);
  });
  t.same(stored.get(ids[3])?.scoreData.optional, { bellCount: 110, totalBellCount: 120, damage: 5, platinumGraph: [0, -4, -13, -24], lifeGraph: [100, 100, 82, 64], enumIndexes: {} });

  // PB on 天ノ弱 MASTER: score 1 (best technical score, FULL COMBO, FULL BELL) with score 4's platinum score
  const pb = await pbOf(stack, userID, AMANO_MASTER);
  t.strictSame(pb, {
    composedFrom: [{ name: 'Best Score', scoreID: ids[0] }, { name: 'Best Platinum Score', scoreID: ids[3] }],
    chartID: AMANO_MASTER,
    userID,
    songID: 19,
    highlight: false,
    timeAchieved: T + 15 * MINUTE,
    game: 'ongeki',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 1_003_000,
      noteLamp: 'FULL COMBO',
      bellLamp: 'FULL BELL',
      platinumScore: 1850,
      grade: 'SSS',
      platinumStars: 5,
      judgements: { cbreak: 820, break: 25, hit: 3, miss: 0 },
      optional: { bellCount: 120, totalBellCount: 120, damage: 0, maxCombo: 848, enumIndexes: {} },
      enumIndexes: { noteLamp: 2, bellLamp: 1, grade: 10 },
    },
    // recomputed on the merged data: 5 stars → starRating 0.708
    calculatedData: { rating: 13.6, scoreRating: 13.7, starRating: 0.708 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  // session: four scores, fewer than ten ratings of each kind
  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.match(session, { scoreIDs: ids, timeStarted: T, timeEnded: T + 15 * MINUTE, calculatedData: { naiveRating: null, naiveScoreRating: null, starRating: null } });

  // profile over the PBs (13.6/13.7/0.708, 17/17.7/1.125, 0/0/0):
  //   naiveRating        = floor((1360 + 1700 + 0) / 45) / 100 = 0.68
  //   scoreRating part   = floor((13700 + 17700 + 0) / 60) / 1000 = 0.523 → score1k 523
  //   starRating part    = floor((708 + 1125 + 0) / 50) / 1000 = 0.036 → star1k 36
  //   naiveRatingRefresh = (floor(523 × 1.2) + 36) / 1000 = (627 + 36) / 1000 = 0.663 → BLUE
  t.same(await gameStatsOf(stack, userID, 'ongeki'), {
    userID,
    game: 'ongeki',
    playtype: 'Single',
    ratings: { naiveRating: 0.68, naiveRatingRefresh: 0.663 },
    classes: { colour: 'BLUE' },
  });

  // bob: the same technical score on 天ノ弱 MASTER with a higher platinum score ranks first
  const bobDoc = await importOK(stack, bob.token, ongekiFile([
    { score: 1_003_000, noteLamp: 'CLEAR', bellLamp: 'NONE', platinumScore: 1860, matchType: 'inGameID', identifier: '49', difficulty: 'MASTER', timeAchieved: T + 30 * MINUTE },
    { score: 1_003_001, noteLamp: 'CLEAR', bellLamp: 'NONE', platinumScore: 0, matchType: 'tachiSongID', identifier: '390', difficulty: 'EXPERT', timeAchieved: T + 31 * MINUTE },
  ]));
  t.same(bobDoc.errors, []);
  t.same((await pbOf(stack, bob.userID, AMANO_MASTER))?.rankingData, { rank: 1, outOf: 2, rivalRank: null });
  t.same((await pbOf(stack, userID, AMANO_MASTER))?.rankingData, { rank: 2, outOf: 2, rivalRank: null });
  t.same((await pbOf(stack, bob.userID, STARTLINER_EXP))?.rankingData, { rank: 1, outOf: 2, rivalRank: null }, 'a higher technical score wins whatever the platinum score');
  t.same((await pbOf(stack, userID, STARTLINER_EXP))?.rankingData, { rank: 2, outOf: 2, rivalRank: null });
  t.same((await gameStatsOf(stack, bob.userID, 'ongeki'))?.classes, { colour: 'BLUE' });

  // bad scores: each one its own error
  const bad = await importOK(stack, alice.token, ongekiFile([
    { score: 1_000_000, noteLamp: 'CLEAR', bellLamp: 'NONE', platinumScore: 1875, matchType: 'inGameID', identifier: '49', difficulty: 'MASTER' },
    { score: 1_010_000, noteLamp: 'ALL BREAK+', bellLamp: 'NONE', platinumScore: 3600, matchType: 'tachiSongID', identifier: '108', difficulty: 'MASTER' },
    { score: 900_000, noteLamp: 'LOSS', bellLamp: 'FULL BELL', platinumScore: 100, matchType: 'inGameID', identifier: '49', difficulty: 'MASTER', optional: { damage: -1 } },
    { score: 900_000, noteLamp: 'CLEAR', bellLamp: 'NONE', platinumScore: 100, matchType: 'inGameID', identifier: '49', difficulty: 'LUNATIC' },
  ]));
  t.same(bad.errors, [
    {
      type: 'InvalidDatapoint',
      message: "Got 2 errors when validating score:\nInvalid value for platinumScore, Platinum Score must not exceed the chart's maximum Platinum Score. Got 1875/1874 Got 1875.\nCannot have 1875/1874 Platinum Score.",
    },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nCannot have a perfect score without FBAB+' },
    {
      type: 'InvalidDatapoint',
      message: 'Got 2 errors when validating score:\nInvalid value for damage, Damage must be non-negative. Got -1 Got -1.\nCannot have a LOSS with a FULL BELL.',
    },
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameID 49 (Single).' },
  ]);
  t.same(bad.scoreIDs, []);
});
