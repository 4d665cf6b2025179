/**
 * ir/fervidex and ir/fervidex-static: Tachi's parser and converter tests (import-types/ir/fervidex,
 * ir/fervidex-static, its FervidexBaseScore and FervidexStaticBase) against the IIDX fixture seeds,
 * plus the class submission and the software models.
 */
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts, type GameData } from '../../src/charts/chart-index.ts';
import { ImportFatalError, ScoreFailure } from '../../src/errors.ts';
import type { ChartDocument } from '../../src/games/types.ts';
import { irFervidexStatic } from '../../src/import-types/ir/fervidex-static/index.ts';
import { irFervidex, readFervidexClass, softwareIDToVersion } from '../../src/import-types/ir/fervidex/index.ts';
import { splitFervidexChartRef, tachifyAssist, tachifyGauge, tachifyRandom, tachifyRange } from '../../src/import-types/ir/fervidex/convert.ts';
import type { FervidexContext, FervidexScore } from '../../src/import-types/ir/fervidex/parse.ts';
import type { ImportInput } from '../../src/import-types/types.ts';

const seed = (kind: string) => JSON.parse(readFileSync(new URL(`../fixtures/seeds/${kind}-iidx.json`, import.meta.url), 'utf8'));
const data: GameData = { songs: seed('songs'), charts: seed('charts') };
/** 5.1.1. SP ANOTHER (inGameID 1000; HEROIC VERSE and INFINITAS among its versions): Tachi's Testing511SPA */
const SPA_511 = 'c2311194e3897ddb5745b1760d2c0141f933e683';
const charts = new GameCharts(data);
const chart511 = charts.chart(SPA_511)!;
/** the same chart as a DP one and a 2dxtra one (Tachi's test clones the SPA the same way) */
const withExtra = (...extra: ChartDocument[]) => new GameCharts({ songs: data.songs, charts: [...data.charts, ...extra] });

const HV = 'LDJ:J:B:A:2020092900';
const input = (body: unknown, options: Record<string, string> = { model: HV }, submittedAt = 1_700_000_000_000): ImportInput => ({
  content: Buffer.from(JSON.stringify(body)),
  submittedAt,
  options,
});

// Tachi's FervidexBaseScore (test-utils/test-data.ts)
const base: FervidexScore = {
  bad: 0,
  chart: 'spa',
  clear_type: 1,
  combo_break: 6,
  custom: false,
  chart_sha256: 'asdfasdf',
  entry_id: 1000,
  ex_score: 68,
  fast: 0,
  gauge: [100, 50],
  ghost: [0, 2],
  good: 0,
  great: 0,
  max_combo: 34,
  option: { gauge: 'HARD', range: 'SUDDEN_PLUS', style: 'RANDOM' },
  pacemaker: { name: '', score: 363, type: 'PACEMAKER_A' },
  pgreat: 34,
  poor: 6,
  slow: 0,
};

const baseDryScore = {
  game: 'iidx',
  service: 'Fervidex',
  comment: null,
  importType: 'ir/fervidex',
  timeAchieved: 10,
  scoreData: {
    score: 68,
    lamp: 'FAILED',
    judgements: { pgreat: 34, great: 0, good: 0, bad: 0, poor: 6 },
    optional: { fast: 0, slow: 0, maxCombo: null, gaugeHistory: [100, 50], scoreHistory: [0, 2], gauge: 50, bp: 6, comboBreak: 6 },
  },
  scoreMeta: { assist: 'NO ASSIST', gauge: 'HARD', random: 'RANDOM', range: 'SUDDEN+' },
};

const ctx: FervidexContext = { game: 'iidx', version: '27', timeReceived: 10, userID: 1 };

function failure(t: Test, fn: () => unknown, type: string, message: string) {
  try {
    fn();
    t.fail(`expected ${type}: ${message}`);
  } catch (err) {
    t.ok(err instanceof ScoreFailure, message);
    t.same([(err as ScoreFailure).type, (err as Error).message], [type, message]);
  }
}

