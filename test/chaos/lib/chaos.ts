/**
 * The chaos run (issue 18): the plan drawn from the seed, run once undisturbed (the reference) and
 * once with faults, on fresh databases and Redis key prefixes of a private Redis (AOF) and a private
 * FerretDB; then the two are compared. Used by `npm run chaos` (test/chaos/run.ts) and, in its
 * short form, by `npm test` (test/chaos/chaos.test.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compareRuns, type Comparison } from './compare.ts';
import { EventLog } from './events.ts';
import { FAULT_KINDS, FAULT_LABELS, type ChaosOptions, type FaultKind } from './options.ts';
import { chaosPlan, type ChaosPlan } from './plan.ts';
import { databaseServerFromEnv, ferretdbProcess, killAllChildren, redisProcess, ROOT } from './processes.ts';
import { runScenario, type ScenarioResult, type Shared } from './scenario.ts';

export interface ChaosResult {
  options: ChaosOptions;
  plan: ChaosPlan;
  reference: ScenarioResult | null;
  chaos: ScenarioResult;
  comparison: Comparison | null;
  faultsByKind: Record<FaultKind, number>;
  /** differences plus findings (answers the service must never give) */
  problems: number;
  report: string;
  logDir: string;
  /** the whole run: set-up, both runs, snapshots and the comparison */
  durationMs: number;
}

const n = (x: number) => x.toLocaleString('en-US');

export async function runChaos(options: ChaosOptions, print: (line: string) => void = () => {}): Promise<ChaosResult> {
  const startedAt = Date.now();
  const logDir = options.logDir ?? join(ROOT, '.cache', 'run', `chaos-${process.pid}`);
  mkdirSync(logDir, { recursive: true });
  const plan = chaosPlan(options);
  print(
    `chaos run, seed ${options.seed} (${options.preset}): ${options.players} players × ${n(options.scores)} scores = ${n(plan.scores)} scores ` +
      `in ${plan.imports} imports, ${plan.reverts} reverts; ${options.faults} faults planned; logs in ${logDir}`,
  );
  const setupLog = new EventLog('setup', join(logDir, 'events.jsonl'), options.verbose);
  const events = { unexpectedExit: (name: string, detail: string) => setupLog.finding('process exited on its own', `${name}: ${detail}`) };
  const server = databaseServerFromEnv();
  const redis = await redisProcess(logDir, events);
  const ferretdb = await ferretdbProcess(server, logDir, events);
  const shared: Shared = { redis, ferretdb, logDir };
  const deadlineMs = options.preset === 'short' ? 360_000 : options.preset === 'default' ? 1_800_000 : 7_200_000;
  try {
    await redis.start();
    await ferretdb.start();

    let reference: ScenarioResult | null = null;
    if (!options.noReference) {
      print('reference run (no faults)…');
      const log = new EventLog('reference', join(logDir, 'events.jsonl'), options.verbose);
      reference = await runScenario('reference', options, plan, shared, log, { faults: false, deadlineMs });
      log.close();
      print(`reference run done in ${(reference.durationMs / 1000).toFixed(0)} s`);
    }
    print('chaos run…');
    const log = new EventLog('chaos', join(logDir, 'events.jsonl'), options.verbose);
    const chaos = await runScenario('chaos', options, plan, shared, log, { faults: true, deadlineMs });
    log.close();
    print(`chaos run done in ${(chaos.durationMs / 1000).toFixed(0)} s`);

    const comparison = reference ? compareRuns(plan, reference, chaos) : null;
    const faultsByKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, chaos.log.get(`faults: ${k}`)])) as Record<FaultKind, number>;
    const findings = [...setupLog.findings, ...chaos.log.findings, ...(reference?.log.findings ?? [])];
    const problems = (comparison?.differences.length ?? 0) + findings.length;
    const result: ChaosResult = { options, plan, reference, chaos, comparison, faultsByKind, problems, report: '', logDir, durationMs: Date.now() - startedAt };
    result.report = report(result, findings);
    setupLog.close();
    return result;
  } finally {
    await Promise.all([redis.stop(), ferretdb.stop()]).catch(() => {});
    redis.close();
    ferretdb.close();
    killAllChildren();
    ferretdb.dropDatabase();
    rmSync(join(logDir, 'redis-data'), { recursive: true, force: true });
  }
}

