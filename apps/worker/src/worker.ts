import { Worker, type Job } from 'bullmq';
import { IMPORT_QUEUE_NAME, keys, type ImportJobData, type RedisClient } from '@score-import/queue';
import {
  DISCARD_JOB,
  INTERNAL_FAILURE,
  markFailed,
  processImportJob,
  runCleanupJob,
  type FailedImport,
  type ImportJobResult,
  type WorkerDeps,
} from './process-import.ts';

export interface ImportWorkerOptions {
  connection: RedisClient;
  /** KEY_PREFIX: BullMQ's keys go under keys.queuePrefix of it, as the queue's */
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

/** A BullMQ worker running imports; a job whose worker died is taken over after the stall interval. */
export function createImportWorker(deps: WorkerDeps, options: ImportWorkerOptions): Worker<ImportJobData, ImportJobResult> {
  const worker = new Worker<ImportJobData, ImportJobResult>(
    IMPORT_QUEUE_NAME,
    async (job, token) => {
      if (job.name === DISCARD_JOB) {
        const failed = job as unknown as Job<FailedImport>;
        await runCleanupJob(deps, failed, token);
        return { importID: failed.data.importID, outcome: 'failed', statusCode: failed.data.statusCode };
      }
      return processImportJob(deps, job, token);
    },
    {
      connection: options.connection,
      prefix: keys.queuePrefix(options.prefix),
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      // survives being killed twice in a row; the third stall fails the job cleanly
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, err) => {
    if (!job || job.name === DISCARD_JOB) return;
    // A job that stalled too often never reaches the processor's own failure handling.
    if (job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message)) {
      void deps.statuses.get(job.data.importID).then(async (status) => {
        if (status && status.status !== 'completed' && status.status !== 'failed') {
          await markFailed(deps, job.data, status, 500, INTERNAL_FAILURE, { leaseHeld: false });
        }
      }).catch((e: unknown) => deps.log.error({ err: e }, 'could not mark a failed import'));
    }
  });
  worker.on('error', (err) => deps.log.error({ err }, 'worker error'));
  return worker;
}
