import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BearerOptional, ErrorEnvelope, ServerStatusQuery, ServerStatusResponse } from '@score-import/contracts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Tachi's GET /api/v1/status: the server's clock and version, and who the token is with its
 * permissions (the import pages ask it whether to offer a revert). Adds `username` and `isAdmin`.
 */
const statusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const startTime = Date.now();
  app.get(
    '/api/v1/status',
    {
      schema: {
        summary: "The server's status, and the token's user and permissions",
        security: BearerOptional,
        querystring: ServerStatusQuery,
        response: { 200: ServerStatusResponse, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => {
      const { userID, permissions, isAdmin } = request.auth;
      const user = userID === null ? null : await app.db.users.findOne({ id: userID }, { projection: { _id: 0, username: 1 } });
      return {
        success: true as const,
        description: 'Status check successful.',
        body: {
          serverTime: Date.now(),
          startTime,
          version: VERSION,
          whoami: userID,
          permissions: [...permissions].sort(),
          username: (user?.username as string | undefined) ?? null,
          isAdmin,
          ...(request.query.echo === undefined ? {} : { echo: request.query.echo }),
        },
      };
    },
  );
};

export default statusRoutes;
