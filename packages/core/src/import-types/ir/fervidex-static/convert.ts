/** A fervidex-static score → an IIDX dry score (Tachi's ConverterIRFervidexStatic). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import type { DryScore } from '../../../documents.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ConvertedScore } from '../../types.ts';
import { FERVIDEX_LAMP_LOOKUP, remapScriptedLong, songOf, splitFervidexChartRef } from '../fervidex/convert.ts';
import type { FervidexStaticContext, FervidexStaticScore } from './parse.ts';

export function convertFervidexStatic(data: FervidexStaticScore, context: FervidexStaticContext, charts: GameCharts): ConvertedScore {
  const split = splitFervidexChartRef(data.chart);
  const { playtype } = split;
  const { entryID, difficulty } = remapScriptedLong(data.song_id, split.difficulty);

  // Tachi's FindChartOnInGameIDVersion (2dxtra charts included, unlike the score route's lookup)
  const chart =
    charts.chartsWhere('inGameID', entryID).find((c) => c.playtype === playtype && c.difficulty === difficulty && c.versions.includes(context.version)) ??
    null;
  if (!chart) {
    throw new ScoreFailure('SongOrChartNotFound', `Could not find chart with songID ${entryID} (${playtype} ${difficulty} Version ${context.version})`);
  }
  const song = songOf(charts, chart);

  const dryScore: DryScore = {
    game: 'iidx',
    service: 'Fervidex Static',
    comment: null,
    importType: 'ir/fervidex-static',
    timeAchieved: null,
    scoreData: {
      score: data.ex_score,
      lamp: FERVIDEX_LAMP_LOOKUP[data.clear_type],
      judgements: {},
      optional: { bp: data.miss_count === -1 ? null : data.miss_count },
    },
    scoreMeta: {},
  };
  return { dryScore, song, chart };
}
