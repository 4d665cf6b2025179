/**
 * The processes of a chaos run, each one SIGKILLable and restartable in place: a private Redis with
 * an append-only file, a private FerretDB on a PostgreSQL database of its own, API instances
 * (apps/api/src/main.ts) and workers (apps/worker/src/main.ts) started as production starts them.
 * Every process writes its output to a log file of the run. A process that dies without being
 * killed by the driver is restarted (as an orchestrator would) and reported.
 *
 * Each process is the leader of a process group of its own (spawned detached), and is killed as a
 * group (a Redis AOF rewrite's fork goes with its server). Whatever the run started is killed when
 * this process exits, is interrupted (interrupted()) or fails; and every group and the PostgreSQL
 * database are written to a manifest (CHAOS_MANIFEST) that scripts/chaos.sh clears after the run
 * even if this process was SIGKILLed.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from '../../support/services.ts';
import { withTimeout } from './timeout.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every child of this run, so that none outlives it (killed by their own process groups only). */
const children = new Set<ChildProcess>();

/** Sends `signal` to the child's process group (it leads one), or to the child alone if that fails. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export function killAllChildren(): void {
  for (const c of children) signalGroup(c, 'SIGKILL');
}
process.on('exit', killAllChildren);

/** scripts/chaos.sh's manifest: `group <pgid>` and `pgdb <name>` lines, for a clean-up after a SIGKILL of this process */
function manifest(line: string): void {
  const file = process.env.CHAOS_MANIFEST;
  if (!file) return;
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    // best effort
  }
}

/** What must be undone if the run is interrupted (a PostgreSQL database to drop). */
const cleanups: (() => void)[] = [];
/** On SIGINT/SIGTERM: every child killed, every cleanup run. */
export function interrupted(): void {
  killAllChildren();
  for (const fn of cleanups.splice(0)) fn();
}

export interface ProcessEvents {
  /** a process exited without the driver killing or stopping it */
  unexpectedExit(name: string, detail: string): void;
}

interface Spec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** resolves once the process serves (rejects never: it is retried until it does) */
  ready(proc: Managed, output: () => string): Promise<boolean>;
}

/**
 * One restartable process. `kill()` is SIGKILL; `start()` retries until the process is ready
 * (an API or worker refuses to start while Redis or the database is away: it is started again,
 * as an orchestrator would).
 */
export class Managed {
  child: ChildProcess | null = null;
  private log: WriteStream;
  private recent = '';
  /** set while the driver has it down on purpose (killed or stopped) */
  private down = true;
  /** inside start(): an exit there is a failed start, retried by start() itself */
  private starting = false;
  /** starts that exited (or did not get ready) before serving */
  startsFailed = 0;
  starts = 0;

  constructor(
    readonly name: string,
    private readonly spec: Spec,
    logDir: string,
    private readonly events: ProcessEvents,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get up(): boolean {
    return !this.down && this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** the last output of the current process */
  tail(): string {
    return this.recent.slice(-3_000);
  }

  /** Starts it and waits until it is ready, starting it again as long as it exits first. */
  async start(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.down = false;
    this.starting = true;
    try {
      for (;;) {
        const child = this.spawnOnce();
        const exited = new Promise<false>((resolve) => child.once('exit', () => resolve(false)));
        // (the deadline's timer is cleared once the race is decided: it must not keep this process alive)
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))));
        const ready = await Promise.race([this.spec.ready(this, () => this.recent), exited, timedOut]).finally(() => clearTimeout(timer));
        if (this.down) return; // killed meanwhile
        if (ready && child.exitCode === null && child.signalCode === null) return;
        if (child.exitCode === null && child.signalCode === null) await this.killChild(child);
        this.startsFailed++;
        if (Date.now() > deadline) throw new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this.tail()}`);
        this.log.write(`\n[chaos] ${this.name} exited before it was ready; starting it again in 1 s\n`);
        await sleep(1_000);
        if (this.down) return;
      }
    } finally {
      this.starting = false;
    }
  }

  private spawnOnce(): ChildProcess {
    this.starts++;
    this.recent = '';
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: ROOT,
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // a process group of its own: killed as a group, and out of reach of the terminal's Ctrl-C
      // (this process handles SIGINT and kills it)
      detached: true,
    });
    children.add(child);
    if (child.pid !== undefined) manifest(`group ${child.pid}`);
    this.child = child;
    this.log.write(`\n[chaos] ${new Date().toISOString()} started ${this.name} pid ${child.pid}\n`);
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      this.log.write(text);
      this.recent = (this.recent + text).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      children.delete(child);
      this.log.write(`\n[chaos] ${new Date().toISOString()} ${this.name} pid ${child.pid} exited (${signal ?? code})\n`);
      if (this.child === child && !this.down && !this.starting) {
        // died on its own: report it and bring it back, as an orchestrator would
        this.events.unexpectedExit(this.name, `pid ${child.pid} exited (${signal ?? code}): ${this.tail().split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 600)}`);
        this.child = null;
        void sleep(1_000).then(() => (this.down || this.child ? undefined : this.start().catch(() => {})));
      }
    });
    return child;
  }

  private killChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL', graceMs = 0): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = graceMs > 0 ? setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs) : undefined;
      child.once('exit', () => {
        if (timer) clearTimeout(timer);
        // whatever else its group holds goes with it
        signalGroup(child, 'SIGKILL');
        resolve();
      });
      signalGroup(child, signal);
    });
  }

  /** SIGKILL; resolves once it is gone. */
  async kill(): Promise<void> {
    this.down = true;
    if (this.child) await this.killChild(this.child);
  }

  /** SIGTERM (SIGKILL after `graceMs`), for the end of a run. */
  async stop(graceMs = 10_000): Promise<void> {
    this.down = true;
    if (this.child) await this.killChild(this.child, 'SIGTERM', graceMs);
  }

  close(): void {
    this.log.end();
  }
}

/** A redis-server of our own with an append-only file fsynced on every write, as production needs. */
export async function redisProcess(logDir: string, events: ProcessEvents): Promise<Managed & { port: number; url: string }> {
  const port = await freePort();
  const dir = join(logDir, 'redis-data');
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  const m = new Managed('redis', { command: 'redis-server', args, ready: () => redisAnswers(port) }, logDir, events);
  return Object.assign(m, { port, url: `redis://127.0.0.1:${port}` });
}

