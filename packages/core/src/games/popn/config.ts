/** pop'n music: Tachi's common/src/config/game-support/popn.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

/** the clear medal a score is submitted with; a superset of the lamp (Tachi's order) */
export const POPN_CLEAR_MEDALS = [
  'failedCircle',
  'failedDiamond',
  'failedStar',
  'easyClear',
  'clearCircle',
  'clearDiamond',
  'clearStar',
  'fullComboCircle',
  'fullComboDiamond',
  'fullComboStar',
  'perfect',
] as const;

export const POPN_LAMPS = ['FAILED', 'EASY CLEAR', 'CLEAR', 'FULL COMBO', 'PERFECT'] as const;

export const POPN_GRADES = ['E', 'D', 'C', 'B', 'A', 'AA', 'AAA', 'S'] as const;

export const POPN_CLASSES = ['KITTY', 'STUDENT', 'DELINQUENT', 'DETECTIVE', 'IDOL', 'GENERAL', 'HERMIT', 'GOD'] as const;

export const POPN_9B: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 100_000) },
    clearMedal: { type: 'ENUM', values: POPN_CLEAR_MEDALS, minimumRelevantValue: 'clearCircle' },
  },
  derivedMetrics: {
    lamp: { type: 'ENUM', values: POPN_LAMPS, minimumRelevantValue: 'CLEAR' },
    grade: { type: 'ENUM', values: POPN_GRADES, minimumRelevantValue: 'A' },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    gauge: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
  },
  defaultMetric: 'score',
  preferredDefaultEnum: 'lamp',
  scoreRatingAlgs: ['classPoints'],
  sessionRatingAlgs: ['classPoints'],
  profileRatingAlgs: ['naiveClassPoints'],
  defaultScoreRatingAlg: 'classPoints',
  defaultSessionRatingAlg: 'classPoints',
  defaultProfileRatingAlg: 'naiveClassPoints',
  difficulties: { type: 'FIXED', order: ['Easy', 'Normal', 'Hyper', 'EX'], default: 'EX' },
  classes: {
    class: { type: 'DERIVED', values: POPN_CLASSES },
  },
  orderedJudgements: ['cool', 'great', 'good', 'bad'],
  versions: ['peace', 'kaimei', 'unilab'],
  supportedMatchTypes: ['inGameID', 'tachiSongID', 'popnChartHash'],
  scoreMeta: {
    hiSpeed: { type: 'number', nullable: true },
    hidden: { type: 'number', nullable: true },
    sudden: { type: 'number', nullable: true },
    random: { type: 'enum', values: ['MIRROR', 'NONRAN', 'RANDOM', 'S-RANDOM'], nullable: true },
    gauge: { type: 'enum', values: ['EASY', 'NORMAL', 'HARD', 'DANGER'], nullable: true },
  },
};
