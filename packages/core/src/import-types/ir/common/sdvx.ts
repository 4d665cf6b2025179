/** SDVX chart lookups shared by the SDVX hooks (Barbatos, the Konaste hook). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ChartDocument, SongDocument } from '../../../games/types.ts';

/** what a hook's ANY_INF stands for: the fourth difficulty slot, whichever it is for the song */
const ANY_INF = ['INF', 'GRV', 'HVN', 'VVD', 'XCD'] as const;

/**
 * Tachi's FindSDVXChartOnInGameIDVersion then FindSongOnID: the chart with this inGameID and
 * difficulty (ANY_INF: any of the INF slot's) in this version, and its song; a chart without its
 * song is an internal failure, as in Tachi.
 */
export function findSDVXChartOnInGameIDVersion(
  charts: GameCharts,
  inGameID: number,
  difficulty: string,
  version: string,
): { chart: ChartDocument | null; song: SongDocument | null } {
  const chart = charts.findChartWhere('inGameID', inGameID, { difficulties: difficulty === 'ANY_INF' ? ANY_INF : [difficulty], version });
  if (!chart) return { chart: null, song: null };
  const song = charts.song(chart.songID);
  if (!song) throw new ScoreFailure('InternalError', `Song ${chart.songID} (sdvx) has no parent song?`);
  return { chart, song };
}
