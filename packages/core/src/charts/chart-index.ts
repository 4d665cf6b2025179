/**
 * In-memory songs and charts, one game at a time, loaded when a game is first needed and reloaded
 * when an operator loads new data (`cli seed`): static game data is the one thing a process keeps
 * in memory, so a process that never sees a game never holds its charts.
 */
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

/** Mongo's `"data.<field>": v` matches the value or an array containing it. */
function dataValues(doc: { data?: Record<string, unknown> }, field: string): unknown[] {
  const v = doc.data?.[field];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** One game's songs and charts with the lookups chart resolution needs, each built on first use. */
export class GameCharts {
  readonly songs: readonly SongDocument[];
  readonly charts: readonly ChartDocument[];
  private readonly songByID = new Map<number, SongDocument>();
  private readonly chartByID = new Map<string, ChartDocument>();
  /** songID, playtype, difficulty → charts in document order */
  private readonly bySongPTDF = new Map<string, ChartDocument[]>();
  private songsByTitle: Map<string, SongDocument[]> | null = null;
  private readonly foldedArtist = new Map<SongDocument, string>();
  private readonly chartsByData = new Map<string, Map<unknown, ChartDocument[]>>();
  private readonly songsByData = new Map<string, Map<unknown, SongDocument[]>>();
  /** a chart's position in the input, standing in for Mongo's natural order */
  private readonly order = new Map<ChartDocument, number>();

  constructor(data: GameData) {
    this.songs = data.songs;
    this.charts = data.charts;
    for (const song of data.songs) this.songByID.set(song.id, song);
    data.charts.forEach((chart, i) => {
      this.order.set(chart, i);
      this.chartByID.set(chart.chartID, chart);
      push(this.bySongPTDF, [chart.songID, chart.playtype, chart.difficulty].join(SEP), chart);
    });
  }

  get empty(): boolean {
    return this.charts.length === 0;
  }

  song(id: number): SongDocument | null {
    return this.songByID.get(id) ?? null;
  }

  chart(chartID: string): ChartDocument | null {
    return this.chartByID.get(chartID) ?? null;
  }

  /** all charts of a song for a playtype and difficulty (primary or not), in document order */
  chartsForSong(songID: number, playtype: string, difficulty: string): readonly ChartDocument[] {
    return this.bySongPTDF.get([songID, playtype, difficulty].join(SEP)) ?? [];
  }

  /**
   * Tachi's FindChartWithPTDF / FindChartWithPTDFVersion: without a version the primary chart,
   * with one the first chart whose versions contain it (primary or not).
   */
  findChartForSong(songID: number, playtype: string, difficulty: string, version: string | null): ChartDocument | null {
    return pickChart(this.chartsForSong(songID, playtype, difficulty), version);
  }

  /** Charts whose `data.<field>` is (or, for an array, contains) `value`, in document order. */
  chartsWhere(field: string, value: unknown): readonly ChartDocument[] {
    let index = this.chartsByData.get(field);
    if (!index) {
      index = new Map();
      for (const chart of this.charts) for (const v of new Set(dataValues(chart, field))) push(index, v, chart);
      this.chartsByData.set(field, index);
    }
    return index.get(value) ?? [];
  }

  /** Songs whose `data.<field>` is (or contains) `value`, in document order. */
  songsWhere(field: string, value: unknown): readonly SongDocument[] {
    let index = this.songsByData.get(field);
    if (!index) {
      index = new Map();
      for (const song of this.songs) for (const v of new Set(dataValues(song, field))) push(index, v, song);
      this.songsByData.set(field, index);
    }
    return index.get(value) ?? [];
  }

  /**
   * The first chart (document order) with `data.<field>` = value among several difficulties (SDVX's
   * ANY_INF), narrowed like findChartForSong and, when given, to a playtype.
   */
  findChartWhere(
    field: string,
    value: unknown,
    filter: { difficulties?: readonly string[]; playtype?: string; version: string | null },
  ): ChartDocument | null {
    const candidates = this.chartsWhere(field, value).filter(
      (c) =>
        (filter.playtype === undefined || c.playtype === filter.playtype) &&
        (filter.difficulties === undefined || filter.difficulties.includes(c.difficulty)),
    );
    if (filter.difficulties === undefined || filter.difficulties.length <= 1) return pickChart(candidates, filter.version);
    // one pick per difficulty, then the earliest of those (as one query per difficulty would)
    let best: ChartDocument | null = null;
    for (const difficulty of filter.difficulties) {
      const chart = pickChart(
        candidates.filter((c) => c.difficulty === difficulty),
        filter.version,
      );
      if (chart && (best === null || this.order.get(chart)! < this.order.get(best)!)) best = chart;
    }
    return best;
  }

  /**
   * Songs whose title or one of whose altTitles equals `title` case-insensitively, and, when an
   * artist is given, whose artist equals it case-insensitively. At most `limit` (Tachi asks for 2
   * to detect ambiguity), in document order.
   */
  findSongsByTitle(title: string, artist: string | null, limit = 2): SongDocument[] {
    if (!this.songsByTitle) {
      this.songsByTitle = new Map();
      for (const song of this.songs) {
        this.foldedArtist.set(song, foldCase(song.artist ?? ''));
        for (const t of new Set([song.title, ...(song.altTitles ?? [])].map(foldCase))) push(this.songsByTitle, t, song);
      }
    }
    const wantedArtist = artist === null ? null : foldCase(artist);
    const out: SongDocument[] = [];
    for (const song of this.songsByTitle.get(foldCase(title)) ?? []) {
      if (out.length >= limit) break;
      if (wantedArtist === null || this.foldedArtist.get(song) === wantedArtist) out.push(song);
    }
    return out;
  }
}

function pickChart(charts: readonly ChartDocument[], version: string | null): ChartDocument | null {
  for (const chart of charts) {
    if (version ? chart.versions.includes(version) : chart.isPrimary) return chart;
  }
  return null;
}

/** Where a ChartIndex gets a game's data, and how it learns that the data changed. */
export interface GameDataSource {
  /** an opaque version of the game's data as stored now (cheap: one small read) */
  version(game: GameName): Promise<string>;
  load(game: GameName, version: string): Promise<GameData>;
}

/** How long a process trusts the version it last saw before asking again. */
const RECHECK_MS = 1_000;

interface Entry {
  version: string;
  charts: GameCharts;
  checkedAt: number;
}

/**
 * Songs and charts of every game, loaded per game on first use and reloaded when the stored data
 * changes: a running process picks up data an operator seeds within a second, without a restart.
 */
export class ChartIndex {
  private readonly entries = new Map<GameName, Entry>();
  private readonly pending = new Map<GameName, Promise<GameCharts>>();

  constructor(private readonly source: GameDataSource) {}

  /** An index over fixed data (tests, tools): never reloads. */
  static fromDocuments(data: Partial<Record<GameName, GameData>>): ChartIndex {
    return new ChartIndex({
      version: async () => 'fixed',
      load: async (game) => data[game] ?? { songs: [], charts: [] },
    });
  }

  /** The game's songs and charts, loading (or reloading) them if need be. */
  async game(game: GameName): Promise<GameCharts> {
    const entry = this.entries.get(game);
    if (entry && Date.now() - entry.checkedAt < RECHECK_MS) return entry.charts;
    let pending = this.pending.get(game);
    if (!pending) {
      pending = this.refresh(game, entry).finally(() => this.pending.delete(game));
      this.pending.set(game, pending);
    }
    return pending;
  }

  /** The game's songs and charts as stored now, for a process that has just changed them. */
  async reload(game: GameName): Promise<GameCharts> {
    await this.pending.get(game)?.catch(() => {});
    return this.refresh(game, undefined);
  }

  /** The games loaded in this process (for metrics and tests). */
  loadedGames(): GameName[] {
    return [...this.entries.keys()];
  }

  private async refresh(game: GameName, entry: Entry | undefined): Promise<GameCharts> {
    const version = await this.source.version(game);
    if (entry && entry.version === version) {
      entry.checkedAt = Date.now();
      return entry.charts;
    }
    const charts = new GameCharts(await this.source.load(game, version));
    this.entries.set(game, { version, charts, checkedAt: Date.now() });
    return charts;
  }
}
