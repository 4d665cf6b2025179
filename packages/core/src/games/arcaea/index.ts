/** Arcaea (Touch): config from Tachi's game-support, rules from its game implementation (arcaea.ts). */
import { Potential } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { bestLampMerge } from '../common/pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from '../common/ratings.ts';
import { ARCAEA_TOUCH } from './config.ts';

/** Tachi's ARCAEA_GBOUNDARIES */
export const ARCAEA_GBOUNDARIES = gradeBoundaries({
  D: 0,
  C: 8_600_000,
  B: 8_900_000,
  A: 9_200_000,
  AA: 9_500_000,
  EX: 9_800_000,
  'EX+': 9_900_000,
});

/** badge lower bounds on profile naivePotential, descending */
const BADGES: readonly (readonly [number, string])[] = [
  [13, 'THREE_STARS'], [12.5, 'TWO_STARS'], [12, 'ONE_STAR'], [11, 'RED'],
  [10, 'PURPLE'], [7, 'ASH_PURPLE'], [3.5, 'GREEN'],
];

export const arcaeaBadge = (potential: number | null | undefined) => classFromThresholds(potential, BADGES, 'BLUE');

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const score = s.scoreData.score as number;
    // not both ways: with enough notes 10M is reachable without a PURE MEMORY (2236 shiny + 1 FAR of 2237)
    if (s.scoreData.lamp === 'PURE MEMORY' && score < 10_000_000) {
      return `PURE MEMORY scores must have a score larger than 10 million. Got ${score} instead.`;
    }
    return undefined;
  },
  (s) => {
    const score = s.scoreData.score as number;
    // a FAR is worth half a PURE: an all-FAR FULL RECALL is 5M
    if (s.scoreData.lamp === 'FULL RECALL' && score < 5_000_000) {
      return `FULL RECALL scores must have a score larger than 5 million. Got ${score} instead.`;
    }
    return undefined;
  },
  (s) => {
    const far = s.scoreData.judgements.far ?? 0;
    const lost = s.scoreData.judgements.lost ?? 0;
    if (s.scoreData.lamp === 'PURE MEMORY' && lost + far > 0) return 'Cannot have a PURE MEMORY with any fars or losts.';
    if (s.scoreData.lamp === 'FULL RECALL' && lost > 0) return 'Cannot have a FULL RECALL with non-zero lost count.';
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: { grade: ({ score }) => gradeFor(ARCAEA_GBOUNDARIES, score as number) },
  chartValidators: {
    score: (score, chart) => {
      if (score < 0) return `Score must be non-negative. Got ${score}`;
      const max = 10_000_000 + (chart.data.notecount as number);
      if (score > max) return `Score cannot exceed ${max} for this chart.`;
      return true;
    },
  },
  scoreValidators,
  scoreRatings: { potential: (scoreData, chart) => Potential.calculate(scoreData.score as number, chart.levelNum) },
  sessionRatings: { naivePotential: sessionAvgBestN('potential') },
  profileRatings: { naivePotential: profileAvgBestN('potential', 30) },
  classDerivers: { badge: (ratings) => arcaeaBadge(ratings.naivePotential) },
  defaultMergeName: 'Best Score',
  pbMerges: [
    bestLampMerge(),
  ],
};

export const arcaea: GameModule = {
  game: 'arcaea',
  name: 'Arcaea',
  playtypes: ['Touch'],
  gpt: { Touch: { config: ARCAEA_TOUCH, rules } },
};
