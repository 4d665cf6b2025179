import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FastifySSEPlugin, type EventMessage } from 'fastify-sse-v2';
import { ErrorEnvelope, ImportIDParams } from '@score-import/contracts';
import { isUnavailable } from '../plugins/errors.ts';
import { pollImport, type PollAnswer } from '../services/imports.ts';

/** Keeps proxies from closing a quiet stream, and re-reads the record in case a message was missed. */
const HEARTBEAT_MS = 5_000;

function toEvent(answer: PollAnswer, id: number): EventMessage {
  if (answer.importJSON !== undefined) {
    const data = `{"success":true,"description":"${answer.description}","body":{"importStatus":"completed","import":${answer.importJSON}}}`;
    return { id: String(id), event: 'completed', data };
  }
  const event = answer.body ? answer.body.importStatus : 'failed';
  const data = answer.body
    ? { success: true, description: answer.description, body: answer.body }
    : { success: false, statusCode: answer.statusCode, description: answer.description, ...(answer.failed && { body: answer.failed }) };
  return { id: String(id), event, data: JSON.stringify(data) };
}

/**
 * Push instead of poll: Server-Sent Events of an import's progress, from any API instance, fed by
 * Redis pub/sub. The first event is the current state (a late subscriber misses nothing); the
 * stream ends after `completed` or `failed`. Each event's data is what poll-status would answer.
 * An unknown import answers 404 (JSON) before any stream starts.
 */
const importEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(FastifySSEPlugin);

  app.get(
    '/api/v1/imports/:importID/events',
    {
      config: { skipAuth: true },
      schema: {
        summary: 'Progress of an import as Server-Sent Events (ongoing…, then completed or failed)',
        description:
          'Events `ongoing`, `completed` or `failed`; each one\'s data is the JSON poll-status would answer ' +
          '(a failure adds its `statusCode`). The first event is the current state; the stream closes after ' +
          '`completed` or `failed`. An unknown import answers 404 before any stream starts.',
        params: ImportIDParams,
        response: {
          200: {
            description: 'A text/event-stream of the import\'s states',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { importID } = request.params;
      let wake: (() => void) | null = null;
      let changed = false;
      // subscribe before the first read, so that no change between the two is missed
      const unsubscribe = await app.statusEvents.subscribe(importID, () => {
        changed = true;
        wake?.();
      });
      let first: PollAnswer;
      try {
        first = await pollImport(app, importID);
      } catch (err) {
        await unsubscribe();
        throw err;
      }
      if (first.statusCode === 404) {
        await unsubscribe();
        return reply.code(404).send({ success: false, description: first.description });
      }

      let closed = false;
      // the response's close, not the request's: a GET's request stream ends as soon as it is read
      reply.raw.on('close', () => {
        closed = true;
        wake?.();
      });

      async function* events(): AsyncGenerator<EventMessage> {
        try {
          let id = 0;
          let last = '';
          let answer: PollAnswer | null = first;
          while (!closed) {
            changed = false;
            answer ??= await pollImport(app, importID);
            const event = toEvent(answer, id);
            answer = null;
            if (event.data !== last) {
              last = event.data!;
              id++;
              yield event;
            }
            if (event.event !== 'ongoing') return;
            if (!changed) {
              const timedOut = await new Promise<boolean>((resolve) => {
                wake = () => resolve(false);
                setTimeout(() => resolve(true), HEARTBEAT_MS).unref();
              });
              wake = null;
              // an SSE comment: keeps proxies from closing a quiet stream
              if (timedOut && !changed && !closed) yield { comment: 'keep-alive' };
            }
          }
        } catch (err) {
          // a stream cannot change its status code any more: say so in an event and end it
          request.log.warn({ err, importID }, 'import events: cannot read the status');
          yield {
            event: 'error',
            data: JSON.stringify({
              success: false,
              statusCode: isUnavailable(err) ? 503 : 500,
              description: isUnavailable(err)
                ? 'A service this request needs is unavailable right now. Please retry shortly.'
                : 'A fatal internal server error has occured.',
            }),
          };
        } finally {
          await unsubscribe();
        }
      }
      reply.sse(events());
    },
  );
};

export default importEventRoutes;
