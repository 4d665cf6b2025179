import t from 'tap';
import { computeClassUpdate, deriveClasses } from '../../src/rules.ts';
import { def } from './fixtures/index.ts';

// [class, lower bound] from spec §5.1, descending
const VF: [string, number][] = [
  ['IMPERIAL_IV', 23], ['IMPERIAL_III', 22], ['IMPERIAL_II', 21], ['IMPERIAL_I', 20],
  ['CRIMSON_IV', 19.75], ['CRIMSON_III', 19.5], ['CRIMSON_II', 19.25], ['CRIMSON_I', 19],
  ['ELDORA_IV', 18.75], ['ELDORA_III', 18.5], ['ELDORA_II', 18.25], ['ELDORA_I', 18],
  ['ARGENTO_IV', 17.75], ['ARGENTO_III', 17.5], ['ARGENTO_II', 17.25], ['ARGENTO_I', 17],
  ['CORAL_IV', 16.75], ['CORAL_III', 16.5], ['CORAL_II', 16.25], ['CORAL_I', 16],
  ['SCARLET_IV', 15.75], ['SCARLET_III', 15.5], ['SCARLET_II', 15.25], ['SCARLET_I', 15],
  ['CYAN_IV', 14.75], ['CYAN_III', 14.5], ['CYAN_II', 14.25], ['CYAN_I', 14],
  ['DANDELION_IV', 13.5], ['DANDELION_III', 13], ['DANDELION_II', 12.5], ['DANDELION_I', 12],
  ['COBALT_IV', 11.5], ['COBALT_III', 11], ['COBALT_II', 10.5], ['COBALT_I', 10],
  ['SIENNA_IV', 7.5], ['SIENNA_III', 5], ['SIENNA_II', 2.5], ['SIENNA_I', 0],
];
// spec §5.2, descending
const COLOUR: [string, number][] = [
  ['RAINBOW_EX_III', 17.5], ['RAINBOW_EX_II', 17.25], ['RAINBOW_EX_I', 17], ['RAINBOW_IV', 16.75],
  ['RAINBOW_III', 16.5], ['RAINBOW_II', 16.25], ['RAINBOW', 16], ['PLATINUM', 15.25], ['GOLD', 14.5],
  ['SILVER', 13.25], ['COPPER', 12], ['PURPLE', 10], ['RED', 7], ['ORANGE', 4], ['GREEN', 2], ['BLUE', 0],
];

t.test('vfClass thresholds: at and just below each', async (t) => {
  VF.forEach(([cls, bound], i) => {
    t.same(deriveClasses(def('sdvx'), { VF6: bound }), { vfClass: cls }, `${bound} -> ${cls}`);
    if (i < VF.length - 1) {
      t.same(deriveClasses(def('sdvx'), { VF6: bound - 0.001 }), { vfClass: VF[i + 1][0] }, `${bound - 0.001} -> ${VF[i + 1][0]}`);
    }
  });
  t.same(deriveClasses(def('sdvx'), { VF6: 30 }), { vfClass: 'IMPERIAL_IV' });
  t.same(deriveClasses(def('sdvx'), { VF6: null }), { vfClass: null });
  t.same(deriveClasses(def('sdvx'), {}), { vfClass: null });
  // spec §8.2 delete-scores: VF6 14 / CYAN_I and 4 / SIENNA_II; §8.3: 0.163 / SIENNA_I
  t.same(deriveClasses(def('sdvx'), { VF6: 14 }), { vfClass: 'CYAN_I' });
  t.same(deriveClasses(def('sdvx'), { VF6: 4 }), { vfClass: 'SIENNA_II' });
  t.same(deriveClasses(def('sdvx'), { VF6: 0.163 }), { vfClass: 'SIENNA_I' });
});

t.test('colour thresholds: at and just below each', async (t) => {
  COLOUR.forEach(([cls, bound], i) => {
    t.same(deriveClasses(def('chunithm'), { naiveRating: bound }), { colour: cls }, `${bound} -> ${cls}`);
    if (i < COLOUR.length - 1) {
      t.same(deriveClasses(def('chunithm'), { naiveRating: bound - 0.01 }), { colour: COLOUR[i + 1][0] }, `${bound - 0.01} -> ${COLOUR[i + 1][0]}`);
    }
  });
  t.same(deriveClasses(def('chunithm'), { naiveRating: null }), { colour: null });
  t.same(deriveClasses(def('chunithm'), { naiveRating: 0 }), { colour: 'BLUE' }, 'spec §8.3');
});

const sdvx = def('sdvx');
const chuni = def('chunithm');

