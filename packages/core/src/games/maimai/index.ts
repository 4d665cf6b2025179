/** maimai (Single): config from Tachi's game-support, rules from its game implementation. */
import { MaimaiRate } from 'rg-stats';
import type { ChartDocument, GameModule, GPTRules } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from '../common/ratings.ts';
import { MAIMAI_SINGLE } from './config.ts';

/**
 * Tachi's MAIMAI_GBOUNDARIES. The real SSS+ boundary is the chart's maxPercent (the grade deriver
 * sees the chart); 104 only stands for "above every chart".
 */
export const MAIMAI_GBOUNDARIES = gradeBoundaries({
  F: 0,
  E: 10,
  D: 20,
  C: 40,
  B: 60,
  A: 80,
  AA: 90,
  AAA: 94,
  S: 97,
  'S+': 98,
  SS: 99,
  'SS+': 99.5,
  SSS: 100,
  'SSS+': 104,
});

/** the chart's maximum percent (100 + its BREAK bonus), Tachi's chart.data.maxPercent */
export const maxPercentOf = (chart: ChartDocument) => chart.data.maxPercent as number;

/** colour from the profile's naiveRate (mean of the best 30 rates), descending lower bounds */
const COLOURS: readonly (readonly [number, string])[] = [
  [15, 'RAINBOW'], [14.5, 'GOLD'], [14, 'SILVER'], [13, 'BRONZE'], [12, 'PURPLE'],
  [10, 'RED'], [7, 'YELLOW'], [4, 'GREEN'], [2, 'BLUE'],
];

export const maimaiColour = (naiveRate: number | null | undefined) => classFromThresholds(naiveRate, COLOURS, 'WHITE');

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => ((s.scoreData.percent as number) > 104 ? 'Score cannot be greater than 104%.' : undefined),
  (s) => {
    const { lamp, grade } = s.scoreData;
    if (lamp === 'ALL PERFECT+' && grade !== 'SSS+') return 'Cannot have an ALL PERFECT+ without grade SSS+.';
    if (grade === 'SSS+' && lamp !== 'ALL PERFECT+') return 'Cannot have grade SSS+ without an ALL PERFECT+';
    return undefined;
  },
  (s) => {
    const great = s.scoreData.judgements.great ?? 0;
    const good = s.scoreData.judgements.good ?? 0;
    const miss = s.scoreData.judgements.miss ?? 0;
    if (s.scoreData.lamp === 'ALL PERFECT' && great + good + miss > 0) return 'Cannot have an ALL PERFECT with any non-perfect judgements.';
    if (s.scoreData.lamp === 'FULL COMBO' && miss > 0) return 'Cannot have a FULL COMBO if the score has misses.';
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: {
    grade: ({ percent }, chart) => (percent === maxPercentOf(chart) ? 'SSS+' : gradeFor(MAIMAI_GBOUNDARIES, percent as number)),
  },
  chartValidators: {
    percent: (percent, chart) => {
      if (percent < 0) return 'Percent cannot be negative.';
      if (percent > maxPercentOf(chart)) return `Percent cannot be greater than ${maxPercentOf(chart)} for this chart.`;
      return true;
    },
  },
  scoreValidators,
  scoreRatings: {
    rate: (scoreData, chart) => MaimaiRate.calculate(scoreData.percent as number, maxPercentOf(chart), chart.levelNum),
  },
  sessionRatings: { rate: sessionAvgBestN('rate') },
  profileRatings: { naiveRate: profileAvgBestN('rate', 30) },
  classDerivers: { colour: (ratings) => maimaiColour(ratings.naiveRate) },
  defaultMergeName: 'Best Percent',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const maimai: GameModule = {
  game: 'maimai',
  name: 'maimai',
  playtypes: ['Single'],
  gpt: { Single: { config: MAIMAI_SINGLE, rules } },
};
