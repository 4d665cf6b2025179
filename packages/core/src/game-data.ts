/**
 * Static game data (songs and charts, Tachi's seed format): the bundled seeds, loading them into
 * the database (`cli seed`, `cli seed --from <dir>`), and the source every process's ChartIndex
 * reads from. Each game's data carries a version (a hash of its files) in `counters`; processes
 * compare it at most once a second and reload a game whose version changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '@score-import/db';
import { ChartIndex, type GameData, type GameDataSource } from './charts/chart-index.ts';
import { ALL_GAMES, type ChartDocument, type GameName, type SongDocument } from './games/types.ts';

/** packages/core/data: Tachi's seeds (see data/ORIGIN.md) */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

const marker = (game: GameName) => `game-data:${game}`;

interface SeedFiles {
  songs: string;
  charts: string;
}

function seedFiles(dir: string, game: GameName): SeedFiles | null {
  const songs = join(dir, `songs-${game}.json`);
  const charts = join(dir, `charts-${game}.json`);
  return existsSync(songs) && existsSync(charts) ? { songs, charts } : null;
}

function filesVersion(files: SeedFiles): string {
  return createHash('sha256').update(readFileSync(files.songs)).update(readFileSync(files.charts)).digest('hex');
}

const bundledVersions = new Map<GameName, string | null>();

/** The version of a game's bundled seed files, or null when none are bundled. */
export function bundledVersion(game: GameName): string | null {
  if (!bundledVersions.has(game)) {
    const files = seedFiles(BUNDLED_DATA_DIR, game);
    bundledVersions.set(game, files ? filesVersion(files) : null);
  }
  return bundledVersions.get(game)!;
}

/** The games whose seeds are bundled in packages/core/data. */
export function bundledGames(): GameName[] {
  return ALL_GAMES.filter((g) => seedFiles(BUNDLED_DATA_DIR, g) !== null);
}

function readSeed(files: SeedFiles): GameData {
  return {
    songs: JSON.parse(readFileSync(files.songs, 'utf8')) as SongDocument[],
    charts: JSON.parse(readFileSync(files.charts, 'utf8')) as ChartDocument[],
  };
}

/** The bundled songs and charts of a game (empty when none are bundled). */
export function loadBundledGame(game: GameName): GameData {
  const files = seedFiles(BUNDLED_DATA_DIR, game);
  return files ? readSeed(files) : { songs: [], charts: [] };
}

/**
 * Where processes read game data: the database's version marker says what was seeded. When it
 * is the bundled version (or nothing was seeded), the bundled files are read: the same documents,
 * without pulling thousands of them over the wire. Otherwise the database's documents are read.
 */
export function databaseGameDataSource(db: Database): GameDataSource {
  return {
    async version(game) {
      const doc = await db.counters.findOne({ _id: marker(game) as never }, { projection: { version: 1 } });
      return (doc?.version as string | undefined) ?? `bundled:${bundledVersion(game) ?? 'none'}`;
    },
    async load(game, version) {
      if (version.startsWith('bundled:') || version === bundledVersion(game)) return loadBundledGame(game);
      const [songs, charts] = await Promise.all([
        db.songs(game).find({}, { projection: { _id: 0 } }).toArray() as unknown as Promise<SongDocument[]>,
        db.charts(game).find({}, { projection: { _id: 0 } }).toArray() as unknown as Promise<ChartDocument[]>,
      ]);
      return { songs, charts };
    },
  };
}

/** The ChartIndex of a process: every game loads when first used. */
export function loadChartIndex(db: Database): ChartIndex {
  return new ChartIndex(databaseGameDataSource(db));
}

/**
 * The game's songs and charts as stored documents, ready to gain one created at run time (an
 * unorphaned chart, pipeline/orphan-charts.ts): a game read from its bundled files is seeded first.
 * Returns the highest song ID stored.
 */
export async function storedGameData(db: Database, game: GameName): Promise<number> {
  const stored = await db.counters.findOne({ _id: marker(game) as never }, { projection: { version: 1 } });
  if (!stored && bundledVersion(game) !== null) await seedGame(db, game, seedFiles(BUNDLED_DATA_DIR, game)!, BUNDLED_DATA_DIR);
  await db.songs(game).createIndex({ id: 1 }, { unique: true });
  await db.charts(game).createIndex({ chartID: 1 }, { unique: true });
  const [top] = await db.songs(game).find({}, { projection: { _id: 0, id: 1 } }).sort({ id: -1 }).limit(1).toArray();
  return (top?.id as number | undefined) ?? 0;
}

/** Adds a song and chart to the stored data (idempotent); processes see them once `gameDataChanged`. */
export async function addSongAndChart(db: Database, game: GameName, song: SongDocument, chart: ChartDocument): Promise<void> {
  await db.songs(game).updateOne({ id: song.id }, { $setOnInsert: song }, { upsert: true });
  await db.charts(game).updateOne({ chartID: chart.chartID }, { $setOnInsert: chart }, { upsert: true });
}

/** Moves the game's version marker: every process reloads the game's stored data within a second. */
export async function gameDataChanged(db: Database, game: GameName, version: string): Promise<void> {
  await db.counters.updateOne({ _id: marker(game) as never }, { $set: { version } }, { upsert: true });
}

export interface SeedResult {
  game: GameName;
  songs: number;
  charts: number;
  source: string;
}

/**
 * Loads every `songs-<game>.json` / `charts-<game>.json` pair of `dir` (Tachi's seed format; the
 * bundled seeds by default) into the database, replacing that game's songs and charts, then moves
 * the game's version marker, so running API instances and workers use the new data within a second.
 * Idempotent. Files of unknown games are ignored.
 */
export async function seedGameData(db: Database, dir: string = BUNDLED_DATA_DIR): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  const present = new Set(readdirSync(dir));
  for (const game of ALL_GAMES) {
    if (!present.has(`songs-${game}.json`) || !present.has(`charts-${game}.json`)) continue;
    results.push(await seedGame(db, game, seedFiles(dir, game)!, dir));
  }
  return results;
}

async function seedGame(db: Database, game: GameName, files: SeedFiles, dir: string): Promise<SeedResult> {
  const { songs, charts } = readSeed(files);
  if (!Array.isArray(songs) || !Array.isArray(charts)) throw new Error(`${dir}: songs-${game}.json and charts-${game}.json must hold arrays`);
  // one index per command: FerretDB v1 panics on a multi-index createIndexes that finds them existing
  await db.songs(game).createIndex({ id: 1 }, { unique: true });
  await db.charts(game).createIndex({ chartID: 1 }, { unique: true });
  await db.songs(game).deleteMany({});
  await db.charts(game).deleteMany({});
  for (let i = 0; i < songs.length; i += 5_000) await db.songs(game).insertMany(songs.slice(i, i + 5_000).map((s) => ({ ...s })));
  for (let i = 0; i < charts.length; i += 5_000) await db.charts(game).insertMany(charts.slice(i, i + 5_000).map((c) => ({ ...c })));
  await db.counters.replaceOne({ _id: marker(game) as never }, { version: filesVersion(files), source: dir }, { upsert: true });
  return { game, songs: songs.length, charts: charts.length, source: dir };
}
