/**
 * A player's client, behaving as the service tells it to: it submits with an Idempotency-Key and
 * sends the same submission again (same key) when it got no answer, waits for Retry-After on a 503,
 * 429 or 409, polls until its import completed, resubmits a failed import as the failure's message
 * says once /readyz answers 200 (at once or a few seconds later: drawn from the seed), retries a
 * revert answered 409 or 503, and turns to the other API instance when its own stops answering.
 * Anything the service must never answer (a 404 after a 202, a 500) is a finding.
 */
import type { EventLog } from './events.ts';
import type { Rng } from './rng.ts';
import { withTimeout } from './timeout.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Answer {
  status: number;
  json: { success?: boolean; description?: string; body?: Record<string, unknown> } | null;
  retryAfterMs: number | null;
  headers: Headers;
}

export interface CompletedImport {
  importID: string;
  doc: ImportDoc;
}

export interface ImportDoc {
  importID: string;
  userID: number;
  scoreIDs: string[];
  errors: { type: string; message: string }[];
  createdSessions: { type: string; sessionID: string }[];
  classDeltas: unknown[];
  skippedDuplicates?: number;
  game: string;
  playtypes: string[];
}

export interface FailedAttempt {
  importID: string;
  statusCode: number;
  description: string;
}

/** Thrown when the run's deadline passes: the service never finished something. */
export class Stuck extends Error {
  override name = 'Stuck';
}

/** network errors that mean the request was never received (nothing can have happened) */
const NOT_SENT = new Set(['ECONNREFUSED']);

export class PlayerClient {
  private current: number;

  constructor(
    readonly player: string,
    private readonly apis: readonly string[],
    home: number,
    private readonly token: string,
    private readonly log: EventLog,
    private readonly deadline: number,
    /** what the queue knows of a failed import's job (its failure reason, its stalls), for a finding's detail */
    private readonly explain: (importID: string) => Promise<string> = async () => '',
  ) {
    this.current = home % apis.length;
  }

  private checkDeadline(what: string): void {
    if (Date.now() > this.deadline) throw new Stuck(`${this.player}: still ${what} when the run's time was up`);
  }

  /**
   * One request, answered by some API instance: on a network error (the instance was killed) the
   * client turns to the other instance and sends it again. `lost` is set when a request may have
   * been received without its answer arriving.
   */
  async request(method: string, path: string, init: { body?: FormData; headers?: Record<string, string>; timeoutMs?: number } = {}, lost?: { value: boolean }): Promise<Answer> {
    for (let tries = 0; ; tries++) {
      this.checkDeadline(`${method} ${path}`);
      const base = this.apis[this.current];
      try {
        const { res, text } = await withTimeout(init.timeoutMs ?? 60_000, async (signal) => {
          const res = await fetch(`${base}${path}`, { method, body: init.body, headers: { authorization: `Bearer ${this.token}`, ...init.headers }, signal });
          return { res, text: await res.text() };
        });
        let json: Answer['json'] = null;
        try {
          json = text ? (JSON.parse(text) as Answer['json']) : null;
        } catch {
          json = null;
        }
        const ra = res.headers.get('retry-after');
        return { status: res.status, json, retryAfterMs: ra !== null && /^\d+$/.test(ra) ? Number(ra) * 1000 : null, headers: res.headers };
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        if (lost && !NOT_SENT.has(code)) lost.value = true;
        this.log.count('client: API instance unreachable, request sent to the other');
        this.log.debug({ player: this.player, event: 'network-error', method, path, api: base, code });
        this.current = (this.current + 1) % this.apis.length;
        // both instances down at once: wait a little before trying again
        if (tries % this.apis.length === this.apis.length - 1) await sleep(250);
      }
    }
  }

  /** A 500 answer: never allowed, whatever was killed. */
  private internalError(what: string, detail: string): void {
    this.log.finding(`${what} answered 500`, detail, this.player);
  }

  /**
   * After 503s for 90 s in a row from one instance: if that instance's /readyz answers 200 it is
   * broken (it says it is ready but refuses the work): a finding, and the client turns to the other
   * instance. Returns the new start of the streak.
   */
  private async checkUnavailable(since: number, what: string): Promise<number> {
    if (Date.now() - since < 90_000) return since;
    const base = this.apis[this.current];
    try {
      const status = await withTimeout(10_000, async (signal) => {
        const res = await fetch(`${base}/readyz`, { signal });
        await res.arrayBuffer();
        return res.status;
      });
      if (status === 200) {
        this.log.finding('an API instance answers 503 while its /readyz answers 200', `${base}: ${what} answered 503 for ${Math.round((Date.now() - since) / 1000)} s`, this.player);
        this.current = (this.current + 1) % this.apis.length;
      }
    } catch {
      // it is down: the next request turns to the other instance anyway
    }
    return Date.now();
  }

