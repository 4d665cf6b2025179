import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { registerQueueDepth } from '@score-import/queue';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      registry: Registry;
      submissions: Counter<'importType'>;
      reverts: Counter<'outcome'>;
    };
  }
}

/**
 * Prometheus metrics of an API instance at /metrics: request durations by route (poll-status
 * latency among them), submissions, reverts and the queue depth by state.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    registerQueueDepth(registry, app.importQueue);
    const duration = new Histogram({
      name: 'score_import_http_request_duration_seconds',
      help: 'HTTP request duration by route and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    app.decorate('metrics', {
      registry,
      submissions: new Counter({
        name: 'score_import_imports_submitted_total',
        help: 'Imports accepted (202) by import type',
        labelNames: ['importType'],
        registers: [registry],
      }),
      reverts: new Counter({
        name: 'score_import_reverts_total',
        help: 'Revert requests that reached the revert step, by outcome (reverted, conflict, not-found)',
        labelNames: ['outcome'],
        registers: [registry],
      }),
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url;
      if (!route || route === '/metrics') return;
      duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true }, config: { skipAuth: true } }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['services'] },
);
