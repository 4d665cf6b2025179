/**
 * D1 (issue 12): imports into a populated database. The same measurements at three sizes of one
 * database — only the measured players (0), ~10% and 100% of ≥ 200 players / ≥ 1,000,000 scores
 * (bench/lib/populated.ts) — side by side: rounds in which each size takes its turn (rotating
 * order), each turn a new player's 1,000-score import, an existing player's 1,000-score import on
 * charts they have PBs on, a new player's PB-heavy 1,000-score import (every score on another
 * chart), a new player's 5,000-score import and one-score imports by an existing player, through
 * real API and worker processes (one pair per size). Then each kind of import once more per size
 * in process, its database commands counted, and PostgreSQL's scan counters of the hot tables
 * (pg_stat_user_tables) read before and after.
 */
import { randomBytes } from 'node:crypto';
import { runImport, type ImportDocument } from '@score-import/core';
import { connectDatabase, createToken, createUser, type Database } from '@score-import/db';
import type { Ctx } from '../lib/context.ts';
import { assertClean, type TimedImport } from '../lib/client.ts';
import { countCommands, describeTally, type CommandTally } from '../lib/commands.ts';
import { counterDelta, describeCounters, seqScans, STATS_FLUSH_MS, tableCounters, type TableCounters } from '../lib/pgstats.ts';
import { historyImportID, laterPlays, playerHistory, population, SIZES, type Population, type SizeKey } from '../lib/populated.ts';
import { recordImport, type Doc } from '../lib/recording-db.ts';
import { sleep } from '../lib/procs.ts';
import { ServiceStack } from '../lib/stack.ts';
import { fmt, list, median, percentile } from '../lib/stats.ts';
import { runLookupScenario } from './lookups.ts';
import { benchCharts } from './pipeline.ts';

type Kind = 'new' | 'existing' | 'pbHeavy' | 'big' | 'one' | 'oneNew';

const KIND_NAMES: Record<Kind, string> = {
  new: "new player's 1,000-score import",
  existing: "existing player's 1,000-score import on charts with PBs",
  pbHeavy: "new player's PB-heavy 1,000-score import (every score on another chart)",
  big: "new player's 5,000-score import",
  one: "existing player's one-score import",
  oneNew: "new player's one-score import",
};

/** D1 and LK share the populated database (built or taken from the cache, copied for this run). */
export async function runPopulatedScenarios(ctx: Ctx, only: Set<string>): Promise<void> {
  const pop = await population(ctx.settings.d1, ctx.settings.quick ? 'quick' : 'full', ctx.rebuildD1, ctx.log);
  try {
    if (only.has('LK')) await runLookupScenario(ctx, pop);
    if (only.has('D1')) await runD1(ctx, pop);
  } finally {
    await pop.close();
  }
}

const strip = (docs: Doc[], fields: string[], sortBy: string) =>
  docs
    .map((d) => {
      const c: Doc = { ...d };
      for (const f of ['_id', ...fields]) delete c[f];
      return c;
    })
    .sort((a, b) => String(a[sortBy]).localeCompare(String(b[sortBy])));

/** First difference between two document lists (null when equal). */
function difference(what: string, a: Doc[], b: Doc[]): string | null {
  if (a.length !== b.length) return `${what}: ${a.length} vs ${b.length} documents`;
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(sortKeys(a[i]));
    const y = JSON.stringify(sortKeys(b[i]));
    if (x !== y) return `${what} #${i} differs:\n${x.slice(0, 600)}\n${y.slice(0, 600)}`;
  }
  return null;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Doc)[k])]));
  return v;
}

/** What an import wrote for a user, as stored (the fields that vary with the moment left out). */
async function storedOf(db: Database, userID: number, importID: string) {
  const find = (c: Database['scores'], filter: Doc) => c.find(filter, { projection: { _id: 0 } }).toArray() as Promise<Doc[]>;
  return normalise({
    scores: await find(db.scores, { userID, importID }),
    personalBests: await find(db.personalBests, { userID }),
    sessions: await find(db.sessions, { userID }),
    gameStats: await find(db.gameStats, { userID }),
    imports: await find(db.imports, { importID }),
  });
}

