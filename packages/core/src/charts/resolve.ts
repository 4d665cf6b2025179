/** BATCH-MANUAL matchType → song and chart (spec §3.4), with Tachi's failure types and messages. */
import type { BatchManualContext } from '../batch-manual/parse.ts';
import type { BatchManualScore } from '../batch-manual/schema.ts';
import { ScoreFailure } from '../errors.ts';
import { GAMES, formatGame } from '../games/registry.ts';
import { SDVX_ANY_INF } from '../games/sdvx.ts';
import type { ChartDocument, GameConfig, SongDocument } from '../games/types.ts';
import type { ChartIndex } from './chart-index.ts';

export interface ResolvedChart {
  song: SongDocument;
  chart: ChartDocument;
}

const invalid = (message: string) => new ScoreFailure('InvalidDatapoint', message);
const notFound = (message: string) => new ScoreFailure('SongOrChartNotFound', message);
// the pipeline records a ScoreFailure's message as is; Tachi shows this text for internal failures
const internal = () => new ScoreFailure('InternalError', 'An internal error has occured.');

/** Tachi's AssertStrAsDifficulty (plus its CHUNITHM WORLD'S END special case). */
function assertDifficulty(value: unknown, config: GameConfig, playtype: string): string {
  if (config.game === 'chunithm' && value === "WORLD'S END") throw invalid("WORLD'S END is not supported. Sorry.");
  if (typeof value !== 'string' || !config.difficulties.includes(value)) {
    throw invalid(
      `Invalid Difficulty for ${config.game} ${playtype} - Expected any of ${config.difficulties.join(', ')} (Got ${String(value)})`,
    );
  }
  return value;
}

const INTEGER = /^-?\d+$/u;

/** Tachi's AssertStrAsPositiveInt: 0 is allowed. */
function assertPositiveInt(text: string, errorMessage: string): number {
  if (!INTEGER.test(text)) throw invalid(`${errorMessage} (Not an integer -- ${text}.)`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw invalid(`${errorMessage} (Not an integer -- ${text}.)`);
  if (n < 0) throw invalid(`${errorMessage} (Was negative -- ${text}.)`);
  return n;
}

/** Tachi's ResolveChartFromSong, used by songTitle and tachiSongID. */
function chartFromSong(index: ChartIndex, song: SongDocument, score: BatchManualScore, context: BatchManualContext): ChartDocument {
  if (!score.difficulty) throw invalid("Missing 'difficulty' field, but was necessary for this lookup.");
  const config = GAMES[context.game];
  const difficulty = assertDifficulty(score.difficulty, config, context.playtype);
  const chart = index.findChartForSong(context.game, song.id, context.playtype, difficulty, context.version || null);
  if (!chart) throw notFound(`Cannot find chart for ${song.title} (${context.playtype} ${difficulty})`);
  return chart;
}

function songOfChart(index: ChartIndex, context: BatchManualContext, chart: ChartDocument): SongDocument {
  const song = index.songByID(context.game, chart.songID);
  // a chart without its song is a seed desync, not the user's fault
  if (!song) throw internal();
  return song;
}

/**
 * Finds the song and chart a BATCH-MANUAL score refers to. Throws ScoreFailure: InvalidDatapoint
 * (bad matchType, difficulty, identifier or version), SongOrChartNotFound (→ orphan) or
 * AmbiguousTitle.
 */
export function resolveChart(index: ChartIndex, score: BatchManualScore, context: BatchManualContext): ResolvedChart {
  const { game, playtype } = context;
  const config = GAMES[game];
  const matchType = score.matchType;

  if (!config.supportedMatchTypes.includes(matchType)) {
    if (game === 'sdvx' && matchType === 'inGameID') {
      throw invalid(`Cannot use matchType inGameID for ${formatGame(config, playtype)}. Use 'sdvxInGameID' instead.`);
    }
    throw invalid(
      `Cannot use matchType ${matchType} for ${formatGame(config, playtype)}. Expected any of ${config.supportedMatchTypes.join(', ')}.`,
    );
  }

  switch (matchType) {
    case 'tachiSongID': {
      const songID = assertPositiveInt(score.identifier, 'Invalid songID - must be a stringified positive integer.');
      const song = index.songByID(game, songID);
      if (!song) throw notFound(`Cannot find song with songID ${score.identifier}.`);
      return { song, chart: chartFromSong(index, song, score, context) };
    }

    case 'songTitle': {
      const title = score.identifier;
      const artist = score.artist || null;
      const songs = index.findSongsByTitle(game, title, artist, 2);
      if (songs.length > 1) {
        throw new ScoreFailure(
          'AmbiguousTitle',
          artist === null
            ? `Multiple songs exist with the case-insensitive title ${title}. We cannot resolve this. Please try adding an artist field.`
            : `Multiple songs exist with the case-insensitive title ${title} by artist ${artist}. We cannot resolve this. Please try and use a different song resolution method.`,
        );
      }
      if (songs.length === 0) throw notFound(`Cannot find song with title ${title}.`);
      const song = songs[0];
      return { song, chart: chartFromSong(index, song, score, context) };
    }

    case 'sdvxInGameID': {
      // Number() as Tachi does: non-numeric identifiers become NaN and match nothing
      const inGameID = Number(score.identifier);
      const difficulty = score.difficulty;
      const isAnyInf = difficulty === 'ANY_INF';
      if (!isAnyInf && (typeof difficulty !== 'string' || !config.difficulties.includes(difficulty))) {
        throw invalid(
          `Invalid difficulty '${String(difficulty)}', Expected any of ${config.difficulties.join(', ')} or ANY_INF`,
        );
      }
      const version = context.version;
      if (version && !config.versions.includes(version)) {
        throw invalid(`Unsupported version ${version}. Expected any of ${config.versions.join(', ')}.`);
      }
      const chart = index.findChartByInGameID(game, inGameID, isAnyInf ? SDVX_ANY_INF : [difficulty as string], version || null);
      if (!chart) {
        throw notFound(
          `Cannot find SDVX chart with inGameID ${inGameID}, difficulty ${String(difficulty)} and version ${String(version)}.`,
        );
      }
      return { song: songOfChart(index, context, chart), chart };
    }

    case 'inGameID': {
      const inGameID = Number(score.identifier);
      const difficulty = assertDifficulty(score.difficulty, config, playtype);
      const chart = index.findChartByInGameID(game, inGameID, [difficulty], context.version || null, playtype);
      if (!chart) throw notFound(`Cannot find chart for inGameID ${score.identifier} (${playtype}).`);
      return { song: songOfChart(index, context, chart), chart };
    }

    default:
      // hash matchTypes belong to games this service does not import; no config lists them
      throw invalid(`Invalid matchType ${matchType}.`);
  }
}
