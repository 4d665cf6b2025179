import { createHash } from 'node:crypto';
import { bulkWriteInBatches, findByKeys, insertManyIgnoringDuplicates, READ_BATCH, type Database } from '@score-import/db';
import type { ImportDocument, ScoreDocument, SessionDocument } from '../documents.ts';
import { gpt } from '../games/registry.ts';
import type { GameName } from '../games/types.ts';
import { sessionRatings } from '../profile/profile.ts';
import { groupIntoSessions, sessionName, sessionOverlaps } from '../sessions/group.ts';
import { groupBy } from '../util/group-by.ts';

type CreatedSessions = ImportDocument['createdSessions'];

/** What sessions need of a score. */
export type SessionScore = Pick<ScoreDocument, 'scoreID' | 'timeAchieved' | 'playtype' | 'calculatedData'>;

/** A stored session without its score list: enough to decide where a group of scores goes. */
export type SessionWindow = Pick<SessionDocument, 'sessionID' | 'playtype' | 'timeStarted' | 'timeEnded'>;

const WINDOW_FIELDS = { _id: 0, sessionID: 1, playtype: 1, timeStarted: 1, timeEnded: 1 } as const;

/** Session IDs derived from the import, so a retried import recognises the sessions it created. */
export function derivedSessionID(importID: string, playtype: string, group: number): string {
  return 'Q' + createHash('sha256').update(`${importID}:${playtype}:${group}`).digest('hex').slice(0, 40);
}

/**
 * The user's sessions of each playtype, without their score lists (a user's sessions hold all of
 * their score IDs; only the few a group joins are read whole).
 */
export async function readSessionWindows(
  db: Database,
  userID: number,
  game: GameName,
  playtypes: readonly string[],
): Promise<Map<string, SessionWindow[]>> {
  const lists = await Promise.all(
    playtypes.map(
      (playtype) =>
        db.sessions.find({ userID, game, playtype }, { projection: WINDOW_FIELDS, batchSize: READ_BATCH }).toArray() as unknown as Promise<SessionWindow[]>,
    ),
  );
  // in time order, not the database's (which follows the history of writes: a retry or a revert
  // reorders it), so that a group near several sessions always joins the same one, the earliest
  for (const list of lists) list.sort((a, b) => a.timeStarted - b.timeStarted || a.timeEnded - b.timeEnded);
  return new Map(playtypes.map((p, i) => [p, lists[i]]));
}

function readSessionsByID(db: Database, userID: number, sessionIDs: readonly string[]): Promise<SessionDocument[]> {
  return findByKeys<SessionDocument>(db, db.sessions, { userID }, 'sessionID', sessionIDs);
}

/**
 * Puts the import's new scores into sessions (spec §3.9): groups split at 2-hour gaps, each group
 * appended to a nearby session of the user or made a new one. Returns Created/Appended entries.
 */
export async function updateSessions(
  db: Database,
  req: { importID: string; userID: number },
  game: GameName,
  scores: readonly SessionScore[],
  now: () => number,
  /** the user's session windows, if the caller started reading them earlier (readSessionWindows) */
  prefetched?: Promise<ReadonlyMap<string, SessionWindow[]>>,
): Promise<CreatedSessions> {
  const byPlaytype = groupBy(
    scores.filter((s) => s.timeAchieved !== null),
    (s) => s.playtype,
  );
  const windows = await (prefetched ?? readSessionWindows(db, req.userID, game, [...byPlaytype.keys()]));
  const created: CreatedSessions = [];
  for (const [playtype, playtypeScores] of byPlaytype) {
    const groups = groupIntoSessions(playtypeScores);
    const existing = windows.get(playtype) ?? (await readSessionWindows(db, req.userID, game, [playtype])).get(playtype)!;
    // where each group goes: its own session (a retry finds it), or one nearby, or a new one;
    // the stored sessions any group could join are read whole, in one go
    const windowsOf = groups.map((group, g) => ({
      group,
      start: group[0].timeAchieved!,
      end: group[group.length - 1].timeAchieved!,
      ownID: derivedSessionID(req.importID, playtype, g),
    }));
    const candidates = existing
      .filter((w) => windowsOf.some((g) => w.sessionID === g.ownID || sessionOverlaps(w, g.start, g.end)))
      .map((w) => w.sessionID);
    const stored = new Map((await readSessionsByID(db, req.userID, candidates)).map((s) => [s.sessionID, s]));
    // the sessions as they stand while groups are placed: stored windows, then whole sessions once touched
    const current: (SessionWindow | SessionDocument)[] = existing.map((w) => stored.get(w.sessionID) ?? w);
    const touched = new Map<string, SessionDocument>();
    for (const { group, start, end, ownID } of windowsOf) {
      const target = current.find((s) => s.sessionID === ownID) ?? current.find((s) => sessionOverlaps(s, start, end));
      let session = target ? (touched.get(target.sessionID) ?? stored.get(target.sessionID)) : undefined;
      const appended = session !== undefined && session.sessionID !== ownID;
      if (!session) {
        session = {
          sessionID: ownID,
          userID: req.userID,
          game,
          playtype,
          scoreIDs: [],
          name: sessionName(),
          desc: null,
          highlight: false,
          timeInserted: now(),
          timeStarted: start,
          timeEnded: end,
          calculatedData: {},
        };
        current.push(session);
      }
      const ids = new Set(session.scoreIDs);
      for (const sc of group) if (!ids.has(sc.scoreID)) session.scoreIDs.push(sc.scoreID);
      session.timeStarted = Math.min(session.timeStarted, start);
      session.timeEnded = Math.max(session.timeEnded, end);
      touched.set(session.sessionID, session);
      created.push({ sessionID: session.sessionID, type: appended ? 'Appended' : 'Created' });
    }

    // an appended session's calculatedData needs its older scores too
    const inImport = new Map(playtypeScores.map((s) => [s.scoreID, s]));
    const missing = [...touched.values()].flatMap((s) => s.scoreIDs.filter((id) => !inImport.has(id)));
    const older = new Map(
      (await findByKeys<SessionScore>(db, db.scores, { userID: req.userID }, 'scoreID', missing, { _id: 0, scoreID: 1, calculatedData: 1 })).map((r) => [
        r.scoreID,
        r,
      ]),
    );
    const definition = gpt(game, playtype);
    for (const session of touched.values()) {
      const sessionScores = session.scoreIDs.map((id) => inImport.get(id) ?? older.get(id)).filter((s): s is SessionScore => s !== undefined);
      session.calculatedData = sessionRatings(definition, sessionScores);
    }
    // new sessions go in one insert; only sessions already stored are replaced (an update each)
    const fresh = [...touched.values()].filter((s) => !stored.has(s.sessionID));
    const rejected = await insertManyIgnoringDuplicates(db.sessions, fresh);
    const replaced = [...touched.values()].filter((s) => stored.has(s.sessionID)).concat(fresh.filter((_, i) => rejected.has(i)));
    await bulkWriteInBatches(
      db,
      db.sessions,
      replaced.map((s) => ({ replaceOne: { filter: { sessionID: s.sessionID }, replacement: { ...s }, upsert: true } })),
    );
  }
  return created;
}

