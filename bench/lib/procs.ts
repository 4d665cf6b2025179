/**
 * The service as real processes: `node --import tsx apps/api/src/main.ts` and
 * `apps/worker/src/main.ts`, configured through the environment like in production (README
 * "Configuration"), plus the hello-world reference server and the raw-writer children.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const children = new Set<ChildProcess>();

/** Kills every child process this bench started (only those, by their handles). */
export function killChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
// last resort: never leave a child of ours running
process.on('exit', killChildren);

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** the last lines the process wrote (for error messages) */
  tail(): string;
  /** the last warning/error log lines (pino level ≥ 40) or stack traces the process wrote */
  problems(): string[];
  /** every stderr chunk goes here too (command-log counting) */
  onStderr(fn: (text: string) => void): void;
  stop(): Promise<void>;
  /** SIGKILL, for a process that is stuck */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** ready when the output says so, or when an HTTP path answers (with `status`, if given) */
type Readiness = { output: (out: string) => boolean } | { http: { port: number; path: string; status?: number } };

/**
 * The Node flags of a package.json script such as `node --max-old-space-size=256 --import tsx
 * apps/worker/src/main.ts`, so the bench runs a process exactly as production starts it.
 */
function nodeFlagsOf(script: string): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts[script].split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('--import'));
}

function startProcess(name: string, args: string[], env: Record<string, string>, readiness: Readiness, timeoutMs = 60_000, nodeFlags: string[] = []): Promise<Proc> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines: string[] = [];
  const problems: string[] = [];
  const stderrListeners: ((text: string) => void)[] = [];
  const keep = (text: string) => {
    for (const l of text.split('\n')) {
      if (!l.trim()) continue;
      lines.push(l.slice(0, 500));
      if (/"level":(40|50|60)\b|Error|error:/.test(l) && !l.includes("message: 'Command")) problems.push(l.slice(0, 1500));
    }
    if (lines.length > 60) lines.splice(0, lines.length - 60);
    if (problems.length > 20) problems.splice(0, problems.length - 20);
  };
  const proc: Proc = {
    name,
    child,
    pid: child.pid!,
    tail: () => lines.join('\n'),
    problems: () => [...problems],
    onStderr: (fn) => stderrListeners.push(fn),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
  return new Promise<Proc>((resolve, reject) => {
    let done = false;
    let seen = '';
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve(proc);
    };
    const timer = setTimeout(() => finish(new Error(`${name} did not start within ${timeoutMs} ms:\n${proc.tail()}`)), timeoutMs);
    const check = (text: string) => {
      if (done || !('output' in readiness)) return;
      seen = (seen + text).slice(-20_000);
      if (readiness.output(seen)) finish();
    };
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (t: string) => {
      keep(t);
      check(t);
    });
    child.stderr!.on('data', (t: string) => {
      for (const fn of stderrListeners) fn(t);
      keep(t);
      check(t);
    });
    child.once('exit', (code, signal) => {
      if (!done) finish(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${proc.tail()}`));
    });
    if ('http' in readiness) {
      const { port, path, status } = readiness.http;
      void (async () => {
        while (!done) {
          try {
            const res = await fetch(`http://127.0.0.1:${port}${path}`);
            await res.arrayBuffer();
            if (status === undefined || res.status === status) finish();
            else await sleep(25);
          } catch {
            await sleep(25);
          }
        }
      })();
    }
  });
}

export interface ServiceEnv {
  MONGO_URL: string;
  REDIS_URL: string;
  KEY_PREFIX: string;
  [k: string]: string;
}

/** An API process; ready when it answers HTTP. */
export function startApi(env: ServiceEnv & { PORT: string }, extra: Record<string, string> = {}): Promise<Proc> {
  return startProcess(`api:${env.PORT}`, ['apps/api/src/main.ts'], { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, ...extra }, {
    http: { port: Number(env.PORT), path: '/api/v1/imports/0000000000000000000000000000000000000000/poll-status' },
  });
}

