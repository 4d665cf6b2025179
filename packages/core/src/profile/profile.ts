/** Profile ratings, derived classes and class deltas (spec §3.11), without the database. */
import type { ClassDelta } from '../documents.ts';
import type { GameDataLookup, GameName, GPTDefinition, ProfilePB } from '../games/types.ts';

export type Ratings = Record<string, number | null>;

/** Every profile rating of the playtype over the user's PBs in it. */
export function profileRatings(definition: GPTDefinition, pbs: readonly ProfilePB[], data: GameDataLookup): Ratings {
  const out: Ratings = {};
  for (const [alg, calculate] of Object.entries(definition.rules.profileRatings)) out[alg] = calculate(pbs, data);
  return out;
}

/** The playtype's DERIVED class sets from its profile ratings. */
export function deriveClasses(definition: GPTDefinition, ratings: Readonly<Ratings>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [set, derive] of Object.entries(definition.rules.classDerivers)) out[set] = derive(ratings) ?? null;
  return out;
}

export interface ClassUpdate {
  /**
   * The classes to store: with no stored game-stats, every merged class (provided + derived,
   * nulls included, as Tachi inserts them); otherwise the stored classes with each delta applied.
   */
  classes: Record<string, string | null>;
  /** ImportDocument.classDeltas for this playtype, in Tachi's order (provided sets, then derived). */
  deltas: ClassDelta[];
  /** the deltas that are not downgrades: Tachi writes a class-achievement and a webhook for these */
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
 * - Stored value missing → delta `{old: null}`; improvement (by index in the set's values) → delta.
 * - PROVIDED set not improved → nothing (a dan is never downgraded by an import).
 * - DERIVED set not improved → downgrade delta. Tachi also emits a delta when the value is
 *   unchanged (old === new); §3.11 allows omitting those no-op deltas and we do.
 */
export function computeClassUpdate(
  definition: GPTDefinition,
  game: GameName,
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
    const spec = definition.config.classes[set];
    // an unknown set can only come from a caller bug (the schema rejects foreign class keys)
    if (spec === undefined) continue;
    const prev = stored?.[set];
    const greater = isGreater(spec.values, prev, value);
    if (greater === false) {
      if (spec.type === 'PROVIDED') continue;
      if (prev === value) continue;
    }
    const delta: ClassDelta = { game, set, playtype, old: greater === null ? null : (prev ?? null), new: value };
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

/** A session's calculatedData: every session rating of the playtype over its scores. */
export function sessionRatings(definition: GPTDefinition, scores: readonly { calculatedData: Readonly<Record<string, number | null | undefined>> }[]): Ratings {
  const out: Ratings = {};
  const calc = scores.map((s) => s.calculatedData);
  for (const [alg, calculate] of Object.entries(definition.rules.sessionRatings)) out[alg] = calculate(calc);
  return out;
}
