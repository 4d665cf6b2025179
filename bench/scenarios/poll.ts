/**
 * P1 (throughput), P2 (p99 at a fixed rate) and P3 (commands per poll) of poll-status on an
 * ongoing import, against hello-world routes measured in the same run, interleaved; P1c the same
 * throughput and command count for completed imports (answered from their Redis status record).
 */
import autocannon, { type Result } from 'autocannon';
import { StatusStore } from '@score-import/queue';
import { assertClean } from '../lib/client.ts';
import { CommandLogCounter, describeTally, diffCounts } from '../lib/commands.ts';
import type { Ctx } from '../lib/context.ts';
import { freePort, sleep, startApi, startHello, type Proc } from '../lib/procs.ts';
import { fmt, list, median, percentile } from '../lib/stats.ts';

interface Target {
  name: 'poll' | 'hello' | 'bare';
  url: string;
}

/** answers that were not 2xx (or errors, timeouts) per URL, and all answers, over the scenario's loads */
const failures = new Map<string, { failed: number; total: number }>();
const failuresOf = (url: string) => {
  const f = failures.get(url);
  return f && f.failed > 0 ? `${fmt(f.failed)} of ${fmt(f.total)} answers not 2xx` : 'every answer 2xx';
};

/**
 * autocannon against a URL. On a machine this busy the API may answer 503 (Redis did not answer
 * within its 1 s command timeout): up to 1% of the answers may fail, the rate counts 2xx answers
 * only, and the failures are reported; more fails the scenario.
 */
