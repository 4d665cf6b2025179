/**
 * BMS (7K, 14K) rules against the fixture seeds (test/fixtures/seeds/*-bms.json): percent and grade
 * from the notecount and the EX-score check (Tachi's bms-pms.test.ts vectors), the PGreat check
 * (through hydrateScore), sieglinde from the chart's sglEC/sglHC (Tachi's vectors), session and
 * profile ratings, bmsChartHash (MD5 or SHA-256) and tachiSongID with 7K and 14K kept apart,
 * scoreIDs, PB merges, scoreMeta per playtype and the PROVIDED dan sets of each playtype.
 */
import t from 'tap';
import type { ScoreData } from '../../src/documents.ts';
import { bms } from '../../src/games/bms/index.ts';
import { BMS_DP_SL_DANS, BMS_GENOCIDE_DANS, BMS_LN_DANS, BMS_NEW_GENERATION_DANS, BMS_SCRATCH_DANS, BMS_STSL_DANS } from '../../src/games/bms/config.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, computeClassUpdate, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, fixtureData, harness, tachiScoreID, withData } from './helpers.ts';

const h = harness(bms, { data: fixtureData('bms') });
const K7 = h.definitionOf('7K');
const K14 = h.definitionOf('14K');

/** song 27339 "gazer [MANIAQ]" 7K: Tachi's BMSGazerChart (2256 notes, ★17, no sieglinde) */
const GAZER = h.chart('88eb6cc5683e2740cbd07f588a5f3db1db8d467b');
const GAZER_MD5 = '38616b85332037cc12924f2ae2840262';
const GAZER_SHA256 = '195fe1be5c3e74fccd04dc426e05f8a9cfa8a1059c339d0a23e99f63661f0b7d';
/** song 30001 "Quon [INSANE]" 7K: 1742 notes, ★5, sglEC 17.31, sglHC 18.02 */
const QUON = h.chart('31ae72f698503dd254310df30baafa9acd9e81e8');
/** song 30002 7K: 1388 notes, ☆12, sglEC 12.45, sglHC 12.9 */
const KISS = h.chart('bc678ad109ddcd5a0f98681dd91e0e3a2a5295dd');
/** song 30003 "Double Helix [DP ANOTHER]" 14K: 2315 notes, δ9, no sieglinde (Tachi rates no DP table) */
const HELIX = h.chart('5c532353d1fa9f9f535b157a510bf812d76a8655');

const sd = (score: number, lamp: string) => ({ score, lamp, judgements: {}, optional: {} }) as unknown as ScoreData;

t.test('the fixture charts are what these tests assume', async (t) => {
  t.same([GAZER.playtype, GAZER.difficulty, GAZER.data.notecount, GAZER.data.hashMD5, GAZER.data.hashSHA256], ['7K', 'CHART', 2256, GAZER_MD5, GAZER_SHA256]);
  t.same([GAZER.data.sglEC, GAZER.data.sglHC], [null, null]);
  t.same([QUON.data.notecount, QUON.data.sglEC, QUON.data.sglHC], [1742, 17.31, 18.02]);
  t.same([KISS.data.notecount, KISS.data.sglEC, KISS.data.sglHC], [1388, 12.45, 12.9]);
  t.same([HELIX.playtype, HELIX.data.notecount, HELIX.data.sglEC], ['14K', 2315, null]);
  t.same([h.charts.songs.length, h.charts.charts.length], [4, 4]);
});

