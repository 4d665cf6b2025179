import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { IMPORT_QUEUE_NAME } from './keys.ts';
import type { ImportJobData } from './job.ts';

/** Attempts and backoff: an import survives a worker killed twice in a row (stalls) or a short DB outage. */
export const IMPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createImportQueue(connection: Redis, prefix: string): Queue<ImportJobData> {
  return new Queue<ImportJobData>(IMPORT_QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: IMPORT_JOB_OPTIONS,
  });
}
