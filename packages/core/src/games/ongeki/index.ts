/** O.N.G.E.K.I. (Single): config from Tachi's game-support, rules from its game implementation. */
import { ONGEKIRating } from 'rg-stats';
import type { ChartDocument, GameModule, GPTRules, ProfilePB } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { mergeFor } from '../common/pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from '../common/ratings.ts';
import { ONGEKI_SINGLE } from './config.ts';

/** Tachi's ONGEKI_GBOUNDARIES */
export const ONGEKI_GBOUNDARIES = gradeBoundaries({
  D: 0,
  C: 500_000,
  B: 700_000,
  BB: 750_000,
  BBB: 800_000,
  A: 850_000,
  AA: 900_000,
  AAA: 940_000,
  S: 970_000,
  SS: 990_000,
  SSS: 1_000_000,
  'SSS+': 1_007_500,
});

const maxPlatScoreOf = (chart: ChartDocument) => chart.data.maxPlatScore as number;
const inGameIDOf = (chart: ChartDocument) => chart.data.inGameID as number;

/** Charts that give no rating: in-game IDs 7000–7999, or an unknown (0) level. */
export const isUnranked = (chart: ChartDocument): boolean =>
  (inGameIDOf(chart) >= 7000 && inGameIDOf(chart) < 8000) || chart.levelNum === 0;

/**
 * Platinum stars from the platinum score: 0 below 94 % of the chart's maximum, then one star per
 * percent up to 6 (rainbow) from 99 %.
 */
export function platinumStars(platinumScore: number, maxPlatScore: number): number {
  const percent = Math.floor((platinumScore / maxPlatScore) * 100);
  return Math.max(0, Math.min(percent, 99) - 93);
}

/** colour from naiveRatingRefresh, descending lower bounds */
const COLOURS: readonly (readonly [number, string])[] = [
  [21, 'RAINBOW_EX'], [20, 'RAINBOW_SHINY'], [19, 'RAINBOW'], [18, 'PLATINUM'], [17, 'GOLD'], [15, 'SILVER'],
  [13, 'COPPER'], [11, 'PURPLE'], [9, 'RED'], [7, 'ORANGE'], [4, 'GREEN'],
];

export const ongekiColour = (naiveRatingRefresh: number | null | undefined) => classFromThresholds(naiveRatingRefresh, COLOURS, 'BLUE');

const bestScoreRatings = profileAvgBestN('scoreRating', 60, false, 1000);
const bestStarRatings = profileAvgBestN('starRating', 50, false, 1000);

/**
 * Re:Fresh's rating without the new/old split: 1.2 × the mean of the best 60 scoreRatings plus the
 * mean of the best 50 starRatings, in thousandths. Never null: a missing part counts as 0.
 */
export function naiveRatingRefresh(pbs: readonly ProfilePB[]): number {
  const score1k = Math.round((bestScoreRatings(pbs) ?? 0) * 1000);
  const star1k = Math.round((bestStarRatings(pbs) ?? 0) * 1000);
  return (Math.floor(score1k * 1.2) + star1k) / 1000.0;
}

const nonNegative = (label: string) => (value: number) => (value < 0 ? `${label} must be non-negative. Got ${value}` : true);

