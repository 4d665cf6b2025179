/** Thresholds → class, as most derived classes are written in Tachi (`if (v >= 23) return …`). */
export function classFromThresholds(
  value: number | null | undefined,
  /** [lower bound, class] in descending order of bound; every bound is >= */
  thresholds: readonly (readonly [number, string])[],
  floor: string,
): string | null {
  if (value === null || value === undefined) return null;
  for (const [bound, name] of thresholds) if (value >= bound) return name;
  return floor;
}