  /** Submits a file until some instance answers 202; the same Idempotency-Key throughout. */
  async submit(file: Buffer, idempotencyKey: string): Promise<string> {
    let unavailableSince: number | null = null;
    for (;;) {
      const form = new FormData();
      form.append('importType', 'file/batch-manual');
      form.append('scoreData', new Blob([file], { type: 'application/json' }), 'scores.json');
      const res = await this.request('POST', '/api/v1/import/file', { body: form, headers: { 'idempotency-key': idempotencyKey } });
      const importID = res.json?.body?.importID;
      if (res.status !== 202) this.log.debug({ player: this.player, event: 'submit-answer', key: idempotencyKey, status: res.status, description: res.json?.description });
      if (res.status === 202 && typeof importID === 'string') {
        if (res.headers.get('idempotent-replayed') === 'true') this.log.count('client: submission answered again by its Idempotency-Key');
        return importID;
      }
      if (res.status === 503 || res.status === 429 || res.status === 409) {
        if (res.status === 503) unavailableSince = await this.checkUnavailable(unavailableSince ?? Date.now(), 'a submission');
        else unavailableSince = null;
        this.log.count(`client: submission answered ${res.status}, retried after Retry-After`);
        await sleep(res.retryAfterMs ?? 1_000);
        continue;
      }
      if (res.status === 500) this.internalError('a submission', `${res.json?.description ?? ''}`.slice(0, 300));
      else this.log.finding(`submission answered ${res.status}`, `${res.json?.description ?? ''}`.slice(0, 300), this.player);
      await sleep(1_000);
    }
  }

  /** Polls until the import completed or failed; a 404 (never allowed after a 202) is followed for a minute. */
  async follow(importID: string): Promise<{ completed: ImportDoc } | { failed: FailedAttempt & { cleanupPending: boolean } } | { lost: true }> {
    let notFoundSince: number | null = null;
    let unavailableSince: number | null = null;
    for (;;) {
      const res = await this.request('GET', `/api/v1/imports/${importID}/poll-status`);
      if (res.status !== 503) unavailableSince = null;
      const body = res.json?.body;
      if (res.status === 200 && body?.importStatus === 'completed') return { completed: body.import as ImportDoc };
      if (res.status === 200 && body?.importStatus === 'ongoing') {
        notFoundSince = null;
        await sleep(res.retryAfterMs ?? 1_000);
        continue;
      }
      if (body?.importStatus === 'failed') {
        return { failed: { importID, statusCode: res.status, description: res.json?.description ?? '', cleanupPending: body.cleanupPending === true } };
      }
      if (res.status === 404) {
        if (notFoundSince === null) {
          notFoundSince = Date.now();
          this.log.finding('poll answered 404 after a 202', `import ${importID}: ${res.json?.description ?? ''}`, this.player);
        } else if (Date.now() - notFoundSince > 60_000) return { lost: true };
        await sleep(1_000);
        continue;
      }
      if (res.status === 503) {
        unavailableSince = await this.checkUnavailable(unavailableSince ?? Date.now(), 'a poll');
        this.log.count('client: poll answered 503 (service unavailable), polled again after Retry-After');
        await sleep(res.retryAfterMs ?? 1_000);
        continue;
      }
      if (res.status === 500) this.internalError('a poll', `import ${importID}: ${JSON.stringify(res.json).slice(0, 300)}`);
      else this.log.finding(`poll answered ${res.status}`, `import ${importID}: ${JSON.stringify(res.json).slice(0, 300)}`, this.player);
      await sleep(1_000);
    }
  }

  /** Waits until some API instance's /readyz answers 200 (what a failed import's 503 asks for). */
  async waitReady(): Promise<void> {
    for (;;) {
      const res = await this.request('GET', '/readyz', { timeoutMs: 10_000 });
      if (res.status === 200) return;
      await sleep(500);
    }
  }

