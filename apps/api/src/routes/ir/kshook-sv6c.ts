/**
 * The Konaste SDVX hook (kshook, SV6C) on Kamaitachi: POST /ir/kshook/sv6c/score/save (one score,
 * ir/kshook-sv6c) and POST /ir/kshook/sv6c/score/export (every best score, ir/kshook-sv6c-static,
 * only when the user asked for a static import), as Tachi's router/ir/kshook/sv6c/router.ts: a
 * Bearer token, `User-Agent: kshook/…`, `X-Software-Model` of SDVX Konaste (QCV), and "fer-style"
 * failures (`error` instead of `description`). Answered when the import is done.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BearerRequired, SuccessEnvelope } from '@score-import/contracts';
import { parseEA3SoftID } from '@score-import/core';
import { ferError, header, isEmpty, requireFerStyleSubmitter } from './hook-helpers.ts';
import { hookAnswer, hookResponses } from './sdvx-hooks-common.ts';

/** the EA3 software model of SDVX Konaste */
const MODEL_SDVX3_KONASTE = 'QCV';

/** Tachi's settings collection of this integration: { userID, forceStaticImport } */
const SETTINGS = 'kshook-sv6c-settings';

const KsHookHeaders = Type.Object({
  'user-agent': Type.Optional(Type.String({ description: 'kshook/<version>' })),
  'x-software-model': Type.Optional(Type.String({ description: 'the game\'s EA3 software ID, model QCV (SDVX Konaste), e.g. QCV:J:C:A:2021100600' })),
  'x-user-intent': Type.Optional(Type.String({ description: '"true" marks the import as made on purpose by the user' })),
  'idempotency-key': Type.Optional(Type.String({ description: 'Resubmitting with the same key answers with the first import instead of starting another' })),
});

const ScoreBody = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'One score: clear (CLEAR_PLAYED … CLEAR_PERFECT), difficulty (DIFFICULTY_NOVICE … DIFFICULTY_MAXIMUM), gauge (0-10000), grade, max_chain, music_id, score, ex_score, critical, near, error, rate, track_no, retry_count; checked by the import with Tachi\'s messages',
  },
);
const ExportBody = Type.Object(
  {},
  {
    additionalProperties: true,
    description: '{ scores: [{ clear, difficulty, grade, ex_score, max_chain, music_id, score, timestamp (unix seconds) }] }',
  },
);

/**
 * SetFervidexStyleRequestPermissions + FervidexStyleRequireNotGuest (and RejectIfBanned), then the
 * submit_score permission, then Tachi's ValidateHeaders of this router.
 */
async function validateKsHookRequest(request: FastifyRequest, reply: FastifyReply) {
  if (!(await requireFerStyleSubmitter(request, reply))) return reply;

  const agent = header(request, 'user-agent');
  if (isEmpty(agent)) return ferError(reply, 400, 'Invalid User-Agent.');
  if (!agent.startsWith('kshook/')) return ferError(reply, 400, `Invalid User-Agent ${agent} - expected KsHook client.`);

  const softID = header(request, 'x-software-model');
  if (isEmpty(softID)) return ferError(reply, 400, 'Invalid X-Software-Model.');
  let model: string;
  try {
    model = parseEA3SoftID(softID).model;
  } catch {
    return ferError(reply, 400, 'Invalid X-Software-Model.');
  }
  if (model !== MODEL_SDVX3_KONASTE) return ferError(reply, 400, `Invalid softID ${softID}.`);
}

/** The JSON body as received (what the worker parses), or a fer-style 415. */
function jsonContent(request: FastifyRequest, reply: FastifyReply): Buffer | null {
  if (request.isMultipart() || request.rawJSON === undefined) {
    void ferError(reply, 415, 'Expected a JSON body (Content-Type: application/json).');
    return null;
  }
  return Buffer.from(request.rawJSON);
}

const kshookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = {
    config: { skipAuth: true },
    // the body is checked by the import, with Tachi's messages; the schema documents it
    attachValidation: true,
    preHandler: [validateKsHookRequest, app.submission.rateLimit],
  };

  app.post(
    '/ir/kshook/sv6c/score/save',
    {
      ...common,
      schema: {
        summary: 'Konaste SDVX hook: submit one score; answers when it is imported (Kamaitachi)',
        security: BearerRequired,
        headers: KsHookHeaders,
        body: ScoreBody,
        response: hookResponses('error'),
      },
    },
    async (request, reply) => {
      const content = jsonContent(request, reply);
      if (!content) return reply;
      return app.submission.acceptAndWait(request, reply, { importType: 'ir/kshook-sv6c', options: {}, content }, hookAnswer('error'));
    },
  );

  app.post(
    '/ir/kshook/sv6c/score/export',
    {
      ...common,
      schema: {
        summary: "Konaste SDVX hook: import every best score, if the user's kshook-sv6c settings ask for it (Kamaitachi)",
        security: BearerRequired,
        headers: KsHookHeaders,
        body: ExportBody,
        response: { ...hookResponses('error'), 200: Type.Union([hookResponses('error')[200], SuccessEnvelope(Type.Object({}))]) },
      },
    },
    async (request, reply) => {
      const content = jsonContent(request, reply);
      if (!content) return reply;
      // one static import per request for it: the flag is turned off as this import is taken
      const settings = await app.db.connection
        .collection(SETTINGS)
        .findOneAndUpdate({ userID: request.auth.userID, forceStaticImport: true }, { $set: { forceStaticImport: false } });
      if (!settings) {
        return reply.code(200).send({ success: true, description: 'Static importing is disabled. Ignoring static import request.', body: {} });
      }
      return app.submission.acceptAndWait(request, reply, { importType: 'ir/kshook-sv6c-static', options: {}, content }, hookAnswer('error'));
    },
  );
};

export default kshookRoutes;
