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

/**
 * Tachi's "Best Lamp" merge: the PB takes the lamp of the play with the best lamp, and with it the
 * optional metrics named in `carry` (what belongs to that play, e.g. its gauge).
 */
export function bestLampMerge(carry: readonly string[] = []): PBMerge {
  return mergeFor('largest', 'enumIndexes.lamp', 'Best Lamp', (pb, score) => {
    pb.scoreData.lamp = score.scoreData.lamp;
    const from = score.scoreData.optional;
    const to = pb.scoreData.optional;
    for (const key of carry) to[key] = from[key];
  });
}
