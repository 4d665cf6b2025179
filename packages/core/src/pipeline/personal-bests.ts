import { bulkWriteInBatches, findWhereIn, READ_BATCH, readsAllForIn, type Database } from '@score-import/db';
import type { ChartIndex } from '../charts/index.ts';
import type { PBDocument, ScoreDocument } from '../documents.ts';
import { GAMES } from '../games/registry.ts';
import type { GameName } from '../games/types.ts';
import { buildPB, planRankingWrites, rankChart, type RankChange, type RankWrite } from '../rules.ts';
import { allSettledOrThrow, quiet } from '../util/settle.ts';
import { groupBy } from '../util/group-by.ts';

/**
 * Rebuilds the user's PBs on the given charts from every score they have there (spec §3.10),
 * deleting PBs of charts where no score remains (revert), then re-ranks those charts.
 * PBs are derived data, so they are rewritten whole: delete then insert, which is also what makes
 * a retried import or revert converge. Returns every PB the user now has in the game (for the
 * profile step).
 */
export async function rebuildPersonalBests(
  db: Database,
  charts: ChartIndex,
  userID: number,
  game: GameName,
  chartIDs: string[],
  opts: RebuildOptions = {},
): Promise<PBDocument[]> {
  let reads = opts.prefetched ? await opts.prefetched : null;
  try {
    if (chartIDs.length === 0) return await readUserPBs(db, userID, game);
    if (!reads || !chartIDs.every((c) => reads!.chartIDs.has(c))) {
      await reads?.release();
      reads = await startPBReads(db, userID, game, chartIDs, opts.known?.importID, opts.rankingLock);
    }
    return await rebuild(db, charts, userID, game, chartIDs, opts, reads);
  } finally {
    await reads?.release();
  }
}

export interface RebuildOptions {
  /** an import's own scores, already in memory, so that only the user's other scores are read */
  known?: { importID: string; scores: readonly ScoreDocument[] };
  rankingLock?: RankingLock;
  /** the reads, if the caller started them earlier (startPBReads) */
  prefetched?: Promise<PBReads>;
  /**
   * told every PB the user will have in the game as soon as they are computed, before they are
   * written, so that what needs only their values (the profile) can be written meanwhile
   */
  whenComputed?: (userPBs: PBDocument[]) => void;
}

type HeldLock = { held(): boolean; release(): Promise<void> };

/**
 * The game's ranking lock (apps pass RankingLocks from @score-import/queue): every writer of a
 * game's PBs holds it while it ranks, so the step reads the other players' PBs once and need not
 * check them again. `acquire` gives null when it could not be had in time: the step then re-reads
 * until the rankings agree.
 */
export interface RankingLock {
  /** the lock if it is free now, else null at once */
  tryAcquire(game: GameName): Promise<HeldLock | null>;
  /** waits for the lock */
  acquire(game: GameName): Promise<HeldLock | null>;
}

/**
 * The PB step's reads, none of which needs anything an import writes first, so an import can start
 * them before its last score insert. The user's own reads (every PB they have in this game: the ones
 * on these charts are replaced, the rest feed the profile; their other scores on these charts) need
 * no ranking lock. The other players' PBs (for the rankings) are read alongside when the lock was
 * free at once; otherwise only once it is held, so that it is held no longer than the ranking needs.
 */
export interface PBReads {
  chartIDs: ReadonlySet<string>;
  lock: HeldLock | null;
  userPBs: Promise<PBDocument[]>;
  storedScores: Promise<ScoreDocument[]>;
  othersEarly: Promise<PBDocument[]> | null;
  /** releases the ranking lock if it is held (safe to call more than once) */
  release(): Promise<void>;
}

export async function startPBReads(
  db: Database,
  userID: number,
  game: GameName,
  chartIDs: readonly string[],
  importID: string | undefined,
  rankingLock: RankingLock | undefined,
): Promise<PBReads> {
  const lock = rankingLock ? await rankingLock.tryAcquire(game) : null;
  const othersNow = lock !== null || !rankingLock;
  const wanted = new Set(chartIDs);
  // FerretDB reads every other player's PB of the game for a long chart list anyway (findWhereIn):
  // one read of the game's PBs then serves this user's PBs too
  const wholeGame = othersNow && readsAllForIn(db, chartIDs.length) ? quiet(readGamePBs(db, game)) : null;
  const reads: PBReads = {
    chartIDs: wanted,
    lock,
    userPBs: quiet(wholeGame ? wholeGame.then((all) => all.filter((p) => p.userID === userID)) : readUserPBs(db, userID, game)),
    // userID and importID are an equality and an inequality FerretDB pushes down
    storedScores: quiet(
      findWhereIn<ScoreDocument>(db, db.scores, importID ? { userID, importID: { $ne: importID } } : { userID }, 'chartID', chartIDs, { _id: 0, importID: 0 }),
    ),
    othersEarly: !othersNow
      ? null
      : quiet(wholeGame ? wholeGame.then((all) => all.filter((p) => p.userID !== userID && wanted.has(p.chartID))) : othersForRanking(db, game, userID, chartIDs)),
    release: async () => {
      await reads.lock?.release().catch(() => {});
    },
  };
  return reads;
}

