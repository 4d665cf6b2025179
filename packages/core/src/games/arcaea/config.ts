/** Arcaea: Tachi's common/src/config/game-support/arcaea.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';

export const ARCAEA_LAMPS = ['LOST', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'FULL RECALL', 'PURE MEMORY'] as const;
export const ARCAEA_GRADES = ['D', 'C', 'B', 'A', 'AA', 'EX', 'EX+'] as const;

/** badge (from naivePotential), lowest first */
export const ARCAEA_BADGES = ['BLUE', 'GREEN', 'ASH_PURPLE', 'PURPLE', 'RED', 'ONE_STAR', 'TWO_STARS', 'THREE_STARS'] as const;

/** courseBanner (Course Mode phases), lowest first */
export const ARCAEA_COURSE_BANNERS = [
  'PHASE_1', 'PHASE_2', 'PHASE_3', 'PHASE_4', 'PHASE_5', 'PHASE_6',
  'PHASE_7', 'PHASE_8', 'PHASE_9', 'PHASE_10', 'PHASE_11',
] as const;

export const ARCAEA_TOUCH: GPTConfig = {
  providedMetrics: {
    // 0 to 10M + the chart's notecount (shiny PUREs): the chart validator checks it
    score: { type: 'INTEGER', chartDependentMax: true },
    lamp: { type: 'ENUM', values: ARCAEA_LAMPS, minimumRelevantValue: 'EASY CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: ARCAEA_GRADES, minimumRelevantValue: 'AA' },
  },
  optionalMetrics: FAST_SLOW_MAXCOMBO,
  defaultMetric: 'score',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['potential'],
  sessionRatingAlgs: ['naivePotential'],
  profileRatingAlgs: ['naivePotential'],
  defaultScoreRatingAlg: 'potential',
  defaultSessionRatingAlg: 'naivePotential',
  defaultProfileRatingAlg: 'naivePotential',
  difficulties: { type: 'FIXED', order: ['Past', 'Present', 'Future', 'Beyond'], default: 'Future' },
  classes: {
    badge: { type: 'DERIVED', values: ARCAEA_BADGES },
    courseBanner: { type: 'PROVIDED', values: ARCAEA_COURSE_BANNERS },
  },
  orderedJudgements: ['pure', 'far', 'lost'],
  versions: ['mobile', 'switch'],
  supportedMatchTypes: ['inGameStrID', 'songTitle', 'tachiSongID'],
  scoreMeta: {},
};
