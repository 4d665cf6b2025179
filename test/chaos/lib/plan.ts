/**
 * What a chaos run does, drawn from its seed before anything runs: each player's actions (imports
 * of realistic BATCH-MANUAL files cut from the player's history, reverts of earlier imports) and
 * the faults (kind, the moment, how long the component stays down). The undisturbed reference run
 * performs the same actions, in the same order per player.
 */
import { playerHistory, sharedCharts, type BatchManualFile } from './files.ts';
import { FAULT_KINDS, type ChaosOptions, type FaultKind } from './options.ts';
import { Rng } from './rng.ts';

export interface ImportAction {
  kind: 'import';
  /** the player's n-th import (0-based): how the runs' imports are matched */
  position: number;
  file: Buffer;
  /** datapoints in the file */
  scores: number;
  /** of them, scores sent again from an earlier import of the player */
  resent: number;
  classes: boolean;
}

export interface RevertAction {
  kind: 'revert';
  /** the position of the import to revert */
  target: number;
}

export type Action = ImportAction | RevertAction;

export interface PlayerPlan {
  index: number;
  name: string;
  actions: Action[];
}

export interface FaultPlan {
  id: number;
  kind: FaultKind;
  /** injected once this many actions (of all players) are done and an import is running… */
  afterActions: number;
  /** …and this much later (a small random delay, so a fault meets an import at any phase) */
  delayMs: number;
  /** how long the component stays down before it is started again */
  downMs: number;
  /** which worker or API instance (index, modulo their number) */
  target: number;
}

export interface ChaosPlan {
  players: PlayerPlan[];
  faults: FaultPlan[];
  actions: number;
  imports: number;
  reverts: number;
  scores: number;
}

/** Cuts `n` items into `k` consecutive chunks of random sizes (each at least 1). */
function cut(rng: Rng, n: number, k: number): number[] {
  const weights = Array.from({ length: k }, (_, i) => (i === 0 ? 1.5 : 0.5) + rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((n * w) / total)));
  let rest = n - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % k) {
    if (rest > 0) {
      sizes[i]++;
      rest--;
    } else if (sizes[i] > 1) {
      sizes[i]--;
      rest++;
    }
  }
  return sizes;
}

function playerPlan(options: ChaosOptions, index: number, pool: ReturnType<typeof sharedCharts>): PlayerPlan {
  const rng = new Rng(`${options.seed}:player:${index}`);
  // the player's history cut into consecutive files; a later file also sends again a few scores
  // of earlier ones (skipped as duplicates; a revert of the earlier import then removes them)
  const history = playerHistory(options.seed, index, options.scores, pool);
  const imports: ImportAction[] = [];
  let from = 0;
  for (const size of cut(rng, history.length, Math.min(options.imports, history.length))) {
    const own = history.slice(from, from + size);
    const earlier = history.slice(0, from);
    const resent = from === 0 ? [] : rng.shuffle(earlier).slice(0, Math.round(size * 0.03));
    from += size;
    const file: BatchManualFile = { meta: { game: 'sdvx', playtype: 'Single', service: `chaos ${index}` }, scores: [...own, ...resent] };
    const classes = rng.chance(0.35);
    if (classes) file.classes = { dan: `DAN_${rng.int(5, 11)}` };
    imports.push({ kind: 'import', position: imports.length, file: Buffer.from(JSON.stringify(file)), scores: file.scores.length, resent: resent.length, classes });
  }

  // reverts: at least one, after a random import, of a random earlier import not reverted yet
  const reverts = rng.int(1, options.maxReverts);
  const slots = Array.from({ length: reverts }, () => rng.int(1, imports.length)).sort((a, b) => a - b);
  const actions: Action[] = [];
  const reverted = new Set<number>();
  for (let done = 0; done <= imports.length; done++) {
    const here = slots.filter((s) => s === done).length;
    for (let r = 0; r < here; r++) {
      const candidates = imports.slice(0, done).map((i) => i.position).filter((p) => !reverted.has(p));
      if (candidates.length === 0) continue;
      const target = rng.pick(candidates);
      reverted.add(target);
      actions.push({ kind: 'revert', target });
    }
    if (done < imports.length) actions.push(imports[done]);
  }
  return { index, name: `chaos${String(index + 1).padStart(3, '0')}`, actions };
}

const DOWN_MS: Record<Exclude<FaultKind, 'database-long'>, [number, number]> = {
  worker: [300, 3_000],
  api: [500, 4_000],
  redis: [500, 5_000],
  database: [1_000, 6_000],
};
/** kinds after the first of each: workers die most often, the database least */
const WEIGHTS: [FaultKind, number][] = [
  ['worker', 35],
  ['api', 20],
  ['redis', 15],
  ['database', 20],
  ['database-long', 10],
];

function faultPlan(options: ChaosOptions, actions: number): FaultPlan[] {
  const rng = new Rng(`${options.seed}:faults`);
  const kinds: FaultKind[] = [];
  const firsts = [...FAULT_KINDS];
  while (firsts.length > 0 && kinds.length < options.faults) kinds.push(firsts.splice(rng.int(0, firsts.length - 1), 1)[0]);
  const totalWeight = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  while (kinds.length < options.faults) {
    let x = rng.next() * totalWeight;
    kinds.push(WEIGHTS.find(([, w]) => (x -= w) < 0)![0]);
  }
  // moments: spread over the first 70% of the actions, in order
  const moments = kinds.map(() => Math.floor(actions * (0.05 + 0.65 * rng.next()))).sort((a, b) => a - b);
  return kinds.map((kind, id) => {
    const [lo, hi] = kind === 'database-long' ? options.longOutageMs : DOWN_MS[kind];
    return { id: id + 1, kind, afterActions: moments[id], delayMs: rng.int(0, 3_000), downMs: rng.int(lo, hi), target: rng.int(0, 1_000) };
  });
}

export function chaosPlan(options: ChaosOptions): ChaosPlan {
  const pool = sharedCharts(options.seed, options.charts);
  const players = Array.from({ length: options.players }, (_, i) => playerPlan(options, i, pool));
  const all = players.flatMap((p) => p.actions);
  const imports = all.filter((a): a is ImportAction => a.kind === 'import');
  return {
    players,
    faults: faultPlan(options, all.length),
    actions: all.length,
    imports: imports.length,
    reverts: all.length - imports.length,
    scores: imports.reduce((n, a) => n + a.scores, 0),
  };
}
