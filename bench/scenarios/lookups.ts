/**
 * LK: where findByKeys (packages/db) should switch on FerretDB from equality lookups side by side
 * (one per key, each on the key field's index) to one read of the equality alone (the user's
 * documents, on the userID index) filtered in JavaScript — POINT_LOOKUPS_MAX. Measured on the
 * populated database (d1_full), for the reads the pipeline makes: a user's scores by chartID (the
 * PB step), a user's scores by scoreID (an appended session's older scores) and a user's sessions
 * by sessionID; each way the same keys, alternating which goes first, medians.
 */
import { POINT_LOOKUPS_MAX, connectDatabase, READ_BATCH, type Database } from '@score-import/db';
import type { Ctx } from '../lib/context.ts';
import { counterDelta, describeCounters, seqScans, STATS_FLUSH_MS, tableCounters } from '../lib/pgstats.ts';
import { historyImportID, type Population, type PlayerSpec } from '../lib/populated.ts';
import { sleep } from '../lib/procs.ts';
import { Rng } from '../lib/rng.ts';
import { fmt, list, median } from '../lib/stats.ts';

/** findByKeys' lookups in flight at once (POINT_LOOKUP_CONCURRENCY in packages/db/src/index.ts) */
const CONCURRENCY = 8;

interface Shape {
  name: string;
  collection: (db: Database) => Database['scores'];
  equality: Record<string, unknown>;
  field: string;
  projection: Record<string, 0 | 1>;
  keys: unknown[];
}

type Doc = Record<string, unknown>;

/** findByKeys' point-lookup path: one equality lookup per key, CONCURRENCY at a time. */
async function pointLookups(db: Database, shape: Shape, keys: unknown[]): Promise<number> {
  let rows = 0;
  for (let i = 0; i < keys.length; i += CONCURRENCY) {
    const batch = keys.slice(i, i + CONCURRENCY);
    const found = await Promise.all(
      batch.map((v) => shape.collection(db).find({ ...shape.equality, [shape.field]: v }, { projection: shape.projection, batchSize: READ_BATCH }).toArray()),
    );
    for (const f of found) rows += f.length;
  }
  return rows;
}

/** findByKeys' other path: the equality alone (the field kept to filter on), filtered here. */
async function oneRead(db: Database, shape: Shape, keys: unknown[]): Promise<number> {
  const wanted = new Set(keys);
  const inclusive = Object.values(shape.projection).includes(1);
  const fields: Record<string, 0 | 1> = { ...shape.projection };
  if (inclusive) fields[shape.field] = 1;
  else delete fields[shape.field];
  const all = (await shape.collection(db).find(shape.equality, { projection: fields, batchSize: READ_BATCH }).toArray()) as Doc[];
  return all.filter((r) => wanted.has(r[shape.field])).length;
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const rows = await fn();
  return { ms: performance.now() - t0, rows };
}

interface Curve {
  user: string;
  shape: string;
  /** documents the one read returns (its cost does not depend on the number of keys) */
  userDocs: number;
  /** the one read's median (ms) */
  one: number;
  ones: number[];
  /** point lookups' median per number of keys */
  points: { k: number; point: number }[];
  /** the largest k at which point lookups were faster (0: never) */
  crossover: number;
  /** point lookups were faster at every k measured: the crossover is at least `crossover` */
  beyond: boolean;
}

async function shapesOf(db: Database, p: PlayerSpec, withAll: boolean): Promise<{ shapes: Shape[]; sizes: Record<string, number> }> {
  const userID = p.userID;
  const pbs = (await db.personalBests.find({ userID }, { projection: { _id: 0, chartID: 1 }, batchSize: READ_BATCH }).toArray()) as Doc[];
  const scores = (await db.scores.find({ userID }, { projection: { _id: 0, scoreID: 1 }, batchSize: READ_BATCH }).toArray()) as Doc[];
  const sessions = (await db.sessions.find({ userID }, { projection: { _id: 0, sessionID: 1 }, batchSize: READ_BATCH }).toArray()) as Doc[];
  const chartIDs = pbs.map((d) => d.chartID);
  const shapes: Shape[] = [
    {
      name: 'scores by chartID (PB step)',
      collection: (d) => d.scores,
      equality: { userID, importID: { $ne: 'no-such-import' } },
      field: 'chartID',
      projection: { _id: 0, importID: 0 },
      keys: chartIDs,
    },
    {
      // a player's first import: every score of theirs is the import's own, which the PB step's $ne leaves out
      name: "scores by chartID, a player's first import (the PB step finds none)",
      collection: (d) => d.scores,
      equality: { userID, importID: { $ne: historyImportID(p) } },
      field: 'chartID',
      projection: { _id: 0, importID: 0 },
      keys: chartIDs,
    },
  ];
  if (withAll) {
    shapes.push(
      {
        name: "scores by scoreID (a session's older scores)",
        collection: (d) => d.scores,
        equality: { userID },
        field: 'scoreID',
        projection: { _id: 0, scoreID: 1, calculatedData: 1 },
        keys: scores.map((d) => d.scoreID),
      },
      {
        name: 'sessions by sessionID',
        collection: (d) => d.sessions,
        equality: { userID },
        field: 'sessionID',
        projection: { _id: 0 },
        keys: sessions.map((d) => d.sessionID),
      },
    );
  }
  return { sizes: { pbs: pbs.length, scores: scores.length, sessions: sessions.length }, shapes };
}

