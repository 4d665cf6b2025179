/**
 * maimai (FiNALE) end to end: examples/maimai.json through the HTTP API and a real worker against
 * the bundled seeds, then bad scores. Expected rates are worked out by hand from rg-stats'
 * MaimaiRate table (see packages/core/test/games/maimai.test.ts for the interpolation).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, scoresOf, sessionOf } from '../helpers.ts';
import { tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/maimai.json`, 'utf8'));
const T = 1709287200000;

/** bundled charts (seeds at Tachi 536c3c67) */
const PANDORA_MASTER = 'e7e4fe5c73420a4e3ea85e9a60823808a43d6efe'; // Master 13.9, maxPercent 100.79
const INCHAOS_REMAS = '27cbe3195e8d436d7185c01c8b80461bb6c13666'; // Re:Master 13.7, maxPercent 100.26
const LINK_MASTER = '0a69d3d8205e5a44d50122376da628fe49a00b39'; // song 131 "Link" Master 10.9, maxPercent 100.49

const idOf = (userID: number, chartID: string, lamp: string, percent: number) =>
  tachiScoreID(`{"chartID":"${chartID}","lamp":"${lamp}","percent":${percent},"userID":${userID}}`);
const delta = (set: string, old: string | null, next: string) => ({ game: 'maimai', set, playtype: 'Single', old, new: next });

t.test('examples/maimai.json and bad scores', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const ids = [
    idOf(userID, PANDORA_MASTER, 'CLEAR', 99.7),
    idOf(userID, INCHAOS_REMAS, 'ALL PERFECT+', 100.26),
    idOf(userID, LINK_MASTER, 'CLEAR', 97.5),
    idOf(userID, PANDORA_MASTER, 'FULL COMBO', 98.9),
  ];

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.classDeltas, [delta('dan', null, 'DAN_10'), delta('colour', null, 'WHITE')]);

  const stored = new Map((await scoresOf(stack, { userID })).map((s) => [s.scoreID as string, s]));
  const expect: [string, Record<string, number>, number][] = [
    // lv 13.9: SS 1680, SSS- 1755; 1680 + 75 × 70 / 99 = 1733.03 → 17.33
    ['SS+', { lamp: 1, grade: 11 }, 17.33], // grade: 99.5 ≤ 99.7 < 100
    // at the chart's maxPercent: lv 13.7 SSS+ = 1700 + 0.7 × 200 = 1840 → 18.4
    ['SSS+', { lamp: 4, grade: 13 }, 18.4],
    // lv 10.9: S 1090, SS- 1170; 1090 + 80 × 50 / 199 = 1110.1 → 11.1
    ['S', { lamp: 1, grade: 8 }, 11.1],
    // lv 13.9: S 1485, SS- 1655; 1485 + 170 × 190 / 199 = 1647.3 → 16.47
    ['S+', { lamp: 2, grade: 9 }, 16.47],
  ];
  expect.forEach(([grade, enumIndexes, rate], i) => {
    const s = stored.get(ids[i]);
    t.equal(s?.scoreData.grade, grade, `score ${i + 1}`);
    t.same(s?.scoreData.enumIndexes, enumIndexes);
    t.same(s?.calculatedData, { rate });
  });
  t.equal(stored.get(ids[2])?.songID, 131, 'the artist picked one of the two songs called Link');

  t.strictSame(await pbOf(stack, userID, PANDORA_MASTER), {
    composedFrom: [{ name: 'Best Percent', scoreID: ids[0] }, { name: 'Best Lamp', scoreID: ids[3] }],
    chartID: PANDORA_MASTER,
    userID,
    songID: 834,
    highlight: false,
    timeAchieved: T + 15 * MINUTE,
    game: 'maimai',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      percent: 99.7,
      lamp: 'FULL COMBO',
      grade: 'SS+',
      judgements: { perfect: 780, great: 44, good: 3, miss: 2 },
      optional: { maxCombo: 512, fast: 20, slow: 29, enumIndexes: {} },
      enumIndexes: { lamp: 2, grade: 11 },
    },
    calculatedData: { rate: 17.33 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  t.match(await sessionOf(stack, doc.createdSessions[0].sessionID), { scoreIDs: ids, calculatedData: { rate: null } });

  // naiveRate: the best 30 PB rates (largest first) divided by 30 → WHITE (< 2)
  t.same(await gameStatsOf(stack, userID, 'maimai'), {
    userID,
    game: 'maimai',
    playtype: 'Single',
    ratings: { naiveRate: (18.4 + 17.33 + 11.1) / 30 },
    classes: { dan: 'DAN_10', colour: 'WHITE' },
  });

  const bad = await importOK(stack, token, {
    meta: { game: 'maimai', playtype: 'Single', service: 'maimai FiNALE export' },
    scores: [
      { percent: 100.8, lamp: 'ALL PERFECT', matchType: 'inGameID', identifier: '834', difficulty: 'Master' },
      { percent: 100.79, lamp: 'ALL PERFECT', matchType: 'inGameStrID', identifier: 'pandora_paradoxxx', difficulty: 'Master' },
      { percent: 99, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'Link', difficulty: 'Master' },
      { percent: 99, lamp: 'CLEAR', matchType: 'inGameStrID', identifier: 'no_such_song', difficulty: 'Master' },
    ],
    classes: { dan: 'SHINKAIDEN' },
  });
  t.same(bad.errors, [
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nInvalid value for percent, Percent cannot be greater than 100.79 for this chart. Got 100.8.' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nCannot have grade SSS+ without an ALL PERFECT+' },
    { type: 'AmbiguousTitle', message: 'Multiple songs exist with the case-insensitive title Link. We cannot resolve this. Please try adding an artist field.' },
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameStrID no_such_song (Single).' },
  ]);
  t.same(bad.classDeltas, [delta('dan', 'DAN_10', 'SHINKAIDEN')]);
});
