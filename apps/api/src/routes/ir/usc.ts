/**
 * Bokutachi's USC IR (Tachi's server/src/server/router/ir/usc/), the USC IR protocol
 * (https://uscir.readthedocs.io): every answer is HTTP 200 with the result in the body's
 * `statusCode` (20 success, 22 accepted, 40 bad request, 41 unauthorised, 44 not found, 50 server
 * error), except Tachi's own refusals of a wrong playtype (400) or a missing permission (403).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BearerRequired, ErrorEnvelope, ImportAccepted, RateLimitedEnvelope } from '@score-import/contracts';
import { chartRanking, checkUSCChart, findUSCChart, type ChartDocument, type PBDocument, type RankingData } from '@score-import/core';
import { NO_ID } from '@score-import/db';
import { requirePermission } from '../../plugins/auth.ts';
import { acceptAndAnswer, header, type HookReply } from './hook-helpers.ts';

enum USC {
  SUCCESS = 20,
  ACCEPTED = 22,
  BAD_REQ = 40,
  UNAUTH = 41,
  NOT_FOUND = 44,
  SERVER_ERROR = 50,
}

/** Tachi's USC_QUEUE_SIZE default (only quoted in a message) */
const USC_QUEUE_SIZE = 3;
const USCIR_ADJACENT_SCORE_N = 3;
const USCIR_MAX_LEADERBOARD_N = 10;
/** Tachi's replay upload limit */
const ONE_MEGABYTE = 1024 * 1024;

const TACHI_LAMP_TO_USC: Readonly<Record<string, number>> = {
  FAILED: 1,
  CLEAR: 2,
  'EXCESSIVE CLEAR': 3,
  'ULTIMATE CHAIN': 4,
  'PERFECT ULTIMATE CHAIN': 5,
};

interface USCAnswer {
  statusCode: number;
  description: string;
  body?: unknown;
}

const usc = (statusCode: USC, description: string, body?: unknown): HookReply & { body: USCAnswer } => ({
  statusCode: 200,
  body: body === undefined ? { statusCode, description } : { statusCode, description, body },
});

const USCBody = Type.Object(
  { statusCode: Type.Integer({ description: '20 success, 22 accepted, 40 bad request, 41 unauthorised, 44 not found, 50 server error' }), description: Type.String(), body: Type.Optional(Type.Unknown()) },
  { description: 'The USC IR answer: always HTTP 200, the outcome in statusCode' },
);

// checked by the route (Tachi's 400 and message), not by the schema
const Playtype = Type.String({ maxLength: 40, description: 'Controller or Keyboard' });
const PlaytypeParams = Type.Object({ playtype: Playtype });
const ChartParams = Type.Object({ playtype: Playtype, chartHash: Type.String({ maxLength: 100, description: "the chart's SHA-1" }) });

