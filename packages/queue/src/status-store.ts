import type { RedisClient as Redis } from './redis.ts';
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

export interface ImportFailure {
  statusCode: number;
  description: string;
  /** true while what the failed import wrote is still being removed (the user's next import waits for it) */
  cleanupPending?: boolean;
}

/** The one status record of an import, shared by every API instance and worker. */
export interface ImportStatusRecord {
  status: 'queued' | 'ongoing' | 'completed' | 'failed';
  importID: string;
  userID: number;
  importType: string;
  progress: ImportProgress;
  /** monotonic position of `progress`; a lower one never overwrites a higher one */
  rank: number;
  error?: ImportFailure;
  /**
   * the ImportDocument of a completed import, serialised: poll-status answers from the record
   * alone (one Redis GET) for as long as it is kept, and splices it into the answer as is
   */
  importJSON?: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A record as stored: its JSON, then — for a completed import — a newline and the ImportDocument's
 * JSON as is (JSON.stringify never writes a raw newline). A poll parses the small head only and
 * splices the document into its answer unparsed: its cost does not grow with the import.
 */
export function encodeStatusRecord(record: ImportStatusRecord): string {
  const { importJSON, ...head } = record;
  return importJSON === undefined ? JSON.stringify(head) : `${JSON.stringify(head)}\n${importJSON}`;
}

export function decodeStatusRecord(raw: string): ImportStatusRecord {
  const newline = raw.indexOf('\n');
  if (newline < 0) return JSON.parse(raw) as ImportStatusRecord;
  return { ...(JSON.parse(raw.slice(0, newline)) as ImportStatusRecord), importJSON: raw.slice(newline + 1) };
}

// Writes the new record only if it does not move progress backwards, and never after a final status.
const WRITE_IF_FORWARD = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local newline = string.find(cur, '\\n', 1, true)
  if newline then cur = string.sub(cur, 1, newline - 1) end
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

// compare-and-set on the whole record (cjson would round its numbers if the script re-encoded it)
const REPLACE_IF_SAME = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('PUBLISH', KEYS[1], ARGV[2])
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
    return raw ? decodeStatusRecord(raw) : null;
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

  async complete(current: ImportStatusRecord, importDocument?: object): Promise<void> {
    const importJSON = importDocument ? JSON.stringify(importDocument) : undefined;
    await this.write({ ...current, status: 'completed', rank: Number.MAX_SAFE_INTEGER, updatedAt: Date.now(), importJSON }, false);
  }

  async fail(current: ImportStatusRecord, error: ImportFailure): Promise<void> {
    await this.write(
      { ...current, status: 'failed', error, rank: Number.MAX_SAFE_INTEGER, updatedAt: Date.now() },
      false,
    );
  }

  /** A failed import's leftovers are gone: its record says so (no-op unless it is `failed`). */
  async cleanupDone(importID: string): Promise<void> {
    const key = keys.status(this.prefix, importID);
    for (let attempt = 0; attempt < 5; attempt++) {
      const raw = await this.redis.get(key);
      const record = raw ? decodeStatusRecord(raw) : null;
      if (!record || record.status !== 'failed' || !record.error?.cleanupPending) return;
      const next: ImportStatusRecord = { ...record, error: { ...record.error, cleanupPending: false }, updatedAt: Date.now() };
      if ((await this.redis.eval(REPLACE_IF_SAME, 1, key, raw!, encodeStatusRecord(next))) === 1) return;
    }
  }

  /** records a new import's `queued` status unless it has one already */
  async createIfAbsent(record: ImportStatusRecord): Promise<void> {
    await this.redis.set(keys.status(this.prefix, record.importID), encodeStatusRecord(record), 'EX', this.ttlSeconds, 'NX');
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
      encodeStatusRecord(record),
      String(record.rank),
      String(this.ttlSeconds),
      onlyIfExists ? '1' : '0',
    );
    return ok === 1;
  }
}
