import { insertManyIgnoringDuplicates, type Database } from '@score-import/db';
import type { ImportErrorEntry } from '../documents.ts';
import type { GameName } from '../games/types.ts';
import { sha256Hex, stableStringify } from '../util/stable-hash.ts';

export interface Orphan {
  /** the errors[] entry that reported it */
  errorIndex: number;
  doc: Record<string, unknown>;
}

/** Tachi's orphan document (spec §3.14): the datapoint as sent, its context, and why it matched nothing. */
export function orphanDocument(
  req: { importType: string; userID: number; importID: string },
  game: GameName,
  context: unknown,
  data: unknown,
  errMsg: string,
  timeInserted: number,
  /** the orphan-chart queue's key of its chart, when the chart is queued (orphan-charts.ts) */
  chartKey?: string,
): Record<string, unknown> {
  const orphanID = 'O' + sha256Hex(stableStringify({ importType: req.importType, data, context, userID: req.userID }));
  const doc: Record<string, unknown> = { importType: req.importType, data, context, userID: req.userID, orphanID, game, errMsg, timeInserted, importID: req.importID };
  if (chartKey !== undefined) doc.chartKey = chartKey;
  return doc;
}

/** Stores unresolved scores as orphans; one already stored by another import is `OrphanExists`. */
export async function recordOrphans(db: Database, importID: string, orphans: readonly Orphan[], errors: ImportErrorEntry[]): Promise<void> {
  if (orphans.length === 0) return;
  // the same unresolved score twice in one file is one orphan
  const unique = new Map<string, Record<string, unknown>>();
  for (const o of orphans) if (!unique.has(o.doc.orphanID as string)) unique.set(o.doc.orphanID as string, o.doc);
  const docs = [...unique.values()];
  const dups = await insertManyIgnoringDuplicates(db.orphans, docs);
  const existing = new Set<string>();
  if (dups.size > 0) {
    const ours = new Set((await db.orphans.find({ importID }, { projection: { _id: 0, orphanID: 1 } }).toArray()).map((o) => o.orphanID as string));
    for (const i of dups) if (!ours.has(docs[i].orphanID as string)) existing.add(docs[i].orphanID as string);
  }
  const firstSeen = new Set<string>();
  for (const o of orphans) {
    const id = o.doc.orphanID as string;
    if (existing.has(id) || firstSeen.has(id)) errors[o.errorIndex].type = 'OrphanExists';
    firstSeen.add(id);
  }
}
