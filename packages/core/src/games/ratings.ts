/**
 * Score, session and profile ratings (spec §5.1, §5.2): VF6 and CHUNITHM rating exactly as
 * rg-stats 1.1.0 computes them (IEEE doubles, same operation order, so the same float quirks),
 * and Tachi's session / profile aggregations of them.
 */
import type { ChartDocument, GameName } from './types.ts';

type Ratings = Record<string, number | null>;

const VF6_GRADE_COEF = {
  S: 105,
  'AAA+': 102,
  AAA: 100,
  'AA+': 97,
  AA: 94,
  'A+': 91,
  A: 88,
  B: 85,
  C: 82,
  D: 80,
} as const;

const VF6_LAMP_COEF: Record<string, number> = {
  'PERFECT ULTIMATE CHAIN': 110,
  'ULTIMATE CHAIN': 105,
  'MAXXIVE CLEAR': 104,
  'EXCESSIVE CLEAR': 102,
  CLEAR: 100,
  FAILED: 50,
};

/** rg-stats' own SDVX grade: it has no PUC grade, so 10,000,000 is an S. */
function vfGrade(score: number): keyof typeof VF6_GRADE_COEF {
  if (score < 7_000_000) return 'D';
  if (score < 8_000_000) return 'C';
  if (score < 8_700_000) return 'B';
  if (score < 9_000_000) return 'A';
  if (score < 9_300_000) return 'A+';
  if (score < 9_500_000) return 'AA';
  if (score < 9_700_000) return 'AA+';
  if (score < 9_800_000) return 'AAA';
  if (score < 9_900_000) return 'AAA+';
  return 'S';
}

/** rg-stats 1.1.0 Volforce.calculateVF6. Throws like rg-stats for out-of-range scores. */
export function calculateVF6(score: number, lamp: string, level: number): number {
  if (score > 10_000_000) throw new Error(`Score cannot be greater than 10million (score ${score})`);
  if (score < 0) throw new Error(`Score cannot be negative (score ${score})`);
  const lampCoef = VF6_LAMP_COEF[lamp];
  if (lampCoef === undefined) throw new Error(`Unknown SDVX lamp ${lamp}`);
  // Left-to-right evaluation order matters for the last bit of the double.
  const raw = level * 2 * (score / 10_000_000) * VF6_GRADE_COEF[vfGrade(score)] * lampCoef;
  return Math.floor(raw / 1000) / 1000;
}

/**
 * rg-stats 1.1.0 CHUNITHMRating.calculate. `levelNum * 100` is kept as a double on purpose:
 * for 8.2, 8.7, 9.2, 9.7, 10.2 it lands just below the integer, so (975000, 8.2) is 8.19.
 */
export function calculateChunithmRating(score: number, internalChartLevel: number): number {
  const levelBase = internalChartLevel * 100;
  if (score > 1_010_000) throw new Error(`Score cannot be greater than 1.01Million. (score ${score})`);
  if (score < 0) throw new Error(`Score cannot be negative. (score ${score})`);
  if (internalChartLevel < 0) throw new Error(`Chart level cannot be negative. (level ${internalChartLevel})`);

  let val = 0;
  if (score >= 1_009_000) {
    val = levelBase + 215;
  } else if (score >= 1_007_500) {
    val = levelBase + 200 + (score - 1_007_500) / 100;
  } else if (score >= 1_005_000) {
    val = levelBase + 150 + ((score - 1_005_000) * 10) / 500;
  } else if (score >= 1_000_000) {
    val = levelBase + 100 + ((score - 1_000_000) * 5) / 500;
  } else if (score >= 975_000) {
    val = levelBase + ((score - 975_000) * 2) / 500;
  } else if (score >= 900_000) {
    val = levelBase - 500 + ((score - 900_000) * 2) / 300;
  } else if (score >= 800_000) {
    val = (levelBase - 500) / 2 + ((score - 800_000) * ((levelBase - 500) / 2)) / 100_000;
  } else if (score >= 500_000) {
    val = (((levelBase - 500) / 2) * (score - 500_000)) / 300_000;
  }
  return Math.max(Math.floor(val) / 100, 0);
}