async function load(url: string, options: { connections: number; durationS: number; rate?: number }): Promise<{ result: Result; latencies: number[]; rps: number }> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const failed = result.errors + result.timeouts + result.non2xx;
  const total = result['2xx'] + failed;
  const tally = failures.get(url) ?? { failed: 0, total: 0 };
  failures.set(url, { failed: tally.failed + failed, total: tally.total + total });
  if (failed > 0.01 * total) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers of ${total}`);
  }
  return { result, latencies, rps: result['2xx'] / result.duration };
}

/** A real import left "ongoing": submitted through the API, no worker running yet, progress set as a worker would. */
async function ongoingImport(ctx: Ctx): Promise<string> {
  const user = await ctx.stack.newUser();
  const importID = await ctx.stack.client.upload(user.token, ctx.file('sdvx', 1, 'P-ongoing'));
  const statuses = new StatusStore(ctx.redis, ctx.stack.env.KEY_PREFIX, 7 * 24 * 3600);
  const record = await statuses.get(importID);
  if (!record) throw new Error('the API wrote no status record before its 202');
  await statuses.progress(record, { description: 'Imported 4500 of 10000 scores.', processed: 4500, total: 10000 }, 2e9 + 4500);
  const { status, json } = await ctx.stack.client.poll(importID);
  if (status !== 200 || json.body?.importStatus !== 'ongoing') throw new Error(`poll of the ongoing import answered ${status} ${JSON.stringify(json)}`);
  ctx.log(`P: ongoing poll answers ${JSON.stringify(json)}`);
  return importID;
}

export async function runPollScenarios(ctx: Ctx, only: Set<string>): Promise<void> {
  const s = ctx.settings.p;
  const importID = await ongoingImport(ctx);
  const pollURL = `${ctx.stack.client.base}/api/v1/imports/${importID}/poll-status`;

  if (only.has('P1') || only.has('P2')) {
    const helloPort = await freePort();
    const barePort = await freePort();
    const procs: Proc[] = [];
    try {
      procs.push(await startHello(helloPort, 'app', { ...ctx.stack.env, LOG_LEVEL: 'warn' }));
      if (s.bare) procs.push(await startHello(barePort, 'bare', { LOG_LEVEL: 'warn' }));
      const targets: Target[] = [
        { name: 'poll', url: pollURL },
        { name: 'hello', url: `http://127.0.0.1:${helloPort}/hello` },
      ];
      if (s.bare) targets.push({ name: 'bare', url: `http://127.0.0.1:${barePort}/hello` });
      for (const t of targets) await load(t.url, { connections: s.connections, durationS: s.warmupS });

      if (only.has('P1')) {
        const rps: Record<Target['name'], number[]> = { poll: [], hello: [], bare: [] };
        for (let r = 0; r < s.rounds; r++) {
          for (const t of r % 2 === 0 ? targets : [...targets].reverse()) {
            const { rps: rate } = await load(t.url, { connections: s.connections, durationS: s.durationS });
            rps[t.name].push(rate);
          }
          ctx.log(`P1 round ${r + 1}: poll ${fmt(rps.poll[r])} req/s, hello ${fmt(rps.hello[r])}` + (s.bare ? `, bare hello ${fmt(rps.bare[r])}` : ''));
        }
        const poll = median(rps.poll);
        const hello = median(rps.hello);
        const ratio = poll / hello;
        ctx.rows.push({
          id: 'P1',
          scenario: `poll-status of an ongoing import, ${s.connections} connections`,
          figure: `${fmt(poll)} req/s`,
          reference: `${fmt(hello)} req/s (hello route in the same app)`,
          ratio: `${ratio.toFixed(2)}×`,
          target: '≥ 0.50×',
          verdict: ratio >= 0.5 ? 'pass' : 'FAIL',
          details: [
            `req/s per round (${s.durationS} s each, interleaved): poll ${rps.poll.map((v) => fmt(v)).join(', ')}; hello ${rps.hello.map((v) => fmt(v)).join(', ')}` +
              (s.bare ? `; bare Fastify hello ${rps.bare.map((v) => fmt(v)).join(', ')} (median ${fmt(median(rps.bare))}, poll/bare ${(poll / median(rps.bare)).toFixed(2)}×)` : ''),
            `req/s are 2xx answers per second; over all rounds: poll ${failuresOf(pollURL)}, hello ${failuresOf(targets[1].url)}`,
          ],
        });
      }

      if (only.has('P2')) {
        const p99: Record<Target['name'], number[]> = { poll: [], hello: [], bare: [] };
        const p50: Record<Target['name'], number[]> = { poll: [], hello: [], bare: [] };
        const achieved: Record<Target['name'], number[]> = { poll: [], hello: [], bare: [] };
        for (let r = 0; r < s.rounds; r++) {
          for (const t of r % 2 === 0 ? targets : [...targets].reverse()) {
            const { result, latencies } = await load(t.url, { connections: s.rateConnections, durationS: s.durationS, rate: s.rate });
            p99[t.name].push(percentile(latencies, 99));
            p50[t.name].push(percentile(latencies, 50));
            achieved[t.name].push(result.requests.total / result.duration);
          }
          ctx.log(`P2 round ${r + 1}: p99 poll ${p99.poll[r].toFixed(2)} ms, hello ${p99.hello[r].toFixed(2)} ms` + (s.bare ? `, bare ${p99.bare[r].toFixed(2)} ms` : ''));
        }
        const poll = median(p99.poll);
        const hello = median(p99.hello);
        const ratio = poll / hello;
        ctx.rows.push({
          id: 'P2',
          scenario: `poll-status p99 latency at ${fmt(s.rate)} req/s`,
          figure: `${poll.toFixed(2)} ms`,
          reference: `${hello.toFixed(2)} ms (hello route, same rate)`,
          ratio: `${ratio.toFixed(2)}×`,
          target: '≤ 2.0×',
          verdict: ratio <= 2 ? 'pass' : 'FAIL',
          details: [
            `p99 per round (ms): poll ${p99.poll.map((v) => v.toFixed(2)).join(', ')}; hello ${p99.hello.map((v) => v.toFixed(2)).join(', ')}` +
              (s.bare ? `; bare hello ${p99.bare.map((v) => v.toFixed(2)).join(', ')}` : ''),
            `p50 medians (ms): poll ${median(p50.poll).toFixed(2)}, hello ${median(p50.hello).toFixed(2)}` + (s.bare ? `, bare ${median(p50.bare).toFixed(2)}` : '') +
              `; achieved rate ≈ ${fmt(median(achieved.poll))} (poll) / ${fmt(median(achieved.hello))} (hello) req/s with ${s.rateConnections} connections; latencies of every 2xx response, no coordinated-omission correction`,
          ],
        });
      }
    } finally {
      for (const p of procs) await p.stop();
    }
  }

  if (only.has('P3')) {
    const c = await countPollCommands(ctx, importID, 'ongoing');
    ctx.rows.push({
      id: 'P3',
      scenario: 'commands per ongoing poll (counted)',
      figure: c.figure,
      reference: '—',
      ratio: '—',
      target: '1 Redis round trip, 0 database queries',
      verdict: c.ok ? 'pass' : 'FAIL',
      details: c.details,
    });
  }
}

