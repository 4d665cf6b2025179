import t from 'tap';
import { planRankingWrites, type RankChange, type RankingData, type RankWrite } from '../../src/rules.ts';

const IMPORTER = 0;
type Doc = { userID: number; chartID: string; rankingData: RankingData };

let seed = 42;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const shuffle = <T>(xs: T[]): T[] => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};
const rd = (rank: number, outOf: number): RankingData => ({ rank, outOf, rivalRank: null });

/** Applies the planned writes one after another, as the database runs the statements. */
function apply(docs: Doc[], writes: readonly RankWrite[]): void {
  for (const w of writes) {
    if (w.kind === 'set') {
      const d = docs.find((x) => x.userID === w.userID && x.chartID === w.chartID);
      if (d) d.rankingData = { ...w.rankingData };
      continue;
    }
    for (const d of docs) {
      const r = d.rankingData;
      if (w.chartIDs.includes(d.chartID) && d.userID !== IMPORTER && r.outOf === w.outOf && r.rank >= w.lo && r.rank <= w.hi) {
        d.rankingData = { rank: r.rank + w.dRank, outOf: r.outOf + w.dOutOf, rivalRank: null };
      }
    }
  }
}

/** One chart before and after: the importer's PB arrives, moves or leaves; or (as after concurrent writes) anything. */
function chartCase(chartID: string): { before: Doc[]; after: Map<number, RankingData> } {
  const n = rand(7);
  const others = shuffle(Array.from({ length: n }, (_, i) => i + 1));
  const kind = rand(5);
  const before: Doc[] = others.map((userID, i) => ({ userID, chartID, rankingData: rd(i + 1, n) }));
  if (kind === 4 && n >= 2) {
    // a messy stored state: a duplicate rank, or a stale outOf
    before[rand(n)].rankingData = rand(2) ? rd(before[0].rankingData.rank, n) : rd(1 + rand(n), n + 1);
  }
  let order: number[];
  if (kind === 3) order = shuffle([...others]); // any reordering (a re-read after someone else's writes)
  else {
    order = [...others];
    if (kind !== 2) order.splice(rand(n + 1), 0, IMPORTER); // the importer's PB arrives or moves
  }
  const after = new Map(order.map((u, i) => [u, rd(i + 1, order.length)]));
  return { before, after };
}

t.test('planned shifts give exactly the new rankings', async (t) => {
  let statements = 0;
  let changed = 0;
  for (let round = 0; round < 400; round++) {
    for (const acrossCharts of [false, true]) {
      const cases = Array.from({ length: 1 + rand(6) }, (_, i) => [`c${i}`, chartCase(`c${i}`)] as const);
      const docs: Doc[] = cases.flatMap(([, c]) => c.before.map((d) => ({ ...d, rankingData: { ...d.rankingData } })));
      const changes: RankChange[] = [];
      const othersOnChart = new Map<string, RankingData[]>();
      for (const [chartID, c] of cases) {
        othersOnChart.set(chartID, c.before.map((d) => d.rankingData));
        for (const d of c.before) {
          const next = c.after.get(d.userID)!;
          if (next.rank !== d.rankingData.rank || next.outOf !== d.rankingData.outOf) changes.push({ userID: d.userID, chartID, old: d.rankingData, next });
        }
      }
      const writes = planRankingWrites(changes, othersOnChart, acrossCharts);
      apply(docs, writes);
      for (const d of docs) {
        const expected = cases.find(([id]) => id === d.chartID)![1].after.get(d.userID)!;
        if (d.rankingData.rank !== expected.rank || d.rankingData.outOf !== expected.outOf) {
          t.fail(`round ${round}: ${d.chartID} user ${d.userID} has ${JSON.stringify(d.rankingData)}, expected ${JSON.stringify(expected)}`);
        }
      }
      if (!acrossCharts) {
        statements += writes.length;
        changed += changes.length;
      }
      for (const w of writes) if (w.kind === 'shift' && !acrossCharts) t.equal(w.chartIDs.length, 1);
    }
  }
  t.ok(statements < changed, `fewer statements (${statements}) than changed PBs (${changed})`);
});

t.test('equal shifts of several charts share a statement only across charts', async (t) => {
  // the importer takes first place on three charts that each had two other players
  const othersOnChart = new Map(['a', 'b', 'c'].map((id) => [id, [rd(1, 2), rd(2, 2)]]));
  const changes: RankChange[] = ['a', 'b', 'c'].flatMap((chartID) => [
    { userID: 1, chartID, old: rd(1, 2), next: rd(2, 3) },
    { userID: 2, chartID, old: rd(2, 2), next: rd(3, 3) },
  ]);
  t.same(planRankingWrites(changes, othersOnChart, true), [{ kind: 'shift', chartIDs: ['a', 'b', 'c'], outOf: 2, lo: 1, hi: 2, dRank: 1, dOutOf: 1 }]);
  t.equal(planRankingWrites(changes, othersOnChart, false).length, 3);
});

t.test('a chart with duplicate ranks is written PB by PB', async (t) => {
  const othersOnChart = new Map([['a', [rd(1, 2), rd(1, 2)]]]);
  const changes: RankChange[] = [
    { userID: 1, chartID: 'a', old: rd(1, 2), next: rd(2, 3) },
    { userID: 2, chartID: 'a', old: rd(1, 2), next: rd(3, 3) },
  ];
  t.same(
    planRankingWrites(changes, othersOnChart, true).map((w) => w.kind),
    ['set', 'set'],
  );
});
