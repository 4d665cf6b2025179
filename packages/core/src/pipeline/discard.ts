import { READ_BATCH, type Database } from '@score-import/db';
import type { ChartIndex } from '../charts/index.ts';
import type { GameName } from '../games/types.ts';
import { rebuildPersonalBests, type RankingLock } from './personal-bests.ts';
import { updateProfiles } from './profile.ts';
import { removeScoresFromSessions } from './sessions.ts';

/**
 * Undoes what a failed import wrote before it gave up (it has no ImportDocument, so it could
 * never be reverted): its scores, their place in sessions, the PBs and profiles they changed.
 * Idempotent, like revert; called by the worker when an import fails for good.
 */
export async function discardPartialImport(
  db: Database,
  charts: ChartIndex,
  importID: string,
  userID: number,
  rankingLock?: RankingLock,
): Promise<number> {
  if (await db.imports.findOne({ importID }, { projection: { _id: 1 } })) return 0;
  const scores = await db.scores
    .find({ importID }, { projection: { _id: 0, scoreID: 1, chartID: 1, playtype: 1, game: 1 }, batchSize: READ_BATCH })
    .toArray();
  if (scores.length === 0) {
    await db.importCheckpoints.deleteOne({ importID });
    return 0;
  }
  const game = scores[0].game as GameName;
  const removed = new Set(scores.map((s) => s.scoreID as string));
  const sessions = await db.sessions
    .find({ userID, game }, { projection: { _id: 0, sessionID: 1, scoreIDs: 1 }, batchSize: READ_BATCH })
    .toArray();
  const touched = sessions
    .filter((s) => (s.scoreIDs as string[]).some((id) => removed.has(id)))
    .map((s) => s.sessionID as string);
  await removeScoresFromSessions(db, userID, game, touched, removed);
  await db.scores.deleteMany({ importID });
  const userPBs = await rebuildPersonalBests(db, charts, userID, game, [...new Set(scores.map((s) => s.chartID as string))], { rankingLock });
  await updateProfiles(db, {
    importID: null,
    userID,
    game,
    playtypes: [...new Set(scores.map((s) => s.playtype as string))],
    providedClasses: null,
    userPBs,
  });
  await db.importCheckpoints.deleteOne({ importID });
  return scores.length;
}
