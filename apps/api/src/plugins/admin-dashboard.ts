import fp from 'fastify-plugin';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues, for admins only: a Bearer token of an ADMIN user, or (for a
 * browser) `?token=` once, which sets an HttpOnly cookie scoped to the dashboard.
 */
export default fp(
  async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(app.importQueue)], serverAdapter });

    await app.register(async (scope) => {
      scope.addHook('preHandler', async (request, reply) => {
        const fromQuery = (request.query as { token?: unknown } | undefined)?.token;
        const fromCookie = /(?:^|;\s*)si_admin=([0-9a-f]+)/.exec(request.headers.cookie ?? '')?.[1];
        if (!request.auth.isAdmin && (typeof fromQuery === 'string' || fromCookie)) {
          const token = typeof fromQuery === 'string' ? fromQuery : fromCookie!;
          request.auth = await app.resolveToken(token) ?? request.auth;
          if (request.auth.isAdmin && typeof fromQuery === 'string') {
            reply.header('set-cookie', `si_admin=${token}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict`);
          }
        }
        if (request.auth.userID === null) {
          return reply.code(401).send({ success: false, description: 'The queue dashboard needs an admin token.' });
        }
        if (!request.auth.isAdmin) {
          return reply.code(403).send({ success: false, description: 'Only admins may see the queue dashboard.' });
        }
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  },
  { name: 'admin-dashboard', dependencies: ['services', 'auth'] },
);
