import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FastifySSEPlugin, type EventMessage } from 'fastify-sse-v2';
import { ImportIDParams } from '@score-import/contracts';
import { pollImport, type PollAnswer } from '../services/imports.ts';

/** Keeps proxies from closing a quiet stream, and re-reads the record in case a message was missed. */
const HEARTBEAT_MS = 5_000;

function toEvent(answer: PollAnswer, id: number): EventMessage {
  const event = answer.body ? answer.body.importStatus : answer.statusCode === 404 ? 'not-found' : 'failed';
  const data = answer.body
    ? { success: true, description: answer.description, body: answer.body }
    : { success: false, statusCode: answer.statusCode, description: answer.description };
  return { id: String(id), event, data: JSON.stringify(data) };
}

/**
 * Push instead of poll: Server-Sent Events of an import's progress, from any API instance, fed by
 * Redis pub/sub. The first event is the current state (a late subscriber misses nothing); the
 * stream ends after `completed` or `failed`. Each event's data is what poll-status would answer.
 */
const importEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(FastifySSEPlugin);

  app.get(
    '/api/v1/imports/:importID/events',
    {
      config: { skipAuth: true },
      schema: {
        summary: 'Progress of an import as Server-Sent Events (ongoing…, then completed or failed)',
        params: ImportIDParams,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const { importID } = request.params;
      let wake: (() => void) | null = null;
      let changed = false;
      const unsubscribe = await app.statusEvents.subscribe(importID, () => {
        changed = true;
        wake?.();
      });
      let closed = false;
      request.raw.on('close', () => {
        closed = true;
        wake?.();
      });

      async function* events(): AsyncGenerator<EventMessage> {
        try {
          let id = 0;
          let last = '';
          while (!closed) {
            changed = false;
            const answer = await pollImport(app, importID);
            const event = toEvent(answer, id);
            if (event.data !== last) {
              last = event.data!;
              id++;
              yield event;
            }
            if (event.event !== 'ongoing') return;
            if (!changed) {
              await new Promise<void>((resolve) => {
                wake = resolve;
                setTimeout(resolve, HEARTBEAT_MS).unref();
              });
              wake = null;
            }
          }
        } finally {
          await unsubscribe();
        }
      }
      reply.sse(events());
    },
  );
};

export default importEventRoutes;