t.test('class deltas: first value (no stored stats)', async (t) => {
  const r = computeClassUpdate(sdvx, 'sdvx', 'Single', undefined, { vfClass: 'SIENNA_I' }, null);
  t.same(r.deltas, [{ game: 'sdvx', set: 'vfClass', playtype: 'Single', old: null, new: 'SIENNA_I' }], 'spec §8.3 SDVX');
  t.same(r.achievements, r.deltas);
  t.same(r.classes, { vfClass: 'SIENNA_I' });

  const c = computeClassUpdate(chuni, 'chunithm', 'Single', undefined, { colour: 'BLUE' }, null);
  t.same(c.deltas, [{ game: 'chunithm', set: 'colour', playtype: 'Single', old: null, new: 'BLUE' }], 'spec §8.3 CHUNITHM');
});

t.test('class deltas: null derived value gives no delta but is stored on creation', async (t) => {
  const r = computeClassUpdate(sdvx, 'sdvx', 'Single', undefined, { vfClass: null }, null);
  t.same(r.deltas, []);
  t.same(r.classes, { vfClass: null });
});

t.test('class deltas: stored value missing or null counts as first value', async (t) => {
  const r = computeClassUpdate(sdvx, 'sdvx', 'Single', { vfClass: null }, { vfClass: 'CYAN_I' }, null);
  t.same(r.deltas, [{ game: 'sdvx', set: 'vfClass', playtype: 'Single', old: null, new: 'CYAN_I' }]);
  t.same(r.classes, { vfClass: 'CYAN_I' });
});

t.test('class deltas: derived improvement and downgrade both emit; unchanged is omitted', async (t) => {
  const up = computeClassUpdate(sdvx, 'sdvx', 'Single', { vfClass: 'SIENNA_II' }, { vfClass: 'CYAN_I' }, null);
  t.same(up.deltas, [{ game: 'sdvx', set: 'vfClass', playtype: 'Single', old: 'SIENNA_II', new: 'CYAN_I' }]);
  t.equal(up.achievements.length, 1);

  const down = computeClassUpdate(sdvx, 'sdvx', 'Single', { vfClass: 'CYAN_I', dan: 'DAN_5' }, { vfClass: 'SIENNA_II' }, null);
  t.same(down.deltas, [{ game: 'sdvx', set: 'vfClass', playtype: 'Single', old: 'CYAN_I', new: 'SIENNA_II' }]);
  t.same(down.achievements, [], 'a downgrade is no achievement');
  t.same(down.classes, { vfClass: 'SIENNA_II', dan: 'DAN_5' }, 'other stored classes kept');

  const same = computeClassUpdate(sdvx, 'sdvx', 'Single', { vfClass: 'CYAN_I' }, { vfClass: 'CYAN_I' }, null);
  t.same(same.deltas, [], 'no-op delta omitted');
  t.same(same.classes, { vfClass: 'CYAN_I' });
});

t.test('class deltas: provided sets only move up', async (t) => {
  const worse = computeClassUpdate(sdvx, 'sdvx', 'Single', { dan: 'DAN_10', vfClass: 'CYAN_I' }, { vfClass: 'CYAN_I' }, { dan: 'DAN_7' });
  t.same(worse.deltas, [], 'provided downgrade ignored');
  t.same(worse.classes, { dan: 'DAN_10', vfClass: 'CYAN_I' });

  const equal = computeClassUpdate(sdvx, 'sdvx', 'Single', { dan: 'DAN_10' }, { vfClass: null }, { dan: 'DAN_10' });
  t.same(equal.deltas, []);

  const better = computeClassUpdate(sdvx, 'sdvx', 'Single', { dan: 'DAN_10', vfClass: 'CYAN_I' }, { vfClass: 'CYAN_II' }, { dan: 'INF' });
  t.same(better.deltas, [
    { game: 'sdvx', set: 'dan', playtype: 'Single', old: 'DAN_10', new: 'INF' },
    { game: 'sdvx', set: 'vfClass', playtype: 'Single', old: 'CYAN_I', new: 'CYAN_II' },
  ], 'provided sets come first, like Tachi deepmerge(provided, derived)');
  t.same(better.classes, { dan: 'INF', vfClass: 'CYAN_II' });

  // index order, not string order: DAN_2 < DAN_10
  const byIndex = computeClassUpdate(sdvx, 'sdvx', 'Single', { dan: 'DAN_2' }, {}, { dan: 'DAN_10' });
  t.same(byIndex.deltas, [{ game: 'sdvx', set: 'dan', playtype: 'Single', old: 'DAN_2', new: 'DAN_10' }]);

  const first = computeClassUpdate(chuni, 'chunithm', 'Single', undefined, { colour: 'BLUE' }, { dan: 'DAN_III', emblem: 'DAN_I' });
  t.same(first.deltas.map((d) => [d.set, d.old, d.new]), [
    ['dan', null, 'DAN_III'],
    ['emblem', null, 'DAN_I'],
    ['colour', null, 'BLUE'],
  ]);
  t.same(first.classes, { dan: 'DAN_III', emblem: 'DAN_I', colour: 'BLUE' });
});
