/** GITADORA: Tachi's common/src/config/game-support/gitadora.ts (Gita and Dora, each with its own difficulties). */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const GITADORA_LAMPS = ['FAILED', 'CLEAR', 'FULL COMBO', 'EXCELLENT'] as const;

export const GITADORA_GRADES = ['C', 'B', 'A', 'S', 'SS', 'MAX'] as const;

export const GITADORA_COLOURS = [
  'WHITE', 'ORANGE', 'ORANGE_GRD', 'YELLOW', 'YELLOW_GRD', 'GREEN', 'GREEN_GRD', 'BLUE', 'BLUE_GRD',
  'PURPLE', 'PURPLE_GRD', 'RED', 'RED_GRD', 'BRONZE', 'SILVER', 'GOLD', 'RAINBOW',
] as const;

export const GITADORA_GITA: GPTConfig = {
  providedMetrics: {
    percent: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
    lamp: { type: 'ENUM', values: GITADORA_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: GITADORA_GRADES, minimumRelevantValue: 'A' },
  },
  optionalMetrics: { ...FAST_SLOW_MAXCOMBO },
  defaultMetric: 'percent',
  preferredDefaultEnum: 'grade',
  scoreRatingAlgs: ['skill'],
  sessionRatingAlgs: ['skill'],
  profileRatingAlgs: ['naiveSkill'],
  defaultScoreRatingAlg: 'skill',
  defaultSessionRatingAlg: 'skill',
  defaultProfileRatingAlg: 'naiveSkill',
  difficulties: {
    type: 'FIXED',
    order: ['BASIC', 'ADVANCED', 'EXTREME', 'MASTER', 'BASS BASIC', 'BASS ADVANCED', 'BASS EXTREME', 'BASS MASTER'],
    default: 'EXTREME',
  },
  classes: {
    colour: { type: 'DERIVED', values: GITADORA_COLOURS },
  },
  orderedJudgements: ['perfect', 'great', 'good', 'ok', 'miss'],
  versions: ['konaste', 'fuzzUp', 'highVoltage', 'nextage', 'exchain', 'matixx'],
  supportedMatchTypes: ['inGameID', 'songTitle', 'tachiSongID'],
  scoreMeta: {},
};

/** Dora is Gita with the drum difficulties only. */
export const GITADORA_DORA: GPTConfig = {
  ...GITADORA_GITA,
  difficulties: { type: 'FIXED', order: ['BASIC', 'ADVANCED', 'EXTREME', 'MASTER'], default: 'EXTREME' },
};
