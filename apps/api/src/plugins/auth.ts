import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthLevels, type Permission } from '@score-import/contracts';
import { hashToken } from '@score-import/db';

export interface RequestAuth {
  userID: number | null;
  permissions: Set<Permission>;
  /** a token of a user whose authLevel is ADMIN (there are no cookie sessions here) */
  isAdmin: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** the auth of a token (for places without an Authorization header, e.g. the dashboard cookie) */
    resolveToken(token: string): Promise<RequestAuth | null>;
  }
  interface FastifyRequest {
    auth: RequestAuth;
  }
  interface FastifyContextConfig {
    /** routes that never look at credentials (poll-status must stay one Redis round trip) */
    skipAuth?: boolean;
  }
}

const GUEST: RequestAuth = { userID: null, permissions: new Set(), isAdmin: false };

/** Resolves `Authorization: Bearer <token>` on every request, as Tachi does (spec §6.1). */
export default fp(
  async (app) => {
    /** A token's user and permissions, or null for an unknown token; banned users resolve too (see below). */
    async function resolveToken(token: string): Promise<(RequestAuth & { banned: boolean }) | null> {
      const doc = await app.db.apiTokens.findOne({ tokenHash: hashToken(token) }, { projection: { _id: 0, userID: 1, permissions: 1 } });
      if (!doc) return null;
      const user = await app.db.users.findOne({ id: doc.userID }, { projection: { _id: 0, authLevel: 1 } });
      const permissions = new Set(
        Object.entries((doc.permissions ?? {}) as Record<string, unknown>)
          .filter(([, v]) => v === true)
          .map(([k]) => k as Permission),
      );
      return {
        userID: doc.userID as number,
        permissions,
        isAdmin: user?.authLevel === AuthLevels.ADMIN,
        banned: user?.authLevel === AuthLevels.BANNED,
      };
    }
    app.decorate('resolveToken', async (token: string) => {
      const auth = await resolveToken(token);
      return auth && !auth.banned ? auth : null;
    });

    app.decorateRequest('auth', null as unknown as RequestAuth);
    app.addHook('preHandler', async (request, reply) => {
      request.auth = GUEST;
      if (request.routeOptions.config?.skipAuth) return;
      const header = request.headers.authorization;
      if (!header) return;
      const [type, token] = header.split(' ');
      if (type !== 'Bearer') {
        return reply.code(400).send({ success: false, description: 'Invalid Authorization Type - Expected Bearer.' });
      }
      if (!token) return reply.code(401).send({ success: false, description: 'Invalid token.' });
      const auth = await resolveToken(token);
      if (!auth) {
        return reply
          .code(401)
          .send({ success: false, description: 'The provided API token does not correspond with any key in the database.' });
      }
      if (auth.banned) {
        return reply.code(403).send({ success: false, description: 'You are banned from this service.' });
      }
      request.auth = { userID: auth.userID, permissions: auth.permissions, isAdmin: auth.isAdmin };
    });
  },
  { name: 'auth', dependencies: ['services'] },
);

/** preHandler: guests get 401, tokens without the permission 403 (spec §6.2). */
export function requirePermission(permission: Permission, guestMessage = 'You are not authorised to perform this action.') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.auth.userID === null) return reply.code(401).send({ success: false, description: guestMessage });
    if (!request.auth.permissions.has(permission)) {
      return reply.code(403).send({
        success: false,
        description: `You are missing the following permissions necessary for this request: ${permission}`,
      });
    }
  };
}
