import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BearerRequired,
  EmptyBodyResponse,
  ErrorEnvelope,
  FailedImportResponse,
  ImportDetailResponse,
  ImportIDParams,
  ImportListQuery,
  PollStatusResponse,
  SuccessEnvelope,
} from '@score-import/contracts';
import { revertImport } from '@score-import/core';
import { NO_ID } from '@score-import/db';
import { findImport, importDetail, listFilter, pollImport, usersByID } from '../services/imports.ts';
import { POLL_INTERVAL_SECONDS } from '../services/submit-import.ts';

const AnyArray = Type.Array(Type.Object({}, { additionalProperties: true }));

/** The Import Document endpoints (spec §2.1–2.4). */
const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/imports',
    {
      schema: {
        summary: 'The 500 most recent imports',
        querystring: ImportListQuery,
        response: { 200: SuccessEnvelope(Type.Object({ imports: AnyArray, users: AnyArray })), 400: ErrorEnvelope },
      },
    },
    async (request) => {
      const imports = await app.db.imports
        .find(listFilter(request.query), { projection: { _id: 0, revertPlan: 0 } })
        .sort({ timeFinished: -1 })
        .limit(500)
        .toArray();
      const users = await usersByID(app, imports.map((i) => i.userID as number));
      return { success: true as const, description: `Found ${imports.length} imports.`, body: { imports, users } };
    },
  );

  app.get(
    '/api/v1/imports/failed',
    {
      schema: {
        summary: 'The 500 most recent failed imports',
        querystring: ImportListQuery,
        response: { 200: SuccessEnvelope(Type.Object({ failedImports: AnyArray, users: AnyArray })), 400: ErrorEnvelope },
      },
    },
    async (request) => {
      const failedImports = await app.db.importTrackers
        .find({ type: 'FAILED', ...listFilter(request.query) }, NO_ID)
        .sort({ timeStarted: -1 })
        .limit(500)
        .toArray();
      const users = await usersByID(app, failedImports.map((i) => i.userID as number));
      return { success: true as const, description: `Found ${failedImports.length} failed imports.`, body: { failedImports, users } };
    },
  );

  app.get(
    '/api/v1/imports/:importID',
    { schema: { summary: 'An import with its scores, songs, charts, sessions and user', params: ImportIDParams, response: { 200: ImportDetailResponse, 404: ErrorEnvelope } } },
    async (request, reply) => {
      const doc = await findImport(app, request.params.importID);
      if (!doc) return reply.code(404).send({ success: false, description: 'This import does not exist.' });
      return { success: true as const, description: 'Returned info about this session.', body: await importDetail(app, doc) };
    },
  );

  app.post(
    '/api/v1/imports/:importID/revert',
    {
      schema: {
        summary: 'Revert an import (owner or admin, needs delete_score)',
        security: BearerRequired,
        params: ImportIDParams,
        response: { 200: EmptyBodyResponse, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const doc = await findImport(app, request.params.importID);
      if (!doc) return reply.code(404).send({ success: false, description: 'This import does not exist.' });
      const { auth } = request;
      if (auth.userID === null) {
        return reply.code(401).send({
          success: false,
          description: 'You are not authorised as anyone, and this endpoint requires us to know who you are.',
        });
      }
      if (auth.userID !== doc.userID && !auth.isAdmin) {
        return reply.code(403).send({ success: false, description: 'You are not authorised to perform this action.' });
      }
      if (!auth.permissions.has('delete_score')) {
        return reply.code(403).send({
          success: false,
          description: 'You are missing the following permissions necessary for this request: delete_score',
        });
      }
      const { lease, blockedBy } = await app.leases.acquireForRevert(doc.userID);
      if (!lease) {
        app.metrics.reverts.inc({ outcome: 'conflict' });
        const description =
          blockedBy === 'lease'
            ? 'You already have an import or a revert ongoing.'
            : blockedBy.failure
              ? `Your import ${blockedBy.importID} failed and what it wrote is still being removed. Please try again shortly.`
              : `Your import ${blockedBy.importID} has not finished yet. Please try again once it has.`;
        return reply.code(409).header('retry-after', '1').send({ success: false, description });
      }
      try {
        // the status record goes first: a Redis failure is then a true 503 (nothing reverted), never
        // a 503 for a revert that was done; until the revert ends, polls answer from the ImportDocument
        await app.statuses.remove(doc.importID);
        // a concurrent revert may have finished between the lookup above and taking the lease
        const reverted = await revertImport(app.db, app.charts, doc.importID);
        app.metrics.reverts.inc({ outcome: reverted ? 'reverted' : 'not-found' });
        if (!reverted) return reply.code(404).send({ success: false, description: 'This import does not exist.' });
      } finally {
        await lease.release().catch(() => {});
      }
      return { success: true as const, description: 'Reverted import.', body: {} };
    },
  );

  app.get(
    '/api/v1/imports/:importID/poll-status',
    {
      config: { skipAuth: true },
      schema: {
        summary: 'Progress of an import; one Redis round trip while it is ongoing',
        description:
          'Answers `ongoing` (with Retry-After: 1) or `completed`; a failed import answers its status code and description. ' +
          'Send the ETag back as If-None-Match to get 304 while nothing changed.',
        params: ImportIDParams,
        response: {
          200: PollStatusResponse,
          304: Type.Null({ description: 'Not modified since the ETag given in If-None-Match' }),
          404: ErrorEnvelope,
          400: FailedImportResponse,
          409: FailedImportResponse,
          500: FailedImportResponse,
          503: FailedImportResponse,
        },
      },
    },
    async (request, reply) => {
      const answer = await pollImport(app, request.params.importID, request.headers['if-none-match']);
      if (answer.etag) reply.header('etag', answer.etag).header('cache-control', 'no-cache');
      if (answer.description === 'Import is ongoing.') reply.header('retry-after', String(POLL_INTERVAL_SECONDS));
      if (answer.notModified) return reply.code(304 as 200).send(undefined as never);
      if (answer.importJSON !== undefined) {
        return reply
          .type('application/json; charset=utf-8')
          .send(`{"success":true,"description":"Import was completed!","body":{"importStatus":"completed","import":${answer.importJSON}}}` as never);
      }
      if (answer.body?.importStatus === 'ongoing') {
        // the hottest answer of the service: written straight from the record, no schema serializer
        return reply
          .type('application/json; charset=utf-8')
          .send(`{"success":true,"description":"Import is ongoing.","body":{"importStatus":"ongoing","progress":${JSON.stringify(answer.body.progress)}}}` as never);
      }
      const payload = answer.body
        ? { success: true, description: answer.description, body: answer.body }
        : { success: false, description: answer.description, ...(answer.failed && { body: answer.failed }) };
      return reply.code(answer.statusCode as 200).send(payload as never);
    },
  );
};

export default importRoutes;
