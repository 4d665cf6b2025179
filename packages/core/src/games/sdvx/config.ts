/** SOUND VOLTEX: Tachi's common/src/config/game-support/sdvx.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { SDVX_CLASSES, SDVXLIKE_GRADES, SDVXLIKE_SCORE } from '../common/sdvx-like.ts';
import { p } from '../common/checks.ts';

export const SDVX_LAMPS = ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'MAXXIVE CLEAR', 'ULTIMATE CHAIN', 'PERFECT ULTIMATE CHAIN'] as const;

/** the difficulties sdvxInGameID's ANY_INF stands for */
export const SDVX_ANY_INF = ['INF', 'GRV', 'HVN', 'VVD', 'XCD'] as const;

export const SDVX_SINGLE: GPTConfig = {
  providedMetrics: {
    score: SDVXLIKE_SCORE,
    lamp: { type: 'ENUM', values: SDVX_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: SDVXLIKE_GRADES, minimumRelevantValue: 'A+' },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    exScore: { type: 'INTEGER', chartDependentMax: true, partOfScoreID: true },
    gauge: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
  },
  defaultMetric: 'score',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['VF6'],
  sessionRatingAlgs: ['ProfileVF6'],
  profileRatingAlgs: ['VF6'],
  defaultScoreRatingAlg: 'VF6',
  defaultSessionRatingAlg: 'ProfileVF6',
  defaultProfileRatingAlg: 'VF6',
  difficulties: { type: 'FIXED', order: ['NOV', 'ADV', 'EXH', 'INF', 'GRV', 'HVN', 'VVD', 'XCD', 'MXM', 'ULT'], default: 'EXH' },
  classes: {
    dan: {
      type: 'PROVIDED',
      values: ['DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10', 'DAN_11', 'INF'],
    },
    vfClass: { type: 'DERIVED', values: SDVX_CLASSES },
  },
  orderedJudgements: ['critical', 'near', 'miss'],
  versions: ['booth', 'inf', 'gw', 'heaven', 'vivid', 'exceed', 'konaste'],
  supportedMatchTypes: ['sdvxInGameID', 'songTitle', 'tachiSongID'],
  scoreMeta: {},
};
