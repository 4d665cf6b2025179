/**
 * WACCA rules against the bundled seeds: grade, rate (rg-stats WACCARate, vectors from Tachi's
 * wacca.test.ts and rg-stats' wacca-rate.test.ts), session/profile ratings, colour, stageUp,
 * validators (through hydrateScore), scoreMeta, match types, scoreIDs and PB merges.
 */
import t from 'tap';
import type { ScoreData } from '../../src/documents.ts';
import { ImportFatalError } from '../../src/errors.ts';
import { wacca } from '../../src/games/wacca/index.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, harness, tachiScoreID } from './helpers.ts';

const h = harness(wacca);
const { rules, config } = h.definition;

/** song 77 "PUPA" EXPERT 13.7 (Tachi's TestingWaccaPupaExp), inGameID 2085 */
const PUPA_EXP = h.chart('2abcf2da86f3d968dbe07695ab7ebf6b79cb0841');
const PUPA_HARD = h.chart('90f5db6c0cdd731f59d9d305c90bea6afd56e3f1');
/** song 98 "ATAMA WARUI" INFERNO 14.1, only in PLUS */
const ATAMA_INF = h.chart('1c258db95fd23a124727cc2f140995b8760e7194');

const score = (s: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, lamp, ...extra });

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([PUPA_EXP.difficulty, PUPA_EXP.levelNum, PUPA_EXP.data], ['EXPERT', 13.7, { inGameID: 2085 }]);
  t.same([ATAMA_INF.difficulty, ATAMA_INF.levelNum, ATAMA_INF.versions], ['INFERNO', 14.1, ['plus']]);
  t.equal(h.charts.charts.length, 1342);
});

t.test('grade deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [0, 'D'], [1, 'C'], [300_099, 'C'], [300_100, 'B'], [700_000, 'A'], [800_000, 'AA'], [850_000, 'AAA'], [900_000, 'S'],
    [930_000, 'S+'], [950_000, 'SS'], [970_000, 'SS+'], [980_000, 'SSS'], [990_000, 'SSS+'], [999_999, 'SSS+'], [1_000_000, 'MASTER'],
  ];
  for (const [s, grade] of cases) t.equal(rules.derivers.grade({ score: s, lamp: 'CLEAR', judgements: {}, optional: {} }, PUPA_EXP), grade, `${s} → ${grade}`);
});

t.test('rate: rg-stats WACCARate', async (t) => {
  const rate = (s: number, levelNum: number) => rules.scoreRatings.rate({ score: s } as unknown as ScoreData, { ...PUPA_EXP, levelNum });
  const vectors: [number, number, number][] = [
    [990_084, 13.2, 52.8], [984_040, 12.9, 48.375], [950_326, 12.2, 36.6], [997_719, 4, 16], [906_440, 13.8, 27.6],
    [990_000, 10.2, 40.8], [980_000, 10.7, 40.125], [960_000, 9, 29.25], [950_000, 8, 24], [940_000, 8, 22],
    [920_000, 8, 20], [900_000, 8, 16], [850_000, 8, 12], [500, 10, 10], [0, 10, 10], [849_999, 10, 10],
  ];
  for (const [s, level, expected] of vectors) t.ok(Math.abs((rate(s, level) ?? NaN) - expected) < 0.01, `${s} on ${level} ≈ ${expected}`);
  t.equal(rate(975_000, 10), rate(970_000, 10));
  t.equal(rate(1_000_000, 10), rate(990_000, 10));
  // Tachi's wacca.test: 953,000 on PUPA EXPERT 13.7 → 3 × 13.7 = 41.1
  t.same(h.hydrate(PUPA_EXP, score(953_000, 'CLEAR')).calculatedData, { rate: 41.1 });
  // 1,000,000 on ATAMA WARUI INFERNO 14.1 → 4 × 14.1 = 56.4
  t.same(h.hydrate(ATAMA_INF, score(1_000_000, 'ALL MARVELOUS')).calculatedData, { rate: 56.4 });
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(PUPA_EXP, score(953_000, 'CLEAR', { judgements: { marvelous: 900, great: 50, good: 10, miss: 8 }, optional: { maxCombo: 300 } }));
  t.same(s.scoreData, {
    score: 953_000,
    lamp: 'CLEAR',
    grade: 'SS',
    judgements: { marvelous: 900, great: 50, good: 10, miss: 8 },
    optional: { maxCombo: 300, enumIndexes: {} },
    enumIndexes: { lamp: 1, grade: 8 },
  });
});

