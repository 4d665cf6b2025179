import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '@score-import/db';
import { ChartIndex, loadBundledGameData } from './charts/index.ts';
import type { ChartDocument, GameName, SongDocument } from './games/types.ts';
import { GAME_NAMES } from './games/registry.ts';

const GAME_DATA_MARKER = 'game-data';

/** Fingerprint of the bundled seed files: `seed` records it, so processes know the database holds exactly them. */
export function bundledGameDataVersion(): string {
  const hash = createHash('sha256');
  for (const game of GAME_NAMES) {
    for (const kind of ['songs', 'charts']) {
      hash.update(readFileSync(new URL(`../data/${kind}-${game}.json`, import.meta.url)));
    }
  }
  return hash.digest('hex');
}

/**
 * Loads the static songs and charts into memory once per process (they only change by seeding).
 * When the database holds exactly the bundled data (seeded from this version), the bundled files
 * are read instead: the same documents, without pulling 15,000 of them over the wire. A game with
 * nothing in the database falls back to the bundled files too.
 */
export async function loadChartIndex(db: Database): Promise<ChartIndex> {
  const marker = await db.counters.findOne({ _id: GAME_DATA_MARKER as never }, { projection: { version: 1 } });
  if (marker?.version === bundledGameDataVersion()) return ChartIndex.fromDocuments(loadBundledGameData());

  const data = {} as Record<GameName, { songs: SongDocument[]; charts: ChartDocument[] }>;
  let bundled: ReturnType<typeof loadBundledGameData> | undefined;
  for (const game of GAME_NAMES) {
    const [songs, charts] = await Promise.all([
      db.songs(game).find({}, { projection: { _id: 0 } }).toArray() as unknown as Promise<SongDocument[]>,
      db.charts(game).find({}, { projection: { _id: 0 } }).toArray() as unknown as Promise<ChartDocument[]>,
    ]);
    if (songs.length > 0 && charts.length > 0) data[game] = { songs, charts };
    else data[game] = (bundled ??= loadBundledGameData())[game];
  }
  return ChartIndex.fromDocuments(data);
}

/** Writes the bundled songs and charts into the database; idempotent (replaces them whole). */
export async function seedGameData(db: Database): Promise<Record<GameName, { songs: number; charts: number }>> {
  const bundled = loadBundledGameData();
  const result = {} as Record<GameName, { songs: number; charts: number }>;
  await db.counters.deleteOne({ _id: GAME_DATA_MARKER as never });
  for (const game of GAME_NAMES) {
    const { songs, charts } = bundled[game];
    await db.songs(game).deleteMany({});
    await db.charts(game).deleteMany({});
    for (let i = 0; i < songs.length; i += 5_000) await db.songs(game).insertMany(songs.slice(i, i + 5_000).map((s) => ({ ...s })));
    for (let i = 0; i < charts.length; i += 5_000) await db.charts(game).insertMany(charts.slice(i, i + 5_000).map((c) => ({ ...c })));
    result[game] = { songs: songs.length, charts: charts.length };
  }
  await db.counters.replaceOne({ _id: GAME_DATA_MARKER as never }, { version: bundledGameDataVersion() }, { upsert: true });
  return result;
}
