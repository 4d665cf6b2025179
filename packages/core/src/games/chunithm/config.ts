/** CHUNITHM: Tachi's common/src/config/game-support/chunithm.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const CHUNITHM_NOTE_LAMPS = ['NONE', 'FULL COMBO', 'ALL JUSTICE', 'ALL JUSTICE CRITICAL'] as const;
export const CHUNITHM_CLEAR_LAMPS = ['FAILED', 'CLEAR', 'HARD', 'BRAVE', 'ABSOLUTE', 'CATASTROPHY'] as const;
export const CHUNITHM_GRADES = ['D', 'C', 'B', 'BB', 'BBB', 'A', 'AA', 'AAA', 'S', 'S+', 'SS', 'SS+', 'SSS', 'SSS+'] as const;

const DANS = ['DAN_I', 'DAN_II', 'DAN_III', 'DAN_IV', 'DAN_V', 'DAN_INFINITE'] as const;

export const CHUNITHM_SINGLE: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 1_010_000) },
    noteLamp: { type: 'ENUM', values: CHUNITHM_NOTE_LAMPS, minimumRelevantValue: 'FULL COMBO' },
    clearLamp: { type: 'ENUM', values: CHUNITHM_CLEAR_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: CHUNITHM_GRADES, minimumRelevantValue: 'A' },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    scoreGraph: { type: 'GRAPH', validate: p.isBetween(0, 1010000) },
    lifeGraph: { type: 'GRAPH', validate: p.isBetween(0, 999) },
  },
  defaultMetric: 'score',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['rating'],
  sessionRatingAlgs: ['naiveRating'],
  profileRatingAlgs: ['naiveRating'],
  defaultScoreRatingAlg: 'rating',
  defaultSessionRatingAlg: 'naiveRating',
  defaultProfileRatingAlg: 'naiveRating',
  difficulties: { type: 'FIXED', order: ['BASIC', 'ADVANCED', 'EXPERT', 'MASTER', 'ULTIMA'], default: 'MASTER' },
  classes: {
    colour: {
      type: 'DERIVED',
      values: [
        'BLUE', 'GREEN', 'ORANGE', 'RED', 'PURPLE', 'COPPER', 'SILVER', 'GOLD', 'PLATINUM',
        'RAINBOW', 'RAINBOW_II', 'RAINBOW_III', 'RAINBOW_IV', 'RAINBOW_EX_I', 'RAINBOW_EX_II', 'RAINBOW_EX_III',
      ],
    },
    dan: { type: 'PROVIDED', values: DANS },
    emblem: { type: 'PROVIDED', values: DANS },
  },
  orderedJudgements: ['jcrit', 'justice', 'attack', 'miss'],
  versions: [
    'paradiselost', 'new', 'newplus', 'sun', 'sun-intl', 'sun-omni', 'sunplus', 'sunplus-intl',
    'sunplus-omni', 'luminous', 'luminous-intl', 'luminous-omni', 'luminousplus', 'luminousplus-intl',
    'luminousplus-omni', 'verse', 'verse-intl', 'verse-omni',
  ],
  supportedMatchTypes: ['inGameID', 'songTitle', 'tachiSongID'],
  scoreMeta: {},
};
