/**
 * BATCH-MANUAL matchType → song and chart (spec §3.4, Tachi's ResolveMatchTypeToTachiData), with
 * Tachi's failure types and messages, for every match type of every game.
 */
import { ScoreFailure } from '../errors.ts';
import { formatGame, gpt } from '../games/registry.ts';
import type { ChartDocument, GameName, MatchType, SongDocument } from '../games/types.ts';
import type { GameCharts } from './chart-index.ts';

export interface ResolvedChart {
  song: SongDocument;
  chart: ChartDocument;
}

/** What a lookup needs of the score: BATCH-MANUAL's fields. */
export interface ChartReference {
  matchType: MatchType;
  identifier: string;
  difficulty?: string | null;
  artist?: string | null;
}

export interface ChartContext {
  game: GameName;
  playtype: string;
  version: string | null;
}

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);
const notFound = (message: string) => new ScoreFailure('SongOrChartNotFound', message);
// the pipeline records a ScoreFailure's message as is; Tachi shows this text for internal failures
const internal = () => new ScoreFailure('InternalError', 'An internal error has occured.');

/** the difficulties sdvxInGameID's ANY_INF stands for */
const SDVX_ANY_INF = ['INF', 'GRV', 'HVN', 'VVD', 'XCD'] as const;

/** Tachi's AssertStrAsDifficulty (DYNAMIC difficulties take any string; CHUNITHM's WORLD'S END has its own message). */
export function assertDifficulty(value: unknown, game: GameName, playtype: string): string {
  const difficulties = gpt(game, playtype).config.difficulties;
  if (difficulties.type === 'DYNAMIC') return value as string;
  if (typeof value !== 'string' || !difficulties.order.includes(value)) {
    if (game === 'chunithm' && value === "WORLD'S END") throw invalid("WORLD'S END is not supported. Sorry.");
    throw invalid(`Invalid Difficulty for ${game} ${playtype} - Expected any of ${difficulties.order.join(', ')} (Got ${String(value)})`);
  }
  return value;
}

const INTEGER = /^-?\d+$/u;

