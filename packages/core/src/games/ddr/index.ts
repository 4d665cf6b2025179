/** DanceDanceRevolution (SP, DP): config from Tachi's game-support, rules from its game implementation. */
import { DDRFlare } from 'rg-stats';
import type { GameDataLookup, GameModule, GPTRules, ProfilePB } from '../types.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge, mergeFor } from '../common/pb-merges.ts';
import { sessionAvgBestN } from '../common/ratings.ts';
import { DDR_DP, DDR_FLARE_CLASSES, DDR_FLARE_RANKS, DDR_SP } from './config.ts';

export const DDR_GBOUNDARIES = gradeBoundaries({
  AAA: 990_000,
  'AA+': 950_000,
  AA: 900_000,
  'AA-': 890_000,
  'A+': 850_000,
  A: 800_000,
  'A-': 790_000,
  'B+': 750_000,
  B: 700_000,
  'B-': 690_000,
  'C+': 650_000,
  C: 600_000,
  'C-': 590_000,
  'D+': 550_000,
  D: 0,
  // only a failed score gets it (the deriver caps a fail at E)
  E: -Infinity,
});

/** Grade from score, E for any failed score. */
export function ddrGrade(score: number, lamp: unknown): string {
  if (lamp === 'FAILED') return 'E';
  return gradeFor(DDR_GBOUNDARIES, score);
}

/** Flare points of a score: 0 when failed, else rg-stats' flare for the chart level and flare rank (none = 0). */
export function ddrFlarePoints(lamp: unknown, flare: unknown, levelNum: number): number {
  if (lamp === 'FAILED') return 0;
  const flareLevel = flare ? DDR_FLARE_RANKS.indexOf(flare as (typeof DDR_FLARE_RANKS)[number]) : 0;
  return DDRFlare.calculate(levelNum, flareLevel);
}

/** best flare points counted per flare category */
const FLARE_PBS_PER_CATEGORY = 30;

/**
 * Tachi's profile flareSkill, in memory: the user's primary PBs with numeric flare points whose
 * song is known, best first; the best 30 of each flare category (CLASSIC, WHITE, GOLD) summed.
 * Songs of category NONE never count. Null when no such PB exists.
 */
export function profileFlareSkill(pbs: readonly ProfilePB[], data: GameDataLookup): number | null {
  const withSongs: { points: number; category: unknown }[] = [];
  for (const pb of pbs) {
    const points = pb.calculatedData.flareSkill;
    if (!pb.isPrimary || typeof points !== 'number') continue;
    const song = data.song(pb.songID);
    if (song) withSongs.push({ points, category: song.data.flareCategory });
  }
  if (withSongs.length === 0) return null;
  withSongs.sort((a, b) => b.points - a.points);
  const taken: Record<string, number> = { CLASSIC: 0, WHITE: 0, GOLD: 0 };
  let total = 0;
  for (const { points, category } of withSongs) {
    if (typeof category !== 'string' || !Object.hasOwn(taken, category)) continue;
    if (taken[category]++ < FLARE_PBS_PER_CATEGORY) total = total + points;
  }
  return total;
}

/** upper bounds (exclusive) of each flare class below WORLD, from Tachi's deriver */
const FLARE_CLASS_UPPER_BOUNDS = [
  500, 1000, 1500, 2000, // NONE
  3000, 4000, 5000, 6000, // MERCURY
  7000, 8000, 9000, 10000, // VENUS
  11500, 13000, 14500, 16000, // EARTH
  18000, 20000, 22000, 24000, // MARS
  26500, 29000, 31500, 34000, // JUPITER
  36750, 39500, 42250, 45000, // SATURN
  48750, 52500, 56250, 60000, // URANUS
  63750, 67500, 71250, 75000, // NEPTUNE
  78750, 82500, 86250, 90000, // SUN
] as const;

export function ddrFlareClass(flareSkill: number | null | undefined): string | null {
  if (flareSkill === null || flareSkill === undefined) return null;
  const i = FLARE_CLASS_UPPER_BOUNDS.findIndex((bound) => flareSkill < bound);
  return i === -1 ? 'WORLD' : DDR_FLARE_CLASSES[i];
}

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

