import t from 'tap';
import type { ScoreDocument } from '../../src/documents.ts';
import type { GameName } from '../../src/games/types.ts';
import { buildPB, pbCandidates, rankChart } from '../../src/rules.ts';
import { ALBIDA_ADV, BBKK_BASIC, def, dry, hydrateUnchecked } from './fixtures/index.ts';

function score(
  game: GameName,
  scoreID: string,
  data: Record<string, unknown>,
  timeAchieved: number | null,
  highlight = false,
): ScoreDocument {
  const s = hydrateUnchecked(game, dry(game, data, timeAchieved), scoreID);
  return { ...s, highlight };
}

t.test('no scores -> undefined', async (t) => {
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, []), undefined);
});

t.test('SDVX: Best Lamp from a 0-score UC and Best EX Score 9000 (Tachi sdvx.test)', async (t) => {
  const best = score('sdvx', 'T-best', { score: 9_000_000, lamp: 'CLEAR', optional: { exScore: 1000 } }, 1000);
  const lamp = score('sdvx', 'T-lamp', { score: 0, lamp: 'ULTIMATE CHAIN' }, 2000, true);
  const ex = score('sdvx', 'T-ex', { score: 8_000_000, lamp: 'FAILED', optional: { exScore: 9000 } }, 500);
  const input = [lamp, ex, best];
  const before = structuredClone(input);

  const pb = buildPB(def('sdvx'), ALBIDA_ADV, input);
  t.ok(pb);
  if (!pb) return;
  t.same(pb.composedFrom, [
    { name: 'Best Score', scoreID: 'T-best' },
    { name: 'Best Lamp', scoreID: 'T-lamp' },
    { name: 'Best EX Score', scoreID: 'T-ex' },
  ]);
  t.equal(pb.scoreData.score, 9_000_000);
  t.equal(pb.scoreData.lamp, 'ULTIMATE CHAIN');
  t.equal(pb.scoreData.grade, 'A+');
  t.same(pb.scoreData.optional, { exScore: 9000, enumIndexes: {} });
  t.same(pb.scoreData.enumIndexes, { lamp: 4, grade: 4 });
  // VF6 recomputed from the merged data: 10 × 2 × 0.9 × 91 (A+) × 105 (UC) = 171990 -> 0.171
  t.same(pb.calculatedData, { VF6: 0.171 });
  t.equal(best.calculatedData.VF6, 0.163, 'the base score keeps its own VF6');
  t.equal(pb.timeAchieved, 2000, 'later of base and merged score');
  t.equal(pb.highlight, true, 'highlight ORed in from the lamp score');
  t.equal(pb.userID, 1);
  t.equal(pb.chartID, ALBIDA_ADV.chartID);
  t.equal(pb.songID, 1);
  t.equal(pb.isPrimary, true);
  t.equal(pb.playtype, 'Single');
  t.equal(pb.game, 'sdvx');
  t.notOk('rankingData' in pb);
  t.same(input, before, 'input scores not mutated');
});

t.test('SDVX: a single score is its own PB', async (t) => {
  const only = score('sdvx', 'T1', { score: 9_000_000, lamp: 'CLEAR' }, null);
  const pb = buildPB(def('sdvx'), ALBIDA_ADV, [only]);
  t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'T1' }], 'spec §8.3: composedFrom [Best Score] only');
  t.same(pb?.calculatedData, { VF6: 0.163 });
  t.equal(pb?.timeAchieved, null);
  t.same(pb?.scoreData.optional, { enumIndexes: {} });
});

t.test('timeAchieved stays null when the base has none', async (t) => {
  const base = score('sdvx', 'Tb', { score: 9_500_000, lamp: 'CLEAR' }, null);
  const lamp = score('sdvx', 'Tl', { score: 9_000_000, lamp: 'EXCESSIVE CLEAR' }, 5000);
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [base, lamp])?.timeAchieved, null);

  const base2 = score('sdvx', 'Tb', { score: 9_500_000, lamp: 'CLEAR' }, 9000);
  const older = score('sdvx', 'Tl', { score: 9_000_000, lamp: 'EXCESSIVE CLEAR' }, 5000);
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [base2, older])?.timeAchieved, 9000, 'an older merge keeps the base time');
});

