/** Personal-best building (spec §3.10, Tachi's CreatePBDoc and its merge functions), without the database. */
import type { PBDocument, ScoreData, ScoreDocument } from '../documents.ts';
import type { ChartDocument, GPTDefinition, PBMerge } from '../games/types.ts';
import { createEnumIndexes, scoreRatings } from '../scores/hydrate.ts';

/** Mongo's ascending order on timeAchieved: null sorts before every number. */
function compareTimeAscNullFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/** The value at a dotted path inside scoreData (`enumIndexes.lamp`, `optional.bp`, `score`). */
function metricValue(score: ScoreDocument, path: string): unknown {
  let v: unknown = score.scoreData;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The Best Score base: the first score with the highest default metric. */
function pickBase(definition: GPTDefinition, scores: readonly ScoreDocument[]): ScoreDocument {
  const metric = definition.config.defaultMetric;
  const value = (s: ScoreDocument): number => {
    const v = s.scoreData[metric];
    return typeof v === 'number' ? v : -Infinity;
  };
  let base = scores[0];
  for (const s of scores) if (value(s) > value(base)) base = s;
  return base;
}

/**
 * A merge's pick (Tachi: `sort({metric: ±1, timeAchieved: 1})` over numeric values): the largest (or
 * smallest) value, then the oldest timeAchieved (null first), then the first.
 */
function pickMergeBest(merge: PBMerge, scores: readonly ScoreDocument[]): ScoreDocument | undefined {
  const sign = merge.direction === 'largest' ? 1 : -1;
  let best: ScoreDocument | undefined;
  let bestValue = 0;
  for (const s of scores) {
    const v = metricValue(s, merge.metric);
    if (typeof v !== 'number') continue;
    const better = best === undefined || sign * (v - bestValue) > 0;
    if (better || (v === bestValue && compareTimeAscNullFirst(s.timeAchieved, best!.timeAchieved) < 0)) {
      best = s;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Builds the user's PB on one chart from all of that user's scores on it (Tachi's CreatePBDoc,
 * spec §3.10 steps 1–3). Undefined for no scores. The input scores are not mutated.
 *
 * Ties: the base is the first score with the highest default metric in array order (Tachi leaves
 * it to database order: pass older scores first); merge candidates tie-break by oldest timeAchieved
 * with null first (Mongo's sort), then array order.
 */
export function buildPB(definition: GPTDefinition, chart: ChartDocument, scores: readonly ScoreDocument[]): PBDocument | undefined {
  if (scores.length === 0) return undefined;
  const { rules, config } = definition;
  const base = pickBase(definition, scores);
  const pb: PBDocument = {
    composedFrom: [{ name: rules.defaultMergeName, scoreID: base.scoreID }],
    chartID: base.chartID,
    userID: base.userID,
    songID: base.songID,
    highlight: base.highlight,
    timeAchieved: base.timeAchieved,
    game: base.game,
    playtype: base.playtype,
    isPrimary: base.isPrimary,
    // copied so the merges below never write into a stored score
    scoreData: structuredClone(base.scoreData),
    calculatedData: { ...base.calculatedData },
  };

  for (const merge of rules.pbMerges) {
    const best = pickMergeBest(merge, scores);
    if (best === undefined) continue;
    merge.apply(pb, best);
    pb.highlight ||= best.highlight;
    if (pb.timeAchieved !== null && best.timeAchieved !== null && best.timeAchieved > pb.timeAchieved) pb.timeAchieved = best.timeAchieved;
    if (!pb.composedFrom.some((c) => c.scoreID === best.scoreID)) pb.composedFrom.push({ name: merge.name, scoreID: best.scoreID });
  }

  const optional = pb.scoreData.optional as Record<string, unknown>;
  for (const k of Object.keys(optional)) if (optional[k] === undefined) delete optional[k];
  const scoreData: ScoreData = pb.scoreData;
  scoreData.enumIndexes = createEnumIndexes(config, scoreData);
  scoreData.optional.enumIndexes = {};
  // recomputed from the merged data: an SDVX PB's VF6 uses the best score with the best lamp
  pb.calculatedData = scoreRatings(definition, scoreData, chart);
  return pb;
}

/**
 * The scores of one chart that buildPB can pick from (the base and each merge's best), in their
 * original order. buildPB over `pbCandidates(a) ++ b` equals buildPB over `a ++ b`, because every
 * pick is the first maximum of an order that a subset keeping the winners cannot change; so an
 * import can keep a handful of scores per chart while it streams instead of all of them.
 */
export function pbCandidates(definition: GPTDefinition, scores: readonly ScoreDocument[]): ScoreDocument[] {
  if (scores.length <= 1) return [...scores];
  const keep = new Set<ScoreDocument>([pickBase(definition, scores)]);
  for (const merge of definition.rules.pbMerges) {
    const best = pickMergeBest(merge, scores);
    if (best) keep.add(best);
  }
  return scores.filter((s) => keep.has(s));
}
