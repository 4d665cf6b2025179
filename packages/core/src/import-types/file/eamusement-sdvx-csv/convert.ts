/** One e-amusement SDVX CSV row → a dry score (Tachi's ConvertEamSDVXCSV), with its messages. */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { assertPositiveInt } from '../../../charts/resolve.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ConvertedScore } from '../../types.ts';
import { findSongOnTitle } from '../../common/songs.ts';
import type { SDVXEamusementCSVContext, SDVXEamusementCSVData } from './parse.ts';

const DIFFICULTIES: Record<string, string> = {
  NOVICE: 'NOV',
  ADVANCED: 'ADV',
  EXHAUST: 'EXH',
  MAXIMUM: 'MXM',
  INFINITE: 'INF',
  GRAVITY: 'GRV',
  HEAVENLY: 'HVN',
  VIVID: 'VVD',
  EXCEED: 'XCD',
};

const LAMPS: Record<string, string> = {
  PLAYED: 'FAILED',
  COMPLETE: 'CLEAR',
  'EXCESSIVE COMPLETE': 'EXCESSIVE CLEAR',
  'MAXXIVE COMPLETE': 'MAXXIVE CLEAR',
  'ULTIMATE CHAIN': 'ULTIMATE CHAIN',
  PERFECT: 'PERFECT ULTIMATE CHAIN',
};

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);
const notFound = (message: string) => new ScoreFailure('SongOrChartNotFound', message);

export function convertEamusementSDVXCSV(data: SDVXEamusementCSVData, _context: SDVXEamusementCSVContext, charts: GameCharts): ConvertedScore {
  const song = findSongOnTitle(charts, data.title);
  if (!song) throw notFound(`Could not find song for ${data.title}.`);

  const difficulty = Object.hasOwn(DIFFICULTIES, data.difficulty) ? DIFFICULTIES[data.difficulty] : undefined;
  if (!difficulty) throw invalid(`${data.title} - Invalid difficulty of ${data.difficulty}.`);

  const chartTitle = `${song.title} [${difficulty}]`;
  const chart = charts.findChartForSong(song.id, 'Single', difficulty, null);
  if (!chart) throw notFound(`Could not find chart for ${chartTitle}.`);

  if (chart.level !== data.level) throw invalid(`${chartTitle} - Should be level ${chart.level}, but found level ${data.level}.`);

  const score = assertPositiveInt(data.score, `${chartTitle} - Invalid score of ${data.score}.`);
  if (score > 10_000_000) throw invalid(`${chartTitle} - Invalid score of ${data.score} (was greater than 10,000,000).`);

  // Tachi's message names the score here, not the EX score: kept as it is
  const exScoreOrZero = assertPositiveInt(data.exscore, `${chartTitle} - Invalid EX score of ${data.score}.`);
  // 0 is also what the CSV says when the chart was never played with S-criticals: no EX score then
  const exScore = exScoreOrZero === 0 ? null : exScoreOrZero;

  const lamp = Object.hasOwn(LAMPS, data.lamp) ? LAMPS[data.lamp] : undefined;
  if (!lamp) throw invalid(`${chartTitle} - Invalid lamp of ${data.lamp}.`);

  return {
    song,
    chart,
    dryScore: {
      game: 'sdvx',
      service: 'e-amusement',
      importType: 'file/eamusement-sdvx-csv',
      comment: null,
      // the CSV has no timestamps
      timeAchieved: null,
      scoreData: { score, lamp, judgements: {}, optional: { exScore } },
      scoreMeta: {},
    },
  };
}
