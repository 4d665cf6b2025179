import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import secureJSON from 'secure-json-parse';
import {
  BearerRequired,
  ErrorEnvelope,
  FILE_IMPORT_TYPES,
  ImportAccepted,
  IRHeaders,
  RateLimitedEnvelope,
  SubmitHeaders,
} from '@score-import/contracts';
import { MAX_SCORES_PER_IMPORT } from '@score-import/core';
import { keys } from '@score-import/queue';
import { requirePermission } from '../plugins/auth.ts';
import {
  ACCEPTED_DESCRIPTION,
  POLL_INTERVAL_SECONDS,
  SubmissionRefused,
  submitImport,
  type Submission,
} from '../services/submit-import.ts';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  413: ErrorEnvelope,
  409: ErrorEnvelope,
  415: ErrorEnvelope,
  429: RateLimitedEnvelope,
  503: ErrorEnvelope,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** the JSON body as received, stored as the upload (re-serialising could differ, or overflow the stack) */
    rawJSON?: string;
  }
}

/** Idempotency-Key: printable ASCII, as in the IETF draft; at most 255 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Common to both routes: headers, Idempotency-Key, the 202 (or a refusal) with Retry-After. */
async function accept(request: FastifyRequest, reply: FastifyReply, submission: Omit<Submission, 'userID' | 'userIntent' | 'idempotencyKey'>) {
  const idempotencyKey = request.headers['idempotency-key'];
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))) {
    return reply.code(400).send({ success: false, description: 'Idempotency-Key must be 1 to 255 printable ASCII characters.' });
  }
  try {
    const accepted = await submitImport(request.server, {
      ...submission,
      userID: request.auth.userID!,
      userIntent: String(request.headers['x-user-intent'] ?? '').toLowerCase() === 'true',
      idempotencyKey,
    });
    if (accepted.replayed) reply.header('idempotent-replayed', 'true');
    return reply
      .code(202)
      .header('retry-after', String(POLL_INTERVAL_SECONDS))
      .send({ success: true, description: ACCEPTED_DESCRIPTION, body: { url: accepted.url, importID: accepted.importID } });
  } catch (err) {
    if (!(err instanceof SubmissionRefused)) throw err;
    if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
    return reply.code(err.statusCode).send({ success: false, description: err.message });
  }
}

const BAD_UPLOAD = 'File provided was too large, corrupt, or provided in the wrong field.';

/** The two ways to submit scores; both answer 202 and leave the rest to a worker. */
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
        response: { 202: ImportAccepted, ...errors },
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
            if (part.fieldname === 'scoreData' && file === null) file = await part.toBuffer();
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
      const importType = fields.importType;
      if (!(FILE_IMPORT_TYPES as readonly string[]).includes(importType)) {
        const received = importType === undefined ? 'nothing (undefined)' : JSON.stringify(importType).slice(0, 100);
        return reply.code(400).send({
          success: false,
          description: `[importType] Expected any of ${FILE_IMPORT_TYPES.join(', ')}. (Received ${received})`,
        });
      }
      return accept(request, reply, { importType: 'file/batch-manual', options: {}, content: file });
    },
  );

  app.post(
    '/ir/direct-manual/import',
    {
      schema: {
        summary: 'Submit a BATCH-MANUAL document as the JSON body',
        security: BearerRequired,
        headers: IRHeaders,
        response: { 202: ImportAccepted, ...errors },
      },
      preHandler: [requirePermission('submit_score', 'This endpoint requires authentication.'), submitRateLimit],
    },
    async (request, reply) => {
      if (request.isMultipart() || request.rawJSON === undefined) {
        return reply.code(415).send({ success: false, description: 'Expected a JSON body (Content-Type: application/json).' });
      }
      const scores = (request.body as { scores?: unknown } | null)?.scores;
      if (Array.isArray(scores) && scores.length > MAX_SCORES_PER_IMPORT) {
        return reply.code(400).send({
          success: false,
          description: `Too many scores: ${scores.length}. An import may have at most ${MAX_SCORES_PER_IMPORT} scores; split it into several.`,
        });
      }
      return accept(request, reply, {
        importType: 'ir/direct-manual',
        options: { inferTimestamp: String(String(request.headers['x-infer-score-timeachieved'] ?? '').toLowerCase() === 'true') },
        content: Buffer.from(request.rawJSON),
      });
    },
  );
};

export default submitRoutes;
