/** Personal-best building and chart rankings (spec §3.10), without the database. */
import type { PBDocument, ScoreData, ScoreDocument } from '../documents.ts';
import { DEFAULT_MERGE_NAME, PB_MERGES } from '../games/pb-merge.ts';
import { scoreCalculatedData } from '../games/ratings.ts';
import type { ChartDocument, GameConfig } from '../games/types.ts';
import { createEnumIndexes } from '../scores/hydrate.ts';

export type PBWithoutRanking = Omit<PBDocument, 'rankingData'>;

/** Mongo's ascending order on timeAchieved: null sorts before every number. */
function compareTimeAscNullFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/**
 * Builds the user's PB on one chart from ALL of that user's scores on it (Tachi's CreatePBDoc,
 * spec §3.10 steps 1–3). Returns undefined for no scores. The input scores are not mutated.
 *
 * Ties: the Best Score base is the first score with the highest default metric in array order
 * (Tachi leaves it to database order); merge candidates tie-break by oldest timeAchieved with
 * null first (Mongo's sort), then array order.
 */
export function buildPB(
  config: GameConfig,
  chart: ChartDocument,
  scores: readonly ScoreDocument[],
): PBWithoutRanking | undefined {
  if (scores.length === 0) return undefined;
  const base = pickBase(config, scores);

  const pb: PBWithoutRanking = {
    composedFrom: [{ name: DEFAULT_MERGE_NAME, scoreID: base.scoreID }],
    chartID: base.chartID,
    userID: base.userID,
    songID: base.songID,
    highlight: base.highlight,
    timeAchieved: base.timeAchieved,
    game: base.game,
    playtype: base.playtype,
    isPrimary: base.isPrimary,
    // Copied so the merges below never write into a stored score.
    scoreData: structuredClone(base.scoreData),
    calculatedData: { ...base.calculatedData },
  };

  for (const merge of PB_MERGES[config.game]) {
    const best = pickMergeBest(merge, scores);
    if (best === undefined) continue;

    merge.apply(pb.scoreData, best);
    pb.highlight ||= best.highlight;
    if (pb.timeAchieved !== null && best.timeAchieved !== null && best.timeAchieved > pb.timeAchieved) {
      pb.timeAchieved = best.timeAchieved;
    }
    if (!pb.composedFrom.some((c) => c.scoreID === best.scoreID)) {
      pb.composedFrom.push({ name: merge.name, scoreID: best.scoreID });
    }
  }

  const optional = pb.scoreData.optional as Record<string, unknown>;
  for (const k of Object.keys(optional)) if (optional[k] === undefined) delete optional[k];

  const scoreData: ScoreData = pb.scoreData;
  scoreData.enumIndexes = createEnumIndexes(config, scoreData);
  scoreData.optional.enumIndexes = {};
  // Recomputed from the merged data: an SDVX PB's VF6 uses the best score with the best lamp.
  pb.calculatedData = scoreCalculatedData(config.game, scoreData, chart);
  return pb;
}

type PBMerge = (typeof PB_MERGES)[keyof typeof PB_MERGES][number];

/** The Best Score base: the first score with the highest default metric. */
function pickBase(config: GameConfig, scores: readonly ScoreDocument[]): ScoreDocument {
  const value = (s: ScoreDocument): number => {
    const v = s.scoreData[config.defaultMetric];
    return typeof v === 'number' ? v : -Infinity;
  };
  let base = scores[0];
  for (const s of scores) if (value(s) > value(base)) base = s;
  return base;
}

/** A merge's pick: the highest value, then the oldest timeAchieved (null first), then the first. */
function pickMergeBest(merge: PBMerge, scores: readonly ScoreDocument[]): ScoreDocument | undefined {
  let best: ScoreDocument | undefined;
  let bestValue = -Infinity;
  for (const s of scores) {
    const v = merge.value(s);
    if (typeof v !== 'number') continue;
    if (best === undefined || v > bestValue || (v === bestValue && compareTimeAscNullFirst(s.timeAchieved, best.timeAchieved) < 0)) {
      best = s;
      bestValue = v;
    }
  }
  return best;
}

/**
 * The scores of one chart that buildPB can pick from (the base and each merge's best), in their
 * original order. buildPB over `pbCandidates(a) ++ b` equals buildPB over `a ++ b`, because every
 * pick is the first maximum of an order that a subset keeping the winners cannot change; so an
 * import can keep a handful of scores per chart while it streams instead of all of them.
 */
export function pbCandidates(config: GameConfig, scores: readonly ScoreDocument[]): ScoreDocument[] {
  if (scores.length <= 1) return [...scores];
  const keep = new Set<ScoreDocument>([pickBase(config, scores)]);
  for (const merge of PB_MERGES[config.game]) {
    const best = pickMergeBest(merge, scores);
    if (best) keep.add(best);
  }
  return scores.filter((s) => keep.has(s));
}

export interface RankablePB {
  userID: number;
  timeAchieved: number | null;
  scoreData: { score?: unknown; [k: string]: unknown };
}

export type RankingData = PBDocument['rankingData'];

/**
 * Ranks every PB on one chart (spec §3.10 step 4): score descending, then PBs with a timeAchieved
 * before those without, then older first; full ties keep input order. rivalRank is always null
 * (this service has no rivals). Returns userID → rankingData.
 */
export function rankChart(pbs: readonly RankablePB[]): Map<number, RankingData> {
  const score = (pb: RankablePB): number => (typeof pb.scoreData.score === 'number' ? pb.scoreData.score : -Infinity);
  const sorted = [...pbs].sort((a, b) => {
    const byScore = score(b) - score(a);
    if (byScore !== 0 && !Number.isNaN(byScore)) return byScore;
    if (a.timeAchieved === b.timeAchieved) return 0;
    if (a.timeAchieved === null) return 1;
    if (b.timeAchieved === null) return -1;
    return a.timeAchieved - b.timeAchieved;
  });
  const out = new Map<number, RankingData>();
  sorted.forEach((pb, i) => out.set(pb.userID, { rank: i + 1, outOf: sorted.length, rivalRank: null }));
  return out;
}
