/**
 * Private Redis and FerretDB servers for tests that stop and restart them, on spare ports, so
 * the shared servers of the rest of the suite are never disturbed.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

export interface PrivateRedisOptions {
  /** an append-only file, as in production (default true) */
  appendonly?: boolean;
  /** default: Redis's own, noeviction */
  maxmemoryPolicy?: string;
  /** more redis-server arguments, e.g. ['--replicaof', '127.0.0.1', '6379'] */
  args?: string[];
}

/** A redis-server of our own: by default with AOF on (as in production), so a restart keeps the queue. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'si-redis-'));
  constructor(
    readonly port: number,
    readonly options: PrivateRedisOptions = {},
  ) {}

  static async create(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), options);
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const o = this.options;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--dir', this.dir];
    args.push('--appendonly', o.appendonly === false ? 'no' : 'yes', '--appendfsync', 'always');
    if (o.maxmemoryPolicy) args.push('--maxmemory', '256mb', '--maxmemory-policy', o.maxmemoryPolicy);
    this.child = spawn('redis-server', [...args, ...(o.args ?? [])], { stdio: 'ignore' });
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

interface ClusterNodeProcess {
  port: number;
  child: ChildProcess | null;
}

/**
 * A real Redis Cluster of our own: `masters` redis-server processes with `--cluster-enabled yes`
 * (AOF on) and `replicas` replicas per master, on spare ports, joined with
 * `redis-cli --cluster create … --cluster-yes`. A small node timeout makes a replica take over
 * within a few seconds of its master stopping.
 */
export class PrivateRedisCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'si-cluster-'));
  readonly nodes: ClusterNodeProcess[] = [];

  private constructor(readonly nodeTimeoutMs: number) {}

  static async create(options: { masters?: number; replicas?: number; nodeTimeoutMs?: number } = {}): Promise<PrivateRedisCluster> {
    const masters = options.masters ?? 3;
    const replicas = options.replicas ?? 0;
    const cluster = new PrivateRedisCluster(options.nodeTimeoutMs ?? 1_000);
    try {
      for (let i = 0; i < masters * (1 + replicas); i++) {
        const node = { port: await freePort(), child: null };
        cluster.nodes.push(node);
        await cluster.startNode(node);
      }
      if (masters >= 3) {
        execFileSync(
          'redis-cli',
          ['--cluster', 'create', ...cluster.nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', String(replicas), '--cluster-yes'],
          { stdio: 'pipe', timeout: 60_000 },
        );
      } else {
        // `redis-cli --cluster create` wants three masters: a smaller one is joined by hand
        if (replicas > 0 || masters !== 1) throw new Error('a cluster of fewer than 3 masters can only be a single master');
        cluster.cli(cluster.nodes[0].port, 'CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
      }
      await cluster.waitHealthy(masters * (1 + replicas));
    } catch (err) {
      await cluster.destroy();
      throw err;
    }
    return cluster;
  }

  /** REDIS_CLUSTER_NODES for the service: every node's address */
  get nodesSetting(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  private async startNode(node: ClusterNodeProcess): Promise<void> {
    const dir = join(this.dir, String(node.port));
    mkdirSync(dir, { recursive: true });
    const busPort = await freePort();
    node.child = spawn(
      'redis-server',
      [
        '--port', String(node.port), '--cluster-port', String(busPort), '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(this.nodeTimeoutMs),
        '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--dir', dir,
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(node.port, true);
  }

  /** One node answers `redis-cli <args>` (raw text). */
  cli(port: number, ...args: string[]): string {
    return execFileSync('redis-cli', ['-p', String(port), ...args], { stdio: 'pipe' }).toString();
  }

  /** The port of the master that serves `key`'s hash slot now. */
  masterOf(key: string): number {
    const live = this.nodes.find((n) => n.child)!;
    const slot = Number(this.cli(live.port, 'CLUSTER', 'KEYSLOT', key).trim());
    for (const line of this.cli(live.port, 'CLUSTER', 'NODES').trim().split('\n')) {
      const [, address, flags, , , , , , ...ranges] = line.split(' ');
      if (!flags.includes('master') || flags.includes('fail')) continue;
      for (const range of ranges) {
        const [from, to] = range.split('-').map(Number);
        if (slot >= from && slot <= (to ?? from)) return Number(address.split(':')[1].split('@')[0]);
      }
    }
    throw new Error(`no master serves slot ${slot}`);
  }

  /** The ports of the masters now. */
  masters(): number[] {
    const live = this.nodes.find((n) => n.child)!;
    return this.cli(live.port, 'CLUSTER', 'NODES')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .filter(([, , flags]) => flags.includes('master') && !flags.includes('fail'))
      .map(([, address]) => Number(address.split(':')[1].split('@')[0]));
  }

  /** Stops a node as an operator would (SIGTERM: a master lets its replicas catch up first). */
  async stopNode(port: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const node = this.nodes.find((n) => n.port === port);
    if (!node?.child) return;
    const child = node.child;
    node.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** Every running node says the cluster is ok and knows `knownNodes` nodes; replicas are in sync. */
  async waitHealthy(knownNodes: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const healthy = this.nodes
        .filter((n) => n.child)
        .every((n) => {
          try {
            const info = this.cli(n.port, 'CLUSTER', 'INFO');
            const replication = this.cli(n.port, 'INFO', 'replication');
            return (
              /cluster_state:ok/.test(info) &&
              new RegExp(`cluster_known_nodes:${knownNodes}\\b`).test(info) &&
              (!/role:slave/.test(replication) || /master_link_status:up/.test(replication))
            );
          } catch {
            return false;
          }
        });
      if (healthy) return;
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not become healthy');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** After a master stopped: its replica has taken over and every live node says the cluster is ok. */
  async waitFailover(stoppedPort: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const live = this.nodes.filter((n) => n.child);
      const ok = live.every((n) => {
        try {
          return /cluster_state:ok/.test(this.cli(n.port, 'CLUSTER', 'INFO'));
        } catch {
          return false;
        }
      });
      if (ok && !this.masters().includes(stoppedPort)) return;
      if (Date.now() > deadline) throw new Error(`no replica took over from ${stoppedPort}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async destroy(): Promise<void> {
    // nothing to keep: no waiting for replicas
    await Promise.all(this.nodes.map((n) => this.stopNode(n.port, 'SIGKILL')));
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
