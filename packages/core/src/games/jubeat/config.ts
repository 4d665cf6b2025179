/** jubeat: Tachi's common/src/config/game-support/jubeat.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const JUBEAT_LAMPS = ['FAILED', 'CLEAR', 'FULL COMBO', 'EXCELLENT'] as const;

export const JUBEAT_GRADES = ['E', 'D', 'C', 'B', 'A', 'S', 'SS', 'SSS', 'EXC'] as const;

export const JUBEAT_COLOURS = ['BLACK', 'YELLOW_GREEN', 'GREEN', 'LIGHT_BLUE', 'BLUE', 'VIOLET', 'PURPLE', 'PINK', 'ORANGE', 'GOLD'] as const;

export const JUBEAT_DIFFICULTIES = ['BSC', 'ADV', 'EXT', 'HARD BSC', 'HARD ADV', 'HARD EXT'] as const;

export const JUBEAT_SINGLE: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 1_000_000) },
    // 0–100, or 0–120 on HARD difficulties: a chart validator checks it
    musicRate: { type: 'DECIMAL', chartDependentMax: true },
    lamp: { type: 'ENUM', values: JUBEAT_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: JUBEAT_GRADES, minimumRelevantValue: 'A' },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    musicBar: { type: 'GRAPH', validate: p.isBoundedInteger(0, 3) },
  },
  defaultMetric: 'musicRate',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['jubility'],
  sessionRatingAlgs: ['jubility'],
  profileRatingAlgs: ['jubility', 'naiveJubility'],
  defaultScoreRatingAlg: 'jubility',
  defaultSessionRatingAlg: 'jubility',
  defaultProfileRatingAlg: 'jubility',
  difficulties: { type: 'FIXED', order: JUBEAT_DIFFICULTIES, default: 'EXT' },
  classes: {
    colour: { type: 'DERIVED', values: JUBEAT_COLOURS },
  },
  orderedJudgements: ['perfect', 'great', 'good', 'poor', 'miss'],
  versions: ['jubeat', 'ripples', 'knit', 'copious', 'saucer', 'prop', 'qubell', 'clan', 'festo', 'festo-omni', 'ave'],
  supportedMatchTypes: ['inGameID', 'tachiSongID'],
  scoreMeta: {},
};
