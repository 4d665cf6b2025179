/**
 * ir/usc: Tachi's ParseIRUSC and ConverterIRUSC tests (its uscScore) against the USC fixture seeds:
 * lamps from score, misses and gauge type, note and gauge mods, modified hit windows and autoplay
 * refused, unknown charts orphaned; the chart document check of POST /scores.
 */
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { ImportFatalError, ScoreFailure } from '../../src/errors.ts';
import { checkUSCChart, irUSC } from '../../src/import-types/ir/usc/index.ts';
import type { USCClientScore, USCContext } from '../../src/import-types/ir/usc/parse.ts';
import type { ImportInput } from '../../src/import-types/types.ts';

const seed = (kind: string) => JSON.parse(readFileSync(new URL(`../fixtures/seeds/${kind}-usc.json`, import.meta.url), 'utf8'));
const charts = new GameCharts({ songs: seed('songs'), charts: seed('charts') });
/** .59 -BOOTH BOOST REMIX- EXH, one hash for both playtypes */
const HASH = '1df0e460a49017d96cf4c3bcc4fe9271dd60729a';

// Tachi's uscScore (test-utils/test-data.ts)
const SCORE: USCClientScore = {
  crit: 100, error: 5, near: 50, gauge: 0.8, early: 50, late: 20, combo: 5,
  options: { autoFlags: 0, gaugeOpt: 0, gaugeType: 1, mirror: true, random: false },
  score: 9_000_000, timestamp: 0, windows: { good: 150, perfect: 46, hold: 150, miss: 300, slam: 84 },
};
const CHART = { chartHash: HASH, artist: 'test_artist', title: 'test', level: 5, difficulty: 0, effector: 'test', illustrator: 'test', bpm: 'test' };
const input = (body: unknown, options: Record<string, string> = { chartHash: HASH, playtype: 'Controller' }): ImportInput => ({
  content: Buffer.from(JSON.stringify(body)),
  submittedAt: 1_700_000_000_000,
  options,
});
const ctx = (playtype: 'Controller' | 'Keyboard' = 'Controller', chartHash = HASH): USCContext => ({ game: 'usc', chartHash, playtype, timeReceived: 10 });

function failure(t: Test, fn: () => unknown, type: string, message: string) {
  try {
    fn();
    t.fail(`expected ${type}: ${message}`);
  } catch (err) {
    t.ok(err instanceof ScoreFailure, message);
    t.same([(err as ScoreFailure).type, (err as Error).message], [type, message]);
  }
}

t.test('parse: the score, with null for a missing early, late or combo', async (t) => {
  t.strictSame(await irUSC.parse(input({ chart: CHART, score: SCORE })), {
    game: 'usc',
    context: { game: 'usc', chartHash: HASH, playtype: 'Controller', timeReceived: 1_700_000_000_000 },
    datapoints: [SCORE],
    classes: null,
  });
  const { early: _e, late: _l, combo: _c, ...bare } = SCORE;
  t.match((await irUSC.parse(input({ score: bare }))).datapoints[0], { early: null, late: null, combo: null });
  const fails = async (body: unknown, message: string) => t.rejects(async () => irUSC.parse(input(body)), new ImportFatalError(400, message), message);
  await fails({}, 'Invalid USC Score.: null | Non-object provided for validation. | Received undefined [type: undefined].');
  await fails({ score: { ...SCORE, score: 10_000_001 } }, 'Invalid USC Score.: score | Expected an integer between 0 and 10000000. | Received 10000001 [type: number].');
  await fails({ score: { ...SCORE, gauge: 1.5 } }, 'Invalid USC Score.: gauge | Expected a number between 0 and 1. | Received 1.5 [type: number].');
  await fails({ score: { ...SCORE, options: { ...SCORE.options, gaugeType: 3 } } }, 'Invalid USC Score.: options.gaugeType | Expected any of 0, 1, 2. | Received 3 [type: number].');
  await fails({ score: { ...SCORE, windows: { ...SCORE.windows, slam: -1 } } }, 'Invalid USC Score.: windows.slam | Expected a positive number. | Received -1 [type: number].');
  await t.rejects(async () => irUSC.parse(input({ score: SCORE }, { chartHash: HASH, playtype: 'Single' })), new ImportFatalError(400, 'Invalid playtype. Expected Keyboard or Controller.'));
});

