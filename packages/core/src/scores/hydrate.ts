import type { DryScore, ScoreData, ScoreDocument } from '../documents.ts';
import { ScoreFailure } from '../errors.ts';
import type { ChartDocument, GPTConfig, GPTDefinition, SongDocument } from '../games/types.ts';
import { validateScore } from './validate.ts';

/**
 * Index of every provided and derived ENUM metric within its value list (Tachi's
 * CreateEnumIndexes). A value outside the list is Tachi's InternalFailure.
 */
export function createEnumIndexes(config: GPTConfig, scoreData: Readonly<Record<string, unknown>>): Record<string, number> {
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
  /** "now" for the future-timestamp check */
  now: number;
}

const INTERNAL_SERVICE = 'An internal service error has occured.';

/** Every score rating of the game (Tachi's CreateScoreCalcData); a throwing calculator is an internal error. */
export function scoreRatings(definition: GPTDefinition, scoreData: ScoreData, chart: ChartDocument): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [alg, calculate] of Object.entries(definition.rules.scoreRatings)) {
    try {
      out[alg] = calculate(scoreData, chart);
    } catch {
      throw new ScoreFailure('InternalError', INTERNAL_SERVICE);
    }
  }
  return out;
}

/**
 * Tachi's HydrateScore + ValidateScore (spec §3.5, §3.7), in a better order: derived metrics,
 * then every validation (with Tachi's messages), then the ratings — so an invalid score is an
 * InvalidDatapoint, never the InternalError Tachi gives when a rating calculator meets it first.
 * `importID` is left for the pipeline to set.
 */
export function hydrateScore(dry: DryScore, definition: GPTDefinition, ctx: HydrateContext): ScoreDocument {
  const { config, rules } = definition;
  const derived: Record<string, unknown> = {};
  let deriverFailed = false;
  for (const [metric, derive] of Object.entries(rules.derivers)) {
    try {
      derived[metric] = derive(dry.scoreData, ctx.chart);
    } catch {
      // validation below names the metric; if it somehow passes, the score is an internal error
      deriverFailed = true;
    }
  }

  const scoreData: ScoreData = {
    ...dry.scoreData,
    ...derived,
    judgements: { ...dry.scoreData.judgements },
    // Tachi never fills optional.enumIndexes (a quirk clients may rely on)
    optional: { ...dry.scoreData.optional, enumIndexes: {} },
    enumIndexes: {},
  };

  const score: ScoreDocument = {
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
    calculatedData: {},
  };
  let enumIndexes: Record<string, number> | null = null;
  try {
    enumIndexes = createEnumIndexes(config, scoreData);
    scoreData.enumIndexes = enumIndexes;
  } catch {
    // an unknown enum value: validation names it
  }
  validateScore(score, ctx.chart, definition, ctx.now);
  if (deriverFailed || enumIndexes === null) throw new ScoreFailure('InternalError', INTERNAL_SERVICE);
  score.calculatedData = scoreRatings(definition, scoreData, ctx.chart);
  return score;
}
