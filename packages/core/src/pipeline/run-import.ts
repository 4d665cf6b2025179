import { createHash } from 'node:crypto';
import {
  insertManyIgnoringDuplicates,
  isDuplicateKeyError,
  NO_ID,
  READ_BATCH,
  type Database,
} from '@score-import/db';
import { parseBatchManual, parseBatchManualFile, type BatchManualScore, type ParsedBatchManual } from '../batch-manual/index.ts';
import type { ChartIndex } from '../charts/index.ts';
import type { GameStatsDocument, ImportDocument, ImportErrorEntry, PBDocument, ScoreDocument, SessionDocument } from '../documents.ts';
import { ImportFatalError, ScoreFailure } from '../errors.ts';
import { GAMES } from '../games/registry.ts';
import { convertBatchManualScore } from '../scores/convert.ts';
import { createScoreID, hydrateScore, pbCandidates, stableStringify, sha256Hex, validateScore } from '../rules.ts';
import { startPBReads, updatePersonalBests, type PBReads, type RankingLock } from './personal-bests.ts';
import { readGameStats, updateProfiles } from './profile.ts';
import { progressUpdate, type ProgressReporter } from './progress.ts';
import { readSessions, updateSessions, type SessionScore } from './sessions.ts';
import { allSettledOrThrow, quiet } from '../util/settle.ts';

export type ImportType = 'file/batch-manual' | 'ir/direct-manual';

export interface ImportRequest {
  importID: string;
  userID: number;
  importType: ImportType;
  userIntent: boolean;
  inferTimestamp: boolean;
  /** the upload as received: the file's bytes, or the JSON body re-serialised */
  content: Buffer;
  /** when the API accepted it: the "now" of X-Infer-Score-TimeAchieved, stable across retries */
  submittedAt: number;
  /**
   * true when no earlier run of this import can have written anything (BullMQ's first delivery):
   * skips the look-ups that only a retry needs. False is always safe.
   */
  firstDelivery?: boolean;
}

export interface PipelineDeps {
  db: Database;
  charts: ChartIndex;
  report?: ProgressReporter;
  now?: () => number;
  /** the game's ranking lock (RankingLocks in @score-import/queue); without it the PB step re-reads until consistent */
  rankingLock?: RankingLock;
}

const INSERT_CHUNK = 2_000;
/** up to this many datapoints, an import starts every read of its later steps with its score insert */
const PREFETCH_MAX = 200;

/** Reads a small import starts alongside its score insert: none needs anything the import writes. */
interface Prefetched {
  pbReads?: Promise<PBReads>;
  gameStats?: Promise<ReadonlyMap<string, GameStatsDocument | null>>;
  sessions?: Promise<ReadonlyMap<string, SessionDocument[]>>;
}

/**
 * Runs one import against the database and returns its ImportDocument.
 *
 * Safe to run again after a crash at any point (BullMQ delivers at least once): scores are
 * deduplicated by their unique scoreID and tagged with the importID, sessions get IDs derived
 * from the importID, PBs and profiles are recomputed from stored scores, and class deltas are
 * checkpointed before the profile is written. A second run therefore converges on the same
 * documents as an uninterrupted one.
 */

export async function runImport(req: ImportRequest, deps: PipelineDeps): Promise<ImportDocument> {
  const prefetch: Prefetched = {};
  try {
    return await runSteps(req, deps, prefetch);
  } finally {
    // the PB step releases the ranking lock its reads took; this covers a failure before it ran
    await (await prefetch.pbReads?.catch(() => null))?.release();
  }
}

