import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A single Redis server or a Redis Cluster: every store of the service takes either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is (the configuration's REDIS_URL and REDIS_CLUSTER_NODES). */
export interface RedisSettings {
  REDIS_URL: string;
  /** `host:port,host:port`: a Redis Cluster, found from these seed nodes (REDIS_URL then only gives credentials and TLS) */
  REDIS_CLUSTER_NODES?: string;
}

export function parseClusterNodes(nodes: string): { host: string; port: number }[] {
  return nodes
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => {
      const at = n.lastIndexOf(':');
      return { host: n.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(n.slice(at + 1)) };
    });
}

/** How a log line or an error names the Redis the service uses (no password). */
export function describeRedis(settings: RedisSettings | string): string {
  const s = typeof settings === 'string' ? { REDIS_URL: settings } : settings;
  if (s.REDIS_CLUSTER_NODES) return `the Redis Cluster at ${s.REDIS_CLUSTER_NODES}`;
  const url = new URL(s.REDIS_URL);
  return `Redis at ${url.host}`;
}

/**
 * API connections fail fast (a client gets 503 within a second while Redis is away); worker
 * connections wait and retry forever, as BullMQ's docs recommend for workers. With
 * REDIS_CLUSTER_NODES the same roles on an ioredis Cluster client, which follows MOVED/ASK and
 * re-reads the slots after a failover.
 */
export function createRedis(settings: RedisSettings | string, role: 'api' | 'worker'): RedisClient {
  const s = typeof settings === 'string' ? { REDIS_URL: settings } : settings;
  const client = s.REDIS_CLUSTER_NODES ? createCluster(s.REDIS_URL, s.REDIS_CLUSTER_NODES, role) : new Redis(s.REDIS_URL, nodeOptions(role));
  // errors surface on the commands that fail; without a listener ioredis would crash the process
  client.on('error', () => {});
  return client;
}

function nodeOptions(role: 'api' | 'worker'): RedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (n) => Math.min(n * 200, 2_000) }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 1_000,
        commandTimeout: 1_000,
        retryStrategy: (n) => Math.min(n * 200, 1_000),
      };
}

function createCluster(url: string, nodes: string, role: 'api' | 'worker'): Cluster {
  // the credentials and TLS of REDIS_URL apply to every node
  const u = new URL(url);
  const auth: RedisOptions = {
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
  };
  const { retryStrategy: _r, enableOfflineQueue, ...perNode } = nodeOptions(role);
  const options: ClusterOptions = {
    redisOptions: { ...perNode, ...auth },
    enableOfflineQueue: enableOfflineQueue ?? true,
    clusterRetryStrategy: (n) => Math.min(n * 200, role === 'api' ? 1_000 : 2_000),
    // a failover takes a node timeout or two: commands retry meanwhile (the API's only once)
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 200,
    slotsRefreshTimeout: 2_000,
    // re-read the topology now and then too, not only on MOVED or a failing node
    slotsRefreshInterval: 5_000,
  };
  return new Cluster(parseClusterNodes(nodes), options);
}

/** The masters of a cluster, or the one server. */
export function redisMasters(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** Resolves once the client is connected (a cluster: its slots are known); rejects after `timeoutMs`. */
export function redisReady(client: RedisClient, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (client.status === 'ready') return resolve();
    const fail = () => reject(new Error(`Cannot connect to ${what}`));
    client.once('ready', resolve);
    client.once('end', fail);
    setTimeout(fail, timeoutMs).unref();
  });
}
