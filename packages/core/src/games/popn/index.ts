/** pop'n music (9B): config from Tachi's game-support, rules from its game implementation. */
import { PopnClassPoints } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { mergeFor } from '../common/pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from '../common/ratings.ts';
import { POPN_9B, type POPN_CLEAR_MEDALS, type POPN_LAMPS } from './config.ts';

export const POPN_GBOUNDARIES = gradeBoundaries({
  E: 0,
  D: 50_000,
  C: 62_000,
  B: 72_000,
  A: 82_000,
  AA: 90_000,
  AAA: 95_000,
  S: 98_000,
});

type ClearMedal = (typeof POPN_CLEAR_MEDALS)[number];
type Lamp = (typeof POPN_LAMPS)[number];

const LAMP_OF_MEDAL: Readonly<Record<ClearMedal, Lamp>> = {
  failedCircle: 'FAILED',
  failedDiamond: 'FAILED',
  failedStar: 'FAILED',
  easyClear: 'EASY CLEAR',
  clearCircle: 'CLEAR',
  clearDiamond: 'CLEAR',
  clearStar: 'CLEAR',
  fullComboCircle: 'FULL COMBO',
  fullComboDiamond: 'FULL COMBO',
  fullComboStar: 'FULL COMBO',
  perfect: 'PERFECT',
};

/** Tachi's PopnClearMedalToLamp (undefined for a value outside the enum, which validation reports). */
export function popnClearMedalToLamp(clearMedal: unknown): Lamp | undefined {
  return typeof clearMedal === 'string' && Object.hasOwn(LAMP_OF_MEDAL, clearMedal) ? LAMP_OF_MEDAL[clearMedal as ClearMedal] : undefined;
}

/** Grade from score, kneecapped at A for a failed score of 90,000 or more. */
export function popnGrade(score: number, clearMedal: unknown): string {
  const grade = gradeFor(POPN_GBOUNDARIES, score);
  if (score >= 90_000 && popnClearMedalToLamp(clearMedal) === 'FAILED') return 'A';
  return grade;
}

/** upper bounds (exclusive) of each class from naiveClassPoints, as Tachi writes them (`points < 21` …) */
const CLASS_UPPER_BOUNDS: readonly (readonly [number, string])[] = [
  [21, 'KITTY'],
  [34, 'STUDENT'],
  [46, 'DELINQUENT'],
  [59, 'DETECTIVE'],
  [68, 'IDOL'],
  [79, 'GENERAL'],
  [91, 'HERMIT'],
];

export function popnClass(points: number | null | undefined): string | null {
  if (points === null || points === undefined) return null;
  for (const [bound, name] of CLASS_UPPER_BOUNDS) if (points < bound) return name;
  return 'GOD';
}

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const { bad, good } = s.scoreData.judgements;
    if (s.scoreData.lamp === 'PERFECT') {
      if ((bad ?? 0) + (good ?? 0) > 0) return 'Cannot have a PERFECT lamp with any bads or goods.';
    } else if (s.scoreData.lamp === 'FULL COMBO') {
      if ((bad ?? 0) > 0) return 'Cannot have a FULL COMBO lamp with any bads.';
    }
    return undefined;
  },
  // the medal's circle/diamond/star from the goods (full combos) or bads (clears); fails carry no
  // gauge information, so they are not checked
  (s) => {
    const { bad, good } = s.scoreData.judgements;
    if (isNullish(bad) || isNullish(good)) return undefined;
    switch (s.scoreData.clearMedal) {
      case 'fullComboStar':
        return good > 5 || good < 1 ? 'Must have between 1-5 goods for a full combo star.' : undefined;
      case 'fullComboDiamond':
        return good > 20 || good < 6 ? 'Must have between 6-20 goods for a full combo diamond.' : undefined;
      case 'fullComboCircle':
        return good < 21 ? 'Must have >21 goods for a full combo circle.' : undefined;
      case 'clearStar':
        return bad > 5 || bad < 1 ? 'Must have between 1-5 bads for a clear star.' : undefined;
      case 'clearDiamond':
        return bad > 20 || bad < 6 ? 'Must have between 6-20 bads for a clear diamond.' : undefined;
      case 'clearCircle':
        return bad < 21 ? 'Must have between >21 bads for a clear circle.' : undefined;
      default:
        return undefined;
    }
  },
];

const rules: GPTRules = {
  derivers: {
    lamp: ({ clearMedal }) => popnClearMedalToLamp(clearMedal),
    grade: ({ score, clearMedal }) => popnGrade(score as number, clearMedal),
  },
  chartValidators: {},
  scoreValidators,
  scoreRatings: {
    classPoints: (scoreData, chart) =>
      PopnClassPoints.calculate(scoreData.score as number, popnClearMedalToLamp(scoreData.clearMedal) as Lamp, chart.levelNum),
  },
  sessionRatings: { classPoints: sessionAvgBestN('classPoints') },
  profileRatings: { naiveClassPoints: profileAvgBestN('classPoints', 20) },
  classDerivers: { class: (ratings) => popnClass(ratings.naiveClassPoints) },
  defaultMergeName: 'Best Score',
  pbMerges: [
    // the clear medal and the lamp derived from it travel together
    mergeFor('largest', 'enumIndexes.clearMedal', 'Best Clear', (pb, score) => {
      pb.scoreData.clearMedal = score.scoreData.clearMedal;
      pb.scoreData.lamp = score.scoreData.lamp;
    }),
  ],
};

export const popn: GameModule = {
  game: 'popn',
  name: "pop'n music",
  playtypes: ['9B'],
  gpt: { '9B': { config: POPN_9B, rules } },
};
