/**
 * beatmania IIDX (SP, DP) rules against the fixture seeds (test/fixtures/seeds/*-iidx.json): percent
 * and grade from the notecount (Tachi's iidx.test.ts vectors), the EX-score chart check and the
 * PGreat check (through hydrateScore), BPI (rg-stats PoyashiBPI; Tachi's and rg-stats' vectors),
 * ktLampRating per playtype (Tachi's vectors, tierlist-aware), session/profile ratings, match
 * types with their not-found messages, SP and DP kept apart, scoreIDs, PB merges, scoreMeta and dans.
 */
import t from 'tap';
import { PoyashiBPI } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { iidx } from '../../src/games/iidx/index.ts';
import { IIDX_DANS } from '../../src/games/iidx/config.ts';
import { IIDXLIKE_GBOUNDARIES } from '../../src/games/common/iidx-like.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, computeClassUpdate, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, fixtureData, harness, tachiScoreID, withData } from './helpers.ts';

const h = harness(iidx, { data: fixtureData('iidx') });
const SP = h.definitionOf('SP');
const DP = h.definitionOf('DP');

/** song 1 "5.1.1." SP ANOTHER: Tachi's Testing511SPA (level 10, 786 notes, inGameID 1000, no BPI or tiers) */
const F511_SPA = h.chart('c2311194e3897ddb5745b1760d2c0141f933e683');
/** song 1 SP HYPER (level 6, 539 notes) */
const F511_SPH = h.chart('e59909f2afe8bca64e9aec8e457193a446a25551');
/** song 1 DP ANOTHER (level 9, 825 notes, dpTier 9.3, inGameID 1000 like the SP charts) */
const F511_DPA = h.chart('1639543fedb52c80a06933c2d21d5a99d80ff518');
/** song 488 "AA" SP ANOTHER: 1834 notes, kaiden average 3204, WR 3650, coefficient 1.25945; NC 12.6 / HC 12.9 / EXHC 13.2 */
const AA_SPA = h.chart('251811ea6a3191a5db4c883d08c056373289580a');
/** song 488 DP ANOTHER: dpTier 12.4 */
const AA_DPA = h.chart('d659cc200a5cb2dc62898a307ce2adb8ec7ee16f');
/** song 1688 "Afterimage d'automne" SP ANOTHER: 1480 notes, kavg 2497, WR 2891, no coefficient; NC tier 12.1 only */
const AFT_SPA = h.chart('22674bba03e54058bcc09f4786fac1902f8a79d3');
/** song 471 "ピアノ協奏曲第１番”蠍火”" SP ANOTHER: level 12, no NC tier, HC tier 12.4 */
const SCORPION_SPA = h.chart('8cae501e94a05c2674d3c6ceec994cf086f3229d');

const sd = (score: number, lamp: string, extra: Record<string, unknown> = {}) =>
  ({ score, lamp, judgements: {}, optional: {}, ...extra }) as unknown as ScoreData;

t.test('the fixture charts are what these tests assume', async (t) => {
  t.same([F511_SPA.playtype, F511_SPA.difficulty, F511_SPA.levelNum, F511_SPA.data.notecount, F511_SPA.data.inGameID], ['SP', 'ANOTHER', 10, 786, 1000]);
  t.same([F511_DPA.playtype, F511_DPA.difficulty, F511_DPA.data.inGameID, F511_DPA.data.dpTier], ['DP', 'ANOTHER', 1000, { individualDifference: false, text: '9.3', value: 9.3 }]);
  t.same([AA_SPA.data.notecount, AA_SPA.data.kaidenAverage, AA_SPA.data.worldRecord, AA_SPA.data.bpiCoefficient], [1834, 3204, 3650, 1.25945]);
  t.same([AFT_SPA.data.notecount, AFT_SPA.data.kaidenAverage, AFT_SPA.data.worldRecord, AFT_SPA.data.bpiCoefficient], [1480, 2497, 2891, null]);
  t.equal(h.songOf(SCORPION_SPA).title, 'ピアノ協奏曲第１番”蠍火”');
  t.same([h.charts.songs.length, h.charts.charts.length], [5, 8]);
});

