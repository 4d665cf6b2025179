/** maimai DX (Single): config from Tachi's game-support, rules from its game implementation. */
import { MaimaiDXRate } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileSumBestN, sessionAvgBestN } from '../common/ratings.ts';
import { MAIMAIDX_SINGLE } from './config.ts';

/** Tachi's MAIMAIDX_GBOUNDARIES: SSS+ is a fixed 100.5% (every chart's maximum is 101%). */
export const MAIMAIDX_GBOUNDARIES = gradeBoundaries({
  D: 0,
  C: 50,
  B: 60,
  BB: 70,
  BBB: 75,
  A: 80,
  AA: 90,
  AAA: 94,
  S: 97,
  'S+': 98,
  SS: 99,
  'SS+': 99.5,
  SSS: 100,
  'SSS+': 100.5,
});

/** colour from the profile's naiveRate (sum of the best 50 rates), descending lower bounds */
const COLOURS: readonly (readonly [number, string])[] = [
  [15000, 'RAINBOW'], [14500, 'PLATINUM'], [14000, 'GOLD'], [13000, 'SILVER'], [12000, 'BRONZE'],
  [10000, 'PURPLE'], [7000, 'RED'], [4000, 'YELLOW'], [2000, 'GREEN'], [1000, 'BLUE'],
];

export const maimaidxColour = (naiveRate: number | null | undefined) => classFromThresholds(naiveRate, COLOURS, 'WHITE');

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const percent = s.scoreData.percent as number;
    const { lamp } = s.scoreData;
    if (lamp === 'ALL PERFECT+' && percent !== 101) return 'Cannot have an ALL PERFECT+ without 101%.';
    if (lamp !== 'ALL PERFECT+' && percent === 101) return 'A score of 101% should be an ALL PERFECT+';
    if (lamp === 'ALL PERFECT' && percent < 100.5) return 'Cannot have an ALL PERFECT without at least 100.5%.';
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: { grade: ({ percent }) => gradeFor(MAIMAIDX_GBOUNDARIES, percent as number) },
  chartValidators: {},
  scoreValidators,
  scoreRatings: { rate: (scoreData, chart) => MaimaiDXRate.calculate(scoreData.percent as number, chart.levelNum) },
  sessionRatings: { rate: sessionAvgBestN('rate') },
  profileRatings: { naiveRate: profileSumBestN('rate', 50) },
  classDerivers: { colour: (ratings) => maimaidxColour(ratings.naiveRate) },
  defaultMergeName: 'Best Percent',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const maimaidx: GameModule = {
  game: 'maimaidx',
  name: 'maimai DX',
  playtypes: ['Single'],
  gpt: { Single: { config: MAIMAIDX_SINGLE, rules } },
};
