/**
 * The short form of the chaos run (`npm run chaos -- --short`, test/chaos/lib/chaos.ts): 4 players'
 * imports (SDVX files on shared charts) and reverts, run undisturbed and again while a worker, an
 * API instance, Redis and the database are SIGKILLed and restarted and the database is held down
 * longer than the import retry budget (faults timed by the players' progress); both runs must
 * store exactly the same (test/chaos/lib/compare.ts), and the service must never answer what it
 * must not (a 404 after a 202, a 500). About 2 minutes on a 2-core machine.
 */
import { rmSync } from 'node:fs';
import t from 'tap';
import { runChaos } from './lib/chaos.ts';
import { chaosOptions, FAULT_KINDS } from './lib/options.ts';
import { interrupted } from './lib/processes.ts';

// a timed-out test file is sent SIGTERM: leave no process or database of the run behind
process.once('SIGTERM', () => {
  interrupted();
  process.exit(1);
});

t.test('chaos run, short form: the same state as an undisturbed run, whatever was killed', async (t) => {
  const result = await runChaos(chaosOptions(['--short']), (line) => t.comment(line));
  t.comment(result.report);
  // the process logs are kept when something was found
  if (result.problems === 0) rmSync(result.logDir, { recursive: true, force: true });
  for (const kind of FAULT_KINDS) t.ok(result.faultsByKind[kind] >= 1, `a ${kind} fault was injected`);
  t.equal(result.chaos.log.get('imports completed'), result.plan.imports, 'every import completed (after resubmission if it failed)');
  t.ok(result.chaos.log.get('resubmissions') >= 1, 'some import failed and was resubmitted');
  t.equal(result.chaos.log.get('reverts'), result.plan.reverts, 'every revert was done');
  t.ok(result.comparison, 'compared with the undisturbed run');
  t.same(
    result.comparison!.differences.map((d) => `${d.player}: ${d.what}: ${d.detail}`),
    [],
    'no difference from the undisturbed run',
  );
  t.equal(result.comparison!.lost, 0, '0 scores lost');
  t.equal(result.comparison!.extra, 0, '0 scores doubled or left over');
  t.same([...result.chaos.log.findings, ...(result.reference?.log.findings ?? [])].map((f) => `${f.player ?? '-'}: ${f.what}: ${f.detail}`), [], 'no finding');
});
