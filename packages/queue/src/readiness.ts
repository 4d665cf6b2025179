import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { keys } from './keys.ts';
import { isCluster, redisMasters, type RedisClient } from './redis.ts';

/**
 * Is this Redis fit for a queue? BullMQ and the status records need every write kept: an
 * append-only file (a restart without one loses queued imports: 404 after a 202) and no eviction
 * (`maxmemory-policy noeviction`; a `volatile-*` policy evicts the status records, which have a TTL).
 */
export interface RedisDurability {
  nodes: { node: string; appendonly: boolean | null; maxmemoryPolicy: string | null }[];
  /** one sentence per problem, naming the node and the setting; empty when durable */
  problems: string[];
}

const nodeName = (node: Redis) => `${node.options.host ?? '127.0.0.1'}:${node.options.port ?? 6379}`;

/**
 * Reads `appendonly` and `maxmemory-policy` of the server, or of every master of a cluster: with
 * CONFIG GET where allowed, else from INFO (often allowed where CONFIG is not: managed Redis,
 * ACL users without @admin).
 */
export async function checkRedisDurability(client: RedisClient): Promise<RedisDurability> {
  // a cluster's masters as the client knows them; one it cannot reach now (failed over, its slots
  // not yet re-read) is left out: the key round trips of readiness say whether the cluster works.
  // Not connected yet is not unreachable: a cluster client connects to each node on first use.
  const masters = isCluster(client) ? await reachable(redisMasters(client)) : redisMasters(client);
  const nodes = await Promise.all(masters.map(async (node) => ({ node: nodeName(node), ...(await readPersistence(node)) })));
  const problems: string[] = [];
  for (const n of nodes) {
    const where = `Redis ${n.node}`;
    if (n.appendonly === null || n.maxmemoryPolicy === null) {
      problems.push(`${where} does not tell its persistence settings (neither CONFIG GET nor INFO is allowed), so they cannot be checked.`);
      continue;
    }
    if (!n.appendonly) {
      problems.push(`${where} runs without an append-only file (appendonly no): a restart loses queued imports and their status. Run it with appendonly yes.`);
    }
    if (n.maxmemoryPolicy !== 'noeviction') {
      problems.push(`${where} evicts keys when full (maxmemory-policy ${n.maxmemoryPolicy}): imports and their status can vanish. Set maxmemory-policy noeviction.`);
    }
  }
  return { nodes, problems };
}

/** The nodes that answer a PING within 2 s. */
async function reachable(nodes: Redis[]): Promise<Redis[]> {
  const answers = await Promise.all(
    nodes.map((node) =>
      node.status === 'ready'
        ? true
        : Promise.race([node.ping().then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, 2_000, false).unref())]).catch(() => false),
    ),
  );
  return nodes.filter((_, i) => answers[i]);
}

