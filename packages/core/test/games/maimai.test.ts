/**
 * maimai (FiNALE) rules against the bundled seeds: the chart-dependent percent bound and SSS+
 * grade (maxPercent), rate (rg-stats MaimaiRate with the chart's max, vectors from Tachi's
 * maimai.test.ts and rg-stats' maimai-rate.test.ts), session/profile ratings, colour, validators
 * (through hydrateScore), match types, scoreIDs and PB merges.
 */
import t from 'tap';
import { MaimaiRate } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { maimai } from '../../src/games/maimai/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { failure, harness, tachiScoreID } from './helpers.ts';

const h = harness(maimai);
const { rules, config } = h.definition;

/** song 834 "PANDORA PARADOXXX" (inGameStrID pandora_paradoxxx): Master 13.9, maxPercent 100.79 */
const PANDORA_MASTER = h.chart('e7e4fe5c73420a4e3ea85e9a60823808a43d6efe');
/** its Easy chart: level 6, maxPercent 101.01 */
const PANDORA_EASY = h.chart('56c7a0db61ebea35e96b5a8e38f2d0716350a09a');
/** song 22 "In Chaos" Re:Master 13.7, maxPercent 100.26 */
const INCHAOS_REMAS = h.chart('27cbe3195e8d436d7185c01c8b80461bb6c13666');

const score = (percent: number, lamp: string, extra: Record<string, unknown> = {}) => ({ percent, lamp, ...extra });

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([PANDORA_MASTER.difficulty, PANDORA_MASTER.levelNum, PANDORA_MASTER.data], ['Master', 13.9, { inGameID: 834, inGameStrID: 'pandora_paradoxxx', maxPercent: 100.79 }]);
  t.same([PANDORA_EASY.difficulty, PANDORA_EASY.data.maxPercent], ['Easy', 101.01]);
  t.equal(h.songOf(PANDORA_MASTER).title, 'PANDORA PARADOXXX');
  t.equal(h.charts.charts.length, 3241);
  t.equal(h.charts.songs.length, 633);
});

t.test('grade deriver: Tachi\'s vectors; SSS+ exactly at the chart\'s maxPercent', async (t) => {
  const grade = (percent: number, chart = PANDORA_MASTER) => rules.derivers.grade({ percent, lamp: 'CLEAR', judgements: {}, optional: {} }, chart);
  const cases: [number, string][] = [
    [0, 'F'], [10, 'E'], [20, 'D'], [40, 'C'], [60, 'B'], [80, 'A'], [90, 'AA'], [94, 'AAA'],
    [97, 'S'], [98, 'S+'], [99, 'SS'], [99.5, 'SS+'], [100, 'SSS'], [100.78, 'SSS'], [100.79, 'SSS+'],
  ];
  for (const [percent, g] of cases) t.equal(grade(percent), g, `${percent}% → ${g}`);
  t.equal(grade(100.78, { ...PANDORA_MASTER, data: { ...PANDORA_MASTER.data, maxPercent: 100.78 } }), 'SSS+', 'Tachi\'s TestingMaimaiChart (maxPercent 100.78)');
  t.equal(grade(101.01, PANDORA_EASY), 'SSS+');
  t.equal(grade(100.79, PANDORA_EASY), 'SSS');
});

t.test('chart validator: 0 ≤ percent ≤ maxPercent (Tachi\'s vectors)', async (t) => {
  t.equal(rules.chartValidators.percent(100.79, PANDORA_MASTER), true);
  t.equal(rules.chartValidators.percent(0, PANDORA_MASTER), true);
  t.equal(rules.chartValidators.percent(-1, PANDORA_MASTER), 'Percent cannot be negative.');
  t.equal(rules.chartValidators.percent(101, PANDORA_MASTER), 'Percent cannot be greater than 100.79 for this chart.');
});