function normalise(r: { scores: Doc[]; personalBests: Doc[]; sessions: Doc[]; gameStats: Doc[]; imports: Doc[] }) {
  return {
    scores: strip(r.scores, ['timeAdded'], 'scoreID'),
    personalBests: strip(r.personalBests, [], 'chartID'),
    // a session's name is drawn at random; when it was stored varies
    sessions: strip(r.sessions, ['name', 'timeInserted'], 'sessionID'),
    gameStats: strip(r.gameStats, [], 'playtype'),
    imports: strip(r.imports, ['timeStarted', 'timeFinished'], 'importID'),
  };
}

function compare(a: ReturnType<typeof normalise>, b: ReturnType<typeof normalise>): string | null {
  for (const k of ['scores', 'personalBests', 'sessions', 'gameStats', 'imports'] as const) {
    const d = difference(k, a[k], b[k]);
    if (d) return d;
  }
  return null;
}

/**
 * The populated database is made of documents the pipeline made on a recording stand-in: check on
 * a sample that they equal what the service makes of the same file, and that d1_full holds exactly
 * them.
 */
async function sampleCheck(ctx: Ctx, pop: Population): Promise<string> {
  const p = pop.players[0];
  const content = playerHistory(p);
  const added = ctx.stack.workers.length === 0;
  if (added) await ctx.stack.addWorker();
  try {
    // 1. the service imports the file (a new player of the bench's own database)
    const user = await ctx.stack.newUser();
    const r = await ctx.stack.client.timedImport(user.token, content, 10);
    assertClean(r.doc, p.scores, 'D1 sample import');
    const service = await storedOf(ctx.stack.db, user.userID, r.importID);
    const viaService = await recordImport(benchCharts, { importID: r.importID, userID: user.userID, content, submittedAt: Date.now() });
    const d1 = compare(service, normalise(viaService.recorded));
    if (d1) throw new Error(`D1 sample check: the service's import and the recorded one differ — ${d1}`);
    // 2. d1_full holds exactly the recorded documents of that player
    const full = await connectDatabase(`${pop.mongoBase}/d1_full`);
    try {
      const stored = await storedOf(full, p.userID, historyImportID(p));
      const recorded = await recordImport(benchCharts, { importID: historyImportID(p), userID: p.userID, content, submittedAt: Date.now() });
      const d2 = compare(stored, normalise(recorded.recorded));
      if (d2) throw new Error(`D1 sample check: d1_full's documents of ${p.username} differ from the recorded ones — ${d2}`);
    } finally {
      await full.close();
    }
    return (
      `sample check: player ${p.username}'s ${fmt(p.scores)}-score history imported through the service (API + worker) made the same ${fmt(service.scores.length)} scores, ` +
      `${fmt(service.personalBests.length)} PBs, ${fmt(service.sessions.length)} sessions, ${service.gameStats.length} game-stats and the ImportDocument as the recorded import of the same file ` +
      `(all fields but timeAdded, the session's random name and timeInserted, and the ImportDocument's times), and d1_full holds exactly those documents for that player`
    );
  } finally {
    if (added) await ctx.stack.stopWorkers();
  }
}

interface SizeRun {
  key: SizeKey;
  db: string;
  label: string;
  stack: ServiceStack;
  tokens: { E: string; S: string };
  times: Record<Kind, number[]>;
  inWorker: Record<Kind, number[]>;
  before?: Map<string, TableCounters>;
  after?: Map<string, TableCounters>;
  counted: Partial<Record<Kind, { tally: CommandTally; ms: number; scans?: Map<string, TableCounters> }>>;
}

