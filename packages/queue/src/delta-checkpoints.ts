import type { Redis } from 'ioredis';
import { keys } from './keys.ts';

/**
 * An import's class deltas, kept from its profile write until it completes: a retry finds the
 * profile already changed (so it would compute no deltas) and reports these instead. They live in
 * Redis with the import's job and input, which a retry needs as much. The first recorded deltas win.
 */
export class DeltaCheckpoints<Delta = unknown> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Records the deltas unless an earlier run of the import did; returns the ones to report. One round trip. */
  async record(importID: string, deltas: Delta[]): Promise<Delta[]> {
    // SET … NX GET (Redis ≥ 7.0): writes only if absent, answers what was there
    const earlier = await this.redis.set(keys.deltaCheckpoint(this.prefix, importID), JSON.stringify(deltas), 'EX', this.ttlSeconds, 'NX', 'GET');
    return earlier === null ? deltas : (JSON.parse(earlier) as Delta[]);
  }

  async clear(importID: string): Promise<void> {
    await this.redis.del(keys.deltaCheckpoint(this.prefix, importID));
  }
}
