/** PMS: Tachi's common/src/config/game-support/pms.ts (Controller and Keyboard share one config). */
import type { GPTConfig } from '../types.ts';
import {
  BMS_OPTIONAL_METRICS,
  BMS_RANDOM,
  IIDXLIKE_GRADE,
  IIDXLIKE_LAMP,
  IIDXLIKE_PERCENT,
  IIDXLIKE_SCORE,
} from '../common/iidx-like.ts';

export const PMS_DANS = [
  'INSANE_1', 'INSANE_2', 'INSANE_3', 'INSANE_4', 'INSANE_5', 'INSANE_6', 'INSANE_7', 'INSANE_8', 'INSANE_9', 'INSANE_10',
  'INSANE_KAIDEN', 'OVERJOY', 'UNDEFINED',
] as const;

export const PMS_CONTROLLER: GPTConfig = {
  providedMetrics: { score: IIDXLIKE_SCORE, lamp: IIDXLIKE_LAMP },
  derivedMetrics: { grade: IIDXLIKE_GRADE, percent: IIDXLIKE_PERCENT },
  optionalMetrics: BMS_OPTIONAL_METRICS,
  defaultMetric: 'percent',
  preferredDefaultEnum: 'lamp',
  scoreRatingAlgs: ['sieglinde'],
  sessionRatingAlgs: ['sieglinde'],
  profileRatingAlgs: ['sieglinde'],
  defaultScoreRatingAlg: 'sieglinde',
  defaultSessionRatingAlg: 'sieglinde',
  defaultProfileRatingAlg: 'sieglinde',
  difficulties: { type: 'FIXED', order: ['CHART'], default: 'CHART' },
  classes: { dan: { type: 'PROVIDED', values: PMS_DANS } },
  orderedJudgements: ['cool', 'great', 'good', 'bad', 'poor'],
  versions: [],
  supportedMatchTypes: ['bmsChartHash', 'tachiSongID'],
  // zod: optional, not nullable (unlike BMS's)
  scoreMeta: {
    random: { type: 'enum', values: BMS_RANDOM },
    client: { type: 'enum', values: ['beatoraja'] },
    gauge: { type: 'enum', values: ['EASY', 'NORMAL', 'HARD', 'EX-HARD'] },
  },
};

export const PMS_KEYBOARD: GPTConfig = PMS_CONTROLLER;