const scoreValidators: GPTRules['scoreValidators'] = [
  (s, chart) => {
    const hit = s.scoreData.judgements.hit ?? 0;
    const miss = s.scoreData.judgements.miss ?? 0;
    const rbreak = s.scoreData.judgements.break ?? 0;
    const score = s.scoreData.score as number;
    const { noteLamp, bellLamp } = s.scoreData;
    const platinumScore = s.scoreData.platinumScore as number;

    if (noteLamp === 'ALL BREAK+') {
      if (hit + miss + rbreak > 0) return 'Cannot have an ALL BREAK+ if not all hits were critical break or better.';
      if (score < 1_010_000) return 'Cannot have an ALL BREAK+ if the score is not 1,010,000';
    }
    if (score === 1_010_000 && (noteLamp !== 'ALL BREAK+' || bellLamp !== 'FULL BELL')) return 'Cannot have a perfect score without FBAB+';
    if (noteLamp === 'ALL BREAK' && hit + miss > 0) return 'Cannot have an ALL BREAK if not all hits were break or better.';
    if (noteLamp === 'FULL COMBO' && miss > 0) return 'Cannot have a FULL COMBO if the score has misses.';
    if (bellLamp === 'FULL BELL' && noteLamp === 'LOSS') return 'Cannot have a LOSS with a FULL BELL.';
    if (platinumScore > maxPlatScoreOf(chart)) return `Cannot have ${platinumScore}/${maxPlatScoreOf(chart)} Platinum Score.`;
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: {
    grade: ({ score }) => gradeFor(ONGEKI_GBOUNDARIES, score as number),
    platinumStars: ({ platinumScore }, chart) => platinumStars(platinumScore as number, maxPlatScoreOf(chart)),
  },
  chartValidators: {
    bellCount: nonNegative('Bell Count'),
    totalBellCount: nonNegative('Total bell Count'),
    damage: nonNegative('Damage'),
    platinumScore: (platinumScore, chart) => {
      if (platinumScore < 0) return `Platinum Score must be non-negative. Got ${platinumScore}`;
      if (platinumScore > maxPlatScoreOf(chart)) {
        return `Platinum Score must not exceed the chart's maximum Platinum Score. Got ${platinumScore}/${maxPlatScoreOf(chart)}`;
      }
      return true;
    },
  },
  scoreValidators,
  scoreRatings: {
    rating: (scoreData, chart) => (isUnranked(chart) ? 0 : ONGEKIRating.calculate(scoreData.score as number, chart.levelNum)),
    scoreRating: (scoreData, chart) =>
      isUnranked(chart)
        ? 0
        : ONGEKIRating.calculateRefresh(
            chart.levelNum,
            scoreData.score as number,
            scoreData.score === 1_010_000 ? 'ALL BREAK+' : (scoreData.noteLamp as ONGEKIRating.OngekiNoteLamp),
            scoreData.bellLamp === 'FULL BELL',
          ),
    starRating: (scoreData, chart) =>
      isUnranked(chart)
        ? 0
        : ONGEKIRating.calculatePlatinum(chart.levelNum, platinumStars(scoreData.platinumScore as number, maxPlatScoreOf(chart))),
  },
  sessionRatings: {
    naiveRating: sessionAvgBestN('rating'),
    naiveScoreRating: sessionAvgBestN('scoreRating'),
    starRating: sessionAvgBestN('starRating'),
  },
  profileRatings: {
    naiveRating: profileAvgBestN('rating', 45, false, 100),
    naiveRatingRefresh,
  },
  classDerivers: { colour: (ratings) => ongekiColour(ratings.naiveRatingRefresh) },
  defaultMergeName: 'Best Score',
  pbMerges: [
    mergeFor('largest', 'platinumScore', 'Best Platinum Score', (pb, score) => {
      pb.scoreData.platinumScore = score.scoreData.platinumScore;
      pb.scoreData.platinumStars = score.scoreData.platinumStars;
    }),
    mergeFor('largest', 'enumIndexes.noteLamp', 'Best Note Lamp', (pb, score) => {
      pb.scoreData.noteLamp = score.scoreData.noteLamp;
    }),
    mergeFor('largest', 'enumIndexes.bellLamp', 'Best Bell Lamp', (pb, score) => {
      pb.scoreData.bellLamp = score.scoreData.bellLamp;
    }),
  ],
};

export const ongeki: GameModule = {
  game: 'ongeki',
  name: 'O.N.G.E.K.I.',
  playtypes: ['Single'],
  gpt: { Single: { config: ONGEKI_SINGLE, rules } },
};
