import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BearerOptional, ErrorEnvelope, ImportListQuery, SuccessEnvelope, UserIDParams } from '@score-import/contracts';
import { NO_ID } from '@score-import/db';
import { listFilter } from '../services/imports.ts';
import { resolveUser } from '../services/users.ts';

const AnyArray = Type.Array(Type.Object({}, { additionalProperties: true }));

/** A user's imports and failed imports (spec §2.5). */
const userImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = {
    security: BearerOptional,
    params: UserIDParams,
    querystring: ImportListQuery,
    response: { 200: SuccessEnvelope(AnyArray), 400: ErrorEnvelope, 401: ErrorEnvelope, 404: ErrorEnvelope },
  };
  app.get('/api/v1/users/:userID/imports', { schema: { summary: "A user's 500 most recent imports", ...schema } }, async (request, reply) => {
    const userID = await resolveUser(request, reply);
    if (userID === null) return reply;
    const imports = await app.db.imports
      .find({ userID, ...listFilter(request.query) }, { projection: { _id: 0, revertPlan: 0 } })
      .sort({ timeFinished: -1 })
      .limit(500)
      .toArray();
    return { success: true as const, description: `Found ${imports.length} imports.`, body: imports };
  });

  app.get('/api/v1/users/:userID/imports/failed', { schema: { summary: "A user's 500 most recent failed imports", ...schema } }, async (request, reply) => {
    const userID = await resolveUser(request, reply);
    if (userID === null) return reply;
    const failed = await app.db.importTrackers
      .find({ type: 'FAILED', userID, ...listFilter(request.query) }, NO_ID)
      .sort({ timeStarted: -1 })
      .limit(500)
      .toArray();
    return { success: true as const, description: `Found ${failed.length} failed imports.`, body: failed };
  });
};

export default userImportRoutes;
