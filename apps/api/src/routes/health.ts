import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, SuccessEnvelope } from '@score-import/contracts';
import { probeDatabase } from '@score-import/db';
import { checkReadiness, describeRedis } from '@score-import/queue';
import { Type } from 'typebox';

const Alive = SuccessEnvelope(Type.Object({}));
const Ready = SuccessEnvelope(
  Type.Object({
    warnings: Type.Array(Type.String(), {
      description: 'What works but is not fit for production, e.g. a Redis without an append-only file (REQUIRE_DURABLE_REDIS makes these 503)',
    }),
  }),
);

/**
 * /healthz: the process answers. /readyz: what the service needs works — a round trip on each kind
 * of Redis key it uses and a database command (503 with the reasons otherwise), and Redis's
 * durability (orchestrators and load balancers).
 */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { config: { skipAuth: true }, schema: { summary: 'Liveness', response: { 200: Alive } } }, async () => ({
    success: true as const,
    description: 'Alive.',
    body: {},
  }));

  app.get(
    '/readyz',
    {
      config: { skipAuth: true },
      schema: {
        summary: 'Readiness: Redis and the database usable (a round trip on the keys and a command the service uses)',
        response: { 200: Ready, 503: ErrorEnvelope },
      },
    },
    async (_request, reply) => {
      const report = await checkReadiness({
        redis: app.redis,
        prefix: app.config.KEY_PREFIX,
        target: describeRedis(app.config),
        database: () => probeDatabase(app.db),
        requireDurableRedis: app.config.REQUIRE_DURABLE_REDIS,
      });
      if (!report.ready) return reply.code(503).send({ success: false, description: report.problems.join(' ') });
      return { success: true as const, description: 'Ready.', body: { warnings: report.warnings } };
    },
  );
};

export default healthRoutes;