t.test('config: Tachi\'s metrics, difficulties, dans, versions and match types, SP and DP alike but for random', async (t) => {
  for (const { config } of [SP, DP]) {
    t.same(Object.keys(config.providedMetrics), ['score', 'lamp']);
    t.same(Object.keys(config.derivedMetrics), ['percent', 'grade'], 'percent before grade (validation order)');
    t.same(Object.keys(config.optionalMetrics), [
      'fast', 'slow', 'maxCombo', 'bp', 'gauge', 'comboBreak', 'gaugeHistory', 'scoreHistory', 'gsmEasy', 'gsmNormal', 'gsmHard', 'gsmEXHard',
    ]);
    t.equal(config.defaultMetric, 'percent');
    t.same(config.supportedMatchTypes, ['inGameID', 'tachiSongID', 'songTitle']);
    t.same(config.difficulties.type === 'FIXED' && [config.difficulties.order.length, config.difficulties.default], [16, 'ANOTHER']);
    t.same(config.classes, { dan: { type: 'PROVIDED', values: IIDX_DANS } });
    t.equal(IIDX_DANS.length, 19);
    t.same([IIDX_DANS[0], IIDX_DANS[7], IIDX_DANS[18]], ['KYU_7', 'DAN_1', 'KAIDEN']);
    t.same(config.orderedJudgements, ['pgreat', 'great', 'good', 'bad', 'poor']);
    t.same(config.versions.slice(0, 3), ['20', '21', '22'], 'Object.keys order: integer-like keys first');
    t.equal(config.versions.length, 41);
    t.notOk(Object.values(config.optionalMetrics).some((m) => m.partOfScoreID), 'no optional metric is part of the scoreID');
  }
  t.same(SP.config.scoreMeta.random, { type: 'enum', values: ['NONRAN', 'MIRROR', 'R-RANDOM', 'RANDOM', 'S-RANDOM'] });
  t.same(DP.config.scoreMeta.random, { type: 'tuple', values: ['NONRAN', 'MIRROR', 'R-RANDOM', 'RANDOM', 'S-RANDOM'], length: 2 });
});

t.test('percent deriver: 100 × EX / (2 × notecount) (Tachi\'s vectors on 5.1.1. SPA)', async (t) => {
  for (const def of [SP, DP]) {
    const percent = (score: number) => def.rules.derivers.percent({ score, lamp: 'HARD CLEAR', judgements: {}, optional: {} }, F511_SPA);
    t.equal(percent(1000), 63.61323155216285, '1000 / 1572');
    t.equal(percent(0), 0);
    t.equal(percent(1572), 100);
  }
});

t.test('grade deriver: the ninths (Tachi\'s vectors, scores as fractions of 1572)', async (t) => {
  const max = 786 * 2;
  for (const def of [SP, DP]) {
    const grade = (percent: number) => def.rules.derivers.grade({ score: (percent / 100) * max, lamp: 'HARD CLEAR', judgements: {}, optional: {} }, F511_SPA);
    const cases: [number, string][] = [
      [0, 'F'], [22.23, 'E'], [33.34, 'D'], [44.45, 'C'], [55.56, 'B'], [66.67, 'A'], [77.78, 'AA'], [88.89, 'AAA'], [94.45, 'MAX-'], [100, 'MAX'],
      [11.11, 'F'], [22.22, 'F'], [33.33, 'E'], [44.44, 'D'], [55.55, 'C'], [66.66, 'B'], [77.77, 'A'], [88.88, 'AA'], [94.44, 'AAA'], [99.99, 'MAX-'],
    ];
    for (const [p, g] of cases) t.equal(grade(p), g, `${p}% → ${g}`);
  }
  // the bounds are (100 × k) / 9, not 100 × (k / 9): 700 / 9 = 77.77777777777777, 100 × (7 / 9) = 77.77777777777779
  t.equal(IIDXLIKE_GBOUNDARIES.find((b) => b.name === 'AA')?.lowerBound, 700 / 9);
  t.equal(IIDXLIKE_GBOUNDARIES.find((b) => b.name === 'MAX-')?.lowerBound, 1700 / 18);
});

t.test('EX score chart validator (Tachi\'s snapshot messages)', async (t) => {
  for (const def of [SP, DP]) {
    const check = def.rules.chartValidators.score;
    t.equal(check(1000, F511_SPA), true);
    t.equal(check(0, F511_SPA), true);
    t.equal(check(1572, F511_SPA), true);
    t.equal(check(-1, F511_SPA), 'EX Score cannot be negative.');
    t.equal(check(1573, F511_SPA), 'EX Score cannot be greater than 1572 for this chart.');
  }
});

