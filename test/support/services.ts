/**
 * Private Redis and FerretDB servers for tests that stop and restart them, on spare ports, so
 * the shared servers of the rest of the suite are never disturbed.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function waitForPort(port: number, up: boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open === up) return;
    if (Date.now() > deadline) throw new Error(`port ${port} still ${up ? 'closed' : 'open'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A redis-server with AOF on (as in production), so a restart keeps the queue. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'si-redis-'));
  constructor(readonly port: number) {}

  static async create(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir], { stdio: 'ignore' });
    await waitForPort(this.port, true);
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await waitForPort(this.port, false);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A FerretDB of our own on a spare port and a PostgreSQL database of our own. */
export class PrivateFerretDB {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly pgDatabase: string,
    /** extra parameters of its PostgreSQL URL (e.g. `plan_cache_mode=force_generic_plan`) */
    readonly pgParams = '',
  ) {}

  static async create(options: { pgParams?: string } = {}): Promise<PrivateFerretDB> {
    const f = new PrivateFerretDB(await freePort(), `si_private_${process.pid}_${Date.now() % 100000}`, options.pgParams);
    execFileSync('psql', [`${pgBase()}/postgres`, '-qc', `CREATE DATABASE "${f.pgDatabase}"`]);
    await f.start();
    return f;
  }

  url(db: string): string {
    return `mongodb://127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<void> {
    const bin = process.env.TEST_FERRETDB_BIN;
    if (!bin) throw new Error('TEST_FERRETDB_BIN is not set: run the tests with npm test');
    // as scripts/lib.sh#start_ferretdb, with a smaller pool; tools/ferretdb adds plan_cache_mode=force_custom_plan
    this.child = spawn(bin, ['-listen', `127.0.0.1:${this.port}`, '-postgresql-url', this.postgresURL], { stdio: 'ignore' });
    await waitForPort(this.port, true);
  }

  /** Its PostgreSQL database (for psql: pg_stat_user_tables, pg_settings). */
  get pgURL(): string {
    return `${pgBase()}/${this.pgDatabase}`;
  }

  private get postgresURL(): string {
    return `${this.pgURL}?pool_max_conns=20${this.pgParams ? `&${this.pgParams}` : ''}`;
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    await waitForPort(this.port, false);
  }

  async destroy(): Promise<void> {
    await this.stop();
    try {
      execFileSync('psql', [`${pgBase()}/postgres`, '-qc', `DROP DATABASE IF EXISTS "${this.pgDatabase}" WITH (FORCE)`]);
    } catch {
      // best effort
    }
  }
}

/** The project's own PostgreSQL cluster (scripts/lib.sh#ensure_postgres), as scripts/test.sh passes it. */
function pgBase(): string {
  const base = process.env.TEST_PG_URL_BASE;
  if (!base) throw new Error('TEST_PG_URL_BASE is not set: run the tests with npm test');
  return base;
}
