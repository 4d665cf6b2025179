import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from './redis.ts';
import { keys } from './keys.ts';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface Lease {
  /** false once the lease was lost (expired and taken by someone else) */
  readonly held: () => boolean;
  release(): Promise<void>;
}

/**
 * A Redis lease with an owner token and a TTL, renewed while it is held, so a killed process
 * frees it within `ttlMs`. Null when someone else holds it.
 */
export async function tryAcquireLease(redis: Redis, key: string, ttlMs: number): Promise<Lease | null> {
  const token = randomBytes(16).toString('hex');
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  return heldLease(redis, key, token, ttlMs);
}

/** A lease just taken with `token`: renewed while held, released only by its owner. */
function heldLease(redis: Redis, key: string, token: string, ttlMs: number): Lease {
  let held = true;
  const timer = setInterval(() => {
    redis
      .eval(RENEW, 1, key, token, String(ttlMs))
      .then((r) => {
        if (r !== 1) held = false;
      })
      .catch(() => {});
  }, Math.max(200, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    held: () => held,
    release: async () => {
      clearInterval(timer);
      held = false;
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}

/**
 * An import of the user that is not finished: it may have written scores, so nothing else of that
 * user may run until it completes or its leftovers are removed. `failure` is set once it failed for
 * good and only its clean-up is left.
 */
export interface UnfinishedImport {
  importID: string;
  /** the import's job data (ImportJobData), enough to clean it up */
  job: Record<string, unknown>;
  failure?: { statusCode: number; description: string };
}

export type UserLeaseResult =
  | { lease: Lease; blockedBy?: undefined }
  /** someone holds the lease now (an import, a revert or a clean-up is running) */
  | { lease: null; blockedBy: 'lease' }
  /** another import of the user has not finished; it must complete or be cleaned up first */
  | { lease: null; blockedBy: UnfinishedImport };

// KEYS: lease, unfinished. ARGV: token, ttl ms, importID ('' for a revert), its entry ('' to add none),
// '1' when the caller is that import's clean-up (it may run while the import is unfinished).
const ACQUIRE_USER = `
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  if entries[i] ~= ARGV[3] then return {'unfinished', entries[i + 1]} end
end
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {'lease'} end
if ARGV[4] ~= '' then redis.call('HSETNX', KEYS[2], ARGV[3], ARGV[4]) end
return {'ok'}
`;

/**
 * One import or revert per user at a time, in order: a lease (held while one runs, freed within
 * `ttlMs` if its process dies) plus the durable list of the user's unfinished imports. An import is
 * entered in that list when it first takes the lease, before it writes anything, and leaves it only
 * when it completed or its leftovers were removed — so a later import or revert of the user can never
 * see a failed import's scores, however long their clean-up waits for the database.
 */
export class UserLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 30_000,
  ) {
    redis.defineCommand('siAcquireUser', { numberOfKeys: 2, lua: ACQUIRE_USER });
  }

  /** The bare lease, whatever is unfinished (tests use it to hold a user's imports back). */
  tryAcquire(userID: number): Promise<Lease | null> {
    return tryAcquireLease(this.redis, keys.userLease(this.prefix, userID), this.ttlMs);
  }

  /** For an import: enters it in the unfinished list as it takes the lease. */
  acquireForImport(userID: number, importID: string, job: object): Promise<UserLeaseResult> {
    return this.acquire(userID, importID, JSON.stringify({ importID, job: { ...job } } satisfies UnfinishedImport));
  }

  /** For a revert: refused while any import of the user is unfinished. */
  acquireForRevert(userID: number): Promise<UserLeaseResult> {
    return this.acquire(userID, '', '');
  }

  /** For the clean-up of a failed import: it runs while that import is the unfinished one. */
  acquireForCleanup(userID: number, importID: string): Promise<UserLeaseResult> {
    return this.acquire(userID, importID, '');
  }

  /** The import failed for good; what is left is its clean-up. Written before anyone is told. */
  async markCleanupPending(userID: number, entry: UnfinishedImport): Promise<void> {
    await this.redis.hset(keys.userUnfinished(this.prefix, userID), entry.importID, JSON.stringify(entry));
  }

  /** The import completed, or its leftovers are gone: the user's next import may start. */
  async finish(userID: number, importID: string): Promise<void> {
    await this.redis.hdel(keys.userUnfinished(this.prefix, userID), importID);
  }

  async unfinished(userID: number): Promise<UnfinishedImport[]> {
    const all = await this.redis.hgetall(keys.userUnfinished(this.prefix, userID));
    return Object.values(all).map((v) => JSON.parse(v) as UnfinishedImport);
  }

  async isHeld(userID: number): Promise<boolean> {
    return (await this.redis.exists(keys.userLease(this.prefix, userID))) === 1;
  }

  private async acquire(userID: number, importID: string, entry: string): Promise<UserLeaseResult> {
    const key = keys.userLease(this.prefix, userID);
    const token = randomBytes(16).toString('hex');
    const redis = this.redis as Redis & {
      siAcquireUser(lease: string, unfinished: string, token: string, ttl: string, importID: string, entry: string): Promise<string[]>;
    };
    const [outcome, detail] = await redis.siAcquireUser(key, keys.userUnfinished(this.prefix, userID), token, String(this.ttlMs), importID, entry);
    if (outcome === 'lease') return { lease: null, blockedBy: 'lease' };
    if (outcome === 'unfinished') return { lease: null, blockedBy: JSON.parse(detail!) as UnfinishedImport };
    return { lease: heldLease(this.redis, key, token, this.ttlMs) };
  }
}
