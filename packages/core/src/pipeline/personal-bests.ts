import { findByKeys, READ_BATCH, type Database } from '@score-import/db';
import type { GameCharts } from '../charts/chart-index.ts';
import type { PBDocument, ScoreDocument } from '../documents.ts';
import { gpt } from '../games/registry.ts';
import type { GameName } from '../games/types.ts';
import { buildPB } from '../pbs/build-pb.ts';
import { groupBy } from '../util/group-by.ts';

export interface PBStep {
  userID: number;
  game: GameName;
  /** the charts whose PBs are rebuilt */
  chartIDs: readonly string[];
  /** the playtypes whose PBs the profile needs (every chart above is in one of them) */
  playtypes: readonly string[];
  /**
   * An import's own scores, per chart (its PB candidates), already in memory: only the user's other
   * scores are read. Absent for a revert or a clean-up, which rebuild from what is stored.
   */
  imported?: { importID: string; scores: ReadonlyMap<string, readonly ScoreDocument[]> };
}

export interface PBStepOptions {
  /** the user's PBs of the playtypes, if the caller started reading them earlier (readUserPBs) */
  prefetched?: Promise<PBDocument[]>;
  /**
   * told every PB the user will have in these playtypes as soon as they are computed, before they
   * are written, so that what needs only their values (the profile) can be written meanwhile
   */
  whenComputed?: (userPBs: PBDocument[]) => void;
}

/** The user's PBs of some playtypes of a game: one equality read per playtype (userID's index). */
export async function readUserPBs(db: Database, userID: number, game: GameName, playtypes: readonly string[]): Promise<PBDocument[]> {
  const lists = await Promise.all(
    playtypes.map(
      (playtype) =>
        db.personalBests.find({ userID, game, playtype }, { projection: { _id: 0 }, batchSize: READ_BATCH }).toArray() as unknown as Promise<PBDocument[]>,
    ),
  );
  return lists.flat();
}

/**
 * Rebuilds the user's PBs on the given charts from every score they have there (spec §3.10):
 * deletes PBs of charts where no score remains (revert), replaces the others. Its reads are the
 * user's own documents only — their PBs of these playtypes and their scores on these charts — and
 * its writes the user's own PBs (rankings are computed when shown, pbs/ranking.ts), so its cost
 * does not grow with the players on a chart. PBs are derived data, rewritten whole (delete then
 * insert), which is also what makes a retried import or revert converge. Returns every PB the user
 * now has in these playtypes, for the profile.
 */
export async function rebuildPersonalBests(db: Database, charts: GameCharts, step: PBStep, opts: PBStepOptions = {}): Promise<PBDocument[]> {
  const { userID, game, chartIDs, imported } = step;
  const chartSet = new Set(chartIDs);
  const [userPBs, storedScores] = await Promise.all([
    opts.prefetched ?? readUserPBs(db, userID, game, step.playtypes),
    // every other score of the user on these charts (an import's own are in memory)
    findByKeys<ScoreDocument>(db, db.scores, imported ? { userID, importID: { $ne: imported.importID } } : { userID }, 'chartID', chartIDs, {
      _id: 0,
      importID: 0,
    }),
  ]);

  // older scores first: a tie on the default metric keeps the PB's base (Tachi's natural order)
  const stored = groupBy(storedScores, (s) => s.chartID);
  const pbs: PBDocument[] = [];
  for (const chartID of chartIDs) {
    const chart = charts.chart(chartID);
    const scores = [...(stored.get(chartID) ?? []), ...(imported?.scores.get(chartID) ?? [])];
    if (!chart || scores.length === 0) continue;
    const pb = buildPB(gpt(game, chart.playtype), chart, scores);
    if (pb) pbs.push(pb);
  }

  const userPBsNow = [...userPBs.filter((p) => !chartSet.has(p.chartID)), ...pbs];
  opts.whenComputed?.(userPBsNow);

  // only charts where the user had a PB need a delete (none, on a first import of those charts)
  const replaced = userPBs.filter((p) => chartSet.has(p.chartID)).map((p) => p.chartID);
  if (replaced.length > 0) await deleteUserPBs(db, userID, replaced);
  if (pbs.length > 0) await db.personalBests.insertMany(pbs.map((p) => ({ ...p })), { ordered: false });
  return userPBsNow;
}

/** Deletes the user's PBs on these charts: one statement, bounded by the user's own PBs. */
async function deleteUserPBs(db: Database, userID: number, chartIDs: readonly string[]): Promise<void> {
  if (chartIDs.length === 1) await db.personalBests.deleteMany({ userID, chartID: chartIDs[0] });
  else await db.personalBests.deleteMany({ userID, chartID: { $in: [...chartIDs] } });
}