t.test('softwareIDToVersion (Tachi\'s #SoftwareIDToVersion, and the newer versions)', async (t) => {
  for (const bad of ['a', 'LDJ:J:B:Q:2020092900', 'LDJ:J:B:Q:2021091500', 'XDJ:J:B:A:2020092900', 'LDJ:J:B:A:2099092900']) {
    t.throws(() => softwareIDToVersion(bad), { message: `Unsupported Software Model ${bad}.` });
  }
  const cases: [string, string][] = [
    ['LDJ:J:B:A:2020092900', '27'],
    ['LDJ:J:B:X:2020092900', '27-omni'],
    ['LDJ:J:B:E:2020092900', '27-2dxtra'],
    ['LDJ:J:B:A:2021091500', '28'],
    ['LDJ:J:B:X:2021091500', '28-omni'],
    ['LDJ:J:B:E:2021091500', '28-2dxtra'],
    ['TDJ:J:B:A:2020092900', '27'],
    ['TDJ:J:B:X:2021091500', '28-omni'],
    ['P2D:J:B:A:2020092900', 'inf'],
    ['LDJ:J:B:A:2018091900', '25'],
    ['LDJ:J:B:X:2019100700', '26-omni'],
    ['LDJ:J:B:A:2022082400', '29'],
    ['LDJ:J:B:X:2023090500', '30-omni'],
    ['LDJ:J:B:E:2024082600', '31-2dxtra'],
    ['TDJ:J:B:A:2025082500', '32'],
  ];
  for (const [model, version] of cases) t.equal(softwareIDToVersion(model), version, model);
});

t.test('the lookups of fervidex\'s options (Tachi\'s #Tachify… tests)', async (t) => {
  t.same(['ASCR_LEGACY', 'AUTO_SCRATCH', 'FULL_ASSIST', 'LEGACY_NOTE', null, undefined].map((a) => tachifyAssist(a as never)), [
    'FULL ASSIST', 'AUTO SCRATCH', 'FULL ASSIST', 'LEGACY NOTE', 'NO ASSIST', 'NO ASSIST',
  ]);
  t.same(['ASSISTED_EASY', 'EASY', 'HARD', 'EX_HARD', 'EROSION_LV3', null].map((g) => tachifyGauge(g as never)), [
    'ASSISTED EASY', 'EASY', 'HARD', 'EX-HARD', 'NORMAL', 'NORMAL',
  ]);
  t.same(['HIDDEN_PLUS', 'LIFT', 'LIFT_SUD_PLUS', 'SUDDEN_PLUS', 'SUD_PLUS_HID_PLUS', undefined].map((r) => tachifyRange(r as never)), [
    'HIDDEN+', 'LIFT', 'LIFT SUD+', 'SUDDEN+', 'SUD+ HID+', 'NONE',
  ]);
  t.same(['MIRROR', 'R_RANDOM', 'S_RANDOM', 'RANDOM', null].map((s) => tachifyRandom(s as never)), ['MIRROR', 'R-RANDOM', 'S-RANDOM', 'RANDOM', 'NONRAN']);
  const split = ['spn', 'sph', 'spa', 'spl', 'dpn', 'dph', 'dpa', 'dpl'].map((c) => splitFervidexChartRef(c as never));
  t.same(split.map((s) => `${s.playtype} ${s.difficulty}`), [
    'SP NORMAL', 'SP HYPER', 'SP ANOTHER', 'SP LEGGENDARIA', 'DP NORMAL', 'DP HYPER', 'DP ANOTHER', 'DP LEGGENDARIA',
  ]);
  failure(t, () => splitFervidexChartRef('INVALID' as never), 'InternalError', 'An internal error has occured.');
});

