/**
 * I1 (end-to-end import throughput vs the raw driver's insertMany of the same documents) and I3
 * (how import time grows with size), through the real API and worker processes.
 */
import type { Ctx } from '../lib/context.ts';
import { everyGameOf, resetData } from '../lib/context.ts';
import { assertClean, type TimedImport } from '../lib/client.ts';
import { BENCH_GAMES, type BenchGame } from '../generate.ts';
import { fmt, list, median } from '../lib/stats.ts';

const GAME_NAMES: Record<BenchGame, string> = { sdvx: 'SDVX', chunithm: 'CHUNITHM', maimaidx: 'maimai DX', popn: "pop'n", ongeki: 'O.N.G.E.K.I.' };

/** Per game: the rounds' values (several rounds of one game: their median). */
function byGame<T>(games: BenchGame[], values: T[]): Map<BenchGame, T[]> {
  const out = new Map<BenchGame, T[]>();
  games.forEach((g, i) => out.set(g, [...(out.get(g) ?? []), values[i]]));
  return new Map(BENCH_GAMES.filter((g) => out.has(g)).map((g) => [g, out.get(g)!]));
}

export const SCORE_INDEXES: [Record<string, 1>, { unique?: boolean }][] = [
  [{ scoreID: 1 }, { unique: true }],
  [{ userID: 1 }, {}],
  [{ importID: 1 }, {}],
  [{ chartID: 1 }, {}],
];

let scratchCounter = 0;

/** A fresh collection with the scores collection's indexes, in the service's database. */
export async function scratchCollection(ctx: Ctx) {
  const name = `bench-scratch-${process.pid}-${++scratchCounter}`;
  const collection = ctx.mongo.db(ctx.stack.db.connection.name).collection(name);
  for (const [key, options] of SCORE_INDEXES) await collection.createIndex(key, options);
  return collection;
}

/** The score documents an import stored, as the database has them (without _id). */
export async function storedScores(ctx: Ctx, importID: string): Promise<Record<string, unknown>[]> {
  return ctx.stack.db.scores.find({ importID }, { projection: { _id: 0 } }).toArray();
}

/** Raw reference: one insertMany (ordered: false) of these documents into a fresh collection. */
export async function rawInsert(ctx: Ctx, docs: Record<string, unknown>[]): Promise<number> {
  const collection = await scratchCollection(ctx);
  try {
    const copies = docs.map((d) => ({ ...d }));
    const t0 = performance.now();
    await collection.insertMany(copies, { ordered: false });
    return performance.now() - t0;
  } finally {
    await collection.drop().catch(() => {});
  }
}

/** One measured import of a fresh player into an emptied database. */
export async function measuredImport(ctx: Ctx, game: BenchGame, size: number, seed: string, pollMs: number): Promise<TimedImport> {
  await resetData(ctx);
  const user = await ctx.stack.newUser();
  const file = ctx.file(game, size, seed);
  const r = await ctx.stack.client.timedImport(user.token, file, pollMs);
  assertClean(r.doc, size, `${game} import of ${size}`);
  return r;
}

