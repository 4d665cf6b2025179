/**
 * ir/kshook-sv6c and ir/kshook-sv6c-static: Tachi's parser and converter tests
 * (import-types/ir/kshook-sv6c{,-static}) against the bundled SDVX seeds (Konaste charts).
 */
import t from 'tap';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import { irKsHookSV6C as live } from '../../src/import-types/ir/kshook-sv6c/index.ts';
import { irKsHookSV6CStatic as stat } from '../../src/import-types/ir/kshook-sv6c-static/index.ts';
import type { KsHookSV6CScore } from '../../src/import-types/ir/kshook-sv6c/parse.ts';
import type { KsHookSV6CStaticScore } from '../../src/import-types/ir/kshook-sv6c-static/parse.ts';
import { fatal, scoreFailure } from './tachi-formats-helpers.ts';

const charts = new GameCharts(loadBundledGame('sdvx'));
const input = (body: unknown, submittedAt = 1_700_000_000_000) => ({ content: Buffer.from(JSON.stringify(body)), submittedAt, options: {} });
const ALBIDA_ADV = '5088a4d0e1ee9d0cc2f625934306e45b1a60699b';

// Tachi's TestingKsHookSV6CScore and TestingKsHookSV6CStaticScore (test-utils/test-data.ts)
const SCORE: KsHookSV6CScore = {
  clear: 'CLEAR_EXCESSIVE', critical: 1184, difficulty: 'DIFFICULTY_ADVANCED', error: 30, gauge: 71, grade: 'GRADE_AA_PLUS',
  max_chain: 158, music_id: 1, near: 46, rate: 'RATE_EXCESSIVE', score: 9579365, track_no: 0, ex_score: 1334, retry_count: 0,
};
const STATIC: KsHookSV6CStaticScore = {
  clear: 'CLEAR_EXCESSIVE', difficulty: 'DIFFICULTY_ADVANCED', grade: 'GRADE_AA_PLUS', max_chain: 158, music_id: 1, score: 9579365,
  ex_score: 1334, timestamp: 1000,
};

t.test('live: parse', async (t) => {
  t.strictSame(await live.parse(input(SCORE)), { game: 'sdvx', context: { game: 'sdvx', timeReceived: 1_700_000_000_000 }, datapoints: [SCORE], classes: null });
  // excess keys are allowed (the hook may send more)
  t.equal((await live.parse(input({ ...SCORE, future: 1 }))).datapoints.length, 1);
  const fails = (body: unknown, message: string) => fatal(t, () => live.parse(input(body)), 400, message);
  await fails({}, 'Error: clear | Expected any of CLEAR_PLAYED, CLEAR_EFFECTIVE, CLEAR_EXCESSIVE, CLEAR_ULTIMATE_CHAIN, CLEAR_MAXXIVE, CLEAR_PERFECT. | Received undefined [type: undefined].');
  await fails({ ...SCORE, clear: 'INVALID_CLEAR_TYPE' }, 'Error: clear | Expected any of CLEAR_PLAYED, CLEAR_EFFECTIVE, CLEAR_EXCESSIVE, CLEAR_ULTIMATE_CHAIN, CLEAR_MAXXIVE, CLEAR_PERFECT. | Received INVALID_CLEAR_TYPE [type: string].');
  await fails({ ...SCORE, gauge: 10001 }, 'Error: gauge | Expected a number between 0 and 10000. | Received 10001 [type: number].');
  await fails({ ...SCORE, score: -1 }, 'Error: score | Expected an integer between 0 and 10000000. | Received -1 [type: number].');
  await fails({ ...SCORE, rate: 'RATE_X' }, 'Error: rate | Expected any of RATE_EFFECTIVE, RATE_PERMISSIVE, RATE_EXCESSIVE, RATE_BLASTIVE, RATE_MAXXIVE. | Received RATE_X [type: string].');
  await fails({ ...SCORE, track_no: 'a' }, 'Error: track_no | Expected a positive integer. | Received a [type: string].');
});

