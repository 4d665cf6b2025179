import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, FILE_IMPORT_TYPES, ImportAccepted, IRHeaders } from '@score-import/contracts';
import { requirePermission } from '../plugins/auth.ts';
import { ACCEPTED_DESCRIPTION, submitImport } from '../services/submit-import.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope, 503: ErrorEnvelope };

const BAD_UPLOAD = 'File provided was too large, corrupt, or provided in the wrong field.';

/** The two ways to submit scores; both answer 202 and leave the rest to a worker. */
const submitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/import/file',
    {
      schema: {
        summary: 'Upload a BATCH-MANUAL file (multipart field scoreData, field importType)',
        response: { 202: ImportAccepted, ...errors },
      },
      preHandler: requirePermission('submit_score'),
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return reply.code(415).send({ success: false, description: 'Expected a multipart/form-data upload with a file in the field scoreData.' });
      }
      const fields: Record<string, string> = {};
      let file: Buffer | null = null;
      let wrongField = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname === 'scoreData' && file === null) file = await part.toBuffer();
            else {
              wrongField = true;
              part.file.resume();
            }
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (err) {
        // over 16 MiB → 413 from the error handler; any other multipart failure (no boundary,
        // truncated or malformed body, too many parts) is the client's, as multer's errors are in Tachi
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw err;
        request.log.info({ err }, 'unreadable multipart upload');
        return reply.code(400).send({ success: false, description: BAD_UPLOAD });
      }
      if (wrongField) return reply.code(400).send({ success: false, description: BAD_UPLOAD });
      if (!file) return reply.code(400).send({ success: false, description: 'Expected a file for field scoreData.' });
      const importType = fields.importType;
      if (!(FILE_IMPORT_TYPES as readonly string[]).includes(importType)) {
        const received = importType === undefined ? 'nothing (undefined)' : JSON.stringify(importType).slice(0, 100);
        return reply.code(400).send({
          success: false,
          description: `[importType] Expected any of ${FILE_IMPORT_TYPES.join(', ')}. (Received ${received})`,
        });
      }
      const accepted = await submitImport(app, {
        userID: request.auth.userID!,
        importType: 'file/batch-manual',
        userIntent: String(request.headers['x-user-intent'] ?? '').toLowerCase() === 'true',
        inferTimestamp: false,
        content: file,
      });
      return reply.code(202).send({ success: true, description: ACCEPTED_DESCRIPTION, body: accepted });
    },
  );

  app.post(
    '/ir/direct-manual/import',
    {
      schema: {
        summary: 'Submit a BATCH-MANUAL document as the JSON body',
        headers: IRHeaders,
        response: { 202: ImportAccepted, ...errors },
      },
      preHandler: requirePermission('submit_score', 'This endpoint requires authentication.'),
    },
    async (request, reply) => {
      const accepted = await submitImport(app, {
        userID: request.auth.userID!,
        importType: 'ir/direct-manual',
        userIntent: String(request.headers['x-user-intent'] ?? '').toLowerCase() === 'true',
        inferTimestamp: String(request.headers['x-infer-score-timeachieved'] ?? '').toLowerCase() === 'true',
        content: Buffer.from(JSON.stringify(request.body ?? null)),
      });
      return reply.code(202).send({ success: true, description: ACCEPTED_DESCRIPTION, body: accepted });
    },
  );
};

export default submitRoutes;
