import { readFileSync } from 'node:fs';
/** Medians and percentiles (linear interpolation between closest ranks). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const list = (values: readonly number[], digits = 0): string => values.map((v) => fmt(v, digits)).join(', ');

/** The machine's cumulative CPU time (Linux /proc/stat), busy and all, in clock ticks; null elsewhere. */
export function cpuTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return null;
  }
}

/** Runs fn and says how busy the machine's CPUs were meanwhile (0–1 of all cores; NaN if unknown). */
export async function withCpuBusy<T>(fn: () => Promise<T>): Promise<{ result: T; busy: number }> {
  const before = cpuTicks();
  const result = await fn();
  const after = cpuTicks();
  const busy = before && after && after.total > before.total ? (after.busy - before.busy) / (after.total - before.total) : NaN;
  return { result, busy };
}