t.test('config: Tachi\'s metrics, the CHART difficulty, match types; 14K has two class sets and a random per side', async (t) => {
  for (const { config } of [K7, K14]) {
    t.same(Object.keys(config.providedMetrics), ['score', 'lamp']);
    t.same(Object.keys(config.derivedMetrics), ['grade', 'percent'], 'grade before percent (validation order)');
    t.same(Object.keys(config.optionalMetrics), [
      'fast', 'slow', 'maxCombo', 'bp', 'gauge', 'gaugeHistory', 'gaugeHistoryEasy', 'gaugeHistoryGroove', 'gaugeHistoryHard',
      'epg', 'egr', 'egd', 'ebd', 'epr', 'lpg', 'lgr', 'lgd', 'lbd', 'lpr',
    ]);
    t.same(config.difficulties, { type: 'FIXED', order: ['CHART'], default: 'CHART' });
    t.same(config.supportedMatchTypes, ['bmsChartHash', 'tachiSongID']);
    t.same(config.orderedJudgements, ['pgreat', 'great', 'good', 'bad', 'poor']);
    t.same(config.versions, []);
    t.same([config.defaultMetric, config.defaultScoreRatingAlg, config.defaultProfileRatingAlg], ['percent', 'sieglinde', 'sieglinde']);
  }
  t.same(K7.config.classes, {
    genocideDan: { type: 'PROVIDED', values: BMS_GENOCIDE_DANS },
    stslDan: { type: 'PROVIDED', values: BMS_STSL_DANS },
    newGenerationDan: { type: 'PROVIDED', values: BMS_NEW_GENERATION_DANS },
    lnDan: { type: 'PROVIDED', values: BMS_LN_DANS },
    scratchDan: { type: 'PROVIDED', values: BMS_SCRATCH_DANS },
  });
  t.same(K14.config.classes, { genocideDan: { type: 'PROVIDED', values: BMS_GENOCIDE_DANS }, stslDan: { type: 'PROVIDED', values: BMS_DP_SL_DANS } });
  t.same([BMS_GENOCIDE_DANS.length, BMS_STSL_DANS.length, BMS_NEW_GENERATION_DANS.length, BMS_LN_DANS.length, BMS_SCRATCH_DANS.length, BMS_DP_SL_DANS.length], [22, 26, 22, 13, 18, 13]);
  t.same([BMS_STSL_DANS[12], BMS_STSL_DANS[13], BMS_GENOCIDE_DANS[21], BMS_LN_DANS[12]], ['SL12', 'ST0', 'OVERJOY', 'UDON']);
  t.same(K7.config.scoreMeta.random, { type: 'enum', values: ['MIRROR', 'NONRAN', 'R-RANDOM', 'RANDOM', 'S-RANDOM'], nullable: true });
  t.same(K14.config.scoreMeta.random, { type: 'tuple', values: ['MIRROR', 'NONRAN', 'R-RANDOM', 'RANDOM', 'S-RANDOM'], length: 2, nullable: true });
});

t.test('percent and grade derivers (Tachi\'s vectors on a 2256-note chart)', async (t) => {
  const max = 2256 * 2;
  for (const def of [K7, K14]) {
    const percent = (score: number) => def.rules.derivers.percent({ score, lamp: 'CLEAR', judgements: {}, optional: {} }, GAZER);
    t.equal(percent(1000), (100 * 1000) / max);
    t.equal(percent(0), 0);
    t.equal(percent(max), 100);
    const grade = (p: number) => def.rules.derivers.grade({ score: (p / 100) * max, lamp: 'CLEAR', judgements: {}, optional: {} }, GAZER);
    const cases: [number, string][] = [
      [0, 'F'], [22.23, 'E'], [33.34, 'D'], [44.45, 'C'], [55.56, 'B'], [66.67, 'A'], [77.78, 'AA'], [88.89, 'AAA'], [94.45, 'MAX-'], [100, 'MAX'],
      [11.11, 'F'], [22.22, 'F'], [33.33, 'E'], [44.44, 'D'], [55.55, 'C'], [66.66, 'B'], [77.77, 'A'], [88.88, 'AA'], [94.44, 'AAA'], [99.99, 'MAX-'],
    ];
    for (const [p, g] of cases) t.equal(grade(p), g, `${p}% → ${g}`);
  }
});

