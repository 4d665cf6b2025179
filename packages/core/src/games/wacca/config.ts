/** WACCA: Tachi's common/src/config/game-support/wacca.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const WACCA_LAMPS = ['FAILED', 'CLEAR', 'MISSLESS', 'FULL COMBO', 'ALL MARVELOUS'] as const;

export const WACCA_GRADES = ['D', 'C', 'B', 'A', 'AA', 'AAA', 'S', 'S+', 'SS', 'SS+', 'SSS', 'SSS+', 'MASTER'] as const;

export const WACCA_STAGE_UPS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV'] as const;

export const WACCA_COLOURS = ['ASH', 'NAVY', 'YELLOW', 'RED', 'PURPLE', 'BLUE', 'SILVER', 'GOLD', 'RAINBOW'] as const;

export const WACCA_SINGLE: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 1_000_000) },
    lamp: { type: 'ENUM', values: WACCA_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: WACCA_GRADES, minimumRelevantValue: 'S' },
  },
  optionalMetrics: FAST_SLOW_MAXCOMBO,
  defaultMetric: 'score',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['rate'],
  sessionRatingAlgs: ['rate'],
  profileRatingAlgs: ['naiveRate'],
  defaultScoreRatingAlg: 'rate',
  defaultSessionRatingAlg: 'rate',
  defaultProfileRatingAlg: 'naiveRate',
  difficulties: { type: 'FIXED', order: ['NORMAL', 'HARD', 'EXPERT', 'INFERNO'], default: 'EXPERT' },
  classes: {
    stageUp: { type: 'PROVIDED', values: WACCA_STAGE_UPS },
    colour: { type: 'DERIVED', values: WACCA_COLOURS },
  },
  orderedJudgements: ['marvelous', 'great', 'good', 'miss'],
  versions: ['reverse', 'plus'],
  supportedMatchTypes: ['songTitle', 'tachiSongID', 'inGameID'],
  // zod: z.strictObject({ mirror: z.boolean().optional() })
  scoreMeta: { mirror: { type: 'boolean' } },
};
