/**
 * maimai DX end to end: examples/maimaidx.json through the HTTP API and a real worker against the
 * bundled seeds, then a second session and a file with bad scores. Every expected value is worked
 * out by hand from Tachi's rules (rate = floor(min(round(p × 10⁴), 1005000) × coefficient ×
 * round(level × 10) / 10⁸), see packages/core/test/games/maimaidx.test.ts for the coefficients).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { ROOT, startStack } from '../../support/stack.ts';
import { DAY, MINUTE, gameStatsOf, importOK, pbOf, scoresOf, sessionOf } from '../helpers.ts';
import { tachiScoreID } from './helpers.ts';

const example = JSON.parse(readFileSync(`${ROOT}/examples/maimaidx.json`, 'utf8'));
const T = 1709287200000; // the example's first timestamp (2024-03-01T10:00:00Z)

/** bundled charts (seeds at Tachi 536c3c67) */
const TLS_MASTER = 'f3e7ba3d400480b4811dd201b3738918cbcdbfc2'; // "True Love Song" Master 12.4, inGameID 8
const NEKO_DX_MASTER = '9f6ef9b140ca4723ea3eefddec6439e8ab4e2326'; // "ネコ日和。" DX Master 13.7
const AXERIA_MASTER = 'd1bd7991eb13bbbf142687b7b0c7fe313f46dcd2'; // "Axeria" Master 14.5

const idOf = (userID: number, chartID: string, lamp: string, percent: number) => tachiScoreID(`{"chartID":"${chartID}","lamp":"${lamp}","percent":${percent},"userID":${userID}}`);
const delta = (set: string, old: string | null, next: string) => ({ game: 'maimaidx', set, playtype: 'Single', old, new: next });

