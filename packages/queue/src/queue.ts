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

/**
 * The import queue; `prefix` is KEY_PREFIX (BullMQ's keys get their own hash tag, keys.queuePrefix).
 *
 * `skipVersionCheck`: BullMQ otherwise sends INFO once, when the queue is created, and keeps that
 * command's promise for every later operation. On the API's fail-fast connection (1 s command
 * timeout) an INFO that times out at start-up (a loaded machine, Redis busy or restarting) left the
 * queue failing every submission with "Command timed out" (503) for the life of the process, while
 * /readyz said 200 (found by the chaos run, test/chaos; packages/queue/test/import-queue.test.ts).
 * A producer needs no version check: the workers' BullMQ Worker still makes it on its own
 * connection, and Redis's persistence and eviction settings are checked by the service itself.
 */
export function createImportQueue(connection: RedisClient, prefix: string): Queue<ImportJobData> {
  return new Queue<ImportJobData>(IMPORT_QUEUE_NAME, {
    connection,
    prefix: keys.queuePrefix(prefix),
    defaultJobOptions: IMPORT_JOB_OPTIONS,
    skipVersionCheck: true,
  });
}
