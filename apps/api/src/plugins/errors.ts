import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from '@score-import/db';

const MIB = 1024 * 1024;

/** Whether an error means Redis or the database is unreachable (→ 503, not 500). */
export function isUnavailable(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string } | null;
  if (!e) return false;
  const name = e.name ?? '';
  const message = e.message ?? '';
  return (
    // (also a bulk write cut off by the database going away: a revert's session updates)
    isDatabaseUnavailable(err) ||
    /^Mongo(ServerSelection|Network|NotConnected|Topology)/.test(name) ||
    name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|enableOfflineQueue|Command timed out|ECONNREFUSED|ECONNRESET/.test(message) ||
    e.code === 'ECONNREFUSED'
  );
}

/** Answers every error in Tachi's envelope; client mistakes are 4xx with a useful description. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err.validation) {
        const v = err.validation[0];
        const field =
          (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
          ((v.params as { additionalProperty?: string; missingProperty?: string })?.additionalProperty ??
            (v.params as { missingProperty?: string })?.missingProperty ??
            err.validationContext ??
            'request');
        const received = v.instancePath ? ` (Received ${JSON.stringify(lookup(request, err.validationContext, v.instancePath))})` : '';
        return reply.code(400).send({ success: false, description: `[${field}] ${validationMessage(err.validation, v)}${received}` });
      }
      switch (err.code) {
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
        case 'FST_REQ_FILE_TOO_LARGE':
        case 'FST_PARTS_LIMIT':
        case 'FST_FILES_LIMIT':
          return reply.code(413).send({
            success: false,
            description: `Your request body was too large. The limit is ${Math.round(app.initialConfig.bodyLimit! / MIB)}MiB.`,
          });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply.code(415).send({
            success: false,
            description: `Unsupported Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')}.`,
          });
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return reply.code(400).send({ success: false, description: 'The request body is empty; expected JSON.' });
      }
      if (isUnavailable(err)) {
        request.log.warn({ err }, 'dependency unavailable');
        return reply
          .code(503)
          .header('retry-after', '1')
          .send({ success: false, description: 'A service this request needs is unavailable right now. Please retry shortly.' });
      }
      const status = err.statusCode ?? 500;
      if (status === 429) {
        // Tachi's rate-limit body carries two extra fields (spec §6.5)
        return reply.code(429).send({ success: false, description: err.message, status: 429, message: "You're being rate limited." });
      }
      if (status >= 400 && status < 500) {
        return reply.code(status).send({ success: false, description: err.message });
      }
      request.log.error({ err }, 'unhandled error');
      return reply.code(500).send({ success: false, description: 'A fatal internal server error has occured.' });
    });

    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ success: false, description: `There is no route ${request.method} ${request.url.split('?')[0]}.` }),
    );
  },
  { name: 'errors' },
);

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/** A union of literals reads like Tachi's isIn ("Expected any of a, b."), not ajv's "must be equal to constant". */
function validationMessage(all: ValidationIssue[], first: ValidationIssue): string {
  const atPath = all.filter((e) => e.instancePath === first.instancePath);
  const allowed = atPath.filter((e) => e.keyword === 'const').map((e) => (e.params as { allowedValue?: unknown }).allowedValue);
  if (allowed.length > 0 && atPath.some((e) => e.keyword === 'anyOf')) return `Expected any of ${allowed.join(', ')}.`;
  return first.message ?? 'is invalid';
}

/** Router-level failures (undecodable URL, over-long path parameter) answered in the envelope too. */
export function frameworkError(err: FastifyError, reply: FastifyReply): FastifyReply {
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return reply.code(400).send({ success: false, description: 'The URL could not be decoded.' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return reply.code(414).send({ success: false, description: 'A path parameter of the URL is too long.' });
    default: {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      return reply.code(status).send({ success: false, description: err.message });
    }
  }
}

function lookup(request: { body?: unknown; query?: unknown; params?: unknown; headers?: unknown }, context: string | undefined, path: string): unknown {
  const root = context === 'querystring' ? request.query : context === 'params' ? request.params : context === 'headers' ? request.headers : request.body;
  let value: unknown = root;
  for (const part of path.split('/').filter(Boolean)) value = (value as Record<string, unknown> | undefined)?.[part];
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 97)}...` : value;
}