export async function runLookupScenario(ctx: Ctx, pop: Population): Promise<void> {
  const s = ctx.settings.lk;
  const db = await connectDatabase(`${pop.mongoBase}/d1_full`);
  const byHistory = [...pop.players].sort((a, b) => a.scores - b.scores);
  // the one read is linear in the user's documents: the largest history's is measured fewer times
  const users = [
    { label: 'median player', p: byHistory[Math.floor(byHistory.length / 2)], all: true, reps: s.reps },
    { label: 'largest player', p: byHistory[byHistory.length - 1], all: false, reps: Math.max(2, Math.ceil(s.reps / 2)) },
  ];
  const t0 = performance.now();
  const curves: Curve[] = [];
  const before = await tableCounters(pop.pgUrl, 'd1_full');
  try {
    for (const { label, p, all, reps } of users) {
      const { shapes, sizes } = await shapesOf(db, p, all);
      for (const shape of shapes) {
        const rng = new Rng(`LK:${p.username}:${shape.name}`);
        const ks = s.keys.filter((n) => n <= shape.keys.length);
        const pick = (k: number) => [...shape.keys].sort(() => rng.next() - 0.5).slice(0, k);
        const point = new Map<number, number[]>(ks.map((k) => [k, []]));
        const ones: number[] = [];
        let userDocs = 0;
        // the one read costs the same whatever the keys (it reads every document of the equality):
        // measured `reps` times, each between two rounds of point lookups; a warm-up of each first
        await pointLookups(db, shape, pick(ks[0]));
        await oneRead(db, shape, pick(ks[0]));
        for (let rep = 0; rep < reps; rep++) {
          const order = rep % 2 === 0 ? ks : [...ks].reverse();
          for (const [i, k] of order.entries()) {
            const keys = pick(k);
            const x = await timed(() => pointLookups(db, shape, keys));
            point.get(k)!.push(x.ms);
            if (i === Math.floor(order.length / 2)) {
              const y = await timed(async () => {
                const all = await oneRead(db, shape, keys);
                return all;
              });
              if (x.rows !== y.rows) throw new Error(`LK ${shape.name}: point lookups found ${x.rows} documents, the one read ${y.rows}`);
              ones.push(y.ms);
            }
          }
        }
        userDocs = shape.name.startsWith('sessions') ? sizes.sessions : shape.name.includes('first import') ? 0 : sizes.scores;
        const one = median(ones);
        const points = ks.map((k) => ({ k, point: median(point.get(k)!) }));
        const faster = points.filter((x) => x.point < one).map((x) => x.k);
        const crossover = faster.length ? Math.max(...faster) : 0;
        const beyond = crossover > 0 && crossover === ks[ks.length - 1];
        curves.push({ user: `${label} ${p.username} (${fmt(p.scores)} scores, ${fmt(sizes.pbs)} PBs, ${fmt(sizes.sessions)} sessions)`, shape: shape.name, userDocs, one, ones, points, crossover, beyond });
        ctx.log(`LK ${p.username} ${shape.name}: one read ${fmt(one, 1)} ms; point lookups ${points.map((x) => `${x.k}: ${fmt(x.point, 1)}`).join(', ')} ms → crossover ${beyond ? '≥ ' : ''}${crossover}`);
      }
    }
  } finally {
    await db.close();
  }
  await sleep(STATS_FLUSH_MS);
  const scans = counterDelta(await tableCounters(pop.pgUrl, 'd1_full'), before);

  const main = curves[0];
  const ok = POINT_LOOKUPS_MAX >= main.crossover / 2 && POINT_LOOKUPS_MAX <= Math.max(1, main.crossover) * 2;
  const at = (c: Curve) => `${c.beyond ? '≥ ' : ''}${c.crossover}`;
  const short = (c: Curve) => `${at(c)} (${c.shape}, ${c.user.split(' (')[0]})`;
  ctx.rows.push({
    id: 'LK',
    scenario: "findByKeys on FerretDB: equality lookups side by side vs one equality read, a user's scores / sessions, populated database",
    figure: `point lookups faster up to ${short(main)}; ${curves.slice(1).map(short).join('; ')}`,
    reference: `POINT_LOOKUPS_MAX = ${POINT_LOOKUPS_MAX}`,
    ratio: '—',
    target: "POINT_LOOKUPS_MAX from the measured crossover (within ×2 of the PB step's, median player)",
    verdict: ok ? 'pass' : 'FAIL',
    details: [
      `on d1_full (the D1 database), in process; point lookups: one find per key with the user's equality, ${CONCURRENCY} in flight (as findByKeys); one read: the equality alone, filtered by a Set (its cost does not depend on the keys: measured once per repetition, between the point lookups); the same kind of keys both ways, ${s.reps} repetitions (the largest player ${Math.max(2, Math.ceil(s.reps / 2))}) after a warm-up, alternating order; medians (ms)`,
      ...curves.map(
        (c) =>
          `${c.user}, ${c.shape}: one read ${fmt(c.one, 1)} ms (${list(c.ones, 0)}; returns ${fmt(c.userDocs)} documents); point lookups ${c.points.map((x) => `${x.k} keys ${fmt(x.point, 1)}`).join('; ')} → faster up to ${at(c)} keys`,
      ),
      `scan counters of d1_full over the whole measurement: ${describeCounters(scans)} (${seqScans(scans)} sequential scans); ${fmt((performance.now() - t0) / 1000)} s in all`,
      `reading: the one read costs what the user's documents cost (it returns all of them), point lookups what the keys cost, so the crossover moves with the user's history; POINT_LOOKUPS_MAX is one fixed number for every user`,
    ],
  });
}
