import { ScoreFailure } from '../../errors.ts';

export interface GradeBoundary {
  name: string;
  lowerBound: number;
}

/** Tachi's MakeGradeBoundaries: `{ grade: lowerBound }` in ascending order of bound. */
export function gradeBoundaries(bounds: Readonly<Record<string, number>>): GradeBoundary[] {
  return Object.entries(bounds)
    .map(([name, lowerBound]) => ({ name, lowerBound }))
    .sort((a, b) => a.lowerBound - b.lowerBound);
}

/**
 * Tachi's GetGrade: the highest grade whose lower bound is <= value. A value below every bound is
 * Tachi's internal failure (its deriver throws).
 */
export function gradeFor(boundaries: readonly GradeBoundary[], value: number): string {
  for (let i = boundaries.length - 1; i >= 0; i--) {
    if (value >= boundaries[i].lowerBound) return boundaries[i].name;
  }
  throw new ScoreFailure('InternalError', 'An internal error has occured.');
}
