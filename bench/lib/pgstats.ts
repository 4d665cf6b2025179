/**
 * PostgreSQL's own counters of FerretDB's tables (pg_stat_user_tables), read with psql: how many
 * sequential scans of a collection's table an import caused, and how many rows they read.
 *
 * FerretDB v1 keeps each database in a PostgreSQL schema of its name, each collection in a table
 * named in the schema's `_ferretdb_database_metadata` (e.g. `personal-bests` →
 * `personal_bests_03ea0977`). A server process publishes its counters when its transaction ends,
 * at most once a second, and otherwise when it has been idle for up to 10 s (PostgreSQL 15's
 * PGSTAT_IDLE_INTERVAL): read counters more than 10 s after the work they count.
 */
import { execFile } from 'node:child_process';

export interface TableCounters {
  seqScan: number;
  seqTupRead: number;
  idxScan: number;
  liveTup: number;
  deadTup: number;
}

/** the collections imports read and write the most (issue 12) */
export const HOT_COLLECTIONS = ['scores', 'personal-bests', 'sessions'] as const;

export function psql(url: string, sql: string, timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-qtAX', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-c', sql], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`psql ${url.replace(/^.*@/, '')}: ${stderr.trim() || err.message}`));
      else resolve(stdout.trim());
    });
  });
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** collection name → table name, for a FerretDB database (its schema). */
export async function ferretTables(pgUrl: string, database: string): Promise<Map<string, string>> {
  const out = await psql(pgUrl, `SELECT _jsonb->>'_id', _jsonb->>'table' FROM ${ident(database)}._ferretdb_database_metadata`);
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('|') as [string, string]),
  );
}

/** The counters of some collections of a FerretDB database (by collection name). */
export async function tableCounters(pgUrl: string, database: string, collections: readonly string[] = HOT_COLLECTIONS): Promise<Map<string, TableCounters>> {
  const tables = await ferretTables(pgUrl, database);
  const byTable = new Map(collections.filter((c) => tables.has(c)).map((c) => [tables.get(c)!, c]));
  if (byTable.size === 0) return new Map();
  const out = await psql(
    pgUrl,
    `SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup, n_dead_tup FROM pg_stat_user_tables ` +
      `WHERE schemaname = ${literal(database)} AND relname IN (${[...byTable.keys()].map(literal).join(', ')})`,
  );
  const result = new Map<string, TableCounters>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [table, seqScan, seqTupRead, idxScan, liveTup, deadTup] = line.split('|');
    result.set(byTable.get(table)!, { seqScan: +seqScan, seqTupRead: +seqTupRead, idxScan: +idxScan, liveTup: +liveTup, deadTup: +deadTup });
  }
  return result;
}

/** after − before of the scan counters (live/dead rows: as after). */
export function counterDelta(after: Map<string, TableCounters>, before: Map<string, TableCounters>): Map<string, TableCounters> {
  const out = new Map<string, TableCounters>();
  for (const [c, a] of after) {
    const b = before.get(c) ?? { seqScan: 0, seqTupRead: 0, idxScan: 0, liveTup: 0, deadTup: 0 };
    out.set(c, { seqScan: a.seqScan - b.seqScan, seqTupRead: a.seqTupRead - b.seqTupRead, idxScan: a.idxScan - b.idxScan, liveTup: a.liveTup, deadTup: a.deadTup });
  }
  return out;
}

export const seqScans = (d: Map<string, TableCounters>): number => [...d.values()].reduce((n, c) => n + c.seqScan, 0);

/** "scores 0 seq (0 rows) / 12 idx; personal-bests …" */
export function describeCounters(d: Map<string, TableCounters>): string {
  return HOT_COLLECTIONS.filter((c) => d.has(c))
    .map((c) => {
      const x = d.get(c)!;
      return `${c} ${x.seqScan} seq scans (${x.seqTupRead.toLocaleString('en-US')} rows) / ${x.idxScan} index scans`;
    })
    .join('; ');
}

/** how long to wait after some work before its counters are all published */
export const STATS_FLUSH_MS = 11_000;