t.test('validation errors through hydrateScore (the engine\'s message format)', async (t) => {
  failure(t, () => h.hydrate(F511_SPA, { score: 1573, lamp: 'CLEAR' }), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for score, EX Score cannot be greater than 1572 for this chart. Got 1573.\n' +
      `Invalid value for percent, Expected a number between 0 and 100. Got ${(100 * 1573) / 1572}.`);
  failure(t, () => h.hydrate(F511_SPA, { score: -1, lamp: 'CLEAR' }), 'InvalidDatapoint',
    'Got 3 errors when validating score:\nInvalid value for score, EX Score cannot be negative. Got -1.\n' +
      `Invalid value for percent, Expected a number between 0 and 100. Got ${-100 / 1572}.\n` +
      // no grade is below 0% (Tachi's deriver throws there): the engine reports the metric
      'Invalid value for grade, got undefined, but expected any of F, E, D, C, B, A, AA, AAA, MAX-, MAX.');
  failure(t, () => h.hydrate(F511_SPA, { score: 1000, lamp: 'CLEAR', judgements: { pgreat: 400, great: 100 } }), 'InvalidDatapoint',
    "Got 1 error when validating score:\nExpected PGreat*2 + Great to equal EX score. Got 400*2 + 100 but that wasn't equal to the EX score of 1000.");
  t.ok(h.hydrate(F511_SPA, { score: 1000, lamp: 'CLEAR', judgements: { pgreat: 450, great: 100, good: 3, bad: 2, poor: 5 } }), 'PGreat × 2 + Great = EX');
  t.ok(h.hydrate(F511_SPA, { score: 1000, lamp: 'CLEAR', judgements: { pgreat: 400, great: null } }), 'the check needs both');
  failure(t, () => h.hydrate(F511_DPA, { score: 1000, lamp: 'CLEAR', judgements: { pgreat: 1, great: 1 } }), 'InvalidDatapoint',
    "Got 1 error when validating score:\nExpected PGreat*2 + Great to equal EX score. Got 1*2 + 1 but that wasn't equal to the EX score of 1000.");
  failure(t, () => h.hydrate(F511_SPA, { score: 1000, lamp: 'CLEAR', optional: { bp: -1, gauge: 100.5, gaugeHistory: [100, null, 101] } }), 'InvalidDatapoint',
    'Got 3 errors when validating score:\nInvalid value for bp, Expected a positive number. Got -1.\n' +
      'Invalid value for gauge, Expected a number between 0 and 100. Got 100.5.\n' +
      'Invalid value for metric gaugeHistory, Expected a number between 0 and 100., got 101.');
  failure(t, () => h.hydrate(F511_SPA, { score: 1000, lamp: 'PERFECT' }), 'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for lamp, got PERFECT, but expected any of NO PLAY, FAILED, ASSIST CLEAR, EASY CLEAR, CLEAR, HARD CLEAR, EX HARD CLEAR, FULL COMBO.');
});

t.test('BPI: Tachi\'s vectors (kavg 123, WR 200 on 5.1.1. SPA), both playtypes', async (t) => {
  const chart = withData(F511_SPA, { kaidenAverage: 123, worldRecord: 200 });
  for (const def of [SP, DP]) {
    const bpi = (score: number) => def.rules.scoreRatings.BPI(sd(score, 'CLEAR'), chart);
    t.equal(bpi(123), 0, 'score = kaiden average');
    t.equal(bpi(200), 100, 'score = WR');
    t.equal(bpi(180), 69.64067840359507);
    t.equal(bpi(100), -15, 'far below kaiden average: capped at -15');
    t.equal(def.rules.scoreRatings.BPI(sd(1000, 'CLEAR'), F511_SPA), null, 'no kaiden average / WR on the chart: null');
    t.equal(def.rules.scoreRatings.BPI(sd(100, 'CLEAR'), withData(F511_SPA, { kaidenAverage: 123 })), null, 'a WR is needed too');
  }
});

