import type { PBMerge } from '../types.ts';

/** Tachi's CreatePBMergeFor. */
export function mergeFor(
  direction: PBMerge['direction'],
  metric: string,
  name: string,
  apply: PBMerge['apply'],
): PBMerge {
  return { name, metric, direction, apply };
}
