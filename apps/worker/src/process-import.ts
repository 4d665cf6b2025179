import { DelayedError, type Job, type Queue } from 'bullmq';
import {
  discardPartialImport,
  ImportFatalError,
  runImport,
  throttleReporter,
  type ChartIndex,
  type ImportTypeName,
  type OrphanChartOptions,
} from '@score-import/core';
import { isDatabaseUnavailable, type Database } from '@score-import/db';
import type {
  ImportJobData,
  ImportStatusRecord,
  InputStore,
  StatusStore,
  UnfinishedImport,
  UserLeases,
} from '@score-import/queue';
import type { Logger } from 'pino';
import type { WorkerMetrics } from './metrics.ts';

export interface WorkerDeps {
  db: Database;
  charts: ChartIndex;
  statuses: StatusStore;
  inputs: InputStore;
  leases: UserLeases;
  log: Logger;
  metrics?: WorkerMetrics;
  /** imports running in this process, so a shutdown past its grace period can hand them back */
  active?: Map<string, ActiveImport>;
  /**
   * The import queue: where a failed import's clean-up goes when it cannot run at once, and where a
   * waiting import checks that the import it waits for is still alive
   */
  cleanup?: CleanupQueue;
  /** the orphan-chart queue (beatoraja's unknown charts): its size, and how follow-up imports are queued */
  orphanCharts?: OrphanChartOptions;
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
const waitingForImport = (importID: string) => `Waiting for this user's earlier import ${importID} to finish.`;
const waitingForCleanup = (importID: string) =>
  `Waiting for the clean-up of this user's failed import ${importID}: its partial scores are removed first, then this import starts.`;

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