t.test('merge tie-break: oldest timeAchieved, null first, then array order', async (t) => {
  const base = score('sdvx', 'Tbase', { score: 9_900_000, lamp: 'CLEAR' }, 100);
  const ucTimed = score('sdvx', 'Tuc-3000', { score: 9_000_000, lamp: 'ULTIMATE CHAIN' }, 3000);
  const ucNull = score('sdvx', 'Tuc-null', { score: 8_000_000, lamp: 'ULTIMATE CHAIN' }, null);
  const ucOld = score('sdvx', 'Tuc-2000', { score: 7_000_000, lamp: 'ULTIMATE CHAIN' }, 2000);

  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [base, ucTimed, ucNull])?.composedFrom[1].scoreID, 'Tuc-null');
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [base, ucTimed, ucOld])?.composedFrom[1].scoreID, 'Tuc-2000');
  const twin = score('sdvx', 'Tuc-3000-b', { score: 9_100_000, lamp: 'ULTIMATE CHAIN' }, 3000);
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [base, ucTimed, twin])?.composedFrom[1].scoreID, 'Tuc-3000');
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [base, twin, ucTimed])?.composedFrom[1].scoreID, 'Tuc-3000-b');
});

t.test('Best Score tie: first in array order', async (t) => {
  const a = score('sdvx', 'Ta', { score: 9_000_000, lamp: 'CLEAR' }, 1);
  const b = score('sdvx', 'Tb', { score: 9_000_000, lamp: 'CLEAR' }, 2);
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [a, b])?.composedFrom[0].scoreID, 'Ta');
  t.equal(buildPB(def('sdvx'), ALBIDA_ADV, [b, a])?.composedFrom[0].scoreID, 'Tb');
});

t.test('composedFrom never repeats a scoreID', async (t) => {
  const all = score('sdvx', 'Tall', { score: 9_950_000, lamp: 'ULTIMATE CHAIN', optional: { exScore: 5000 } }, 10);
  const worse = score('sdvx', 'Tw', { score: 9_000_000, lamp: 'CLEAR', optional: { exScore: 100 } }, 20);
  const pb = buildPB(def('sdvx'), ALBIDA_ADV, [worse, all]);
  t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'Tall' }]);
  t.equal(pb?.timeAchieved, 10);
});

t.test('undefined optionals are dropped', async (t) => {
  const s = score('sdvx', 'T', { score: 9_000_000, lamp: 'CLEAR', optional: { exScore: undefined, fast: 3 } }, 1);
  t.same(buildPB(def('sdvx'), ALBIDA_ADV, [s])?.scoreData.optional, { fast: 3, enumIndexes: {} });
});

t.test('CHUNITHM: Best Note Lamp and Best Clear Lamp', async (t) => {
  const best = score('chunithm', 'C-best', { score: 1_005_000, noteLamp: 'NONE', clearLamp: 'FAILED' }, 100);
  const fc = score('chunithm', 'C-fc', { score: 950_000, noteLamp: 'FULL COMBO', clearLamp: 'CLEAR' }, 200);
  const hard = score('chunithm', 'C-hard', { score: 800_000, noteLamp: 'NONE', clearLamp: 'HARD' }, 300);
  const pb = buildPB(def('chunithm'), BBKK_BASIC, [hard, fc, best]);
  t.same(pb?.composedFrom, [
    { name: 'Best Score', scoreID: 'C-best' },
    { name: 'Best Note Lamp', scoreID: 'C-fc' },
    { name: 'Best Clear Lamp', scoreID: 'C-hard' },
  ]);
  t.equal(pb?.scoreData.noteLamp, 'FULL COMBO');
  t.equal(pb?.scoreData.clearLamp, 'HARD');
  t.equal(pb?.scoreData.grade, 'SS+');
  t.same(pb?.scoreData.enumIndexes, { noteLamp: 1, clearLamp: 2, grade: 11 });
  // level 3: 300 + 150 + 0 = 450 -> 4.5
  t.same(pb?.calculatedData, { rating: 4.5 });
  t.equal(pb?.timeAchieved, 300);
});