t.test('session rate: mean of the best 10; profile naiveRate: sum of the best 50 primary', async (t) => {
  const scores = [56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 1].map((rate) => ({ calculatedData: { rate } }));
  t.same(sessionRatings(h.definition, scores), { rate: 51.5 });
  t.same(sessionRatings(h.definition, scores.slice(0, 9)), { rate: null });

  const pbs = [...Array.from({ length: 50 }, () => h.pbWith({ rate: 50 })), h.pbWith({ rate: 49 }), h.pbWith({ rate: 56 }, { isPrimary: false })];
  const ratings = profileRatings(h.definition, pbs, h.charts);
  t.same(ratings, { naiveRate: 2500 });
  t.equal(rules.classDerivers.colour(ratings), 'RAINBOW');
  t.same(profileRatings(h.definition, [h.pbWith({ rate: 41.1 }), h.pbWith({ rate: 56.4 })], h.charts), { naiveRate: 56.4 + 41.1 });
  t.same(profileRatings(h.definition, [], h.charts), { naiveRate: null });
});

t.test('colour deriver: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'ASH'], [299.9, 'ASH'], [300, 'NAVY'], [600, 'YELLOW'], [1000, 'RED'], [1300, 'PURPLE'], [1600, 'BLUE'],
    [1900, 'SILVER'], [2200, 'GOLD'], [2500, 'RAINBOW'],
  ];
  for (const [naiveRate, colour] of cases) t.equal(rules.classDerivers.colour({ naiveRate }), colour, `${naiveRate} → ${colour}`);
});

