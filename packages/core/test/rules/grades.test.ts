import t from 'tap';
import type { DryScoreData, GameName } from '../../src/games/types.ts';
import { ALBIDA_ADV, BBKK_BASIC, def } from './fixtures/index.ts';

// each game's grade deriver (Tachi's GetGrade over its boundaries)
const gradeFor = (game: GameName, score: number) =>
  def(game).rules.derivers.grade({ score } as unknown as DryScoreData, game === 'sdvx' ? ALBIDA_ADV : BBKK_BASIC);

// [grade, lower bound] straight from spec §5.1 / §5.2
const SDVX: [string, number][] = [
  ['D', 0], ['C', 7_000_000], ['B', 8_000_000], ['A', 8_700_000], ['A+', 9_000_000], ['AA', 9_300_000],
  ['AA+', 9_500_000], ['AAA', 9_700_000], ['AAA+', 9_800_000], ['S', 9_900_000], ['PUC', 10_000_000],
];
const CHUNITHM: [string, number][] = [
  ['D', 0], ['C', 500_000], ['B', 600_000], ['BB', 700_000], ['BBB', 800_000], ['A', 900_000], ['AA', 925_000],
  ['AAA', 950_000], ['S', 975_000], ['S+', 990_000], ['SS', 1_000_000], ['SS+', 1_005_000], ['SSS', 1_007_500],
  ['SSS+', 1_009_000],
];

for (const [game, table] of [['sdvx', SDVX], ['chunithm', CHUNITHM]] as const) {
  t.test(`${game} grade boundaries`, async (t) => {
    table.forEach(([grade, bound], i) => {
      t.equal(gradeFor(game, bound), grade, `${bound} is ${grade}`);
      if (i > 0) t.equal(gradeFor(game, bound - 1), table[i - 1][0], `${bound - 1} is ${table[i - 1][0]}`);
    });
  });
}

t.test('top of range', async (t) => {
  t.equal(gradeFor('sdvx', 10_000_000), 'PUC');
  t.equal(gradeFor('chunithm', 1_010_000), 'SSS+');
  t.equal(gradeFor('sdvx', 9_000_000), 'A+', 'spec §8.3 SDVX file grade');
  t.equal(gradeFor('chunithm', 900_000), 'A', 'spec §8.3 CHUNITHM file grade');
});

t.test('a negative score has no grade (Tachi InternalFailure)', async (t) => {
  t.throws(() => gradeFor('sdvx', -1), { type: 'InternalError', message: 'An internal error has occured.' });
});
