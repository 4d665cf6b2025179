import { Queue, type JobsOptions } from 'bullmq';
import { IMPORT_QUEUE_NAME, keys } from './keys.ts';
import type { RedisClient } from './redis.ts';
import type { ImportJobData } from './job.ts';

/** Attempts and backoff: an import survives a worker killed twice in a row (stalls) or a short DB outage. */
export const IMPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The import queue; `prefix` is KEY_PREFIX (BullMQ's keys get their own hash tag, keys.queuePrefix). */
export function createImportQueue(connection: RedisClient, prefix: string): Queue<ImportJobData> {
  return new Queue<ImportJobData>(IMPORT_QUEUE_NAME, {
    connection,
    prefix: keys.queuePrefix(prefix),
    defaultJobOptions: IMPORT_JOB_OPTIONS,
  });
}
