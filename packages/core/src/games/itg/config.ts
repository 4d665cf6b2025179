/** ITG (In The Groove, stamina play): Tachi's common/src/config/game-support/itg.ts. */
import type { GPTConfig } from '../types.ts';
import { p } from '../common/checks.ts';

export const ITG_LAMPS = ['FAILED', 'CLEAR', 'FULL COMBO', 'FULL EXCELLENT COMBO', 'QUAD', 'QUINT'] as const;
/** F only for a fail (grades are lamp-capped) */
export const ITG_GRADES = ['F', 'D', 'C', 'B', 'A', 'S', '★', '★★', '★★★', '★★★★'] as const;

export const ITG_STAMINA: GPTConfig = {
  providedMetrics: {
    // negative percents exist in ITG but are not supported (they would break finalPercent)
    scorePercent: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
    // how far through the chart the player got: 100 for a clear
    survivedPercent: { type: 'DECIMAL', validate: p.isBetween(0, 100) },
    lamp: { type: 'ENUM', values: ITG_LAMPS, minimumRelevantValue: 'FAILED' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: ITG_GRADES, minimumRelevantValue: 'A' },
    // survivedPercent for a fail, 100 + scorePercent for a clear: every clear ranks above every fail
    finalPercent: { type: 'DECIMAL', validate: p.isBetween(0, 200) },
  },
  optionalMetrics: {
    lifebarHistory: { type: 'GRAPH', validate: p.isBetween(0, 100) },
  },
  defaultMetric: 'finalPercent',
  preferredDefaultEnum: 'lamp',
  scoreRatingAlgs: ['blockRating', 'fastest32'],
  sessionRatingAlgs: ['blockRating'],
  profileRatingAlgs: ['highestBlock', 'fastest32'],
  defaultScoreRatingAlg: 'blockRating',
  defaultSessionRatingAlg: 'blockRating',
  defaultProfileRatingAlg: 'highestBlock',
  // charts name their own difficulties
  difficulties: { type: 'DYNAMIC' },
  classes: {},
  orderedJudgements: ['fantastic+', 'fantastic', 'excellent', 'great', 'decent', 'wayoff', 'miss'],
  versions: [],
  supportedMatchTypes: ['itgChartHash'],
  scoreMeta: {},
};