t.test('EX score chart validator (Tachi\'s snapshot messages) and the other validators through hydrateScore', async (t) => {
  for (const def of [K7, K14]) {
    t.equal(def.rules.chartValidators.score(1000, GAZER), true);
    t.equal(def.rules.chartValidators.score(0, GAZER), true);
    t.equal(def.rules.chartValidators.score(4512, GAZER), true);
    t.equal(def.rules.chartValidators.score(-1, GAZER), 'EX Score cannot be negative.');
    t.equal(def.rules.chartValidators.score(4513, GAZER), 'EX Score cannot be greater than 4512 for this chart.');
  }
  // grade is validated before percent for BMS
  failure(t, () => h.hydrate(GAZER, { score: 4513, lamp: 'CLEAR' }), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for score, EX Score cannot be greater than 4512 for this chart. Got 4513.\n' +
      `Invalid value for percent, Expected a number between 0 and 100. Got ${(100 * 4513) / 4512}.`);
  failure(t, () => h.hydrate(HELIX, { score: 3000, lamp: 'HARD CLEAR', judgements: { pgreat: 1400, great: 100 } }), 'InvalidDatapoint',
    "Got 1 error when validating score:\nExpected PGreat*2 + Great to equal EX score. Got 1400*2 + 100 but that wasn't equal to the EX score of 3000.");
  t.ok(h.hydrate(HELIX, { score: 3000, lamp: 'HARD CLEAR', judgements: { pgreat: 1400, great: 200, good: 10, bad: 3, poor: 8 } }));
  failure(t, () => h.hydrate(QUON, { score: 3000, lamp: 'CLEAR', optional: { epg: -1, gaugeHistoryGroove: [80, 100.1], gaugeHistory: null } }), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for metric gaugeHistoryGroove, Expected a number between 0 and 100., got 100.1.\n' +
      'Invalid value for epg, Expected a positive number. Got -1.');
});