/**
 * P1c: poll-status of completed imports (what clients poll last, and re-poll on reloads) against
 * the hello route, interleaved as P1, for a few import sizes (the answer carries the whole
 * ImportDocument, whose scoreIDs grow with the import); then its commands counted as P3's.
 */
export async function runCompletedPollScenario(ctx: Ctx): Promise<void> {
  const s = ctx.settings.p;
  const sizes = ctx.settings.p1c.sizes;
  const completed: { size: number; importID: string; bytes: number; url: string }[] = [];
  for (const size of sizes) {
    const user = await ctx.stack.newUser();
    const r = await ctx.stack.client.timedImport(user.token, ctx.file('sdvx', size, `P1c-${size}`), 10);
    assertClean(r.doc, size, `P1c import of ${size}`);
    const url = `${ctx.stack.client.base}/api/v1/imports/${r.importID}/poll-status`;
    const res = await fetch(url);
    const text = await res.text();
    const json = JSON.parse(text) as { body?: { importStatus?: string } };
    if (res.status !== 200 || json.body?.importStatus !== 'completed') throw new Error(`P1c: poll of the completed import answered ${res.status} ${text.slice(0, 300)}`);
    completed.push({ size, importID: r.importID, bytes: Buffer.byteLength(text), url });
  }
  const helloPort = await freePort();
  const hello = await startHello(helloPort, 'app', { ...ctx.stack.env, LOG_LEVEL: 'warn' });
  const rps = new Map<string, number[]>();
  try {
    const targets = [
      ...completed.map((c) => ({ name: `poll ${c.size}`, url: c.url })),
      { name: 'hello', url: `http://127.0.0.1:${helloPort}/hello` },
    ];
    for (const t of targets) {
      rps.set(t.name, []);
      await load(t.url, { connections: s.connections, durationS: s.warmupS });
    }
    for (let r = 0; r < s.rounds; r++) {
      for (const t of r % 2 === 0 ? targets : [...targets].reverse()) {
        const { rps: rate } = await load(t.url, { connections: s.connections, durationS: s.durationS });
        rps.get(t.name)!.push(rate);
      }
      ctx.log(`P1c round ${r + 1}: ${targets.map((t) => `${t.name} ${fmt(rps.get(t.name)![r])} req/s`).join(', ')}`);
    }
  } finally {
    await hello.stop();
  }
  const helloRps = median(rps.get('hello')!);
  const main = completed[0];
  const ratio = median(rps.get(`poll ${main.size}`)!) / helloRps;
  const counted = await countPollCommands(ctx, main.importID, 'completed');
  const ok = ratio >= 0.5 && counted.ok;
  ctx.rows.push({
    id: 'P1c',
    scenario: `poll-status of a completed ${fmt(main.size)}-score import, ${s.connections} connections; its commands per poll (counted)`,
    figure: `${fmt(median(rps.get(`poll ${main.size}`)!))} req/s; per poll ${counted.figure}`,
    reference: `${fmt(helloRps)} req/s (hello route in the same app)`,
    ratio: `${ratio.toFixed(2)}×`,
    target: '≥ 0.50× and 1 Redis round trip, 0 database queries',
    verdict: ok ? 'pass' : 'FAIL',
    details: [
      `completed imports made through the service (SDVX, a new player each), then polled like P1: req/s per round (${s.durationS} s each, interleaved with the hello route): ` +
        completed.map((c) => `${fmt(c.size)}-score import (answer ${fmt(c.bytes)} bytes) ${list(rps.get(`poll ${c.size}`)!)}, median ${(median(rps.get(`poll ${c.size}`)!) / helloRps).toFixed(2)}× hello`).join('; ') +
        `; hello ${list(rps.get('hello')!)}`,
      `req/s are 2xx answers per second; over all rounds: ${[...completed.map((c) => `poll ${fmt(c.size)} ${failuresOf(c.url)}`), `hello ${failuresOf(`http://127.0.0.1:${helloPort}/hello`)}`].join(', ')}`,
      `a completed import's answer is the ImportDocument the worker left in the import's Redis status record (served as stored, no database read); its size grows with the import (41 bytes per scoreID), which is what the larger imports' rates show`,
      ...counted.details,
    ],
  });
}

