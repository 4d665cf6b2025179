/**
 * Tachi's orphan-chart queue (its lib/orphan-queue): a chart a hook described that no data holds is
 * queued with the players who played it. At `queueSize` players it is created, the score that tipped
 * it is imported at once, and the other players' orphaned scores on it are submitted again as imports
 * of their own (Tachi's ReprocessOrphan). Each step may run again after a crash: the queue entry
 * keeps the song ID it was given, and it goes only once the follow-up imports are queued.
 */
import { createHash } from 'node:crypto';
import type { Database, OrphanChartDocument } from '@score-import/db';
import type { UnknownChart } from '../errors.ts';
import { addSongAndChart, gameDataChanged, storedGameData } from '../game-data.ts';
import type { ChartDocument, GameName, SongDocument } from '../games/types.ts';
import { importTypeModule, type ImportTypeName } from '../import-types/registry.ts';

/** An orphaned score submitted again for its player once its chart exists. */
export interface FollowUpImport {
  /** derived from the orphan: queueing it twice queues one import */
  importID: string;
  userID: number;
  importType: string;
  content: Buffer;
  options: Record<string, string>;
  submittedAt: number;
}

export type SubmitFollowUps = (imports: FollowUpImport[]) => Promise<void>;

export interface OrphanChartOptions {
  /** players a chart needs before it is created (Tachi's BEATORAJA_QUEUE_SIZE) */
  queueSize: number;
  /** queues the follow-up imports; without it, the other players' orphans stay as they are */
  submit?: SubmitFollowUps;
}

/**
 * Records that `userID` played the unknown chart; true when that made it a chart (it is stored, and
 * the game's data marker moved).
 */
export async function queueOrphanChart(db: Database, unknown: UnknownChart, userID: number, options: OrphanChartOptions): Promise<boolean> {
  const { key, game, chart, song } = unknown;
  const entry = (await db.orphanCharts.findOneAndUpdate(
    { key },
    { $setOnInsert: { key, game, chart, song }, $addToSet: { userIDs: userID } },
    // no projection: FerretDB v1's findAndModify has none
    { upsert: true, returnDocument: 'after' },
  )) as unknown as OrphanChartDocument | null;
  if (!entry || entry.userIDs.length < options.queueSize) return false;
  await unorphan(db, entry, userID, options.submit);
  return true;
}

async function unorphan(db: Database, entry: OrphanChartDocument, userID: number, submit?: SubmitFollowUps): Promise<void> {
  const game = entry.game as GameName;
  const songID = entry.songID ?? (await claimSongID(db, entry));
  // null: a concurrent import has just created it
  if (songID === null) return;
  const chart = { ...(entry.chart as Omit<ChartDocument, 'songID'>), songID } as ChartDocument;
  await addSongAndChart(db, game, { ...(entry.song as Omit<SongDocument, 'id'>), id: songID } as SongDocument, chart);
  if (submit) {
    const orphans = await db.orphans
      .find({ chartKey: entry.key, userID: { $ne: userID } }, { projection: { _id: 0, orphanID: 1, userID: 1, importType: 1, data: 1, context: 1 } })
      .toArray();
    const followUps: FollowUpImport[] = [];
    for (const o of orphans) {
      const resubmission = importTypeModule(o.importType as ImportTypeName).resubmission?.(o.data, o.context as never);
      if (!resubmission) continue;
      const importID = createHash('sha256').update(`follow-up:${o.orphanID as string}`).digest('hex').slice(0, 40);
      followUps.push({ importID, userID: o.userID as number, importType: o.importType as string, ...resubmission, options: { ...resubmission.options } });
    }
    if (followUps.length > 0) await submit(followUps);
  }
  // last: until the marker moves, a retry of this import finds the chart unknown and comes back here
  await gameDataChanged(db, game, `created:${chart.chartID}`);
  await db.orphanCharts.deleteOne({ key: entry.key });
}

/** The game's next song ID, kept in the queue entry (one given by a concurrent try wins). */
async function claimSongID(db: Database, entry: OrphanChartDocument): Promise<number | null> {
  const highest = await storedGameData(db, entry.game as GameName);
  const counter = `song-id:${entry.game}`;
  // the counter never hands out an ID the stored songs already use
  await db.counters.updateOne({ _id: counter as never }, { $max: { value: highest } }, { upsert: true });
  const next = (await db.counters.findOneAndUpdate({ _id: counter as never }, { $inc: { value: 1 } }, { returnDocument: 'after' })) as unknown as { value: number };
  await db.orphanCharts.updateOne({ key: entry.key, songID: { $exists: false } }, { $set: { songID: next.value } });
  const claimed = await db.orphanCharts.findOne({ key: entry.key }, { projection: { _id: 0, songID: 1 } });
  return (claimed?.songID as number | undefined) ?? null;
}
