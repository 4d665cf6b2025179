import type { Database } from '@score-import/db';
import { ChartIndex, loadBundledGameData } from './charts/index.ts';
import type { ChartDocument, GameName, SongDocument } from './games/types.ts';
import { GAME_NAMES } from './games/registry.ts';

/**
 * Loads the static songs and charts into memory once per process (they only change by seeding).
 * A game with nothing in the database falls back to the bundled seed files.
 */
export async function loadChartIndex(db: Database): Promise<ChartIndex> {
  const data = {} as Record<GameName, { songs: SongDocument[]; charts: ChartDocument[] }>;
  let bundled: ReturnType<typeof loadBundledGameData> | undefined;
  for (const game of GAME_NAMES) {
    const songs = (await db.songs(game).find({}, { projection: { _id: 0 } }).toArray()) as unknown as SongDocument[];
    const charts = (await db.charts(game).find({}, { projection: { _id: 0 } }).toArray()) as unknown as ChartDocument[];
    if (songs.length > 0 && charts.length > 0) data[game] = { songs, charts };
    else data[game] = (bundled ??= loadBundledGameData())[game];
  }
  return ChartIndex.fromDocuments(data);
}

/** Writes the bundled songs and charts into the database; idempotent (replaces by id). */
export async function seedGameData(db: Database): Promise<Record<GameName, { songs: number; charts: number }>> {
  const bundled = loadBundledGameData();
  const result = {} as Record<GameName, { songs: number; charts: number }>;
  for (const game of GAME_NAMES) {
    const { songs, charts } = bundled[game];
    await db.songs(game).deleteMany({});
    await db.charts(game).deleteMany({});
    for (let i = 0; i < songs.length; i += 5_000) await db.songs(game).insertMany(songs.slice(i, i + 5_000).map((s) => ({ ...s })));
    for (let i = 0; i < charts.length; i += 5_000) await db.charts(game).insertMany(charts.slice(i, i + 5_000).map((c) => ({ ...c })));
    result[game] = { songs: songs.length, charts: charts.length };
  }
  return result;
}