t.test('rate: rg-stats MaimaiRate with the chart\'s maxPercent and level', async (t) => {
  const rate = (percent: number, maxPercent: number, levelNum: number) =>
    rules.scoreRatings.rate({ percent } as unknown as ScoreData, { ...PANDORA_MASTER, levelNum, data: { ...PANDORA_MASTER.data, maxPercent } });
  // rg-stats maimai-rate.test.ts vectors (compared to 2 decimal places, as rg-stats does)
  const vectors: [number, number, number, number][] = [
    [100.89, 101.58, 11.8, 14.36], [100.8, 101.18, 12.0, 14.68], [100.23, 100.72, 11.7, 14.02], [99.36, 100.42, 11.0, 12.27],
    [98.04, 101.21, 10.2, 10.8], [97.62, 100.56, 10.1, 10.47], [96.79, 101.19, 10.8, 9.76], [95.08, 100.91, 10.5, 9.18],
    [94.16, 100.83, 12.5, 11.04], [93.05, 100.31, 11.5, 9.88], [92.5, 100.53, 13.6, 11.91], [91.62, 100.5, 11.7, 9.9],
    [100.68, 100.68, 14, 19], [100, 100.79, 13.9, 17.8], [99, 100.71, 12.9, 14.8], [99, 100.54, 8, 9.5], [99, 100.54, 7, 9],
    [97, 100.36, 11.5, 11.5], [97, 100.54, 8, 8], [97, 100.54, 7, 7.5], [94, 100.3, 10, 8.5], [90, 100.3, 12.5, 10.5],
    [80, 100.5, 13, 10], [60, 100.59, 12.7, 5.08], [40, 100.54, 9, 1.8], [20, 100.72, 13.6, 1.36], [13, 100.61, 11.7, 0.35],
    [9, 100.26, 10.5, 0], [100, 100, 13.9, 18.8], [96.99, 100, 8.9, 7.95], [100.9, 100.9, 15.4, 21.8],
  ];
  for (const [p, max, level, expected] of vectors) t.ok(Math.abs((rate(p, max, level) ?? NaN) - expected) < 0.01, `${p}/${max} on ${level} ≈ ${expected} (got ${rate(p, max, level)})`);

  // Tachi's maimai.test: 97.01% on PANDORA PARADOXXX Master 13.9 → 14.85. By hand: the lv13.9 curve
  // is 0.9 of the way from 13 to 14: S = 1350 + 0.9 × 150 = 1485, SS- = 1475 + 0.9 × 200 = 1655;
  // 1485 + 170 × (9701 − 9700) / (9899 − 9700) = 1485.85 → floor 1485 → 14.85
  t.same(h.hydrate(PANDORA_MASTER, score(97.01, 'CLEAR')).calculatedData, { rate: 14.85 });
  // at maxPercent: the SSS+ column, 1700 + 0.9 × 200 = 1880 → 18.8
  t.same(h.hydrate(PANDORA_MASTER, score(100.79, 'ALL PERFECT+')).calculatedData, { rate: 18.8 });
  // between SSS and SSS+: 10050 rescaled to floor(50 / 79 × 10000 + 10000) = 16329;
  // SSS = 1600 + 0.9 × 200 = 1780, +100 × (16329 − 10000) / 10000 = 1843.29 → 18.43
  t.same(h.hydrate(PANDORA_MASTER, score(100.5, 'ALL PERFECT')).calculatedData, { rate: 18.43 });
  t.equal(MaimaiRate.calculate(100.5, 100.79, 13.9), 18.43, 'the same number straight from rg-stats');
  t.same(h.hydrate(PANDORA_MASTER, score(10, 'FAILED')).calculatedData, { rate: 0 }, '10% and below rate 0');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(PANDORA_MASTER, score(97.01, 'CLEAR', { judgements: { perfect: 700, great: 40, good: 5, miss: 2 }, optional: { maxCombo: 400, slow: 7 } }));
  t.same(s.scoreData, {
    percent: 97.01,
    lamp: 'CLEAR',
    grade: 'S',
    judgements: { perfect: 700, great: 40, good: 5, miss: 2 },
    optional: { maxCombo: 400, slow: 7, enumIndexes: {} },
    enumIndexes: { lamp: 1, grade: 8 },
  });
});

