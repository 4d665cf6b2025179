/** MÚSECA: Tachi's common/src/config/game-support/museca.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

/** a CLEAR is >= 800k, a FAILED anything less (Tachi ignores story mode) */
export const MUSECA_LAMPS = ['FAILED', 'CLEAR', 'CONNECT ALL', 'PERFECT CONNECT ALL'] as const;
export const MUSECA_GRADES = ['没', '拙', '凡', '佳', '良', '優', '秀', '傑', '傑G'] as const;

export const MUSECA_SINGLE: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 1_000_000) },
    lamp: { type: 'ENUM', values: MUSECA_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    // 優 = 900k
    grade: { type: 'ENUM', values: MUSECA_GRADES, minimumRelevantValue: '優' },
  },
  optionalMetrics: FAST_SLOW_MAXCOMBO,
  defaultMetric: 'score',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['curatorSkill'],
  sessionRatingAlgs: ['curatorSkill'],
  profileRatingAlgs: ['curatorSkill'],
  defaultScoreRatingAlg: 'curatorSkill',
  defaultSessionRatingAlg: 'curatorSkill',
  defaultProfileRatingAlg: 'curatorSkill',
  difficulties: { type: 'FIXED', order: ['Green', 'Yellow', 'Red'], default: 'Red' },
  classes: {},
  orderedJudgements: ['critical', 'near', 'miss'],
  versions: ['1.5', '1.5-b'],
  supportedMatchTypes: ['songTitle', 'tachiSongID', 'inGameID'],
  scoreMeta: {},
};
