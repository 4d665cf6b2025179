/** WACCA (Single): config from Tachi's game-support, rules from its game implementation. */
import { WACCARate } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from '../common/ratings.ts';
import { WACCA_SINGLE } from './config.ts';

/** Tachi's WACCA_GBOUNDARIES (C really starts at a score of 1). */
export const WACCA_GBOUNDARIES = gradeBoundaries({
  D: 0,
  C: 1,
  B: 300_100,
  A: 700_000,
  AA: 800_000,
  AAA: 850_000,
  S: 900_000,
  'S+': 930_000,
  SS: 950_000,
  'SS+': 970_000,
  SSS: 980_000,
  'SSS+': 990_000,
  MASTER: 1_000_000,
});

/** colour from the profile's naiveRate (sum of the best 50 rates), descending lower bounds */
const COLOURS: readonly (readonly [number, string])[] = [
  [2500, 'RAINBOW'], [2200, 'GOLD'], [1900, 'SILVER'], [1600, 'BLUE'], [1300, 'PURPLE'],
  [1000, 'RED'], [600, 'YELLOW'], [300, 'NAVY'],
];

export const waccaColour = (naiveRate: number | null | undefined) => classFromThresholds(naiveRate, COLOURS, 'ASH');

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const { score, lamp } = s.scoreData;
    if (lamp === 'ALL MARVELOUS' && score !== 1_000_000) return `ALL MARVELOUS scores must have a perfect score. Got ${String(score)} instead.`;
    if (score === 1_000_000 && lamp !== 'ALL MARVELOUS') return `Perfect scores of 1 million must have ALL MARVELOUS as their lamp. Got ${String(lamp)} instead.`;
    return undefined;
  },
  (s) => {
    const { miss } = s.scoreData.judgements;
    if (miss === null || miss === undefined || miss === 0) return undefined;
    if (s.scoreData.lamp === 'FULL COMBO') return 'Cannot have a FULL COMBO with misses.';
    if (miss > 5 && s.scoreData.lamp === 'MISSLESS') return 'Cannot have a MISSLESS lamp with >5 misses.';
    return undefined;
  },
  (s) => {
    const { miss, good, great } = s.scoreData.judgements;
    if (s.scoreData.lamp === 'ALL MARVELOUS' && (miss ?? 0) + (good ?? 0) + (great ?? 0) > 0) {
      return 'Cannot have an ALL MARVELOUS if all judgements were not marvelous.';
    }
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: { grade: ({ score }) => gradeFor(WACCA_GBOUNDARIES, score as number) },
  chartValidators: {},
  scoreValidators,
  scoreRatings: { rate: (scoreData, chart) => WACCARate.calculate(scoreData.score as number, chart.levelNum) },
  sessionRatings: { rate: sessionAvgBestN('rate') },
  profileRatings: { naiveRate: profileSumBestN('rate', 50) },
  classDerivers: { colour: (ratings) => waccaColour(ratings.naiveRate) },
  defaultMergeName: 'Best Score',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const wacca: GameModule = {
  game: 'wacca',
  name: 'WACCA',
  playtypes: ['Single'],
  gpt: { Single: { config: WACCA_SINGLE, rules } },
};
