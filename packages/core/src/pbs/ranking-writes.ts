/** How a chart's new rankings are written: few multi-document shifts instead of one write per PB. */
import type { RankingData } from './build-pb.ts';
import { groupBy } from '../util/group-by.ts';

export interface RankChange {
  userID: number;
  chartID: string;
  /** as stored (and read) before; undefined for a PB new to the chart */
  old: RankingData | undefined;
  next: RankingData;
}

export type RankWrite =
  /** every PB of these charts (other than the importing user's) with this outOf and a rank in [lo, hi] moves by dRank / dOutOf */
  | { kind: 'shift'; chartIDs: string[]; outOf: number; lo: number; hi: number; dRank: number; dOutOf: number }
  /** one PB set exactly */
  | { kind: 'set'; userID: number; chartID: string; rankingData: RankingData };

/**
 * Plans the writes for other users' ranking changes. A new PB on a chart moves everyone below it
 * down one place and grows every outOf by one, so a chart's changes form a few runs of
 * consecutive ranks that move alike: each run is one `updateMany` with `$inc`, guarded by the
 * outOf and ranks that were read (a chart changed meanwhile by someone else matches nothing, and
 * the caller's re-read fixes it). A chart whose stored ranking is not a clean 1..n (duplicate or
 * missing ranks) gets exact per-PB writes instead. With `acrossCharts`, equal runs of different
 * charts share one statement (`chartID: {$in}`, which MongoDB serves from the index).
 *
 * `othersOnChart`: every PB of the chart that is not the importing user's, as read.
 */
export function planRankingWrites(
  changes: readonly RankChange[],
  othersOnChart: ReadonlyMap<string, readonly (RankingData | undefined)[]>,
  acrossCharts: boolean,
): RankWrite[] {
  const byChart = groupBy(changes, (c) => c.chartID);
  const writes: RankWrite[] = [];
  const shifts = new Map<string, Extract<RankWrite, { kind: 'shift' }>>();
  for (const [chartID, list] of byChart) {
    const outOf = cleanOutOf(othersOnChart.get(chartID) ?? []);
    if (outOf === null || list.some((c) => !c.old || c.next.rivalRank !== c.old.rivalRank)) {
      for (const c of list) writes.push({ kind: 'set', userID: c.userID, chartID, rankingData: c.next });
      continue;
    }
    const sorted = [...list].sort((a, b) => a.old!.rank - b.old!.rank);
    const runs: { lo: number; hi: number; dRank: number; dOutOf: number }[] = [];
    for (const c of sorted) {
      const dRank = c.next.rank - c.old!.rank;
      const dOutOf = c.next.outOf - c.old!.outOf;
      const run = runs[runs.length - 1];
      if (run && c.old!.rank === run.hi + 1 && dRank === run.dRank && dOutOf === run.dOutOf) run.hi++;
      else runs.push({ lo: c.old!.rank, hi: c.old!.rank, dRank, dOutOf });
    }
    // The statements run one after another: a PB one of them moved must not match another. Each
    // is guarded by the chart's old outOf, so that holds when every run changes outOf, or there is
    // one run; otherwise (only after concurrent changes) the chart is written PB by PB.
    if (runs.length > 1 && runs.some((r) => r.dOutOf === 0)) {
      for (const c of list) writes.push({ kind: 'set', userID: c.userID, chartID, rankingData: c.next });
      continue;
    }
    for (const run of runs) {
      const key = `${outOf}:${run.lo}:${run.hi}:${run.dRank}:${run.dOutOf}` + (acrossCharts ? '' : `:${chartID}`);
      const existing = shifts.get(key);
      if (existing) existing.chartIDs.push(chartID);
      else shifts.set(key, { kind: 'shift', chartIDs: [chartID], outOf, ...run });
    }
  }
  return [...writes, ...shifts.values()];
}

/** The common outOf of a chart's stored rankings when their ranks are distinct integers; else null. */
function cleanOutOf(rankings: readonly (RankingData | undefined)[]): number | null {
  if (rankings.length === 0) return null;
  const outOf = rankings[0]?.outOf;
  if (typeof outOf !== 'number') return null;
  const seen = new Set<number>();
  for (const r of rankings) {
    if (!r || r.outOf !== outOf || !Number.isInteger(r.rank) || r.rank < 1 || seen.has(r.rank)) return null;
    seen.add(r.rank);
  }
  return outOf;
}
