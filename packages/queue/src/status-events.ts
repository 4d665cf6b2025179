import type { RedisClient as Redis } from './redis.ts';
import { decodeStatusRecord, type ImportStatusRecord } from './status-store.ts';
import { keys } from './keys.ts';

type Listener = (record: ImportStatusRecord) => void;

/**
 * Status changes pushed by Redis pub/sub: one subscriber connection per process, shared by every
 * listener (e.g. every open Server-Sent Events stream of an API instance).
 */
export class StatusEvents {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      const record = decodeStatusRecord(message);
      for (const l of set) l(record);
    });
  }

  async subscribe(importID: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = keys.status(this.prefix, importID);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => {});
      }
    };
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