t.test('parse: the score, the version of the model, the time it was received', async (t) => {
  const parsed = await irFervidex.parse(input(base, { model: HV, userID: '1' }));
  t.strictSame(parsed, {
    game: 'iidx',
    context: { game: 'iidx', version: '27', timeReceived: 1_700_000_000_000, userID: 1 },
    datapoints: [base],
    classes: null,
  });
  // excess keys are ignored (fervidex may add options)
  t.equal((await irFervidex.parse(input({ ...base, newThing: 1 }))).datapoints.length, 1);
  // BEGINNER: skipped, no error (Tachi's SkipScoreFailure)
  t.same((await irFervidex.parse(input({ ...base, chart: 'spb' }))).datapoints, []);
});

t.test('parse: bad bodies and models, Tachi\'s messages', async (t) => {
  const fails = async (body: unknown, message: string, options?: Record<string, string>) =>
    t.rejects(async () => irFervidex.parse(input(body, options)), new ImportFatalError(400, message), message);
  await fails({}, 'Invalid Fervidex Request?: chart | Expected any of spb, spn, dpn, sph, dph, spa, dpa, spl, dpl. | Received undefined [type: undefined].');
  await fails({ ...base, ex_score: -1 }, 'Invalid Fervidex Request?: ex_score | Expected a positive integer. | Received -1 [type: number].');
  await fails({ ...base, clear_type: 8 }, 'Invalid Fervidex Request?: clear_type | Expected an integer between 0 and 7. | Received 8 [type: number].');
  await fails({ ...base, gauge: [100, 256] }, 'Invalid Fervidex Request?: gauge[1] | Expected an integer between 0 and 255. | Received 256 [type: number].');
  await fails({ ...base, gauge: 5 }, 'Invalid Fervidex Request?: gauge | Value was not an array. | Received 5 [type: number].');
  await fails({ ...base, custom: 'yes' }, 'Invalid Fervidex Request?: custom | Expected *boolean or no value. | Received yes [type: string].');
  await fails({ ...base, option: { style: 'H_RANDOM' } }, 'Invalid Fervidex Request?: option.style | Expected any of RANDOM, R_RANDOM, S_RANDOM, MIRROR. | Received H_RANDOM [type: string].');
  await fails({ ...base, dead: { note: -1 } }, 'Invalid Fervidex Request?: dead.note | Expected a positive integer. | Received -1 [type: number].');
  await fails({ ...base, '2dx-gsm': { EASY: [1], NORMAL: [1], HARD: [1] } }, 'Invalid Fervidex Request?: ["2dx-gsm"].EX_HARD | Value was not an array. | Received undefined [type: undefined].');
  await fails({ ...base, highlight: 1 }, 'Invalid Fervidex Request?: highlight | Expected boolean. | Received 1 [type: number].');
  await fails(null, 'Invalid Fervidex Request?: null | Non-object provided for validation. | Received null [type: null].');
  await fails(base, 'Unsupported Software Model LDJ:J:B:A:2099092900.', { model: 'LDJ:J:B:A:2099092900' });
  await fails(base, 'Unsupported Software Model .', {});
  await t.rejects(async () => irFervidex.parse({ content: Buffer.from('{'), submittedAt: 0, options: { model: HV } }), new ImportFatalError(400, 'Invalid JSON body.'));
});

