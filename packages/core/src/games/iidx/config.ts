/** beatmania IIDX: Tachi's common/src/config/game-support/iidx.ts (SP and DP). */
import type { GPTConfig, ScoreMetaField } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';
import { IIDXLIKE_GRADE, IIDXLIKE_JUDGEMENTS, IIDXLIKE_LAMP, IIDXLIKE_PERCENT, IIDXLIKE_SCORE } from '../common/iidx-like.ts';

export const IIDX_DANS = [
  'KYU_7', 'KYU_6', 'KYU_5', 'KYU_4', 'KYU_3', 'KYU_2', 'KYU_1',
  'DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10',
  'CHUUDEN', 'KAIDEN',
] as const;

export const IIDX_DIFFICULTIES = [
  'NORMAL', 'HYPER', 'ANOTHER', 'LEGGENDARIA',
  'All Scratch NORMAL', 'All Scratch HYPER', 'All Scratch ANOTHER', 'All Scratch LEGGENDARIA',
  'Kichiku NORMAL', 'Kichiku HYPER', 'Kichiku ANOTHER', 'Kichiku LEGGENDARIA',
  'Kiraku NORMAL', 'Kiraku HYPER', 'Kiraku ANOTHER', 'Kiraku LEGGENDARIA',
] as const;

/**
 * Tachi's version IDs as `Object.keys(config.versions)` lists them: JavaScript puts the integer-like
 * keys ("20" … "33") first, in numeric order, then the others in declaration order.
 */
export const IIDX_VERSIONS = [
  '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33',
  '3-cs', '4-cs', '5-cs', '6-cs', '7-cs', '8-cs', '9-cs', '10-cs', '11-cs', '12-cs', '13-cs', '14-cs', '15-cs', '16-cs',
  '26-omni', '27-omni', '28-omni', '29-omni', '30-omni', '31-omni', '32-omni',
  '27-2dxtra', '28-2dxtra', '30-2dxtra', '31-2dxtra',
  'bmus', 'inf',
] as const;

const IIDX_RANDOM = ['NONRAN', 'MIRROR', 'R-RANDOM', 'RANDOM', 'S-RANDOM'] as const;

/** scoreMeta besides `random` (zod: optional, not nullable) */
const SCORE_META_COMMON: Readonly<Record<string, ScoreMetaField>> = {
  assist: { type: 'enum', values: ['AUTO SCRATCH', 'LEGACY NOTE', 'NO ASSIST', 'FULL ASSIST'] },
  range: { type: 'enum', values: ['NONE', 'HIDDEN+', 'SUDDEN+', 'LIFT', 'LIFT SUD+', 'SUD+ HID+'] },
  gauge: { type: 'enum', values: ['ASSISTED EASY', 'EASY', 'NORMAL', 'HARD', 'EX-HARD'] },
};

const GAUGE_GRAPH = { type: 'NULLABLE_GRAPH', validate: p.isBetween(0, 100) } as const;

export const IIDX_SP: GPTConfig = {
  providedMetrics: { score: IIDXLIKE_SCORE, lamp: IIDXLIKE_LAMP },
  // IIDX declares percent before grade (BMS and PMS the other way round): validation reports in this order
  derivedMetrics: { percent: IIDXLIKE_PERCENT, grade: IIDXLIKE_GRADE },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    bp: { type: 'INTEGER', validate: p.isPositive },
    gauge: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
    comboBreak: { type: 'INTEGER', validate: p.isPositive },
    gaugeHistory: GAUGE_GRAPH,
    scoreHistory: GAUGE_GRAPH,
    gsmEasy: GAUGE_GRAPH,
    gsmNormal: GAUGE_GRAPH,
    gsmHard: GAUGE_GRAPH,
    gsmEXHard: GAUGE_GRAPH,
  },
  defaultMetric: 'percent',
  preferredDefaultEnum: 'lamp',
  scoreRatingAlgs: ['ktLampRating', 'BPI'],
  sessionRatingAlgs: ['ktLampRating', 'BPI'],
  profileRatingAlgs: ['ktLampRating', 'BPI'],
  defaultScoreRatingAlg: 'ktLampRating',
  defaultSessionRatingAlg: 'ktLampRating',
  defaultProfileRatingAlg: 'ktLampRating',
  difficulties: { type: 'FIXED', order: IIDX_DIFFICULTIES, default: 'ANOTHER' },
  classes: { dan: { type: 'PROVIDED', values: IIDX_DANS } },
  orderedJudgements: IIDXLIKE_JUDGEMENTS,
  versions: IIDX_VERSIONS,
  supportedMatchTypes: ['inGameID', 'tachiSongID', 'songTitle'],
  scoreMeta: { random: { type: 'enum', values: IIDX_RANDOM }, ...SCORE_META_COMMON },
};

/** DP: SP's config with a random option per side. */
export const IIDX_DP: GPTConfig = {
  ...IIDX_SP,
  scoreMeta: { random: { type: 'tuple', values: IIDX_RANDOM, length: 2 }, ...SCORE_META_COMMON },
};
