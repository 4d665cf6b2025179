/**
 * M1: a fresh worker process's peak RSS over consecutive large imports, with every bundled game's
 * charts loaded first. M2: an idle API process's RSS, with no game loaded and with every bundled
 * game loaded. S1: how long an API and a worker process take from spawn to /readyz 200.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledGames, loadBundledGame, type GameName } from '@score-import/core';
import type { Ctx } from '../lib/context.ts';
import { gameOf, resetData } from '../lib/context.ts';
import { assertClean } from '../lib/client.ts';
import { freePort, memoryOf, resetPeak, ROOT, sleep, startApi, startUntilReady, type Proc } from '../lib/procs.ts';
import { fmt, list, median } from '../lib/stats.ts';

/**
 * Makes the running worker load every bundled game's charts: each game's example file
 * (examples/<game>.json, a few valid scores) imported by a new player; a game whose scores were
 * stored had its charts loaded.
 */
async function loadEveryGame(ctx: Ctx): Promise<GameName[]> {
  const loaded: GameName[] = [];
  for (const game of bundledGames()) {
    const user = await ctx.stack.newUser();
    const r = await ctx.stack.client.timedImport(user.token, readFileSync(join(ROOT, 'examples', `${game}.json`)), 10);
    if (r.doc.scoreIDs.length === 0) throw new Error(`the ${game} example stored no score: ${JSON.stringify(r.doc.errors.slice(0, 2))}`);
    loaded.push(game);
  }
  return loaded;
}

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

export async function runMemoryScenarios(ctx: Ctx, only: Set<string>): Promise<void> {
  if (only.has('M1')) await runMemoryScenario(ctx);
  if (only.has('M2')) await idleApi(ctx);
  if (only.has('S1')) await startUp(ctx);
}

async function runMemoryScenario(ctx: Ctx): Promise<void> {
  const s = ctx.settings.m1;
  await ctx.stack.stopWorkers();
  const worker = await ctx.stack.addWorker();
  const base = memoryOf(worker.pid);
  await resetData(ctx);
  const tLoad = performance.now();
  const games = await loadEveryGame(ctx);
  const loadMs = performance.now() - tLoad;
  await sleep(1_000);
  const withGames = memoryOf(worker.pid);
  ctx.log(`M1: worker RSS ${fmt(base?.rssMB ?? NaN)} MB when ready, ${fmt(withGames?.rssMB ?? NaN)} MB with the charts of ${games.length} games loaded`);
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
    scenario: `worker peak RSS importing a ${fmt(s.size)}-score file, ${s.imports} consecutive imports, every bundled game loaded`,
    figure: `${fmt(peak)} MB peak; per import ${list(peaks)} MB`,
    reference: '—',
    ratio: '—',
    target: `≤ 400 MB, flat across ${s.imports} imports`,
    verdict,
    details: [
      `a fresh worker process (RSS ${fmt(base?.rssMB ?? NaN)} MB when ready), then every bundled game's charts loaded in it by importing each game's example file (${games.join(', ')}: ${fmt(loadMs / 1000, 1)} s): RSS ${fmt(withGames?.rssMB ?? NaN)} MB before the first ${fmt(s.size)}-score import`,
      `peak = VmHWM from /proc/<pid>/status, ${resetWorks ? 'reset before each import (clear_refs)' : 'sampled every 100 ms (VmHWM could not be reset)'}; flat = the median peak of the imports after the second at most 10% above the second's (the first also warms the process up; one import's peak moves by ±10% with when V8 collects, a leak raises all later ones; first → last ${fmt(((peaks[peaks.length - 1] / peaks[0]) - 1) * 100, 0)}%); RSS after each import ${list(after)} MB; import times ${list(times)} ms` +
        (complete ? '' : ` — only ${peaks.length} of ${s.imports} imports fitted the ${s.budgetS} s time budget`),
      concurrent
        ? `then 4 players' ${fmt(s.size)}-score imports at once on the same worker (its default WORKER_CONCURRENCY of 4, V8 heap capped at 256 MB by \`npm run start:worker\`): all completed, peak RSS ${fmt(concurrent.peakMB)} MB, ${fmt(concurrent.ms / 1000, 1)} s`
        : 'the 4-concurrent-imports check did not run (the sequential imports did not all fit the time budget)',
      ...(heaps.length ? [`V8 heap used / heap total / external memory after each import, from the worker's /metrics (MB): ${heaps.join('; ')}`] : []),
    ],
  });
}

