/** BATCH-MANUAL score → dry score (spec §3.3, Tachi's ConverterBatchManual). */
import type { BatchManualContext } from '../batch-manual/parse.ts';
import type { BatchManualScore } from '../batch-manual/schema.ts';
import type { ChartIndex } from '../charts/chart-index.ts';
import { resolveChart } from '../charts/resolve.ts';
import type { DryScore } from '../documents.ts';
import { GAMES } from '../games/registry.ts';
import type { ChartDocument, SongDocument } from '../games/types.ts';

export type BatchManualImportType = 'file/batch-manual' | 'ir/direct-manual';

const SERVICE_SUFFIX: Record<BatchManualImportType, string> = {
  'file/batch-manual': ' (BATCH-MANUAL)',
  'ir/direct-manual': ' (DIRECT-MANUAL)',
};

/**
 * Resolves the score's chart and builds its dry score. Throws the ScoreFailure of resolveChart;
 * the caller records it as one errors[] entry and goes on with the next score.
 */
export function convertBatchManualScore(
  index: ChartIndex,
  score: BatchManualScore,
  context: BatchManualContext,
  importType: BatchManualImportType,
): { dryScore: DryScore; song: SongDocument; chart: ChartDocument } {
  const { song, chart } = resolveChart(index, score, context);
  const config = GAMES[context.game];

  const provided: Record<string, unknown> = {};
  for (const metric of Object.keys(config.providedMetrics)) provided[metric] = score[metric];

  // shallow copies: later stages add fields (enumIndexes, …) and must not write into the input,
  // which may still be needed as sent (orphans store the raw score)
  const dryScore: DryScore = {
    game: context.game,
    service: context.service + SERVICE_SUFFIX[importType],
    importType,
    comment: score.comment ?? null,
    // an explicit 0 means "no timestamp" (Tachi keeps this for backwards compatibility)
    timeAchieved: score.timeAchieved === 0 ? null : (score.timeAchieved ?? null),
    scoreData: {
      ...provided,
      judgements: { ...(score.judgements ?? {}) },
      // optional wins over the deprecated hitMeta; the two are never merged
      optional: { ...(score.optional ?? score.hitMeta ?? {}) },
    },
    scoreMeta: { ...(score.scoreMeta ?? {}) },
  };

  return { dryScore, song, chart };
}
