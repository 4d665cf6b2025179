import { isDuplicateKeyError, NO_ID, type Database } from '@score-import/db';
import type { GameCharts } from '../charts/chart-index.ts';
import type { ClassDelta, GameStatsDocument, PBDocument } from '../documents.ts';
import { gpt } from '../games/registry.ts';
import type { GameName } from '../games/types.ts';
import type { ProvidedClasses } from '../import-types/types.ts';
import { computeClassUpdate, deriveClasses, profileRatings } from '../profile/profile.ts';
import { readUserPBs } from './personal-bests.ts';

export interface ProfileUpdateRequest {
  importID: string | null;
  userID: number;
  game: GameName;
  playtypes: readonly string[];
  providedClasses: ProvidedClasses | null;
  /** every PB the user has in these playtypes, when the caller has just computed them */
  userPBs?: readonly PBDocument[];
  /** no earlier run of this import can have written anything (so an empty checkpoint can be skipped) */
  firstDelivery?: boolean;
  /** the stored profiles of these playtypes, when the caller has read them already (readGameStats) */
  storedStats?: ReadonlyMap<string, GameStatsDocument | null>;
}

/** The user's stored profile of each playtype (null where there is none). */
export async function readGameStats(
  db: Database,
  userID: number,
  game: GameName,
  playtypes: readonly string[],
): Promise<Map<string, GameStatsDocument | null>> {
  const docs = await Promise.all(
    playtypes.map(async (playtype) => (await db.gameStats.findOne({ userID, game, playtype }, NO_ID)) as GameStatsDocument | null),
  );
  return new Map(playtypes.map((p, i) => [p, docs[i]]));
}

/**
 * Recomputes profile ratings and classes for the given playtypes (spec §3.11) and returns the
 * class deltas. For an import the deltas are checkpointed before the profile is written, so a
 * retried import reports the same deltas instead of none.
 */
export async function updateProfiles(db: Database, charts: GameCharts, req: ProfileUpdateRequest): Promise<ClassDelta[]> {
  const [allPBs, storedStats] = await Promise.all([
    req.userPBs ?? readUserPBs(db, req.userID, req.game, req.playtypes),
    req.storedStats ?? readGameStats(db, req.userID, req.game, req.playtypes),
  ]);
  const writes: { playtype: string; doc: GameStatsDocument | null }[] = [];
  let deltas: ClassDelta[] = [];
  for (const playtype of req.playtypes) {
    const definition = gpt(req.game, playtype);
    const pbs = allPBs.filter((p) => p.playtype === playtype);
    const stored = storedStats.get(playtype) ?? null;
    const ratings = profileRatings(definition, pbs, charts);
    const provided = req.providedClasses?.[playtype] ?? null;
    const derived = deriveClasses(definition, ratings);
    const update = computeClassUpdate(definition, req.game, playtype, stored?.classes, derived, provided);
    deltas = deltas.concat(update.deltas);
    // A derived class follows its rating. computeClassUpdate only applies non-null values (Tachi's
    // deltas), so a rating that became null (a revert took every PB, the profile lives on for a
    // provided class) would otherwise keep its stale class.
    const classes = { ...update.classes };
    for (const [set, value] of Object.entries(derived)) if (value === null) classes[set] = null;
    const hasProvided = Object.entries(classes).some(([set, v]) => v !== null && definition.config.classes[set]?.type === 'PROVIDED');
    // a profile exists while the user has PBs or a class they provided (Tachi keeps provided classes)
    writes.push({
      playtype,
      doc: pbs.length > 0 || hasProvided ? { userID: req.userID, game: req.game, playtype, ratings, classes } : null,
    });
  }

  // A first delivery with no deltas needs no checkpoint: a retry recomputes the same empty list.
  if (req.importID !== null && !(req.firstDelivery && deltas.length === 0)) {
    try {
      await db.importCheckpoints.insertOne({ importID: req.importID, classDeltas: deltas });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const checkpoint = await db.importCheckpoints.findOne({ importID: req.importID }, NO_ID);
      deltas = (checkpoint?.classDeltas as ClassDelta[] | undefined) ?? deltas;
    }
  }

  await Promise.all(
    writes.map(({ playtype, doc }) => {
      const filter = { userID: req.userID, game: req.game, playtype };
      return doc ? db.gameStats.replaceOne(filter, doc, { upsert: true }) : db.gameStats.deleteOne(filter);
    }),
  );
  return deltas;
}