async function runSteps(req: ImportRequest, deps: PipelineDeps, prefetch: Prefetched): Promise<ImportDocument> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const report: ProgressReporter = deps.report ?? (() => {});

  if (!req.firstDelivery) {
    const finished = await db.imports.findOne({ importID: req.importID }, NO_ID);
    if (finished) return finished as unknown as ImportDocument;
  }

  const timeStarted = now();
  report(progressUpdate('parse', null, null));
  const parsed = parseInput(req);
  const config = GAMES[parsed.game];
  const input: (BatchManualScore | undefined)[] = parsed.scores;
  const total = input.length;
  report(progressUpdate('convert', 0, total, `Parsed score data. Importing ${total} scores.`));

  // Streams the datapoints in chunks: convert, hash, hydrate and validate a chunk in input order,
  // insert it (the unique scoreID index rejects scores already stored), then keep only what the
  // later steps need. Memory stays flat in the import's size: no list of every score document.
  const errors: ImportErrorEntry[] = [];
  const orphans: { errorIndex: number; doc: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  let skippedDuplicates = 0;
  const timeAdded = now();
  const scoreIDs: string[] = [];
  const sessionScores: SessionScore[] = [];
  /** per chart, the scores a PB can be built from (pbCandidates): a few per chart, not all */
  const pbInputs = new Map<string, ScoreDocument[]>();
  /** this import's scores stored by an earlier run of it (read at the first duplicate) */
  let storedByEarlierRun: Map<string, ScoreDocument> | undefined;

  for (let start = 0; start < total; start += INSERT_CHUNK) {
    const end = Math.min(start + INSERT_CHUNK, total);
    const chunk: ScoreDocument[] = [];
    for (let i = start; i < end; i++) {
      const data = input[i]!;
      input[i] = undefined; // converted: the parsed datapoint can go
      try {
        const { dryScore, song, chart } = convertBatchManualScore(deps.charts, data, parsed.context, req.importType);
        const scoreID = createScoreID(config, req.userID, chart.chartID, dryScore.scoreData);
        if (seen.has(scoreID)) {
          skippedDuplicates++;
        } else {
          seen.add(scoreID);
          const score = hydrateScore(dryScore, { userID: req.userID, chart, song, scoreID, timeAdded });
          validateScore(score, chart, now());
          score.importID = req.importID;
          chunk.push(score);
        }
      } catch (err) {
        if (err instanceof ScoreFailure) {
          if (err.type === 'SongOrChartNotFound') {
            orphans.push({ errorIndex: errors.length, doc: orphanDocument(req, parsed, data, err.message, timeAdded) });
          }
          errors.push({ type: err.type, message: err.message });
        } else {
          errors.push({ type: 'InternalError', message: 'An internal service error has occured.' });
        }
      }
    }

    if (total <= PREFETCH_MAX && chunk.length > 0) {
      // A small import (one chunk): the later steps' reads need nothing this insert writes, so they
      // go out with it, and the import costs a few round trips whatever its steps. Not for bigger
      // ones: the PB reads may hold the game's ranking lock, and a longer insert would hold it longer.
      const chartIDs = [...new Set(chunk.map((s) => s.chartID))];
      const chunkPlaytypes = [...new Set(chunk.map((s) => s.playtype))];
      prefetch.pbReads = quiet(startPBReads(db, req.userID, parsed.game, chartIDs, req.importID, deps.rankingLock));
      prefetch.gameStats = quiet(readGameStats(db, req.userID, parsed.game, parsed.classes ? [...config.playtypes] : chunkPlaytypes));
      prefetch.sessions = quiet(readSessions(db, req.userID, parsed.game, chunkPlaytypes));
    }
    const duplicates = await insertManyIgnoringDuplicates(db.scores, chunk);
    if (duplicates.size > 0) storedByEarlierRun ??= await readImportScores(db, req.importID);
    for (let j = 0; j < chunk.length; j++) {
      let score = chunk[j];
      if (duplicates.has(j)) {
        // A duplicate is ours if an earlier run of this same import stored it: keep the stored copy.
        const stored = storedByEarlierRun?.get(score.scoreID);
        if (!stored) {
          skippedDuplicates++;
          continue;
        }
        score = stored;
      }
      scoreIDs.push(score.scoreID);
      sessionScores.push({ scoreID: score.scoreID, timeAchieved: score.timeAchieved, playtype: score.playtype, calculatedData: score.calculatedData });
      const onChart = pbInputs.get(score.chartID);
      pbInputs.set(score.chartID, onChart ? pbCandidates(config, [...onChart, score]) : [score]);
    }
    report(progressUpdate('convert', end, total, `Imported ${end} of ${total} scores.`));
  }
  report(progressUpdate('insert', scoreIDs.length, scoreIDs.length, `Inserted ${scoreIDs.length} scores.`));
  await recordOrphans(db, req.importID, orphans, errors);

  // Sessions, PBs and the profile run side by side: sessions need only the scores, and the profile
  // needs only the PBs' values (and its stored version, read meanwhile), so it is written while the
  // PBs are.
  report(progressUpdate('sessions', null, null));
  const playtypes = [...new Set(sessionScores.map((s) => s.playtype))];
  const profilePlaytypes = parsed.classes ? [...config.playtypes] : playtypes;
  let pbsComputed!: (userPBs: PBDocument[]) => void;
  const computed = new Promise<PBDocument[]>((resolve) => (pbsComputed = resolve));
  const pbStep = updatePersonalBests(db, deps.charts, req.userID, parsed.game, req.importID, pbInputs, {
    rankingLock: deps.rankingLock,
    prefetched: prefetch.pbReads,
    whenComputed: pbsComputed,
  });
  const profileStep = allSettledOrThrow([
    // the PB step settles without computing anything when the import has no new scores
    Promise.race([computed, pbStep]),
    prefetch.gameStats ?? readGameStats(db, req.userID, parsed.game, profilePlaytypes),
  ] as const).then(([userPBs, storedStats]) => {
    report(progressUpdate('profile', null, null));
    return updateProfiles(db, {
      importID: req.importID,
      userID: req.userID,
      game: parsed.game,
      playtypes: profilePlaytypes,
      providedClasses: parsed.classes,
      userPBs,
      firstDelivery: req.firstDelivery,
      storedStats,
    });
  });
  const [createdSessions, , classDeltas] = await allSettledOrThrow([
    updateSessions(db, req, parsed.game, sessionScores, now, prefetch.sessions).then((created) => {
      report(progressUpdate('pbs', null, null));
      return created;
    }),
    pbStep,
    profileStep,
  ] as const);

  report(progressUpdate('finalise', null, null));
  const importDocument: ImportDocument = {
    importID: req.importID,
    userID: req.userID,
    importType: req.importType,
    userIntent: req.userIntent,
    game: parsed.game,
    playtypes,
    gptStrings: playtypes.map((p) => `${parsed.game}:${p}`),
    scoreIDs,
    errors,
    createdSessions,
    classDeltas,
    goalInfo: [],
    questInfo: [],
    timeStarted,
    timeFinished: now(),
    skippedDuplicates,
  };
  try {
    await db.imports.insertOne({ ...importDocument });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return (await db.imports.findOne({ importID: req.importID }, NO_ID)) as unknown as ImportDocument;
  }
  if (!req.firstDelivery || classDeltas.length > 0) await db.importCheckpoints.deleteOne({ importID: req.importID });
  return importDocument;
}

