/**
 * The bench's FerretDB processes. Restarting the one scripts/bench.sh started (by the pid in its
 * pid file) when the service has got it stuck, so the remaining scenarios can run (the new process
 * writes its pid to the same file, so bench.sh still stops it at the end); and starting more on
 * other PostgreSQL databases of the cluster (D1's populated database).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { sleep } from './procs.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

export function canRestartFerretDB(): boolean {
  const e = process.env;
  return Boolean(e.BENCH_FERRETDB_BIN && e.BENCH_FERRETDB_PIDFILE && e.BENCH_FERRETDB_LISTEN && e.BENCH_PG_URL);
}

export async function restartFerretDB(): Promise<boolean> {
  if (!canRestartFerretDB()) return false;
  const { BENCH_FERRETDB_BIN: bin, BENCH_FERRETDB_PIDFILE: pidfile, BENCH_FERRETDB_LISTEN: listen, BENCH_PG_URL: pg } = process.env as Record<string, string>;
  const old = Number(readFileSync(pidfile, 'utf8').trim());
  if (old > 0 && alive(old)) {
    process.kill(old, 'SIGTERM');
    for (let i = 0; i < 100 && alive(old); i++) await sleep(100);
    if (alive(old)) process.kill(old, 'SIGKILL');
    for (let i = 0; i < 50 && alive(old); i++) await sleep(100);
  }
  const log = openSync(pidfile.replace(/\.pid$/, '.log'), 'a');
  // the URL scripts/lib.sh#start_ferretdb gives it (tools/ferretdb adds plan_cache_mode=force_custom_plan)
  const url = `${pg}?pool_max_conns=${process.env.FERRETDB_POOL_MAX_CONNS ?? 40}`;
  const child = spawn(bin, ['-listen', listen, '-postgresql-url', url], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  writeFileSync(pidfile, String(child.pid));
  const [host, port] = [listen.slice(0, listen.lastIndexOf(':')), Number(listen.slice(listen.lastIndexOf(':') + 1))];
  for (let i = 0; i < 100; i++) {
    if (await listening(host, port)) return true;
    await sleep(100);
  }
  return false;
}

/** The bench's PostgreSQL cluster without a database (`postgres://…:port`), from BENCH_PG_URL. */
export function pgClusterUrl(): string | null {
  const url = process.env.BENCH_PG_URL;
  return url ? url.slice(0, url.lastIndexOf('/')) : null;
}

export interface FerretDBProcess {
  /** mongodb://127.0.0.1:port (no database) */
  mongoBase: string;
  pid: number;
  stop(): Promise<void>;
}

const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/**
 * A FerretDB of the bench's own (the binary scripts/bench.sh built) on another PostgreSQL database
 * of the cluster, on a free port, started as scripts/lib.sh#start_ferretdb starts one; stopped by
 * `stop()` (and killed if the bench exits first).
 */
export async function startFerretDB(pgDatabase: string, port: number, poolMaxConns = Number(process.env.FERRETDB_POOL_MAX_CONNS ?? 40)): Promise<FerretDBProcess> {
  const bin = process.env.BENCH_FERRETDB_BIN;
  const cluster = pgClusterUrl();
  if (!bin || !cluster) throw new Error('BENCH_FERRETDB_BIN and BENCH_PG_URL are not set: run the suite with `npm run bench` (scripts/bench.sh)');
  const child = spawn(bin, ['-listen', `127.0.0.1:${port}`, '-postgresql-url', `${cluster}/${pgDatabase}?pool_max_conns=${poolMaxConns}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.add(child);
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (t: string) => (log = (log + t).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 200 && !(await listening('127.0.0.1', port)); i++) {
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  if (!(await listening('127.0.0.1', port))) {
    child.kill('SIGKILL');
    throw new Error(`FerretDB on ${pgDatabase} did not start:\n${log}`);
  }
  return {
    mongoBase: `mongodb://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      started.delete(child);
    },
  };
}
