/** One WaccaMyPageScraper PB → a dry score (Tachi's ConvertMyPageScraperRecordsCSV), with its messages. */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ConvertedScore } from '../../types.ts';
import { findSongOnTitle } from '../../common/songs.ts';
import type { MyPageRecordsParsedPB, MyPageScraperContext } from './parse.ts';

const DIFFICULTIES = ['NORMAL', 'HARD', 'EXPERT', 'INFERNO'] as const;
const LAMPS = ['FAILED', 'CLEAR', 'MISSLESS', 'FULL COMBO', 'ALL MARVELOUS'] as const;

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);
const notFound = (message: string) => new ScoreFailure('SongOrChartNotFound', message);

export function convertMyPageScraperRecord(data: MyPageRecordsParsedPB, _context: MyPageScraperContext, charts: GameCharts): ConvertedScore {
  // by title, as Tachi does (music_id is not yet known to match the seeds' inGameIDs)
  const song = findSongOnTitle(charts, data.songTitle);
  if (song === null) throw notFound(`Could not find song for ${data.songTitle}.`);

  const difficulty = Number.isInteger(data.diffIndex) ? DIFFICULTIES[data.diffIndex] : undefined;
  if (difficulty === undefined) {
    throw invalid(`Invalid difficulty index of ${data.diffIndex}. This corresponds to some unknown difficulty. Invalid input?`);
  }

  const chartTitle = `${song.title} [${difficulty}]`;
  const chart = charts.findChartForSong(song.id, 'Single', difficulty, null);
  if (chart === null) throw notFound(`Could not find chart for ${chartTitle}.`);

  if (chart.level !== data.level) throw invalid(`${chartTitle} - Should be level ${chart.level}, but found level ${data.level}.`);

  const lamp = Number.isInteger(data.lamp) ? LAMPS[data.lamp] : undefined;
  if (lamp === undefined) throw invalid(`${chartTitle} - Invalid lamp of ${data.lamp}.`);

  return {
    song,
    chart,
    dryScore: {
      game: 'wacca',
      service: 'mypage-scraper',
      importType: 'file/mypagescraper-records-csv',
      comment: null,
      // a PB, not a play: no timestamp
      timeAchieved: null,
      scoreData: { score: data.score, lamp, judgements: {}, optional: {} },
      scoreMeta: {},
    },
  };
}