/** Redis INFO counters: calls per command and read events (≈ round trips). */
async function redisCounters(ctx: Ctx): Promise<{ calls: Map<string, number>; reads: number }> {
  const info = await ctx.redis.info('all');
  const calls = new Map<string, number>();
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (m[1] !== 'info') calls.set(m[1], Number(m[2]));
  const reads = Number(/^total_reads_processed:(\d+)/m.exec(info)?.[1] ?? NaN);
  return { calls, reads };
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * P3: a second API process with the driver's command log on (MONGODB_LOG_COMMAND=debug), so its
 * database commands are counted; Redis commands from INFO deltas on the bench's private Redis,
 * minus an idle window of the same length.
 */
async function countPollCommands(ctx: Ctx, importID: string, expect: 'ongoing' | 'completed'): Promise<{ ok: boolean; figure: string; details: string[] }> {
  const n = ctx.settings.p.p3Polls;
  const port = await freePort();
  const api = await startApi({ ...ctx.stack.env, PORT: String(port) }, {
    MONGODB_LOG_COMMAND: 'debug',
    MONGODB_LOG_PATH: 'stderr',
    MONGODB_LOG_MAX_DOCUMENT_LENGTH: '300',
  });
  const counter = new CommandLogCounter();
  api.onStderr((t) => counter.feed(t));
  try {
    const url = `http://127.0.0.1:${port}/api/v1/imports/${importID}/poll-status`;
    for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer(); // warm the route
    await sleep(500);
    const r0 = await redisCounters(ctx);
    const d0 = counter.snapshot();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await fetch(url);
      const json = (await res.json()) as { body?: { importStatus?: string } };
      if (json.body?.importStatus !== expect) throw new Error(`poll of the ${expect} import answered ${JSON.stringify(json).slice(0, 300)}`);
    }
    const elapsed = performance.now() - t0;
    await sleep(300);
    const r1 = await redisCounters(ctx);
    const d1 = counter.snapshot();
    await sleep(elapsed + 300);
    const r2 = await redisCounters(ctx);
    const d2 = counter.snapshot();

    const pollCalls = diffCounts(r1.calls, r0.calls);
    const idleCalls = diffCounts(r2.calls, r1.calls);
    const redisPerPoll = (sum(pollCalls) - sum(idleCalls)) / n;
    const readsPerPoll = (r1.reads - r0.reads - (r2.reads - r1.reads)) / n;
    const dbPoll = diffCounts(d1.byCommand, d0.byCommand);
    const dbIdle = diffCounts(d2.byCommand, d1.byCommand);
    const dbPerPoll = (d1.total - d0.total - (d2.total - d1.total)) / n;
    const ok = Math.round(readsPerPoll * 100) / 100 <= 1 && Math.round(redisPerPoll * 100) / 100 <= 1 && dbPerPoll <= 0.005;
    return {
      ok,
      figure: `${redisPerPoll.toFixed(2)} Redis commands (${readsPerPoll.toFixed(2)} round trips), ${dbPerPoll.toFixed(2)} database commands`,
      details: [
        `${n} sequential polls of one ${expect} import on a separate API process with the driver's command log on; Redis from INFO commandstats / total_reads_processed deltas minus an idle window of the same length`,
        `Redis during the polls: ${describeTally(pollCalls) || 'none'}; idle window: ${describeTally(idleCalls) || 'none'}`,
        `database during the polls: ${describeTally(dbPoll) || 'none'}; idle window: ${describeTally(dbIdle) || 'none'}`,
      ],
    };
  } finally {
    await api.stop();
  }
}
