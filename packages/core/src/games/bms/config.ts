/** BMS: Tachi's common/src/config/game-support/bms.ts (7K and 14K). */
import type { GPTConfig } from '../types.ts';
import {
  BMS_OPTIONAL_METRICS,
  BMS_RANDOM,
  BMS_SCORE_META_COMMON,
  IIDXLIKE_GRADE,
  IIDXLIKE_JUDGEMENTS,
  IIDXLIKE_LAMP,
  IIDXLIKE_PERCENT,
  IIDXLIKE_SCORE,
} from '../common/iidx-like.ts';

/** GENOSIDE dans (7K and 14K) */
export const BMS_GENOCIDE_DANS = [
  'NORMAL_1', 'NORMAL_2', 'NORMAL_3', 'NORMAL_4', 'NORMAL_5', 'NORMAL_6', 'NORMAL_7', 'NORMAL_8', 'NORMAL_9', 'NORMAL_10',
  'INSANE_1', 'INSANE_2', 'INSANE_3', 'INSANE_4', 'INSANE_5', 'INSANE_6', 'INSANE_7', 'INSANE_8', 'INSANE_9', 'INSANE_10',
  'INSANE_KAIDEN', 'OVERJOY',
] as const;

const SL = ['SL0', 'SL1', 'SL2', 'SL3', 'SL4', 'SL5', 'SL6', 'SL7', 'SL8', 'SL9', 'SL10', 'SL11', 'SL12'] as const;
const ST = ['ST0', 'ST1', 'ST2', 'ST3', 'ST4', 'ST5', 'ST6', 'ST7', 'ST8', 'ST9', 'ST10', 'ST11', 'ST12'] as const;

/** Satellite then Stella (7K) */
export const BMS_STSL_DANS = [...SL, ...ST] as const;
/** DP Satellite (14K's stslDan) */
export const BMS_DP_SL_DANS = SL;

export const BMS_NEW_GENERATION_DANS = [
  'NORMAL_1', 'NORMAL_2', 'NORMAL_3', 'NORMAL_4', 'NORMAL_5', 'NORMAL_6', 'NORMAL_7', 'NORMAL_8', 'NORMAL_9', 'NORMAL_10',
  'INSANE_0', 'INSANE_1', 'INSANE_2', 'INSANE_3', 'INSANE_4', 'INSANE_5', 'INSANE_6', 'INSANE_7', 'INSANE_8', 'INSANE_9', 'INSANE_10',
  'INSANE_KAIDEN',
] as const;

export const BMS_LN_DANS = [
  'DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10', 'KAIDEN', 'OVERJOY', 'UDON',
] as const;

export const BMS_SCRATCH_DANS = [
  'KYU_7', 'KYU_6', 'KYU_5', 'KYU_4', 'KYU_3', 'KYU_2', 'KYU_1',
  'DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10', 'KAIDEN',
] as const;

export const BMS_7K: GPTConfig = {
  providedMetrics: { score: IIDXLIKE_SCORE, lamp: IIDXLIKE_LAMP },
  // grade before percent, as Tachi declares them for BMS (validation reports in this order)
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
  // one chart per song, named CHART (Tachi: BMS charts have no real parent song)
  difficulties: { type: 'FIXED', order: ['CHART'], default: 'CHART' },
  classes: {
    genocideDan: { type: 'PROVIDED', values: BMS_GENOCIDE_DANS },
    stslDan: { type: 'PROVIDED', values: BMS_STSL_DANS },
    newGenerationDan: { type: 'PROVIDED', values: BMS_NEW_GENERATION_DANS },
    lnDan: { type: 'PROVIDED', values: BMS_LN_DANS },
    scratchDan: { type: 'PROVIDED', values: BMS_SCRATCH_DANS },
  },
  orderedJudgements: IIDXLIKE_JUDGEMENTS,
  versions: [],
  supportedMatchTypes: ['bmsChartHash', 'tachiSongID'],
  scoreMeta: { random: { type: 'enum', values: BMS_RANDOM, nullable: true }, ...BMS_SCORE_META_COMMON },
};

/** 14K: 7K's config with two class sets (the DP satellite list as stslDan) and a random per side. */
export const BMS_14K: GPTConfig = {
  ...BMS_7K,
  classes: {
    genocideDan: { type: 'PROVIDED', values: BMS_GENOCIDE_DANS },
    stslDan: { type: 'PROVIDED', values: BMS_DP_SL_DANS },
  },
  scoreMeta: { random: { type: 'tuple', values: BMS_RANDOM, length: 2, nullable: true }, ...BMS_SCORE_META_COMMON },
};
