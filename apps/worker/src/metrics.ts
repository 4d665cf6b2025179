import { createServer, type Server } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import { registerQueueDepth, type ReadinessReport } from '@score-import/queue';

export interface WorkerMetrics {
  registry: Registry;
  importsStarted: Counter;
  importsFinished: Counter<'outcome'>;
  importDuration: Histogram<'outcome'>;
  scoresPerImport: Histogram;
}

export function createWorkerMetrics(queue: Queue): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerQueueDepth(registry, queue);
  return {
    registry,
    importsStarted: new Counter({ name: 'score_import_imports_started_total', help: 'Imports a worker started (each delivery)', registers: [registry] }),
    importsFinished: new Counter({
      name: 'score_import_imports_finished_total',
      help: 'Imports finished, by outcome (completed, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    importDuration: new Histogram({
      name: 'score_import_import_duration_seconds',
      help: 'Time from a worker taking an import to its end',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
    scoresPerImport: new Histogram({
      name: 'score_import_scores_per_import',
      help: 'Scores an import added',
      buckets: [0, 1, 10, 100, 1_000, 5_000, 10_000, 50_000, 100_000],
      registers: [registry],
    }),
  };
}

/**
 * The worker's own HTTP port: /metrics (Prometheus), /healthz (process alive) and /readyz (Redis
 * and the database usable: 503 with the reasons, else 200 with warnings such as a Redis without
 * AOF; see checkReadiness), for orchestrators and scrapers.
 */
export function startHealthServer(
  port: number,
  host: string,
  metrics: WorkerMetrics,
  ready: () => Promise<ReadinessReport>,
): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/healthz') return send(200, JSON.stringify({ success: true, description: 'Alive.', body: {} }));
    if (req.url === '/readyz') {
      void ready().then(
        (r) =>
          r.ready
            ? send(200, JSON.stringify({ success: true, description: 'Ready.', body: { warnings: r.warnings } }))
            : send(503, JSON.stringify({ success: false, description: r.problems.join(' ') })),
        (err: unknown) => send(503, JSON.stringify({ success: false, description: `Readiness could not be checked (${String(err)}).` })),
      );
      return;
    }
    if (req.url === '/metrics') {
      void metrics.registry.metrics().then(
        (text) => send(200, text, metrics.registry.contentType),
        (err: unknown) => send(500, String(err), 'text/plain'),
      );
      return;
    }
    send(404, JSON.stringify({ success: false, description: `There is no route ${req.method} ${req.url}.` }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
