import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BearerOptional, ErrorEnvelope, SuccessEnvelope } from '@score-import/contracts';
import { isGameName, gameModule, rankedPB } from '@score-import/core';
import { resolveUser } from '../services/users.ts';

const AnyObject = Type.Object({}, { additionalProperties: true });

const PBParams = Type.Object({
  userID: Type.String({ maxLength: 200, description: '"me", a numeric user ID or a username' }),
  game: Type.String({ maxLength: 40 }),
  playtype: Type.String({ maxLength: 40 }),
  chartID: Type.String({ maxLength: 200 }),
});

/**
 * A user's PB on a chart, as Tachi shows it (its `rankingData` computed now from the chart's PBs:
 * ranks are never stored, so an import never rewrites other players' PBs).
 */
const userPBRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/users/:userID/games/:game/:playtype/pbs/:chartID',
    {
      schema: {
        summary: "A user's personal best on a chart, with its rank on the chart",
        security: BearerOptional,
        params: PBParams,
        response: { 200: SuccessEnvelope(Type.Object({ pb: AnyObject, chart: AnyObject })), 400: ErrorEnvelope, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { game, playtype, chartID } = request.params;
      if (!isGameName(game)) return reply.code(400).send({ success: false, description: `Unsupported game ${game}.` });
      if (!gameModule(game).playtypes.includes(playtype)) {
        return reply.code(400).send({ success: false, description: `Unsupported playtype ${playtype} for ${game}.` });
      }
      const userID = await resolveUser(request, reply);
      if (userID === null) return reply;
      const chart = (await app.charts.game(game)).chart(chartID);
      if (!chart || chart.playtype !== playtype) return reply.code(404).send({ success: false, description: 'This chart does not exist.' });
      const pb = await rankedPB(app.db, userID, chartID);
      if (!pb) return reply.code(404).send({ success: false, description: 'This user has not played this chart.' });
      return { success: true as const, description: 'Successfully retrieved PB for user.', body: { pb, chart } };
    },
  );
};

export default userPBRoutes;