t.test('parse: the class submission (a cleared course provides the dan, no scores)', async (t) => {
  const cls = (body: unknown) => irFervidex.parse(input(body, { model: HV, submission: 'class' }));
  t.same(await cls({ cleared: true, course_id: 18, play_style: 0 }), {
    game: 'iidx',
    context: { game: 'iidx', version: '27', timeReceived: 1_700_000_000_000, userID: null },
    datapoints: [],
    classes: { SP: { dan: 'KAIDEN' } },
  });
  t.same((await cls({ cleared: true, course_id: 17, play_style: 1 })).classes, { DP: { dan: 'CHUUDEN' } });
  t.same((await cls({ cleared: true, course_id: 0, play_style: 0 })).classes, { SP: { dan: 'KYU_7' } });
  t.same((await cls({ cleared: false, course_id: 17, play_style: 1 })).classes, null);
  // Tachi's router messages (String() of the value)
  t.same(readFervidexClass({ cleared: true, course_id: null, play_style: 1 }), { ok: false, message: '[course_id] Expected an integer between 0 and 18. (Received null)' });
  t.same(readFervidexClass({ cleared: true, course_id: 20, play_style: 1 }), { ok: false, message: '[course_id] Expected an integer between 0 and 18. (Received 20)' });
  t.same(readFervidexClass({ cleared: true, course_id: -1, play_style: 1 }), { ok: false, message: '[course_id] Expected an integer between 0 and 18. (Received -1)' });
  t.same(readFervidexClass({ cleared: true, course_id: 16, play_style: null }), { ok: false, message: '[play_style] Expected any of 0, 1. (Received null)' });
  t.same(readFervidexClass({ course_id: 16, play_style: 0 }), { ok: false, message: '[cleared] Expected boolean. (Received undefined)' });
  await t.rejects(async () => cls({ cleared: true, course_id: 19, play_style: 0 }), new ImportFatalError(400, '[course_id] Expected an integer between 0 and 18. (Received 19)'));
});

t.test('convert: a fervidex score (Tachi\'s #ConverterIRFervidex)', async (t) => {
  const res = irFervidex.convert(base, ctx, charts);
  t.equal(res.chart, chart511);
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, baseDryScore);

  // DP: a random per side
  const dpa = { ...chart511, chartID: 'dp_test', playtype: 'DP' };
  const dp = irFervidex.convert({ ...base, chart: 'dpa', option: { ...base.option, style_2p: 'R_RANDOM' } }, ctx, withExtra(dpa));
  t.equal(dp.chart.chartID, 'dp_test', 'the fixture\'s own DP ANOTHER is not in HEROIC VERSE');
  t.same(dp.dryScore.scoreMeta.random, ['RANDOM', 'R-RANDOM']);

  // died early: no BP
  t.equal(irFervidex.convert({ ...base, dead: { measure: 1, note: 10 } }, ctx, charts).dryScore.scoreData.optional.bp, null);
  // gauge values over 200 are underflows: null; the last one is the gauge
  const under = irFervidex.convert({ ...base, gauge: [10, 5, 249, 248] }, ctx, charts).dryScore.scoreData.optional;
  t.strictSame([under.gaugeHistory, under.gauge], [[10, 5, null, null], null]);
  const empty = irFervidex.convert({ ...base, gauge: [] }, ctx, charts).dryScore.scoreData.optional;
  t.same([empty.gaugeHistory, 'gauge' in empty], [[], false], 'no gauge at all: left out (undefined, deleted)');
  // no options at all; 2dx-gsm graphs
  const bare = irFervidex.convert({ ...base, option: undefined, '2dx-gsm': { EASY: [0, 10], NORMAL: [0, 20], HARD: [20, 0], EX_HARD: [10, 0] } }, ctx, charts);
  t.same(bare.dryScore.scoreMeta, { assist: 'NO ASSIST', gauge: 'NORMAL', random: 'NONRAN', range: 'NONE' });
  t.same(bare.dryScore.scoreData.optional, { ...baseDryScore.scoreData.optional, gsmEasy: [0, 10], gsmNormal: [0, 20], gsmHard: [20, 0], gsmEXHard: [10, 0] });
  // every lamp
  t.same([0, 1, 2, 3, 4, 5, 6, 7].map((c) => irFervidex.convert({ ...base, clear_type: c as 0 }, ctx, charts).dryScore.scoreData.lamp), [
    'NO PLAY', 'FAILED', 'ASSIST CLEAR', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO',
  ]);
});