t.test('session rate: mean of the best 10; profile naiveRate: best 30 divided by 30', async (t) => {
  const scores = [15, 14.5, 14, 13.5, 13, 12.5, 12, 11.5, 11, 10.5, 1].map((rate) => ({ calculatedData: { rate } }));
  t.same(sessionRatings(h.definition, scores), { rate: (15 + 14.5 + 14 + 13.5 + 13 + 12.5 + 12 + 11.5 + 11 + 10.5) / 10 });
  t.same(sessionRatings(h.definition, scores.slice(0, 9)), { rate: null });

  // ten 15.5s and twenty 12.25s (exact in binary) are the best 30: 400 / 30
  const pbs = [
    ...Array.from({ length: 10 }, () => h.pbWith({ rate: 15.5 })),
    ...Array.from({ length: 25 }, () => h.pbWith({ rate: 12.25 })),
    h.pbWith({ rate: 20 }, { isPrimary: false }),
  ];
  const ratings = profileRatings(h.definition, pbs, h.charts);
  t.same(ratings, { naiveRate: 400 / 30 });
  t.equal(rules.classDerivers.colour(ratings), 'BRONZE');
  // fewer than 30 still divide by 30
  t.same(profileRatings(h.definition, [h.pbWith({ rate: 15 }), h.pbWith({ rate: 15 })], h.charts), { naiveRate: 1 });
  t.same(profileRatings(h.definition, [], h.charts), { naiveRate: null });
});

t.test('colour deriver: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'WHITE'], [1.99, 'WHITE'], [2, 'BLUE'], [4, 'GREEN'], [7, 'YELLOW'], [10, 'RED'], [12, 'PURPLE'],
    [13, 'BRONZE'], [14, 'SILVER'], [14.5, 'GOLD'], [15, 'RAINBOW'],
  ];
  for (const [naiveRate, colour] of cases) t.equal(rules.classDerivers.colour({ naiveRate }), colour, `${naiveRate} → ${colour}`);
});

t.test('classes: colour derived, dan provided (KAIDEN between DAN_10 and the shindans)', async (t) => {
  const dans = config.classes.dan.values;
  t.ok(dans.indexOf('DAN_10') < dans.indexOf('KAIDEN') && dans.indexOf('KAIDEN') < dans.indexOf('SHINDAN_1') && dans.at(-1) === 'SHINKAIDEN');
  const parsed = parseBatchManual({ meta: { game: 'maimai', playtype: 'Single', service: 'tests' }, scores: [], classes: { dan: 'KAIDEN' } });
  t.same(parsed.classes, { Single: { dan: 'KAIDEN' } });
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const bad = (chart: typeof PANDORA_MASTER, s: Record<string, unknown>, ...messages: string[]) =>
    failure(t, () => h.hydrate(chart, s), 'InvalidDatapoint', `Got ${messages.length} ${messages.length === 1 ? 'error' : 'errors'} when validating score:\n${messages.join('\n')}`);

  bad(PANDORA_MASTER, score(100.5, 'ALL PERFECT+'), 'Cannot have an ALL PERFECT+ without grade SSS+.');
  bad(PANDORA_MASTER, score(100.79, 'ALL PERFECT'), 'Cannot have grade SSS+ without an ALL PERFECT+');
  bad(PANDORA_MASTER, score(100.5, 'ALL PERFECT', { judgements: { great: 1 } }), 'Cannot have an ALL PERFECT with any non-perfect judgements.');
  bad(PANDORA_MASTER, score(99, 'FULL COMBO', { judgements: { miss: 1 } }), 'Cannot have a FULL COMBO if the score has misses.');
  bad(PANDORA_MASTER, score(100.8, 'ALL PERFECT'), 'Invalid value for percent, Percent cannot be greater than 100.79 for this chart. Got 100.8.');
  // over 104: the chart bound, Tachi's own 104% check, and the grade (≥ 104 is SSS+) without AP+
  bad(PANDORA_MASTER, score(104.5, 'CLEAR'),
    'Invalid value for percent, Percent cannot be greater than 100.79 for this chart. Got 104.5.',
    'Score cannot be greater than 104%.',
    'Cannot have grade SSS+ without an ALL PERFECT+');
  bad(PANDORA_MASTER, score(-1, 'FAILED'),
    'Invalid value for percent, Percent cannot be negative. Got -1.',
    'Invalid value for grade, got undefined, but expected any of F, E, D, C, B, A, AA, AAA, S, S+, SS, SS+, SSS, SSS+.');

  t.equal(h.hydrate(PANDORA_EASY, score(101.01, 'ALL PERFECT+')).scoreData.grade, 'SSS+', 'each chart has its own maximum');
  t.equal(h.hydrate(PANDORA_MASTER, score(100.5, 'ALL PERFECT', { judgements: { perfect: 800, great: 0, good: null } })).scoreData.grade, 'SSS');
});

