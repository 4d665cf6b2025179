import { DelayedError, type Job } from 'bullmq';
import {
  discardPartialImport,
  ImportFatalError,
  runImport,
  throttleReporter,
  type ChartIndex,
} from '@score-import/core';
import { isDatabaseUnavailable, type Database } from '@score-import/db';
import type { ImportJobData, ImportStatusRecord, InputStore, RankingLocks, StatusStore, UserLeases } from '@score-import/queue';
import type { Logger } from 'pino';
import type { WorkerMetrics } from './metrics.ts';

export interface WorkerDeps {
  db: Database;
  charts: ChartIndex;
  statuses: StatusStore;
  inputs: InputStore;
  leases: UserLeases;
  /** one writer of a game's rankings at a time; without it the PB step re-reads until consistent */
  rankingLocks?: RankingLocks;
  log: Logger;
  metrics?: WorkerMetrics;
  /** imports running in this process, so a shutdown past its grace period can hand them back */
  active?: Map<string, ActiveImport>;
  /** where a failed import's clean-up goes when the database is away at the time */
  cleanup?: CleanupQueue;
  /** how long a job waits before trying again while its user has another import or revert running */
  userBusyDelayMs?: number;
  /**
   * Test-only fault injection (SCORE_IMPORT_TEST_CRASH_AT=<phase>, SCORE_IMPORT_TEST_CRASH_TIMES=n):
   * the process SIGKILLs itself on entering that phase, on the first n deliveries of a job.
   */
  crashAt?: { phase: string; times: number };
}

export interface ImportJobResult {
  importID: string;
  outcome: 'completed' | 'failed';
  scores?: number;
  statusCode?: number;
}

export interface ActiveImport {
  job: Job<ImportJobData>;
  token: string | undefined;
  release(): Promise<void>;
}

const WAITING = 'Waiting for this user\'s other import or revert to finish.';

/**
 * What a worker does with one import job, start to finish, including the import's final status:
 * nothing in the API process waits for it.
 */
export async function processImportJob(
  deps: WorkerDeps,
  job: Job<ImportJobData>,
  token: string | undefined,
): Promise<ImportJobResult> {
  const { importID, userID } = job.data;
  const status: ImportStatusRecord =
    (await deps.statuses.get(importID)) ?? deps.statuses.queuedRecord(importID, userID, job.data.importType, job.data.submittedAt);
  if (status.status === 'completed' || status.status === 'failed') {
    return { importID, outcome: status.status };
  }

  const lease = await deps.leases.tryAcquire(userID);
  if (!lease) {
    // One import or revert per user: wait in the delayed set instead of failing (Tachi answers 409 after hours).
    await deps.statuses.progress(status, { description: WAITING, processed: null, total: null }, 0);
    await job.moveToDelayed(Date.now() + (deps.userBusyDelayMs ?? 500), token);
    throw new DelayedError();
  }

  deps.active?.set(importID, { job, token, release: lease.release });
  deps.metrics?.importsStarted.inc();
  const stopTimer = deps.metrics?.importDuration.startTimer();
  const finish = (outcome: 'completed' | 'failed', scores?: number) => {
    stopTimer?.({ outcome });
    deps.metrics?.importsFinished.inc({ outcome });
    if (scores !== undefined) deps.metrics?.scoresPerImport.observe(scores);
  };
  try {
    const content = await deps.inputs.get(importID);
    if (!content) {
      const done = await deps.db.imports.findOne({ importID }, { projection: { _id: 0, importID: 1 } });
      if (done) {
        await deps.statuses.complete(status);
        return { importID, outcome: 'completed' };
      }
      await markFailed(deps, job, status, 500, 'The uploaded data of this import was lost before it could be processed.');
      return { importID, outcome: 'failed', statusCode: 500 };
    }

    const publish = throttleReporter((u) => {
      deps.statuses
        .progress(status, { description: u.description, processed: u.processed, total: u.total }, u.rank)
        .catch((err: unknown) => deps.log.warn({ err, importID }, 'progress update failed'));
    });
    const crashAt = deps.crashAt;
    const report: typeof publish = crashAt
      ? (u) => {
          if (u.phase === crashAt.phase && job.stalledCounter < crashAt.times) process.kill(process.pid, 'SIGKILL');
          publish(u);
        }
      : publish;
    const doc = await runImport(
      {
        importID,
        userID,
        importType: job.data.importType,
        userIntent: job.data.userIntent,
        inferTimestamp: job.data.inferTimestamp,
        content,
        submittedAt: job.data.submittedAt,
        // nothing of this import can be in the database yet: no failed attempt, no stall, not handed back
        firstDelivery: job.attemptsMade === 0 && job.stalledCounter === 0 && (job.attemptsStarted ?? 1) <= 1,
      },
      { db: deps.db, charts: deps.charts, report, rankingLock: deps.rankingLocks },
    );
    await deps.statuses.complete(status);
    await deps.inputs.remove(importID);
    deps.log.info({ importID, userID, scores: doc.scoreIDs.length, errors: doc.errors.length }, 'import completed');
    finish('completed', doc.scoreIDs.length);
    return { importID, outcome: 'completed', scores: doc.scoreIDs.length };
  } catch (err) {
    if (err instanceof ImportFatalError) {
      await markFailed(deps, job, status, err.statusCode, err.message);
      finish('failed');
      return { importID, outcome: 'failed', statusCode: err.statusCode };
    }
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) {
      deps.log.error({ err, importID }, 'import failed after its last attempt');
      finish('failed');
      if (isDatabaseUnavailable(err)) {
        await markFailed(deps, job, status, 503, `The database could not be reached during ${attempts} attempts at this import. Please submit it again.`);
      } else {
        await markFailed(deps, job, status, 500, 'An internal service error has occured with this import.');
      }
    } else {
      deps.log.warn({ err, importID, attempt: job.attemptsMade + 1 }, 'import attempt failed; BullMQ will retry it');
    }
    throw err;
  } finally {
    deps.active?.delete(importID);
    await lease.release().catch(() => {});
  }
}

