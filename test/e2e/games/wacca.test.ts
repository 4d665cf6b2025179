/**
 * WACCA end to end: examples/wacca.json through the HTTP API and a real worker against the bundled
 * seeds, then bad scores. Expected values are worked out by hand: rate = score coefficient × level
 * (4 from 990,000, 3.75 from 980,000, … 2.75 from 940,000, rounded to 3 places).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { MINUTE, gameStatsOf, importOK, pbOf, scoresOf, sessionOf } from '../helpers.ts';
import { tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/wacca.json`, 'utf8'));
const T = 1709287200000;

/** bundled charts (seeds at Tachi 536c3c67) */
const PUPA_EXP = '2abcf2da86f3d968dbe07695ab7ebf6b79cb0841'; // "PUPA" EXPERT 13.7, inGameID 2085
const ATAMA_INF = '1c258db95fd23a124727cc2f140995b8760e7194'; // "ATAMA WARUI" INFERNO 14.1
const TATAKE_INF = 'a712bac8e9d803e29832a4c54532e0c8e5a41e1e'; // song 2 INFERNO 13.8

const idOf = (userID: number, chartID: string, lamp: string, score: number) =>
  tachiScoreID(`{"chartID":"${chartID}","lamp":"${lamp}","score":${score},"userID":${userID}}`);
const delta = (set: string, old: string | null, next: string) => ({ game: 'wacca', set, playtype: 'Single', old, new: next });

t.test('examples/wacca.json and bad scores', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  const ids = [
    idOf(userID, PUPA_EXP, 'CLEAR', 953_000),
    idOf(userID, ATAMA_INF, 'ALL MARVELOUS', 1_000_000),
    idOf(userID, TATAKE_INF, 'FULL COMBO', 991_500),
    idOf(userID, PUPA_EXP, 'MISSLESS', 940_000),
  ];

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids, 'scoreMeta is not part of the scoreID');
  t.same(doc.classDeltas, [delta('stageUp', null, 'XI'), delta('colour', null, 'ASH')]);

  const stored = new Map((await scoresOf(stack, { userID })).map((s) => [s.scoreID as string, s]));
  const expect: [string, Record<string, number>, number, object][] = [
    ['SS', { lamp: 1, grade: 8 }, 41.1, { mirror: false }], // 3 × 13.7
    ['MASTER', { lamp: 4, grade: 12 }, 56.4, {}], // 4 × 14.1
    ['SSS+', { lamp: 3, grade: 11 }, 55.2, { mirror: true }], // 4 × 13.8
    ['S+', { lamp: 2, grade: 7 }, 37.675, {}], // 2.75 × 13.7
  ];
  expect.forEach(([grade, enumIndexes, rate, scoreMeta], i) => {
    const s = stored.get(ids[i]);
    t.equal(s?.scoreData.grade, grade, `score ${i + 1}`);
    t.same(s?.scoreData.enumIndexes, enumIndexes);
    t.same(s?.calculatedData, { rate });
    t.same(s?.scoreMeta, scoreMeta);
  });

  t.strictSame(await pbOf(stack, userID, PUPA_EXP), {
    composedFrom: [{ name: 'Best Score', scoreID: ids[0] }, { name: 'Best Lamp', scoreID: ids[3] }],
    chartID: PUPA_EXP,
    userID,
    songID: 77,
    highlight: false,
    timeAchieved: T + 15 * MINUTE,
    game: 'wacca',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      score: 953_000,
      lamp: 'MISSLESS',
      grade: 'SS',
      judgements: { marvelous: 802, great: 96, good: 12, miss: 8 },
      optional: { maxCombo: 311, fast: 40, slow: 68, enumIndexes: {} },
      enumIndexes: { lamp: 2, grade: 8 },
    },
    calculatedData: { rate: 41.1 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });

  t.match(await sessionOf(stack, doc.createdSessions[0].sessionID), { scoreIDs: ids, calculatedData: { rate: null } });

  // naiveRate: the PBs' rates summed, largest first: 56.4 + 55.2 + 41.1 → ASH (< 300)
  t.same(await gameStatsOf(stack, userID, 'wacca'), {
    userID,
    game: 'wacca',
    playtype: 'Single',
    ratings: { naiveRate: 56.4 + 55.2 + 41.1 },
    classes: { stageUp: 'XI', colour: 'ASH' },
  });

  const bad = await importOK(stack, token, {
    meta: { game: 'wacca', playtype: 'Single', service: 'ARTEMiS export' },
    scores: [
      { score: 999_999, lamp: 'ALL MARVELOUS', matchType: 'inGameID', identifier: '2085', difficulty: 'EXPERT' },
      { score: 990_000, lamp: 'FULL COMBO', matchType: 'inGameID', identifier: '2085', difficulty: 'EXPERT', judgements: { miss: 1 } },
      { score: 900_000, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'PUPA', difficulty: 'INFERNO' },
      { score: 900_000, lamp: 'CLEAR', matchType: 'inGameStrID', identifier: 'pupa', difficulty: 'EXPERT' },
    ],
    classes: { stageUp: 'IX' },
  });
  t.same(bad.errors, [
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nALL MARVELOUS scores must have a perfect score. Got 999999 instead.' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nCannot have a FULL COMBO with misses.' },
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for PUPA (Single INFERNO)' },
    { type: 'InvalidDatapoint', message: 'Cannot use matchType inGameStrID for WACCA. Expected any of songTitle, tachiSongID, inGameID.' },
  ]);
  t.same(bad.classDeltas, [], 'a lower stage-up is not a downgrade');
  t.equal((await gameStatsOf(stack, userID, 'wacca'))?.classes.stageUp, 'XI');
});
