import { isDuplicateKeyError, NO_ID, type Database } from '@score-import/db';
import type { ChartIndex } from '../charts/chart-index.ts';
import type { GameStatsDocument, ImportDocument, PBDocument } from '../documents.ts';
import { gameModule } from '../games/registry.ts';
import { importTypeModule, type ImportTypeName } from '../import-types/registry.ts';
import { allSettledOrThrow, quiet } from '../util/settle.ts';
import { insertScores } from './insert-scores.ts';
import type { UnknownChart } from '../errors.ts';
import { queueOrphanChart, type OrphanChartOptions } from './orphan-charts.ts';
import { recordOrphans } from './orphans.ts';
import { readUserPBs, rebuildPersonalBests } from './personal-bests.ts';
import { readGameStats, updateProfiles } from './profile.ts';
import { parallelSteps, progressUpdate, type ProgressReporter } from './progress.ts';
import { readSessionWindows, updateSessions, type SessionWindow } from './sessions.ts';

export interface ImportRequest {
  importID: string;
  userID: number;
  importType: ImportTypeName;
  userIntent: boolean;
  /** the upload as received: the file's bytes, or the request body re-serialised */
  content: Buffer;
  /** when the API accepted it: the "now" of X-Infer-Score-TimeAchieved, stable across retries */
  submittedAt: number;
  /** what the import type reads besides the content (form fields, headers) */
  options?: Readonly<Record<string, string>>;
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
  /** the orphan-chart queue (orphan-charts.ts); without it, unknown charts are not queued */
  orphanCharts?: OrphanChartOptions;
}

/** up to this many datapoints, an import starts every read of its later steps with its score insert */
const PREFETCH_MAX = 200;

/** Reads a small import starts alongside its score insert: none needs anything the import writes. */
interface Prefetched {
  userPBs?: Promise<PBDocument[]>;
  gameStats?: Promise<ReadonlyMap<string, GameStatsDocument | null>>;
  sessions?: Promise<ReadonlyMap<string, SessionWindow[]>>;
}

/**
 * The input with U+FFFD for every NUL character, raw or JSON-escaped: PostgreSQL (under FerretDB)
 * stores no NUL in a string, so one in a title, a comment or an error message quoting the input
 * would fail every write of it, and the failure's own record too.
 */
export function withoutNUL(content: Buffer): Buffer {
  const escaped = content.includes('\\u0000');
  if (!escaped && !content.includes(0)) return content;
  let text = content.toString('utf8').replaceAll('\0', '\uFFFD');
  if (escaped) text = text.replaceAll('\\u0000', '\\uFFFD');
  return Buffer.from(text, 'utf8');
}

function queueUnknownChart(deps: PipelineDeps, options: OrphanChartOptions, userID: number) {
  return async (unknown: UnknownChart) => ((await queueOrphanChart(deps.db, unknown, userID, options)) ? deps.charts.reload(unknown.game) : null);
}

/**
 * Runs one import against the database and returns its ImportDocument: parse, convert and insert
 * the scores, keep the unmatched ones as orphans, then sessions, PBs and the profile side by side,
 * and the ImportDocument last.
 *
 * Safe to run again after a crash at any point (BullMQ delivers at least once): scores are
 * deduplicated by their unique scoreID and tagged with the importID, sessions get IDs derived
 * from the importID, PBs and profiles are recomputed from stored scores, and class deltas are
 * checkpointed before the profile is written. A second run therefore converges on the same
 * documents as an uninterrupted one.
 */