async function runD1(ctx: Ctx, pop: Population): Promise<void> {
  const s = ctx.settings.d1;
  const notes = [...pop.notes];
  notes.push(await sampleCheck(ctx, pop));
  ctx.log(`D1: ${notes[notes.length - 1].slice(0, 160)}…`);

  const runs: SizeRun[] = [];
  try {
    for (const size of SIZES) {
      const stack = await ServiceStack.start({ mongoBase: pop.mongoBase, redisUrl: ctx.env.redisUrl }, size.db, {
        workers: 1,
        // S's one-score imports come faster than the per-user submission limit allows
        apiEnv: { SUBMIT_RATE_LIMIT: '1000000' },
      });
      const perms = ['submit_score', 'delete_score'];
      runs.push({
        key: size.key,
        db: size.db,
        label: size.label,
        stack,
        tokens: { E: (await createToken(stack.db, pop.E.username, perms)).token, S: (await createToken(stack.db, pop.S.username, perms)).token },
        times: { new: [], existing: [], pbHeavy: [], big: [], one: [], oneNew: [] },
        inWorker: { new: [], existing: [], pbHeavy: [], big: [], one: [], oneNew: [] },
        counted: {},
      });
    }
    // warm up each worker and API (JIT, the SDVX charts, connection pools)
    for (const run of runs) {
      const user = await run.stack.newUser();
      assertClean((await run.stack.client.timedImport(user.token, ctx.file('sdvx', 50, 'D1-warm-up'), 10)).doc, 50, 'D1 warm-up');
    }
    await sleep(STATS_FLUSH_MS);
    for (const run of runs) run.before = await tableCounters(pop.pgUrl, run.db);

    const timed = async (run: SizeRun, kind: Kind, token: string, file: Buffer, expected: number) => {
      const r: TimedImport = await run.stack.client.timedImport(token, file, s.pollMs);
      assertClean(r.doc, expected, `D1 ${kind} import at ${run.label}`);
      run.times[kind].push(kind === 'one' || kind === 'oneNew' ? r.afterAcceptMs : r.totalMs);
      run.inWorker[kind].push(r.doc.timeFinished - r.doc.timeStarted);
      return r;
    };

    const started = performance.now();
    let rounds = 0;
    for (let r = 0; r < s.rounds; r++) {
      const elapsed = (performance.now() - started) / 1000;
      if (r >= s.minRounds && elapsed + elapsed / r > s.budgetS) break;
      const order = runs.map((_, i) => runs[(i + r) % runs.length]);
      for (const run of order) {
        const t0 = performance.now();
        await timed(run, 'new', (await run.stack.newUser()).token, ctx.file('sdvx', s.importSize, `D1-new-${r}`), s.importSize);
        await timed(run, 'existing', run.tokens.E, laterPlays(pop.E, r * s.importSize, (r + 1) * s.importSize), s.importSize);
        await timed(run, 'pbHeavy', (await run.stack.newUser()).token, ctx.file('sdvx', s.importSize, `D1-pbheavy-${r}`, undefined, undefined, 'distinct'), s.importSize);
        await timed(run, 'big', (await run.stack.newUser()).token, ctx.file('sdvx', s.bigSize, `D1-big-${r}`), s.bigSize);
        for (let k = 0; k < s.oneScorePerRound; k++) {
          await sleep(100); // the worker is idle again, as in L1
          const at = r * s.oneScorePerRound + k;
          await timed(run, 'one', run.tokens.S, laterPlays(pop.S, at, at + 1), 1);
        }
        for (let k = 0; k < s.oneScoreNewPerRound; k++) {
          await sleep(100);
          await timed(run, 'oneNew', (await run.stack.newUser()).token, ctx.file('sdvx', 1, `D1-one-new-${r}-${k}`), 1);
        }
        const last = (kind: Kind) => fmt(run.times[kind][run.times[kind].length - 1]);
        ctx.log(
          `D1 round ${r + 1} at ${run.label}: new ${last('new')} ms, existing ${last('existing')} ms, PB-heavy ${last('pbHeavy')} ms, ` +
            `${fmt(s.bigSize)} scores ${last('big')} ms, one-score p50 ${fmt(median(run.times.one.slice(-s.oneScorePerRound)), 1)} ms (turn ${fmt((performance.now() - t0) / 1000, 1)} s)`,
        );
      }
      rounds++;
    }
    await sleep(STATS_FLUSH_MS);
    for (const run of runs) run.after = await tableCounters(pop.pgUrl, run.db);

    // each kind once more per size, in process: commands counted, then the scan counters
    await countedImports(ctx, pop, runs);

    report(ctx, pop, runs, rounds, notes);
  } finally {
    for (const run of runs) await run.stack.close(false).catch(() => {});
  }
}