t.test('BPI: rg-stats\' vectors on the AA and Afterimage d\'automne fixture charts (2 d.p.)', async (t) => {
  const near = (got: number | null, want: number, msg: string) => t.ok(got !== null && Math.abs(got - want) < 0.01, `${msg}: ${got} ≈ ${want}`);
  const aa: [number, number][] = [
    [3204, 0], [3650, 100], [3668, 244.55], [3667, 222.86], [0, -15], [3393, 10.02], [3481, 20.09], [3535, 30.01], [3572, 40.18],
    [3597, 50.1], [3615, 60.12], [3628, 70.11], [3638, 80.62], [3645, 90.59], [3041, -5], [2886, -9.99],
  ];
  for (const [ex, bpi] of aa) near(SP.rules.scoreRatings.BPI(sd(ex, 'CLEAR'), AA_SPA), bpi, `AA ${ex}`);
  const aft: [number, number][] = [
    [2497, 0], [2891, 100], [2960, 431.57], [2959, 395.73], [0, -15], [2606, 10], [2675, 20.07], [2727, 30.18], [2767, 40.12],
    [2799, 50.06], [2826, 60.43], [2847, 70.3], [2865, 80.57], [2879, 90.18], [2423, -4.99], [2354, -10.04],
  ];
  for (const [ex, bpi] of aft) near(SP.rules.scoreRatings.BPI(sd(ex, 'CLEAR'), AFT_SPA), bpi, `Afterimage ${ex}`);
  t.equal(SP.rules.scoreRatings.BPI(sd(3393, 'CLEAR'), AA_SPA), PoyashiBPI.calculate(3393, 3204, 3650, 3668, 1.25945), 'exactly rg-stats\' number');
  t.equal(SP.rules.scoreRatings.BPI(sd(2606, 'CLEAR'), AFT_SPA), PoyashiBPI.calculate(2606, 2497, 2891, 2960, null), 'a null coefficient is rg-stats\' default');
});

t.test('ktLampRating SP: Tachi\'s vectors (level without tiers; NC/HC/EXHC tiers, never lower for a better lamp)', async (t) => {
  const f = (lamp: string, data: Record<string, unknown>, expected: number, msg: string) =>
    t.equal(SP.rules.scoreRatings.ktLampRating(sd(786, lamp), withData(F511_SPA, data)), expected, msg);
  const tier = (value: number) => ({ value, text: 'whatever', individualDifference: false });
  f('FAILED', {}, 0, 'fails are worth 0');
  f('ASSIST CLEAR', {}, 0, 'AC is worth 0');
  f('EASY CLEAR', {}, 0, 'EC is worth 0 in SP');
  f('NO PLAY', {}, 0, 'NO PLAY is worth 0');
  for (const lamp of ['CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO']) f(lamp, {}, 10, `${lamp} without tiers: the chart's level`);
  f('CLEAR', { ncTier: tier(15) }, 15, 'NC → ncTier');
  f('HARD CLEAR', { ncTier: tier(15), hcTier: tier(16) }, 16, 'HC → hcTier');
  f('EX HARD CLEAR', { ncTier: tier(15), hcTier: tier(16), exhcTier: tier(17) }, 17, 'EXHC → exhcTier');
  f('HARD CLEAR', { ncTier: tier(15) }, 15, 'HC → ncTier without hcTier');
  f('EX HARD CLEAR', { ncTier: tier(15) }, 15, 'EXHC → ncTier without exhcTier/hcTier');
  f('EX HARD CLEAR', { ncTier: tier(15), hcTier: tier(16) }, 16, 'EXHC → hcTier without exhcTier');
  f('HARD CLEAR', { ncTier: tier(15), hcTier: tier(14) }, 15, 'an HC tier below the NC tier counts as the NC tier');

  // the fixture charts
  const r = (chart: typeof AA_SPA, lamp: string) => SP.rules.scoreRatings.ktLampRating(sd(0, lamp), chart);
  t.same(['EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO'].map((l) => r(AA_SPA, l)), [0, 12.6, 12.9, 13.2, 13.2], 'AA: 12A / 12S / 12S+');
  t.same(['CLEAR', 'HARD CLEAR', 'FULL COMBO'].map((l) => r(AFT_SPA, l)), [12.1, 12.1, 12.1], 'Afterimage: the NC tier for every clear');
  t.same(['CLEAR', 'HARD CLEAR', 'FULL COMBO'].map((l) => r(SCORPION_SPA, l)), [12, 12.4, 12.4], '蠍火: level 12 for NC, HC tier 12.4 above');
});

t.test('ktLampRating DP: Tachi\'s vectors (any clear from EASY up is worth the DP tier, else the level)', async (t) => {
  const f = (lamp: string, data: Record<string, unknown>, expected: number, msg: string) =>
    t.equal(DP.rules.scoreRatings.ktLampRating(sd(0, lamp), withData(F511_SPA, data)), expected, msg);
  f('FAILED', {}, 0, 'fails are worth 0');
  f('ASSIST CLEAR', {}, 0, 'AC is worth 0');
  for (const lamp of ['EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO']) f(lamp, {}, 10, `${lamp}: the chart's level`);
  for (const lamp of ['EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR']) {
    f(lamp, { dpTier: { value: 15, text: 'whatever', individualDifference: false } }, 15, `${lamp}: dpTier`);
  }
  t.equal(DP.rules.scoreRatings.ktLampRating(sd(0, 'EASY CLEAR'), AA_DPA), 12.4);
  t.equal(DP.rules.scoreRatings.ktLampRating(sd(0, 'FULL COMBO'), F511_DPA), 9.3);
});

