/**
 * In-memory songs and charts of every game, indexed once for the lookups chart resolution needs
 * (spec §3.4). Songs and charts only change by seeding, so a process builds this once.
 */
import { readFileSync } from 'node:fs';
import { GAME_NAMES } from '../games/registry.ts';
import type { ChartDocument, GameName, SongDocument } from '../games/types.ts';

export interface GameData {
  songs: SongDocument[];
  charts: ChartDocument[];
}

const SEP = '\u0000';

/**
 * Case-insensitive comparison key, close to Mongo's /^…$/i (PCRE caseless, simple case folding):
 * each code point maps through its single-code-point upper case to lower case, so σ/ς/Σ agree,
 * while ß is not expanded to "ss" (a regex doesn't do that either).
 */
export function foldCase(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    if ([...upper].length === 1) {
      const lower = upper.toLowerCase();
      out += [...lower].length === 1 ? lower : upper;
    } else {
      const lower = ch.toLowerCase();
      out += [...lower].length === 1 ? lower : ch;
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Mongo's `"data.inGameID": n` matches a number or an array containing it. */
function inGameIDs(chart: ChartDocument): number[] {
  const id = chart.data?.inGameID as unknown;
  if (typeof id === 'number') return [id];
  if (Array.isArray(id)) return id.filter((x): x is number => typeof x === 'number');
  return [];
}

class GameIndex {
  readonly songs: readonly SongDocument[];
  readonly charts: readonly ChartDocument[];
  private readonly songByID = new Map<number, SongDocument>();
  private readonly chartByID = new Map<string, ChartDocument>();
  /** songID, playtype, difficulty → charts in document order */
  private readonly chartsBySongPTDF = new Map<string, ChartDocument[]>();
  /** inGameID, difficulty → charts (SDVX's query has no playtype) */
  private readonly chartsByInGameDF = new Map<string, ChartDocument[]>();
  /** inGameID, playtype, difficulty → charts */
  private readonly chartsByInGamePTDF = new Map<string, ChartDocument[]>();
  /** folded title or alt title → songs in document order */
  private readonly songsByTitle = new Map<string, SongDocument[]>();
  private readonly foldedArtist = new Map<SongDocument, string>();
  /** a chart's position in the input, standing in for Mongo's natural order */
  readonly order = new Map<ChartDocument, number>();

  constructor(data: GameData) {
    this.songs = data.songs;
    this.charts = data.charts;
    for (const song of data.songs) {
      this.songByID.set(song.id, song);
      this.foldedArtist.set(song, foldCase(song.artist ?? ''));
      const titles = new Set([song.title, ...(song.altTitles ?? [])].map(foldCase));
      for (const title of titles) push(this.songsByTitle, title, song);
    }
    data.charts.forEach((chart, i) => {
      this.order.set(chart, i);
      this.chartByID.set(chart.chartID, chart);
      push(this.chartsBySongPTDF, [chart.songID, chart.playtype, chart.difficulty].join(SEP), chart);
      for (const id of new Set(inGameIDs(chart))) {
        push(this.chartsByInGameDF, [id, chart.difficulty].join(SEP), chart);
        push(this.chartsByInGamePTDF, [id, chart.playtype, chart.difficulty].join(SEP), chart);
      }
    });
  }

  song(id: number): SongDocument | null {
    return this.songByID.get(id) ?? null;
  }

  chart(chartID: string): ChartDocument | null {
    return this.chartByID.get(chartID) ?? null;
  }

  chartsForSong(songID: number, playtype: string, difficulty: string): readonly ChartDocument[] {
    return this.chartsBySongPTDF.get([songID, playtype, difficulty].join(SEP)) ?? [];
  }

  chartsByInGameID(inGameID: number, difficulty: string, playtype?: string): readonly ChartDocument[] {
    const key = playtype === undefined ? [inGameID, difficulty].join(SEP) : [inGameID, playtype, difficulty].join(SEP);
    return (playtype === undefined ? this.chartsByInGameDF : this.chartsByInGamePTDF).get(key) ?? [];
  }

  songsByTitleAndArtist(title: string, artist: string | null, limit: number): SongDocument[] {
    const candidates = this.songsByTitle.get(foldCase(title)) ?? [];
    const wantedArtist = artist === null ? null : foldCase(artist);
    const out: SongDocument[] = [];
    for (const song of candidates) {
      if (out.length >= limit) break;
      if (wantedArtist === null || this.foldedArtist.get(song) === wantedArtist) out.push(song);
    }
    return out;
  }
}

/** Songs and charts of every game, with O(1) lookups by the keys chart resolution uses. */
export class ChartIndex {
  private readonly games: Map<GameName, GameIndex>;

  private constructor(games: Map<GameName, GameIndex>) {
    this.games = games;
  }

  static fromDocuments(data: Record<GameName, GameData>): ChartIndex {
    const games = new Map<GameName, GameIndex>();
    for (const game of Object.keys(data) as GameName[]) games.set(game, new GameIndex(data[game]));
    return new ChartIndex(games);
  }

  private game(game: GameName): GameIndex {
    const index = this.games.get(game);
    if (!index) throw new Error(`ChartIndex has no data for game ${game}.`);
    return index;
  }

  /** every song of a game, in document order */
  songs(game: GameName): readonly SongDocument[] {
    return this.game(game).songs;
  }

  /** every chart of a game, in document order */
  charts(game: GameName): readonly ChartDocument[] {
    return this.game(game).charts;
  }

  songByID(game: GameName, id: number): SongDocument | null {
    return this.game(game).song(id);
  }

  chartByID(game: GameName, chartID: string): ChartDocument | null {
    return this.game(game).chart(chartID);
  }

  /** all charts of a song for a playtype and difficulty (primary or not), in document order */
  chartsForSong(game: GameName, songID: number, playtype: string, difficulty: string): readonly ChartDocument[] {
    return this.game(game).chartsForSong(songID, playtype, difficulty);
  }

  /**
   * Tachi's FindChartWithPTDF / FindChartWithPTDFVersion: without a version the primary chart,
   * with one the first chart whose versions contain it (primary or not).
   */
  findChartForSong(
    game: GameName,
    songID: number,
    playtype: string,
    difficulty: string,
    version: string | null,
  ): ChartDocument | null {
    return pickChart(this.chartsForSong(game, songID, playtype, difficulty), version);
  }

  /**
   * Charts whose data.inGameID is (or, for array ids, contains) `inGameID`, with that difficulty;
   * restricted to a playtype when one is given. Document order.
   */
  chartsByInGameID(game: GameName, inGameID: number, difficulty: string, playtype?: string): readonly ChartDocument[] {
    return this.game(game).chartsByInGameID(inGameID, difficulty, playtype);
  }

  /**
   * Like chartsByInGameID, but for any of several difficulties (SDVX's ANY_INF) and narrowed
   * like findChartForSong: the first match in document order, or null.
   */
  findChartByInGameID(
    game: GameName,
    inGameID: number,
    difficulties: readonly string[],
    version: string | null,
    playtype?: string,
  ): ChartDocument | null {
    const index = this.game(game);
    let best: ChartDocument | null = null;
    for (const difficulty of difficulties) {
      const chart = pickChart(index.chartsByInGameID(inGameID, difficulty, playtype), version);
      if (chart && (best === null || index.order.get(chart)! < index.order.get(best)!)) best = chart;
    }
    return best;
  }

  /**
   * Songs whose title or one of whose altTitles equals `title` case-insensitively, and, when an
   * artist is given, whose artist equals it case-insensitively. At most `limit` (Tachi asks for 2
   * to detect ambiguity), in document order.
   */
  findSongsByTitle(game: GameName, title: string, artist?: string | null, limit = 2): SongDocument[] {
    return this.game(game).songsByTitleAndArtist(title, artist ?? null, limit);
  }
}

function pickChart(charts: readonly ChartDocument[], version: string | null): ChartDocument | null {
  for (const chart of charts) {
    if (version ? chart.versions.includes(version) : chart.isPrimary) return chart;
  }
  return null;
}

function readJSON<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')) as T;
}

/** The seed songs and charts bundled in packages/core/data (see data/ORIGIN.md). */
export function loadBundledGameData(): Record<GameName, GameData> {
  const data = {} as Record<GameName, GameData>;
  for (const game of GAME_NAMES) {
    data[game] = {
      songs: readJSON<SongDocument[]>(`songs-${game}.json`),
      charts: readJSON<ChartDocument[]>(`charts-${game}.json`),
    };
  }
  return data;
}
