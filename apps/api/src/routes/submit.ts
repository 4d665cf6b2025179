import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import secureJSON from 'secure-json-parse';
import {
  BearerRequired,
  ImportAccepted,
  SubmitErrors,
  SubmitHeaders,
} from '@score-import/contracts';
import { FILE_IMPORT_TYPE_NAMES, type ImportTypeName } from '@score-import/core';
import type { ImportStatusRecord } from '@score-import/queue';
import { keys } from '@score-import/queue';
import { requirePermission } from '../plugins/auth.ts';
import { awaitImport } from '../services/await-import.ts';
import {
  ACCEPTED_DESCRIPTION,
  POLL_INTERVAL_SECONDS,
  SubmissionRefused,
  submitImport,
  type Submission,
} from '../services/submit-import.ts';
import irRoutes from './ir/index.ts';


declare module 'fastify' {
  interface FastifyRequest {
    /** the JSON body as received, stored as the upload (re-serialising could differ, or overflow the stack) */
    rawJSON?: string;
  }
}

/** Idempotency-Key: printable ASCII, as in the IETF draft; at most 255 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export type NewSubmission = Omit<Submission, 'userID' | 'userIntent' | 'idempotencyKey'>;

/**
 * Records the submission of the authenticated user (Idempotency-Key and X-User-Intent read from the
 * request). Answers the client itself when it is refused or malformed, and then returns null.
 */
async function record(request: FastifyRequest, reply: FastifyReply, submission: NewSubmission): Promise<{ importID: string; url: string } | null> {
  const idempotencyKey = request.headers['idempotency-key'];
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))) {
    await reply.code(400).send({ success: false, description: 'Idempotency-Key must be 1 to 255 printable ASCII characters.' });
    return null;
  }
  try {
    const accepted = await submitImport(request.server, {
      ...submission,
      userID: request.auth.userID!,
      userIntent: String(request.headers['x-user-intent'] ?? '').toLowerCase() === 'true',
      idempotencyKey,
    });
    if (accepted.replayed) reply.header('idempotent-replayed', 'true');
    return accepted;
  } catch (err) {
    if (!(err instanceof SubmissionRefused)) throw err;
    if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
    await reply.code(err.statusCode).send({ success: false, description: err.message });
    return null;
  }
}

function accepted(reply: FastifyReply, { importID, url }: { importID: string; url: string }) {
  return reply
    .code(202)
    .header('retry-after', String(POLL_INTERVAL_SECONDS))
    .send({ success: true, description: ACCEPTED_DESCRIPTION, body: { url, importID } });
}

/** Submits and answers 202 with the poll URL (or the refusal, with Retry-After). */
async function accept(request: FastifyRequest, reply: FastifyReply, submission: NewSubmission) {
  const done = await record(request, reply, submission);
  return done ? accepted(reply, done) : reply;
}

type Answer = { statusCode: number; body: unknown };

/** How a game hook's route shapes its answer once the import has finished (it may read the database to say so). */
export interface HookAnswer {
  completed(record: ImportStatusRecord & { importJSON: string }): Answer | Promise<Answer>;
  failed(record: ImportStatusRecord & { error: NonNullable<ImportStatusRecord['error']> }): Answer | Promise<Answer>;
}

/**
 * Submits, then answers when the import has finished, as Tachi's hook routes do — the import still
 * runs on a worker; this instance only waits for its final status through Redis, for at most
 * IR_WAIT_MS, and past that answers 202 with the poll URL. A dying instance loses nothing.
 */
async function acceptAndWait(request: FastifyRequest, reply: FastifyReply, submission: NewSubmission, answer: HookAnswer) {
  const done = await record(request, reply, submission);
  if (!done) return reply;
  const final = await awaitImport(request.server, done.importID, request.server.config.IR_WAIT_MS);
  if (final?.status === 'completed' && final.importJSON !== undefined) {
    const { statusCode, body } = await answer.completed(final as ImportStatusRecord & { importJSON: string });
    return reply.code(statusCode).send(body);
  }
  if (final?.status === 'failed' && final.error) {
    const { statusCode, body } = await answer.failed(final as ImportStatusRecord & { error: NonNullable<ImportStatusRecord['error']> });
    return reply.code(statusCode).send(body);
  }
  return accepted(reply, done);
}

