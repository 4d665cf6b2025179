/**
 * Restarting the bench's own FerretDB (the one scripts/bench.sh started, by the pid in its pid
 * file) when the service has got it stuck, so the remaining scenarios can run. The new process
 * writes its pid to the same file, so bench.sh still stops it at the end.
 */
import { spawn } from 'node:child_process';
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