t.test('a hydrated score: derived metrics, enum indexes and both ratings', async (t) => {
  const s = h.hydrate(AA_SPA, { score: 3393, lamp: 'HARD CLEAR', judgements: { pgreat: 1600, great: 193, good: 20, bad: 8, poor: 13 }, optional: { bp: 21 } });
  t.same(s.scoreData, {
    score: 3393,
    lamp: 'HARD CLEAR',
    percent: (100 * 3393) / 3668,
    grade: 'AAA',
    judgements: { pgreat: 1600, great: 193, good: 20, bad: 8, poor: 13 },
    optional: { bp: 21, enumIndexes: {} },
    enumIndexes: { lamp: 5, grade: 7 },
  });
  t.equal(s.scoreData.percent, 92.50272628135224);
  t.same(Object.keys(s.calculatedData), ['BPI', 'ktLampRating'], "Tachi's key order");
  t.ok(Math.abs((s.calculatedData.BPI as number) - 10.02) < 0.01);
  t.equal(s.calculatedData.ktLampRating, 12.9);
  t.equal(s.playtype, 'SP');

  const d = h.hydrate(AA_DPA, { score: 3000, lamp: 'EASY CLEAR' });
  t.same(d.calculatedData, { BPI: null, ktLampRating: 12.4 });
  t.equal(d.scoreData.percent, (100 * 3000) / (1917 * 2));
  t.equal(d.scoreData.grade, 'AA', '3000 / 3834 = 78.25% ≥ 700 / 9');
});

t.test('session ratings: the mean of the best 10 of each (null with fewer than 10)', async (t) => {
  const calc = (bpi: number | null, kt: number) => ({ calculatedData: { BPI: bpi, ktLampRating: kt } });
  const nine = [12.6, 12.9, 13.2, 12.1, 12.4, 10, 9.3, 0, 12].map((kt, i) => calc(i < 3 ? 10 * i : null, kt));
  t.same(sessionRatings(SP, nine), { BPI: null, ktLampRating: null });
  const eleven = [...nine, calc(50, 12.5), calc(-15, 11)];
  const best10 = [13.2, 12.9, 12.6, 12.5, 12.4, 12.1, 12, 11, 10, 9.3];
  t.same(sessionRatings(SP, eleven), { BPI: null, ktLampRating: best10.reduce((a, e) => a + e, 0) / 10 }, 'BPI: only 5 scores have one');
  t.same(sessionRatings(DP, eleven), sessionRatings(SP, eleven), 'DP rates sessions the same way');
});

t.test('profile ratings: ktLampRating = sum of the best 20 / 20; BPI needs 20 PBs with a BPI', async (t) => {
  const pb = (kt: number, bpi: number | null = null, isPrimary = true) => h.pbWith({ BPI: bpi, ktLampRating: kt }, { playtype: 'SP', isPrimary });
  const pbs = [pb(12.6, 10), pb(13.2, 55.5), pb(12.1, -15), pb(0), pb(10), pb(14, 90, false)];
  t.same(profileRatings(SP, pbs, h.charts), { BPI: null, ktLampRating: (13.2 + 12.6 + 12.1 + 10 + 0) / 20 }, 'non-primary PBs are left out');
  t.same(profileRatings(SP, [], h.charts), { BPI: null, ktLampRating: null });

  const twenty = Array.from({ length: 20 }, (_, i) => pb(12, i * 5));
  const nineteen = twenty.slice(1);
  t.equal(profileRatings(SP, nineteen, h.charts).BPI, null, '19 BPIs: null');
  t.equal(profileRatings(SP, twenty, h.charts).BPI, (5 * 190) / 20, '20 BPIs: their mean (0 + 5 + … + 95) / 20');
  t.equal(profileRatings(DP, [...twenty, pb(12, 100)], h.charts).BPI, (5 * 190 - 0 + 100) / 20, 'the best 20 of 21');
  t.same(SP.rules.classDerivers, {}, 'no derived classes');
});