const scoreValidators: GPTRules['scoreValidators'] = [
  // the score from the judgements and the chart's step count (DDR A's scoring)
  (s, chart) => {
    const stepCount = chart.data.stepCount;
    if (s.scoreData.lamp === 'FAILED' || isNullish(stepCount)) return undefined;
    const { MARVELOUS, PERFECT, GREAT, GOOD, OK, MISS } = s.scoreData.judgements;
    if (isNullish(MARVELOUS) || isNullish(PERFECT) || isNullish(GREAT) || isNullish(GOOD) || isNullish(OK) || isNullish(MISS)) return undefined;
    const maxPoints = 5 * (stepCount as number);
    const scorePoints = 5 * (MARVELOUS + PERFECT + OK) + 3 * GREAT + GOOD;
    const penaltiedPoints = scorePoints * 100_000 - (PERFECT + GREAT + GOOD) * maxPoints;
    const calculatedScore = Math.floor(penaltiedPoints / maxPoints) * 10;
    if (calculatedScore !== s.scoreData.score) {
      return `Expected calculated score from judgements of ${calculatedScore} to equal score of ${String(s.scoreData.score)}.`;
    }
    return undefined;
  },
  (s) => {
    const { MARVELOUS, PERFECT, GREAT, GOOD, MISS } = s.scoreData.judgements;
    if (isNullish(MARVELOUS) || isNullish(PERFECT) || isNullish(GREAT) || isNullish(GOOD) || isNullish(MISS)) return undefined;
    switch (s.scoreData.lamp) {
      case 'FULL COMBO':
        return MISS > 0 ? 'Cannot have a FULL COMBO with more than 0 MISS' : undefined;
      case 'GREAT FULL COMBO':
        return MISS > 0 || GOOD > 0 ? 'Cannot have a GREAT FULL COMBO with more than 0 MISS and GOOD' : undefined;
      case 'PERFECT FULL COMBO':
        return MISS > 0 || GOOD > 0 || GREAT > 0 ? 'Cannot have a PERFECT FULL COMBO with more than 0 MISS, GOOD and GREAT' : undefined;
      case 'MARVELOUS FULL COMBO':
        // Tachi's message, typo included
        return MISS > 0 || GOOD > 0 || GREAT > 0 || PERFECT > 0
          ? 'Cannot have a MARVELOUS FULL COMBO with anyhing else than MARVELOUS judgements'
          : undefined;
      default:
        return undefined;
    }
  },
  (s) => {
    const { MARVELOUS, PERFECT, GREAT, OK } = s.scoreData.judgements;
    const exScore = s.scoreData.optional.exScore;
    if (isNullish(MARVELOUS) || isNullish(PERFECT) || isNullish(GREAT) || isNullish(OK) || isNullish(exScore)) return undefined;
    const calculatedExScore = MARVELOUS * 3 + OK * 3 + PERFECT * 2 + GREAT;
    if (calculatedExScore !== exScore) return `EXScore expected to be ${calculatedExScore} instead of ${String(exScore)}`;
    return undefined;
  },
];

/** Tachi's DDR_IMPL, shared by SP and DP. */
const rules: GPTRules = {
  derivers: { grade: ({ score, lamp }) => ddrGrade(score as number, lamp) },
  chartValidators: {},
  scoreValidators,
  scoreRatings: {
    flareSkill: (scoreData, chart) => ddrFlarePoints(scoreData.lamp, scoreData.optional.flare, chart.levelNum),
  },
  sessionRatings: { flareSkill: sessionAvgBestN('flareSkill') },
  profileRatings: { flareSkill: profileFlareSkill },
  classDerivers: { flare: (ratings) => ddrFlareClass(ratings.flareSkill) },
  defaultMergeName: 'Best Score',
  pbMerges: [
    bestLampMerge(),
    mergeFor('largest', 'score', 'Best Score', (pb, score) => {
      pb.scoreData.score = score.scoreData.score;
      pb.scoreData.grade = score.scoreData.grade;
    }),
    mergeFor('largest', 'optional.exScore', 'Best EX Score', (pb, score) => {
      pb.scoreData.optional.exScore = score.scoreData.optional.exScore;
    }),
  ],
};

export const ddr: GameModule = {
  game: 'ddr',
  name: 'DDR',
  playtypes: ['SP', 'DP'],
  gpt: {
    SP: { config: DDR_SP, rules },
    DP: { config: DDR_DP, rules },
  },
};
