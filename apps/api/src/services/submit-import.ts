import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ImportJobData } from '@score-import/queue';

export interface Submission {
  userID: number;
  importType: ImportJobData['importType'];
  userIntent: boolean;
  inferTimestamp: boolean;
  content: Buffer;
}

/**
 * Records the import (upload + `queued` status) in Redis, then enqueues it. The status exists
 * before the caller answers 202, so the first poll never gets 404. Nothing else is awaited here:
 * the worker owns the import from now on.
 */
export async function submitImport(app: FastifyInstance, submission: Submission): Promise<{ importID: string; url: string }> {
  const importID = randomBytes(20).toString('hex');
  const now = Date.now();
  const record = app.statuses.queuedRecord(importID, submission.userID, submission.importType, now);
  const ttl = app.config.STATUS_TTL_SECONDS;
  const results = await app.redis
    .multi()
    .set(app.inputs.key(importID), submission.content, 'EX', ttl)
    .set(app.statuses.key(importID), JSON.stringify(record), 'EX', ttl)
    .exec();
  const failed = results?.find(([err]) => err);
  if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction was discarded');

  const data: ImportJobData = {
    importID,
    userID: submission.userID,
    importType: submission.importType,
    userIntent: submission.userIntent,
    inferTimestamp: submission.inferTimestamp,
    submittedAt: now,
  };
  try {
    await app.importQueue.add('import', data, { jobId: importID });
  } catch (err) {
    await app.redis.del(app.inputs.key(importID), app.statuses.key(importID)).catch(() => {});
    throw err;
  }
  return { importID, url: `${app.config.BASE_URL}/api/v1/imports/${importID}/poll-status` };
}

export const ACCEPTED_DESCRIPTION =
  'Import loaded into queue. You can poll the provided URL for information on when its complete.';
