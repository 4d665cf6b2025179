import { ScoreFailure } from '../errors.ts';
import type { GameName } from './types.ts';

export interface GradeBoundary {
  name: string;
  lowerBound: number;
}

/** Grade lower bounds (spec §5.1, §5.2), ascending. */
export const GRADE_BOUNDARIES: Record<GameName, readonly GradeBoundary[]> = {
  sdvx: [
    { name: 'D', lowerBound: 0 },
    { name: 'C', lowerBound: 7_000_000 },
    { name: 'B', lowerBound: 8_000_000 },
    { name: 'A', lowerBound: 8_700_000 },
    { name: 'A+', lowerBound: 9_000_000 },
    { name: 'AA', lowerBound: 9_300_000 },
    { name: 'AA+', lowerBound: 9_500_000 },
    { name: 'AAA', lowerBound: 9_700_000 },
    { name: 'AAA+', lowerBound: 9_800_000 },
    { name: 'S', lowerBound: 9_900_000 },
    { name: 'PUC', lowerBound: 10_000_000 },
  ],
  chunithm: [
    { name: 'D', lowerBound: 0 },
    { name: 'C', lowerBound: 500_000 },
    { name: 'B', lowerBound: 600_000 },
    { name: 'BB', lowerBound: 700_000 },
    { name: 'BBB', lowerBound: 800_000 },
    { name: 'A', lowerBound: 900_000 },
    { name: 'AA', lowerBound: 925_000 },
    { name: 'AAA', lowerBound: 950_000 },
    { name: 'S', lowerBound: 975_000 },
    { name: 'S+', lowerBound: 990_000 },
    { name: 'SS', lowerBound: 1_000_000 },
    { name: 'SS+', lowerBound: 1_005_000 },
    { name: 'SSS', lowerBound: 1_007_500 },
    { name: 'SSS+', lowerBound: 1_009_000 },
  ],
};

/**
 * Tachi's GetGrade: the highest grade whose lower bound is <= score. A score below every bound
 * (only possible for a negative score, which the schema rejects first) is Tachi's InternalFailure.
 */
export function gradeFor(game: GameName, score: number): string {
  const bounds = GRADE_BOUNDARIES[game];
  for (let i = bounds.length - 1; i >= 0; i--) {
    const b = bounds[i];
    if (score >= b.lowerBound) return b.name;
  }
  throw new ScoreFailure('InternalError', 'An internal error has occured.');
}