/**
 * Takes scores out of the sessions that hold them (revert, clean-up): a session left empty is
 * deleted, the others get their calculated data and start/end times recomputed.
 */
export async function removeScoresFromSessions(
  db: Database,
  userID: number,
  game: GameName,
  sessionIDs: readonly string[],
  removedScoreIDs: ReadonlySet<string>,
): Promise<void> {
  if (sessionIDs.length === 0) return;
  const sessions = (await readSessionsByID(db, userID, sessionIDs)).filter((s) => s.scoreIDs.some((id) => removedScoreIDs.has(id)));
  const toDelete: string[] = [];
  const toUpdate: SessionDocument[] = [];
  for (const s of sessions) {
    s.scoreIDs = s.scoreIDs.filter((id) => !removedScoreIDs.has(id));
    if (s.scoreIDs.length === 0) toDelete.push(s.sessionID);
    else toUpdate.push(s);
  }
  if (toDelete.length > 0) await db.sessions.deleteMany({ userID, sessionID: toDelete.length === 1 ? toDelete[0] : { $in: toDelete } });
  if (toUpdate.length === 0) return;
  const kept = toUpdate.flatMap((s) => s.scoreIDs);
  const remaining = new Map(
    (
      await findByKeys<ScoreDocument>(db, db.scores, { userID }, 'scoreID', kept, { _id: 0, scoreID: 1, calculatedData: 1, timeAchieved: 1 })
    ).map((r) => [r.scoreID, r]),
  );
  for (const s of toUpdate) {
    const list = s.scoreIDs.map((id) => remaining.get(id)).filter((x): x is ScoreDocument => x !== undefined);
    const times = list.map((x) => x.timeAchieved).filter((t): t is number => t !== null);
    if (times.length > 0) {
      s.timeStarted = Math.min(...times);
      s.timeEnded = Math.max(...times);
    }
    s.calculatedData = sessionRatings(gpt(game, s.playtype), list);
  }
  await bulkWriteInBatches(
    db,
    db.sessions,
    toUpdate.map((s) => ({ replaceOne: { filter: { sessionID: s.sessionID }, replacement: { ...s } } })),
  );
}

/**
 * The sessions that may hold some of these scores: a score joins a session whose window then
 * covers its timeAchieved, so only sessions of its playtype around it are candidates (a clean-up
 * does not know which sessions an interrupted import appended to).
 */
export async function sessionsAround(
  db: Database,
  userID: number,
  game: GameName,
  scores: readonly Pick<ScoreDocument, 'playtype' | 'timeAchieved'>[],
): Promise<string[]> {
  const timed = groupBy(
    scores.filter((s) => s.timeAchieved !== null),
    (s) => s.playtype,
  );
  const windows = await readSessionWindows(db, userID, game, [...timed.keys()]);
  const ids: string[] = [];
  for (const [playtype, list] of timed) {
    const times = list.map((s) => s.timeAchieved!).sort((a, b) => a - b);
    for (const w of windows.get(playtype) ?? []) {
      // the first score at or after the session's start lies inside it, if any does
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid] < w.timeStarted) lo = mid + 1;
        else hi = mid;
      }
      if (lo < times.length && times[lo] <= w.timeEnded) ids.push(w.sessionID);
    }
  }
  return ids;
}
