/** USC (unnamed SDVX clone): Tachi's common/src/config/game-support/usc.ts. Keyboard's config is Controller's. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { SDVX_CLASSES, SDVXLIKE_GRADES, SDVXLIKE_SCORE } from '../common/sdvx-like.ts';
import { p } from '../common/checks.ts';

/** SDVX's lamps without MAXXIVE CLEAR */
export const USC_LAMPS = ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'ULTIMATE CHAIN', 'PERFECT ULTIMATE CHAIN'] as const;

export const USC_CONTROLLER: GPTConfig = {
  providedMetrics: {
    score: SDVXLIKE_SCORE,
    lamp: { type: 'ENUM', values: USC_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: SDVXLIKE_GRADES, minimumRelevantValue: 'A+' },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
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
  difficulties: { type: 'FIXED', order: ['NOV', 'ADV', 'EXH', 'INF'], default: 'EXH' },
  classes: {
    vfClass: { type: 'DERIVED', values: SDVX_CLASSES },
  },
  orderedJudgements: ['critical', 'near', 'miss'],
  versions: [],
  supportedMatchTypes: ['uscChartHash', 'tachiSongID'],
  scoreMeta: {
    noteMod: { type: 'enum', values: ['MIR-RAN', 'MIRROR', 'NORMAL', 'RANDOM'] },
    gaugeMod: { type: 'enum', values: ['NORMAL', 'HARD', 'PERMISSIVE'] },
  },
};

export const USC_KEYBOARD: GPTConfig = USC_CONTROLLER;
