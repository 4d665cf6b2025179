import { NO_ID, READ_BATCH, type Database } from '@score-import/db';
import type { ChartIndex } from '../charts/chart-index.ts';
import type { ImportDocument } from '../documents.ts';
import { rebuildPersonalBests } from './personal-bests.ts';
import { updateProfiles } from './profile.ts';
import { removeScoresFromSessions } from './sessions.ts';

interface RevertPlan {
  chartIDs: string[];
  playtypes: string[];
}

/**
 * Reverts an import (better than Tachi, spec §4): deletes exactly its scores, takes them out of
 * the sessions it created or appended to (recomputing their data and times), rebuilds the PBs of
 * the affected charts, recomputes profiles, and deletes the ImportDocument last.
 *
 * The plan (charts and playtypes touched) is written onto the ImportDocument before anything is
 * deleted, and every step is idempotent, so a revert interrupted at any point is finished by
 * running it again. The caller holds the user's lease.
 */
export async function revertImport(db: Database, charts: ChartIndex, importID: string): Promise<boolean> {
  const doc = (await db.imports.findOne({ importID }, NO_ID)) as (ImportDocument & { revertPlan?: RevertPlan }) | null;
  if (!doc) return false;

  let plan = doc.revertPlan;
  if (!plan) {
    const scores = await db.scores.find({ importID }, { projection: { _id: 0, chartID: 1, playtype: 1 }, batchSize: READ_BATCH }).toArray();
    plan = {
      chartIDs: [...new Set(scores.map((s) => s.chartID as string))],
      playtypes: [...new Set([...doc.playtypes, ...scores.map((s) => s.playtype as string)])],
    };
    await db.imports.updateOne({ importID }, { $set: { revertPlan: plan } });
  }

  await removeScoresFromSessions(db, doc.userID, doc.game, [...new Set(doc.createdSessions.map((s) => s.sessionID))], new Set(doc.scoreIDs));
  await db.scores.deleteMany({ importID });
  const gameCharts = await charts.game(doc.game);
  const userPBs = await rebuildPersonalBests(db, gameCharts, { userID: doc.userID, game: doc.game, chartIDs: plan.chartIDs, playtypes: plan.playtypes });
  await updateProfiles(db, gameCharts, { importID: null, userID: doc.userID, game: doc.game, playtypes: plan.playtypes, providedClasses: null, userPBs });
  await db.importCheckpoints.deleteOne({ importID });
  await db.imports.deleteOne({ importID });
  return true;
}
