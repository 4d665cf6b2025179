/**
 * What a run left in the database, per user: scores, PBs, sessions and profiles (test/support/state.ts
 * userState: without what legitimately differs between two runs of the same imports; a session's
 * scoreIDs sorted), each PB as
 * the API shows it with its ranking (ranks are computed when shown), the ImportDocuments, and any
 * score whose import has no ImportDocument (a failed import's leftovers).
 */
import type { Database } from '@score-import/db';
import { userState } from '../../support/state.ts';
import { withTimeout } from './timeout.ts';

export type UserState = Awaited<ReturnType<typeof userState>>;

export interface UserSnapshot {
  userID: number;
  state: UserState;
  /** chartID → the PB as GET /api/v1/users/:userID/games/:game/:playtype/pbs/:chartID answers it (with rankingData) */
  rankedPBs: Map<string, Record<string, unknown>>;
  /** PB routes that did not answer 200 */
  pbErrors: string[];
  importIDs: string[];
  /** importID → how many of the user's scores carry it without there being an ImportDocument */
  leftovers: Map<string, number>;
}

export interface Snapshot {
  users: Map<number, UserSnapshot>;
  failedTrackers: number;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function rankedPB(api: string, userID: number, pb: Record<string, unknown>): Promise<{ pb?: Record<string, unknown>; error?: string }> {
  const url = `${api}/api/v1/users/${userID}/games/${pb.game as string}/${pb.playtype as string}/pbs/${pb.chartID as string}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const { res, json } = await withTimeout(30_000, async (signal) => {
        const res = await fetch(url, { signal });
        return { res, json: (await res.json()) as { body?: { pb?: Record<string, unknown> }; description?: string } };
      });
      if (res.status === 200 && json.body?.pb) return { pb: json.body.pb };
      if (res.status !== 503 || attempt >= 10) return { error: `${url} answered ${res.status}: ${json.description ?? ''}` };
    } catch (err) {
      if (attempt >= 10) return { error: `${url}: ${(err as Error).message}` };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function takeSnapshot(db: Database, apis: readonly string[], userIDs: readonly number[]): Promise<Snapshot> {
  const users = new Map<number, UserSnapshot>();
  for (const userID of userIDs) {
    const state = await userState(db, userID);
    // a session's scores as a set (appends are set unions: their order is not part of the state)
    for (const s of state.sessions) if (Array.isArray(s.scoreIDs)) s.scoreIDs = [...(s.scoreIDs as string[])].sort();
    // both API instances answer, a few requests at a time each
    const answers = await mapLimit(state.personalBests, 6 * apis.length, (pb) => rankedPB(apis[Number.parseInt((pb.chartID as string).slice(0, 4), 16) % apis.length], userID, pb));
    const rankedPBs = new Map<string, Record<string, unknown>>();
    const pbErrors: string[] = [];
    answers.forEach((a, i) => {
      if (a.pb) rankedPBs.set(state.personalBests[i].chartID as string, a.pb);
      else pbErrors.push(a.error!);
    });
    const importIDs = (await db.imports.find({ userID }, { projection: { _id: 0, importID: 1 } }).toArray()).map((d) => d.importID as string);
    const known = new Set(importIDs);
    const leftovers = new Map<string, number>();
    for (const s of await db.scores.find({ userID }, { projection: { _id: 0, importID: 1 } }).toArray()) {
      const id = s.importID as string;
      if (!known.has(id)) leftovers.set(id, (leftovers.get(id) ?? 0) + 1);
    }
    users.set(userID, { userID, state, rankedPBs, pbErrors, importIDs, leftovers });
  }
  return { users, failedTrackers: await db.importTrackers.countDocuments({ type: 'FAILED' }) };
}
