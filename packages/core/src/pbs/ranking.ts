/**
 * Chart rankings (spec §3.10 step 4), computed when a PB is shown rather than stored: an import
 * then costs the same whether its charts have one player or ten thousand, and a revert can never
 * leave a rank behind.
 */
import type { RankingData } from '../documents.ts';

export interface RankablePB {
  userID: number;
  timeAchieved: number | null;
  scoreData: Readonly<Record<string, unknown>>;
}

/**
 * Tachi's GetSortedPBs order: each ranking metric descending (the game's default metric; O.N.G.E.K.I.
 * adds platinum score), then PBs with a timeAchieved before those without, then older first. Where
 * Tachi leaves full ties to the database's order, the lower userID goes first, so a rank never
 * changes unless a PB does.
 */
export function compareForRanking(metrics: readonly string[]): (a: RankablePB, b: RankablePB) => number {
  const value = (pb: RankablePB, m: string): number => {
    const v = pb.scoreData[m];
    return typeof v === 'number' ? v : -Infinity;
  };
  return (a, b) => {
    for (const m of metrics) {
      const va = value(a, m);
      const vb = value(b, m);
      if (va !== vb) return va > vb ? -1 : 1;
    }
    if (a.timeAchieved !== b.timeAchieved) {
      if (a.timeAchieved === null) return 1;
      if (b.timeAchieved === null) return -1;
      return a.timeAchieved - b.timeAchieved;
    }
    return a.userID - b.userID;
  };
}

/** Every PB of one chart ranked: userID → rankingData. rivalRank is null (this service has no rivals). */
export function rankChart(pbs: readonly RankablePB[], metrics: readonly string[]): Map<number, RankingData> {
  const sorted = [...pbs].sort(compareForRanking(metrics));
  const out = new Map<number, RankingData>();
  sorted.forEach((pb, i) => out.set(pb.userID, { rank: i + 1, outOf: sorted.length, rivalRank: null }));
  return out;
}
