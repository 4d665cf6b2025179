import type { FastifyReply, FastifyRequest } from 'fastify';

/** Tachi's GetUserFromParam: "me", a numeric ID, or a case-insensitive username. */
export async function resolveUser(request: FastifyRequest<{ Params: { userID: string } }>, reply: FastifyReply): Promise<number | null> {
  const { userID } = request.params;
  const db = request.server.db;
  if (userID === 'me') {
    if (request.auth.userID === null) {
      await reply.code(401).send({ success: false, description: "Cannot use 'me' userID with no authentication." });
      return null;
    }
    return request.auth.userID;
  }
  const user = /^\d{1,15}$/.test(userID)
    ? await db.users.findOne({ id: Number(userID) }, { projection: { _id: 0, id: 1 } })
    : await db.users.findOne({ usernameLowercase: userID.toLowerCase() }, { projection: { _id: 0, id: 1 } });
  if (!user) {
    await reply.code(404).send({ success: false, description: `The user ${userID} does not exist.` });
    return null;
  }
  return user.id as number;
}

