/** One Solid State Squad score → a dry score (Tachi's ConvertFileS3), with its messages. */
import type { GameCharts } from '../../../charts/chart-index.ts';
import { ScoreFailure } from '../../../errors.ts';
import type { ConvertedScore } from '../../types.ts';
import { findSongOnTitleInsensitive } from '../../common/songs.ts';
import type { S3Context, S3Score } from './parse.ts';

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);
const notFound = (message: string) => new ScoreFailure('SongOrChartNotFound', message);

/** Tachi's ParseDifficulty (5KEY charts are dropped by the parser's caller, see index.ts) */
export function s3Difficulty(diff: S3Score['diff']): { playtype: 'SP' | 'DP'; difficulty: string } {
  switch (diff) {
    case 'L7':
      return { playtype: 'SP', difficulty: 'NORMAL' };
    case 7:
      return { playtype: 'SP', difficulty: 'HYPER' };
    case 'A':
      return { playtype: 'SP', difficulty: 'ANOTHER' };
    case 'B':
      return { playtype: 'SP', difficulty: 'LEGGENDARIA' };
    case 'L14':
      return { playtype: 'DP', difficulty: 'NORMAL' };
    case 14:
      return { playtype: 'DP', difficulty: 'HYPER' };
    case 'A14':
      return { playtype: 'DP', difficulty: 'ANOTHER' };
    case 'B14':
      return { playtype: 'DP', difficulty: 'LEGGENDARIA' };
    default:
      throw invalid(`Invalid difficulty ${String(diff)}.`);
  }
}

/** Tachi's ResolveS3Lamp */
export function s3Lamp(data: Pick<S3Score, 'cleartype' | 'mods'>): string {
  switch (data.cleartype) {
    case 'played':
      return 'FAILED';
    case 'cleared':
      switch (data.mods.hardeasy) {
        case 'E':
          return 'EASY CLEAR';
        case 'H':
          return 'HARD CLEAR';
        case undefined:
          return 'CLEAR';
        default:
          throw invalid(`Invalid hardeasy of ${String(data.mods.hardeasy)} while evaluating a 'cleared' score?`);
      }
    case 'combo':
    case 'comboed':
    case 'perfect':
    case 'perfected':
      return 'FULL COMBO';
    default:
      throw invalid(`Invalid cleartype of ${String(data.cleartype)}.`);
  }
}

const S3_VERSIONS: Record<string, string> = {
  '3rd': '3-cs',
  '4th': '4-cs',
  '5th': '5-cs',
  '6th': '6-cs',
  '7th': '7-cs',
  '8th': '8-cs',
  '9th': '9-cs',
  '10th': '10-cs',
  red: '11-cs',
  hs: '12-cs',
  dd: '13-cs',
  gold: '14-cs',
  djt: '15-cs',
  emp: '16-cs',
  pb: '16-cs',
  us: 'bmus',
};

/** the last of the score's styles is the version it was played on */
function s3Version(joinedStyles: string): string {
  const styles = joinedStyles.split(',');
  const style = styles[styles.length - 1];
  if (!style) throw invalid('Song has invalid style -- Score has no styles?');
  const version = Object.hasOwn(S3_VERSIONS, style) ? S3_VERSIONS[style] : undefined;
  if (!version) throw invalid(`Song has invalid style ${style}.`);
  return version;
}

/** Tachi's ParseDateFromString: as Date.parse reads it, SSS's "YYYY-MM-DD HH:MM:SS" in UTC */
function parseDate(text: string): number | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/u.exec(text);
  const date = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)) : Date.parse(text);
  if (Number.isNaN(date)) throw invalid(`Invalid/Unparsable score timestamp of ${text}.`);
  return date;
}

export function convertSolidStateScore(data: S3Score, _context: S3Context, charts: GameCharts): ConvertedScore {
  const song = findSongOnTitleInsensitive(charts, data.songname);
  if (!song) throw notFound(`Could not find song with title ${data.songname}`);

  const { playtype, difficulty } = s3Difficulty(data.diff);
  const version = s3Version(data.styles);

  const chart = charts.findChartForSong(song.id, playtype, difficulty, version);
  if (!chart) throw notFound(`Could not find chart ${data.songname} (${playtype} ${difficulty} version (${version}))`);

  const lamp = s3Lamp(data);
  const timeAchieved = parseDate(data.date);

  const judgements: Record<string, number> = data.scorebreakdown
    ? {
        pgreat: data.scorebreakdown.justgreats,
        great: data.scorebreakdown.greats,
        good: data.scorebreakdown.good,
        bad: data.scorebreakdown.bad,
        poor: data.scorebreakdown.poor,
      }
    : {};

  return {
    song,
    chart,
    dryScore: {
      game: 'iidx',
      service: 'Solid State Squad',
      importType: 'file/solid-state-squad',
      comment: data.comment ?? null,
      timeAchieved,
      scoreData: { score: data.exscore, lamp, judgements, optional: {} },
      scoreMeta: {},
    },
  };
}