t.test('convert: failures', async (t) => {
  failure(t, () => irFervidex.convert({ ...base, chart: 'spl' }, ctx, charts), 'SongOrChartNotFound', 'Could not find chart with songID 1000 (SP LEGGENDARIA [27])');
  // SPH 1000 exists, but not in HEROIC VERSE
  failure(t, () => irFervidex.convert({ ...base, chart: 'sph' }, ctx, charts), 'SongOrChartNotFound', 'Could not find chart with songID 1000 (SP HYPER [27])');
  t.equal(irFervidex.convert({ ...base, chart: 'sph' }, { ...ctx, version: 'inf' }, charts).chart.chartID, 'e59909f2afe8bca64e9aec8e457193a446a25551');
  failure(t, () => irFervidex.convert({ ...base, gauge: [150] }, ctx, charts), 'InvalidDatapoint', 'Invalid value of gauge 150.');
  failure(t, () => irFervidex.convert({ ...base, custom: true, chart_sha256: '' }, ctx, charts), 'InvalidDatapoint', 'Score has no chart_sha256 but is a custom?');
  failure(t, () => irFervidex.convert(base, ctx, new GameCharts({ songs: [], charts: data.charts })), 'InternalError', 'An internal error has occured.');
  // Scripted Long: ANOTHER 21201 is now LEGGENDARIA 12250
  failure(t, () => irFervidex.convert({ ...base, entry_id: 21201 }, ctx, charts), 'SongOrChartNotFound', 'Could not find chart with songID 12250 (SP LEGGENDARIA [27])');
});

t.test('convert: 2dxtra charts by their hash, and never by in-game ID', async (t) => {
  const dxtra = { ...chart511, chartID: 'dxtra', data: { ...chart511.data, '2dxtraSet': 'Kichiku', hashSHA256: 'abcd' } };
  const only = new GameCharts({ songs: data.songs, charts: [dxtra] });
  t.equal(irFervidex.convert({ ...base, custom: true, chart_sha256: 'abcd' }, ctx, only).chart.chartID, 'dxtra');
  failure(t, () => irFervidex.convert(base, ctx, only), 'SongOrChartNotFound', 'Could not find chart with songID 1000 (SP ANOTHER [27])');
});

// Tachi's FervidexStaticBase
const staticBase = {
  name: 'AIXXE',
  qpro: { body: 189, face: 138, hair: 76, hand: 145, head: 0 },
  scores: {
    '1000': { spa: { clear_type: 4, ex_score: 1180, miss_count: 40 }, spn: { clear_type: 7, ex_score: 158, miss_count: 0 } },
    '1001': { dph: { clear_type: 3, ex_score: 15, miss_count: 1 } },
  },
  sp_dan: 15,
};