t.test('sieglinde: Tachi\'s vectors (HC and up: max(sglHC, sglEC); EC/NC: sglEC; else 0)', async (t) => {
  for (const def of [K7, K14]) {
    const f = (lamp: string, data: Record<string, unknown>, expected: number, msg: string) =>
      t.equal(def.rules.scoreRatings.sieglinde(sd(3570, lamp), withData(GAZER, data)), expected, msg);
    for (const lamp of ['NO PLAY', 'FAILED', 'ASSIST CLEAR', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO']) {
      f(lamp, {}, 0, `null sieglinde: ${lamp} is worth 0`);
    }
    const both = { sglEC: 10, sglHC: 11 };
    f('FAILED', both, 0, 'fails are worth 0');
    f('ASSIST CLEAR', both, 0, 'AC is worth 0');
    f('EASY CLEAR', both, 10, 'EC → sglEC');
    f('CLEAR', both, 10, 'NC → sglEC');
    f('HARD CLEAR', both, 11, 'HC → sglHC');
    f('EX HARD CLEAR', both, 11, 'EXHC → sglHC');
    f('FULL COMBO', both, 11, 'FC → sglHC');
    for (const lamp of ['HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO']) f(lamp, { sglEC: 10, sglHC: undefined }, 10, `${lamp} falls back to sglEC`);
    f('HARD CLEAR', { sglEC: 10, sglHC: 9 }, 10, 'an HC value below the EC value counts as the EC value');
  }
  const r = (chart: typeof QUON, lamp: string) => K7.rules.scoreRatings.sieglinde(sd(0, lamp), chart);
  t.same(['ASSIST CLEAR', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'FULL COMBO'].map((l) => r(QUON, l)), [0, 17.31, 17.31, 18.02, 18.02]);
  t.same(['CLEAR', 'HARD CLEAR'].map((l) => r(KISS, l)), [12.45, 12.9]);
  t.same(['CLEAR', 'FULL COMBO'].map((l) => K14.rules.scoreRatings.sieglinde(sd(0, l), HELIX)), [0, 0]);
});

t.test('a hydrated score', async (t) => {
  const s = h.hydrate(QUON, { score: 3000, lamp: 'HARD CLEAR', judgements: { pgreat: 1300, great: 400 }, optional: { bp: 50, gauge: 34.5 } });
  t.same(s.scoreData, {
    score: 3000,
    lamp: 'HARD CLEAR',
    grade: 'AA',
    percent: (100 * 3000) / 3484,
    judgements: { pgreat: 1300, great: 400 },
    optional: { bp: 50, gauge: 34.5, enumIndexes: {} },
    enumIndexes: { lamp: 5, grade: 6 },
  }, '3000 / 3484 = 86.1% (AA: 77.8–88.9)');
  t.same(s.calculatedData, { sieglinde: 18.02 });
});

t.test('session and profile ratings: sieglinde, mean of the best 10 / the best 20 ÷ 20', async (t) => {
  const scores = [17.31, 18.02, 12.45, 12.9, 0, 0, 13.5, 14, 15, 16].map((v) => ({ calculatedData: { sieglinde: v } }));
  t.same(sessionRatings(K7, scores.slice(0, 9)), { sieglinde: null }, 'fewer than 10');
  t.same(sessionRatings(K7, [...scores, { calculatedData: { sieglinde: 20 } }]), { sieglinde: (20 + 18.02 + 17.31 + 16 + 15 + 14 + 13.5 + 12.9 + 12.45 + 0) / 10 });
  const pbs = [18.02, 12.45, 0].map((v) => h.pbWith({ sieglinde: v }, { playtype: '7K' }));
  t.same(profileRatings(K7, pbs, h.charts), { sieglinde: (18.02 + 12.45 + 0) / 20 });
  t.same(profileRatings(K14, [], h.charts), { sieglinde: null });
  t.same(K7.rules.classDerivers, {}, 'no derived classes');
});

t.test('match types: bmsChartHash (MD5 or SHA-256) and tachiSongID; 7K and 14K apart', async (t) => {
  const ref = (matchType: string, identifier: string, difficulty: string | null = null) => ({ score: 100, lamp: 'CLEAR', matchType, identifier, difficulty });
  t.equal(h.resolve(ref('bmsChartHash', GAZER_MD5), { playtype: '7K' }), GAZER, 'MD5');
  t.equal(h.resolve(ref('bmsChartHash', GAZER_SHA256), { playtype: '7K' }), GAZER, 'SHA-256');
  t.equal(h.resolve(ref('bmsChartHash', HELIX.data.hashMD5 as string), { playtype: '14K' }), HELIX);
  failure(t, () => h.resolve(ref('bmsChartHash', HELIX.data.hashSHA256 as string), { playtype: '7K' }), 'InvalidDatapoint',
    `Chart ${HELIX.chartID}'s playtype was 14K, but this was not equal to the import playtype of 7K.`);
  failure(t, () => h.resolve(ref('bmsChartHash', GAZER_MD5), { playtype: '14K' }), 'InvalidDatapoint',
    `Chart ${GAZER.chartID}'s playtype was 7K, but this was not equal to the import playtype of 14K.`);
  failure(t, () => h.resolve(ref('bmsChartHash', GAZER_MD5.toUpperCase()), { playtype: '7K' }), 'SongOrChartNotFound', `Cannot find chart for hash ${GAZER_MD5.toUpperCase()}.`);
  failure(t, () => h.resolve(ref('bmsChartHash', 'd1253dd56bb2087d0b0d474f0d562aae'), { playtype: '7K' }), 'SongOrChartNotFound',
    'Cannot find chart for hash d1253dd56bb2087d0b0d474f0d562aae.', 'a PMS chart\'s hash is not a BMS chart');

  t.equal(h.resolve(ref('tachiSongID', '30001', 'CHART'), { playtype: '7K' }), QUON);
  t.equal(h.resolve(ref('tachiSongID', '30003', 'CHART'), { playtype: '14K' }), HELIX);
  failure(t, () => h.resolve(ref('tachiSongID', '30003', 'CHART'), { playtype: '7K' }), 'SongOrChartNotFound', 'Cannot find chart for Double Helix [DP ANOTHER] (7K CHART)');
  failure(t, () => h.resolve(ref('tachiSongID', '1', 'CHART'), { playtype: '7K' }), 'SongOrChartNotFound', 'Cannot find song with songID 1.');
  failure(t, () => h.resolve(ref('tachiSongID', '30001', 'ANOTHER'), { playtype: '7K' }), 'InvalidDatapoint', 'Invalid Difficulty for bms 7K - Expected any of CHART (Got ANOTHER)');
  failure(t, () => h.resolve(ref('tachiSongID', '30001'), { playtype: '7K' }), 'InvalidDatapoint', "Missing 'difficulty' field, but was necessary for this lookup.");
  for (const matchType of ['songTitle', 'inGameID', 'uscChartHash', 'popnChartHash']) {
    failure(t, () => h.resolve(ref(matchType, 'x', 'CHART'), { playtype: '14K' }), 'InvalidDatapoint',
      `Cannot use matchType ${matchType} for BMS (14K). Expected any of bmsChartHash, tachiSongID.`);
  }
});

t.test('scoreIDs: userID, chartID, score and lamp; MD5, SHA-256 and tachiSongID give the same one', async (t) => {
  const id = tachiScoreID(`{"chartID":"${GAZER.chartID}","lamp":"HARD CLEAR","score":3570,"userID":1}`);
  const base = { score: 3570, lamp: 'HARD CLEAR' };
  t.equal(h.fromBatch({ ...base, matchType: 'bmsChartHash', identifier: GAZER_MD5 }, { playtype: '7K' }).scoreID, id);
  t.equal(h.fromBatch({ ...base, matchType: 'bmsChartHash', identifier: GAZER_SHA256, optional: { bp: 4, epg: 1000 }, judgements: { pgreat: 1600, great: 370 } }, { playtype: '7K' }).scoreID, id);
  t.equal(h.fromBatch({ ...base, matchType: 'tachiSongID', identifier: '27339', difficulty: 'CHART', scoreMeta: { random: 'S-RANDOM', client: 'LR2' } }, { playtype: '7K' }).scoreID, id);
});

t.test('PB merges: Best Score, Best Lamp (with its gauge histories), Lowest BP (Tachi\'s vectors)', async (t) => {
  const mk = (scoreID: string, score: number, lamp: string, optional: Record<string, unknown> = {}, timeAchieved = 1000) =>
    h.hydrate(GAZER, { score, lamp, optional }, { scoreID, timeAchieved, validators: false });
  const base = mk('base', 3570, 'CLEAR', { bp: 30, gauge: 80, gaugeHistoryGroove: [20, 80] });
  const bestLamp = mk('bestLamp', 0, 'FULL COMBO', { gauge: 100, gaugeHistory: [100], gaugeHistoryHard: [100, 100] }, 2000);
  const whateverBP = mk('whateverBP', 3570, 'CLEAR', { bp: 100 });
  const lowestBP = mk('lowestBP', 3570, 'CLEAR', { bp: 1 }, 500);
  const pb = buildPB(K7, GAZER, [base, bestLamp, whateverBP, lowestBP])!;
  t.same(pb.composedFrom, [
    { name: 'Best Score', scoreID: 'base' },
    { name: 'Best Lamp', scoreID: 'bestLamp' },
    { name: 'Lowest BP', scoreID: 'lowestBP' },
  ]);
  t.same(pb.scoreData, {
    score: 3570,
    lamp: 'FULL COMBO',
    grade: 'AA',
    percent: (100 * 3570) / 4512,
    judgements: {},
    optional: { bp: 1, gauge: 100, gaugeHistory: [100], gaugeHistoryHard: [100, 100], enumIndexes: {} },
    enumIndexes: { lamp: 7, grade: 6 },
  }, "the lamp's gauge and histories replace the base's (its Groove history goes: the FC play had none)");
  t.equal(pb.timeAchieved, 2000);
  t.same(pb.calculatedData, { sieglinde: 0 });

  const k14 = buildPB(K14, HELIX, [h.hydrate(HELIX, { score: 4000, lamp: 'EASY CLEAR' }, { scoreID: 'a' }), h.hydrate(HELIX, { score: 3900, lamp: 'HARD CLEAR' }, { scoreID: 'b' })])!;
  t.same(k14.composedFrom, [{ name: 'Best Score', scoreID: 'a' }, { name: 'Best Lamp', scoreID: 'b' }]);
});

t.test('BATCH-MANUAL scoreMeta: nullable fields; 14K random is one option per side', async (t) => {
  const file = (playtype: string, scoreMeta: unknown) => ({
    meta: { game: 'bms', playtype, service: 'tests' },
    scores: [{ score: 100, lamp: 'CLEAR', matchType: 'bmsChartHash', identifier: GAZER_MD5, scoreMeta }],
  });
  const ok = (playtype: string, scoreMeta: unknown) => t.doesNotThrow(() => parseBatchManual(file(playtype, scoreMeta)), `${playtype} ${JSON.stringify(scoreMeta)}`);
  const bad = (playtype: string, scoreMeta: unknown, issues: object[]) =>
    t.throws(() => parseBatchManual(file(playtype, scoreMeta)), { message: `Invalid BATCH-MANUAL: scores[0].scoreMeta | ${JSON.stringify(issues, null, 2)}.` });
  ok('7K', { random: 'RANDOM', inputDevice: 'KEYBOARD', client: 'lr2oraja', gauge: 'EX-HARD' });
  ok('7K', { random: null, inputDevice: null, client: null, gauge: null });
  ok('14K', { random: ['MIRROR', 'S-RANDOM'], inputDevice: 'BM_CONTROLLER' });
  ok('14K', { random: null });
  bad('7K', { client: 'beatoraja' }, [
    { received: 'beatoraja', code: 'invalid_enum_value', options: ['lr2oraja', 'LR2'], path: ['client'], message: "Invalid enum value. Expected 'lr2oraja' | 'LR2', received 'beatoraja'" },
  ]);
  bad('14K', { random: ['MIRROR', 'S-RANDOM', 'RANDOM'] }, [
    { code: 'too_big', maximum: 2, inclusive: true, exact: false, type: 'array', path: ['random'], message: 'Array must contain at most 2 element(s)' },
  ]);
  bad('14K', { random: ['MIRROR', 'HRAN'] }, [
    {
      received: 'HRAN', code: 'invalid_enum_value', options: ['MIRROR', 'NONRAN', 'R-RANDOM', 'RANDOM', 'S-RANDOM'], path: ['random', 1],
      message: "Invalid enum value. Expected 'MIRROR' | 'NONRAN' | 'R-RANDOM' | 'RANDOM' | 'S-RANDOM', received 'HRAN'",
    },
  ]);
});

t.test('dans: 7K\'s five PROVIDED sets, 14K\'s two; never lowered', async (t) => {
  const doc = (playtype: string, classes: object) => ({ meta: { game: 'bms', playtype, service: 'tests' }, scores: [], classes });
  t.same(parseBatchManual(doc('7K', { genocideDan: 'INSANE_KAIDEN', stslDan: 'ST3', newGenerationDan: 'INSANE_0', lnDan: 'UDON', scratchDan: 'KYU_1' })).classes, { '7K': { genocideDan: 'INSANE_KAIDEN', stslDan: 'ST3', newGenerationDan: 'INSANE_0', lnDan: 'UDON', scratchDan: 'KYU_1' } });
  t.same(parseBatchManual(doc('14K', { genocideDan: 'INSANE_2', stslDan: 'SL5' })).classes, { '14K': { genocideDan: 'INSANE_2', stslDan: 'SL5' } });
  t.throws(() => parseBatchManual(doc('14K', { lnDan: 'DAN_1' })), { message: 'Invalid BATCH-MANUAL: classes | Unexpected properties inside object: lnDan.' });
  t.throws(() => parseBatchManual(doc('14K', { stslDan: 'ST0' })), {
    message: `Invalid BATCH-MANUAL: classes.stslDan | Expected any of ${BMS_DP_SL_DANS.join(', ')}. | Received ST0 [type: string].`,
  });
  const up = computeClassUpdate(K7, 'bms', '7K', { genocideDan: 'INSANE_1' }, {}, { genocideDan: 'INSANE_3', lnDan: 'DAN_2' });
  t.same(up.deltas, [
    { game: 'bms', set: 'genocideDan', playtype: '7K', old: 'INSANE_1', new: 'INSANE_3' },
    { game: 'bms', set: 'lnDan', playtype: '7K', old: null, new: 'DAN_2' },
  ]);
  t.same(computeClassUpdate(K7, 'bms', '7K', { genocideDan: 'OVERJOY' }, {}, { genocideDan: 'NORMAL_1' }).deltas, []);
});
