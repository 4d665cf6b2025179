/** L1: a one-score import, 202 → a poll says completed, with idle workers. */
import { randomBytes } from 'node:crypto';
import { runImport } from '@score-import/core';
import { connectDatabase } from '@score-import/db';
import type { Ctx } from '../lib/context.ts';
import { countCommands, describeTally } from '../lib/commands.ts';
import { gameOf, resetData } from '../lib/context.ts';
import { assertClean } from '../lib/client.ts';
import { sleep } from '../lib/procs.ts';
import { benchCharts } from './pipeline.ts';
import { fmt, list, median, percentile } from '../lib/stats.ts';

export async function runLatencyScenario(ctx: Ctx): Promise<void> {
  const s = ctx.settings.l1;
  await resetData(ctx);
  // a player with a score hook: one score at a time, each a little later than the last; a new
  // player every 40 uploads, below the service's per-user submission limit (SUBMIT_RATE_LIMIT, 60/min)
  let user = await ctx.stack.newUser();
  const start = Date.now() - (s.imports + s.warmup + 10) * 30_000;
  const afterAccept: number[] = [];
  const total: number[] = [];
  const uploads: number[] = [];
  const pipeline: number[] = [];
  for (let i = 0; i < s.warmup + s.imports; i++) {
    if (i > 0 && i % 40 === 0) user = await ctx.stack.newUser();
    await sleep(100); // the workers are idle again
    const file = ctx.file(gameOf(i), 1, `L1-${i}`, start + i * 30_000);
    const r = await ctx.stack.client.timedImport(user.token, file, s.pollMs);
    assertClean(r.doc, 1, 'one-score import');
    if (i < s.warmup) continue;
    afterAccept.push(r.afterAcceptMs);
    total.push(r.totalMs);
    uploads.push(r.uploadMs);
    pipeline.push(r.doc.timeFinished - r.doc.timeStarted);
  }
  // where a one-score import's time goes: the same pipeline in process, commands counted
  const db = await connectDatabase(ctx.stack.mongoUrl, { monitorCommands: true });
  let counted = '';
  try {
    const n = s.warmup + s.imports;
    const content = ctx.file(gameOf(n), 1, `L1-${n}`, start + n * 30_000);
    const req = { importID: randomBytes(20).toString('hex'), userID: user.userID, importType: 'file/batch-manual' as const, userIntent: false, content, submittedAt: Date.now(), firstDelivery: true };
    const c = await countCommands(db, () => runImport(req, { db, charts: benchCharts }));
    counted = `the same kind of import run in process: ${c.tally.total} database commands in ${fmt(c.ms, 1)} ms — ${describeTally(c.tally.byCommand, c.tally.msByCommand)}`;
  } finally {
    await db.close();
  }
  const p50 = percentile(afterAccept, 50);
  const p99 = percentile(afterAccept, 99);
  ctx.log(`L1: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${afterAccept.length} imports`);
  ctx.rows.push({
    id: 'L1',
    scenario: 'one-score import, 202 → poll says completed, idle workers',
    figure: `p50 ${fmt(p50, 1)} ms, p99 ${fmt(p99, 1)} ms`,
    reference: '—',
    ratio: '—',
    target: 'p50 ≤ 50 ms, p99 ≤ 200 ms',
    verdict: p50 <= 50 && p99 <= 200 ? 'pass' : 'FAIL',
    details: [
      `${afterAccept.length} sequential one-score uploads (after ${s.warmup} warm-up imports; a new player every 40 uploads, under the per-user submission limit), polled every ${s.pollMs} ms; min ${fmt(Math.min(...afterAccept), 1)} ms, max ${fmt(Math.max(...afterAccept), 1)} ms; the upload itself (POST → 202) median ${fmt(median(uploads), 1)} ms; POST → completed p50 ${fmt(percentile(total, 50), 1)} ms, p99 ${fmt(percentile(total, 99), 1)} ms`,
      `slowest ten (ms): ${list([...afterAccept].sort((a, b) => b - a).slice(0, 10), 1)}`,
      `inside the worker's pipeline (ImportDocument timeStarted → timeFinished): p50 ${fmt(percentile(pipeline, 50), 1)} ms, p99 ${fmt(percentile(pipeline, 99), 1)} ms; the rest (queue pick-up, status writes, polling) p50 ≈ ${fmt(percentile(afterAccept, 50) - percentile(pipeline, 50), 1)} ms`,
      counted,
    ],
  });
}
