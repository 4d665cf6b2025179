import type { Redis } from 'ioredis';
import { keys } from './keys.ts';

export interface ImportProgress {
  description: string;
  processed: number | null;
  total: number | null;
}

/**
 * Every write of a status record is also published on a channel named like its key, so API
 * instances can push progress (Server-Sent Events) without polling.
 */
export const statusChannel = (key: string) => key;

/** The one status record of an import, shared by every API instance and worker. */
export interface ImportStatusRecord {
  status: 'queued' | 'ongoing' | 'completed' | 'failed';
  importID: string;
  userID: number;
  importType: string;
  progress: ImportProgress;
  /** monotonic position of `progress`; a lower one never overwrites a higher one */
  rank: number;
  error?: { statusCode: number; description: string };
  createdAt: number;
  updatedAt: number;
}

// Writes the new record only if it does not move progress backwards, and never after a final status.
const WRITE_IF_FORWARD = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local c = cjson.decode(cur)
  if c.status == 'completed' or c.status == 'failed' then return 0 end
  if tonumber(c.rank) > tonumber(ARGV[2]) then return 0 end
elseif ARGV[4] == '1' then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
redis.call('PUBLISH', KEYS[1], ARGV[1])
return 1
`;

export class StatusStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    redis.defineCommand('siWriteStatus', { numberOfKeys: 1, lua: WRITE_IF_FORWARD });
  }

  /** One Redis round trip: the whole answer to an "ongoing" poll. */
  async get(importID: string): Promise<ImportStatusRecord | null> {
    const raw = await this.redis.get(keys.status(this.prefix, importID));
    return raw ? (JSON.parse(raw) as ImportStatusRecord) : null;
  }

  key(importID: string): string {
    return keys.status(this.prefix, importID);
  }

  queuedRecord(importID: string, userID: number, importType: string, now = Date.now()): ImportStatusRecord {
    return {
      status: 'queued',
      importID,
      userID,
      importType,
      progress: { description: 'Starting up import.', processed: null, total: null },
      rank: 0,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Progress of a running import; ignored if it would go backwards or the import has finished. */
  async progress(current: ImportStatusRecord, progress: ImportProgress, rank: number): Promise<boolean> {
    return this.write({ ...current, status: 'ongoing', progress, rank, updatedAt: Date.now() }, true);
  }

  async complete(current: ImportStatusRecord): Promise<void> {
    await this.write({ ...current, status: 'completed', rank: Number.MAX_SAFE_INTEGER, updatedAt: Date.now() }, false);
  }

  async fail(current: ImportStatusRecord, error: { statusCode: number; description: string }): Promise<void> {
    await this.write(
      { ...current, status: 'failed', error, rank: Number.MAX_SAFE_INTEGER, updatedAt: Date.now() },
      false,
    );
  }

  async remove(importID: string): Promise<void> {
    await this.redis.del(keys.status(this.prefix, importID));
  }

  private async write(record: ImportStatusRecord, onlyIfExists: boolean): Promise<boolean> {
    const redis = this.redis as Redis & {
      siWriteStatus(key: string, json: string, rank: string, ttl: string, onlyIfExists: string): Promise<number>;
    };
    const ok = await redis.siWriteStatus(
      keys.status(this.prefix, record.importID),
      JSON.stringify(record),
      String(record.rank),
      String(this.ttlSeconds),
      onlyIfExists ? '1' : '0',
    );
    return ok === 1;
  }
}
