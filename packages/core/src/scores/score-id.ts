import type { DryScore } from '../documents.ts';
import type { GPTConfig } from '../games/types.ts';
import { sha256Hex, stableStringify } from '../util/stable-hash.ts';

/**
 * Tachi's CreateScoreID (spec §3.5): "T" + sha256 of the stable stringification of
 * `{ userID, chartID, <every provided metric>, "optional.<m>" for optional metrics flagged
 * partOfScoreID }`. An absent optional hashes as null, so `undefined` and `null` collide on purpose.
 * timeAchieved, judgements and the other optionals are deliberately not part of the identity.
 */
export function createScoreID(config: GPTConfig, userID: number, chartID: string, scoreData: DryScore['scoreData']): string {
  const elements: Record<string, unknown> = { userID, chartID };
  for (const metric of Object.keys(config.providedMetrics)) elements[metric] = scoreData[metric];
  for (const [metric, spec] of Object.entries(config.optionalMetrics)) {
    if (spec.partOfScoreID) elements[`optional.${metric}`] = scoreData.optional[metric] ?? null;
  }
  return `T${sha256Hex(stableStringify(elements))}`;
}