const USCScoresBody = Type.Object(
  {
    chart: Type.Object(
      {
        chartHash: Type.String(),
        artist: Type.String(),
        title: Type.String(),
        level: Type.Integer({ minimum: 1, maximum: 20 }),
        difficulty: Type.Integer({ minimum: 0, maximum: 3 }),
        effector: Type.String(),
        illustrator: Type.String(),
        bpm: Type.String(),
      },
      { additionalProperties: true },
    ),
    score: Type.Object(
      {
        score: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
        gauge: Type.Number({ minimum: 0, maximum: 1 }),
        timestamp: Type.Integer({ minimum: 0 }),
        crit: Type.Integer({ minimum: 0 }),
        near: Type.Integer({ minimum: 0 }),
        error: Type.Integer({ minimum: 0 }),
        early: Type.Optional(Type.Integer({ minimum: 0 })),
        late: Type.Optional(Type.Integer({ minimum: 0 })),
        combo: Type.Optional(Type.Integer({ minimum: 0 })),
        options: Type.Object({}, { additionalProperties: true }),
        windows: Type.Object({}, { additionalProperties: true }),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true, description: "The USC IR score submission; checked with Tachi's messages" },
);

const Responses = { 200: USCBody, 400: ErrorEnvelope, 403: ErrorEnvelope };

/** Tachi's playtype check, then its ValidateUSCRequest (the USC IR's own auth codes). */
async function validateUSCRequest(request: FastifyRequest, reply: FastifyReply) {
  const { playtype } = request.params as { playtype: string };
  if (playtype !== 'Keyboard' && playtype !== 'Controller') {
    return reply.code(400).send({ success: false, description: 'Invalid playtype. Expected Keyboard or Controller.' });
  }
  const send = ({ statusCode, body }: HookReply) => reply.code(statusCode).send(body as never);
  const authorization = header(request, 'authorization');
  if (authorization === undefined) return send(usc(USC.BAD_REQ, 'No auth token provided.'));
  const parts = authorization.split(' ');
  if (parts.length !== 2 || parts[0] !== 'Bearer') return send(usc(USC.BAD_REQ, 'Invalid Authorization Header. Expected Bearer <token>'));
  const auth = await request.server.resolveToken(parts[1]);
  if (!auth) return send(usc(USC.UNAUTH, 'Unauthorized.'));
  request.auth = auth;
}

const uscRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { config: { skipAuth: true }, preHandler: [validateUSCRequest] };
  const submitting = { config: { skipAuth: true }, preHandler: [validateUSCRequest, requirePermission('submit_score'), app.submission.rateLimit] };

  /** the chart a hash names for the playtype, else the 44 answer */
  async function chartOf({ playtype, chartHash }: { playtype: string; chartHash: string }): Promise<ChartDocument | HookReply> {
    const chart = findUSCChart(await app.charts.game('usc'), chartHash, playtype);
    if (chart) return chart;
    return usc(
      USC.NOT_FOUND,
      `This IR doesn't have any record data yet, or ${USC_QUEUE_SIZE} people have not played the chart yet.`,
    );
  }
  const isReply = (v: ChartDocument | HookReply): v is HookReply => 'statusCode' in v && 'body' in v && !('chartID' in v);

  /** Tachi's TachiScoreToServerScore over several PBs of one chart: usernames, mods of each PB's first score. */
  async function serverScores(pbs: readonly PBDocument[], ranking: ReadonlyMap<number, RankingData>) {
    const userIDs = [...new Set(pbs.map((pb) => pb.userID))];
    const scoreIDs = [...new Set(pbs.map((pb) => pb.composedFrom[0].scoreID))];
    const [users, scores] = await Promise.all([
      app.db.users.find({ id: { $in: userIDs } }, { projection: { _id: 0, id: 1, username: 1 } }).toArray(),
      app.db.scores.find({ scoreID: { $in: scoreIDs } }, { projection: { _id: 0, scoreID: 1, scoreMeta: 1 } }).toArray(),
    ]);
    const usernames = new Map(users.map((u) => [u.id as number, u.username as string]));
    const metas = new Map(scores.map((s) => [s.scoreID as string, (s.scoreMeta ?? {}) as Record<string, string | undefined>]));
    return pbs.map((pb) => {
      const username = usernames.get(pb.userID);
      const meta = metas.get(pb.composedFrom[0].scoreID);
      if (username === undefined || meta === undefined) throw new Error(`PB of user ${pb.userID} on ${pb.chartID} has no user or score`);
      return {
        score: pb.scoreData.score as number,
        timestamp: Math.floor((pb.timeAchieved ?? 0) / 1000),
        crit: pb.scoreData.judgements.critical ?? 0,
        near: pb.scoreData.judgements.near ?? 0,
        error: pb.scoreData.judgements.miss ?? 0,
        ranking: ranking.get(pb.userID)?.rank ?? 0,
        lamp: TACHI_LAMP_TO_USC[pb.scoreData.lamp as string],
        username,
        noteMod: meta.noteMod ?? 'NORMAL',
        gaugeMod: meta.gaugeMod ?? 'NORMAL',
      };
    });
  }

  /** PBs of these users on the chart, in the order of `userIDs` */
  async function pbsOf(chartID: string, userIDs: readonly number[]): Promise<PBDocument[]> {
    if (userIDs.length === 0) return [];
    const docs = (await app.db.personalBests.find({ chartID, userID: { $in: [...userIDs] } }, NO_ID).toArray()) as unknown as PBDocument[];
    const byUser = new Map(docs.map((d) => [d.userID, d]));
    return userIDs.map((id) => byUser.get(id)).filter((d): d is PBDocument => d !== undefined);
  }

  /** userIDs by rank (rank 1 first) */
  const byRank = (ranking: ReadonlyMap<number, RankingData>) => [...ranking.entries()].sort((a, b) => a[1].rank - b[1].rank).map(([userID]) => userID);

  /** Tachi's CreatePOSTScoresResponseBody */
  async function scoresResponseBody(userID: number, chart: ChartDocument, scoreID: string) {
    const ranking = await chartRanking(app.db, 'usc', chart.playtype, chart.chartID);
    const order = byRank(ranking);
    const usersRanking = ranking.get(userID)?.rank;
    if (usersRanking === undefined || order.length === 0) throw new Error(`no PB of user ${userID} on ${chart.chartID} after an import`);
    // up to N ranked just above the user, in ascending order, without the server record when it is among them
    const above = order.slice(Math.max(0, usersRanking - 1 - USCIR_ADJACENT_SCORE_N), usersRanking - 1);
    if (usersRanking - USCIR_ADJACENT_SCORE_N <= 1) above.shift();
    const below = order.slice(usersRanking, usersRanking + USCIR_ADJACENT_SCORE_N);
    const pbs = await pbsOf(chart.chartID, [userID, order[0], ...above, ...below]);
    const scores = await serverScores(pbs, ranking);
    const get = (id: number) => scores[pbs.findIndex((pb) => pb.userID === id)];
    const score = get(userID);
    const userPB = pbs.find((pb) => pb.userID === userID)!;
    return {
      score,
      serverRecord: get(order[0]),
      isServerRecord: userID === order[0],
      // as Tachi: the PB compared with itself
      isPB: userPB.scoreData.score === score.score,
      sendReplay: scoreID,
      adjacentAbove: above.map(get),
      adjacentBelow: below.map(get),
    };
  }

  app.get(
    '/ir/usc/:playtype',
    { ...common, schema: { summary: 'USC IR: heartbeat', security: BearerRequired, params: PlaytypeParams, response: Responses } },
    async () =>
      usc(USC.SUCCESS, 'IR Request Successful.', { serverTime: Math.floor(Date.now() / 1000), serverName: 'Bokutachi', irVersion: '0.4.0-a' }).body,
  );

  app.get(
    '/ir/usc/:playtype/charts/:chartHash',
    { ...common, schema: { summary: 'USC IR: whether the IR tracks this chart', security: BearerRequired, params: ChartParams, response: Responses } },
    async (request) => {
      const chart = await chartOf(request.params);
      return isReply(chart) ? (chart.body as USCAnswer) : usc(USC.SUCCESS, 'This chart is tracked by the IR.', {}).body;
    },
  );

  app.get(
    '/ir/usc/:playtype/charts/:chartHash/record',
    { ...common, schema: { summary: "USC IR: the chart's server record", security: BearerRequired, params: ChartParams, response: Responses } },
    async (request) => {
      const chart = await chartOf(request.params);
      if (isReply(chart)) return chart.body as USCAnswer;
      const ranking = await chartRanking(app.db, 'usc', chart.playtype, chart.chartID);
      const [first] = byRank(ranking);
      const [pb] = first === undefined ? [] : await pbsOf(chart.chartID, [first]);
      if (!pb) return usc(USC.NOT_FOUND, 'No server record found.').body;
      const [record] = await serverScores([pb], ranking);
      return usc(USC.SUCCESS, 'Retrieved score.', { record }).body;
    },
  );

  app.get(
    '/ir/usc/:playtype/charts/:chartHash/leaderboard',
    {
      ...common,
      schema: {
        summary: "USC IR: the chart's best scores (mode=best, n ≤ 10)",
        security: BearerRequired,
        params: ChartParams,
        querystring: Type.Object({ mode: Type.Optional(Type.String()), n: Type.Optional(Type.String()) }),
        response: Responses,
      },
    },
    async (request) => {
      const chart = await chartOf(request.params);
      if (isReply(chart)) return chart.body as USCAnswer;
      const { mode, n: rawN } = request.query;
      if (mode !== 'best' && mode !== 'rivals') return usc(USC.BAD_REQ, "Invalid 'mode' param - expected 'best' or 'rivals'.").body;
      const badN = usc(USC.BAD_REQ, `Invalid 'n' param - expected a positive non-zero integer less than or equal to ${USCIR_MAX_LEADERBOARD_N}.`).body;
      // Tachi's AssertStrAsPositiveNonZeroInt
      if (typeof rawN !== 'string' || !/^-?\d+$/u.test(rawN) || !Number.isSafeInteger(Number(rawN)) || Number(rawN) <= 0) return badN;
      const n = Math.min(Number(rawN), USCIR_MAX_LEADERBOARD_N);
      if (mode === 'rivals') return usc(USC.BAD_REQ, 'This is currently unsupported.').body;
      // by score, as Tachi sorts them (its default metric)
      const ranking = await chartRanking(app.db, 'usc', chart.playtype, chart.chartID);
      const best = byRank(ranking).slice(0, n);
      const scores = await serverScores(await pbsOf(chart.chartID, best), ranking);
      return usc(USC.SUCCESS, `Returned ${scores.length} scores.`, scores).body;
    },
  );

  app.post(
    '/ir/usc/:playtype/scores',
    {
      ...submitting,
      schema: {
        summary: 'USC IR: submit a score (answers when imported; a chart the IR does not track keeps it as an orphan, 22)',
        security: BearerRequired,
        params: PlaytypeParams,
        body: USCScoresBody,
        response: { ...Responses, 202: ImportAccepted, 409: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope, 429: RateLimitedEnvelope, 503: ErrorEnvelope },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      const send = ({ statusCode, body }: HookReply) => reply.code(statusCode).send(body as never);
      if (request.rawJSON === undefined) return send(usc(USC.BAD_REQ, 'Expected a JSON body (Content-Type: application/json).'));
      const chartErr = checkUSCChart(request.body);
      if (chartErr) return send(usc(USC.BAD_REQ, chartErr));
      const { playtype } = request.params;
      const { chartHash } = (request.body as { chart: { chartHash: string } }).chart;
      const chart = findUSCChart(await app.charts.game('usc'), chartHash, playtype);
      const userID = request.auth.userID!;
      return acceptAndAnswer(
        request,
        reply,
        { importType: 'ir/usc', options: { chartHash, playtype }, content: Buffer.from(request.rawJSON) },
        {
          async completed(_record, doc) {
            const [error] = doc.errors;
            if (error && error.type !== 'SongOrChartNotFound') return usc(USC.BAD_REQ, `${error.type} ${error.message}`);
            // the chart may be added later: the score is kept as an orphan
            if (!chart) return usc(USC.ACCEPTED, 'This score has been saved, but the chart is not currently on the IR.', {});
            if (error) return usc(USC.BAD_REQ, `${error.type} ${error.message}`);
            if (doc.scoreIDs[0] === undefined) return usc(USC.SUCCESS, 'Score was identical to another score you already have.');
            try {
              return usc(USC.SUCCESS, 'Successfully imported score.', await scoresResponseBody(userID, chart, doc.scoreIDs[0]));
            } catch (err) {
              request.log.error({ err }, 'USC IR answer');
              return usc(USC.SERVER_ERROR, 'An internal server error has occured.');
            }
          },
          failed: (record) => usc(record.error.statusCode >= 500 ? USC.SERVER_ERROR : USC.BAD_REQ, record.error.description),
        },
      );
    },
  );

  app.post(
    '/ir/usc/:playtype/replays',
    {
      ...submitting,
      schema: {
        summary: 'USC IR: upload the replay of one of your scores (multipart: identifier = the scoreID, file replay ≤ 1 MiB)',
        security: BearerRequired,
        params: PlaytypeParams,
        response: { ...Responses, 413: ErrorEnvelope, 415: ErrorEnvelope, 429: RateLimitedEnvelope, 503: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const fields: Record<string, unknown> = {};
      let replay: Buffer | null = null;
      let refused = false;
      if (request.isMultipart()) {
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname === 'replay' && replay === null) {
                replay = await part.toBuffer();
                if (replay.length > ONE_MEGABYTE) refused = true;
              } else {
                refused = true;
                part.file.resume();
              }
            } else {
              fields[part.fieldname] = part.value;
            }
          }
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw err;
          refused = true;
        }
      } else if (request.body && typeof request.body === 'object') {
        Object.assign(fields, request.body);
      }
      // Tachi's multer refusal (too large, corrupt, another field)
      if (refused) return reply.code(400).send({ success: false, description: 'File provided was too large, corrupt, or provided in the wrong field.' });
      if (typeof fields.identifier !== 'string') return usc(USC.BAD_REQ, 'No Identifier Provided.').body;
      if (!replay) return usc(USC.BAD_REQ, 'No File Provided.').body;
      // the score must be this user's and a USC one, or anyone could overwrite anyone's replays
      const score = await app.db.scores.findOne({ userID: request.auth.userID, scoreID: fields.identifier, game: 'usc' }, { projection: { _id: 0, scoreID: 1 } });
      if (!score) return usc(USC.NOT_FOUND, 'No score corresponds to this identifier.').body;
      // Tachi stores it on its CDN at /uscir/replays/<scoreID>, replacing any earlier one
      await app.db.connection
        .collection('usc-replays')
        .replaceOne({ scoreID: score.scoreID }, { scoreID: score.scoreID, userID: request.auth.userID, replay, timeStored: Date.now() }, { upsert: true });
      return usc(USC.SUCCESS, 'Saved replay.', {}).body;
    },
  );
};

export default uscRoutes;
