/**
 * Per-game score validators with Tachi's exact messages (spec §5.1, §5.2), and the
 * chart-specific metric validators (SDVX exScore).
 */
import type { ScoreDocument } from '../documents.ts';
import type { ChartDocument, GameName } from './types.ts';

/** Returns an error message, or undefined when the score passes. */
export type ScoreValidator = (score: ScoreDocument) => string | undefined;

/** Returns true when valid, else the validator message (Tachi's ChartSpecificMetricValidator). */
export type ChartMetricValidator = (value: number, chart: ChartDocument) => string | true;

function judgement(score: ScoreDocument, key: string): number | null | undefined {
  return score.scoreData.judgements[key];
}

function isNullish(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

const PUC = 'PERFECT ULTIMATE CHAIN';
const UC = 'ULTIMATE CHAIN';

export const SDVX_SCORE_VALIDATORS: readonly ScoreValidator[] = [
  (s) => {
    if (s.scoreData.lamp === PUC && s.scoreData.score !== 10_000_000) {
      return 'Cannot have a PERFECT ULTIMATE CHAIN without a perfect score.';
    }
    return undefined;
  },
  (s) => {
    const near = judgement(s, 'near') ?? 0;
    const miss = judgement(s, 'miss') ?? 0;
    if (s.scoreData.lamp === PUC && miss + near > 0) {
      return 'Cannot have a PERFECT ULTIMATE CHAIN with any nears or misses.';
    } else if (s.scoreData.lamp === UC && miss > 0) {
      return 'Cannot have an ULTIMATE CHAIN with non-zero miss count.';
    }
    return undefined;
  },
  (s) => {
    if (s.scoreData.lamp === UC && (s.scoreData.score as number) < 5_000_000) {
      return 'Cannot have an ULTIMATE CHAIN with a score less than 5m.';
    }
    return undefined;
  },
];

const AJC = 'ALL JUSTICE CRITICAL';
const AJ = 'ALL JUSTICE';
const FC = 'FULL COMBO';

export const CHUNITHM_SCORE_VALIDATORS: readonly ScoreValidator[] = [
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
    const attack = judgement(s, 'attack') ?? 0;
    const justice = judgement(s, 'justice') ?? 0;
    const miss = judgement(s, 'miss') ?? 0;
    const { noteLamp } = s.scoreData;
    if (noteLamp === AJC && attack + justice + miss > 0) {
      return 'Cannot have an ALL JUSTICE CRITICAL with any non-jcrit judgements.';
    }
    if (noteLamp === AJ && attack + miss > 0) {
      return 'Cannot have an ALL JUSTICE if not all hits were justice or better.';
    }
    if (noteLamp === FC && miss > 0) return 'Cannot have a FULL COMBO if the score has misses.';
    return undefined;
  },
  (s) => {
    const maxCombo = s.scoreData.optional.maxCombo;
    const attack = judgement(s, 'attack');
    const jcrit = judgement(s, 'jcrit');
    const justice = judgement(s, 'justice');
    const miss = judgement(s, 'miss');
    if (isNullish(maxCombo) || isNullish(attack) || isNullish(jcrit) || isNullish(justice) || isNullish(miss)) {
      return undefined;
    }
    const noteLamp = s.scoreData.noteLamp as string;
    if (noteLamp !== 'NONE' && jcrit + justice + attack + miss !== maxCombo) {
      const article = noteLamp === FC ? 'a' : 'an';
      return `Cannot have ${article} ${noteLamp} if maxCombo is not equal to the sum of judgements.`;
    }
    return undefined;
  },
  (s) => {
    const attack = judgement(s, 'attack');
    const justice = judgement(s, 'justice');
    const miss = judgement(s, 'miss');
    // Without judgements the clear lamp is taken on trust.
    if (isNullish(attack) || isNullish(justice) || isNullish(miss)) return undefined;
    const n = justice + attack + miss;
    const { clearLamp } = s.scoreData;
    if (clearLamp === 'CATASTROPHY' && n >= 10) {
      return 'Cannot have a CATASTROPHY clear with 10 or more non-jcrit judgements.';
    }
    if (clearLamp === 'ABSOLUTE' && n >= 50) return 'Cannot have an ABSOLUTE clear with 50 or more non-jcrit judgements.';
    if (clearLamp === 'BRAVE' && n >= 150) return 'Cannot have a BRAVE clear with 150 or more non-jcrit judgements.';
    if (clearLamp === 'HARD' && n >= 300 && miss >= 20) {
      return 'Cannot have a HARD clear with 300 or more non-jcrit judgements, and over 20 misses.';
    }
    return undefined;
  },
];

const SCORE_VALIDATORS: Record<GameName, readonly ScoreValidator[]> = {
  sdvx: SDVX_SCORE_VALIDATORS,
  chunithm: CHUNITHM_SCORE_VALIDATORS,
};

/** Runs every validator of the game and returns the failure messages in Tachi's order. */
export function gameScoreValidator(game: GameName): (score: ScoreDocument) => string[] {
  const validators = SCORE_VALIDATORS[game];
  return (score) => {
    const errors: string[] = [];
    for (const v of validators) {
      const err = v(score);
      if (err !== undefined) errors.push(err);
    }
    return errors;
  };
}

const CHART_METRIC_VALIDATORS: Record<GameName, Readonly<Record<string, ChartMetricValidator>>> = {
  sdvx: {
    // Tachi has no notecounts for SDVX, so any non-negative EX score is accepted (no upper bound).
    // The message has no trailing full stop; the metric wrapper appends " Got <v>." (spec §5.1).
    exScore: (exScore) => (exScore < 0 ? `EX Score must be non-negative. Got ${exScore}` : true),
  },
  chunithm: {},
};

/** Chart-dependent validators that replace the range check of the named metrics. */
export function chartMetricValidators(game: GameName): Readonly<Record<string, ChartMetricValidator>> {
  return CHART_METRIC_VALIDATORS[game];
}
