/** O.N.G.E.K.I.: Tachi's common/src/config/game-support/ongeki.ts. */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const ONGEKI_NOTE_LAMPS = ['LOSS', 'CLEAR', 'FULL COMBO', 'ALL BREAK', 'ALL BREAK+'] as const;
export const ONGEKI_BELL_LAMPS = ['NONE', 'FULL BELL'] as const;
export const ONGEKI_GRADES = ['D', 'C', 'B', 'BB', 'BBB', 'A', 'AA', 'AAA', 'S', 'SS', 'SSS', 'SSS+'] as const;

export const ONGEKI_COLOURS = [
  'BLUE', 'GREEN', 'ORANGE', 'RED', 'PURPLE', 'COPPER', 'SILVER', 'GOLD', 'PLATINUM', 'RAINBOW', 'RAINBOW_SHINY', 'RAINBOW_EX',
] as const;

export const ONGEKI_SINGLE: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 1_010_000) },
    noteLamp: { type: 'ENUM', values: ONGEKI_NOTE_LAMPS, minimumRelevantValue: 'CLEAR' },
    bellLamp: { type: 'ENUM', values: ONGEKI_BELL_LAMPS, minimumRelevantValue: 'FULL BELL' },
    // upper bound: the chart's maxPlatScore, see the chart validator
    platinumScore: { type: 'INTEGER', chartDependentMax: true },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: ONGEKI_GRADES, minimumRelevantValue: 'A' },
    platinumStars: { type: 'INTEGER', validate: p.isBetween(0, 6) },
  },
  optionalMetrics: {
    ...FAST_SLOW_MAXCOMBO,
    damage: { type: 'INTEGER', chartDependentMax: true, partOfScoreID: true },
    bellCount: { type: 'INTEGER', chartDependentMax: true, partOfScoreID: true },
    totalBellCount: { type: 'INTEGER', chartDependentMax: true },
    scoreGraph: { type: 'NULLABLE_GRAPH', validate: p.isBetween(0, 1010000) },
    platinumGraph: { type: 'NULLABLE_GRAPH', validate: p.isBetween(-100000, 0) },
    bellGraph: { type: 'NULLABLE_GRAPH', validate: p.isBetween(-10000, 0) },
    lifeGraph: { type: 'NULLABLE_GRAPH', validate: p.isBetween(0, 100) },
  },
  defaultMetric: 'score',
  preferredDefaultEnum: 'grade',
  // Tachi's GetSortedPBs for O.N.G.E.K.I.: technical score, then platinum score
  rankingMetrics: ['score', 'platinumScore'],
  scoreRatingAlgs: ['rating', 'scoreRating', 'starRating'],
  sessionRatingAlgs: ['naiveRating', 'naiveScoreRating', 'starRating'],
  profileRatingAlgs: ['naiveRating', 'naiveRatingRefresh'],
  defaultScoreRatingAlg: 'rating',
  defaultSessionRatingAlg: 'naiveRating',
  defaultProfileRatingAlg: 'naiveRating',
  difficulties: { type: 'FIXED', order: ['BASIC', 'ADVANCED', 'EXPERT', 'MASTER', 'LUNATIC'], default: 'MASTER' },
  classes: {
    colour: { type: 'DERIVED', values: ONGEKI_COLOURS },
  },
  orderedJudgements: ['cbreak', 'break', 'hit', 'miss'],
  versions: ['brightMemory2Omni', 'brightMemory3', 'brightMemory3Omni', 'refresh', 'refreshOmni'],
  supportedMatchTypes: ['songTitle', 'tachiSongID', 'inGameID'],
  scoreMeta: {},
};
