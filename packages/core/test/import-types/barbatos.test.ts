/** ir/barbatos: Tachi's parser and converter tests (import-types/ir/barbatos) against the bundled SDVX seeds. */
import t from 'tap';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import { irBarbatos as mod } from '../../src/import-types/ir/barbatos/index.ts';
import { fatal, scoreFailure } from './tachi-formats-helpers.ts';
import type { BarbatosContext, BarbatosScore, BarbatosSDVX6Score } from '../../src/import-types/ir/barbatos/parse.ts';

const charts = new GameCharts(loadBundledGame('sdvx'));
const input = (body: unknown, submittedAt = 1_700_000_000_000) => ({ content: Buffer.from(JSON.stringify(body)), submittedAt, options: {} });

// Tachi's MockBarbatosScore and MockBarbatosSDVX6Score (test-utils/test-data.ts)
const V: BarbatosScore = {
  clear_type: 2, did_fail: false, difficulty: 1, critical: 100, error: 5, near_total: 50, near_fast: 40, near_slow: 10,
  gauge_type: 1, is_skill_analyzer: false, level: 10, max_chain: 100, percent: 90, score: 9_000_000, song_id: 1,
};
const VI: BarbatosSDVX6Score = {
  clear_type: 2, difficulty: 1, level: 10, max_chain: 100, percent: 90, score: 9_000_000, song_id: 1,
  chip_s_crit: 4, chip_crit: 3, chip_near: 2, chip_error: 1, early_crit: 5, early_near: 6, early_error: 7, ex_score: 1234,
  gauge_type: 1, grade: 'whocares', late_crit: 8, late_near: 9, late_error: 10, long_crit: 11, long_error: 12, s_crit: 13,
  vol_crit: 14, vol_error: 15,
};

t.test('parse: the score, its version sniffed from ex_score, the time it was received', async (t) => {
  const v = await mod.parse(input(V));
  t.strictSame(v, { game: 'sdvx', context: { game: 'sdvx', timeReceived: 1_700_000_000_000, version: 'vivid' }, datapoints: [V], classes: null });
  const vi = await mod.parse(input(VI));
  t.equal(vi.context.version, 'exceed');
});

t.test('parse: invalid bodies, Tachi\'s messages', async (t) => {
  const fails = (body: unknown, message: string) => fatal(t, () => mod.parse(input(body)), 400, message);
  await fails({}, 'Invalid Barbatos Request: difficulty | Expected any of 0, 1, 2, 3, 4. | Received undefined [type: undefined].');
  await fails({ ...V, difficulty: 5 }, 'Invalid Barbatos Request: difficulty | Expected any of 0, 1, 2, 3, 4. | Received 5 [type: number].');
  await fails({ ...V, level: 21 }, 'Invalid Barbatos Request: level | Expected an integer between 1 and 20. | Received 21 [type: number].');
  await fails({ ...V, score: 10_000_001 }, 'Invalid Barbatos Request: score | Expected an integer between 0 and 10000000. | Received 10000001 [type: number].');
  await fails({ ...V, percent: 101 }, 'Invalid Barbatos Request: percent | Expected a number between 0 and 100. | Received 101 [type: number].');
  await fails({ ...V, did_fail: 'no' }, 'Invalid Barbatos Request: did_fail | Expected boolean. | Received no [type: string].');
  await fails({ ...V, extra: 1 }, 'Invalid Barbatos Request: null | Unexpected properties inside object: extra..');
  await fails({ ...VI, early_crit: 1.5 }, 'Invalid Barbatos Request: early_crit | Expected an integer. | Received 1.5 [type: number].');
  await fails({ ...VI, grade: { anything: true }, s_crit: null }, 'Invalid Barbatos Request: s_crit | Expected an integer. | Received null [type: null].');
  await fails([V], 'Invalid Barbatos Request: difficulty | Expected any of 0, 1, 2, 3, 4. | Received undefined [type: undefined].');
  await fails(5, 'Invalid Barbatos Request: null | Non-object provided for validation. | Received 5 [type: number].');
  await fatal(t, () => mod.parse({ content: Buffer.from('{'), submittedAt: 0, options: {} }), 400, 'Invalid JSON body.');
});

const ctx = (version: 'vivid' | 'exceed'): BarbatosContext => ({ game: 'sdvx', timeReceived: 10, version });

t.test('convert: an SDVX V score (Tachi\'s test)', async (t) => {
  const res = mod.convert(V, ctx('vivid'), charts);
  t.equal(res.chart.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, {
    game: 'sdvx',
    service: 'Barbatos (vivid)',
    importType: 'ir/barbatos',
    comment: null,
    timeAchieved: 10,
    scoreData: {
      score: 9_000_000,
      lamp: 'CLEAR',
      judgements: { critical: 100, near: 50, miss: 5 },
      optional: { fast: 40, slow: 10, gauge: 90, maxCombo: 100, exScore: null },
    },
    scoreMeta: { inSkillAnalyser: false },
  });
});

t.test('convert: an SDVX VI score (Tachi\'s test)', async (t) => {
  const res = mod.convert(VI, ctx('exceed'), charts);
  t.equal(res.chart.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.strictSame(res.dryScore.service, 'Barbatos (exceed)');
  t.strictSame(res.dryScore.scoreData, {
    score: 9_000_000,
    lamp: 'CLEAR',
    judgements: { critical: 26, near: 2, miss: 17 },
    optional: { fast: 6, slow: 9, gauge: 90, maxCombo: 100, exScore: 1234 },
  });
  t.strictSame(res.dryScore.scoreMeta, { inSkillAnalyser: null });
});

t.test('convert: lamps, the INF slot, unknown charts', async (t) => {
  const lamps = [1, 2, 3, 4, 5].map((clear_type) => mod.convert({ ...V, clear_type } as BarbatosScore, ctx('vivid'), charts).dryScore.scoreData.lamp);
  t.strictSame(lamps, ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'ULTIMATE CHAIN', 'PERFECT ULTIMATE CHAIN']);
  // song 1's fourth slot is INF
  t.equal(mod.convert({ ...V, difficulty: 3 }, ctx('vivid'), charts).chart.chartID, 'ebf6f2996979997cc063ba4ef1e954cba70b4ea0');
  t.equal(mod.convert({ ...V, difficulty: 2 }, ctx('vivid'), charts).chart.chartID, 'ee2f0a264b047a3139a8d2df219b4712728a668e');
  scoreFailure(t, () => mod.convert({ ...V, song_id: 99999 }, ctx('vivid'), charts), 'SongOrChartNotFound', 'Could not find chart with songID 99999 (ADV)');
  scoreFailure(t, () => mod.convert({ ...V, song_id: 99999, difficulty: 3 }, ctx('vivid'), charts), 'SongOrChartNotFound', 'Could not find chart with songID 99999 (ANY_INF)');
});