t.test('classes: stageUp provided (I … XIV), colour derived', async (t) => {
  t.same(config.classes.stageUp.values, ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV']);
  const parsed = parseBatchManual({ meta: { game: 'wacca', playtype: 'Single', service: 'tests' }, scores: [], classes: { stageUp: 'XIII' } });
  t.same(parsed.classes, { Single: { stageUp: 'XIII' } });
});

t.test('scoreMeta: { mirror?: boolean }, a zod strict object', async (t) => {
  const doc = (scoreMeta: unknown) => ({
    meta: { game: 'wacca', playtype: 'Single', service: 'tests' },
    scores: [{ score: 953_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '2085', difficulty: 'EXPERT', scoreMeta }],
  });
  t.same(parseBatchManual(doc({ mirror: true })).datapoints[0].scoreMeta, { mirror: true });
  t.same(parseBatchManual(doc({})).datapoints[0].scoreMeta, {});
  t.throws(() => parseBatchManual(doc({ mirror: 'yes' })), ImportFatalError);
  t.throws(() => parseBatchManual(doc({ mirror: null })), ImportFatalError, 'not nullable');
  t.throws(() => parseBatchManual(doc({ random: true })), ImportFatalError, 'strict');
  const { score: s } = h.fromBatch({ score: 953_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '2085', difficulty: 'EXPERT', scoreMeta: { mirror: true } });
  t.same(s.scoreMeta, { mirror: true });
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const bad = (s: Record<string, unknown>, message: string) =>
    failure(t, () => h.hydrate(PUPA_EXP, s), 'InvalidDatapoint', `Got 1 error when validating score:\n${message}`);
  bad(score(999_999, 'ALL MARVELOUS'), 'ALL MARVELOUS scores must have a perfect score. Got 999999 instead.');
  bad(score(1_000_000, 'FULL COMBO'), 'Perfect scores of 1 million must have ALL MARVELOUS as their lamp. Got FULL COMBO instead.');
  bad(score(990_000, 'FULL COMBO', { judgements: { miss: 1 } }), 'Cannot have a FULL COMBO with misses.');
  bad(score(990_000, 'MISSLESS', { judgements: { miss: 6 } }), 'Cannot have a MISSLESS lamp with >5 misses.');
  bad(score(1_000_000, 'ALL MARVELOUS', { judgements: { good: 1 } }), 'Cannot have an ALL MARVELOUS if all judgements were not marvelous.');
  bad(score(1_000_000, 'ALL MARVELOUS', { judgements: { great: 1 } }), 'Cannot have an ALL MARVELOUS if all judgements were not marvelous.');
  bad(score(1_000_000, 'ALL MARVELOUS', { judgements: { miss: 1 } }), 'Cannot have an ALL MARVELOUS if all judgements were not marvelous.');
  bad(score(1_000_001, 'CLEAR'), 'Invalid value for score, Expected a number between 0 and 1000000. Got 1000001.');
  bad(score(950_000.5, 'CLEAR'), 'Invalid value for score, got 950000.5, but expected an integer.');

  t.equal(h.hydrate(PUPA_EXP, score(1_000_000, 'ALL MARVELOUS')).scoreData.grade, 'MASTER');
  t.equal(h.hydrate(PUPA_EXP, score(990_000, 'FULL COMBO', { judgements: { miss: 0 } })).scoreData.lamp, 'FULL COMBO');
  t.equal(h.hydrate(PUPA_EXP, score(980_000, 'MISSLESS', { judgements: { miss: 5 } })).scoreData.lamp, 'MISSLESS', 'Tachi allows up to 5 misses');
});

t.test('match types: inGameID, songTitle, tachiSongID', async (t) => {
  const bm = (s: Record<string, unknown>, version: string | null = null) => h.fromBatch({ score: 900_000, lamp: 'CLEAR', ...s }, { version });
  t.equal(bm({ matchType: 'inGameID', identifier: '2085', difficulty: 'EXPERT' }).chart.chartID, PUPA_EXP.chartID);
  t.equal(bm({ matchType: 'songTitle', identifier: 'pupa', difficulty: 'HARD' }).chart.chartID, PUPA_HARD.chartID);
  t.equal(bm({ matchType: 'tachiSongID', identifier: '98', difficulty: 'INFERNO' }, 'plus').chart.chartID, ATAMA_INF.chartID);
  failure(t, () => bm({ matchType: 'tachiSongID', identifier: '98', difficulty: 'INFERNO' }, 'reverse'), 'SongOrChartNotFound', 'Cannot find chart for ATAMA WARUI (Single INFERNO)');
  failure(t, () => bm({ matchType: 'inGameID', identifier: '2085', difficulty: 'INFERNO' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 2085 (Single).');
  failure(t, () => bm({ matchType: 'inGameStrID', identifier: 'pupa', difficulty: 'EXPERT' }), 'InvalidDatapoint',
    'Cannot use matchType inGameStrID for WACCA. Expected any of songTitle, tachiSongID, inGameID.');
  failure(t, () => bm({ matchType: 'inGameID', identifier: '2085', difficulty: 'Expert' }), 'InvalidDatapoint',
    'Invalid Difficulty for wacca Single - Expected any of NORMAL, HARD, EXPERT, INFERNO (Got Expert)');
});

t.test('scoreID: exactly the provided metrics (score, lamp)', async (t) => {
  const a = h.fromBatch({ score: 953_000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '2085', difficulty: 'EXPERT' });
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${PUPA_EXP.chartID}","lamp":"CLEAR","score":953000,"userID":1}`));
  const b = h.fromBatch({ score: 953_000, lamp: 'CLEAR', matchType: 'songTitle', identifier: 'PUPA', difficulty: 'EXPERT', scoreMeta: { mirror: true }, judgements: { miss: 2 } });
  t.equal(b.scoreID, a.scoreID, 'scoreMeta and judgements are not part of it');
});

t.test('PB: Best Score base, Best Lamp merged (Tachi\'s wacca.test)', async (t) => {
  const base = h.hydrate(PUPA_EXP, score(953_000, 'CLEAR'), { scoreID: 'T-base', timeAchieved: 1000 });
  const lamp = h.hydrate(PUPA_EXP, score(0, 'FULL COMBO'), { scoreID: 'bestLamp', timeAchieved: 3000, validators: false });
  const pb = buildPB(h.definition, PUPA_EXP, [base, lamp]);
  t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }, { name: 'Best Lamp', scoreID: 'bestLamp' }]);
  t.same(pb?.scoreData, { score: 953_000, lamp: 'FULL COMBO', grade: 'SS', judgements: {}, optional: { enumIndexes: {} }, enumIndexes: { lamp: 3, grade: 8 } });
  t.same(pb?.calculatedData, { rate: 41.1 });
});