export async function runImportScenarios(ctx: Ctx, only: Set<string>): Promise<void> {
  const s = ctx.settings.i;
  const [small, mid, big] = s.sizes;

  if (only.has('I1')) {
    const imports: number[] = [];
    const inWorker: number[] = [];
    const raws: number[] = [];
    const games: BenchGame[] = [];
    const started = performance.now();
    for (let r = 0; r < s.i1Rounds; r++) {
      const elapsed = (performance.now() - started) / 1000;
      const estimate = imports.length ? (median(imports) + median(raws)) / 1000 : 0;
      // every game at least once, then as many rounds as the budget allows
      if (r >= Math.min(BENCH_GAMES.length, s.i1Rounds) && elapsed + estimate > s.i1BudgetS) break;
      const game = everyGameOf(r);
      const imp = await measuredImport(ctx, game, mid, `I1-${r}`, s.pollMs);
      const raw = await rawInsert(ctx, await storedScores(ctx, imp.importID));
      imports.push(imp.totalMs);
      inWorker.push(imp.doc.timeFinished - imp.doc.timeStarted);
      raws.push(raw);
      games.push(game);
      ctx.log(`I1 round ${r + 1} (${game}): import ${fmt(imp.totalMs)} ms (upload ${fmt(imp.uploadMs)} ms), raw insertMany ${fmt(raw)} ms`);
    }
    const figure = (mid / median(imports)) * 1000;
    const reference = (mid / median(raws)) * 1000;
    const ratio = figure / reference;
    const perImport = byGame(games, imports);
    const perRaw = byGame(games, raws);
    const perGame = [...perImport.keys()].map((g) => {
      const imp = median(perImport.get(g)!);
      const raw = median(perRaw.get(g)!);
      const rt = raw / imp;
      return { g, text: `${GAME_NAMES[g]} ${fmt((mid / imp) * 1000)} scores/s = ${rt.toFixed(2)}×${rt < 0.35 ? ' (below the target)' : ''}` };
    });
    ctx.rows.push({
      id: 'I1',
      scenario: `end-to-end import of ${fmt(mid)} scores`,
      figure: `${fmt(figure)} scores/s (${fmt(median(imports) / 1000, 2)} s); per game ${perGame.map((x) => x.text).join(', ')}`,
      reference: `${fmt(reference)} scores/s (raw insertMany, ${fmt(median(raws) / 1000, 2)} s)`,
      ratio: `${ratio.toFixed(2)}×`,
      target: '≥ 0.35×',
      verdict: ratio >= 0.35 ? 'pass' : 'FAIL',
      details: [
        `POST → poll says completed (polled every ${s.pollMs} ms), a new player each time into an emptied database, the generator's ${BENCH_GAMES.length} games in turn (${BENCH_GAMES.map((g) => GAME_NAMES[g]).join(', ')}); the figure and ratio are the medians over all rounds, each game's ratio its own rounds' import time against their raw insertMany`,
        `per round (ms): ${games.map((g, i) => `${GAME_NAMES[g]} ${fmt(imports[i])} vs raw ${fmt(raws[i])}`).join('; ')}`,
        `of which inside the worker's pipeline (ImportDocument timeStarted → timeFinished): ${list(inWorker)} ms (median ${fmt(median(inWorker))} ms); the rest — upload, queue, status, polling — median ${fmt(median(imports) - median(inWorker))} ms`,
      ],
    });
  }

  if (only.has('I3')) {
    const times: Record<number, number[]> = { [small]: [], [mid]: [], [big]: [] };
    const games: BenchGame[] = [];
    const started = performance.now();
    for (let r = 0; r < s.maxRounds; r++) {
      const elapsed = (performance.now() - started) / 1000;
      const estimate = r === 0 ? 0 : [small, mid, big].reduce((a, n) => a + median(times[n]), 0) / 1000;
      if (r >= s.minRounds && elapsed + estimate > s.budgetS) break;
      const game = everyGameOf(r);
      const order = r % 2 === 0 ? [small, mid, big] : [big, mid, small];
      for (const size of order) {
        const imp = await measuredImport(ctx, game, size, `I3-${r}`, s.pollMs);
        times[size].push(imp.totalMs);
        ctx.log(`I3 round ${r + 1} (${game}): ${fmt(size)} scores in ${fmt(imp.totalMs)} ms`);
      }
      games.push(game);
    }
    const t1 = median(times[small]);
    const t2 = median(times[mid]);
    const t3 = median(times[big]);
    const a = t2 / t1;
    const b = t3 / t2;
    const ok = a <= 11 && b <= 5.5;
    const g1 = byGame(games, times[small]);
    const g2 = byGame(games, times[mid]);
    const g3 = byGame(games, times[big]);
    const perGame = [...g1.keys()].map((g) => {
      const [x, y, z] = [median(g1.get(g)!), median(g2.get(g)!), median(g3.get(g)!)];
      const within = y / x <= 11 && z / y <= 5.5;
      return `${GAME_NAMES[g]} ${(y / x).toFixed(2)} / ${(z / y).toFixed(2)}${within ? '' : ' (outside the target)'}`;
    });
    ctx.rows.push({
      id: 'I3',
      scenario: `linearity: ${fmt(small)} / ${fmt(mid)} / ${fmt(big)} scores`,
      figure: `T(${fmt(mid)})/T(${fmt(small)}) = ${a.toFixed(2)}, T(${fmt(big)})/T(${fmt(mid)}) = ${b.toFixed(2)}; per game ${perGame.join(', ')}`,
      reference: `T = ${fmt(t1 / 1000, 2)} s / ${fmt(t2 / 1000, 2)} s / ${fmt(t3 / 1000, 2)} s`,
      ratio: `${a.toFixed(2)} / ${b.toFixed(2)}`,
      target: '≤ 11 and ≤ 5.5',
      verdict: ok ? 'pass' : 'FAIL',
      details: [
        `one round per game (${BENCH_GAMES.map((g) => GAME_NAMES[g]).join(', ')}), the sizes in alternating order, a new player into an emptied database each time; the figure is the ratio of the medians over all rounds, each game's from its own round`,
        `per round (ms): ${games.map((g, i) => `${GAME_NAMES[g]} ${fmt(times[small][i])} / ${fmt(times[mid][i])} / ${fmt(times[big][i])}`).join('; ')}` +
          (games.length < s.maxRounds ? ` (rounds stopped at ${games.length} by the ${s.budgetS} s time budget)` : ''),
      ],
    });
  }
}
