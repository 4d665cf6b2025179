import type { DryScore, ScoreData, ScoreDocument } from '../documents.ts';
import { ScoreFailure } from '../errors.ts';
import { gradeFor } from '../games/grades.ts';
import { scoreCalculatedData } from '../games/ratings.ts';
import { GAMES } from '../games/registry.ts';
import type { ChartDocument, GameConfig, SongDocument } from '../games/types.ts';

/**
 * Index of every provided and derived ENUM metric within its value list (Tachi's
 * CreateEnumIndexes). A value outside the list is Tachi's InternalFailure.
 */
export function createEnumIndexes(
  config: GameConfig,
  scoreData: Readonly<Record<string, unknown>>,
): Record<string, number> {
  const indexes: Record<string, number> = {};
  for (const [metric, spec] of [...Object.entries(config.providedMetrics), ...Object.entries(config.derivedMetrics)]) {
    if (spec.type !== 'ENUM') continue;
    const idx = spec.values.indexOf(scoreData[metric] as string);
    if (idx === -1) throw new ScoreFailure('InternalError', 'An internal error has occured.');
    indexes[metric] = idx;
  }
  return indexes;
}

export interface HydrateContext {
  userID: number;
  chart: ChartDocument;
  song: SongDocument;
  scoreID: string;
  timeAdded: number;
}

/**
 * Tachi's HydrateScore (spec §3.7): the dry score plus derived metrics (grade), enum indexes and
 * calculatedData. `importID` is left for the pipeline to set. Throws whatever the rating
 * algorithms throw (Tachi reports that as an internal service error).
 */
export function hydrateScore(dry: DryScore, ctx: HydrateContext): ScoreDocument {
  const config = GAMES[dry.game];
  const score = dry.scoreData.score;
  if (typeof score !== 'number') throw new ScoreFailure('InternalError', 'An internal error has occured.');

  const scoreData: ScoreData = {
    ...dry.scoreData,
    grade: gradeFor(dry.game, score),
    judgements: { ...dry.scoreData.judgements },
    // Tachi never fills optional.enumIndexes (no optional ENUM metric exists for these games).
    optional: { ...dry.scoreData.optional, enumIndexes: {} },
    enumIndexes: {},
  };
  scoreData.enumIndexes = createEnumIndexes(config, scoreData);

  return {
    scoreID: ctx.scoreID,
    userID: ctx.userID,
    game: dry.game,
    playtype: ctx.chart.playtype,
    chartID: ctx.chart.chartID,
    songID: ctx.song.id,
    isPrimary: ctx.chart.isPrimary,
    service: dry.service,
    importType: dry.importType,
    comment: dry.comment,
    timeAchieved: dry.timeAchieved,
    timeAdded: ctx.timeAdded,
    highlight: false,
    scoreMeta: { ...dry.scoreMeta },
    scoreData,
    calculatedData: scoreCalculatedData(dry.game, scoreData, ctx.chart),
  };
}
