import { bulkWriteInBatches, NO_ID, type Database } from '@score-import/db';
import type { ChartIndex } from '../charts/index.ts';
import type { PBDocument, ScoreDocument } from '../documents.ts';
import { GAMES } from '../games/registry.ts';
import type { GameName } from '../games/types.ts';
import { buildPB, rankChart } from '../rules.ts';

/**
 * Rebuilds the user's PBs on the given charts from every score they have there (spec §3.10),
 * deleting PBs of charts where no score remains (revert), then re-ranks those charts.
 * PBs are derived data, so they are rewritten whole: delete then insert, which is also what makes
 * a retried import or revert converge.
 */
export async function rebuildPersonalBests(
  db: Database,
  charts: ChartIndex,
  userID: number,
  game: GameName,
  chartIDs: string[],
): Promise<void> {
  if (chartIDs.length === 0) return;
  const config = GAMES[game];
  const scores = (await db.scores
    .find({ userID, chartID: { $in: chartIDs } }, NO_ID)
    .toArray()) as unknown as ScoreDocument[];
  const byChart = new Map<string, ScoreDocument[]>();
  for (const s of scores) {
    const list = byChart.get(s.chartID) ?? [];
    list.push(s);
    byChart.set(s.chartID, list);
  }
  const pbs: PBDocument[] = [];
  for (const chartID of chartIDs) {
    const chart = charts.chartByID(game, chartID);
    const chartScores = byChart.get(chartID);
    if (!chart || !chartScores || chartScores.length === 0) continue;
    const pb = buildPB(config, chart, chartScores);
    if (pb) pbs.push({ ...pb, rankingData: { rank: 0, outOf: 0, rivalRank: null } });
  }

  // Rankings: every PB on these charts, with this user's replaced by the new ones.
  const stored = await pbsForRanking(db, game, chartIDs);
  const others = stored.filter((p) => p.userID !== userID);
  // this user's rebuilt PBs take the place their old ones had among equal PBs
  const oldRank = new Map(stored.filter((p) => p.userID === userID).map((p) => [p.chartID, p.rankingData]));
  for (const pb of pbs) pb.rankingData = oldRank.get(pb.chartID) ?? pb.rankingData;
  const rankUpdates = rankingUpdates([...others, ...pbs]);
  const own = new Map(rankUpdates.filter((u) => u.userID === userID).map((u) => [u.chartID, u.rankingData]));
  for (const pb of pbs) pb.rankingData = own.get(pb.chartID) ?? pb.rankingData;

  await db.personalBests.deleteMany({ userID, chartID: { $in: chartIDs } });
  if (pbs.length > 0) await db.personalBests.insertMany(pbs.map((p) => ({ ...p })), { ordered: false });
  await writeRankings(db, rankUpdates.filter((u) => u.userID !== userID));

  // Another user's import or revert may have rewritten a PB on these charts since they were read
  // (imports of different users run in parallel): rank again from what is stored now until a read
  // finds nothing to change. Whoever writes last reads last, so the stored ranking ends consistent.
  for (let attempt = 0; attempt < MAX_RERANKS; attempt++) {
    const updates = rankingUpdates(await pbsForRanking(db, game, chartIDs));
    if (updates.length === 0) break;
    await writeRankings(db, updates);
  }
}

const MAX_RERANKS = 5;

type RankingUpdate = { userID: number; chartID: string; rankingData: PBDocument['rankingData'] };

async function pbsForRanking(db: Database, game: GameName, chartIDs: string[]): Promise<PBDocument[]> {
  const chartSet = new Set(chartIDs);
  return ((await db.personalBests
    .find(
      { game, chartID: { $in: chartIDs } },
      { projection: { _id: 0, userID: 1, chartID: 1, timeAchieved: 1, 'scoreData.score': 1, rankingData: 1 } },
    )
    .toArray()) as unknown as PBDocument[]).filter((p) => chartSet.has(p.chartID));
}

/**
 * The rankingData changes that rank every chart of `pbs` (all PBs of those charts). rankChart keeps
 * full ties (same score, same timeAchieved) in input order; it is fed the current ranking order,
 * not the database's natural order (which moves a PB whenever it is rewritten), so a rebuild that
 * leaves a PB unchanged, or a revert, never reshuffles equal PBs. A PB new to the chart goes after
 * the PBs it ties with.
 */
function rankingUpdates(pbs: readonly PBDocument[]): RankingUpdate[] {
  const rankOf = (p: PBDocument): number => {
    const r = p.rankingData?.rank;
    return typeof r === 'number' && r > 0 ? r : Infinity;
  };
  const onChart = new Map<string, PBDocument[]>();
  for (const p of pbs) {
    const list = onChart.get(p.chartID) ?? [];
    list.push(p);
    onChart.set(p.chartID, list);
  }
  const updates: RankingUpdate[] = [];
  for (const [chartID, list] of onChart) {
    list.sort((a, b) => {
      const ra = rankOf(a);
      const rb = rankOf(b);
      return ra === rb ? 0 : ra < rb ? -1 : 1;
    });
    const ranks = rankChart(list);
    for (const p of list) {
      const r = ranks.get(p.userID)!;
      if (p.rankingData?.rank !== r.rank || p.rankingData?.outOf !== r.outOf || p.rankingData?.rivalRank !== r.rivalRank) {
        updates.push({ userID: p.userID, chartID, rankingData: r });
      }
    }
  }
  return updates;
}

async function writeRankings(db: Database, updates: readonly RankingUpdate[]): Promise<void> {
  await bulkWriteInBatches(
    db.personalBests,
    updates.map((u) => ({
      updateOne: { filter: { userID: u.userID, chartID: u.chartID }, update: { $set: { rankingData: u.rankingData } } },
    })),
  );
}

/** The PB step of an import: every chart the import's new scores touch. */
export async function updatePersonalBests(
  db: Database,
  charts: ChartIndex,
  userID: number,
  game: GameName,
  scores: ScoreDocument[],
): Promise<void> {
  await rebuildPersonalBests(db, charts, userID, game, [...new Set(scores.map((s) => s.chartID))]);
}