/** What the routes of a submission context (this plugin and routes/ir/*) share. */
export interface SubmissionContext {
  /** one count per user across every submit route and API instance (SUBMIT_RATE_LIMIT) */
  rateLimit: ReturnType<FastifyInstance['rateLimit']>;
  accept: typeof accept;
  acceptAndWait: typeof acceptAndWait;
}

declare module 'fastify' {
  interface FastifyInstance {
    submission: SubmissionContext;
  }
}

const BAD_UPLOAD = 'File provided was too large, corrupt, or provided in the wrong field.';

/**
 * The ways to submit scores: the file upload here, the IR routes of routes/ir/ (registered in this
 * context, sharing its JSON body parser, rate limit and submission helpers). A submission is recorded
 * in Redis and queued; a worker does the rest.
 */
const submitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Submissions per user, counted in Redis so that every API instance shares the limit. Polls are not limited.
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    redis: app.redis,
    nameSpace: keys.rateLimit(app.config.KEY_PREFIX),
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`You have exceeded ${context.max} requests per ${Math.round(context.ttl / 1000) || 60} seconds. Please wait.`), {
        statusCode: 429,
      }),
  });
  // One count per user for BOTH submit routes (a route's own `config.rateLimit` would count each
  // route separately, doubling the limit); it runs after the permission check.
  const submitRateLimit = app.rateLimit({
    max: app.config.SUBMIT_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) =>
      request.auth?.userID !== null && request.auth?.userID !== undefined ? `submit:user:${request.auth.userID}` : `submit:ip:${request.ip}`,
  });

  // Keep the JSON body as received: it is what the worker parses.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(Object.assign(new Error('The request body is empty; expected JSON.'), { statusCode: 400 }), undefined);
    try {
      request.rawJSON = text;
      done(null, secureJSON.parse(text, { protoAction: 'error', constructorAction: 'ignore' }));
    } catch (err) {
      done(Object.assign(new Error(`Invalid JSON. (${(err as Error).message})`), { statusCode: 400 }), undefined);
    }
  });

  app.post(
    '/api/v1/import/file',
    {
      schema: {
        summary: 'Upload a BATCH-MANUAL file (multipart field scoreData, field importType)',
        security: BearerRequired,
        headers: SubmitHeaders,
        response: { 202: ImportAccepted, ...SubmitErrors },
      },
      preHandler: [requirePermission('submit_score'), submitRateLimit],
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return reply.code(415).send({ success: false, description: 'Expected a multipart/form-data upload with a file in the field scoreData.' });
      }
      const fields: Record<string, string> = {};
      let file: Buffer | null = null;
      let wrongField = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname === 'scoreData' && file === null) {
              file = await part.toBuffer();
              // some parsers check the file's name (an IIDX CSV named …sp… imported as DP)
              if (part.filename) fields.filename = part.filename;
            }
            else {
              wrongField = true;
              part.file.resume();
            }
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (err) {
        // over 16 MiB → 413 from the error handler; any other multipart failure (no boundary,
        // truncated or malformed body, too many parts) is the client's, as multer's errors are in Tachi
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw err;
        request.log.info({ err }, 'unreadable multipart upload');
        return reply.code(400).send({ success: false, description: BAD_UPLOAD });
      }
      if (wrongField) return reply.code(400).send({ success: false, description: BAD_UPLOAD });
      if (!file) return reply.code(400).send({ success: false, description: 'Expected a file for field scoreData.' });
      const { importType, ...options } = fields;
      if (!(FILE_IMPORT_TYPE_NAMES as readonly string[]).includes(importType)) {
        const received = importType === undefined ? 'nothing (undefined)' : JSON.stringify(importType).slice(0, 100);
        return reply.code(400).send({
          success: false,
          description: `[importType] Expected any of ${FILE_IMPORT_TYPE_NAMES.join(', ')}. (Received ${received})`,
        });
      }
      // the other form fields go to the import type's parser (e.g. playtype for an IIDX CSV)
      return accept(request, reply, { importType: importType as ImportTypeName, options, content: file });
    },
  );

  app.decorate('submission', { rateLimit: submitRateLimit, accept, acceptAndWait } satisfies SubmissionContext);
  await app.register(irRoutes);
};

export default submitRoutes;
