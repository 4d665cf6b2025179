import { NO_ID, READ_BATCH, type Database } from '@score-import/db';
import type { PBDocument, RankedPB, RankingData } from '../documents.ts';
import { gpt } from '../games/registry.ts';
import type { GameName } from '../games/types.ts';
import { rankChart, type RankablePB } from '../pbs/ranking.ts';

/**
 * Every PB of one chart ranked (userID → rankingData): one equality read of the chart's PBs (its
 * index), only the fields the order needs. Computed when shown, never stored.
 */
export async function chartRanking(db: Database, game: GameName, playtype: string, chartID: string): Promise<Map<number, RankingData>> {
  const { config } = gpt(game, playtype);
  const metrics = config.rankingMetrics ?? [config.defaultMetric];
  const projection: Record<string, 0 | 1> = { _id: 0, userID: 1, timeAchieved: 1 };
  for (const m of metrics) projection[`scoreData.${m}`] = 1;
  const pbs = (await db.personalBests.find({ chartID }, { projection, batchSize: READ_BATCH }).toArray()) as unknown as RankablePB[];
  return rankChart(pbs, metrics);
}

/** A user's PB on a chart with its rankingData, as Tachi shows it; null when they have none. */
export async function rankedPB(db: Database, userID: number, chartID: string): Promise<RankedPB | null> {
  const pb = (await db.personalBests.findOne({ userID, chartID }, NO_ID)) as PBDocument | null;
  if (!pb) return null;
  const ranking = await chartRanking(db, pb.game, pb.playtype, chartID);
  return { ...pb, rankingData: ranking.get(userID) ?? { rank: 1, outOf: 1, rivalRank: null } };
}
