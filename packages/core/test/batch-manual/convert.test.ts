import t from 'tap';
import { parseBatchManual, type BatchManualContext, type BatchManualScore } from '../../src/import-types/batch-manual/index.ts';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { loadBundledGame } from '../../src/game-data.ts';
import { ScoreFailure } from '../../src/errors.ts';
import { convertBatchManualScore as convert } from '../../src/import-types/batch-manual/convert.ts';

// Expected dry scores follow spec §3.3 and Tachi's converter tests (§8.2), against the seed data.
const index = { sdvx: new GameCharts(loadBundledGame('sdvx')), chunithm: new GameCharts(loadBundledGame('chunithm')) } as Record<string, GameCharts>;

const convertBatchManualScore = (
  charts: Record<string, GameCharts>,
  score: BatchManualScore,
  ctx: BatchManualContext,
  type: 'file/batch-manual' | 'ir/direct-manual',
) => convert(score, ctx, charts[ctx.game], type);

const SDVX: BatchManualContext = { service: 'foo', game: 'sdvx', playtype: 'Single', version: null };
const CHUNI: BatchManualContext = { service: 'ChunItachi', game: 'chunithm', playtype: 'Single', version: null };
const ALBIDA = { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV' } as BatchManualScore;

t.test('produces a dry score (file/batch-manual)', async (t) => {
  const res = convertBatchManualScore(index, ALBIDA, SDVX, 'file/batch-manual');
  t.equal(res.chart.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(res.song.id, 1);
  t.strictSame(res.dryScore, {
    game: 'sdvx',
    service: 'foo (BATCH-MANUAL)',
    importType: 'file/batch-manual',
    comment: null,
    timeAchieved: null,
    scoreData: { score: 9_000_000, lamp: 'CLEAR', judgements: {}, optional: {} },
    scoreMeta: {},
  });
});

t.test('direct-manual service suffix; CHUNITHM provided metrics (spec §8.1 FakeChunitachiBatchManual)', async (t) => {
  const score = {
    score: 900_000, clearLamp: 'CLEAR', noteLamp: 'NONE', matchType: 'songTitle', identifier: 'B.B.K.K.B.K.K.', difficulty: 'BASIC',
  } as BatchManualScore;
  const res = convertBatchManualScore(index, score, CHUNI, 'ir/direct-manual');
  t.equal(res.chart.chartID, 'c4268f2cbc90d2f08eb2fb5a13d044f1554bd91d');
  t.strictSame(res.dryScore, {
    game: 'chunithm',
    service: 'ChunItachi (DIRECT-MANUAL)',
    importType: 'ir/direct-manual',
    comment: null,
    timeAchieved: null,
    scoreData: { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', judgements: {}, optional: {} },
    scoreMeta: {},
  });
});

t.test('timeAchieved: 0 and null become null, a timestamp is kept', async (t) => {
  t.equal(convertBatchManualScore(index, { ...ALBIDA, timeAchieved: 0 }, SDVX, 'file/batch-manual').dryScore.timeAchieved, null);
  t.equal(convertBatchManualScore(index, { ...ALBIDA, timeAchieved: null }, SDVX, 'file/batch-manual').dryScore.timeAchieved, null);
  t.equal(
    convertBatchManualScore(index, { ...ALBIDA, timeAchieved: 1_620_768_609_637 }, SDVX, 'file/batch-manual').dryScore.timeAchieved,
    1_620_768_609_637,
  );
});

t.test('comment, judgements, scoreMeta are mounted as sent', async (t) => {
  const res = convertBatchManualScore(
    index,
    { ...ALBIDA, comment: 'hello', judgements: { critical: 1000, near: null, miss: 0 }, scoreMeta: {} },
    SDVX,
    'file/batch-manual',
  );
  t.equal(res.dryScore.comment, 'hello');
  t.strictSame(res.dryScore.scoreData.judgements, { critical: 1000, near: null, miss: 0 });
  t.strictSame(res.dryScore.scoreMeta, {});
});

t.test('optional, else hitMeta, never merged', async (t) => {
  const conv = (s: Partial<BatchManualScore>) => convertBatchManualScore(index, { ...ALBIDA, ...s }, SDVX, 'file/batch-manual').dryScore;
  t.strictSame(conv({ optional: { exScore: 1234, fast: null } }).scoreData.optional, { exScore: 1234, fast: null });
  t.strictSame(conv({ hitMeta: { gauge: 50 } }).scoreData.optional, { gauge: 50 });
  t.strictSame(conv({ optional: { exScore: 1 }, hitMeta: { gauge: 50 } }).scoreData.optional, { exScore: 1 });
  t.strictSame(conv({ optional: null, hitMeta: { gauge: 50 } }).scoreData.optional, { gauge: 50 });
  t.strictSame(conv({ optional: null, hitMeta: null }).scoreData.optional, {});
  t.notOk('hitMeta' in conv({ hitMeta: { gauge: 50 } }).scoreData);
});

t.test('the dry score does not share objects with the input score', async (t) => {
  const score = { ...ALBIDA, judgements: { miss: 1 }, optional: { fast: 1 }, scoreMeta: {} } as BatchManualScore;
  const { dryScore } = convertBatchManualScore(index, score, SDVX, 'file/batch-manual');
  dryScore.scoreData.optional.enumIndexes = {};
  dryScore.scoreData.judgements.near = 5;
  t.strictSame(score.optional, { fast: 1 });
  t.strictSame(score.judgements, { miss: 1 });
});

t.test('resolution failures propagate as ScoreFailure', async (t) => {
  let caught: unknown;
  try {
    convertBatchManualScore(index, { ...ALBIDA, identifier: '9999999' }, SDVX, 'file/batch-manual');
  } catch (err) {
    caught = err;
  }
  t.ok(caught instanceof ScoreFailure);
  t.equal((caught as ScoreFailure).type, 'SongOrChartNotFound');
  t.equal((caught as ScoreFailure).message, 'Cannot find SDVX chart with inGameID 9999999, difficulty ADV and version null.');
});

t.test('parse → convert end to end (spec §8.3 sdvx-in-game-id.json)', async (t) => {
  const parsed = parseBatchManual({
    meta: { service: 'foobar', game: 'sdvx', playtype: 'Single' },
    scores: [{ score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV' }],
  });
  const res = convertBatchManualScore(index, parsed.datapoints[0], parsed.context, 'file/batch-manual');
  t.equal(res.chart.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(res.dryScore.service, 'foobar (BATCH-MANUAL)');
});
