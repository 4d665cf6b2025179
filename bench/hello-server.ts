/**
 * The hello-world references of P1/P2, in a process of their own (like the API):
 *  - HELLO_MODE=app  (default): the service's own app (buildApp, same plugins, hooks and config as
 *    apps/api/src/main.ts) with one extra route, GET /hello: "a hello-world route in the same app".
 *  - HELLO_MODE=bare: a bare Fastify app of the same version with only GET /hello.
 * Both answer { success: true, description, body } through a response schema, like the service.
 */
import Fastify from 'fastify';
import { loadConfig } from '@score-import/config';
import { buildApp } from '../apps/api/src/app.ts';

const HelloResponse = {
  type: 'object',
  properties: {
    success: { type: 'boolean' },
    description: { type: 'string' },
    body: { type: 'object', properties: { hello: { type: 'string' } } },
  },
} as const;

const port = Number(process.env.HELLO_PORT ?? 8090);
const mode = process.env.HELLO_MODE ?? 'app';
const app =
  mode === 'bare'
    ? Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' }, return503OnClosing: true })
    : await buildApp(loadConfig());
app.get('/hello', { schema: { response: { 200: HelloResponse } }, config: { skipAuth: true } }, async () => ({
  success: true,
  description: 'Hello world.',
  body: { hello: 'world' },
}));
await app.listen({ port, host: '127.0.0.1' });
console.log(`hello ready (${mode}) on ${port}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