async function rebuild(
  db: Database,
  charts: ChartIndex,
  userID: number,
  game: GameName,
  chartIDs: string[],
  { known, rankingLock, whenComputed }: RebuildOptions,
  reads: PBReads,
): Promise<PBDocument[]> {
  const config = GAMES[game];
  const chartSet = new Set(chartIDs);
  const [userPBs, storedScores] = await Promise.all([reads.userPBs, reads.storedScores]);
  const scores = known ? [...known.scores, ...storedScores] : storedScores;
  const byChart = groupBy(
    scores.filter((s) => chartSet.has(s.chartID)),
    (s) => s.chartID,
  );
  const pbs: PBDocument[] = [];
  for (const chartID of chartIDs) {
    const chart = charts.chartByID(game, chartID);
    const chartScores = byChart.get(chartID);
    if (!chart || !chartScores || chartScores.length === 0) continue;
    const pb = buildPB(config, chart, chartScores);
    if (pb) pbs.push({ ...pb, rankingData: { rank: 0, outOf: 0, rivalRank: null } });
  }

  // Rankings: every other user's PB on these charts, plus this user's new ones.
  let others: PBDocument[];
  if (reads.othersEarly) {
    // read for the charts the reads were started with, which may be more than these
    others = (await reads.othersEarly).filter((p) => chartSet.has(p.chartID));
  } else {
    reads.lock = await rankingLock!.acquire(game);
    others = await othersForRanking(db, game, userID, chartIDs);
  }
  const lock = reads.lock;
  // this user's rebuilt PBs take the place their old ones had among equal PBs
  const oldRank = new Map(userPBs.filter((p) => chartSet.has(p.chartID)).map((p) => [p.chartID, p.rankingData]));
  for (const pb of pbs) pb.rankingData = oldRank.get(pb.chartID) ?? pb.rankingData;
  const rankUpdates = rankingUpdates([...others, ...pbs]);
  const own = new Map(rankUpdates.filter((u) => u.userID === userID).map((u) => [u.chartID, u.next]));
  for (const pb of pbs) pb.rankingData = own.get(pb.chartID) ?? pb.rankingData;

  const userPBsNow = [...userPBs.filter((p) => !chartSet.has(p.chartID)), ...pbs];
  whenComputed?.(userPBsNow);

  // Other players' PBs are other documents, so their shifts go out beside this user's own writes.
  // Only charts where this user had a PB need a delete (none, on a first import of those charts).
  const replaced = [...oldRank.keys()];
  const ownWrites = async () => {
    if (replaced.length > 0) await db.personalBests.deleteMany({ userID, chartID: { $in: replaced } });
    if (pbs.length > 0) await db.personalBests.insertMany(pbs.map((p) => ({ ...p })), { ordered: false });
  };
  await allSettledOrThrow([
    ownWrites(),
    writeRankings(db, userID, rankUpdates.filter((u) => u.userID !== userID), others),
  ]);

  // Without the ranking lock (or having lost it), another user's import or revert may have
  // rewritten a PB on these charts since they were read: rank again from what is stored now until a
  // read finds nothing to change. Whoever writes last reads last, so the stored ranking ends
  // consistent. This user's PBs are only written under this user's lease, so the in-memory ones are current.
  for (let attempt = 0; !lock?.held() && attempt < MAX_RERANKS; attempt++) {
    const current = await othersForRanking(db, game, userID, chartIDs);
    const updates = rankingUpdates([...current, ...pbs]);
    if (updates.length === 0) break;
    await writeRankings(db, userID, updates, current);
    const mine = new Map(updates.filter((u) => u.userID === userID).map((u) => [u.chartID, u.next]));
    for (const pb of pbs) pb.rankingData = mine.get(pb.chartID) ?? pb.rankingData;
  }
  return userPBsNow;
}

const MAX_RERANKS = 5;

async function readUserPBs(db: Database, userID: number, game: GameName): Promise<PBDocument[]> {
  return (await db.personalBests.find({ userID, game }, { projection: { _id: 0 }, batchSize: READ_BATCH }).toArray()) as unknown as PBDocument[];
}

