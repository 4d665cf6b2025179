/**
 * Bokutachi's beatoraja IR (Tachi's server/src/server/router/ir/beatoraja/): the Tachi IR plugin
 * of beatoraja (PMS) and LR2oraja (BMS) submits scores and course clears, and reads a chart's
 * scores. Needs X-TachiIR-Version v2 or v3.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BearerRequired, ErrorEnvelope, ImportAccepted, SubmitErrors, SuccessEnvelope } from '@score-import/contracts';
import { chartRanking, readBeatorajaCourse, type ChartDocument, type GameName, type PBDocument } from '@score-import/core';
import { NO_ID } from '@score-import/db';
import { requirePermission } from '../../plugins/auth.ts';
import { AnyObject, acceptAndAnswer, header, type HookReply } from './hook-helpers.ts';

const IRVersionHeaders = Type.Object({
  'x-tachiir-version': Type.Optional(Type.String({ description: 'the IR plugin\'s version: v2.x or v3.x' })),
});

const BeatorajaScoreBody = Type.Object(
  {
    score: Type.Optional(AnyObject),
    chart: Type.Optional(AnyObject),
    client: Type.Optional(Type.String({ description: '"LR2oraja …" for BMS, "beatoraja …" for PMS' })),
  },
  { additionalProperties: true, description: 'the IR plugin\'s score, chart and client; checked by the import with Tachi\'s messages' },
);

const BeatorajaCourseBody = Type.Object(
  {
    course: Type.Optional(
      Type.Object(
        { charts: Type.Optional(Type.Array(Type.Object({ md5: Type.String() }, { additionalProperties: true }))), constraint: Type.Optional(Type.Array(Type.String())) },
        { additionalProperties: true },
      ),
    ),
    score: Type.Optional(AnyObject),
  },
  { additionalProperties: true },
);

const Loose = SuccessEnvelope(AnyObject);

async function validateIRVersion(request: FastifyRequest, reply: FastifyReply) {
  const version = header(request, 'x-tachiir-version');
  if (!version?.startsWith('v2') && !version?.startsWith('v3')) {
    return reply.code(400).send({ success: false, description: 'Invalid X-TachiIR-Version.' });
  }
}

/** Tachi's RequireNotGuest */
async function requireNotGuest(request: FastifyRequest, reply: FastifyReply) {
  if (request.auth.userID === null) return reply.code(401).send({ success: false, description: 'This endpoint requires authentication.' });
}

const fail = (statusCode: number, description: string): HookReply => ({ statusCode, body: { success: false, description } });

/** beatoraja's clear of each BMS/PMS lamp (by the lamp's enum index) */
const LAMP_TO_BEATORAJA = [0, 1, 3, 4, 5, 6, 7, 8] as const;

/** Tachi's TachiScoreDataToBeatorajaFormat: a PB as the IR plugin reads it ("" = the requesting player). */
function toBeatorajaScore(pb: PBDocument, sha256: string, player: string, notes: number) {
  const sd = pb.scoreData;
  const optional = sd.optional as Record<string, number | null | undefined>;
  const score = sd.score as number;
  return {
    sha256,
    player,
    // always 0 in Tachi (performance)
    playcount: 0,
    clear: LAMP_TO_BEATORAJA[sd.enumIndexes.lamp] ?? 0,
    date: pb.timeAchieved ?? 0,
    maxcombo: optional.maxCombo ?? 0,
    gauge: optional.gauge ?? 0,
    // unsupported in Tachi (performance)
    deviceType: null,
    random: null,
    minbp: optional.bp ?? 0,
    passnotes: 0,
    notes,
    egd: optional.egd ?? 0,
    lgd: optional.lgd ?? 0,
    ebd: optional.ebd ?? 0,
    lbd: optional.lbd ?? 0,
    epr: optional.epr ?? 0,
    lpr: optional.lpr ?? 0,
    ems: optional.ems ?? 0,
    lms: optional.lms ?? 0,
    // Tachi always fakes these from the EX score (old scores have unusable judgements)
    epg: Math.floor(score / 2),
    egr: score % 2,
    lpg: 0,
    lgr: 0,
  };
}

const beatorajaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const submitting = [requirePermission('submit_score', 'This endpoint requires authentication.'), validateIRVersion, app.submission.rateLimit];

  app.post(
    '/ir/beatoraja/submit-score',
    {
      schema: {
        summary: 'beatoraja / LR2oraja: submit a score (answers when imported; an unknown chart keeps the score as an orphan, 202)',
        security: BearerRequired,
        headers: IRVersionHeaders,
        body: BeatorajaScoreBody,
        response: { 200: Loose, 202: Type.Union([ImportAccepted, Loose]), ...SubmitErrors, 500: ErrorEnvelope },
      },
      attachValidation: true,
      preHandler: submitting,
    },
    async (request, reply) => {
      if (request.rawJSON === undefined) {
        return reply.code(415).send({ success: false, description: 'Expected a JSON body (Content-Type: application/json).' });
      }
      const submitted = request.body as { chart?: { md5?: unknown; sha256?: unknown } };
      return acceptAndAnswer(
        request,
        reply,
        { importType: 'ir/beatoraja', options: { userID: String(request.auth.userID) }, content: Buffer.from(request.rawJSON) },
        {
          async completed(_record, doc) {
            const [error] = doc.errors;
            if (error) {
              if (error.type === 'SongOrChartNotFound') {
                // the chart and score were well-formed: Tachi queues charts with a real MD5 only
                const { md5, sha256 } = submitted.chart as { md5: string; sha256: string };
                if (md5.length !== 32) return fail(400, 'This chart is not supported.');
                const queued = await app.db.orphanCharts.findOne({ 'chart.data.hashSHA256': sha256 }, { projection: { _id: 0, userIDs: 1 } });
                if (!queued) return fail(400, 'This chart is not supported.');
                const players = (queued.userIDs as number[]).length;
                return {
                  statusCode: 202,
                  body: {
                    success: true,
                    description: `Chart and score have been orphaned. This chart will be un-orphaned when ${app.config.BEATORAJA_QUEUE_SIZE} players have played the chart (Currently: ${players}).`,
                    body: {},
                  },
                };
              }
              return fail(error.type === 'InternalError' ? 500 : 400, `[${error.type}] - ${error.message}`);
            }
            if (doc.scoreIDs.length === 0) return fail(400, 'No scores were imported.');
            const score = await app.db.scores.findOne({ scoreID: doc.scoreIDs[0] }, NO_ID);
            let charts = await app.charts.game(doc.game as GameName);
            // a chart the import has just created (an unorphaned one) may be newer than this process's copy
            if (score && !charts.chart(score.chartID as string)) charts = await app.charts.reload(doc.game as GameName);
            const chart = score ? charts.chart(score.chartID as string) : null;
            if (!score || !chart) return fail(500, 'Internal Service Error.');
            return {
              statusCode: 200,
              body: { success: true, description: 'Imported score.', body: { score, song: charts.song(chart.songID), chart, import: doc } },
            };
          },
          failed: (record) => fail(400, record.error.description),
        },
      );
    },
  );

  app.post(
    '/ir/beatoraja/submit-course',
    {
      schema: {
        summary: 'beatoraja / LR2oraja: submit a course result (a cleared dan course is imported as its class, if better)',
        security: BearerRequired,
        headers: IRVersionHeaders,
        body: BeatorajaCourseBody,
        response: {
          200: Type.Union([Loose, Type.Object({ success: Type.Literal(true), description: Type.String() })]),
          202: ImportAccepted,
          ...SubmitErrors,
          404: ErrorEnvelope,
          500: ErrorEnvelope,
        },
      },
      attachValidation: true,
      preHandler: submitting,
    },
    async (request, reply) => {
      if (request.rawJSON === undefined) {
        return reply.code(415).send({ success: false, description: 'Expected a JSON body (Content-Type: application/json).' });
      }
      const outcome = readBeatorajaCourse(request.body);
      if (outcome.kind === 'answer') return reply.code(outcome.statusCode).send(outcome.body as never);
      const { set, value } = outcome.course;
      return app.submission.acceptAndWait(
        request,
        reply,
        { importType: 'ir/beatoraja', options: { submission: 'course', userID: String(request.auth.userID) }, content: Buffer.from(request.rawJSON) },
        {
          completed: (record) => {
            const changed = (JSON.parse(record.importJSON) as { classDeltas: unknown[] }).classDeltas.length > 0;
            return { statusCode: 200, body: { success: true, description: changed ? 'Successfully updated class.' : 'Class not updated.', body: { set, value } } };
          },
          failed: (record) => fail(record.error.statusCode, record.error.description),
        },
      );
    },
  );

  app.get(
    '/ir/beatoraja/charts/:chartSHA256/scores',
    {
      schema: {
        summary: "beatoraja / LR2oraja: the chart's personal bests in the IR plugin's score format, best first",
        security: BearerRequired,
        headers: IRVersionHeaders,
        params: Type.Object({ chartSHA256: Type.String({ maxLength: 100 }) }),
        response: {
          200: SuccessEnvelope(Type.Array(AnyObject)),
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
      preHandler: [requireNotGuest, validateIRVersion],
    },
    async (request, reply) => {
      const { chartSHA256 } = request.params;
      let chart: ChartDocument | undefined;
      let game: GameName = 'bms';
      // a BMS chart, else a PMS one
      for (const g of ['bms', 'pms'] as const) {
        chart = (await app.charts.game(g)).chartsWhere('hashSHA256', chartSHA256)[0];
        game = g;
        if (chart) break;
      }
      if (!chart) return reply.code(404).send({ success: false, description: 'Chart does not exist on IR yet.' });

      const pbs = (await app.db.personalBests.find({ chartID: chart.chartID }, NO_ID).toArray()) as unknown as PBDocument[];
      const users = await app.db.users
        .find({ id: { $in: [...new Set(pbs.map((pb) => pb.userID))] } }, { projection: { _id: 0, id: 1, username: 1 } })
        .toArray();
      const usernames = new Map(users.map((u) => [u.id as number, u.username as string]));
      const ranking = await chartRanking(app.db, game, chart.playtype, chart.chartID);
      const rank = (pb: PBDocument) => ranking.get(pb.userID)?.rank ?? Number.MAX_SAFE_INTEGER;
      const scores = pbs
        .filter((pb) => usernames.has(pb.userID))
        .sort((a, b) => rank(a) - rank(b))
        .map((pb) =>
          toBeatorajaScore(pb, chart.data.hashSHA256 as string, pb.userID === request.auth.userID ? '' : usernames.get(pb.userID)!, chart.data.notecount as number),
        );
      return { success: true as const, description: `Successfully returned ${scores.length}`, body: scores };
    },
  );
};

export default beatorajaRoutes;
