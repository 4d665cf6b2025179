/** Tachi's session and profile rating helpers (session-calc.ts, profile-calc.ts), without the database. */
import type { CalculatedData, ProfilePB } from '../types.ts';

/** Tachi's SessionAverageBestN: mean of the n largest numeric values, null with fewer than n. */
export function averageBestN(values: readonly (number | null | undefined)[], n = 10): number | null {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length < n) return null;
  return (
    numbers
      .sort((a, b) => b - a)
      .slice(0, n)
      .reduce((a, e) => a + e, 0) / n
  );
}

/** SessionAvgBest10For / SessionAvgBestNFor. */
export const sessionAvgBestN =
  (key: string, n = 10) =>
  (scores: readonly CalculatedData[]): number | null =>
    averageBestN(
      scores.map((s) => s[key]),
      n,
    );

/**
 * The n largest numeric values of calculatedData[key] over primary PBs, largest first: Tachi's
 * `find({isPrimary: true, calculatedData.key: {$type: number}}).sort(desc).limit(n)`.
 */
export function bestPrimaryValues(pbs: readonly ProfilePB[], key: string, n: number): number[] {
  return pbs
    .filter((pb) => pb.isPrimary)
    .map((pb) => pb.calculatedData[key])
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => b - a)
    .slice(0, n);
}

/** Tachi's CalcN (ProfileSumBestN / ProfileAvgBestN), same arithmetic, same float order. */
function calcN(key: string, n: number, returnMean: boolean, nullIfNotEnoughScores: boolean, multiplier: number) {
  return (pbs: readonly ProfilePB[]): number | null => {
    const values = bestPrimaryValues(pbs, key, n);
    if (values.length === 0) return null;
    if (nullIfNotEnoughScores && values.length < n) return null;
    if (multiplier !== 1) {
      const result = values.reduce((a, e) => a + Math.round(e * multiplier), 0);
      return returnMean ? Math.floor(result / n) / multiplier : result / multiplier;
    }
    let result = values.reduce((a, e) => a + e, 0);
    if (returnMean) result = result / n;
    return result;
  };
}

export const profileSumBestN = (key: string, n: number, nullIfNotEnoughScores = false, multiplier = 1) =>
  calcN(key, n, false, nullIfNotEnoughScores, multiplier);

export const profileAvgBestN = (key: string, n: number, nullIfNotEnoughScores = false, multiplier = 1) =>
  calcN(key, n, true, nullIfNotEnoughScores, multiplier);
