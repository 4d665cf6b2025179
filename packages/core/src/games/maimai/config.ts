/** maimai (FiNALE and earlier): Tachi's common/src/config/game-support/maimai.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';

export const MAIMAI_LAMPS = ['FAILED', 'CLEAR', 'FULL COMBO', 'ALL PERFECT', 'ALL PERFECT+'] as const;

export const MAIMAI_GRADES = ['F', 'E', 'D', 'C', 'B', 'A', 'AA', 'AAA', 'S', 'S+', 'SS', 'SS+', 'SSS', 'SSS+'] as const;

export const MAIMAI_COLOURS = ['WHITE', 'BLUE', 'GREEN', 'YELLOW', 'RED', 'PURPLE', 'BRONZE', 'SILVER', 'GOLD', 'RAINBOW'] as const;

export const MAIMAI_DANS = [
  'DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10', 'KAIDEN',
  'SHINDAN_1', 'SHINDAN_2', 'SHINDAN_3', 'SHINDAN_4', 'SHINDAN_5', 'SHINDAN_6', 'SHINDAN_7', 'SHINDAN_8', 'SHINDAN_9', 'SHINDAN_10',
  'SHINKAIDEN',
] as const;

export const MAIMAI_SINGLE: GPTConfig = {
  providedMetrics: {
    // upper bound: the chart's maxPercent (how many BREAK notes it has), see the chart validator
    percent: { type: 'DECIMAL', chartDependentMax: true },
    lamp: { type: 'ENUM', values: MAIMAI_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: MAIMAI_GRADES, minimumRelevantValue: 'A' },
  },
  optionalMetrics: FAST_SLOW_MAXCOMBO,
  defaultMetric: 'percent',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['rate'],
  sessionRatingAlgs: ['rate'],
  profileRatingAlgs: ['naiveRate'],
  defaultScoreRatingAlg: 'rate',
  defaultSessionRatingAlg: 'rate',
  defaultProfileRatingAlg: 'naiveRate',
  difficulties: { type: 'FIXED', order: ['Easy', 'Basic', 'Advanced', 'Expert', 'Master', 'Re:Master'], default: 'Master' },
  classes: {
    colour: { type: 'DERIVED', values: MAIMAI_COLOURS },
    dan: { type: 'PROVIDED', values: MAIMAI_DANS },
  },
  orderedJudgements: ['perfect', 'great', 'good', 'miss'],
  versions: ['finale'],
  supportedMatchTypes: ['songTitle', 'tachiSongID', 'inGameID', 'inGameStrID'],
  scoreMeta: {},
};
