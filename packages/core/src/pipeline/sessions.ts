import { bulkWriteInBatches, insertManyIgnoringDuplicates, READ_BATCH, type Database } from '@score-import/db';
import type { ImportDocument, ScoreDocument, SessionDocument } from '../documents.ts';
import type { GameName } from '../games/types.ts';
import { groupIntoSessions, sessionCalculatedData, sessionName, sessionOverlaps } from '../rules.ts';
import { derivedSessionID } from './run-import.ts';
import { groupBy } from '../util/group-by.ts';

type CreatedSessions = ImportDocument['createdSessions'];

/** What sessions need of a score. */
export type SessionScore = Pick<ScoreDocument, 'scoreID' | 'timeAchieved' | 'playtype' | 'calculatedData'>;

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
  /** the user's stored sessions, if the caller started reading them earlier (readSessions) */
  prefetched?: Promise<ReadonlyMap<string, SessionDocument[]>>,
): Promise<CreatedSessions> {
  const stored = prefetched ? await prefetched : new Map<string, SessionDocument[]>();
  const created: CreatedSessions = [];
  const byPlaytype = groupBy(
    scores.filter((s) => s.timeAchieved !== null),
    (s) => s.playtype,
  );
  for (const [playtype, playtypeScores] of byPlaytype) {
    const groups = groupIntoSessions(playtypeScores);
    const existing = [...(stored.get(playtype) ?? (await readSessions(db, req.userID, game, [playtype])).get(playtype)!)];
    const storedIDs = new Set(existing.map((s) => s.sessionID));
    const touched = new Map<string, SessionDocument>();
    // calculatedData of an appended session needs its older scores too
    const olderScores = new Map<string, SessionScore>();

    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const start = group[0].timeAchieved!;
      const end = group[group.length - 1].timeAchieved!;
      const ownID = derivedSessionID(req.importID, playtype, g);
      const own = existing.find((s) => s.sessionID === ownID);
      const target = own ?? existing.find((s) => sessionOverlaps(s, start, end));
      if (target && !own) {
        const ids = new Set(target.scoreIDs);
        for (const s of group) if (!ids.has(s.scoreID)) target.scoreIDs.push(s.scoreID);
        target.timeStarted = Math.min(target.timeStarted, start);
        target.timeEnded = Math.max(target.timeEnded, end);
        touched.set(target.sessionID, target);
        created.push({ sessionID: target.sessionID, type: 'Appended' });
      } else {
        const session: SessionDocument = own ?? {
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
        const ids = new Set(session.scoreIDs);
        for (const s of group) if (!ids.has(s.scoreID)) session.scoreIDs.push(s.scoreID);
        session.timeStarted = Math.min(session.timeStarted, start);
        session.timeEnded = Math.max(session.timeEnded, end);
        if (!own) existing.push(session);
        touched.set(session.sessionID, session);
        created.push({ sessionID: session.sessionID, type: 'Created' });
      }
    }

    const inImport = new Map(playtypeScores.map((s) => [s.scoreID, s]));
    const missing = new Set<string>();
    for (const session of touched.values()) for (const id of session.scoreIDs) if (!inImport.has(id)) missing.add(id);
    if (missing.size > 0) {
      const rows = await db.scores
        .find({ userID: req.userID, scoreID: { $in: [...missing] } }, { projection: { _id: 0, scoreID: 1, calculatedData: 1 }, batchSize: READ_BATCH })
        .toArray();
      for (const r of rows) olderScores.set(r.scoreID as string, r as unknown as SessionScore);
    }
    for (const session of touched.values()) {
      const sessionScores = session.scoreIDs
        .map((id) => inImport.get(id) ?? olderScores.get(id))
        .filter((s): s is SessionScore => s !== undefined);
      session.calculatedData = sessionCalculatedData(game, sessionScores);
    }
    // New sessions go in one insert; only sessions already stored are replaced (an update per
    // session, and FerretDB takes those one per command).
    const fresh = [...touched.values()].filter((s) => !storedIDs.has(s.sessionID));
    const rejected = await insertManyIgnoringDuplicates(db.sessions, fresh);
    const replaced = [...touched.values()].filter((s) => storedIDs.has(s.sessionID)).concat(fresh.filter((_, i) => rejected.has(i)));
    await bulkWriteInBatches(
      db,
      db.sessions,
      replaced.map((s) => ({
        replaceOne: { filter: { sessionID: s.sessionID }, replacement: { ...s }, upsert: true },
      })),
    );
  }
  return created;
}

/** The user's stored sessions of each playtype; they need nothing an import writes first. */
export async function readSessions(
  db: Database,
  userID: number,
  game: GameName,
  playtypes: readonly string[],
): Promise<Map<string, SessionDocument[]>> {
  const lists = await Promise.all(
    playtypes.map(
      async (playtype) =>
        (await db.sessions.find({ userID, game, playtype }, { projection: { _id: 0 }, batchSize: READ_BATCH }).toArray()) as unknown as SessionDocument[],
    ),
  );
  return new Map(playtypes.map((p, i) => [p, lists[i]]));
}

/**
 * Takes an import's scores out of the sessions it created or appended to (revert): a session left
 * empty is deleted, the others get their calculated data and start/end times recomputed.
 */
export async function removeScoresFromSessions(
  db: Database,
  userID: number,
  game: GameName,
  sessionIDs: string[],
  removedScoreIDs: Set<string>,
): Promise<void> {
  if (sessionIDs.length === 0) return;
  const sessions = (await db.sessions
    .find({ userID, sessionID: { $in: sessionIDs } }, { projection: { _id: 0 }, batchSize: READ_BATCH })
    .toArray()) as unknown as SessionDocument[];
  const toDelete: string[] = [];
  const toUpdate: SessionDocument[] = [];
  const keptIDs = new Set<string>();
  for (const s of sessions) {
    s.scoreIDs = s.scoreIDs.filter((id) => !removedScoreIDs.has(id));
    if (s.scoreIDs.length === 0) toDelete.push(s.sessionID);
    else {
      toUpdate.push(s);
      for (const id of s.scoreIDs) keptIDs.add(id);
    }
  }
  if (toDelete.length > 0) await db.sessions.deleteMany({ userID, sessionID: { $in: toDelete } });
  if (toUpdate.length === 0) return;
  const remaining = new Map<string, ScoreDocument>();
  const rows = await db.scores
    .find({ userID, scoreID: { $in: [...keptIDs] } }, { projection: { _id: 0, scoreID: 1, calculatedData: 1, timeAchieved: 1 }, batchSize: READ_BATCH })
    .toArray();
  for (const r of rows) remaining.set(r.scoreID as string, r as unknown as ScoreDocument);
  for (const s of toUpdate) {
    const list = s.scoreIDs.map((id) => remaining.get(id)).filter((x): x is ScoreDocument => x !== undefined);
    const times = list.map((x) => x.timeAchieved).filter((t): t is number => t !== null);
    if (times.length > 0) {
      s.timeStarted = Math.min(...times);
      s.timeEnded = Math.max(...times);
    }
    s.calculatedData = sessionCalculatedData(game, list);
  }
  await bulkWriteInBatches(
    db,
    db.sessions,
    toUpdate.map((s) => ({ replaceOne: { filter: { sessionID: s.sessionID }, replacement: { ...s } } })),
  );
}
