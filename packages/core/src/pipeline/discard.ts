import { READ_BATCH, type Database } from '@score-import/db';
import type { ChartIndex } from '../charts/chart-index.ts';
import type { GameName } from '../games/types.ts';
import { rebuildPersonalBests } from './personal-bests.ts';
import { updateProfiles } from './profile.ts';
import { removeScoresFromSessions, sessionsAround } from './sessions.ts';

/**
 * Undoes what a failed import wrote before it gave up (it has no ImportDocument, so it could
 * never be reverted): its scores, their place in sessions, the PBs and profiles they changed.
 * Idempotent, like revert; run by the worker (holding the user's lease) when an import fails for
 * good, before the user's next import may start.
 */
export async function discardPartialImport(db: Database, charts: ChartIndex, importID: string, userID: number): Promise<number> {
  if (await db.imports.findOne({ importID }, { projection: { _id: 1 } })) return 0;
  const scores = await db.scores
    .find({ importID }, { projection: { _id: 0, scoreID: 1, chartID: 1, playtype: 1, game: 1, timeAchieved: 1 }, batchSize: READ_BATCH })
    .toArray();
  if (scores.length === 0) {
    await db.importCheckpoints.deleteOne({ importID });
    return 0;
  }
  const game = scores[0].game as GameName;
  const typed = scores as unknown as { scoreID: string; chartID: string; playtype: string; timeAchieved: number | null }[];
  // the sessions it created or appended to lie around its scores' times
  await removeScoresFromSessions(db, userID, game, await sessionsAround(db, userID, game, typed), new Set(typed.map((s) => s.scoreID)));
  await db.scores.deleteMany({ importID });
  const playtypes = [...new Set(typed.map((s) => s.playtype))];
  const gameCharts = await charts.game(game);
  const userPBs = await rebuildPersonalBests(db, gameCharts, { userID, game, chartIDs: [...new Set(typed.map((s) => s.chartID))], playtypes });
  await updateProfiles(db, gameCharts, { importID: null, userID, game, playtypes, providedClasses: null, userPBs });
  await db.importCheckpoints.deleteOne({ importID });
  return scores.length;
}
