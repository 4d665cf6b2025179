/**
 * Bokutachi's LR2hook IR (Tachi's server/src/server/router/ir/lr2hook/router.ts): LR2's hook submits
 * each BMS score, and each course result (a course is a score whose md5 is its charts' MD5s).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BearerRequired, ErrorEnvelope, ImportAccepted, SubmitErrors, SuccessEnvelope } from '@score-import/contracts';
import { readLR2HookCourse } from '@score-import/core';
import { requirePermission } from '../../plugins/auth.ts';
import { AnyObject } from './hook-helpers.ts';

const LR2HookBody = Type.Object(
  {
    md5: Type.String({ description: "the chart's MD5 (a course: its four charts' MD5s joined)" }),
    playerData: Type.Object(
      {
        autoScr: Type.Literal(0),
        gameMode: Type.Unknown(),
        random: Type.String({ enum: ['NORAN', 'MIRROR', 'RAN', 'S-RAN'] }),
        gauge: Type.String({ enum: ['GROOVE', 'HARD', 'HAZARD', 'EASY', 'P-ATTACK', 'G-ATTACK'] }),
        rseed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0x7ffe })),
      },
      { additionalProperties: true },
    ),
    scoreData: Type.Object(
      {
        pgreat: Type.Integer({ minimum: 0 }),
        great: Type.Integer({ minimum: 0 }),
        good: Type.Integer({ minimum: 0 }),
        bad: Type.Integer({ minimum: 0 }),
        poor: Type.Integer({ minimum: 0 }),
        maxCombo: Type.Integer({ minimum: 0 }),
        exScore: Type.Integer({ minimum: 0 }),
        moneyScore: Type.Integer({ minimum: 0 }),
        notesTotal: Type.Integer({ minimum: 0 }),
        notesPlayed: Type.Integer({ minimum: 0 }),
        lamp: Type.String({ enum: ['NO PLAY', 'FAIL', 'EASY', 'NORMAL', 'HARD', 'FULL COMBO'] }),
        hpGraph: Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { minItems: 1000, maxItems: 1000 }),
        extendedJudgements: Type.Optional(Type.Union([AnyObject, Type.Null()])),
        extendedHpGraphs: Type.Optional(Type.Union([AnyObject, Type.Null()])),
      },
      { additionalProperties: true },
    ),
    unixTimestamp: Type.Optional(Type.Integer({ minimum: 0, description: 'seconds since the epoch' })),
  },
  { additionalProperties: true, description: "LR2hook's score (Tachi's LR2HookScore); checked by the import with Tachi's messages" },
);

const lr2hookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const preHandler = [requirePermission('submit_score', 'This endpoint requires authentication.'), app.submission.rateLimit];
  const json = 'Expected a JSON body (Content-Type: application/json).';

  app.post(
    '/ir/lr2hook/import',
    {
      schema: {
        summary: 'LR2hook: submit a BMS score (answers with the ImportDocument when imported)',
        security: BearerRequired,
        body: LR2HookBody,
        response: { 200: SuccessEnvelope(AnyObject), 202: ImportAccepted, ...SubmitErrors, 500: ErrorEnvelope },
      },
      attachValidation: true,
      preHandler,
    },
    async (request, reply) => {
      if (request.rawJSON === undefined) return reply.code(415).send({ success: false, description: json });
      return app.submission.acceptAndWait(
        request,
        reply,
        { importType: 'ir/lr2hook', options: {}, content: Buffer.from(request.rawJSON) },
        {
          completed: (record) => ({ statusCode: 200, body: { success: true, description: 'Import successful.', body: JSON.parse(record.importJSON) as unknown } }),
          failed: (record) => ({ statusCode: record.error.statusCode, body: { success: false, description: record.error.description } }),
        },
      );
    },
  );

  app.post(
    '/ir/lr2hook/import/course',
    {
      schema: {
        summary: 'LR2hook: submit a course result (a cleared dan course is imported as its class, if better)',
        security: BearerRequired,
        body: LR2HookBody,
        response: { 200: SuccessEnvelope(AnyObject), 202: ImportAccepted, ...SubmitErrors, 404: ErrorEnvelope, 500: ErrorEnvelope },
      },
      attachValidation: true,
      preHandler,
    },
    async (request, reply) => {
      if (request.rawJSON === undefined) return reply.code(415).send({ success: false, description: json });
      const outcome = readLR2HookCourse(request.body);
      if (outcome.kind === 'answer') return reply.code(outcome.statusCode).send(outcome.body as never);
      const { set, value } = outcome.course;
      return app.submission.acceptAndWait(
        request,
        reply,
        { importType: 'ir/lr2hook', options: { submission: 'course' }, content: Buffer.from(request.rawJSON) },
        {
          completed: (record) => {
            const changed = (JSON.parse(record.importJSON) as { classDeltas: unknown[] }).classDeltas.length > 0;
            return { statusCode: 200, body: { success: true, description: changed ? 'Successfully updated class.' : 'Class not updated.', body: { set, value } } };
          },
          failed: (record) => ({ statusCode: record.error.statusCode, body: { success: false, description: record.error.description } }),
        },
      );
    },
  );
};

export default lr2hookRoutes;