t.test('match types: inGameID, inGameStrID, songTitle, tachiSongID', async (t) => {
  const bm = (s: Record<string, unknown>, version: string | null = null) => h.fromBatch({ percent: 99, lamp: 'CLEAR', ...s }, { version });
  t.equal(bm({ matchType: 'inGameID', identifier: '834', difficulty: 'Master' }).chart.chartID, PANDORA_MASTER.chartID);
  t.equal(bm({ matchType: 'inGameStrID', identifier: 'pandora_paradoxxx', difficulty: 'Easy' }).chart.chartID, PANDORA_EASY.chartID);
  t.equal(bm({ matchType: 'inGameStrID', identifier: 'inchaos', difficulty: 'Re:Master' }, 'finale').chart.chartID, INCHAOS_REMAS.chartID);
  t.equal(bm({ matchType: 'songTitle', identifier: 'pandora paradoxxx', difficulty: 'Master' }).chart.chartID, PANDORA_MASTER.chartID);
  t.equal(bm({ matchType: 'tachiSongID', identifier: '22', difficulty: 'Re:Master' }).chart.chartID, INCHAOS_REMAS.chartID);

  failure(t, () => bm({ matchType: 'inGameStrID', identifier: 'PANDORA_PARADOXXX', difficulty: 'Master' }), 'SongOrChartNotFound',
    'Cannot find chart for inGameStrID PANDORA_PARADOXXX (Single).');
  failure(t, () => bm({ matchType: 'inGameID', identifier: '8', difficulty: 'Re:Master' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 8 (Single).');
  failure(t, () => bm({ matchType: 'songTitle', identifier: 'Link', difficulty: 'Master' }), 'AmbiguousTitle',
    'Multiple songs exist with the case-insensitive title Link. We cannot resolve this. Please try adding an artist field.');
  t.equal(bm({ matchType: 'songTitle', identifier: 'Link', artist: 'Clean Tears feat. Youna', difficulty: 'Master' }).song.id, 131);
  failure(t, () => bm({ matchType: 'tachiSongID', identifier: '834', difficulty: 'Re:Master' }, 'festival'), 'SongOrChartNotFound',
    'Cannot find chart for PANDORA PARADOXXX (Single Re:Master)');
  failure(t, () => bm({ matchType: 'sdvxInGameID', identifier: '834', difficulty: 'Master' }), 'InvalidDatapoint',
    'Cannot use matchType sdvxInGameID for maimai. Expected any of songTitle, tachiSongID, inGameID, inGameStrID.');
  failure(t, () => bm({ matchType: 'inGameID', identifier: '834', difficulty: 'DX Master' }), 'InvalidDatapoint',
    'Invalid Difficulty for maimai Single - Expected any of Easy, Basic, Advanced, Expert, Master, Re:Master (Got DX Master)');
});

t.test('scoreID: exactly the provided metrics (percent, lamp)', async (t) => {
  const a = h.fromBatch({ percent: 97.01, lamp: 'CLEAR', matchType: 'inGameStrID', identifier: 'pandora_paradoxxx', difficulty: 'Master' });
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${PANDORA_MASTER.chartID}","lamp":"CLEAR","percent":97.01,"userID":1}`));
  const b = h.fromBatch({ percent: 97.01, lamp: 'CLEAR', matchType: 'inGameID', identifier: '834', difficulty: 'Master', judgements: { miss: 3 }, optional: { fast: 1 }, timeAchieved: 1_700_000_000_000 });
  t.equal(b.scoreID, a.scoreID);
});

t.test('PB: Best Percent base, Best Lamp merged (Tachi\'s maimai.test)', async (t) => {
  const base = h.hydrate(PANDORA_MASTER, score(97.01, 'CLEAR'), { scoreID: 'T-base', timeAchieved: 5000 });
  const lamp = h.hydrate(PANDORA_MASTER, score(0, 'FULL COMBO'), { scoreID: 'bestLamp', timeAchieved: 1000, validators: false });
  const pb = buildPB(h.definition, PANDORA_MASTER, [lamp, base]);
  t.same(pb?.composedFrom, [{ name: 'Best Percent', scoreID: 'T-base' }, { name: 'Best Lamp', scoreID: 'bestLamp' }]);
  t.same(pb?.scoreData, { percent: 97.01, lamp: 'FULL COMBO', grade: 'S', judgements: {}, optional: { enumIndexes: {} }, enumIndexes: { lamp: 2, grade: 8 } });
  t.same(pb?.calculatedData, { rate: 14.85 });
  t.equal(pb?.timeAchieved, 5000, 'the base is the later score');
});
