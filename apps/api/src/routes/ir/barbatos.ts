/**
 * POST /ir/barbatos/score/submit (Kamaitachi): one SDVX V / VI score from Barbatos as the JSON body,
 * answered when the import is done (Tachi's router: Bearer token with submit_score, 200 + the
 * ImportDocument, or the import's failure status and description).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BearerRequired, SubmitHeaders } from '@score-import/contracts';
import { requirePermission } from '../../plugins/auth.ts';
import { hookAnswer, hookResponses } from './sdvx-hooks-common.ts';

const BarbatosBody = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'A Barbatos score: difficulty (0-4), level, song_id, score, clear_type (1-5), gauge_type, percent, max_chain and either the SDVX V judgements (critical, near_total, near_fast, near_slow, error, did_fail, is_skill_analyzer) or, with ex_score, the SDVX VI ones',
  },
);

const barbatosRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/ir/barbatos/score/submit',
    {
      schema: {
        summary: 'Barbatos (SDVX V / VI): submit one score; answers when it is imported (Kamaitachi)',
        security: BearerRequired,
        headers: SubmitHeaders,
        body: BarbatosBody,
        response: hookResponses('description'),
      },
      // the body is checked by the import, with Tachi's messages; the schema documents it
      attachValidation: true,
      preHandler: [requirePermission('submit_score', 'This endpoint requires authentication.'), app.submission.rateLimit],
    },
    async (request, reply) => {
      if (request.isMultipart() || request.rawJSON === undefined) {
        return reply.code(415).send({ success: false, description: 'Expected a JSON body (Content-Type: application/json).' });
      }
      return app.submission.acceptAndWait(
        request,
        reply,
        { importType: 'ir/barbatos', options: {}, content: Buffer.from(request.rawJSON) },
        hookAnswer('description'),
      );
    },
  );
};

export default barbatosRoutes;
