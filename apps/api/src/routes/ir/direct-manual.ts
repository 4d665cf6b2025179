import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BearerRequired, ImportAccepted, IRHeaders, SubmitErrors } from '@score-import/contracts';
import { MAX_SCORES_PER_IMPORT } from '@score-import/core';
import { requirePermission } from '../../plugins/auth.ts';

/** POST /ir/direct-manual/import: a BATCH-MANUAL document as the JSON body (spec §1.3); 202 at once. */
const directManualRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/ir/direct-manual/import',
    {
      schema: {
        summary: 'Submit a BATCH-MANUAL document as the JSON body',
        security: BearerRequired,
        headers: IRHeaders,
        response: { 202: ImportAccepted, ...SubmitErrors },
      },
      preHandler: [requirePermission('submit_score', 'This endpoint requires authentication.'), app.submission.rateLimit],
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
      return app.submission.accept(request, reply, {
        importType: 'ir/direct-manual',
        options: { inferTimestamp: String(String(request.headers['x-infer-score-timeachieved'] ?? '').toLowerCase() === 'true') },
        content: Buffer.from(request.rawJSON),
      });
    },
  );
};

export default directManualRoutes;