t.test('match types: inGameID, tachiSongID, songTitle; SP and DP kept apart', async (t) => {
  const ref = (matchType: string, identifier: string, difficulty: string | null = 'ANOTHER', extra: Record<string, unknown> = {}) => ({
    score: 500, lamp: 'CLEAR', matchType, identifier, difficulty, ...extra,
  });
  t.equal(h.resolve(ref('inGameID', '1000'), { playtype: 'SP' }), F511_SPA);
  t.equal(h.resolve(ref('inGameID', '1000'), { playtype: 'DP' }), F511_DPA, 'the same inGameID finds the DP chart in a DP file');
  t.equal(h.resolve(ref('inGameID', '1000', 'HYPER'), { playtype: 'SP' }), F511_SPH);
  t.equal(h.resolve(ref('inGameID', '11021'), { playtype: 'SP' }), AA_SPA);
  t.equal(h.resolve(ref('inGameID', '11021'), { playtype: 'DP' }), AA_DPA);
  failure(t, () => h.resolve(ref('inGameID', '1000', 'HYPER'), { playtype: 'DP' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 1000 (DP).');
  failure(t, () => h.resolve(ref('inGameID', '26005', 'ANOTHER'), { playtype: 'SP', version: '26' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 26005 (SP).');
  t.equal(h.resolve(ref('inGameID', '26005'), { playtype: 'SP', version: '33' }), AFT_SPA, 'with a version: a chart in that version');
  failure(t, () => h.resolve(ref('inGameID', '99999'), { playtype: 'SP' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 99999 (SP).');
  failure(t, () => h.resolve(ref('inGameID', '1000', 'BEGINNER'), { playtype: 'SP' }), 'InvalidDatapoint',
    'Invalid Difficulty for iidx SP - Expected any of NORMAL, HYPER, ANOTHER, LEGGENDARIA, All Scratch NORMAL, All Scratch HYPER, All Scratch ANOTHER, All Scratch LEGGENDARIA, Kichiku NORMAL, Kichiku HYPER, Kichiku ANOTHER, Kichiku LEGGENDARIA, Kiraku NORMAL, Kiraku HYPER, Kiraku ANOTHER, Kiraku LEGGENDARIA (Got BEGINNER)');

  t.equal(h.resolve(ref('tachiSongID', '488'), { playtype: 'SP' }), AA_SPA);
  t.equal(h.resolve(ref('tachiSongID', '488'), { playtype: 'DP' }), AA_DPA);
  failure(t, () => h.resolve(ref('tachiSongID', '1688'), { playtype: 'DP' }), 'SongOrChartNotFound', "Cannot find chart for Afterimage d'automne (DP ANOTHER)");
  failure(t, () => h.resolve(ref('tachiSongID', '4242'), { playtype: 'SP' }), 'SongOrChartNotFound', 'Cannot find song with songID 4242.');
  failure(t, () => h.resolve(ref('tachiSongID', 'AA'), { playtype: 'SP' }), 'InvalidDatapoint', 'Invalid songID - must be a stringified positive integer. (Not an integer -- AA.)');
  failure(t, () => h.resolve(ref('tachiSongID', '488', null), { playtype: 'SP' }), 'InvalidDatapoint', "Missing 'difficulty' field, but was necessary for this lookup.");

  t.equal(h.resolve(ref('songTitle', 'aa'), { playtype: 'SP' }), AA_SPA, 'case-insensitive');
  t.equal(h.resolve(ref('songTitle', 'ピアノ協奏曲第1番"蠍火"'), { playtype: 'SP' }), SCORPION_SPA, 'an alt title');
  t.equal(h.resolve(ref('songTitle', '5.1.1.', 'ANOTHER', { artist: 'DJ NAGUREO' }), { playtype: 'SP' }), F511_SPA, 'with the artist');
  failure(t, () => h.resolve(ref('songTitle', '5.1.1.', 'ANOTHER', { artist: 'TAKA' }), { playtype: 'SP' }), 'SongOrChartNotFound', 'Cannot find song with title 5.1.1..');
  failure(t, () => h.resolve(ref('songTitle', 'GAMBOL'), { playtype: 'SP' }), 'SongOrChartNotFound', 'Cannot find song with title GAMBOL.');
  failure(t, () => h.resolve(ref('songTitle', '冥'), { playtype: 'SP' }), 'SongOrChartNotFound', 'Cannot find chart for 冥 (SP ANOTHER)', '冥 has a DP chart only');
  t.equal(h.resolve(ref('songTitle', '冥'), { playtype: 'DP' }).playtype, 'DP');

  for (const matchType of ['bmsChartHash', 'sdvxInGameID', 'inGameStrID', 'uscChartHash']) {
    failure(t, () => h.resolve(ref(matchType, '1000'), { playtype: 'DP' }), 'InvalidDatapoint',
      `Cannot use matchType ${matchType} for beatmania IIDX (DP). Expected any of inGameID, tachiSongID, songTitle.`);
  }
});

t.test('scoreIDs: userID, chartID, score and lamp, nothing else', async (t) => {
  const a = h.fromBatch({ score: 1000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '1000', difficulty: 'ANOTHER' }, { playtype: 'SP' });
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${F511_SPA.chartID}","lamp":"CLEAR","score":1000,"userID":1}`));
  const b = h.fromBatch({
    score: 1000, lamp: 'CLEAR', matchType: 'songTitle', identifier: '5.1.1.', difficulty: 'ANOTHER', timeAchieved: 1_700_000_000_000,
    judgements: { pgreat: 450, great: 100 }, optional: { bp: 3, gauge: 80, comboBreak: 2, fast: 1, slow: 2, maxCombo: 500 }, scoreMeta: { random: 'MIRROR' },
  }, { playtype: 'SP' });
  t.equal(b.scoreID, a.scoreID, 'judgements, optional metrics, timestamps and scoreMeta are not part of it');
  const dp = h.fromBatch({ score: 1000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '1000', difficulty: 'ANOTHER', scoreMeta: { random: ['RANDOM', 'MIRROR'] } }, { playtype: 'DP' });
  t.equal(dp.scoreID, tachiScoreID(`{"chartID":"${F511_DPA.chartID}","lamp":"CLEAR","score":1000,"userID":1}`), 'DP: its own chart');
  t.same(dp.score.scoreMeta, { random: ['RANDOM', 'MIRROR'] });
  t.equal(h.fromBatch({ score: 1000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '1000', difficulty: 'ANOTHER' }, { playtype: 'SP', userID: 2 }).scoreID,
    tachiScoreID(`{"chartID":"${F511_SPA.chartID}","lamp":"CLEAR","score":1000,"userID":2}`));
});

t.test('PB merges: best percent, then Best Lamp (with its gauge data), then Lowest BP', async (t) => {
  const best = h.hydrate(AA_SPA, { score: 3500, lamp: 'CLEAR', optional: { bp: 30, gauge: 82, comboBreak: 9 } }, { scoreID: 'best', timeAchieved: 1000 });
  const lamp = h.hydrate(AA_SPA, {
    score: 3000, lamp: 'EX HARD CLEAR', optional: { bp: 40, gauge: 64, gaugeHistory: [100, 90, 64], gsmEXHard: [100, 64], comboBreak: 12 },
  }, { scoreID: 'lamp', timeAchieved: 2000 });
  const bp = h.hydrate(AA_SPA, { score: 2500, lamp: 'FAILED', optional: { bp: 12 } }, { scoreID: 'bp', timeAchieved: 3000 });
  const nullBP = h.hydrate(AA_SPA, { score: 2400, lamp: 'FAILED', optional: { bp: null } }, { scoreID: 'nullBP', timeAchieved: 500 });
  const pb = buildPB(SP, AA_SPA, [nullBP, best, lamp, bp])!;
  t.same(pb.composedFrom, [
    { name: 'Best Score', scoreID: 'best' },
    { name: 'Best Lamp', scoreID: 'lamp' },
    { name: 'Lowest BP', scoreID: 'bp' },
  ]);
  t.same(pb.scoreData, {
    score: 3500,
    lamp: 'EX HARD CLEAR',
    percent: (100 * 3500) / 3668,
    grade: 'MAX-',
    judgements: {},
    optional: { bp: 12, gauge: 64, gaugeHistory: [100, 90, 64], gsmEXHard: [100, 64], comboBreak: 12, enumIndexes: {} },
    enumIndexes: { lamp: 6, grade: 8 },
  }, "the lamp's gauge, graphs and combo breaks come with it; absent gsm graphs stay absent");
  t.equal(pb.timeAchieved, 3000, 'the latest of the parts');
  t.equal(pb.calculatedData.ktLampRating, 13.2, 'recomputed from the merged lamp (EXHC)');
  t.equal(pb.calculatedData.BPI, PoyashiBPI.calculate(3500, 3204, 3650, 3668, 1.25945));

  // Tachi's "Should join best BP": a null BP is not a number and is never picked
  const only = buildPB(SP, AA_SPA, [nullBP])!;
  t.same(only.composedFrom, [{ name: 'Best Score', scoreID: 'nullBP' }]);
  t.same(only.scoreData.optional, { bp: null, enumIndexes: {} });

  // Tachi's "Should join best lamp": a FULL COMBO with 0 EX joins a better score
  const fc = h.hydrate(F511_DPA, { score: 0, lamp: 'FULL COMBO' }, { scoreID: 'bestLamp', validators: false });
  const base = h.hydrate(F511_DPA, { score: 786, lamp: 'HARD CLEAR' }, { scoreID: 'base' });
  const dpPB = buildPB(DP, F511_DPA, [base, fc])!;
  t.same(dpPB.composedFrom, [{ name: 'Best Score', scoreID: 'base' }, { name: 'Best Lamp', scoreID: 'bestLamp' }]);
  t.same([dpPB.scoreData.score, dpPB.scoreData.lamp, dpPB.scoreData.enumIndexes.lamp], [786, 'FULL COMBO', 7]);
});

t.test('BATCH-MANUAL scoreMeta: SP random is one option, DP random two (zod messages)', async (t) => {
  const file = (playtype: string, scoreMeta: unknown) => ({
    meta: { game: 'iidx', playtype, service: 'tests' },
    scores: [{ score: 1000, lamp: 'CLEAR', matchType: 'inGameID', identifier: '1000', difficulty: 'ANOTHER', scoreMeta }],
  });
  const ok = (playtype: string, scoreMeta: unknown) => t.doesNotThrow(() => parseBatchManual(file(playtype, scoreMeta)), `${playtype} ${JSON.stringify(scoreMeta)}`);
  const bad = (playtype: string, scoreMeta: unknown, issues: object[]) =>
    t.throws(() => parseBatchManual(file(playtype, scoreMeta)), { message: `Invalid BATCH-MANUAL: scores[0].scoreMeta | ${JSON.stringify(issues, null, 2)}.` });

  ok('SP', { random: 'S-RANDOM', assist: 'AUTO SCRATCH', range: 'LIFT SUD+', gauge: 'EX-HARD' });
  ok('DP', { random: ['RANDOM', 'MIRROR'], gauge: 'HARD' });
  ok('SP', {});
  const randoms = "'NONRAN' | 'MIRROR' | 'R-RANDOM' | 'RANDOM' | 'S-RANDOM'";
  bad('SP', { random: ['RANDOM', 'MIRROR'] }, [
    { expected: randoms, received: 'array', code: 'invalid_type', path: ['random'], message: `Expected ${randoms}, received array` },
  ]);
  bad('DP', { random: 'RANDOM' }, [{ code: 'invalid_type', expected: 'array', received: 'string', path: ['random'], message: 'Expected array, received string' }]);
  bad('DP', { random: ['RANDOM'] }, [
    { code: 'too_small', minimum: 2, inclusive: true, exact: false, type: 'array', path: ['random'], message: 'Array must contain at least 2 element(s)' },
  ]);
  bad('SP', { random: null }, [{ expected: randoms, received: 'null', code: 'invalid_type', path: ['random'], message: `Expected ${randoms}, received null` }]);
  bad('SP', { hiSpeed: 2 }, [{ code: 'unrecognized_keys', keys: ['hiSpeed'], path: [], message: "Unrecognized key(s) in object: 'hiSpeed'" }]);
});

t.test('dans: PROVIDED per playtype, never lowered by an import', async (t) => {
  const parsed = parseBatchManual({ meta: { game: 'iidx', playtype: 'DP', service: 'tests' }, scores: [], classes: { dan: 'DAN_8' } });
  t.same(parsed.classes, { DP: { dan: 'DAN_8' } });
  t.throws(() => parseBatchManual({ meta: { game: 'iidx', playtype: 'SP', service: 'tests' }, scores: [], classes: { dan: 'DAN_11' } }), {
    message: `Invalid BATCH-MANUAL: classes.dan | Expected any of ${IIDX_DANS.join(', ')}. | Received DAN_11 [type: string].`,
  });
  const up = computeClassUpdate(SP, 'iidx', 'SP', { dan: 'DAN_8' }, {}, { dan: 'KAIDEN' });
  t.same(up.deltas, [{ game: 'iidx', set: 'dan', playtype: 'SP', old: 'DAN_8', new: 'KAIDEN' }]);
  const down = computeClassUpdate(SP, 'iidx', 'SP', { dan: 'KAIDEN' }, {}, { dan: 'DAN_1' });
  t.same([down.deltas, down.classes], [[], { dan: 'KAIDEN' }]);
});
