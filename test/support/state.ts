import type { Database } from '@score-import/db';

const byKey = (key: (x: Record<string, unknown>) => string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
  key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * Everything an import can change for a user, sorted and stripped of what legitimately differs
 * between two runs of the same import (insertion times, random session names, IDs derived from
 * the importID), so that two states can be compared with t.same.
 */
export async function userState(db: Database, userID: number) {
  const find = (c: Database['scores']) => c.find({ userID }, { projection: { _id: 0 } }).toArray();
  const scores = (await find(db.scores)).map(({ timeAdded: _t, importID: _i, ...s }) => s).sort(byKey((s) => s.scoreID as string));
  const personalBests = (await find(db.personalBests)).sort(byKey((p) => p.chartID as string));
  const sessions = (await find(db.sessions))
    .map(({ sessionID: _s, name: _n, timeInserted: _ti, ...s }) => s)
    .sort(byKey((s) => String(s.timeStarted)));
  const gameStats = (await find(db.gameStats)).sort(byKey((g) => `${g.game}:${g.playtype}`));
  return { scores, personalBests, sessions, gameStats };
}

/** Invariants that hold after any import, crashed or not. */
export async function checkImportInvariants(db: Database, importID: string) {
  const doc = await db.imports.findOne({ importID }, { projection: { _id: 0 } });
  const stored = await db.scores.find({ importID }, { projection: { _id: 0, scoreID: 1 } }).toArray();
  const storedIDs = stored.map((s) => s.scoreID as string);
  return {
    hasImportDocument: doc !== null,
    duplicateScoreIDs: storedIDs.length - new Set(storedIDs).size,
    scoresMatchDocument: doc !== null && [...(doc.scoreIDs as string[])].sort().join() === [...storedIDs].sort().join(),
    storedScores: storedIDs.length,
  };
}
