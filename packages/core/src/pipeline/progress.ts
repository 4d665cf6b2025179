/**
 * What a person polling an import reads: the phase it is in, with counts where there are any.
 * Phases are ordered; an update's rank never goes backwards across an import's retries.
 */
export const PHASES = {
  parse: { index: 1, description: 'Parsing score data.' },
  convert: { index: 2, description: 'Importing scores.' },
  insert: { index: 3, description: 'Inserting scores.' },
  /** sessions, PBs and the profile run side by side: the description says which are still running */
  sessions: { index: 4, description: 'Updating sessions, personal bests and profile statistics.' },
  pbs: { index: 4, description: 'Writing personal bests.' },
  profile: { index: 4, description: 'Updating profile statistics.' },
  finalise: { index: 5, description: 'Finalising import.' },
} as const;

export type Phase = keyof typeof PHASES;

export interface ProgressUpdate {
  /** also where the worker's test-only crash hook strikes (SCORE_IMPORT_TEST_CRASH_AT) */
  phase: Phase;
  description: string;
  processed: number | null;
  total: number | null;
  /** monotonic across the whole import: phase index, then a step within it */
  rank: number;
  /** phase changes are published at once; counts within a phase may be throttled */
  phaseChange: boolean;
}

export type ProgressReporter = (update: ProgressUpdate) => void;

/** `step` orders updates within one phase index (counts, or steps finished). */
export function progressUpdate(phase: Phase, processed: number | null, total: number | null, description?: string, step?: number): ProgressUpdate {
  const p = PHASES[phase];
  return {
    phase,
    description: description ?? p.description,
    processed,
    total,
    rank: p.index * 1e9 + (step ?? processed ?? 0),
    phaseChange: processed === null || processed === 0,
  };
}

/**
 * Wraps a reporter so counts within a phase reach it at most once per `intervalMs`; phase
 * changes and the last count of a phase always pass.
 */
export function throttleReporter(report: ProgressReporter, intervalMs = 250, now = Date.now): ProgressReporter {
  let last = 0;
  return (update) => {
    const t = now();
    const final = update.processed !== null && update.processed === update.total;
    if (update.phaseChange || final || t - last >= intervalMs) {
      last = t;
      report(update);
    }
  };
}

const STEP_NAMES = { sessions: 'sessions', pbs: 'personal bests', profile: 'profile statistics' } as const;
type UpdateStep = keyof typeof STEP_NAMES;

/**
 * Progress of the steps that run side by side after the scores are in: each time one starts or
 * finishes, the description lists those still running ("Updating personal bests and profile
 * statistics."), so what a person reads is what is really going on.
 */
export function parallelSteps(report: ProgressReporter, initial: readonly UpdateStep[]) {
  const running = new Set<UpdateStep>(initial);
  let step = 0;
  const publish = (phase: Phase) => {
    const names = [...running].map((s) => STEP_NAMES[s]);
    const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    report({ ...progressUpdate(phase, null, null, names.length === 0 ? PHASES.finalise.description : `Updating ${list}.`, ++step), phaseChange: true });
  };
  publish('sessions');
  return {
    /** a step moves on to its writes (pbs, profile): reported under its own phase */
    started(name: UpdateStep) {
      running.add(name);
      publish(name === 'sessions' ? 'sessions' : name);
    },
    finished(name: UpdateStep) {
      running.delete(name);
      publish('sessions');
    },
  };
}
