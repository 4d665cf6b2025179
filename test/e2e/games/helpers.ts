/**
 * Shared by the per-game end-to-end tests: stored scores by scoreID, loading a game's fixture seeds
 * (test/fixtures/seeds: the games whose charts are not bundled, e.g. IIDX, BMS, PMS, ITG, USC, jubeat)
 * into the stack's database the way `cli seed --from` does, and Tachi's scoreID written out by hand.
 * Game stats of any playtype: gameStatsOf in ../helpers.ts.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedGameData } from '@score-import/core';
import type { Stack } from '../../support/stack.ts';
import { ROOT } from '../../support/stack.ts';

// raw stored documents, compared whole with t.same
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

/** The stored scores of these scoreIDs, in that order. */
export async function scoresByID(stack: Stack, scoreIDs: readonly string[]): Promise<Row[]> {
  const rows = (await stack.db.scores.find({ scoreID: { $in: [...scoreIDs] } }, { projection: { _id: 0 } }).toArray()) as Row[];
  const byID = new Map(rows.map((r) => [r.scoreID as string, r]));
  return scoreIDs.map((id) => byID.get(id)!);
}

/**
 * Seeds the game's fixture songs and charts (packages/core/test/fixtures/seeds, only this game's two
 * files) into the stack's database with seedGameData, then waits for the running API and worker to
 * notice (they recheck the data's version once a second).
 */
export async function seedFixture(stack: Stack, game: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `seed-${game}-`));
  try {
    for (const kind of ['songs', 'charts']) {
      copyFileSync(join(ROOT, 'packages/core/test/fixtures/seeds', `${kind}-${game}.json`), join(dir, `${kind}-${game}.json`));
    }
    const seeded = await seedGameData(stack.db, dir);
    if (seeded.length !== 1 || seeded[0].game !== game) throw new Error(`seeded ${JSON.stringify(seeded)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await sleep(1_100);
}

/** "T" + sha256 of the sorted-key JSON Tachi hashes, written out by the test. */
export const tachiScoreID = (json: string) => `T${createHash('sha256').update(json, 'utf8').digest('hex')}`;
