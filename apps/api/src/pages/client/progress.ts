/**
 * An import's live progress: Server-Sent Events from /api/v1/imports/:id/events, and polling of
 * poll-status once a second where the stream cannot be had (no EventSource, a proxy that cuts it).
 * Both give the same answers; the bar shows the worker's own description and counts.
 */
import type { FailedImportResponse, ImportProgress, PollStatusResponse } from '@score-import/contracts';
import type { Static } from 'typebox';
import { api } from './api.ts';
import { h, replace } from './dom.ts';
import { num, plural } from './format.ts';

/** A failed import as poll-status answers it; its event adds the status code. */
export type PollFailure = Static<typeof FailedImportResponse> & { statusCode?: number };

export type Outcome =
  | { kind: 'completed'; description: string; importDoc: object }
  | { kind: 'failed'; statusCode: number; description: string; cleanupPending?: boolean }
  | { kind: 'missing'; description: string };

type Update = { kind: 'ongoing'; progress: ImportProgress } | Outcome;

const POLL_MS = 1_000;

/** Progress extras a worker may add; shown when present. */
function queuePosition(progress: ImportProgress): number | null {
  const p = progress as ImportProgress & { position?: unknown; queuePosition?: unknown };
  const value = p.queuePosition ?? p.position;
  return typeof value === 'number' ? value : null;
}

function fromPoll(status: number, json: PollStatusResponse | PollFailure): Update | null {
  if (status === 200 && json.success) {
    return json.body.importStatus === 'ongoing'
      ? { kind: 'ongoing', progress: json.body.progress }
      : { kind: 'completed', description: json.description, importDoc: json.body.import };
  }
  if (status === 404) return { kind: 'missing', description: json.description };
  if (status === 0 || status === 304) return null;
  const failure = json as PollFailure;
  return { kind: 'failed', statusCode: failure.statusCode ?? status, description: failure.description, cleanupPending: failure.body?.cleanupPending };
}

/** The view: a <progress> bar, the description (a polite live region), counts, how it is fed. */
export class ProgressView {
  readonly root: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly description: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly queue: HTMLElement;
  private readonly transport: HTMLElement;
  readonly result: HTMLElement;

  constructor() {
    this.description = h('p', { class: 'progress-description', role: 'status', 'aria-live': 'polite' }, 'Submitting…');
    this.bar = h('progress', { class: 'progress-bar', 'aria-label': 'Import progress' });
    this.counts = h('p', { class: 'progress-counts', 'data-testid': 'progress-counts' });
    this.queue = h('p', { class: 'progress-queue' });
    this.queue.hidden = true;
    this.transport = h('p', { class: 'hint progress-transport' });
    this.result = h('div', { class: 'progress-result' });
    this.root = h('div', { class: 'progress-view' }, this.description, this.bar, this.counts, this.queue, this.transport, this.result);
  }

  ongoing(progress: ImportProgress): void {
    this.root.dataset.state = 'ongoing';
    this.description.textContent = progress.description;
    const { processed, total } = progress;
    if (processed !== null && total !== null && total > 0) {
      this.bar.max = total;
      this.bar.value = Math.min(processed, total);
      this.counts.textContent = `${num(processed)} / ${num(total)}`;
    } else {
      // indeterminate until the worker knows how much there is
      this.bar.removeAttribute('value');
      this.counts.textContent = processed !== null ? num(processed) : '';
    }
    const position = queuePosition(progress);
    this.queue.hidden = position === null;
    this.queue.textContent = position === null ? '' : `Position in the queue: ${num(position)}`;
  }

  via(how: 'sse' | 'poll'): void {
    this.root.dataset.transport = how;
    this.transport.textContent = how === 'sse' ? 'Live updates (Server-Sent Events).' : 'Checking once a second.';
  }

  finished(outcome: Outcome): void {
    this.root.dataset.state = outcome.kind;
    this.queue.hidden = true;
    this.transport.textContent = '';
    if (outcome.kind === 'completed') {
      this.bar.max = 1;
      this.bar.value = 1;
      this.description.textContent = outcome.description;
      const doc = outcome.importDoc as { scoreIDs?: unknown[]; errors?: unknown[]; skippedDuplicates?: number };
      this.counts.textContent =
        `${plural(doc.scoreIDs?.length ?? 0, 'score')} imported, ${num(doc.skippedDuplicates ?? 0)} skipped as duplicates, ` +
        `${plural(doc.errors?.length ?? 0, 'error')}.`;
    } else {
      this.bar.max = 1;
      this.bar.value = 0;
      this.description.textContent = outcome.kind === 'failed' ? 'Import failed.' : 'No such import.';
      this.counts.textContent = '';
      replace(
        this.result,
        h(
          'div',
          { class: 'message bad', role: 'alert' },
          h('p', null, outcome.kind === 'failed' ? `The import failed (${outcome.statusCode}): ` : '', h('span', { class: 'failure-description' }, outcome.description)),
          outcome.kind === 'failed' && outcome.cleanupPending !== undefined
            ? h('p', null, outcome.cleanupPending ? 'What it wrote is still being cleaned up.' : 'Nothing of it was kept.')
            : null,
        ),
      );
    }
  }
}

/** Watches an import until it completes or fails; resolves with how it ended. */
export function watchImport(importID: string, view: ProgressView): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      view.finished(outcome);
      resolve(outcome);
    };
    const apply = (update: Update | null) => {
      if (!update || done) return;
      if (update.kind === 'ongoing') view.ongoing(update.progress);
      else finish(update);
    };

    let transient = 0;
    const poll = async () => {
      view.via('poll');
      while (!done) {
        const { status, json, headers } = await api<PollStatusResponse['body']>(`/api/v1/imports/${importID}/poll-status`, { auth: false });
        // a service briefly away (503 with Retry-After) or no network: keep trying for a while
        const away = status === 0 || (status === 503 && headers.has('retry-after'));
        if (away && transient++ < 30) {
          await new Promise((r) => setTimeout(r, POLL_MS));
          continue;
        }
        apply(fromPoll(status, json as PollStatusResponse | PollFailure));
        if (!done) await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };

    if (typeof EventSource !== 'function') {
      void poll();
      return;
    }
    const events = new EventSource(`/api/v1/imports/${importID}/events`);
    view.via('sse');
    const fallBack = () => {
      events.close();
      if (!done) void poll();
    };
    const on = (name: string, handle: (data: PollStatusResponse | PollFailure) => void) =>
      events.addEventListener(name, (event) => {
        try {
          handle(JSON.parse((event as MessageEvent<string>).data) as PollStatusResponse | PollFailure);
        } catch {
          fallBack();
        }
      });
    on('ongoing', (data) => apply(fromPoll(200, data)));
    on('completed', (data) => {
      events.close();
      apply(fromPoll(200, data));
    });
    on('failed', (data) => {
      events.close();
      const failure = data as PollFailure;
      apply(fromPoll(failure.statusCode ?? 500, failure));
    });
    // the stream's own error event (the status could not be read), a connection that failed or
    // broke, or an unknown import (a JSON 404 instead of a stream): poll-status answers all of them
    events.addEventListener('error', () => {
      if (!done) fallBack();
    });
  });
}
