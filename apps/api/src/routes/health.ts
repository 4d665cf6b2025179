import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, SuccessEnvelope } from '@score-import/contracts';
import { Type } from 'typebox';

const Ok = SuccessEnvelope(Type.Object({}));

/** /healthz: the process answers. /readyz: Redis and the database answer too (orchestrators). */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { config: { skipAuth: true }, schema: { summary: 'Liveness', response: { 200: Ok } } }, async () => ({
    success: true as const,
    description: 'Alive.',
    body: {},
  }));

  app.get(
    '/readyz',
    { config: { skipAuth: true }, schema: { summary: 'Readiness: Redis and the database reachable', response: { 200: Ok, 503: ErrorEnvelope } } },
    async (_request, reply) => {
      const timeout = new Promise<string>((r) => setTimeout(() => r('timed out'), 1_000).unref());
      const checks = await Promise.all(
        [
          ['Redis', app.redis.ping()],
          ['the database', app.db.connection.db!.admin().ping()],
        ].map(async ([name, check]) => {
          const result = await Promise.race([(check as Promise<unknown>).then(() => null, (e: Error) => e.message), timeout]);
          return result === null ? null : `${name as string} is unreachable (${result})`;
        }),
      );
      const problems = checks.filter((c): c is string => c !== null);
      if (problems.length > 0) return reply.code(503).send({ success: false, description: problems.join('; ') });
      return { success: true as const, description: 'Ready.', body: {} };
    },
  );
};

export default healthRoutes;