export async function runImport(req: ImportRequest, deps: PipelineDeps): Promise<ImportDocument> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const report: ProgressReporter = deps.report ?? (() => {});

  if (!req.firstDelivery) {
    const finished = await db.imports.findOne({ importID: req.importID }, NO_ID);
    if (finished) return finished as unknown as ImportDocument;
  }

  // 1. parse
  const timeStarted = now();
  report(progressUpdate('parse', null, null));
  const importType = importTypeModule(req.importType);
  const parsed = await importType.parse({ content: withoutNUL(req.content), submittedAt: req.submittedAt, options: req.options ?? {} });
  const { game } = parsed;
  const charts = await deps.charts.game(game);
  report(progressUpdate('convert', 0, parsed.datapoints.length, `Parsed score data. Importing ${parsed.datapoints.length} scores.`));

  // 2. convert, validate and insert the scores; a small import starts its later reads meanwhile
  const prefetched: Prefetched = {};
  const inserted = await insertScores(db, req, importType, parsed, charts, report, now, (chunk, total) => {
    if (total > PREFETCH_MAX || chunk.length === 0) return;
    const playtypes = [...new Set(chunk.map((s) => s.playtype))];
    prefetched.userPBs = quiet(readUserPBs(db, req.userID, game, profilePlaytypes(game, playtypes, parsed.classes !== null)));
    prefetched.gameStats = quiet(readGameStats(db, req.userID, game, profilePlaytypes(game, playtypes, parsed.classes !== null)));
    prefetched.sessions = quiet(readSessionWindows(db, req.userID, game, playtypes));
  }, deps.orphanCharts && queueUnknownChart(deps, deps.orphanCharts, req.userID));
  await recordOrphans(db, req.importID, inserted.orphans, inserted.errors);

  // 3. sessions, PBs and the profile, side by side: sessions need only the scores, the profile only
  // the PBs' values (written while the PBs are)
  const playtypes = [...new Set(inserted.sessionScores.map((s) => s.playtype))];
  const profileFor = profilePlaytypes(game, playtypes, parsed.classes !== null);
  const steps = parallelSteps(report, ['sessions', 'pbs', 'profile']);
  let computed!: (userPBs: PBDocument[]) => void;
  const pbsComputed = new Promise<PBDocument[]>((resolve) => (computed = resolve));
  const pbStep = rebuildPersonalBests(
    db,
    charts,
    { userID: req.userID, game, chartIDs: [...inserted.pbInputs.keys()], playtypes: profileFor, imported: { importID: req.importID, scores: inserted.pbInputs } },
    {
      prefetched: prefetched.userPBs,
      whenComputed: (userPBs) => {
        steps.started('pbs');
        computed(userPBs);
      },
    },
  ).finally(() => steps.finished('pbs'));
  const sessionStep = updateSessions(db, req, game, inserted.sessionScores, now, prefetched.sessions).finally(() => steps.finished('sessions'));
  const profileStep = Promise.all([Promise.race([pbsComputed, pbStep]), prefetched.gameStats ?? readGameStats(db, req.userID, game, profileFor)])
    .then(([userPBs, storedStats]) => {
      steps.started('profile');
      return updateProfiles(db, charts, {
        importID: req.importID,
        userID: req.userID,
        game,
        playtypes: profileFor,
        providedClasses: parsed.classes,
        userPBs,
        firstDelivery: req.firstDelivery,
        storedStats,
      });
    })
    .finally(() => steps.finished('profile'));
  const [createdSessions, , classDeltas] = await allSettledOrThrow([sessionStep, pbStep, profileStep] as const);

  // 4. the ImportDocument, last: its presence is what says the import completed
  report(progressUpdate('finalise', null, null));
  const importDocument: ImportDocument = {
    importID: req.importID,
    userID: req.userID,
    importType: req.importType,
    userIntent: req.userIntent,
    game,
    playtypes,
    gptStrings: playtypes.map((p) => `${game}:${p}`),
    scoreIDs: inserted.scoreIDs,
    errors: inserted.errors,
    createdSessions,
    classDeltas,
    goalInfo: [],
    questInfo: [],
    timeStarted,
    timeFinished: now(),
    skippedDuplicates: inserted.skippedDuplicates,
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

/**
 * The playtypes whose profile an import recomputes: those it added scores to, or every playtype of
 * the game when it provided classes (Tachi's class provider runs for all of them).
 */
function profilePlaytypes(game: ImportDocument['game'], playtypes: readonly string[], providesClasses: boolean): string[] {
  return providesClasses ? [...gameModule(game).playtypes] : [...playtypes];
}
