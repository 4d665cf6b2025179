/** Derived classes and class deltas (spec §3.11, §5). */
import type { ClassDelta } from '../documents.ts';
import type { GameConfig, GameName } from './types.ts';

type Thresholds = readonly (readonly [number, string])[];

/** vfClass lower bounds from profile VF6, descending (spec §5.1; every bound is >=). */
const VF_CLASS_THRESHOLDS: Thresholds = [
  [23, 'IMPERIAL_IV'],
  [22, 'IMPERIAL_III'],
  [21, 'IMPERIAL_II'],
  [20, 'IMPERIAL_I'],
  [19.75, 'CRIMSON_IV'],
  [19.5, 'CRIMSON_III'],
  [19.25, 'CRIMSON_II'],
  [19, 'CRIMSON_I'],
  [18.75, 'ELDORA_IV'],
  [18.5, 'ELDORA_III'],
  [18.25, 'ELDORA_II'],
  [18, 'ELDORA_I'],
  [17.75, 'ARGENTO_IV'],
  [17.5, 'ARGENTO_III'],
  [17.25, 'ARGENTO_II'],
  [17, 'ARGENTO_I'],
  [16.75, 'CORAL_IV'],
  [16.5, 'CORAL_III'],
  [16.25, 'CORAL_II'],
  [16, 'CORAL_I'],
  [15.75, 'SCARLET_IV'],
  [15.5, 'SCARLET_III'],
  [15.25, 'SCARLET_II'],
  [15, 'SCARLET_I'],
  [14.75, 'CYAN_IV'],
  [14.5, 'CYAN_III'],
  [14.25, 'CYAN_II'],
  [14, 'CYAN_I'],
  [13.5, 'DANDELION_IV'],
  [13, 'DANDELION_III'],
  [12.5, 'DANDELION_II'],
  [12, 'DANDELION_I'],
  [11.5, 'COBALT_IV'],
  [11, 'COBALT_III'],
  [10.5, 'COBALT_II'],
  [10, 'COBALT_I'],
  [7.5, 'SIENNA_IV'],
  [5, 'SIENNA_III'],
  [2.5, 'SIENNA_II'],
];

/** CHUNITHM colour lower bounds from profile naiveRating, descending (spec §5.2). */
const COLOUR_THRESHOLDS: Thresholds = [
  [17.5, 'RAINBOW_EX_III'],
  [17.25, 'RAINBOW_EX_II'],
  [17, 'RAINBOW_EX_I'],
  [16.75, 'RAINBOW_IV'],
  [16.5, 'RAINBOW_III'],
  [16.25, 'RAINBOW_II'],
  [16, 'RAINBOW'],
  [15.25, 'PLATINUM'],
  [14.5, 'GOLD'],
  [13.25, 'SILVER'],
  [12, 'COPPER'],
  [10, 'PURPLE'],
  [7, 'RED'],
  [4, 'ORANGE'],
  [2, 'GREEN'],
];

function classFor(value: number | null | undefined, thresholds: Thresholds, floor: string): string | null {
  if (value === null || value === undefined) return null;
  for (const [bound, name] of thresholds) {
    if (value >= bound) return name;
  }
  return floor;
}

export function vf6ToClass(vf6: number | null | undefined): string | null {
  return classFor(vf6, VF_CLASS_THRESHOLDS, 'SIENNA_I');
}

export function naiveRatingToColour(rating: number | null | undefined): string | null {
  return classFor(rating, COLOUR_THRESHOLDS, 'BLUE');
}

/** The game's DERIVED class sets from its profile ratings: SDVX `{ vfClass }`, CHUNITHM `{ colour }`. */
export function deriveClasses(
  game: GameName,
  ratings: Readonly<Record<string, number | null | undefined>>,
): Record<string, string | null> {
  switch (game) {
    case 'sdvx':
      return { vfClass: vf6ToClass(ratings.VF6) };
    case 'chunithm':
      return { colour: naiveRatingToColour(ratings.naiveRating) };
  }
}

export interface ClassUpdate {
  /**
   * The classes to store: with no stored game-stats, every merged class (provided + derived,
   * nulls included, as Tachi inserts them); otherwise the stored classes with each delta applied.
   */
  classes: Record<string, string | null>;
  /** ImportDocument.classDeltas for this playtype, in Tachi's order (provided sets, then derived). */
  deltas: ClassDelta[];
  /**
   * The deltas that are not downgrades (first value or an improvement): Tachi writes a
   * class-achievement record and emits a webhook for exactly these.
   */
  achievements: ClassDelta[];
}

/** Tachi's ReturnClassIfGreater: null = nothing to compare with, else whether it improved. */
function isGreater(values: readonly string[], prev: string | null | undefined, next: string): boolean | null {
  if (prev === null || prev === undefined) return null;
  const prevIdx = values.indexOf(prev);
  const nextIdx = values.indexOf(next);
  if (nextIdx === -1) return null;
  if (prevIdx === -1) return true;
  return nextIdx > prevIdx;
}

/**
 * Tachi's CalculateUGPTClasses + ProcessClassDeltas (spec §3.11) without the I/O.
 *
 * - merged = deepmerge(provided, derived): provided set keys first, derived override on clash.
 * - Sets whose merged value is null/undefined get no delta.
 * - Stored value missing → delta `{old: null}`; improvement (by index in ClassSetSpec.values) → delta.
 * - PROVIDED set not improved → nothing (a dan is never downgraded by an import).
 * - DERIVED set not improved → downgrade delta. Tachi also emits a delta when the value is
 *   unchanged (old === new); §3.11 / §7.3 item 14 allow omitting those no-op deltas and we do,
 *   which changes nothing stored because the value is already there.
 */
export function computeClassUpdate(
  config: GameConfig,
  playtype: string,
  stored: Readonly<Record<string, string | null>> | undefined,
  derived: Readonly<Record<string, string | null>>,
  provided: Readonly<Record<string, string>> | null,
): ClassUpdate {
  const merged: Record<string, string | null> = { ...(provided ?? {}), ...derived };
  const deltas: ClassDelta[] = [];
  const achievements: ClassDelta[] = [];

  for (const [set, value] of Object.entries(merged)) {
    if (value === null || value === undefined) continue;
    const spec = config.classes[set];
    // An unknown set can only come from a caller bug (the schema rejects foreign class keys).
    if (spec === undefined) continue;

    const prev = stored?.[set];
    const greater = isGreater(spec.values, prev, value);

    if (greater === false) {
      if (spec.type === 'PROVIDED') continue;
      if (prev === value) continue; // no-op derived delta, see above
    }

    const delta: ClassDelta = {
      game: config.game,
      set,
      playtype,
      old: greater === null ? null : (prev ?? null),
      new: value,
    };
    deltas.push(delta);
    if (greater !== false) achievements.push(delta);
  }

  let classes: Record<string, string | null>;
  if (stored === undefined) {
    classes = merged;
  } else {
    classes = { ...stored };
    for (const d of deltas) classes[d.set] = d.new;
  }
  return { classes, deltas, achievements };
}