/**
 * Final failure. The failure is recorded (for /imports/failed and for polls once the status
 * record expires), then what the import wrote is discarded (no score may outlive a failed import:
 * without an ImportDocument nothing could revert it), then the status record says `failed`, so a
 * client told of the failure finds nothing of the import left. If the database is away for the
 * clean-up, a discard job with its own retries finishes it later.
 */
export async function markFailed(
  deps: Pick<WorkerDeps, 'db' | 'charts' | 'statuses' | 'inputs' | 'log' | 'rankingLocks'> & { cleanup?: CleanupQueue },
  job: Job<ImportJobData>,
  status: ImportStatusRecord,
  statusCode: number,
  description: string,
): Promise<void> {
  const failure: FailedImport = { ...job.data, statusCode, description };
  let recorded = true;
  try {
    await writeTracker(deps.db, failure);
  } catch {
    recorded = false;
  }
  let cleanupError: unknown = null;
  try {
    if (!recorded) throw new Error('the failure could not be recorded');
    await discardPartialImport(deps.db, deps.charts, failure.importID, failure.userID, deps.rankingLocks);
  } catch (err) {
    if (!deps.cleanup) {
      cleanupError = err;
    } else {
      deps.log.warn({ err, importID: failure.importID }, 'could not clean up a failed import now; queued for later');
      await deps.cleanup
        .add(DISCARD_JOB, failure, { jobId: `discard-${failure.importID}`, ...DISCARD_JOB_OPTIONS })
        .catch((e: unknown) => (cleanupError = e));
    }
  }
  // the failure is told whatever happened to the clean-up: an import must never stay "ongoing"
  await deps.statuses.fail(status, { statusCode, description });
  await deps.inputs.remove(job.data.importID).catch(() => {});
  if (cleanupError) throw cleanupError;
}

export const DISCARD_JOB = 'discard-failed-import';
const DISCARD_JOB_OPTIONS = { attempts: 12, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: true } as const;

export type FailedImport = ImportJobData & { statusCode: number; description: string };
export interface CleanupQueue {
  add(name: string, data: FailedImport, opts: object): Promise<unknown>;
}

/** Discards a failed import's partial writes and records the failure; idempotent. */
export async function recordFailedImport(deps: Pick<WorkerDeps, 'db' | 'charts' | 'rankingLocks'>, f: FailedImport): Promise<void> {
  await writeTracker(deps.db, f);
  await discardPartialImport(deps.db, deps.charts, f.importID, f.userID, deps.rankingLocks);
}


async function writeTracker(db: Database, f: FailedImport): Promise<void> {
  await db.importTrackers.replaceOne(
    { importID: f.importID },
    {
      type: 'FAILED',
      importID: f.importID,
      importType: f.importType,
      userID: f.userID,
      userIntent: f.userIntent,
      timeStarted: f.submittedAt,
      error: { statusCode: f.statusCode, message: f.description },
    },
    { upsert: true },
  );
}