function report(r: ChaosResult, findings: { at: number; player?: string; what: string; detail: string }[]): string {
  const { chaos, reference, comparison, plan, options } = r;
  const L: string[] = [];
  const log = chaos.log;
  L.push('');
  L.push(`Chaos run — seed ${options.seed} (${options.preset}): ${options.players} players × ${n(options.scores)} scores (SDVX, ${n(options.charts)} shared charts),`);
  L.push(`${options.apis} API instances, ${options.workers} workers (concurrency ${options.workerConcurrency}), a private Redis (AOF, appendfsync always) and FerretDB;`);
  L.push(`JOB_LOCK_MS ${options.jobLockMs}, STALLED_INTERVAL_MS ${options.stalledIntervalMs}.`);
  L.push('');
  L.push('Timeline of the chaos run (what was killed when, and what clients saw of it):');
  for (const e of log.timeline) L.push(`  ${log.stamp(e.at)}  ${e.text}`);
  const skipped = chaos.faults.filter((f) => !f.injected).length;
  L.push('');
  L.push(
    `Faults injected: ${chaos.faults.length - skipped} of ${plan.faults.length} planned — ` +
      FAULT_KINDS.map((k) => `${k} ${r.faultsByKind[k]}`).join(', ') +
      (skipped > 0 ? ` (${skipped} not injected: every player was done)` : ''),
  );
  for (const k of FAULT_KINDS) L.push(`  ${k.padEnd(14)} ${String(r.faultsByKind[k]).padStart(3)}  ${FAULT_LABELS[k]}`);
  const completed = log.get('imports completed');
  const failedBy = [...log.counters].filter(([k]) => k.startsWith('imports failed with ')).map(([k, v]) => `${v} × ${k.slice('imports failed with '.length)}`);
  L.push(`Imports: ${plan.imports} planned, ${completed} completed; ${n(plan.scores)} scores submitted`);
  const stored = [...chaos.snapshot.users.values()].reduce((s, u) => s + u.state.scores.length, 0);
  L.push(`Scores stored at the end: ${n(stored)}${reference ? ` (reference: ${n([...reference.snapshot.users.values()].reduce((s, u) => s + u.state.scores.length, 0))})` : ''}`);
  L.push(`Submissions: ${log.get('submissions')}; resubmissions of failed imports: ${log.get('resubmissions')}${failedBy.length ? ` (failures: ${failedBy.join(', ')})` : ''}`);
  L.push(`Reverts: ${log.get('reverts')} (${log.get('revert retries after 409')} retries after a 409)`);
  const clientLines = [...log.counters].filter(([k]) => k.startsWith('client: '));
  if (clientLines.length > 0) L.push(`Client retries: ${clientLines.map(([k, v]) => `${k.slice(8)}: ${v}`).join('; ')}`);
  L.push(`Service settled after the run: ${chaos.settled ? 'yes' : `NO — ${chaos.settleDetail}`}`);
  if (findings.length > 0) {
    L.push('');
    L.push(`FINDINGS (${findings.length}): answers or events the service must never give`);
    for (const f of findings.slice(0, 30)) L.push(`  ${f.player ?? '-'}: ${f.what}: ${f.detail}`);
  }
  if (comparison) {
    L.push('');
    L.push(
      `Compared with the undisturbed run (${(reference!.durationMs / 1000).toFixed(0)} s; chaos run ${(chaos.durationMs / 1000).toFixed(0)} s): ` +
        `${n(comparison.scoresCompared)} scores (${comparison.lost} lost, ${comparison.extra} extra), ${n(comparison.pbsCompared)} PBs with rankings, ` +
        `${n(comparison.sessionsCompared)} sessions, ${options.players} players' profiles, class deltas of ${plan.imports} imports`,
    );
    L.push(`Differences found: ${comparison.differences.length}`);
    for (const d of comparison.differences.slice(0, 40)) L.push(`  ${d.player}: ${d.what}: ${d.detail}`);
    if (comparison.differences.length > 40) L.push(`  … and ${comparison.differences.length - 40} more`);
  } else {
    L.push('No reference run (--no-reference): nothing compared.');
  }
  L.push('');
  const secs = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  L.push(`Duration: ${secs(r.durationMs)} in all (undisturbed run ${reference ? secs(reference.durationMs) : '-'}, chaos run ${secs(chaos.durationMs)}, each with its snapshot)`);
  L.push(r.problems === 0 ? 'PASS: 0 differences, 0 findings.' : `FAIL: ${r.problems} problems (differences and findings); process logs and events.jsonl in ${r.logDir}`);
  return L.join('\n');
}