t.test('fervidex-static parse (Tachi\'s #ParseFervidexStatic)', async (t) => {
  const opts = (shouldImportScores: boolean) => ({ model: HV, shouldImportScores: String(shouldImportScores) });
  const parsed = await irFervidexStatic.parse(input(staticBase, opts(true)));
  t.strictSame(parsed, {
    game: 'iidx',
    context: { game: 'iidx', version: '27' },
    datapoints: [
      { song_id: 1000, chart: 'spa', clear_type: 4, ex_score: 1180, miss_count: 40 },
      { song_id: 1000, chart: 'spn', clear_type: 7, ex_score: 158, miss_count: 0 },
      { song_id: 1001, chart: 'dph', clear_type: 3, ex_score: 15, miss_count: 1 },
    ],
    classes: { SP: { dan: 'DAN_9' } },
  });
  const dansOnly = await irFervidexStatic.parse(input(staticBase, opts(false)));
  t.same([dansOnly.datapoints, dansOnly.classes], [[], { SP: { dan: 'DAN_9' } }], 'only the dans unless scores are imported');
  t.same((await irFervidexStatic.parse(input({ dp_dan: 18 }, opts(false)))).classes, { DP: { dan: 'KAIDEN' } });
  t.same((await irFervidexStatic.parse(input({ sp_dan: 15, dp_dan: 18 }, opts(false)))).classes, { SP: { dan: 'DAN_9' }, DP: { dan: 'KAIDEN' } }, 'both playtypes\' dans');
  t.same((await irFervidexStatic.parse(input({ sp_dan: 19, dp_dan: 1.5 }, opts(false)))).classes, null, 'no such dan: no class');
  t.same((await irFervidexStatic.parse(input({ scores: { '1000': { spb: { clear_type: 1, ex_score: 1 } } } }, opts(true)))).datapoints, [], 'BEGINNER skipped');
  t.same((await irFervidexStatic.parse(input({ scores: { '1000': { spa: { clear_type: 1, ex_score: 1 } } } }, opts(true)))).datapoints[0].miss_count, null);

  const fails = async (body: unknown, message: string) => t.rejects(async () => irFervidexStatic.parse(input(body, opts(true))), new ImportFatalError(400, message), message);
  await fails({}, 'Invalid body.scores.');
  await fails({ scores: { nonsenseKey: {} } }, 'Invalid songID nonsenseKey. (Not an integer -- nonsenseKey.)');
  await fails({ scores: { '1000': null } }, 'Invalid score with songID 1000.');
  await fails({ scores: { '1000': { spn: null } } }, 'Invalid score with songID 1000 at chart spn.');
  await fails({ scores: { '1000': { spn: 'foo' } } }, 'Invalid score with songID 1000 at chart spn.');
  await fails({ scores: { '1000': { spx: { ex_score: 1000, miss_count: null, clear_type: 0 } } } }, 'Invalid chart spx.');
  await fails(
    { scores: { '1000': { spn: { ex_score: -1, miss_count: null, clear_type: 0 } } } },
    'Invalid Score with songID 1000 at chart spn: ex_score | Expected a positive integer. | Received -1 [type: number].',
  );
  await fails(
    { scores: { '1000': { spn: { ex_score: 1000, miss_count: 'foo', clear_type: 0 } } } },
    'Invalid Score with songID 1000 at chart spn: miss_count | The input was invalid, but no error message is available. | Received foo [type: string].',
  );
  await fails(
    { scores: { '1000': { spn: { ex_score: 1000, miss_count: null, clear_type: -1 } } } },
    'Invalid Score with songID 1000 at chart spn: clear_type | Expected an integer between 0 and 7. | Received -1 [type: number].',
  );
  await fails(
    { scores: { '1000': { spn: { ex_score: 1, clear_type: 0, extra: true } } } },
    'Invalid Score with songID 1000 at chart spn: null | Unexpected properties inside object: extra.',
  );
});

t.test('fervidex-static convert (Tachi\'s #ConverterIRFervidexStatic)', async (t) => {
  const res = irFervidexStatic.convert({ song_id: 1000, chart: 'spa', clear_type: 4, ex_score: 1180, miss_count: 40 }, { game: 'iidx', version: 'inf' }, charts);
  t.equal(res.chart.chartID, SPA_511);
  t.strictSame(res.dryScore, {
    game: 'iidx',
    service: 'Fervidex Static',
    comment: null,
    importType: 'ir/fervidex-static',
    timeAchieved: null,
    scoreData: { score: 1180, lamp: 'CLEAR', judgements: {}, optional: { bp: 40 } },
    scoreMeta: {},
  });
  t.same(irFervidexStatic.convert({ song_id: 1000, chart: 'spa', clear_type: 4, ex_score: 1, miss_count: -1 }, { game: 'iidx', version: 'inf' }, charts).dryScore.scoreData.optional, { bp: null });
  failure(
    t,
    () => irFervidexStatic.convert({ song_id: 1000, chart: 'spn', clear_type: 7, ex_score: 158, miss_count: 0 }, { game: 'iidx', version: 'inf' }, charts),
    'SongOrChartNotFound',
    'Could not find chart with songID 1000 (SP NORMAL Version inf)',
  );
});