  /**
   * An import followed up until it completed: a failed one is submitted again (a new submission:
   * a new Idempotency-Key) at a moment drawn from `rng`, as its message says.
   */
  async importFile(
    file: Buffer,
    keyBase: string,
    rng: Rng,
    /** imports accepted (202) and not yet completed or failed, across players: what faults wait for */
    running: { n: number } = { n: 0 },
  ): Promise<{ result: CompletedImport | null; failures: FailedAttempt[]; submissions: number }> {
    const failures: FailedAttempt[] = [];
    for (let attempt = 0; ; attempt++) {
      const importID = await this.submit(file, `${keyBase}:${attempt}`);
      this.log.debug({ player: this.player, event: 'accepted', keyBase, attempt, importID });
      running.n++;
      let outcome: Awaited<ReturnType<PlayerClient['follow']>>;
      try {
        outcome = await this.follow(importID);
      } finally {
        running.n--;
      }
      this.log.debug({ player: this.player, event: 'outcome', importID, outcome: 'completed' in outcome ? 'completed' : 'lost' in outcome ? 'lost' : outcome.failed });
      if ('completed' in outcome) return { result: { importID, doc: outcome.completed }, failures, submissions: attempt + 1 };
      if ('lost' in outcome) {
        failures.push({ importID, statusCode: 404, description: 'lost: 404 after its 202' });
        this.log.note(`${this.player}: import ${importID.slice(0, 8)} lost (404 for a minute after its 202): submitted again`);
        continue;
      }
      const f = outcome.failed;
      failures.push({ importID, statusCode: f.statusCode, description: f.description });
      this.log.count(`imports failed with ${f.statusCode}`);
      if (f.statusCode < 500) {
        // a client error cannot succeed when sent again: the files are valid, so this is a bug
        this.log.finding(`import failed with ${f.statusCode}`, `import ${importID}: ${f.description}`, this.player);
        return { result: null, failures, submissions: attempt + 1 };
      }
      // 503 is what an outage longer than the retries gives; 500 ("internal error") must not happen
      if (f.statusCode !== 503) this.log.finding(`import failed with ${f.statusCode}`, `import ${importID}: ${f.description} (${await this.explain(importID)})`, this.player);
      if (attempt >= 20) {
        this.log.finding('import keeps failing', `${attempt + 1} submissions, the last ${importID}: ${f.statusCode} ${f.description}`, this.player);
        return { result: null, failures, submissions: attempt + 1 };
      }
      // "Please submit it again": once /readyz answers 200, at once or a few seconds later
      await this.waitReady();
      const delayMs = rng.chance(0.6) ? 0 : rng.int(1_000, 5_000);
      const when = delayMs === 0 ? 'as soon as /readyz answered 200' : `${(delayMs / 1000).toFixed(1)} s after /readyz answered 200`;
      if (delayMs > 0) await sleep(delayMs);
      this.log.note(
        `${this.player}: import ${importID.slice(0, 8)} failed (${f.statusCode}${f.cleanupPending ? ', clean-up pending' : ''}: ${f.description.slice(0, 70)}) → resubmitted ${when}`,
      );
    }
  }

  /** A revert sent until it answered 200 (409 and 503 are retried after Retry-After). */
  async revert(importID: string): Promise<{ ok: boolean; conflicts: number; afterLostAnswer: boolean }> {
    const lost = { value: false };
    let conflicts = 0;
    let unavailable = 0;
    let unavailableSince: number | null = null;
    for (;;) {
      // a revert runs while the request waits (minutes for a large import on a loaded machine)
      const res = await this.request('POST', `/api/v1/imports/${importID}/revert`, { timeoutMs: 300_000 }, lost);
      this.log.debug({ player: this.player, event: 'revert-answer', importID, status: res.status, description: res.json?.description });
      if (res.status === 200) return { ok: true, conflicts, afterLostAnswer: false };
      if (res.status === 409 || res.status === 503) {
        if (res.status === 409) {
          conflicts++;
          unavailableSince = null;
        } else {
          unavailable++;
          unavailableSince = await this.checkUnavailable(unavailableSince ?? Date.now(), 'a revert');
        }
        this.log.count(`client: revert answered ${res.status}, retried after Retry-After`);
        await sleep(res.retryAfterMs ?? 1_000);
        continue;
      }
      if (res.status === 404 && lost.value) {
        // an earlier try was received but its answer was lost (its API instance was killed): it reverted
        this.log.note(`${this.player}: revert of ${importID.slice(0, 8)} answered 404 after an earlier try lost its answer (it had reverted)`);
        return { ok: true, conflicts, afterLostAnswer: true };
      }
      if (res.status === 404 && unavailable > 0) {
        // a 503 says nothing happened, yet the import is gone: the 503 came after the revert was
        // done (the state comparison checks that it was)
        this.log.finding('revert answered 503 although it was done', `revert of ${importID} answered 503, then 404 when sent again`, this.player);
        return { ok: true, conflicts, afterLostAnswer: true };
      }
      if (res.status === 500) {
        this.internalError('a revert', `import ${importID}: ${res.json?.description ?? ''}`);
        await sleep(1_000);
        continue;
      }
      this.log.finding(`revert answered ${res.status}`, `import ${importID}: ${res.json?.description ?? ''}`, this.player);
      if (res.status === 404) return { ok: false, conflicts, afterLostAnswer: false };
      await sleep(1_000);
    }
  }
}
