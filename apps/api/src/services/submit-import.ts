import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { keys, type ImportJobData } from '@score-import/queue';

export interface Submission {
  userID: number;
  importType: ImportJobData['importType'];
  userIntent: boolean;
  /** what the import type reads besides the content (ImportJobData.options) */
  options: Record<string, string>;
  content: Buffer;
  /** the client's Idempotency-Key header, if any */
  idempotencyKey?: string;
}

export interface Accepted {
  importID: string;
  url: string;
  /** true when an earlier submission with the same Idempotency-Key is answered again */
  replayed: boolean;
}

/** A client error met before anything was recorded (429/503 carry Retry-After). */
export class SubmissionRefused extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const ACCEPTED_DESCRIPTION =
  'Import loaded into queue. You can poll the provided URL for information on when its complete.';

/** Seconds a client should wait between polls (sent as Retry-After on 202 and ongoing polls). */
export const POLL_INTERVAL_SECONDS = 1;

const pollURL = (app: FastifyInstance, importID: string) => `${app.config.BASE_URL}/api/v1/imports/${importID}/poll-status`;

/**
 * An Idempotency-Key holds `pending:<importID>` while its first submission is being recorded and
 * `<importID>` once it was. A submission that finds it pending waits (the first one takes
 * milliseconds) instead of answering with an import that may never exist: the first submission
 * can still be refused (queue full, Redis failing), and then the key is free again.
 */
const PENDING = 'pending:';
/** How long a submission waits for another in-flight one with the same key before answering 409. */
const IDEMPOTENCY_WAIT_MS = 5_000;
// value compare-and-set / compare-and-delete, so that a submission only ever touches its own claim
const SET_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') end return nil`;
const DEL_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Claims the key for `importID` (→ null) or returns the importID of the submission that owns it. */
async function claimIdempotencyKey(app: FastifyInstance, key: string, importID: string): Promise<string | null> {
  const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
  for (;;) {
    // SET NX GET: claims the key, or returns what claimed it first
    const first = await app.redis.set(key, PENDING + importID, 'EX', app.config.IDEMPOTENCY_TTL_SECONDS, 'NX', 'GET');
    if (first === null) return null;
    if (!first.startsWith(PENDING)) return first;
    if (Date.now() > deadline) {
      throw new SubmissionRefused(409, 'A submission with this Idempotency-Key is still being processed. Please retry shortly.', 1);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Records the import (upload + `queued` status) in Redis, then enqueues it. The status exists
 * before the caller answers 202, so the first poll never gets 404. Nothing else is awaited here:
 * the worker owns the import from now on.
 */
export async function submitImport(app: FastifyInstance, submission: Submission): Promise<Accepted> {
  const importID = randomBytes(20).toString('hex');
  let idempotencyKey: string | null = null;
  if (submission.idempotencyKey !== undefined) {
    const keyHash = createHash('sha256').update(submission.idempotencyKey).digest('hex');
    idempotencyKey = keys.idempotency(app.config.KEY_PREFIX, submission.userID, keyHash);
    const first = await claimIdempotencyKey(app, idempotencyKey, importID);
    if (first) return { importID: first, url: pollURL(app, first), replayed: true };
  }
  try {
    await enqueue(app, importID, submission);
  } catch (err) {
    if (idempotencyKey) await app.redis.eval(DEL_IF, 1, idempotencyKey, PENDING + importID).catch(() => {});
    throw err;
  }
  if (idempotencyKey) {
    // the import exists now: later submissions with this key are answered with it
    await app.redis
      .eval(SET_IF, 1, idempotencyKey, PENDING + importID, importID)
      .catch((err: unknown) => app.log.warn({ err, importID }, 'could not confirm an Idempotency-Key'));
  }
  app.metrics?.submissions.inc({ importType: submission.importType });
  return { importID, url: pollURL(app, importID), replayed: false };
}

async function enqueue(app: FastifyInstance, importID: string, submission: Submission): Promise<void> {
  const ttl = app.config.STATUS_TTL_SECONDS;

  const waiting = await app.importQueue.getWaitingCount();
  if (waiting >= app.config.QUEUE_MAX_WAITING) {
    throw new SubmissionRefused(503, `The import queue is full (${waiting} imports waiting). Please retry later.`, 30);
  }

  const now = Date.now();
  const record = app.statuses.queuedRecord(importID, submission.userID, submission.importType, now);
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
    options: submission.options,
    submittedAt: now,
  };
  try {
    await app.importQueue.add('import', data, { jobId: importID });
  } catch (err) {
    await app.redis.del(app.inputs.key(importID), app.statuses.key(importID)).catch(() => {});
    throw err;
  }
}
