/** A client of the service's HTTP API, like a player's script: upload, then poll until done. */
import { sleep } from './procs.ts';

export interface ImportDocumentLike {
  importID: string;
  userID: number;
  scoreIDs: string[];
  errors: { type: string; message: string }[];
  createdSessions: unknown[];
  skippedDuplicates?: number;
  timeStarted: number;
  timeFinished: number;
}

export interface TimedImport {
  importID: string;
  /** POST sent → 202 received, ms */
  uploadMs: number;
  /** POST sent → a poll answered completed, ms */
  totalMs: number;
  /** 202 received → a poll answered completed, ms */
  afterAcceptMs: number;
  polls: number;
  doc: ImportDocumentLike;
}

const fmtS = (ms: number) => `${Math.round(ms / 1000)} s`;

export class ImportTimeout extends Error {
  override name = 'ImportTimeout';
}

export class ApiClient {
  /** uploads answered 503 ("retry shortly") and sent again, as a client does */
  static retried = 0;

  constructor(readonly base: string) {}

  async upload(token: string, file: Buffer): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const form = new FormData();
      form.append('importType', 'file/batch-manual');
      form.append('scoreData', new Blob([file], { type: 'application/json' }), 'scores.json');
      const res = await fetch(`${this.base}/api/v1/import/file`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      const json = (await res.json()) as { body?: { importID?: string }; description?: string };
      // the API answers 503 when Redis does not answer within its command timeout (1 s), e.g. on a machine this busy
      if (res.status === 503 && attempt < 10) {
        ApiClient.retried++;
        await sleep(Math.min(250 * attempt, 2_000));
        continue;
      }
      if (res.status !== 202 || !json.body?.importID) throw new Error(`upload answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return json.body.importID;
    }
  }

  async poll(importID: string): Promise<{ status: number; json: { success: boolean; description: string; body?: Record<string, unknown> } }> {
    const res = await fetch(`${this.base}/api/v1/imports/${importID}/poll-status`);
    return { status: res.status, json: (await res.json()) as { success: boolean; description: string; body?: Record<string, unknown> } };
  }

  /** Polls every `intervalMs` until the import is completed; throws if it failed or took too long. */
  /**
   * Polls every `intervalMs` until the import is completed; throws if it failed, took longer than
   * `timeoutMs`, or its progress did not change for `stallMs`.
   */
  async waitCompleted(
    importID: string,
    intervalMs: number,
    timeoutMs = 600_000,
    stallMs = Infinity,
    isStuck: () => Promise<boolean> = async () => true,
  ): Promise<{ doc: ImportDocumentLike; polls: number }> {
    const deadline = Date.now() + timeoutMs;
    let polls = 0;
    let lastProgress = '';
    let lastChange = Date.now();
    for (;;) {
      const { status, json } = await this.poll(importID);
      polls++;
      const state = json.body?.importStatus;
      const progress = JSON.stringify(json.body?.progress ?? null);
      if (progress !== lastProgress) {
        lastProgress = progress;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > stallMs) {
        if (await isStuck()) throw new ImportTimeout(`import ${importID} made no progress for ${fmtS(Date.now() - lastChange)}: ${progress}`);
        lastChange = Date.now(); // slow, not stuck: keep waiting
      }
      if (status === 200 && state === 'completed') return { doc: json.body!.import as ImportDocumentLike, polls };
      if (status === 503 && Date.now() < deadline) {
        ApiClient.retried++;
        await sleep(Math.max(intervalMs, 100));
        continue;
      }
      if (!(status === 200 && state === 'ongoing')) throw new Error(`import ${importID} ended with ${status}: ${JSON.stringify(json).slice(0, 500)}`);
      if (Date.now() > deadline) throw new ImportTimeout(`import ${importID} still ongoing after ${timeoutMs / 1000} s: ${JSON.stringify(json.body?.progress ?? null)}`);
      if (intervalMs > 0) await sleep(intervalMs);
    }
  }

  /** Upload + poll until completed, timed like a client sees it. */
  async timedImport(
    token: string,
    file: Buffer,
    pollIntervalMs: number,
    timeoutMs = 600_000,
    stallMs = Infinity,
    isStuck?: () => Promise<boolean>,
  ): Promise<TimedImport> {
    const t0 = performance.now();
    const importID = await this.upload(token, file);
    const t1 = performance.now();
    const { doc, polls } = await this.waitCompleted(importID, pollIntervalMs, timeoutMs, stallMs, isStuck);
    const t2 = performance.now();
    return { importID, uploadMs: t1 - t0, totalMs: t2 - t0, afterAcceptMs: t2 - t1, polls, doc };
  }
}

/** Every generated score must import: no errors, no skipped duplicates. */
export function assertClean(doc: ImportDocumentLike, expectedScores: number, what: string): void {
  if (doc.errors.length > 0 || doc.scoreIDs.length !== expectedScores) {
    throw new Error(
      `${what}: expected ${expectedScores} scores and no errors, got ${doc.scoreIDs.length} scores, ${doc.errors.length} errors ` +
        `(${JSON.stringify(doc.errors.slice(0, 3))}), skippedDuplicates ${doc.skippedDuplicates ?? '?'}`,
    );
  }
}