/** PING answers PONG (not LOADING while the append-only file is read back). */
async function redisAnswers(port: number): Promise<boolean> {
  await waitForPort(port, true, 60_000);
  for (let i = 0; i < 600; i++) {
    const pong = await new Promise<boolean>((resolve) =>
      execFile('redis-cli', ['-p', String(port), 'PING'], { timeout: 2_000 }, (err, stdout) => resolve(!err && stdout.trim() === 'PONG')),
    );
    if (pong) return true;
    await sleep(100);
  }
  return false;
}

export interface DatabaseServer {
  /** FerretDB's binary and the PostgreSQL cluster's URL (scripts/lib.sh) */
  ferretdbBin: string;
  pgUrlBase: string;
}

/** The FerretDB binary and PostgreSQL cluster: from scripts/chaos.sh (CHAOS_*) or scripts/test.sh (TEST_*). */
export function databaseServerFromEnv(): DatabaseServer {
  const ferretdbBin = process.env.CHAOS_FERRETDB_BIN ?? process.env.TEST_FERRETDB_BIN;
  const pgUrlBase = process.env.CHAOS_PG_URL_BASE ?? process.env.TEST_PG_URL_BASE;
  if (!ferretdbBin || !pgUrlBase) throw new Error('FerretDB and PostgreSQL are not configured: run `npm run chaos` (scripts/chaos.sh) or `npm test`');
  return { ferretdbBin, pgUrlBase };
}

/** A FerretDB of our own on a spare port and a new PostgreSQL database (dropped by `dropDatabase`). */
export async function ferretdbProcess(
  server: DatabaseServer,
  logDir: string,
  events: ProcessEvents,
): Promise<Managed & { port: number; mongoBase: string; dropDatabase(): void }> {
  const port = await freePort();
  const pgDatabase = `si_chaos_${process.pid}_${Date.now() % 100_000}`;
  manifest(`pgdb ${pgDatabase}`);
  execFileSync('psql', [`${server.pgUrlBase}/postgres`, '-qc', `CREATE DATABASE "${pgDatabase}"`], { stdio: 'pipe' });
  // as scripts/lib.sh#start_ferretdb (tools/ferretdb adds plan_cache_mode=force_custom_plan)
  const url = `${server.pgUrlBase}/${pgDatabase}?pool_max_conns=30`;
  const m = new Managed(
    'ferretdb',
    { command: server.ferretdbBin, args: ['-listen', `127.0.0.1:${port}`, '-postgresql-url', url], ready: () => waitForPort(port, true, 60_000).then(() => true) },
    logDir,
    events,
  );
  const dropDatabase = () => {
    try {
      execFileSync('psql', [`${server.pgUrlBase}/postgres`, '-qc', `DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`], { stdio: 'pipe' });
    } catch {
      // best effort
    }
  };
  cleanups.push(dropDatabase);
  return Object.assign(m, { port, mongoBase: `mongodb://127.0.0.1:${port}`, dropDatabase });
}

/** The Node flags of a package.json script (`node --max-old-space-size=256 --import tsx …`), so a process starts as production starts it. */
function nodeFlagsOf(script: string): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts[script].split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('--import'));
}

/** An API instance on a fixed port (it comes back on the same address after a kill). */
export async function apiProcess(name: string, env: Record<string, string>, logDir: string, events: ProcessEvents): Promise<Managed & { port: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const m = new Managed(
    name,
    {
      command: process.execPath,
      args: [...nodeFlagsOf('start:api'), '--import', 'tsx', 'apps/api/src/main.ts'],
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: url },
      ready: async (proc) => {
        for (;;) {
          if (!proc.child || proc.child.exitCode !== null || proc.child.signalCode !== null) return false;
          try {
            const status = await withTimeout(2_000, async (signal) => {
              const res = await fetch(`${url}/healthz`, { signal });
              await res.arrayBuffer();
              return res.status;
            });
            if (status === 200) return true;
          } catch {
            // not listening yet
          }
          await sleep(100);
        }
      },
    },
    logDir,
    events,
  );
  return Object.assign(m, { port, url });
}

/** A worker process; ready when it logs "worker ready". */
export function workerProcess(name: string, env: Record<string, string>, logDir: string, events: ProcessEvents): Managed {
  return new Managed(
    name,
    {
      command: process.execPath,
      args: [...nodeFlagsOf('start:worker'), '--import', 'tsx', 'apps/worker/src/main.ts'],
      env: { ...env, WORKER_HEALTH_PORT: '0' },
      ready: async (proc, output) => {
        for (;;) {
          if (!proc.child || proc.child.exitCode !== null || proc.child.signalCode !== null) return false;
          if (output().includes('worker ready')) return true;
          await sleep(100);
        }
      },
    },
    logDir,
    events,
  );
}
