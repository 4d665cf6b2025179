/** Tachi's song-by-title lookups (server/src/utils/queries/songs.ts) over a game's in-memory songs. */
import type { GameCharts } from '../../charts/chart-index.ts';
import { ScoreFailure } from '../../errors.ts';
import type { SongDocument } from '../../games/types.ts';

/** exact title or altTitle → songs in document order, built once per loaded game data */
const exactTitles = new WeakMap<GameCharts, Map<string, SongDocument[]>>();

function titleIndex(charts: GameCharts): Map<string, SongDocument[]> {
  let index = exactTitles.get(charts);
  if (!index) {
    index = new Map();
    for (const song of charts.songs) {
      for (const title of new Set([song.title, ...(song.altTitles ?? [])])) {
        const list = index.get(title);
        if (list) list.push(song);
        else index.set(title, [song]);
      }
    }
    exactTitles.set(charts, index);
  }
  return index;
}

/**
 * Tachi's FindSongOnTitle: the song whose title or one of whose altTitles is exactly `title`
 * (case-sensitive), null when none; two or more are an AmbiguousTitle failure.
 */
export function findSongOnTitle(charts: GameCharts, title: string): SongDocument | null {
  const songs = titleIndex(charts).get(title) ?? [];
  if (songs.length >= 2) {
    throw new ScoreFailure(
      'AmbiguousTitle',
      `Multiple songs exist with the title ${title}. We cannot resolve this. Please try and use a different song resolution method.`,
    );
  }
  return songs[0] ?? null;
}

/** Tachi's FindSongOnTitleInsensitive (without an artist): case-insensitive title or altTitle. */
export function findSongOnTitleInsensitive(charts: GameCharts, title: string): SongDocument | null {
  const songs = charts.findSongsByTitle(title, null, 2);
  if (songs.length >= 2) {
    throw new ScoreFailure(
      'AmbiguousTitle',
      `Multiple songs exist with the case-insensitive title ${title}. We cannot resolve this. Please try adding an artist field.`,
    );
  }
  return songs[0] ?? null;
}
