/**
 * Kamaitachi's fervidex IR (Tachi's server/src/server/router/ir/fervidex/router.ts): the IIDX hook
 * submits each score, its profile when the game loads, and its dan course results. Every failure
 * is "fer-style": `{ success: false, error }` instead of `description`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BearerRequired, ErrorEnvelope, ImportAccepted, RateLimitedEnvelope } from '@score-import/contracts';
import { MODEL_INFINITAS_2, REV_2DXBMS, parseEA3SoftID, readFervidexClass, softwareIDToVersion } from '@score-import/core';
import { AnyObject, ferError, header, isEmpty, requireFerStyleSubmitter } from './hook-helpers.ts';

/** Tachi's settings collection of fervidex: { userID, cards: string[] | null, forceStaticImport } */
const FER_SETTINGS = 'fer-settings';

const FerError = Type.Object(
  { success: Type.Literal(false), error: Type.String() },
  { description: 'Fer-style failure: `error` instead of `description`' },
);
const FerSuccess = Type.Object({ success: Type.Literal(true), description: Type.String(), body: Type.Optional(AnyObject) });

const FerHeaders = Type.Object({
  'user-agent': Type.Optional(Type.String({ description: 'fervidex/<major>.<minor>.<patch>, at least 1.3.0' })),
  'x-software-model': Type.Optional(Type.String({ description: 'the game\'s EA3 software ID, e.g. LDJ:J:B:A:2020092900 (HEROIC VERSE)' })),
  'x-account-id': Type.Optional(Type.String({ description: 'the card ID (checked against the user\'s fervidex card filters, if any)' })),
});

/** fer-style, or the service's own envelope (a malformed request, the submission limits) */
const FerOrEnvelope = Type.Union([FerError, ErrorEnvelope]);

const FerResponses = {
  400: FerOrEnvelope,
  401: FerError,
  403: ErrorEnvelope,
  409: ErrorEnvelope,
  413: ErrorEnvelope,
  415: FerOrEnvelope,
  429: RateLimitedEnvelope,
  503: ErrorEnvelope,
};

const FervidexScoreBody = Type.Object(
  {
    chart: Type.String({ enum: ['spb', 'spn', 'dpn', 'sph', 'dph', 'spa', 'dpa', 'spl', 'dpl'] }),
    entry_id: Type.Integer({ minimum: 0 }),
    chart_sha256: Type.Optional(Type.String()),
    custom: Type.Optional(Type.Boolean()),
    pgreat: Type.Integer({ minimum: 0 }),
    great: Type.Integer({ minimum: 0 }),
    good: Type.Integer({ minimum: 0 }),
    bad: Type.Integer({ minimum: 0 }),
    poor: Type.Integer({ minimum: 0 }),
    slow: Type.Integer({ minimum: 0 }),
    fast: Type.Integer({ minimum: 0 }),
    max_combo: Type.Optional(Type.Integer({ minimum: 0 })),
    combo_break: Type.Integer({ minimum: 0 }),
    ex_score: Type.Integer({ minimum: 0 }),
    clear_type: Type.Integer({ minimum: 0, maximum: 7 }),
    gauge: Type.Array(Type.Integer({ minimum: 0, maximum: 255 })),
    ghost: Type.Unknown(),
    dead: Type.Optional(AnyObject),
    option: Type.Optional(AnyObject),
    pacemaker: Type.Optional(Type.Unknown()),
    '2dx-gsm': Type.Optional(Type.Unknown()),
    highlight: Type.Optional(Type.Boolean()),
    duplicate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true, description: "fervidex's score (Tachi's FervidexScore); checked by the import with Tachi's messages" },
);

const FervidexStaticBody = Type.Object(
  {
    scores: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), AnyObject), { description: 'songID → chart (spa, dph …) → { ex_score, clear_type, miss_count }' })),
    sp_dan: Type.Optional(Type.Integer({ description: 'index of the SP dan (0 = 7th kyu … 18 = kaiden)' })),
    dp_dan: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);

const FervidexClassBody = Type.Object(
  { cleared: Type.Boolean(), course_id: Type.Integer({ minimum: 0, maximum: 18 }), play_style: Type.Integer({ enum: [0, 1] }) },
  { additionalProperties: true },
);

/**
 * SetFervidexStyleRequestPermissions, FervidexStyleRequireNotGuest, RequirePermissions('submit_score'),
 * ValidateFervidexHeader, ValidateModelHeader and ValidateCards, in Tachi's order.
 */