async function countedImports(ctx: Ctx, pop: Population, runs: SizeRun[]): Promise<void> {
  const s = ctx.settings.d1;
  const dbs = new Map<SizeKey, Database>();
  try {
    for (const run of runs) dbs.set(run.key, await connectDatabase(`${pop.mongoBase}/${run.db}`, { monitorCommands: true }));
    const kinds: { kind: Kind; file: () => Buffer; user: 'new' | 'C'; expected: number }[] = [
      { kind: 'new', file: () => ctx.file('sdvx', s.importSize, 'D1-new-counted'), user: 'new', expected: s.importSize },
      { kind: 'existing', file: () => laterPlays(pop.C, 0, s.importSize), user: 'C', expected: s.importSize },
      { kind: 'pbHeavy', file: () => ctx.file('sdvx', s.importSize, 'D1-pbheavy-counted', undefined, undefined, 'distinct'), user: 'new', expected: s.importSize },
      { kind: 'big', file: () => ctx.file('sdvx', s.bigSize, 'D1-big-counted'), user: 'new', expected: s.bigSize },
      { kind: 'one', file: () => laterPlays(pop.C, s.importSize, s.importSize + 1), user: 'C', expected: 1 },
    ];
    for (const { kind, file, user, expected } of kinds) {
      const before = new Map<SizeKey, Map<string, TableCounters>>();
      for (const run of runs) before.set(run.key, await tableCounters(pop.pgUrl, run.db));
      for (const run of runs) {
        const db = dbs.get(run.key)!;
        const userID = user === 'C' ? pop.C.userID : (await createUser(db, `d1c${process.pid % 10000}${kind}`)).userID;
        const req = {
          importID: randomBytes(20).toString('hex'),
          userID,
          importType: 'file/batch-manual' as const,
          userIntent: false,
          content: file(),
          submittedAt: Date.now(),
          firstDelivery: true,
        };
        const c = await countCommands(db, () => runImport(req, { db, charts: benchCharts }));
        const doc = c.result as ImportDocument;
        if (doc.errors.length > 0 || doc.scoreIDs.length !== expected) throw new Error(`D1 counted ${kind} import at ${run.label}: ${doc.errors.length} errors, ${doc.scoreIDs.length}/${expected} scores`);
        run.counted[kind] = { tally: c.tally, ms: c.ms };
      }
      await sleep(STATS_FLUSH_MS);
      for (const run of runs) run.counted[kind]!.scans = counterDelta(await tableCounters(pop.pgUrl, run.db), before.get(run.key)!);
      ctx.log(`D1 counted ${kind}: ${runs.map((r) => `${r.label} ${r.counted[kind]!.tally.total} commands, ${seqScans(r.counted[kind]!.scans!)} seq scans`).join('; ')}`);
    }
  } finally {
    for (const db of dbs.values()) await db.close();
  }
}

