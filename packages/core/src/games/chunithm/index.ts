/** CHUNITHM (Single): config from Tachi's game-support, rules from its game implementation. */
import { CHUNITHMRating } from 'rg-stats';
import type { GameModule, GPTRules } from '../types.ts';
import { classFromThresholds } from '../common/classes.ts';
import { gradeBoundaries, gradeFor } from '../common/grades.ts';
import { mergeFor } from '../common/pb-merges.ts';
import { profileAvgBestN, sessionAvgBestN } from '../common/ratings.ts';
import { CHUNITHM_SINGLE } from './config.ts';

export const CHUNITHM_GBOUNDARIES = gradeBoundaries({
  D: 0,
  C: 500_000,
  B: 600_000,
  BB: 700_000,
  BBB: 800_000,
  A: 900_000,
  AA: 925_000,
  AAA: 950_000,
  S: 975_000,
  'S+': 990_000,
  SS: 1_000_000,
  'SS+': 1_005_000,
  SSS: 1_007_500,
  'SSS+': 1_009_000,
});

const COLOURS: readonly (readonly [number, string])[] = [
  [17.5, 'RAINBOW_EX_III'], [17.25, 'RAINBOW_EX_II'], [17, 'RAINBOW_EX_I'], [16.75, 'RAINBOW_IV'],
  [16.5, 'RAINBOW_III'], [16.25, 'RAINBOW_II'], [16, 'RAINBOW'], [15.25, 'PLATINUM'], [14.5, 'GOLD'],
  [13.25, 'SILVER'], [12, 'COPPER'], [10, 'PURPLE'], [7, 'RED'], [4, 'ORANGE'], [2, 'GREEN'],
];

const AJC = 'ALL JUSTICE CRITICAL';
const AJ = 'ALL JUSTICE';
const FC = 'FULL COMBO';
const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

const scoreValidators: GPTRules['scoreValidators'] = [
  (s) => {
    const { noteLamp } = s.scoreData;
    const score = s.scoreData.score as number;
    if (noteLamp === AJC && score !== 1_010_000) return 'An ALL JUSTICE CRITICAL must have a score of 1.01 million.';
    if (noteLamp !== AJC && score === 1_010_000) return 'A score of 1.01 million must have a lamp of ALL JUSTICE CRITICAL.';
    if (noteLamp === AJ && score < 1_000_000) return `A score of ${score} cannot be an ALL JUSTICE.`;
    if (noteLamp === FC && score < 500_000) return `A score of ${score} cannot be a FULL COMBO.`;
    return undefined;
  },
  (s) => {
    const { attack, justice, miss } = s.scoreData.judgements;
    const { noteLamp } = s.scoreData;
    if (noteLamp === AJC && (attack ?? 0) + (justice ?? 0) + (miss ?? 0) > 0) {
      return 'Cannot have an ALL JUSTICE CRITICAL with any non-jcrit judgements.';
    }
    if (noteLamp === AJ && (attack ?? 0) + (miss ?? 0) > 0) return 'Cannot have an ALL JUSTICE if not all hits were justice or better.';
    if (noteLamp === FC && (miss ?? 0) > 0) return 'Cannot have a FULL COMBO if the score has misses.';
    return undefined;
  },
  (s) => {
    const maxCombo = s.scoreData.optional.maxCombo;
    const { attack, jcrit, justice, miss } = s.scoreData.judgements;
    if (isNullish(maxCombo) || isNullish(attack) || isNullish(jcrit) || isNullish(justice) || isNullish(miss)) return undefined;
    const noteLamp = s.scoreData.noteLamp as string;
    if (noteLamp !== 'NONE' && jcrit + justice + attack + miss !== maxCombo) {
      return `Cannot have ${noteLamp === FC ? 'a' : 'an'} ${noteLamp} if maxCombo is not equal to the sum of judgements.`;
    }
    return undefined;
  },
  (s) => {
    const { attack, justice, miss } = s.scoreData.judgements;
    // without judgements the clear lamp is taken on trust
    if (isNullish(attack) || isNullish(justice) || isNullish(miss)) return undefined;
    const n = justice + attack + miss;
    const { clearLamp } = s.scoreData;
    if (clearLamp === 'CATASTROPHY' && n >= 10) return 'Cannot have a CATASTROPHY clear with 10 or more non-jcrit judgements.';
    if (clearLamp === 'ABSOLUTE' && n >= 50) return 'Cannot have an ABSOLUTE clear with 50 or more non-jcrit judgements.';
    if (clearLamp === 'BRAVE' && n >= 150) return 'Cannot have a BRAVE clear with 150 or more non-jcrit judgements.';
    if (clearLamp === 'HARD' && n >= 300 && miss >= 20) {
      return 'Cannot have a HARD clear with 300 or more non-jcrit judgements, and over 20 misses.';
    }
    return undefined;
  },
];

const rules: GPTRules = {
  derivers: { grade: ({ score }) => gradeFor(CHUNITHM_GBOUNDARIES, score as number) },
  chartValidators: {},
  scoreValidators,
  scoreRatings: { rating: (scoreData, chart) => CHUNITHMRating.calculate(scoreData.score as number, chart.levelNum) },
  sessionRatings: { naiveRating: sessionAvgBestN('rating') },
  profileRatings: { naiveRating: profileAvgBestN('rating', 50, false, 100) },
  classDerivers: { colour: (ratings) => classFromThresholds(ratings.naiveRating, COLOURS, 'BLUE') },
  defaultMergeName: 'Best Score',
  pbMerges: [
    mergeFor('largest', 'enumIndexes.noteLamp', 'Best Note Lamp', (pb, score) => {
      pb.scoreData.noteLamp = score.scoreData.noteLamp;
    }),
    mergeFor('largest', 'enumIndexes.clearLamp', 'Best Clear Lamp', (pb, score) => {
      pb.scoreData.clearLamp = score.scoreData.clearLamp;
    }),
  ],
};

export const chunithm: GameModule = {
  game: 'chunithm',
  name: 'CHUNITHM',
  playtypes: ['Single'],
  gpt: { Single: { config: CHUNITHM_SINGLE, rules } },
};
