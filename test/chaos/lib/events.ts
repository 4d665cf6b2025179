/**
 * What happened during a run: the timeline (faults, and what clients saw of them), counters, and
 * findings (answers the service must never give: a 404 after a 202, a 500, an import that never
 * ends). Everything also goes to an event log (JSON lines) in the run's log folder.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export interface TimelineEntry {
  at: number;
  text: string;
}

export interface Finding {
  at: number;
  player?: string;
  what: string;
  detail: string;
}

export class EventLog {
  readonly t0 = Date.now();
  readonly timeline: TimelineEntry[] = [];
  readonly findings: Finding[] = [];
  readonly counters = new Map<string, number>();
  private file: WriteStream | null;

  constructor(
    readonly run: string,
    path: string | null,
    private readonly verbose = false,
  ) {
    this.file = path ? createWriteStream(path, { flags: 'a' }) : null;
  }

  /** seconds since the run started, e.g. "12.3 s" */
  stamp(at = Date.now()): string {
    return `${((at - this.t0) / 1000).toFixed(1).padStart(6)} s`;
  }

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  /** a line of the timeline (printed at the end, or at once with --verbose) */
  note(text: string): void {
    const entry = { at: Date.now(), text };
    this.timeline.push(entry);
    this.write({ type: 'timeline', text });
    if (this.verbose) console.log(`[${this.run}] ${this.stamp(entry.at)}  ${text}`);
  }

  /** something the service must never do */
  finding(what: string, detail: string, player?: string): void {
    const f = { at: Date.now(), player, what, detail };
    this.findings.push(f);
    this.write({ type: 'finding', ...f });
    this.note(`FINDING ${what}${player ? ` (${player})` : ''}: ${detail}`);
  }

  /** detail for the event log only */
  debug(record: Record<string, unknown>): void {
    this.write({ type: 'debug', ...record });
  }

  private write(record: Record<string, unknown>): void {
    this.file?.write(`${JSON.stringify({ t: Date.now() - this.t0, run: this.run, ...record })}\n`);
  }

  close(): void {
    this.file?.end();
  }
}
