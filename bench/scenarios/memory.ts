/** M1: a fresh worker process's peak RSS over consecutive large imports. */
import type { Ctx } from '../lib/context.ts';
import { gameOf, resetData } from '../lib/context.ts';
import { assertClean } from '../lib/client.ts';
import { memoryOf, resetPeak } from '../lib/procs.ts';
import { fmt, list, median } from '../lib/stats.ts';

/** The worker's heap from its Prometheus /metrics (prom-client default metrics), if it has them. */
async function heapOf(port: number | null): Promise<{ usedMB: number; totalMB: number; externalMB: number } | null> {
  if (port === null) return null;
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN) / 1024 ** 2;
    const r = { usedMB: metric('nodejs_heap_size_used_bytes'), totalMB: metric('nodejs_heap_size_total_bytes'), externalMB: metric('nodejs_external_memory_bytes') };
    return Number.isFinite(r.usedMB) ? r : null;
  } catch {
    return null;
  }
}

export async function runMemoryScenario(ctx: Ctx): Promise<void> {
  const s = ctx.settings.m1;
  await ctx.stack.stopWorkers();
  const worker = await ctx.stack.addWorker();
  const base = memoryOf(worker.pid);
  const healthPort = Number(/"healthPort":(\d+)/.exec(worker.tail())?.[1] ?? NaN);
  const port = Number.isFinite(healthPort) && healthPort > 0 ? healthPort : null;
  const heaps: string[] = [];
  const peaks: number[] = [];
  const after: number[] = [];
  const times: number[] = [];
  let resetWorks = true;
  let concurrent: { peakMB: number; ms: number } | null = null;
  const started = performance.now();
  try {
    for (let i = 0; i < s.imports; i++) {
      const elapsed = (performance.now() - started) / 1000;
      const estimate = i === 0 ? 0 : elapsed / i;
      if (i >= 2 && elapsed + estimate > s.budgetS) break;
      await resetData(ctx);
      const user = await ctx.stack.newUser();
      const file = ctx.file(gameOf(i), s.size, `M1-${i}`);
      resetWorks = resetPeak(worker.pid) && resetWorks;
      let sampled = 0;
      const sampler = setInterval(() => {
        sampled = Math.max(sampled, memoryOf(worker.pid)?.rssMB ?? 0);
      }, 100);
      try {
        const r = await ctx.stack.client.timedImport(user.token, file, s.pollMs);
        assertClean(r.doc, s.size, 'M1 import');
        times.push(r.totalMs);
      } finally {
        clearInterval(sampler);
      }
      const m = memoryOf(worker.pid)!;
      peaks.push(resetWorks ? m.hwmMB : Math.max(sampled, m.hwmMB));
      after.push(m.rssMB);
      const h = await heapOf(port);
      if (h) heaps.push(`${fmt(h.usedMB)}/${fmt(h.totalMB)}/${fmt(h.externalMB)}`);
      ctx.log(`M1 import ${i + 1}: peak ${fmt(peaks[i])} MB, RSS after ${fmt(after[i])} MB, ${fmt(times[i])} ms`);
    }
    // the heap cap (package.json start:worker) must leave room for WORKER_CONCURRENCY (4) big imports at once
    if (peaks.length === s.imports) {
      await resetData(ctx);
      const users = await Promise.all(Array.from({ length: 4 }, () => ctx.stack.newUser()));
      const files = users.map((_, i) => ctx.file(gameOf(i), s.size, `M1-concurrent-${i}`));
      resetWorks = resetPeak(worker.pid) && resetWorks;
      let sampled = 0;
      const sampler = setInterval(() => {
        sampled = Math.max(sampled, memoryOf(worker.pid)?.rssMB ?? 0);
      }, 100);
      const t = performance.now();
      try {
        const results = await Promise.all(users.map((u, i) => ctx.stack.client.timedImport(u.token, files[i], s.pollMs, 300_000)));
        results.forEach((r) => assertClean(r.doc, s.size, 'M1 concurrent import'));
      } finally {
        clearInterval(sampler);
      }
      const m = memoryOf(worker.pid)!;
      concurrent = { peakMB: resetWorks ? m.hwmMB : Math.max(sampled, m.hwmMB), ms: performance.now() - t };
      ctx.log(`M1 4 concurrent imports: peak ${fmt(concurrent.peakMB)} MB, ${fmt(concurrent.ms)} ms`);
    }
  } finally {
    await ctx.stack.stopWorkers();
  }
  const peak = Math.max(...peaks);
  // The first import also warms the process up (JIT code, connection pools, the allocator), so
  // "flat" (no leak) is judged from the second import on (the first also warms the process up): the
  // later peaks' median at most 10% above the second's. One import's peak moves by ±10% with when
  // V8 happens to collect; a leak raises every later one.
  const flat = peaks.length >= 3 ? median(peaks.slice(2)) <= peaks[1] * 1.1 : null;
  const complete = peaks.length === s.imports;
  const verdict = peak > 400 || flat === false ? 'FAIL' : flat === null ? 'n/a' : 'pass';
  ctx.rows.push({
    id: 'M1',
    scenario: `worker peak RSS importing a ${fmt(s.size)}-score file, ${s.imports} consecutive imports`,
    figure: `${fmt(peak)} MB peak; per import ${list(peaks)} MB`,
    reference: '—',
    ratio: '—',
    target: `≤ 400 MB, flat across ${s.imports} imports`,
    verdict,
    details: [
      `a fresh worker process (RSS ${fmt(base?.rssMB ?? NaN)} MB when ready); peak = VmHWM from /proc/<pid>/status, ${resetWorks ? 'reset before each import (clear_refs)' : 'sampled every 100 ms (VmHWM could not be reset)'}; flat = the median peak of the imports after the second at most 10% above the second's (the first also warms the process up; one import's peak moves by ±10% with when V8 collects, a leak raises all later ones; first → last ${fmt(((peaks[peaks.length - 1] / peaks[0]) - 1) * 100, 0)}%); RSS after each import ${list(after)} MB; import times ${list(times)} ms` +
        (complete ? '' : ` — only ${peaks.length} of ${s.imports} imports fitted the ${s.budgetS} s time budget`),
      concurrent
        ? `then 4 players' ${fmt(s.size)}-score imports at once on the same worker (its default WORKER_CONCURRENCY of 4, V8 heap capped at 256 MB by \`npm run start:worker\`): all completed, peak RSS ${fmt(concurrent.peakMB)} MB, ${fmt(concurrent.ms / 1000, 1)} s`
        : 'the 4-concurrent-imports check did not run (the sequential imports did not all fit the time budget)',
      ...(heaps.length ? [`V8 heap used / heap total / external memory after each import, from the worker's /metrics (MB): ${heaps.join('; ')}`] : []),
    ],
  });
}
