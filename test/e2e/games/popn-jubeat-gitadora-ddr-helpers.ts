/**
 * Shared by the pop'n, jubeat, GITADORA and DDR end-to-end tests: game stats of any playtype,
 * stored scores by scoreID, loading jubeat's fixture seed (Tachi's jubeat charts are not bundled)
 * the way `cli seed --from` does, and Tachi's scoreID written out by hand.
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

export async function statsOf(stack: Stack, userID: number, game: string, playtype: string): Promise<Row | null> {
  return (await stack.db.gameStats.findOne({ userID, game, playtype }, { projection: { _id: 0 } })) as Row | null;
}

/** The stored scores of these scoreIDs, in that order. */
export async function scoresByID(stack: Stack, scoreIDs: readonly string[]): Promise<Row[]> {
  const rows = (await stack.db.scores.find({ scoreID: { $in: [...scoreIDs] } }, { projection: { _id: 0 } }).toArray()) as Row[];
  const byID = new Map(rows.map((r) => [r.scoreID as string, r]));
  return scoreIDs.map((id) => byID.get(id)!);
}

/**
 * Seeds jubeat's fixture songs and charts (packages/core/test/fixtures/seeds, only its two files)
 * into the stack's database, then waits for running processes to notice (they recheck once a second).
 */
export async function seedJubeatFixture(stack: Stack): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seed-jubeat-'));
  try {
    for (const kind of ['songs', 'charts']) {
      copyFileSync(join(ROOT, 'packages/core/test/fixtures/seeds', `${kind}-jubeat.json`), join(dir, `${kind}-jubeat.json`));
    }
    const seeded = await seedGameData(stack.db, dir);
    if (seeded.length !== 1 || seeded[0].game !== 'jubeat') throw new Error(`seeded ${JSON.stringify(seeded)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await sleep(1_100);
}

/** "T" + sha256 of the sorted-key JSON Tachi hashes, written out by the test. */
export const tachiScoreID = (json: string) => `T${createHash('sha256').update(json, 'utf8').digest('hex')}`;
