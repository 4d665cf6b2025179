/**
 * What the SDVX hooks' routes (Barbatos, the Konaste hook) share: Tachi's answers once the import
 * is done (ExpressWrappedScoreImportMain: 200 + the ImportDocument, or the failure's status and
 * description) — the Konaste hook's in "fer-style" (`error` instead of `description`) — and their
 * response schemas.
 */
import { Type } from 'typebox';
import { ImportAccepted, RateLimitedEnvelope } from '@score-import/contracts';
import type { HookAnswer } from '../submit.ts';

/** Tachi's answer to a finished hook import; `errorKey` names the failure's message field. */
export function hookAnswer(errorKey: 'description' | 'error'): HookAnswer {
  return {
    completed: (record) => ({
      statusCode: 200,
      body: { success: true, description: 'Import successful.', body: JSON.parse(record.importJSON) as unknown },
    }),
    failed: (record) => ({
      statusCode: record.error.statusCode,
      body: { success: false, [errorKey]: record.error.description },
    }),
  };
}

const ImportDocumentBody = Type.Object({}, { additionalProperties: true, description: 'The ImportDocument' });

export const ImportDone = Type.Object(
  { success: Type.Literal(true), description: Type.String(), body: ImportDocumentBody },
  { description: 'The import finished: its ImportDocument (scoreIDs, errors, sessions, class deltas…)' },
);

/** A failure as the Konaste hook reads it (`error`), or as the shared submission checks answer (`description`). */
export const FerStyleError = Type.Object(
  { success: Type.Literal(false), error: Type.Optional(Type.String()), description: Type.Optional(Type.String()) },
  { description: 'Failure: `error` says why (fer-style); refusals of the shared submission checks say it in `description`' },
);

const ErrorEnvelope = Type.Object({ success: Type.Literal(false), description: Type.String() }, { description: 'Failure: a human-readable description' });

/** The answers of a hook route that waits for its import. */
export function hookResponses(errorShape: 'description' | 'error') {
  const failure = errorShape === 'error' ? FerStyleError : ErrorEnvelope;
  return {
    200: ImportDone,
    202: { ...ImportAccepted, description: 'Still importing after IR_WAIT_MS: poll the URL' },
    400: failure,
    401: failure,
    403: failure,
    404: failure,
    409: failure,
    413: failure,
    415: failure,
    429: RateLimitedEnvelope,
    500: failure,
    503: failure,
  };
}