async function readImportScores(db: Database, importID: string): Promise<Map<string, ScoreDocument>> {
  const stored = (await db.scores.find({ importID }, { projection: { _id: 0 }, batchSize: READ_BATCH }).toArray()) as unknown as ScoreDocument[];
  return new Map(stored.map((s) => [s.scoreID, s]));
}

function parseInput(req: ImportRequest): ParsedBatchManual {
  if (req.importType === 'file/batch-manual') return parseBatchManualFile(req.content);
  let body: unknown;
  try {
    body = JSON.parse(req.content.toString('utf8'));
  } catch {
    throw new ImportFatalError(400, 'Invalid JSON body.');
  }
  return parseBatchManual(body, { inferTimestamp: req.inferTimestamp, now: req.submittedAt });
}

function orphanDocument(
  req: ImportRequest,
  parsed: ParsedBatchManual,
  data: unknown,
  errMsg: string,
  timeInserted: number,
): Record<string, unknown> {
  const context = parsed.context;
  const orphanID = 'O' + sha256Hex(stableStringify({ importType: req.importType, data, context, userID: req.userID }));
  return {
    importType: req.importType,
    data,
    context,
    userID: req.userID,
    orphanID,
    game: parsed.game,
    errMsg,
    timeInserted,
    importID: req.importID,
  };
}

/** Stores unresolved scores as orphans; one already stored by another import is `OrphanExists`. */
async function recordOrphans(
  db: Database,
  importID: string,
  orphans: { errorIndex: number; doc: Record<string, unknown> }[],
  errors: ImportErrorEntry[],
): Promise<void> {
  if (orphans.length === 0) return;
  // the same unresolved score twice in one file is one orphan
  const unique = new Map<string, Record<string, unknown>>();
  for (const o of orphans) if (!unique.has(o.doc.orphanID as string)) unique.set(o.doc.orphanID as string, o.doc);
  const docs = [...unique.values()];
  const dups = await insertManyIgnoringDuplicates(db.orphans, docs);
  const existing = new Set<string>();
  if (dups.size > 0) {
    const ours = new Set(
      (await db.orphans.find({ importID }, { projection: { _id: 0, orphanID: 1 } }).toArray()).map((o) => o.orphanID as string),
    );
    for (const i of dups) if (!ours.has(docs[i].orphanID as string)) existing.add(docs[i].orphanID as string);
  }
  const firstSeen = new Set<string>();
  for (const o of orphans) {
    const id = o.doc.orphanID as string;
    if (existing.has(id) || firstSeen.has(id)) errors[o.errorIndex].type = 'OrphanExists';
    firstSeen.add(id);
  }
}

/** Session IDs derived from the import, so a retried import recognises the sessions it created. */
export function derivedSessionID(importID: string, playtype: string, group: number): string {
  return 'Q' + createHash('sha256').update(`${importID}:${playtype}:${group}`).digest('hex').slice(0, 40);
}