  const acquired = await deps.leases.acquireForImport(userID, importID, job.data);
  if (!acquired.lease) {
    // One import or revert per user, in order, and never beside an unfinished one's leftovers: wait
    // in the delayed set instead of failing (Tachi answers 409 after hours).
    const description = acquired.blockedBy === 'lease' ? WAITING : await keepMoving(deps, acquired.blockedBy);
    await deps.statuses.progress(status, { description, processed: null, total: null }, 0);
    await job.moveToDelayed(Date.now() + (deps.userBusyDelayMs ?? 500), token);
    throw new DelayedError();
  }
  const lease = acquired.lease;

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
      const done = await deps.db.imports.findOne({ importID }, { projection: { _id: 0, revertPlan: 0 } });
      if (done) {
        await deps.leases.finish(userID, importID);
        await lease.release().catch(() => {});
        await deps.statuses.complete(status, done);
        return { importID, outcome: 'completed' };
      }
      await markFailed(deps, job.data, status, 500, 'The uploaded data of this import was lost before it could be processed.', { leaseHeld: true });
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
        importType: job.data.importType as ImportTypeName,
        userIntent: job.data.userIntent,
        options: job.data.options ?? {},
        content,
        submittedAt: job.data.submittedAt,
        // nothing of this import can be in the database yet: no failed attempt, no stall, not handed back
        firstDelivery: job.attemptsMade === 0 && job.stalledCounter === 0 && (job.attemptsStarted ?? 1) <= 1,
      },
      { db: deps.db, charts: deps.charts, report, orphanCharts: deps.orphanCharts },
    );
    // the user's next import or revert may start before the client hears of this one: a client
    // that reverts the moment its poll says `completed` finds the lease free
    await deps.leases.finish(userID, importID);
    await lease.release().catch(() => {});
    await deps.statuses.complete(status, doc);
    await deps.inputs.remove(importID);
    deps.log.info({ importID, userID, scores: doc.scoreIDs.length, errors: doc.errors.length }, 'import completed');
    finish('completed', doc.scoreIDs.length);
    return { importID, outcome: 'completed', scores: doc.scoreIDs.length };
  } catch (err) {
    if (err instanceof ImportFatalError) {
      await markFailed(deps, job.data, status, err.statusCode, err.message, { leaseHeld: true });
      finish('failed');
      return { importID, outcome: 'failed', statusCode: err.statusCode };
    }
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) {
      deps.log.error({ err, importID }, 'import failed after its last attempt');
      finish('failed');
      if (isDatabaseUnavailable(err)) {
        await markFailed(deps, job.data, status, 503, `The database could not be reached during ${attempts} attempts at this import. Please submit it again.`, {
          leaseHeld: true,
        });
      } else {
        await markFailed(deps, job.data, status, 500, INTERNAL_FAILURE, { leaseHeld: true });
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

export const INTERNAL_FAILURE = 'An internal service error has occured with this import.';

type FailureDeps = Pick<WorkerDeps, 'db' | 'charts' | 'statuses' | 'inputs' | 'leases' | 'log' | 'cleanup'>;

/**
 * Final failure. The user's unfinished-import entry first gets the failure (so whatever happens
 * next, the user's later imports and reverts wait for this one's clean-up), then the failure is
 * recorded and what the import wrote is discarded (no score may outlive a failed import: without an
 * ImportDocument nothing could revert it), and only then is the client told: the status record says
 * `failed`, with `cleanupPending` while a clean-up job still has to finish the discard (the database
 * was away, or the user's lease was busy).
 */
export async function markFailed(
  deps: FailureDeps,
  jobData: ImportJobData,
  status: ImportStatusRecord,
  statusCode: number,
  description: string,
  { leaseHeld }: { leaseHeld: boolean },
): Promise<void> {
  const failure: FailedImport = { ...jobData, statusCode, description };
  await deps.leases.markCleanupPending(jobData.userID, { importID: jobData.importID, job: { ...jobData }, failure: { statusCode, description } });
  let cleanedUp = false;
  try {
    cleanedUp = await cleanUpFailedImport(deps, failure, leaseHeld);
  } catch (err) {
    deps.log.warn({ err, importID: failure.importID }, 'could not clean up a failed import now; queued for later');
  }
  if (!cleanedUp) await queueCleanup(deps, failure);
  // the failure is told whatever happened to the clean-up: an import must never stay "ongoing"
  await deps.statuses.fail(status, { statusCode, description, cleanupPending: !cleanedUp });
  await deps.inputs.remove(jobData.importID).catch(() => {});
}

/**
 * Records the failure and discards the import's partial writes, holding the user's lease; then the
 * user's next import may start. False when the lease is busy (the caller queues the clean-up).
 * Idempotent: a clean-up job may run it again.
 */
export async function cleanUpFailedImport(deps: FailureDeps, f: FailedImport, leaseHeld: boolean): Promise<boolean> {
  let lease = null;
  if (!leaseHeld) {
    const acquired = await deps.leases.acquireForCleanup(f.userID, f.importID);
    if (!acquired.lease) return false;
    lease = acquired.lease;
  }
  try {
    await writeTracker(deps.db, f).catch((err: unknown) => {
      // a record the database refuses (not one it cannot take now) must not hold the user's imports back
      if (isDatabaseUnavailable(err)) throw err;
      deps.log.error({ err, importID: f.importID }, 'the failed import\'s record could not be written; its clean-up goes on');
    });
    await discardPartialImport(deps.db, deps.charts, f.importID, f.userID);
    await deps.leases.finish(f.userID, f.importID);
    return true;
  } finally {
    await lease?.release().catch(() => {});
  }
}

/** Queues the clean-up job of a failed import (at most one per import; a finished one is replaced). */
async function queueCleanup(deps: Pick<WorkerDeps, 'cleanup'>, f: FailedImport): Promise<void> {
  if (!deps.cleanup) throw new Error(`no queue for the clean-up of failed import ${f.importID}`);
  const jobId = `discard-${f.importID}`;
  const existing = await deps.cleanup.getJob(jobId);
  if (existing && (await existing.isFailed())) await existing.remove();
  else if (existing) return;
  await deps.cleanup.add(DISCARD_JOB, f, { jobId, ...DISCARD_JOB_OPTIONS });
}

/**
 * An import waits for `blocker`, an unfinished import of the same user: makes sure that one is
 * getting somewhere and says what the wait is for. A failed one needs its clean-up job (queued again
 * if it was lost); one whose job is gone or over without having finished is a failure nobody handled
 * (its worker died at the wrong moment): it is failed and cleaned up now.
 */
async function keepMoving(deps: WorkerDeps, blocker: UnfinishedImport): Promise<string> {
  const job = blocker.job as unknown as ImportJobData;
  if (blocker.failure) {
    await queueCleanup(deps, { ...job, ...blocker.failure });
    return waitingForCleanup(blocker.importID);
  }
  const state = deps.cleanup ? await deps.cleanup.getJobState(blocker.importID) : 'active';
  if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return waitingForImport(blocker.importID);
  // read again: the import may have finished or recorded its failure since the lease script ran
  const current = (await deps.leases.unfinished(job.userID)).find((u) => u.importID === blocker.importID);
  if (!current) return waitingForImport(blocker.importID);
  if (current.failure) return keepMoving(deps, current);
  if (await deps.db.imports.findOne({ importID: blocker.importID }, { projection: { _id: 1 } })) {
    await deps.leases.finish(job.userID, blocker.importID);
    return waitingForImport(blocker.importID);
  }
  const status =
    (await deps.statuses.get(blocker.importID)) ?? deps.statuses.queuedRecord(blocker.importID, job.userID, job.importType, job.submittedAt);
  deps.log.warn({ importID: blocker.importID, state }, 'an unfinished import has no live job: failing it');
  await markFailed(deps, job, status, 500, INTERNAL_FAILURE, { leaseHeld: false });
  return waitingForCleanup(blocker.importID);
}

export const DISCARD_JOB = 'discard-failed-import';
/** retried every 2 s for as long as the database may be away (a day); a later import re-queues it if need be */
const DISCARD_JOB_OPTIONS = { attempts: 43_200, backoff: { type: 'fixed', delay: 2_000 }, removeOnComplete: true } as const;

export type FailedImport = ImportJobData & { statusCode: number; description: string };
export type CleanupQueue = Pick<Queue, 'add' | 'getJob' | 'getJobState'>;

/**
 * The clean-up job of a failed import: waits for the user's lease like an import, then discards and
 * lets the user's next import go; the failed import's status then says its clean-up is done.
 */
export async function runCleanupJob(deps: WorkerDeps, job: Job<FailedImport>, token: string | undefined): Promise<void> {
  const f = job.data;
  if (!(await cleanUpFailedImport(deps, f, false))) {
    await job.moveToDelayed(Date.now() + (deps.userBusyDelayMs ?? 500), token);
    throw new DelayedError();
  }
  await deps.statuses.cleanupDone(f.importID);
}

async function writeTracker(db: Database, f: FailedImport): Promise<void> {
  await db.models.importTrackers.replaceOne(
    { importID: f.importID },
    {
      type: 'FAILED',
      importID: f.importID,
      importType: f.importType,
      userID: f.userID,
      userIntent: f.userIntent,
      timeStarted: f.submittedAt,
      // no NUL: PostgreSQL under FerretDB stores none, and a clean-up that cannot write would block the user
      error: { statusCode: f.statusCode, message: f.description.replaceAll('\0', '\uFFFD') },
    },
    { upsert: true },
  );
}