function numberMetric(scoreData: Readonly<Record<string, unknown>>, metric: string): number {
  const v = scoreData[metric];
  if (typeof v !== 'number') throw new Error(`Expected scoreData.${metric} to be a number, got ${String(v)}`);
  return v;
}

function stringMetric(scoreData: Readonly<Record<string, unknown>>, metric: string): string {
  const v = scoreData[metric];
  if (typeof v !== 'string') throw new Error(`Expected scoreData.${metric} to be a string, got ${String(v)}`);
  return v;
}

/** A score's calculatedData: SDVX `{ VF6 }`, CHUNITHM `{ rating }` (spec §3.7). */
export function scoreCalculatedData(
  game: GameName,
  scoreData: Readonly<Record<string, unknown>>,
  chart: Pick<ChartDocument, 'levelNum'>,
): Ratings {
  switch (game) {
    case 'sdvx':
      return {
        VF6: calculateVF6(numberMetric(scoreData, 'score'), stringMetric(scoreData, 'lamp'), chart.levelNum),
      };
    case 'chunithm':
      return { rating: calculateChunithmRating(numberMetric(scoreData, 'score'), chart.levelNum) };
  }
}

/** Tachi's SessionAverageBestN: mean of the n largest numeric values, null with fewer than n. */
function averageBestN(values: readonly (number | null | undefined)[], n: number): number | null {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length < n) return null;
  return (
    numbers
      .sort((a, b) => b - a)
      .slice(0, n)
      .reduce((a, e) => a + e, 0) / n
  );
}

export interface HasCalculatedData {
  calculatedData: Readonly<Record<string, number | null | undefined>>;
}

/** A session's calculatedData: SDVX `{ ProfileVF6 }` (best-10 mean × 50), CHUNITHM `{ naiveRating }`. */
export function sessionCalculatedData(game: GameName, scores: readonly HasCalculatedData[]): Ratings {
  switch (game) {
    case 'sdvx': {
      const avg = averageBestN(
        scores.map((s) => s.calculatedData.VF6),
        10,
      );
      return { ProfileVF6: avg === null ? null : avg * 50 };
    }
    case 'chunithm':
      return {
        naiveRating: averageBestN(
          scores.map((s) => s.calculatedData.rating),
          10,
        ),
      };
  }
}

export interface ProfileRatingInput extends HasCalculatedData {
  isPrimary: boolean;
}

/** The n best numeric values of `key` over primary PBs, largest first (Tachi's Mongo query). */
function bestPrimary(pbs: readonly ProfileRatingInput[], key: string, n: number): number[] {
  return pbs
    .filter((pb) => pb.isPrimary)
    .map((pb) => pb.calculatedData[key])
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => b - a)
    .slice(0, n);
}

/**
 * Profile ratings over the user's PBs (spec §3.11, §5): SDVX `VF6` = sum of the best 50 PB VF6;
 * CHUNITHM `naiveRating` = floor(Σ round(rating×100) / 50) / 100 over the best 50, always divided
 * by 50 (Tachi's ProfileAvgBestN with multiplier 100). Both null without any rated primary PB.
 */
export function profileRatings(game: GameName, pbs: readonly ProfileRatingInput[]): Ratings {
  switch (game) {
    case 'sdvx': {
      const best = bestPrimary(pbs, 'VF6', 50);
      return { VF6: best.length === 0 ? null : best.reduce((a, e) => a + e, 0) };
    }
    case 'chunithm': {
      const best = bestPrimary(pbs, 'rating', 50);
      if (best.length === 0) return { naiveRating: null };
      const sum = best.reduce((a, e) => a + Math.round(e * 100), 0);
      return { naiveRating: Math.floor(sum / 50) / 100 };
    }
  }
}
