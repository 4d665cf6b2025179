import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
);

/** Every setting of the API and the worker, read from the environment (README "Configuration"). */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'API port' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'API listen address' }),
  BASE_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'Public URL used in poll URLs' })),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  /**
   * A Redis Cluster: `host:port,host:port` of some of its nodes (the rest are discovered). REDIS_URL
   * then only gives the credentials and TLS (`rediss://`) used for every node.
   */
  REDIS_CLUSTER_NODES: Type.Optional(Type.String({ pattern: '^\\[?[A-Za-z0-9.:-]+\\]?:[0-9]+(,\\[?[A-Za-z0-9.:-]+\\]?:[0-9]+)*$' })),
  /** Refuse to start (and /readyz answers 503) unless Redis keeps an append-only file and never evicts keys. */
  REQUIRE_DURABLE_REDIS: Type.Boolean({ default: false }),
  MONGO_URL: Type.String({ pattern: '^mongodb(\\+srv)?://', default: 'mongodb://127.0.0.1:27017/score-import' }),
  WORKER_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 256, default: 4 }),
  LOG_LEVEL: Type.Union([LogLevel], { default: 'info' }),
  /**
   * Prefix of every Redis key (BullMQ's are under `{KEY_PREFIX}`). No braces: the service puts the
   * hash tags a Redis Cluster needs in its keys itself (packages/queue/src/keys.ts).
   */
  KEY_PREFIX: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_:-]+$', default: 'si' }),
  /** BullMQ lock duration and stalled-job check interval, in ms (short values in tests). */
  JOB_LOCK_MS: Type.Integer({ minimum: 500, default: 30_000 }),
  STALLED_INTERVAL_MS: Type.Integer({ minimum: 500, default: 30_000 }),
  /** The worker's /metrics, /healthz and /readyz port (0: any free port). */
  WORKER_HEALTH_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9100 }),
  /** On SIGTERM a worker lets running imports finish for this long, then hands them back to the queue. */
  WORKER_SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 30_000 }),
  /** Submissions one user may make per minute, counted in Redis across all API instances (429 past it). */
  SUBMIT_RATE_LIMIT: Type.Integer({ minimum: 1, default: 60 }),
  /** Backpressure: with more imports than this waiting in the queue, submissions answer 503. */
  QUEUE_MAX_WAITING: Type.Integer({ minimum: 1, default: 10_000 }),
  /** How long an Idempotency-Key keeps answering with its first import. */
  IDEMPOTENCY_TTL_SECONDS: Type.Integer({ minimum: 60, default: 24 * 3600 }),
  /**
   * The IR routes of game hooks answer once the import is done (as Tachi's do), waiting for the worker
   * through Redis for at most this long; past it they answer 202 with the poll URL.
   */
  IR_WAIT_MS: Type.Integer({ minimum: 0, default: 30_000 }),
  /**
   * Which of Tachi's two sites' hook routes to serve: Kamaitachi's (arcade hooks: fervidex, barbatos,
   * the Konaste hook), Bokutachi's (home games: beatoraja, LR2hook, USC), or both.
   */
  TACHI_ROUTES: Type.Union([Type.Literal('kamaitachi'), Type.Literal('bokutachi'), Type.Literal('both')], { default: 'both' }),
  /**
   * Players who must have played a chart no data holds before it is created from what their hooks
   * sent (beatoraja's charts; Tachi's BEATORAJA_QUEUE_SIZE).
   */
  BEATORAJA_QUEUE_SIZE: Type.Integer({ minimum: 2, default: 3 }),
  /** How long the status record of a finished import stays in Redis (the database keeps the rest). */
  STATUS_TTL_SECONDS: Type.Integer({ minimum: 60, default: 7 * 24 * 3600 }),
});

export type Config = Static<typeof ConfigSchema> & { BASE_URL: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  if (typeof raw.KEY_PREFIX === 'string' && /[{}]/.test(raw.KEY_PREFIX)) {
    // the README once said KEY_PREFIX={si} for a Redis Cluster
    throw new ConfigError(
      `Invalid configuration: KEY_PREFIX=${JSON.stringify(raw.KEY_PREFIX)}: no braces; the service puts the hash tags a Redis Cluster needs in its keys itself (set REDIS_CLUSTER_NODES for a cluster).`,
    );
  }
  const value = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw)) as Record<string, unknown>;
  const errors = [...Value.Errors(ConfigSchema, value)];
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const key = e.instancePath.replace(/^\//, '') || '(root)';
      return `${key}=${JSON.stringify(raw[key] ?? null)}: ${e.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${[...new Set(lines)].join('; ')}`);
  }
  const config = value as Static<typeof ConfigSchema>;
  return { ...config, BASE_URL: (config.BASE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '') };
}