/** Tachi's AssertStrAsPositiveInt: 0 is allowed. */
export function assertPositiveInt(text: string, errorMessage: string): number {
  if (!INTEGER.test(text)) throw invalid(`${errorMessage} (Not an integer -- ${text}.)`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw invalid(`${errorMessage} (Not an integer -- ${text}.)`);
  if (n < 0) throw invalid(`${errorMessage} (Was negative -- ${text}.)`);
  return n;
}

/** Tachi's ResolveChartFromSong, used by songTitle and tachiSongID. */
function chartFromSong(charts: GameCharts, song: SongDocument, ref: ChartReference, ctx: ChartContext): ChartDocument {
  if (!ref.difficulty) throw invalid("Missing 'difficulty' field, but was necessary for this lookup.");
  const difficulty = assertDifficulty(ref.difficulty, ctx.game, ctx.playtype);
  const chart = charts.findChartForSong(song.id, ctx.playtype, difficulty, ctx.version);
  if (!chart) throw notFound(`Cannot find chart for ${song.title} (${ctx.playtype} ${difficulty})`);
  return chart;
}

function songOf(charts: GameCharts, chart: ChartDocument): SongDocument {
  const song = charts.song(chart.songID);
  // a chart without its song is a seed desync, not the user's fault
  if (!song) throw internal();
  return song;
}

/**
 * Finds the song and chart a score refers to. Throws ScoreFailure: InvalidDatapoint (bad
 * matchType, difficulty, identifier or version), SongOrChartNotFound (→ orphan) or AmbiguousTitle.
 */
export function resolveChart(charts: GameCharts, ref: ChartReference, ctx: ChartContext): ResolvedChart {
  const { game, playtype, version } = ctx;
  const config = gpt(game, playtype).config;
  const { matchType, identifier } = ref;

  if (!config.supportedMatchTypes.includes(matchType)) {
    if (game === 'sdvx' && matchType === 'inGameID') {
      throw invalid(`Cannot use matchType inGameID for ${formatGame(game, playtype)}. Use 'sdvxInGameID' instead.`);
    }
    throw invalid(`Cannot use matchType ${matchType} for ${formatGame(game, playtype)}. Expected any of ${config.supportedMatchTypes.join(', ')}.`);
  }

  switch (matchType) {
    case 'tachiSongID': {
      const songID = assertPositiveInt(identifier, 'Invalid songID - must be a stringified positive integer.');
      const song = charts.song(songID);
      if (!song) throw notFound(`Cannot find song with songID ${identifier}.`);
      return { song, chart: chartFromSong(charts, song, ref, ctx) };
    }

    case 'songTitle': {
      const artist = ref.artist || null;
      const songs = charts.findSongsByTitle(identifier, artist, 2);
      if (songs.length > 1) {
        throw new ScoreFailure(
          'AmbiguousTitle',
          artist === null
            ? `Multiple songs exist with the case-insensitive title ${identifier}. We cannot resolve this. Please try adding an artist field.`
            : `Multiple songs exist with the case-insensitive title ${identifier} by artist ${artist}. We cannot resolve this. Please try and use a different song resolution method.`,
        );
      }
      if (songs.length === 0) throw notFound(`Cannot find song with title ${identifier}.`);
      return { song: songs[0], chart: chartFromSong(charts, songs[0], ref, ctx) };
    }

    case 'sdvxInGameID': {
      // Number() as Tachi does: non-numeric identifiers become NaN and match nothing
      const inGameID = Number(identifier);
      const difficulty = ref.difficulty;
      const order = config.difficulties.type === 'FIXED' ? config.difficulties.order : [];
      const isAnyInf = difficulty === 'ANY_INF';
      if (!isAnyInf && (typeof difficulty !== 'string' || !order.includes(difficulty))) {
        throw invalid(`Invalid difficulty '${String(difficulty)}', Expected any of ${order.join(', ')} or ANY_INF`);
      }
      if (version && !config.versions.includes(version)) {
        throw invalid(`Unsupported version ${version}. Expected any of ${config.versions.join(', ')}.`);
      }
      const chart = charts.findChartWhere('inGameID', inGameID, { difficulties: isAnyInf ? SDVX_ANY_INF : [difficulty as string], version });
      if (!chart) throw notFound(`Cannot find SDVX chart with inGameID ${inGameID}, difficulty ${String(difficulty)} and version ${String(version)}.`);
      return { song: songOf(charts, chart), chart };
    }

    case 'inGameID':
    case 'inGameStrID': {
      const value = matchType === 'inGameID' ? Number(identifier) : identifier;
      const difficulty = assertDifficulty(ref.difficulty, game, playtype);
      const chart = charts.findChartWhere(matchType, value, { difficulties: [difficulty], playtype, version });
      if (!chart) throw notFound(`Cannot find chart for ${matchType} ${identifier} (${playtype}).`);
      return { song: songOf(charts, chart), chart };
    }

    case 'bmsChartHash': {
      // MD5 or SHA-256, in this game's charts: unlike Tachi (which only looks at BMS), PMS charts are found too
      // PMS has one chart per playtype with the same hashes: the import's playtype's one first
      const matches = [...charts.chartsWhere('hashMD5', identifier), ...charts.chartsWhere('hashSHA256', identifier)];
      const chart = matches.find((c) => c.playtype === playtype) ?? matches[0];
      if (!chart) throw notFound(`Cannot find chart for hash ${identifier}.`);
      if (chart.playtype !== playtype) {
        throw invalid(`Chart ${chart.chartID}'s playtype was ${chart.playtype}, but this was not equal to the import playtype of ${playtype}.`);
      }
      return { song: songOf(charts, chart), chart };
    }

    case 'itgChartHash': {
      const chart = charts.chartsWhere('hashGSv3', identifier)[0];
      if (!chart) throw notFound(`Cannot find chart for itgChartHash ${identifier}.`);
      return { song: songOf(charts, chart), chart };
    }

    case 'popnChartHash': {
      if (playtype !== '9B') throw invalid(`Invalid playtype '${playtype}', expected 9B.`);
      const chart = charts.chartsWhere('hashSHA256', identifier).find((c) => c.playtype === playtype);
      if (!chart) throw notFound(`Cannot find chart for popnChartHash ${identifier} (${playtype}).`);
      return { song: songOf(charts, chart), chart };
    }

    case 'uscChartHash': {
      if (game !== 'usc') throw invalid('uscChartHash matchType can only be used on USC.');
      if (playtype !== 'Controller' && playtype !== 'Keyboard') throw invalid('Invalid playtype, expected Keyboard or Controller.');
      const chart = charts.chartsWhere('hashSHA1', identifier).find((c) => c.playtype === playtype);
      if (!chart) throw notFound(`Cannot find chart with hash ${identifier}.`);
      return { song: songOf(charts, chart), chart };
    }

    case 'ddrSongHash': {
      if (game !== 'ddr') throw invalid('ddrSongHash matchType can only be used on DDR.');
      const difficulty = assertDifficulty(ref.difficulty, game, playtype);
      const song = charts.songsWhere('ddrSongHash', identifier)[0];
      if (!song) throw notFound(`Cannot find song with ddrSongHash ${identifier}.`);
      if (!charts.charts.some((c) => c.songID === song.id)) throw internal();
      const chart = charts.findChartForSong(song.id, playtype, difficulty, version);
      if (!chart) throw notFound(`Found song with ddrSongHash ${identifier} but cannot find chart ${playtype} ${difficulty}.`);
      return { song, chart };
    }

    default:
      throw invalid(`Invalid matchType ${String(matchType)}.`);
  }
}
