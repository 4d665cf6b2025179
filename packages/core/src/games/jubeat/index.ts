/** jubeat (Single): config from Tachi's game-support, rules from its game implementation. */
import { Jubility } from 'rg-stats';
import type { GameDataLookup, GameModule, GPTRules, ProfilePB } from '../types.ts';
import { p } from '../common/checks.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge, mergeFor } from '../common/pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from '../common/ratings.ts';
import { JUBEAT_SINGLE } from './config.ts';

export const JUBEAT_GBOUNDARIES = gradeBoundaries({
  E: 0,
  D: 500_000,
  C: 700_000,
  B: 800_000,
  A: 850_000,
  S: 900_000,
  SS: 950_000,
  SSS: 980_000,
  EXC: 1_000_000,
});

/** Tachi's CURRENT_JUBEAT_HOT_VERSION: songs whose data.displayVersion is this are the "hot" (PICK UP) ones */
export const JUBEAT_HOT_VERSION = 'ave';

/** best PBs counted in each half of the profile jubility */
const JUBILITY_PBS_PER_HALF = 30;

const isNormal = (difficulty: string) => difficulty === 'BSC' || difficulty === 'ADV' || difficulty === 'EXT';
const isHard = (difficulty: string) => difficulty === 'HARD BSC' || difficulty === 'HARD ADV' || difficulty === 'HARD EXT';

const normalRate = p.isBetween(0, 100);
const hardRate = p.isBetween(0, 120);

const jubilityOf = (pb: ProfilePB): number | null => {
  const v = pb.calculatedData.jubility;
  return typeof v === 'number' ? v : null;
};

/** Mongo's descending sort on a number that may be null: numbers first, largest first. */
const byJubilityDesc = (a: ProfilePB, b: ProfilePB): number => {
  const x = jubilityOf(a);
  const y = jubilityOf(b);
  if (x === null) return y === null ? 0 : 1;
  if (y === null) return -1;
  return y - x;
};

/**
 * Tachi's GetBestJubilityOnSongs, in memory: among the user's PBs (primary or not) on hot (or
 * other) songs, the best jubility per song and difficulty family (a HARD chart and its normal
 * chart count once), the best `limit` of those, best first. A PB whose song or chart is unknown
 * is not counted, as Tachi's song list and chart $lookup leave it out.
 */
export function bestJubilityPBs(pbs: readonly ProfilePB[], data: GameDataLookup, hot: boolean, limit = JUBILITY_PBS_PER_HALF): ProfilePB[] {
  const best = new Map<string, ProfilePB>();
  for (const pb of [...pbs].sort(byJubilityDesc)) {
    const song = data.song(pb.songID);
    if (!song || (song.data.displayVersion === JUBEAT_HOT_VERSION) !== hot) continue;
    const chart = data.chart(pb.chartID);
    if (!chart) continue;
    const family = chart.difficulty.replace(/^HARD /u, '');
    const key = `${pb.songID}\u0000${family}`;
    if (!best.has(key)) best.set(key, pb);
  }
  return [...best.values()].sort(byJubilityDesc).slice(0, limit);
}

/** Tachi's CalculateJubility: best 30 on hot songs plus best 30 elsewhere (0 without PBs, never null). */
export function profileJubility(pbs: readonly ProfilePB[], data: GameDataLookup): number {
  const sum = (list: readonly ProfilePB[]) => list.reduce((a, e) => a + (jubilityOf(e) ?? 0), 0);
  let jubility = 0;
  jubility = jubility + sum(bestJubilityPBs(pbs, data, true));
  jubility = jubility + sum(bestJubilityPBs(pbs, data, false));
  return jubility;
}

const COLOURS: readonly (readonly [number, string])[] = [
  [9500, 'GOLD'],
  [8500, 'ORANGE'],
  [7000, 'PINK'],
  [5500, 'PURPLE'],
  [4000, 'VIOLET'],
  [2500, 'BLUE'],
  [1500, 'LIGHT_BLUE'],
  [750, 'GREEN'],
  [250, 'YELLOW_GREEN'],
];

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const { lamp, score } = s.scoreData;
    if (lamp === 'EXCELLENT' && score !== 1_000_000) return 'An EXCELLENT lamp must be accompanied with a score of 1 million.';
    if (lamp !== 'EXCELLENT' && score === 1_000_000) return 'A score of 1 million must be accompanied with an EXCELLENT lamp.';
    return undefined;
  },
  (s) => {
    const { good, great, miss, poor } = s.scoreData.judgements;
    if (s.scoreData.lamp === 'EXCELLENT' && (good ?? 0) + (great ?? 0) + (miss ?? 0) + (poor ?? 0) > 0) {
      return "An EXCELLENT lamp can't have any non-perfect judgements.";
    }
    if (s.scoreData.lamp === 'FULL COMBO' && (miss ?? 0) > 0) return 'A FULL COMBO cannot have any misses.';
    return undefined;
  },
  (s) => {
    const score = s.scoreData.score as number;
    if (score < 700_000 && s.scoreData.lamp !== 'FAILED') return 'A score of <700k must be a fail.';
    if (score >= 700_000 && s.scoreData.lamp === 'FAILED') return 'A score >=700k must be a clear.';
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: { grade: ({ score }) => gradeFor(JUBEAT_GBOUNDARIES, score as number) },
  chartValidators: {
    musicRate: (rate, chart) => {
      if (isNormal(chart.difficulty)) return normalRate(rate);
      if (isHard(chart.difficulty)) return hardRate(rate);
      return true;
    },
  },
  scoreValidators,
  scoreRatings: {
    jubility: (scoreData, chart) => Jubility.calculate(scoreData.score as number, scoreData.musicRate as number, chart.levelNum),
  },
  sessionRatings: { jubility: sessionAvgBestN('jubility') },
  profileRatings: {
    jubility: profileJubility,
    naiveJubility: profileSumBestN('jubility', 60),
  },
  classDerivers: { colour: (ratings) => classFromThresholds(ratings.jubility, COLOURS, 'BLACK') },
  // musicRate is the base; the best score and the best lamp are merged in
  defaultMergeName: 'Best Music Rate',
  pbMerges: [
    bestLampMerge(),
    mergeFor('largest', 'score', 'Best Score', (pb, score) => {
      pb.scoreData.score = score.scoreData.score;
      pb.scoreData.grade = score.scoreData.grade;
    }),
  ],
};

export const jubeat: GameModule = {
  game: 'jubeat',
  name: 'jubeat',
  playtypes: ['Single'],
  gpt: { Single: { config: JUBEAT_SINGLE, rules } },
  notes: "Tachi's jubeat charts are not in its repository as it can be fetched here: load them with `cli seed --from`.",
};