/** the RSS a process settles at after `ms` (the lowest of a few samples: V8 frees lazily) */
async function settledRss(pid: number, ms: number): Promise<number> {
  let low = Infinity;
  const end = Date.now() + ms;
  do {
    await sleep(Math.min(250, ms));
    low = Math.min(low, memoryOf(pid)?.rssMB ?? Infinity);
  } while (Date.now() < end);
  return low;
}

/** M2: a fresh API process, idle, with no game loaded; then with every bundled game's charts loaded. */
async function idleApi(ctx: Ctx): Promise<void> {
  const s = ctx.settings.m2;
  const port = await freePort();
  const api = await startApi({ ...ctx.stack.env, PORT: String(port) });
  try {
    const idle = await settledRss(api.pid, s.settleMs);
    // GET …/pbs/:chartID loads the chart's game (apps/api/src/routes/user-pbs.ts): one per bundled game
    const user = await ctx.stack.newUser();
    const games = bundledGames();
    const t0 = performance.now();
    for (const game of games) {
      const chart = loadBundledGame(game).charts[0];
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/users/${user.userID}/games/${game}/${encodeURIComponent(chart.playtype)}/pbs/${chart.chartID}`);
      const text = await res.text();
      // 404 "has not played this chart": the chart was found, so the game is loaded
      if (!(res.status === 404 && text.includes('has not played'))) throw new Error(`M2: loading ${game} answered ${res.status} ${text.slice(0, 200)}`);
    }
    const loadMs = performance.now() - t0;
    const all = await settledRss(api.pid, s.settleMs);
    const peak = memoryOf(api.pid)?.hwmMB ?? NaN;
    ctx.log(`M2: idle API ${fmt(idle)} MB, ${fmt(all)} MB with ${games.length} games loaded (peak ${fmt(peak)} MB)`);
    ctx.rows.push({
      id: 'M2',
      scenario: 'idle API process RSS, no game loaded (and with every bundled game loaded)',
      figure: `${fmt(idle)} MB (${fmt(all)} MB with all ${games.length} bundled games loaded)`,
      reference: '—',
      ratio: '—',
      target: '≤ 250 MB idle',
      verdict: idle <= 250 ? 'pass' : 'FAIL',
      details: [
        `a fresh API process (\`npm run start:api\`'s command), RSS from /proc after it answered and ${fmt(s.settleMs / 1000, 1)} s idle (lowest of samples every 250 ms); then GET …/pbs/:chartID of one chart per bundled game (${games.join(', ')}), which loads that game's songs and charts (${fmt(loadMs / 1000, 1)} s in all), and ${fmt(s.settleMs / 1000, 1)} s idle again: ${fmt(all)} MB, peak (VmHWM) ${fmt(peak)} MB`,
      ],
    });
  } finally {
    await api.stop();
  }
}

/** S1: spawn → /readyz 200, API and worker processes alternately. */
async function startUp(ctx: Ctx): Promise<void> {
  const s = ctx.settings.s1;
  const times: Record<'api' | 'worker', number[]> = { api: [], worker: [] };
  for (let i = 0; i < s.spawns; i++) {
    for (const kind of i % 2 === 0 ? (['api', 'worker'] as const) : (['worker', 'api'] as const)) {
      let proc: Proc | null = null;
      try {
        const r = await startUntilReady(kind, ctx.stack.env);
        proc = r.proc;
        times[kind].push(r.ms);
      } finally {
        await proc?.stop();
      }
    }
  }
  const worst = Math.max(median(times.api), median(times.worker));
  ctx.log(`S1: API ${list(times.api)} ms, worker ${list(times.worker)} ms`);
  ctx.rows.push({
    id: 'S1',
    scenario: 'process start-up: spawn → /readyz 200 (API, worker)',
    figure: `API ${fmt(median(times.api) / 1000, 2)} s, worker ${fmt(median(times.worker) / 1000, 2)} s (medians)`,
    reference: '—',
    ratio: '—',
    target: '≤ 5 s',
    verdict: worst <= 5_000 ? 'pass' : 'FAIL',
    details: [
      `${s.spawns} spawns of each, alternating, with production's command (\`node [flags] --import tsx apps/<api|worker>/src/main.ts\`, tsx compiling the TypeScript sources), until GET /readyz answers 200 (Redis keys, a database insert + find + delete: apps/api/src/routes/health.ts, apps/worker/src/metrics.ts), polled every 25 ms; per spawn (ms): API ${list(times.api)}; worker ${list(times.worker)}`,
    ],
  });
}
