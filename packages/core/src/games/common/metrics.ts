import type { OptionalMetricSpec } from '../types.ts';
import { p } from './checks.ts';

/** Tachi's FAST_SLOW_MAXCOMBO: the optional metrics almost every game has. */
export const FAST_SLOW_MAXCOMBO = {
  fast: { type: 'INTEGER', validate: p.isPositiveInteger },
  slow: { type: 'INTEGER', validate: p.isPositiveInteger },
  maxCombo: { type: 'INTEGER', validate: p.isPositiveInteger },
} as const satisfies Record<string, OptionalMetricSpec>;