t.test('the chart document of POST /scores (Tachi\'s PR_USCIR_CHART_DOC)', async (t) => {
  t.equal(checkUSCChart({ chart: CHART }), null);
  t.equal(checkUSCChart({ chart: { ...CHART, level: 21 } }), 'Invalid chart.: level | Expected an integer between 1 and 20. | Received 21 [type: number].');
  t.equal(checkUSCChart({ chart: { ...CHART, chartHash: 1 } }), 'Invalid chart.: chartHash | Expected string. | Received 1 [type: number].');
  t.equal(checkUSCChart({}), 'Invalid chart.: null | Non-object provided for validation. | Received undefined [type: undefined].');
});

t.test('convert: Tachi\'s ConverterIRUSC', async (t) => {
  const res = irUSC.convert(SCORE, ctx(), charts);
  t.same([res.chart.chartID, res.chart.playtype, res.song.id], ['1ba3ffa6e44321029845701d8656f6105bbaeb76', 'Controller', 1]);
  t.strictSame(res.dryScore, {
    comment: null,
    game: 'usc',
    importType: 'ir/usc',
    timeAchieved: 10,
    service: 'USC-IR',
    scoreData: {
      score: 9_000_000,
      lamp: 'EXCESSIVE CLEAR',
      judgements: { critical: 100, near: 50, miss: 5 },
      optional: { gauge: 0.8, fast: 50, slow: 20, maxCombo: 5 },
    },
    scoreMeta: { gaugeMod: 'HARD', noteMod: 'MIRROR' },
  });
  t.equal(irUSC.convert(SCORE, ctx('Keyboard'), charts).chart.chartID, '4118844610cad6e35a44725319048eb2b1a5a8b9', 'the same hash, the Keyboard chart');

  const lamp = (over: Partial<USCClientScore>, options: Partial<USCClientScore['options']> = {}) =>
    irUSC.convert({ ...SCORE, ...over, options: { ...SCORE.options, ...options } }, ctx(), charts).dryScore.scoreData.lamp;
  t.same(
    [
      lamp({ score: 10_000_000 }),
      lamp({ error: 0 }),
      lamp({ gauge: 0.7 }, { gaugeType: 0 }),
      lamp({ gauge: 0.69 }, { gaugeType: 0 }),
      lamp({ gauge: 0 }, { gaugeType: 1 }),
      lamp({}, { gaugeType: 2 }),
    ],
    ['PERFECT ULTIMATE CHAIN', 'ULTIMATE CHAIN', 'CLEAR', 'FAILED', 'FAILED', 'FAILED'],
  );
  const mods = (mirror: boolean, random: boolean, gaugeType: 0 | 1 | 2) =>
    irUSC.convert({ ...SCORE, options: { ...SCORE.options, mirror, random, gaugeType } }, ctx(), charts).dryScore.scoreMeta;
  t.same([mods(true, true, 0), mods(false, true, 2), mods(false, false, 1)], [
    { gaugeMod: 'NORMAL', noteMod: 'MIR-RAN' },
    { gaugeMod: 'PERMISSIVE', noteMod: 'RANDOM' },
    { gaugeMod: 'HARD', noteMod: 'NORMAL' },
  ]);
  // a chart with two hashes
  t.equal(irUSC.convert(SCORE, ctx('Controller', '1cc5001518b828c842a9fbd8db861a8f86ed96d4'), charts).song.id, 2725);
});

t.test('convert: refusals and orphans', async (t) => {
  for (const key of ['perfect', 'good', 'hold', 'miss', 'slam'] as const) {
    failure(t, () => irUSC.convert({ ...SCORE, windows: { ...SCORE.windows, [key]: 1 } }, ctx(), charts), 'InvalidDatapoint', 'HitWindows have been modified - Score is invalid.');
  }
  failure(t, () => irUSC.convert({ ...SCORE, options: { ...SCORE.options, autoFlags: 1 } }, ctx(), charts), 'InvalidDatapoint', 'Autoplay was enabled - Score is invalid.');
  failure(t, () => irUSC.convert(SCORE, ctx('Controller', 'NEW_CHART'), charts), 'SongOrChartNotFound', 'Chart NEW_CHART is not on the IR.');
  // ADV of Absurd Gaff exists for Controller only
  failure(t, () => irUSC.convert(SCORE, ctx('Keyboard', '44f01d08dc4e604bce6821d0ffe7f133d102d5fd'), charts), 'SongOrChartNotFound', 'Chart 44f01d08dc4e604bce6821d0ffe7f133d102d5fd is not on the IR.');
});
