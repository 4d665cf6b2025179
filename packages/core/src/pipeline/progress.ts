/** Phases of an import, in order; a phase's index makes progress comparable across retries. */
export const PHASES = {
  parse: { index: 1, description: 'Parsing score data.' },
  convert: { index: 2, description: 'Importing scores.' },
  insert: { index: 3, description: 'Inserting scores.' },
  sessions: { index: 4, description: 'Inserting Sessions.' },
  pbs: { index: 5, description: 'Processing scores and updating PBs.' },
  profile: { index: 6, description: 'Updating profile statistics.' },
  finalise: { index: 7, description: 'Finalising Import.' },
} as const;

export type Phase = keyof typeof PHASES;

export interface ProgressUpdate {
  phase: Phase;
  description: string;
  processed: number | null;
  total: number | null;
  /** monotonic across the whole import: phase index, then processed count */
  rank: number;
  /** phase changes are published at once; counts within a phase may be throttled */
  phaseChange: boolean;
}

export type ProgressReporter = (update: ProgressUpdate) => void;

export function progressUpdate(phase: Phase, processed: number | null, total: number | null, description?: string): ProgressUpdate {
  const p = PHASES[phase];
  return {
    phase,
    description: description ?? p.description,
    processed,
    total,
    rank: p.index * 1e9 + (processed ?? 0),
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