/** A worker process; ready when it logs "worker ready". */
export function startWorker(env: ServiceEnv, extra: Record<string, string> = {}): Promise<Proc> {
  return startProcess(`worker`, ['apps/worker/src/main.ts'], { LOG_LEVEL: 'info', WORKER_HEALTH_PORT: '0', ...env, ...extra }, { output: (out) => out.includes('worker ready') }, 60_000, nodeFlagsOf('start:worker'));
}

/**
 * An API or worker process started as production starts it (`npm run start:api` /
 * `start:worker`), timed from the spawn until its /readyz answers 200 (Redis and the database
 * usable, see apps/api/src/routes/health.ts and apps/worker/src/metrics.ts).
 */
export async function startUntilReady(kind: 'api' | 'worker', env: ServiceEnv): Promise<{ proc: Proc; ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const proc =
    kind === 'api'
      ? await startProcess(`api:${port}`, ['apps/api/src/main.ts'], { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) }, { http: { port, path: '/readyz', status: 200 } }, 60_000, nodeFlagsOf('start:api'))
      : await startProcess('worker', ['apps/worker/src/main.ts'], { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, WORKER_HEALTH_PORT: String(port) }, { http: { port, path: '/readyz', status: 200 } }, 60_000, nodeFlagsOf('start:worker'));
  return { proc, ms: performance.now() - t0 };
}

/** A hello-world reference (bench/hello-server.ts): `app` = the service's app plus GET /hello, `bare` = Fastify alone. */
export function startHello(port: number, mode: 'app' | 'bare', env: Record<string, string>): Promise<Proc> {
  return startProcess(`hello-${mode}:${port}`, ['bench/hello-server.ts'], { ...env, HELLO_PORT: String(port), HELLO_MODE: mode }, {
    output: (out) => out.includes('hello ready'),
  });
}

/** A raw-writer child (bench/raw-writer.ts): loads its documents, says "loaded", inserts on "go". */
export function startRawWriter(mongoUrl: string, collection: string, docsFile: string): Promise<Proc> {
  return startProcess('raw-writer', ['bench/raw-writer.ts', mongoUrl, collection, docsFile], {}, { output: (out) => out.includes('loaded') });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** VmHWM / VmRSS of a process in MB, from /proc. */
export function memoryOf(pid: number): { hwmMB: number; rssMB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwmMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current RSS (Linux: "5" > /proc/pid/clear_refs); false if not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** What the bench's PostgreSQL database is doing (FerretDB's connections), when BENCH_PG_URL is set. */
export function pgActivity(): Promise<string> {
  const url = process.env.BENCH_PG_URL;
  if (!url) return Promise.resolve('(BENCH_PG_URL not set)');
  const sql =
    "select count(*) || ' × ' || coalesce(state, '?') || ': ' || left(regexp_replace(query, '\"[^\"]*\"\\.', '', 'g'), 90) " +
    'from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by state, query order by count(*) desc limit 4';
  return new Promise((resolve) => {
    execFile('psql', [url, '-qtAc', sql], { timeout: 10_000 }, (err, stdout) => {
      resolve(err ? `(psql failed: ${err.message.split('\n')[0]})` : stdout.trim().split('\n').join('; '));
    });
  });
}

/**
 * FerretDB's connections on the bench's PostgreSQL database: how many, how many are running a
 * query, and how long ago any of them last started or finished one (null without BENCH_PG_URL).
 */
export function pgConnections(): Promise<{ total: number; active: number; quietS: number } | null> {
  const url = process.env.BENCH_PG_URL;
  if (!url) return Promise.resolve(null);
  const sql =
    "select count(*) || ' ' || count(*) filter (where state = 'active') || ' ' || coalesce(extract(epoch from now() - max(state_change)), 0) " +
    'from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()';
  return new Promise((resolve) => {
    execFile('psql', [url, '-qtAc', sql], { timeout: 10_000 }, (err, stdout) => {
      if (err) return resolve(null);
      const [total, active, quietS] = stdout.trim().split(' ').map(Number);
      resolve({ total, active, quietS });
    });
  });
}
