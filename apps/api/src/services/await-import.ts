import type { FastifyInstance } from 'fastify';
import type { ImportStatusRecord } from '@score-import/queue';

/**
 * Waits for an import to finish, through Redis (its status record and the record's pub/sub
 * channel): a game hook's route answers when the import is done, as Tachi's do, while the import
 * still runs on a worker. Resolves with the final record, or null after `timeoutMs` (the caller
 * then answers 202 with the poll URL). Nothing is lost if this process dies meanwhile: the import
 * is in the queue, and its client can poll.
 */
export async function awaitImport(app: FastifyInstance, importID: string, timeoutMs: number): Promise<ImportStatusRecord | null> {
  const isFinal = (r: ImportStatusRecord | null): r is ImportStatusRecord => r?.status === 'completed' || r?.status === 'failed';
  let wake: (() => void) | null = null;
  // subscribe before reading, so that no change between the two is missed
  const unsubscribe = await app.statusEvents.subscribe(importID, (record) => {
    if (isFinal(record)) wake?.();
  });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = await app.statuses.get(importID);
      if (isFinal(record)) return record;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      // woken by the channel; re-read every few seconds anyway, in case a message was missed
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.min(left, 5_000)).unref();
      });
      wake = null;
    }
  } finally {
    await unsubscribe();
  }
}
