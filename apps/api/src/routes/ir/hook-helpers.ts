/**
 * Shared by the game hooks' routes (fervidex, beatoraja, LR2hook, USC): their auth variants, an
 * answer that may read the database once the import is done, and response schemas loose enough for
 * Tachi's hook bodies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { hashToken } from '@score-import/db';
import type { ImportStatusRecord } from '@score-import/queue';
import type { NewSubmission } from '../submit.ts';

export const AnyObject = Type.Object({}, { additionalProperties: true });

export interface HookReply {
  statusCode: number;
  body: unknown;
}

type Completed = ImportStatusRecord & { importJSON: string };
type Failed = ImportStatusRecord & { error: NonNullable<ImportStatusRecord['error']> };

/** How a hook's route answers once its import has finished; it may read the database to say so. */
export interface AsyncHookAnswer {
  completed(record: Completed, importDoc: ImportDocumentJSON): HookReply | Promise<HookReply>;
  failed(record: Failed): HookReply | Promise<HookReply>;
}

/** the parts of the ImportDocument the hooks' answers read */
export interface ImportDocumentJSON {
  importID: string;
  game: string;
  scoreIDs: string[];
  errors: { type: string; message: string }[];
  classDeltas: { game: string; set: string; playtype: string; old: string | null; new: string }[];
  [k: string]: unknown;
}

/**
 * Submits and, once the worker has finished the import (app.submission.acceptAndWait: through
 * Redis, up to IR_WAIT_MS, else 202 with the poll URL), answers as `answer` says, which may read
 * the stored score, PB or rankings first.
 */
export function acceptAndAnswer(request: FastifyRequest, reply: FastifyReply, submission: NewSubmission, answer: AsyncHookAnswer) {
  return request.server.submission.acceptAndWait(request, reply, submission, {
    completed: (record) => answer.completed(record, JSON.parse(record.importJSON) as ImportDocumentJSON),
    failed: (record) => answer.failed(record),
  });
}

/** one header's value as a string (a repeated header: its first value) */
export function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Tachi's SetRequestPermissions + RejectIfBanned for routes that answer auth failures in their own
 * shape (fervidex's `error` key, USC's status codes): resolves `Authorization: Bearer <token>` and
 * sets request.auth, or says what is wrong. Such routes set `config: { skipAuth: true }`.
 */
export async function resolveBearer(
  request: FastifyRequest,
): Promise<{ ok: true } | { ok: false; reason: 'none' | 'type' | 'empty' | 'unknown' | 'banned' }> {
  const value = header(request, 'authorization');
  if (value === undefined || value === '') return { ok: false, reason: 'none' };
  const parts = value.split(' ');
  if (parts[0] !== 'Bearer') return { ok: false, reason: 'type' };
  const token = parts.slice(1).join(' ');
  if (!token) return { ok: false, reason: 'empty' };
  const app = request.server;
  const auth = await app.resolveToken(token);
  if (!auth) {
    // resolveToken refuses banned users' tokens too: tell the two apart as Tachi does (403 vs 401)
    const known = await app.db.apiTokens.findOne({ tokenHash: hashToken(token) }, { projection: { _id: 0, userID: 1 } });
    return { ok: false, reason: known ? 'banned' : 'unknown' };
  }
  request.auth = auth;
  return { ok: true };
}

/** Tachi's "fer-style" error body (fervidex and the Konaste hook): `error`, not `description`. */
export const ferError = (reply: FastifyReply, statusCode: number, error: string) => reply.code(statusCode).send({ success: false, error });

export const isEmpty = (v: string | undefined): v is '' | undefined => v === undefined || v === '';

/**
 * SetFervidexStyleRequestPermissions, FervidexStyleRequireNotGuest (and RejectIfBanned), then the
 * submit_score permission: false once it has answered the refusal.
 */
export async function requireFerStyleSubmitter(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const auth = await resolveBearer(request);
  if (!auth.ok) {
    const refusals = {
      none: [401, 'This endpoint requires authentication.'],
      type: [400, 'Invalid Authorization Type - Expected Bearer.'],
      empty: [401, 'Invalid token.'],
      unknown: [401, 'The provided API token does not correspond with any key in the database.'],
    } as const;
    // Tachi's RejectIfBanned answers in the usual shape
    if (auth.reason === 'banned') await reply.code(403).send({ success: false, description: 'You are banned from this service.' });
    else {
      const [statusCode, error] = refusals[auth.reason];
      await ferError(reply, statusCode, error);
    }
    return false;
  }
  if (!request.auth.permissions.has('submit_score')) {
    await reply.code(403).send({ success: false, description: 'You are missing the following permissions necessary for this request: submit_score' });
    return false;
  }
  return true;
}
