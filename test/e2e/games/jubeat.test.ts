/**
 * jubeat end to end. Tachi's jubeat charts are not bundled: an import before they are loaded
 * keeps its scores as orphans; then the fixture seeds are loaded as `cli seed --from` does and
 * examples/jubeat.json goes through the HTTP API and a real worker. Expected values are worked
 * out by hand: jubility = floor(round(level × 10) × 125 × floor(rate × 10) / 99 / 100) / 10 (0
 * under 700k); profile jubility = best per song and difficulty family, best 30 on Ave. songs plus
 * best 30 elsewhere; colour from it.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, sessionOf } from '../helpers.ts';
import { scoresByID, seedFixture, tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/jubeat.json`, 'utf8'));
const T = 1709290800000; // the example's first timestamp (2024-03-01T11:00:00Z)

/** fixture charts (packages/core/test/fixtures/seeds/charts-jubeat.json) */
const LUNA_EXT = '2f3ef7b26dfe1cc684fa08fd3aa53202dd2fa715'; // "Insanity: Luna" (Ave., hot) EXT 10.4, inGameID 100000001
const LUNA_HARD_EXT = '735e3cc49bf6d0b3bc051e5be76ee09c656b4140'; // its HARD EXT 10.4
const B2B_EXT = '3ade7cd72a26ee3a5c0faa0178107d4af3710d88'; // "bass 2 bass" (song 1) EXT 8
const B2B_ADV = 'b90a319f18d1a746b330b8f4cd6f74874f664421'; // "bass 2 bass" ADV 6, inGameID 10000036
const YANYA_EXT = '42fa6343968dcb59a85af22b0b720d8895326c0a'; // song 1437 EXT 9, inGameIDs 80000300 and 80000301

const idOf = (userID: number, chartID: string, lamp: string, musicRate: number, score: number) =>
  tachiScoreID(`{"chartID":"${chartID}","lamp":"${lamp}","musicRate":${musicRate},"score":${score},"userID":${userID}}`);

t.test('examples/jubeat.json after the fixture seeds are loaded', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('jubeater');

  // no jubeat charts yet: the file is valid, its score an orphan
  const before = await importOK(stack, token, { meta: example.meta, scores: [example.scores[0]] });
  t.same(before.errors, [{ type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameID 100000001 (Single).' }]);
  t.same(before.scoreIDs, []);
  t.equal(await stack.db.orphans.countDocuments({ userID }), 1);

  await seedFixture(stack, 'jubeat');

  const ids = [
    idOf(userID, LUNA_EXT, 'FULL COMBO', 97.3, 985000),
    idOf(userID, LUNA_HARD_EXT, 'CLEAR', 104.5, 962000),
    idOf(userID, B2B_EXT, 'EXCELLENT', 100, 1000000),
    idOf(userID, YANYA_EXT, 'CLEAR', 88.8, 930000),
    idOf(userID, B2B_ADV, 'FAILED', 45.2, 650000),
  ];
  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.gptStrings, ['jubeat:Single']);
  t.same(doc.classDeltas, [{ game: 'jubeat', set: 'colour', playtype: 'Single', old: null, new: 'YELLOW_GREEN' }]);

  const stored = await scoresByID(stack, ids);
  const expected: [string, Record<string, number>, number][] = [
    // 104 × 125 × 973 / 99 = 127,767.6… → 127.7
    ['SSS', { lamp: 2, grade: 7 }, 127.7],
    // 104 × 125 × 1045 / 99 = 137,222.2… → 137.2
    ['SS', { lamp: 1, grade: 6 }, 137.2],
    // 80 × 125 × 1000 / 99 = 101,010.1… → 101
    ['EXC', { lamp: 3, grade: 8 }, 101],
    // 90 × 125 × 888 / 99 = 100,909.0… → 100.9
    ['S', { lamp: 1, grade: 5 }, 100.9],
    // under 700k
    ['D', { lamp: 0, grade: 1 }, 0],
  ];
  expected.forEach(([grade, enumIndexes, jubility], i) => {
    t.equal(stored[i].scoreData.grade, grade, `score ${i} grade`);
    t.same(stored[i].scoreData.enumIndexes, enumIndexes);
    t.same(stored[i].calculatedData, { jubility });
  });
  t.same(stored[0].scoreData.optional, { maxCombo: 866, musicBar: [3, 3, 3, 2, 3, 3, 3, 3, 2, 3, 3, 3], enumIndexes: {} });
  t.same(stored[2].scoreData.judgements, { perfect: 520, great: 0, good: 0, poor: 0, miss: 0 });
  t.same([stored[3].songID, stored[3].chartID], [1437, YANYA_EXT], 'found by its second in-game ID');

  t.strictSame(await pbOf(stack, userID, LUNA_HARD_EXT), {
    composedFrom: [{ name: 'Best Music Rate', scoreID: ids[1] }],
    chartID: LUNA_HARD_EXT,
    userID,
    songID: 1438,
    highlight: false,
    timeAchieved: T + 5 * MINUTE,
    game: 'jubeat',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 962000,
      musicRate: 104.5,
      lamp: 'CLEAR',
      grade: 'SS',
      judgements: { perfect: 701, great: 120, good: 31, poor: 6, miss: 8 },
      optional: { enumIndexes: {} },
      enumIndexes: { lamp: 1, grade: 6 },
    },
    calculatedData: { jubility: 137.2 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.match(session, { game: 'jubeat', playtype: 'Single', scoreIDs: ids, timeStarted: T, timeEnded: T + 20 * MINUTE, calculatedData: { jubility: null } });

  // hot: Luna EXT and HARD EXT are one family → 137.2; other: 101 + 100.9 + 0 → 339.1 → YELLOW_GREEN
  t.same(await gameStatsOf(stack, userID, 'jubeat', 'Single'), {
    userID,
    game: 'jubeat',
    playtype: 'Single',
    ratings: { jubility: 0 + 137.2 + (0 + 101 + 100.9 + 0), naiveJubility: 0 + 137.2 + 127.7 + 101 + 100.9 + 0 },
    classes: { colour: 'YELLOW_GREEN' },
  });

  // a better music rate on Luna EXT: its PB changes base, the lamp stays merged from the full combo
  const better = await importOK(stack, token, {
    meta: example.meta,
    scores: [{ score: 979000, musicRate: 98.1, lamp: 'CLEAR', matchType: 'inGameID', identifier: '100000001', difficulty: 'EXT', timeAchieved: T + 25 * MINUTE }],
  });
  const luna = await pbOf(stack, userID, LUNA_EXT);
  t.same(luna?.composedFrom, [{ name: 'Best Music Rate', scoreID: better.scoreIDs[0] }, { name: 'Best Lamp', scoreID: ids[0] }], 'Best Score is the same score, named once');
  t.same([luna?.scoreData.musicRate, luna?.scoreData.lamp, luna?.scoreData.score, luna?.scoreData.grade], [98.1, 'FULL COMBO', 985000, 'SSS']);
  // 104 × 125 × 981 / 99 = 128,818.1… → 128.8
  t.same(luna?.calculatedData, { jubility: 128.8 });
  t.same((await gameStatsOf(stack, userID, 'jubeat', 'Single'))?.ratings.jubility, 0 + 137.2 + (0 + 101 + 100.9 + 0), 'the HARD EXT still counts for Luna\'s family');
});