async function readPersistence(node: Redis): Promise<{ appendonly: boolean | null; maxmemoryPolicy: string | null }> {
  try {
    const [, aof] = (await node.config('GET', 'appendonly')) as string[];
    const [, policy] = (await node.config('GET', 'maxmemory-policy')) as string[];
    if (aof !== undefined && policy !== undefined) return { appendonly: aof === 'yes', maxmemoryPolicy: policy };
  } catch {
    // CONFIG refused (NOPERM) or renamed away: INFO says the same
  }
  const field = (info: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? null;
  const persistence = await node.info('persistence').catch(() => '');
  const memory = await node.info('memory').catch(() => '');
  const aof = field(persistence, 'aof_enabled');
  return { appendonly: aof === null ? null : aof === '1', maxmemoryPolicy: field(memory, 'maxmemory_policy') };
}

/** What a Redis error means for the service, in a sentence an operator can act on. */
export function explainRedisError(err: unknown, target: string): string {
  const message = (err as Error)?.message ?? String(err);
  const code = /^[A-Z]+/.exec(message)?.[0] ?? '';
  switch (code) {
    case 'MOVED':
    case 'ASK':
      return `${target} answers ${message.split(' ').slice(0, 3).join(' ')}: it is a Redis Cluster node, but the service is not configured for a cluster (set REDIS_CLUSTER_NODES).`;
    case 'CROSSSLOT':
      return `${target} refuses a command on keys the service uses together, as they are in different hash slots (CROSSSLOT).`;
    case 'READONLY':
      return `${target} is a read-only replica (READONLY): point the service at the master.`;
    case 'NOPERM':
      return `${target} refuses a command or key the service needs: the Redis user lacks an ACL permission (${message}).`;
    case 'NOAUTH':
    case 'WRONGPASS':
      return `${target} refuses the service's credentials (${message}).`;
    case 'CLUSTERDOWN':
      return `${target} is down (${message}).`;
    case 'LOADING':
      return `${target} is loading its data set.`;
    case 'OOM':
      return `${target} is out of memory (${message}).`;
    case 'MISCONF':
      return `${target} cannot persist its data and refuses writes (${message}).`;
    default:
      return `${target} is unreachable or failing (${message}).`;
  }
}

const USER_PAIR = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', 10000)
redis.call('HSET', KEYS[2], 'probe', ARGV[1])
local back = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2])
return back
`;

/**
 * A round trip on each kind of key the service uses, as the service uses them: a key in BullMQ's
 * slot (SET/GET/DEL), an import's two keys in one MULTI (as a submission writes them), and a user's
 * two keys in one script (as the lease does). Throws the first error Redis answers.
 */
export async function probeRedis(client: RedisClient, prefix: string): Promise<void> {
  const probe = randomBytes(6).toString('hex');
  const k = keys.readiness(prefix, probe);
  const value = `readyz-${probe}`;
  await client.set(k.queue, value, 'PX', 10_000);
  if ((await client.get(k.queue)) !== value) throw new Error(`a value written to ${k.queue} did not read back`);
  await client.del(k.queue);

  const results = await client.multi().set(k.importPair[0], value, 'PX', 10_000).set(k.importPair[1], value, 'PX', 10_000).get(k.importPair[0]).del(...k.importPair).exec();
  const failed = results?.find(([err]) => err);
  if (failed) throw failed[0];
  if (!results || results[2][1] !== value) throw new Error('a MULTI on an import\'s keys did not read back');

  if ((await client.eval(USER_PAIR, 2, ...k.userPair, value)) !== value) throw new Error('a script on a user\'s keys did not read back');
}

export interface ReadinessReport {
  ready: boolean;
  /** why not ready (503) */
  problems: string[];
  /** served, but not as production needs (e.g. Redis without AOF) */
  warnings: string[];
}

export interface ReadinessOptions {
  redis: RedisClient;
  prefix: string;
  /** how messages name the Redis (describeRedis) */
  target: string;
  /** a database command of the service's (e.g. probeDatabase); throws when unusable */
  database: () => Promise<void>;
  /** REQUIRE_DURABLE_REDIS: a non-durable Redis makes the service not ready */
  requireDurableRedis: boolean;
  timeoutMs?: number;
}

/**
 * /readyz of the API and of a worker: what the service needs works, not only answers a ping —
 * a round trip on its kinds of Redis keys (a cluster node answering MOVED to a single-node client,
 * CROSSSLOT, a read-only replica, missing ACL permissions make it not ready), a database command,
 * and Redis's durability (a warning, or a problem with REQUIRE_DURABLE_REDIS).
 */
export async function checkReadiness(o: ReadinessOptions): Promise<ReadinessReport> {
  const timeoutMs = o.timeoutMs ?? 2_000;
  const within = <T>(p: Promise<T>, what: string) =>
    Promise.race([
      p,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  const problems: string[] = [];
  const warnings: string[] = [];
  const [redis, database, durability] = await Promise.allSettled([
    within(probeRedis(o.redis, o.prefix), o.target),
    within(o.database(), 'the database'),
    within(checkRedisDurability(o.redis), o.target),
  ]);
  if (redis.status === 'rejected') problems.push(explainRedisError(redis.reason, o.target));
  else if (!isCluster(o.redis)) {
    // every probe may have hit slots of the node it reached: a single-node client on a cluster node still is not fit
    const info = await within(o.redis.info('cluster'), o.target).catch(() => '');
    if (/^cluster_enabled:1/m.test(info)) {
      problems.push(`${o.target} is a Redis Cluster node, but the service is not configured for a cluster (set REDIS_CLUSTER_NODES).`);
    }
  }
  if (database.status === 'rejected') problems.push(`The database cannot run the service's commands (${(database.reason as Error)?.message ?? database.reason}).`);
  if (durability.status === 'fulfilled') {
    (o.requireDurableRedis ? problems : warnings).push(...durability.value.problems);
  } else if (redis.status === 'fulfilled') {
    const problem = `${o.target}: its persistence settings could not be read (${(durability.reason as Error)?.message}).`;
    (o.requireDurableRedis ? problems : warnings).push(problem);
  }
  return { ready: problems.length === 0, problems, warnings };
}

/**
 * At start (API and worker): warns about a Redis unfit for a queue, or refuses to start with
 * REQUIRE_DURABLE_REDIS. Returns the warnings.
 */
export async function assertDurableRedis(
  client: RedisClient,
  target: string,
  requireDurable: boolean,
  warn: (message: string) => void,
): Promise<string[]> {
  const { problems } = await checkRedisDurability(client);
  if (problems.length > 0 && requireDurable) {
    throw new RedisNotDurableError(`REQUIRE_DURABLE_REDIS is set, and ${target} is not fit for a queue: ${problems.join(' ')}`);
  }
  for (const p of problems) warn(`${p} (set REQUIRE_DURABLE_REDIS=true to refuse to start instead)`);
  return problems;
}

export class RedisNotDurableError extends Error {
  override name = 'RedisNotDurableError';
}
