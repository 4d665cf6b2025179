/**
 * Counting database commands with the driver's command monitoring: in process through
 * `connectDatabase(url, { monitorCommands: true })`, or in a child process through the driver's
 * own command log (MONGODB_LOG_COMMAND=debug on stderr).
 */
import type { Database } from '@score-import/db';

export interface CommandTally {
  total: number;
  /** "insert scores" → count */
  byCommand: Map<string, number>;
  /** "insert scores" → total ms (in-process only) */
  msByCommand: Map<string, number>;
}

export const newTally = (): CommandTally => ({ total: 0, byCommand: new Map(), msByCommand: new Map() });

/** Commands a client sends that are not the application's queries. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo']);

function label(commandName: string, command: Record<string, unknown>): string {
  const target = commandName === 'getMore' ? command.collection : command[commandName];
  return typeof target === 'string' ? `${commandName} ${target}` : commandName;
}

/** Counts the commands `db` sends while `fn` runs (the connection needs monitorCommands). */
export async function countCommands<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; tally: CommandTally; ms: number }> {
  const client = db.connection.getClient();
  const tally = newTally();
  const started = new Map<number, { key: string; t: number }>();
  const onStart = (e: { commandName: string; command: Record<string, unknown>; requestId: number }) => {
    const key = label(e.commandName, e.command);
    started.set(e.requestId, { key, t: performance.now() });
    if (HOUSEKEEPING.has(e.commandName)) return;
    tally.total++;
    tally.byCommand.set(key, (tally.byCommand.get(key) ?? 0) + 1);
  };
  const onEnd = (e: { requestId: number }) => {
    const s = started.get(e.requestId);
    if (!s) return;
    started.delete(e.requestId);
    tally.msByCommand.set(s.key, (tally.msByCommand.get(s.key) ?? 0) + (performance.now() - s.t));
  };
  client.on('commandStarted', onStart);
  client.on('commandSucceeded', onEnd);
  client.on('commandFailed', onEnd);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, tally, ms: performance.now() - t0 };
  } finally {
    client.off('commandStarted', onStart);
    client.off('commandSucceeded', onEnd);
    client.off('commandFailed', onEnd);
  }
}

/** Parses the driver's command log (MONGODB_LOG_COMMAND=debug, MONGODB_LOG_PATH=stderr) as it streams. */
export class CommandLogCounter {
  readonly tally = newTally();
  private buffer = '';

  feed(text: string): void {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes("message: 'Command started'")) continue;
      const name = /commandName: '([A-Za-z]+)'/.exec(line)?.[1] ?? '?';
      if (HOUSEKEEPING.has(name)) continue;
      const target =
        name === 'getMore' ? /"collection":"([^"]*)"/.exec(line)?.[1] : /command: '\{"[A-Za-z]+":"([^"]*)"/.exec(line)?.[1];
      const key = target ? `${name} ${target}` : name;
      this.tally.total++;
      this.tally.byCommand.set(key, (this.tally.byCommand.get(key) ?? 0) + 1);
    }
  }

  snapshot(): { total: number; byCommand: Map<string, number> } {
    return { total: this.tally.total, byCommand: new Map(this.tally.byCommand) };
  }
}

export function diffCounts(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d !== 0) out.set(k, d);
  }
  return out;
}

export function describeTally(byCommand: Map<string, number>, ms?: Map<string, number>): string {
  return [...byCommand.entries()]
    .sort((a, b) => (ms ? (ms.get(b[0]) ?? 0) - (ms.get(a[0]) ?? 0) : b[1] - a[1]))
    .map(([k, v]) => (ms?.has(k) ? `${k} ×${v} (${Math.round(ms.get(k)!)} ms)` : `${k} ×${v}`))
    .join(', ');
}