t.test('examples/maimaidx.json, a later session, and bad scores', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');

  const ids = [
    idOf(userID, TLS_MASTER, 'FULL COMBO', 99.8123),
    idOf(userID, NEKO_DX_MASTER, 'ALL PERFECT', 100.6021),
    idOf(userID, AXERIA_MASTER, 'ALL PERFECT+', 101),
    idOf(userID, TLS_MASTER, 'FULL COMBO+', 99.6),
  ];

  const doc = await importOK(stack, token, example);
  t.same(doc.errors, []);
  t.same(doc.scoreIDs, ids);
  t.same(doc.gptStrings, ['maimaidx:Single']);
  t.same(doc.classDeltas, [delta('dan', null, 'DAN_8'), delta('matchingClass', null, 'S3'), delta('colour', null, 'WHITE')]);
  t.equal(doc.createdSessions.length, 1);

  // scores: grade, enum indexes and rate of each
  const stored = new Map((await scoresOf(stack, { userID })).map((s) => [s.scoreID as string, s]));
  const expect: [string, string, Record<string, number>, number][] = [
    // 998123 × 211 × 124 / 10⁸ = 261.15
    [ids[0], 'SS+', { lamp: 2, grade: 11 }, 261],
    // 1005000 × 224 × 137 / 10⁸ = 308.41
    [ids[1], 'SSS+', { lamp: 4, grade: 13 }, 308],
    // 1005000 × 224 × 145 / 10⁸ = 326.42
    [ids[2], 'SSS+', { lamp: 5, grade: 13 }, 326],
    // 996000 × 211 × 124 / 10⁸ = 260.59
    [ids[3], 'SS+', { lamp: 3, grade: 11 }, 260],
  ];
  for (const [id, grade, enumIndexes, rate] of expect) {
    const s = stored.get(id);
    t.equal(s?.scoreData.grade, grade, `${id} grade`);
    t.same(s?.scoreData.enumIndexes, enumIndexes);
    t.same(s?.calculatedData, { rate });
  }
  t.same(stored.get(ids[0])?.scoreData.judgements, { pcrit: 402, perfect: 61, great: 7, good: 1, miss: 0 });
  t.same(stored.get(ids[3])?.scoreData.optional, { maxCombo: 471, percentGraph: [100.9, 100.2, 99.9, 99.6], lifeGraph: [null, null, null, null], enumIndexes: {} });
  t.equal(stored.get(ids[2])?.comment, 'finally');
  t.equal(stored.get(ids[1])?.songID, 10);

  // PB on True Love Song Master: best percent (score 1) with the best lamp (score 4)
  t.strictSame(await pbOf(stack, userID, TLS_MASTER), {
    composedFrom: [{ name: 'Best Percent', scoreID: ids[0] }, { name: 'Best Lamp', scoreID: ids[3] }],
    chartID: TLS_MASTER,
    userID,
    songID: 1,
    highlight: false,
    timeAchieved: T + 15 * MINUTE,
    game: 'maimaidx',
    playtype: 'Single',
    isPrimary: true,
    scoreData: {
      percent: 99.8123,
      lamp: 'FULL COMBO+',
      grade: 'SS+',
      judgements: { pcrit: 402, perfect: 61, great: 7, good: 1, miss: 0 },
      optional: { maxCombo: 471, fast: 3, slow: 5, enumIndexes: {} },
      enumIndexes: { lamp: 3, grade: 11 },
    },
    calculatedData: { rate: 261 },
    rankingData: { rank: 1, outOf: 1, rivalRank: null },
  });
  t.same((await pbOf(stack, userID, AXERIA_MASTER))?.composedFrom, [{ name: 'Best Percent', scoreID: ids[2] }]);

  // one session of four scores: fewer than 10 rates, so its rate is null
  const session = await sessionOf(stack, doc.createdSessions[0].sessionID);
  t.match(session, { game: 'maimaidx', playtype: 'Single', scoreIDs: ids, timeStarted: T, timeEnded: T + 15 * MINUTE, calculatedData: { rate: null } });

  // profile: 261 + 308 + 326 = 895 → WHITE (< 1000)
  t.same(await gameStatsOf(stack, userID, 'maimaidx'), {
    userID,
    game: 'maimaidx',
    playtype: 'Single',
    ratings: { naiveRate: 895 },
    classes: { dan: 'DAN_8', matchingClass: 'S3', colour: 'WHITE' },
  });

  // two days later: eleven scores on True Love Song Master, 99.50 … 99.60 (all rate 260: 995000 … 996000
  // × 211 × 124 / 10⁸ = 260.33 … 260.59), make a new session whose rate is the mean of the best ten
  const later = {
    meta: { game: 'maimaidx', playtype: 'Single', service: 'maimai DX NET' },
    scores: Array.from({ length: 11 }, (_, k) => ({
      percent: 99.5 + k / 100,
      lamp: 'CLEAR',
      matchType: 'inGameID',
      identifier: '8',
      difficulty: 'Master',
      timeAchieved: T + 2 * DAY + k * MINUTE,
    })),
    classes: { matchingClass: 'S1', dan: 'DAN_7' },
  };
  const second = await importOK(stack, token, later);
  t.equal(second.scoreIDs.length, 11);
  t.same(second.createdSessions.map((c) => c.type), ['Created']);
  t.same(second.classDeltas, [delta('matchingClass', 'S3', 'S1')], 'a lower dan is no change; colour is unchanged');
  t.same((await sessionOf(stack, second.createdSessions[0].sessionID))?.calculatedData, { rate: 260 });
  t.same((await pbOf(stack, userID, TLS_MASTER))?.composedFrom, [{ name: 'Best Percent', scoreID: ids[0] }, { name: 'Best Lamp', scoreID: ids[3] }], 'the PB is unchanged');
  t.same(await gameStatsOf(stack, userID, 'maimaidx'), {
    userID,
    game: 'maimaidx',
    playtype: 'Single',
    ratings: { naiveRate: 895 },
    classes: { dan: 'DAN_8', matchingClass: 'S1', colour: 'WHITE' },
  });

  // bad scores: each is an error of its own, the good one goes in
  const bad = await importOK(stack, token, {
    meta: { game: 'maimaidx', playtype: 'Single', service: 'maimai DX NET' },
    scores: [
      { percent: 99, lamp: 'CLEAR', matchType: 'inGameID', identifier: '30', difficulty: 'DX Master' },
      { percent: 100.2, lamp: 'ALL PERFECT', matchType: 'inGameID', identifier: '8', difficulty: 'Master' },
      { percent: 101, lamp: 'FULL COMBO', matchType: 'tachiSongID', identifier: '222', difficulty: 'Master' },
      { percent: 99, lamp: 'CLEAR', matchType: 'inGameStrID', identifier: 'axeria', difficulty: 'Master' },
      { percent: 100.5, lamp: 'ALL PERFECT', matchType: 'tachiSongID', identifier: '222', difficulty: 'Master' },
    ],
  });
  t.same(bad.errors, [
    { type: 'SongOrChartNotFound', message: 'Cannot find chart for inGameID 30 (Single).' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nCannot have an ALL PERFECT without at least 100.5%.' },
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nA score of 101% should be an ALL PERFECT+' },
    { type: 'InvalidDatapoint', message: 'Cannot use matchType inGameStrID for maimai DX. Expected any of songTitle, tachiSongID, inGameID.' },
  ]);
  t.same(bad.scoreIDs, [idOf(userID, AXERIA_MASTER, 'ALL PERFECT', 100.5)]);
  t.same((await pbOf(stack, userID, AXERIA_MASTER))?.composedFrom, [{ name: 'Best Percent', scoreID: ids[2] }], '101% AP+ stays the PB');
});
