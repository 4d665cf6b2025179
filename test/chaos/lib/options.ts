/**
 * Settings of a chaos run: how many players, scores and imports, and how many faults. Three
 * presets (`--short` for `npm test`, the default, `--long`); any setting can be overridden.
 */

export const FAULT_KINDS = ['worker', 'api', 'redis', 'database', 'database-long'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_LABELS: Record<FaultKind, string> = {
  worker: 'worker SIGKILLed and restarted',
  api: 'API instance SIGKILLed and restarted',
  redis: 'Redis SIGKILLed and restarted (AOF)',
  database: 'database (FerretDB) SIGKILLed and restarted',
  'database-long': 'database held down longer than the retry budget',
};

export interface ChaosOptions {
  preset: 'short' | 'default' | 'long';
  seed: string;
  players: number;
  /** scores per player, over all of the player's imports */
  scores: number;
  /** imports per player (each player's history is cut into this many files, give or take one) */
  imports: number;
  /** reverts per player: at least one, at most this many */
  maxReverts: number;
  /** SDVX charts shared by every player (overlapping charts: several players' PBs per chart) */
  charts: number;
  /** faults injected over the run (the first ones are one of each kind) */
  faults: number;
  workers: number;
  apis: number;
  workerConcurrency: number;
  /** how long the database stays down in a `database-long` fault (ms, range) */
  longOutageMs: [number, number];
  /** JOB_LOCK_MS / STALLED_INTERVAL_MS of the service under test: how soon a killed worker's import is taken over */
  jobLockMs: number;
  stalledIntervalMs: number;
  /** skip the undisturbed reference run (then nothing is compared; for trying the driver alone) */
  noReference: boolean;
  /** where process logs and the event log go (default: a folder under .cache/run) */
  logDir?: string;
  /** print the timeline as it happens */
  verbose: boolean;
}

const PRESETS: Record<ChaosOptions['preset'], Omit<ChaosOptions, 'preset' | 'seed' | 'noReference' | 'logDir' | 'verbose'>> = {
  short: {
    players: 4,
    scores: 300,
    imports: 4,
    maxReverts: 1,
    charts: 120,
    faults: 5,
    workers: 2,
    apis: 2,
    workerConcurrency: 2,
    longOutageMs: [35_000, 37_000],
    jobLockMs: 4_000,
    stalledIntervalMs: 2_000,
  },
  default: {
    players: 20,
    scores: 2_000,
    imports: 5,
    maxReverts: 2,
    charts: 600,
    faults: 30,
    workers: 3,
    apis: 2,
    workerConcurrency: 2,
    longOutageMs: [35_000, 45_000],
    jobLockMs: 4_000,
    stalledIntervalMs: 2_000,
  },
  long: {
    players: 40,
    scores: 5_000,
    imports: 8,
    maxReverts: 3,
    charts: 1_200,
    faults: 100,
    workers: 3,
    apis: 2,
    workerConcurrency: 2,
    longOutageMs: [35_000, 50_000],
    jobLockMs: 4_000,
    stalledIntervalMs: 2_000,
  },
};

export const USAGE = `npm run chaos -- [options]

  --short              the form run by npm test (4 players x 300 scores, one fault of each kind)
  --long               a longer run (40 players x 5,000 scores, 100 faults)
  --seed <s>           the seed of everything random: files, actions, fault moments (default 18)
  --players <n>        players (default 20)
  --scores <n>         scores per player (default 2000)
  --imports <n>        imports per player (default 5)
  --reverts <n>        at most this many reverts per player (at least one; default 2)
  --charts <n>         SDVX charts shared by the players (default 600)
  --faults <n>         faults to inject (default 30; the first five are one of each kind)
  --workers <n>        worker processes (default 3)
  --no-reference       skip the undisturbed run (nothing is compared)
  --log-dir <dir>      keep process logs and the event log there
  --verbose            print the timeline as it happens
`;

export function chaosOptions(argv: readonly string[] = []): ChaosOptions {
  const flag = (name: string) => argv.includes(name);
  const preset: ChaosOptions['preset'] = flag('--short') ? 'short' : flag('--long') ? 'long' : 'default';
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const a = argv[i];
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const int = (name: string, fallback: number, min = 1): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${v})`);
    return n;
  };
  const known = new Set(['--short', '--long', '--seed', '--players', '--scores', '--imports', '--reverts', '--charts', '--faults', '--workers', '--no-reference', '--log-dir', '--verbose', '--help']);
  for (const a of argv) {
    if (a.startsWith('--') && !known.has(a.split('=')[0])) throw new Error(`unknown option ${a}\n\n${USAGE}`);
  }
  const p = PRESETS[preset];
  const options: ChaosOptions = {
    ...p,
    preset,
    seed: value('--seed') ?? '18',
    players: int('--players', p.players),
    scores: int('--scores', p.scores, 10),
    imports: int('--imports', p.imports, 2),
    maxReverts: int('--reverts', p.maxReverts),
    charts: int('--charts', p.charts),
    faults: int('--faults', p.faults, 0),
    workers: int('--workers', p.workers),
    noReference: flag('--no-reference'),
    logDir: value('--log-dir'),
    verbose: flag('--verbose'),
  };
  return options;
}