async function readGamePBs(db: Database, game: GameName): Promise<PBDocument[]> {
  return (await db.personalBests.find({ game }, { projection: { _id: 0 }, batchSize: READ_BATCH }).toArray()) as unknown as PBDocument[];
}

/** Other users' PBs on these charts; `userID $ne` is pushed down by FerretDB, so this user's rows are never read. */
async function othersForRanking(db: Database, game: GameName, userID: number, chartIDs: readonly string[]): Promise<PBDocument[]> {
  return findWhereIn<PBDocument>(db, db.personalBests, { game, userID: { $ne: userID } }, 'chartID', chartIDs, {
    _id: 0,
    userID: 1,
    chartID: 1,
    timeAchieved: 1,
    'scoreData.score': 1,
    rankingData: 1,
  });
}

/**
 * The rankingData changes that rank every chart of `pbs` (all PBs of those charts). rankChart keeps
 * full ties (same score, same timeAchieved) in input order; it is fed the current ranking order,
 * not the database's natural order (which moves a PB whenever it is rewritten), so a rebuild that
 * leaves a PB unchanged, or a revert, never reshuffles equal PBs. A PB new to the chart goes after
 * the PBs it ties with.
 */
function rankingUpdates(pbs: readonly PBDocument[]): RankChange[] {
  const rankOf = (p: PBDocument): number => {
    const r = p.rankingData?.rank;
    return typeof r === 'number' && r > 0 ? r : Infinity;
  };
  const onChart = groupBy(pbs, (p) => p.chartID);
  const updates: RankChange[] = [];
  for (const [chartID, list] of onChart) {
    list.sort((a, b) => {
      const ra = rankOf(a);
      const rb = rankOf(b);
      return ra === rb ? 0 : ra < rb ? -1 : 1;
    });
    const ranks = rankChart(list);
    for (const p of list) {
      const r = ranks.get(p.userID)!;
      if (p.rankingData?.rank !== r.rank || p.rankingData?.outOf !== r.outOf || p.rankingData?.rivalRank !== r.rivalRank) {
        updates.push({ userID: p.userID, chartID, old: p.rankingData ?? undefined, next: r });
      }
    }
  }
  return updates;
}

/**
 * Writes ranking changes: this user's own PBs exactly; other users' as the few shifts
 * planRankingWrites finds (MongoDB: equal shifts of many charts in one statement; FerretDB, which
 * cannot use an index for `$in`: one chart per statement, by its indexed chartID).
 */
async function writeRankings(
  db: Database,
  userID: number,
  updates: readonly RankChange[],
  others: readonly PBDocument[],
): Promise<void> {
  const othersOnChart = new Map([...groupBy(others, (p) => p.chartID)].map(([chartID, list]) => [chartID, list.map((p) => p.rankingData)]));
  const writes: RankWrite[] = [
    ...updates.filter((u) => u.userID === userID).map((u): RankWrite => ({ kind: 'set', userID, chartID: u.chartID, rankingData: u.next })),
    ...planRankingWrites(updates.filter((u) => u.userID !== userID), othersOnChart, !db.evaluatesInWithoutIndex),
  ];
  // every write is an updateMany (a `set` matches one PB by the unique userID+chartID), so FerretDB
  // takes them in full batches too (bulkWriteInBatches)
  await bulkWriteInBatches(
    db,
    db.personalBests,
    writes.map((w) =>
      w.kind === 'set'
        ? { updateMany: { filter: { userID: w.userID, chartID: w.chartID }, update: { $set: { rankingData: w.rankingData } } } }
        : {
            updateMany: {
              filter: {
                chartID: w.chartIDs.length === 1 ? w.chartIDs[0] : { $in: w.chartIDs },
                userID: { $ne: userID },
                'rankingData.outOf': w.outOf,
                'rankingData.rank': { $gte: w.lo, $lte: w.hi },
              },
              update: { $inc: { 'rankingData.rank': w.dRank, 'rankingData.outOf': w.dOutOf } },
            },
          },
    ),
  );
}

/**
 * The PB step of an import: every chart the import's new scores touch. `pbInputs` holds, per
 * chart, the import's scores a PB can be built from (pbCandidates). Returns all the user's PBs in the game.
 */
export async function updatePersonalBests(
  db: Database,
  charts: ChartIndex,
  userID: number,
  game: GameName,
  importID: string,
  pbInputs: ReadonlyMap<string, readonly ScoreDocument[]>,
  opts: Omit<RebuildOptions, 'known'> = {},
): Promise<PBDocument[]> {
  return rebuildPersonalBests(db, charts, userID, game, [...pbInputs.keys()], {
    ...opts,
    known: { importID, scores: [...pbInputs.values()].flat() },
  });
}