t.test('live: convert (Tachi\'s test)', async (t) => {
  const res = live.convert(SCORE, { game: 'sdvx', timeReceived: 10 }, charts);
  t.equal(res.chart.chartID, ALBIDA_ADV);
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, {
    game: 'sdvx',
    service: 'kshook SV6C',
    importType: 'ir/kshook-sv6c',
    comment: null,
    timeAchieved: 10,
    scoreData: {
      score: 9579365,
      lamp: 'EXCESSIVE CLEAR',
      judgements: { critical: 1184, near: 46, miss: 30 },
      optional: { gauge: 0.71, maxCombo: 158, exScore: 1334 },
    },
    scoreMeta: {},
  });
  const lamp = (clear: string) => live.convert({ ...SCORE, clear } as KsHookSV6CScore, { game: 'sdvx', timeReceived: 10 }, charts).dryScore.scoreData.lamp;
  t.strictSame(
    ['CLEAR_PLAYED', 'CLEAR_EFFECTIVE', 'CLEAR_EXCESSIVE', 'CLEAR_ULTIMATE_CHAIN', 'CLEAR_MAXXIVE', 'CLEAR_PERFECT'].map(lamp),
    ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'ULTIMATE CHAIN', 'MAXXIVE CLEAR', 'PERFECT ULTIMATE CHAIN'],
  );
  const diff = (difficulty: string) => live.convert({ ...SCORE, difficulty } as KsHookSV6CScore, { game: 'sdvx', timeReceived: 10 }, charts).chart.difficulty;
  t.strictSame(['DIFFICULTY_NOVICE', 'DIFFICULTY_EXHAUST', 'DIFFICULTY_INFINITE'].map(diff), ['NOV', 'EXH', 'INF']);
  scoreFailure(t, () => live.convert({ ...SCORE, music_id: 99999 }, { game: 'sdvx', timeReceived: 10 }, charts), 'SongOrChartNotFound', 'Could not find chart with songID 99999 (ADV for Konaste).');
  scoreFailure(t, () => live.convert({ ...SCORE, difficulty: 'DIFFICULTY_MAXIMUM' }, { game: 'sdvx', timeReceived: 10 }, charts), 'SongOrChartNotFound', 'Could not find chart with songID 1 (MXM for Konaste).');
});

t.test('static: parse', async (t) => {
  t.strictSame(await stat.parse(input({ scores: [STATIC, STATIC] })), { game: 'sdvx', context: { game: 'sdvx' }, datapoints: [STATIC, STATIC], classes: null });
  t.strictSame((await stat.parse(input({ scores: [] }))).datapoints, []);
  const fails = (body: unknown, message: string) => fatal(t, () => stat.parse(input(body)), 400, message);
  await fails({}, 'Error: scores | Value was not an array. | Received undefined [type: undefined].');
  await fails({ scores: [{}] }, 'Error: scores[0].score | Expected an integer between 0 and 10000000. | Received undefined [type: undefined].');
  await fails({ scores: [STATIC, { ...STATIC, clear: 'INVALID_CLEAR_TYPE' }] }, 'Error: scores[1].clear | Expected any of CLEAR_PLAYED, CLEAR_EFFECTIVE, CLEAR_EXCESSIVE, CLEAR_ULTIMATE_CHAIN, CLEAR_MAXXIVE, CLEAR_PERFECT. | Received INVALID_CLEAR_TYPE [type: string].');
  await fails({ scores: [{ ...STATIC, timestamp: -5 }] }, 'Error: scores[0].timestamp | Expected a positive integer. | Received -5 [type: number].');
  await fails({ scores: [null] }, 'Error: scores[0] | Object does not match structure of schema, expected this location to have an object. | Received null [type: null].');
});

t.test('static: convert (Tachi\'s test)', async (t) => {
  const res = stat.convert(STATIC, { game: 'sdvx' }, charts);
  t.equal(res.chart.chartID, ALBIDA_ADV);
  t.strictSame(res.dryScore, {
    game: 'sdvx',
    service: 'kshook SV6C Static',
    importType: 'ir/kshook-sv6c',
    comment: null,
    timeAchieved: 1_000_000,
    scoreData: { score: 9579365, lamp: 'EXCESSIVE CLEAR', judgements: {}, optional: { maxCombo: 158, exScore: 1334 } },
    scoreMeta: {},
  });
  scoreFailure(t, () => stat.convert({ ...STATIC, music_id: 99999 }, { game: 'sdvx' }, charts), 'SongOrChartNotFound', 'Could not find chart with songID 99999 (ADV for Konaste).');
});