t.test('rankChart', async (t) => {
  const mk = (userID: number, s: number, timeAchieved: number | null) => ({ userID, timeAchieved, scoreData: { score: s } });
  const r = rankChart([mk(1, 900, 5), mk(2, 1000, 10), mk(3, 900, null), mk(4, 900, 3)], ['score']);
  t.same(r.get(2), { rank: 1, outOf: 4, rivalRank: null });
  t.same(r.get(4), { rank: 2, outOf: 4, rivalRank: null });
  t.same(r.get(1), { rank: 3, outOf: 4, rivalRank: null });
  t.same(r.get(3), { rank: 4, outOf: 4, rivalRank: null });
  t.equal(rankChart([], ['score']).size, 0);
  t.same(rankChart([mk(9, 1, null)], ['score']).get(9), { rank: 1, outOf: 1, rivalRank: null });
  // full ties: the lower userID first, whatever the input order
  const tied = rankChart([mk(7, 500, 1), mk(5, 500, 1), mk(6, 500, 1)], ['score']);
  t.same([5, 6, 7].map((u) => tied.get(u)?.rank), [1, 2, 3]);
  // a second metric breaks ties on the first (O.N.G.E.K.I.'s platinum score)
  const two = rankChart(
    [
      { userID: 1, timeAchieved: 1, scoreData: { score: 10, platinumScore: 1 } },
      { userID: 2, timeAchieved: 2, scoreData: { score: 10, platinumScore: 2 } },
    ],
    ['score', 'platinumScore'],
  );
  t.same([two.get(2)?.rank, two.get(1)?.rank], [1, 2]);
});

t.test('pbCandidates: a PB built from streamed candidates equals one built from every score', async (t) => {
  // a small deterministic generator; few distinct values so that ties are common
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const sdvxLamps = ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'ULTIMATE CHAIN', 'PERFECT ULTIMATE CHAIN'];
  const noteLamps = ['NONE', 'FULL COMBO', 'ALL JUSTICE'];
  const clearLamps = ['FAILED', 'CLEAR', 'HARD'];
  const make = (game: GameName, i: number): ScoreDocument => {
    const time = rand(4) === 0 ? null : 1000 + rand(3) * 100;
    return game === 'sdvx'
      ? score(game, `S${i}`, { score: 9_000_000 + rand(3) * 1000, lamp: sdvxLamps[rand(5)], optional: rand(2) ? { exScore: 1000 + rand(3) } : {} }, time, rand(5) === 0)
      : score(game, `C${i}`, { score: 1_000_000 + rand(3) * 1000, noteLamp: noteLamps[rand(3)], clearLamp: clearLamps[rand(3)] }, time, rand(5) === 0);
  };
  let checked = 0;
  for (const game of ['sdvx', 'chunithm'] as const) {
    const chart = game === 'sdvx' ? ALBIDA_ADV : BBKK_BASIC;
    for (let round = 0; round < 150; round++) {
      const all = Array.from({ length: 1 + rand(12) }, (_, i) => make(game, i));
      const stored = Array.from({ length: rand(4) }, (_, i) => make(game, 100 + i));
      // streamed one score at a time, as run-import keeps them
      let kept: ScoreDocument[] = [];
      for (const s of all) kept = pbCandidates(def(game), [...kept, s]);
      t.ok(kept.length <= 4, 'a handful per chart');
      t.same(buildPB(def(game), chart, [...kept, ...stored]), buildPB(def(game), chart, [...all, ...stored]));
      checked++;
    }
  }
  t.equal(checked, 300);
});
