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
 * One import or revert per user at a time: a Redis lease with an owner token and a TTL, renewed
 * while work goes on, so a killed process frees it within `ttlMs`.
 */
export class UserLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 30_000,
  ) {}

  async tryAcquire(userID: number): Promise<Lease | null> {
    const key = keys.userLease(this.prefix, userID);
    const token = randomBytes(16).toString('hex');
    const ok = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return null;
    let held = true;
    const timer = setInterval(() => {
      this.redis
        .eval(RENEW, 1, key, token, String(this.ttlMs))
        .then((r) => {
          if (r !== 1) held = false;
        })
        .catch(() => {});
    }, Math.max(200, Math.floor(this.ttlMs / 3)));
    timer.unref();
    return {
      held: () => held,
      release: async () => {
        clearInterval(timer);
        held = false;
        await this.redis.eval(RELEASE, 1, key, token);
      },
    };
  }

  async isHeld(userID: number): Promise<boolean> {
    return (await this.redis.exists(keys.userLease(this.prefix, userID))) === 1;
  }
}