async function validateFervidexRequest(request: FastifyRequest, reply: FastifyReply) {
  if (!(await requireFerStyleSubmitter(request, reply))) return reply;

  const agent = header(request, 'user-agent');
  if (isEmpty(agent)) return ferError(reply, 400, 'Invalid User-Agent.');
  if (!agent.startsWith('fervidex/')) return ferError(reply, 400, `Invalid User-Agent ${agent} - expected fervidex client.`);
  const versions = agent.split('fervidex/')[1].split('.').map(Number);
  if (!versions.every((e) => !Number.isNaN(e)) || versions.length < 3) return ferError(reply, 400, `Invalid version ${versions.join('.')}.`);
  if (versions[0] === 1 && versions[1] < 3) return ferError(reply, 400, 'Versions of fervidex < 1.3.0 are not supported.');

  const model = header(request, 'x-software-model');
  if (isEmpty(model)) return ferError(reply, 400, 'Invalid X-Software-Model.');
  let softID;
  try {
    softID = parseEA3SoftID(model);
  } catch {
    return ferError(reply, 400, 'Invalid X-Software-Model.');
  }
  if (softID.rev === REV_2DXBMS) return ferError(reply, 400, '2DX_BMS is not supported.');
  if (softID.model !== MODEL_INFINITAS_2) {
    try {
      softwareIDToVersion(model);
    } catch {
      // sic: Tachi's message ends with a stray parenthesis
      return ferError(reply, 400, `Invalid software model ${model})`);
    }
  }

  // the user's card filters (Tachi's fer-settings), when they have any
  const settings = await request.server.db.connection
    .collection(FER_SETTINGS)
    .findOne({ userID: request.auth.userID }, { projection: { _id: 0, cards: 1 } });
  const cards = settings?.cards as string[] | null | undefined;
  if (cards) {
    const cardID = header(request, 'x-account-id');
    if (isEmpty(cardID)) return ferError(reply, 400, 'Fervidex did not provide a card ID.');
    if (!cards.includes(cardID)) return ferError(reply, 400, `The card ID ${cardID} is not in your list of filters. Ignoring.`);
  }
}

/** The JSON body as received (what the worker parses), or a fer-style 415. */
function jsonContent(request: FastifyRequest, reply: FastifyReply): Buffer | null {
  if (request.isMultipart() || request.rawJSON === undefined) {
    void ferError(reply, 415, 'Expected a JSON body (Content-Type: application/json).');
    return null;
  }
  return Buffer.from(request.rawJSON);
}

const fervidexRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = {
    config: { skipAuth: true },
    // the body is checked by the import (Tachi's messages); the schema documents it
    attachValidation: true,
    preHandler: [validateFervidexRequest, app.submission.rateLimit],
  };
  const submission = (request: FastifyRequest, extra: Record<string, string> = {}) => ({
    model: header(request, 'x-software-model')!,
    userID: String(request.auth.userID),
    ...extra,
  });

  app.post(
    '/ir/fervidex/score/submit',
    {
      ...common,
      schema: {
        summary: 'fervidex: submit one IIDX score (answers when imported)',
        security: BearerRequired,
        headers: FerHeaders,
        body: FervidexScoreBody,
        response: { 200: FerSuccess, 202: ImportAccepted, ...FerResponses, 500: FerOrEnvelope },
      },
    },
    async (request, reply) => {
      const content = jsonContent(request, reply);
      if (!content) return reply;
      return app.submission.acceptAndWait(
        request,
        reply,
        { importType: 'ir/fervidex', options: submission(request), content },
        {
          completed: (record) => ({
            statusCode: 200,
            body: { success: true, description: 'Import successful.', body: JSON.parse(record.importJSON) as unknown },
          }),
          failed: (record) => ({ statusCode: record.error.statusCode, body: { success: false, error: record.error.description } }),
        },
      );
    },
  );

  app.post(
    '/ir/fervidex/profile/submit',
    {
      ...common,
      schema: {
        summary: "fervidex: submit the profile (every chart's lamp and EX score, imported for INFINITAS 2 only; the dans)",
        security: BearerRequired,
        headers: FerHeaders,
        body: FervidexStaticBody,
        response: { 202: ImportAccepted, ...FerResponses },
      },
    },
    async (request, reply) => {
      const content = jsonContent(request, reply);
      if (!content) return reply;
      // INFINITAS 2 has no score hook: its profile's scores are imported. Other games' are imported
      // once when the user's fer-settings say forceStaticImport (turned off as it is taken, as Tachi does)
      const forced = await app.db.connection
        .collection(FER_SETTINGS)
        .findOneAndUpdate({ userID: request.auth.userID, forceStaticImport: true }, { $set: { forceStaticImport: false } });
      const shouldImportScores = forced !== null || parseEA3SoftID(header(request, 'x-software-model')!).model === MODEL_INFINITAS_2;
      // answered at once, as Tachi does, so that fervidex does not resend
      return app.submission.accept(request, reply, {
        importType: 'ir/fervidex-static',
        options: submission(request, { shouldImportScores: String(shouldImportScores) }),
        content,
      });
    },
  );

  app.post(
    '/ir/fervidex/class/submit',
    {
      ...common,
      schema: {
        summary: 'fervidex: submit a dan course result (a cleared dan is imported as the class, if better)',
        security: BearerRequired,
        headers: FerHeaders,
        body: FervidexClassBody,
        response: { 200: FerSuccess, 202: ImportAccepted, ...FerResponses, 500: FerOrEnvelope },
      },
    },
    async (request, reply) => {
      const content = jsonContent(request, reply);
      if (!content) return reply;
      const checked = readFervidexClass(request.body);
      if (!checked.ok) return ferError(reply, 400, checked.message);
      if (!checked.cleared) return reply.code(200).send({ success: true, description: 'No Update Made.', body: {} });
      return app.submission.acceptAndWait(
        request,
        reply,
        { importType: 'ir/fervidex', options: submission(request, { submission: 'class' }), content },
        {
          completed: (record) => {
            const changed = (JSON.parse(record.importJSON) as { classDeltas: unknown[] }).classDeltas.length > 0;
            return {
              statusCode: 200,
              body: { success: true, description: changed ? 'Dan changed!' : 'Dan unchanged, was worse than your current dan.' },
            };
          },
          failed: (record) => ({ statusCode: record.error.statusCode, body: { success: false, error: record.error.description } }),
        },
      );
    },
  );
};

export default fervidexRoutes;
