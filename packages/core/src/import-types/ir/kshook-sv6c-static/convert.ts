/** One score of the Konaste hook's static export → a dry score (Tachi's ConverterKsHookSV6CStatic). */
import type { GameCharts } from '../../../charts/chart-index.ts';
import type { ConvertedScore } from '../../types.ts';
import { konasteChart, sv6cLamp } from '../kshook-sv6c/convert.ts';
import type { KsHookSV6CStaticContext, KsHookSV6CStaticScore } from './parse.ts';

export function convertKsHookSV6CStatic(data: KsHookSV6CStaticScore, _context: KsHookSV6CStaticContext, charts: GameCharts): ConvertedScore {
  const { chart, song } = konasteChart(charts, data.music_id, data.difficulty);
  return {
    song,
    chart,
    dryScore: {
      game: 'sdvx',
      service: 'kshook SV6C Static',
      // sic: Tachi stores these scores under the live hook's import type
      importType: 'ir/kshook-sv6c',
      comment: null,
      timeAchieved: data.timestamp * 1000,
      scoreData: {
        score: data.score,
        lamp: sv6cLamp(data.clear),
        judgements: {},
        optional: { maxCombo: data.max_chain, exScore: data.ex_score },
      },
      scoreMeta: {},
    },
  };
}