function report(ctx: Ctx, pop: Population, runs: SizeRun[], rounds: number, notes: string[]): void {
  const s = ctx.settings.d1;
  const [empty, tenth, full] = runs;
  const m = (run: SizeRun, kind: Kind) => median(run.times[kind]);
  const ratio = (run: SizeRun, kind: Kind) => m(run, kind) / m(empty, kind);
  const ratios = (['new', 'existing', 'pbHeavy'] as const).map((k) => ratio(full, k));
  const worst1k = Math.max(...ratios);
  const bigThroughput = (run: SizeRun) => (s.bigSize / m(run, 'big')) * 1000;
  const bigRatio = bigThroughput(full) / bigThroughput(empty);
  const p50 = percentile(full.times.one, 50);
  const p99 = percentile(full.times.one, 99);
  const timedScans = (run: SizeRun) => counterDelta(run.after!, run.before!);
  const countedScans = (run: SizeRun) => (Object.values(run.counted) as { scans?: Map<string, TableCounters> }[]).reduce((n, c) => n + (c.scans ? seqScans(c.scans) : 0), 0);
  const scansAt = (run: SizeRun) => seqScans(timedScans(run)) + countedScans(run);
  const sizeLabel = `${fmt(pop.info.sizes.full.players)} players, ${fmt(pop.info.sizes.full.scores)} scores`;
  const importsPerSize = rounds * (4 + s.oneScorePerRound + s.oneScoreNewPerRound) + 5;

  ctx.rows.push({
    id: 'D1a',
    scenario: `1,000-score imports into the populated database (${sizeLabel}) vs an empty one`,
    figure: `new player ×${ratios[0].toFixed(2)}, existing player ×${ratios[1].toFixed(2)}, PB-heavy new player ×${ratios[2].toFixed(2)} (at 100%: ${fmt(m(full, 'new'))} / ${fmt(m(full, 'existing'))} / ${fmt(m(full, 'pbHeavy'))} ms)`,
    reference: `at 0: ${fmt(m(empty, 'new'))} / ${fmt(m(empty, 'existing'))} / ${fmt(m(empty, 'pbHeavy'))} ms`,
    ratio: `${worst1k.toFixed(2)}× (worst)`,
    target: '≤ 1.5×',
    verdict: worst1k <= 1.5 ? 'pass' : 'FAIL',
    details: [],
  });
  ctx.rows.push({
    id: 'D1b',
    scenario: `one-score import into the populated database (${sizeLabel}), 202 → poll says completed`,
    figure: `existing player (${fmt(s.existingHistory)}-score history): p50 ${fmt(p50, 1)} ms, p99 ${fmt(p99, 1)} ms; new player: p50 ${fmt(percentile(full.times.oneNew, 50), 1)} ms, p99 ${fmt(percentile(full.times.oneNew, 99), 1)} ms`,
    reference: `at 0: existing p50 ${fmt(percentile(empty.times.one, 50), 1)} ms, p99 ${fmt(percentile(empty.times.one, 99), 1)} ms; new p50 ${fmt(percentile(empty.times.oneNew, 50), 1)} ms, p99 ${fmt(percentile(empty.times.oneNew, 99), 1)} ms`,
    ratio: `${(p50 / percentile(empty.times.one, 50)).toFixed(2)}× (p50)`,
    target: "p50 ≤ 50 ms, p99 ≤ 200 ms (the existing player's)",
    verdict: p50 <= 50 && p99 <= 200 ? 'pass' : 'FAIL',
    details: runs.map(
      (run) =>
        `at ${run.label}: existing player's one-score imports (${run.times.one.length}) p50 ${fmt(percentile(run.times.one, 50), 1)} ms, p99 ${fmt(percentile(run.times.one, 99), 1)} ms, inside the worker median ${fmt(median(run.inWorker.one), 1)} ms; ` +
        `new players' one-score imports (${run.times.oneNew.length}) p50 ${fmt(percentile(run.times.oneNew, 50), 1)} ms, p99 ${fmt(percentile(run.times.oneNew, 99), 1)} ms, inside the worker median ${fmt(median(run.inWorker.oneNew), 1)} ms`,
    ),
  });
  ctx.rows.push({
    id: 'D1c',
    scenario: `${fmt(s.bigSize)}-score import throughput into the populated database (${sizeLabel}) vs an empty one`,
    figure: `${fmt(bigThroughput(full))} scores/s (${fmt(m(full, 'big'))} ms)`,
    reference: `${fmt(bigThroughput(empty))} scores/s at 0 (${fmt(m(empty, 'big'))} ms)`,
    ratio: `${bigRatio.toFixed(2)}×`,
    target: '≥ 0.7×',
    verdict: bigRatio >= 0.7 ? 'pass' : 'FAIL',
    details: [],
  });
  const fullScans = scansAt(full);
  ctx.rows.push({
    id: 'D1d',
    scenario: 'sequential scans of scores / personal-bests / sessions by imports (pg_stat_user_tables)',
    figure: `${fullScans} at 100% (${importsPerSize} imports), ${scansAt(tenth)} at ~10%, ${scansAt(empty)} at 0`,
    reference: '—',
    ratio: '—',
    target: '0 at 100%',
    verdict: fullScans === 0 ? 'pass' : 'FAIL',
    details: [
      `the timed imports' and the counted imports' deltas of seq_scan on the three tables, per size (details under D1a); on the small tables of the smaller databases PostgreSQL may prefer a sequential scan to the index (a few pages), which is its plan, not a query without an index`,
    ],
  });

  const details = ctx.rows[ctx.rows.length - 4].details;
  const kinds: Kind[] = ['new', 'existing', 'pbHeavy', 'big', 'one'];
  details.push(
    `the database: SDVX only (the densest case: every player's PBs on the charts of one game), players' histories ${fmt(pop.info.histories.min)}–${fmt(pop.info.histories.max)} scores (median ${fmt(pop.info.histories.median)}), made by the generator (favourite charts played again and again, chosen around each player's skill); ` +
      `in d1_full ${fmt(pop.info.overlap.charts)} charts have PBs, ${fmt(pop.info.overlap.median)} players per chart at the median, ${fmt(pop.info.overlap.p90)} at the 90th percentile, ${fmt(pop.info.overlap.max)} at most (${fmt(pop.info.overlap.pbsOnSharedCharts)} PBs on charts other players also have)`,
    `how it is made: each history file imported by the worker's own pipeline (runImport) on a recording stand-in of the database (bench/lib/recording-db.ts: every read answers "nothing stored", as for a player without documents), and the score, PB, session, game-stats and import documents it wrote bulk-inserted (insertMany) through FerretDB; E (1,000-score imports), S (one-score imports) and C (the counted imports) have the same ${fmt(ctx.settings.d1.existingHistory)}-score history and user ID in all three databases`,
    ...notes,
    `measured: ${rounds} rounds, each size in turn (order rotating), each turn: ${KIND_NAMES.new}, ${KIND_NAMES.existing} (E's next plays), ${KIND_NAMES.pbHeavy}, ${KIND_NAMES.big}, ${s.oneScorePerRound} × ${KIND_NAMES.one} (S's next plays, 100 ms apart), ${s.oneScoreNewPerRound} × ${KIND_NAMES.oneNew} (100 ms apart); one API and one worker process per size (default WORKER_CONCURRENCY); times are POST → poll says completed (one-score: 202 → completed, as L1), polled every ${s.pollMs} ms; the figures are medians over the rounds`,
  );
  for (const run of runs) {
    details.push(
      `at ${run.label} (${run.db}), per round (ms): new ${list(run.times.new)}; existing ${list(run.times.existing)}; PB-heavy ${list(run.times.pbHeavy)}; ${fmt(s.bigSize)} scores ${list(run.times.big)}; ` +
        `one-score p50 ${fmt(percentile(run.times.one, 50), 1)}, p99 ${fmt(percentile(run.times.one, 99), 1)}, max ${fmt(Math.max(...run.times.one), 1)} (${run.times.one.length} imports); ` +
        `inside the worker (median ms): ${kinds.map((k) => `${k} ${fmt(median(run.inWorker[k]), 1)}`).join(', ')}`,
    );
  }
  details.push(
    `~10% (${tenth.db}): new ×${ratio(tenth, 'new').toFixed(2)}, existing ×${ratio(tenth, 'existing').toFixed(2)}, PB-heavy ×${ratio(tenth, 'pbHeavy').toFixed(2)}, ${fmt(s.bigSize)}-score throughput ×${(bigThroughput(tenth) / bigThroughput(empty)).toFixed(2)}, one-score p50 ${fmt(percentile(tenth.times.one, 50), 1)} ms / p99 ${fmt(percentile(tenth.times.one, 99), 1)} ms`,
  );
  for (const kind of kinds) {
    details.push(
      `${KIND_NAMES[kind]}, in process (runImport as on a first delivery, database commands counted; pg_stat_user_tables deltas of the hot tables): ` +
        runs
          .map((run) => {
            const c = run.counted[kind];
            if (!c) return `${run.label}: not measured`;
            return `at ${run.label}: ${c.tally.total} commands, ${fmt(c.ms)} ms — ${describeTally(c.tally.byCommand, c.tally.msByCommand)}; ${c.scans ? describeCounters(c.scans) : ''}`;
          })
          .join(' | '),
    );
  }
  for (const run of runs) {
    details.push(`scan counters over all timed imports at ${run.label} (${rounds * (4 + s.oneScorePerRound + s.oneScoreNewPerRound)} imports; the warm-up excluded): ${describeCounters(timedScans(run))}`);
  }
  // the three other rows point here
  for (const row of ctx.rows.slice(-3)) row.details.push('see D1a for how the populated database is made and every figure of the measurement');
}
