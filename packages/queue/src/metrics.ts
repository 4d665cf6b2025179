import { Gauge, type Registry } from 'prom-client';
import type { Queue } from 'bullmq';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

/** `score_import_queue_jobs{state}`: read from BullMQ when scraped, so every process reports the same. */
export function registerQueueDepth(registry: Registry, queue: Queue): void {
  new Gauge({
    name: 'score_import_queue_jobs',
    help: 'Jobs in the import queue by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await queue.getJobCounts(...STATES);
      for (const state of STATES) this.set({ state }, counts[state] ?? 0);
    },
  });
}
