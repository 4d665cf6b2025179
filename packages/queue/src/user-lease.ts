import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
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

/** One import or revert per user at a time. */
export class UserLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 30_000,
  ) {}

  tryAcquire(userID: number): Promise<Lease | null> {
    return tryAcquireLease(this.redis, keys.userLease(this.prefix, userID), this.ttlMs);
  }

  async isHeld(userID: number): Promise<boolean> {
    return (await this.redis.exists(keys.userLease(this.prefix, userID))) === 1;
  }
}

/**
 * One writer of a game's chart rankings at a time, across every worker and API instance (the PB
 * step of imports, reverts and clean-ups). Concurrent imports on shared charts would otherwise
 * re-rank each other's charts in turn, re-reading them until they agree; with the lock each reads
 * and writes once. Taken while the user's lease is held (always in that order).
 */
export class RankingLocks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 30_000,
    /** how long to wait for the lock before going ahead without it (the PB step then re-reads until consistent) */
    private readonly waitMs = 2 * ttlMs,
  ) {}

  /** the lock if it is free now, else null at once */
  tryAcquire(game: string): Promise<Lease | null> {
    return tryAcquireLease(this.redis, keys.rankingLock(this.prefix, game), this.ttlMs);
  }

  /** waits up to `waitMs` for the lock */
  async acquire(game: string): Promise<Lease | null> {
    const key = keys.rankingLock(this.prefix, game);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const lease = await tryAcquireLease(this.redis, key, this.ttlMs);
      if (lease || Date.now() >= deadline) return lease;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
