/** DanceDanceRevolution: Tachi's common/src/config/game-support/ddr.ts (SP and DP share one config). */
import type { GPTConfig } from '../types.ts';
import { FAST_SLOW_MAXCOMBO } from '../common/metrics.ts';
import { p } from '../common/checks.ts';

export const DDR_LAMPS = [
  'FAILED',
  'ASSIST',
  'CLEAR',
  'FULL COMBO',
  'GREAT FULL COMBO',
  'PERFECT FULL COMBO',
  'MARVELOUS FULL COMBO',
  'LIFE4',
] as const;

export const DDR_GRADES = ['E', 'D', 'D+', 'C-', 'C', 'C+', 'B-', 'B', 'B+', 'A-', 'A', 'A+', 'AA-', 'AA', 'AA+', 'AAA'] as const;

/** Flare ranks: the index is the flare level rg-stats takes (0 = no flare … 10 = Flare EX) */
export const DDR_FLARE_RANKS = ['0', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'EX'] as const;

/** A song's data.flareCategory: which third of the profile flare skill its charts count in */
export const DDR_FLARE_CATEGORIES = ['CLASSIC', 'WHITE', 'GOLD', 'NONE'] as const;

const PLANETS = ['NONE', 'MERCURY', 'VENUS', 'EARTH', 'MARS', 'JUPITER', 'SATURN', 'URANUS', 'NEPTUNE', 'SUN'] as const;

/** NONE, NONE+, NONE++, NONE+++, MERCURY, … SUN+++, WORLD */
export const DDR_FLARE_CLASSES: readonly string[] = [...PLANETS.flatMap((planet) => ['', '+', '++', '+++'].map((plus) => `${planet}${plus}`)), 'WORLD'];

export const DDR_SP: GPTConfig = {
  providedMetrics: {
    score: { type: 'INTEGER', validate: p.isBetween(0, 1_000_000) },
    lamp: { type: 'ENUM', values: DDR_LAMPS, minimumRelevantValue: 'CLEAR' },
  },
  derivedMetrics: {
    grade: { type: 'ENUM', values: DDR_GRADES, minimumRelevantValue: 'D' },
  },
  optionalMetrics: {
    flare: { type: 'ENUM', values: DDR_FLARE_RANKS, minimumRelevantValue: '0' },
    exScore: { type: 'INTEGER', validate: p.isPositiveInteger, partOfScoreID: true },
    ...FAST_SLOW_MAXCOMBO,
  },
  defaultMetric: 'score',
  preferredDefaultEnum: 'lamp',
  scoreRatingAlgs: ['flareSkill'],
  sessionRatingAlgs: ['flareSkill'],
  profileRatingAlgs: ['flareSkill'],
  defaultScoreRatingAlg: 'flareSkill',
  defaultSessionRatingAlg: 'flareSkill',
  defaultProfileRatingAlg: 'flareSkill',
  difficulties: { type: 'FIXED', order: ['BEGINNER', 'BASIC', 'DIFFICULT', 'EXPERT', 'CHALLENGE'], default: 'EXPERT' },
  classes: {
    flare: { type: 'DERIVED', values: DDR_FLARE_CLASSES },
  },
  orderedJudgements: ['MARVELOUS', 'PERFECT', 'GREAT', 'GOOD', 'MISS', 'OK'],
  versions: ['a', 'a20', 'a20plus', 'a3', 'konaste', 'world'],
  supportedMatchTypes: ['inGameID', 'songTitle', 'tachiSongID', 'ddrSongHash'],
  scoreMeta: {},
};

export const DDR_DP: GPTConfig = { ...DDR_SP };
