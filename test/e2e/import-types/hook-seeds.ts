/**
 * Game data for the hook e2e tests (fervidex, beatoraja, LR2hook, USC): IIDX, BMS, PMS and USC
 * charts are not bundled, so a test seeds the fixture songs and charts (packages/core/test/fixtures/
 * seeds), plus any it needs besides, from a temporary directory with seedGameData, then waits for
 * the running API and worker to see them (they recheck within a second).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedGameData } from '@score-import/core';
import type { Stack } from '../../support/stack.ts';
import { ROOT } from '../../support/stack.ts';

type Doc = Record<string, unknown>;

export const fixtureSeed = (kind: 'songs' | 'charts', game: string): Doc[] =>
  JSON.parse(readFileSync(join(ROOT, 'packages/core/test/fixtures/seeds', `${kind}-${game}.json`), 'utf8')) as Doc[];

/** Seeds these games' fixture data plus `extra` songs and charts, and waits until processes see it. */
export async function seedHookGames(stack: Stack, games: Record<string, { songs?: Doc[]; charts?: Doc[] }>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seed-hooks-'));
  try {
    for (const [game, extra] of Object.entries(games)) {
      writeFileSync(join(dir, `songs-${game}.json`), JSON.stringify([...fixtureSeed('songs', game), ...(extra.songs ?? [])]));
      writeFileSync(join(dir, `charts-${game}.json`), JSON.stringify([...fixtureSeed('charts', game), ...(extra.charts ?? [])]));
    }
    const seeded = await seedGameData(stack.db, dir);
    if (seeded.length !== Object.keys(games).length) throw new Error(`seeded ${JSON.stringify(seeded)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await sleep(1_100);
}
