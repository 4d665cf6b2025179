import type { RedisClient as Redis } from './redis.ts';
import { keys } from './keys.ts';

/** The uploaded bytes of an import, kept beside the job (not in it) until the import finishes. */
export class InputStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  key(importID: string): string {
    return keys.input(this.prefix, importID);
  }

  async get(importID: string): Promise<Buffer | null> {
    return this.redis.getBuffer(keys.input(this.prefix, importID));
  }

  /** stores an import's input unless it is stored already */
  async putIfAbsent(importID: string, content: Buffer): Promise<void> {
    await this.redis.set(keys.input(this.prefix, importID), content, 'EX', this.ttlSeconds, 'NX');
  }

  async remove(importID: string): Promise<void> {
    await this.redis.del(keys.input(this.prefix, importID));
  }

  get ttl(): number {
    return this.ttlSeconds;
  }
}
