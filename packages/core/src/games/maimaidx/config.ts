/** maimai DX: Tachi's common/src/config/game-support/maimai-dx.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const MAIMAIDX_LAMPS = ['FAILED', 'CLEAR', 'FULL COMBO', 'FULL COMBO+', 'ALL PERFECT', 'ALL PERFECT+'] as const;

export const MAIMAIDX_GRADES = ['D', 'C', 'B', 'BB', 'BBB', 'A', 'AA', 'AAA', 'S', 'S+', 'SS', 'SS+', 'SSS', 'SSS+'] as const;

export const MAIMAIDX_COLOURS = [
  'WHITE', 'BLUE', 'GREEN', 'YELLOW', 'RED', 'PURPLE', 'BRONZE', 'SILVER', 'GOLD', 'PLATINUM', 'RAINBOW',
] as const;

export const MAIMAIDX_DANS = [
  'DAN_1', 'DAN_2', 'DAN_3', 'DAN_4', 'DAN_5', 'DAN_6', 'DAN_7', 'DAN_8', 'DAN_9', 'DAN_10',
  'SHINDAN_1', 'SHINDAN_2', 'SHINDAN_3', 'SHINDAN_4', 'SHINDAN_5', 'SHINDAN_6', 'SHINDAN_7', 'SHINDAN_8', 'SHINDAN_9', 'SHINDAN_10',
  'SHINKAIDEN', 'URAKAIDEN',
] as const;

/**
 * Tachi lists A5 twice (B5 … B1, A5, A5, A4 …); the second entry is dropped here. Classes are
 * compared by the index of their first occurrence, so the order of every pair is unchanged.
 */
export const MAIMAIDX_MATCHING_CLASSES = [
  'B5', 'B4', 'B3', 'B2', 'B1',
  'A5', 'A4', 'A3', 'A2', 'A1',
  'S5', 'S4', 'S3', 'S2', 'S1',
  'SS5', 'SS4', 'SS3', 'SS2', 'SS1',
  'SSS5', 'SSS4', 'SSS3', 'SSS2', 'SSS1',
  'LEGEND',
] as const;

export const MAIMAIDX_SINGLE: GPTConfig = {
  providedMetrics: {
    percent: { type: 'DECIMAL', validate: p.isBetween(0, 101) },
    lamp: { type: 'ENUM', values: MAIMAIDX_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: MAIMAIDX_GRADES, minimumRelevantValue: 'A' },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    percentGraph: { type: 'NULLABLE_GRAPH', validate: p.isBetween(0, 101) },
    lifeGraph: { type: 'NULLABLE_GRAPH', validate: p.isBetween(0, 999) },
  },
  defaultMetric: 'percent',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['rate'],
  sessionRatingAlgs: ['rate'],
  profileRatingAlgs: ['naiveRate'],
  defaultScoreRatingAlg: 'rate',
  defaultSessionRatingAlg: 'rate',
  defaultProfileRatingAlg: 'naiveRate',
  difficulties: {
    type: 'FIXED',
    order: ['Basic', 'Advanced', 'Expert', 'Master', 'Re:Master', 'DX Basic', 'DX Advanced', 'DX Expert', 'DX Master', 'DX Re:Master'],
    default: 'Master',
  },
  classes: {
    colour: { type: 'DERIVED', values: MAIMAIDX_COLOURS },
    dan: { type: 'PROVIDED', values: MAIMAIDX_DANS },
    matchingClass: { type: 'PROVIDED', values: MAIMAIDX_MATCHING_CLASSES },
  },
  orderedJudgements: ['pcrit', 'perfect', 'great', 'good', 'miss'],
  versions: [
    'universeplus', 'festival', 'festivalplus', 'buddies', 'buddies-omni', 'buddiesplus', 'buddiesplus-omni',
    'prism', 'prism-omni', 'prismplus',
  ],
  supportedMatchTypes: ['songTitle', 'tachiSongID', 'inGameID'],
  scoreMeta: {},
};
