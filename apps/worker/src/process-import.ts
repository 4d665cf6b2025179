import { DelayedError, type Job } from 'bullmq';
import {
  discardPartialImport,
  ImportFatalError,
  runImport,
  throttleReporter,
  type ChartIndex,
} from '@score-import/core';
import type { Database } from '@score-import/db';
import type { ImportJobData, ImportStatusRecord, InputStore, StatusStore, UserLeases } from '@score-import/queue';
import type { Logger } from 'pino';

export interface WorkerDeps {
  db: Database;
  charts: ChartIndex;
  statuses: StatusStore;
  inputs: InputStore;
  leases: UserLeases;
  log: Logger;
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
      },
      { db: deps.db, charts: deps.charts, report },
    );
    await deps.statuses.complete(status);
    await deps.inputs.remove(importID);
    deps.log.info({ importID, userID, scores: doc.scoreIDs.length, errors: doc.errors.length }, 'import completed');
    return { importID, outcome: 'completed', scores: doc.scoreIDs.length };
  } catch (err) {
    if (err instanceof ImportFatalError) {
      await markFailed(deps, job, status, err.statusCode, err.message);
      return { importID, outcome: 'failed', statusCode: err.statusCode };
    }
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) {
      deps.log.error({ err, importID }, 'import failed after its last attempt');
      await markFailed(deps, job, status, 500, 'An internal service error has occured with this import.');
    } else {
      deps.log.warn({ err, importID, attempt: job.attemptsMade + 1 }, 'import attempt failed; BullMQ will retry it');
    }
    throw err;
  } finally {
    await lease.release().catch(() => {});
  }
}

/** Final failure: the status record answers polls, the tracker document lists it in /imports/failed. */
export async function markFailed(
  deps: Pick<WorkerDeps, 'db' | 'charts' | 'statuses' | 'inputs'>,
  job: Job<ImportJobData>,
  status: ImportStatusRecord,
  statusCode: number,
  description: string,
): Promise<void> {
  const { importID, userID, importType, userIntent, submittedAt } = job.data;
  // no scores may outlive a failed import: it has no ImportDocument, so nothing could revert them
  await discardPartialImport(deps.db, deps.charts, importID, userID);
  await deps.db.importTrackers.replaceOne(
    { importID },
    { type: 'FAILED', importID, importType, userID, userIntent, timeStarted: submittedAt, error: { statusCode, message: description } },
    { upsert: true },
  );
  await deps.statuses.fail(status, { statusCode, description });
  await deps.inputs.remove(importID);
}
