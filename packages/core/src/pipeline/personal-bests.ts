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
  const chartSet = new Set(chartIDs);
  const others = ((await db.personalBests
    .find({ game, chartID: { $in: chartIDs } }, { projection: { _id: 0, userID: 1, chartID: 1, timeAchieved: 1, 'scoreData.score': 1, rankingData: 1 } })
    .toArray()) as unknown as PBDocument[]).filter((p) => p.userID !== userID && chartSet.has(p.chartID));
  const onChart = new Map<string, PBDocument[]>();
  for (const p of [...others, ...pbs]) {
    const list = onChart.get(p.chartID) ?? [];
    list.push(p);
    onChart.set(p.chartID, list);
  }
  const rankUpdates: { userID: number; chartID: string; rankingData: PBDocument['rankingData'] }[] = [];
  for (const [chartID, list] of onChart) {
    const ranks = rankChart(list);
    for (const p of list) {
      const r = ranks.get(p.userID)!;
      if (p.userID === userID) p.rankingData = r;
      else if (p.rankingData?.rank !== r.rank || p.rankingData?.outOf !== r.outOf) {
        rankUpdates.push({ userID: p.userID, chartID, rankingData: r });
      }
    }
  }

  await db.personalBests.deleteMany({ userID, chartID: { $in: chartIDs } });
  if (pbs.length > 0) await db.personalBests.insertMany(pbs.map((p) => ({ ...p })), { ordered: false });
  await bulkWriteInBatches(
    db.personalBests,
    rankUpdates.map((u) => ({
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
