/** BATCH-MANUAL score → dry score (spec §3.3, Tachi's ConverterBatchManual), for both BATCH-MANUAL import types. */
import type { GameCharts } from '../../charts/chart-index.ts';
import { resolveChart } from '../../charts/resolve.ts';
import type { DryScore } from '../../documents.ts';
import { gpt } from '../../games/registry.ts';
import type { ConvertedScore } from '../types.ts';
import type { BatchManualContext } from './parse.ts';
import type { BatchManualScore } from './schema.ts';

export function convertBatchManualScore(
  score: BatchManualScore,
  context: BatchManualContext,
  charts: GameCharts,
  importType: 'file/batch-manual' | 'ir/direct-manual',
): ConvertedScore {
  const { song, chart } = resolveChart(charts, score, context);
  const provided: Record<string, unknown> = {};
  for (const metric of Object.keys(gpt(context.game, context.playtype).config.providedMetrics)) provided[metric] = score[metric];

  // shallow copies: later stages add fields (enumIndexes, …) and must not write into the input,
  // which may still be needed as sent (orphans store the raw score)
  const dryScore: DryScore = {
    game: context.game,
    service: `${context.service} (${importType === 'file/batch-manual' ? 'BATCH-MANUAL' : 'DIRECT-MANUAL'})`,
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
