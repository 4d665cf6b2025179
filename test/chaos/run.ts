/**
 * `npm run chaos` (scripts/chaos.sh starts PostgreSQL and builds FerretDB, then runs this): the
 * chaos run of issue 18. Exit code 0 only with 0 differences and 0 findings.
 *
 *   npm run chaos                      # 20 players × 2,000 scores, 30 faults
 *   npm run chaos -- --short           # what npm test runs
 *   npm run chaos -- --long --seed 7   # 40 players × 5,000 scores, 100 faults
 */
import { rmSync } from 'node:fs';
import { runChaos } from './lib/chaos.ts';
import { chaosOptions, USAGE } from './lib/options.ts';
import { interrupted } from './lib/processes.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
let options;
try {
  options = chaosOptions(argv);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`[chaos] ${signal}: stopping every process of the run`);
    interrupted();
    process.exit(130);
  });
}
const result = await runChaos(options, (line) => console.log(`[chaos] ${line}`));
console.log(result.report);
// logs are kept when something was found (or asked for)
if (result.problems === 0 && !options.logDir) rmSync(result.logDir, { recursive: true, force: true });
process.exit(result.problems === 0 ? 0 : 1);
