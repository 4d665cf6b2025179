import t from 'tap';
import type { ScoreData } from '../../src/documents.ts';
import type { ChartDocument, GameName, ProfilePB } from '../../src/games/types.ts';
import { ChartIndex } from '../../src/charts/chart-index.ts';
import { profileRatings as profile, scoreRatings, sessionRatings } from '../../src/rules.ts';
import { ALBIDA_ADV, BBKK_BASIC, def } from './fixtures/index.ts';

// the ratings come from rg-stats 1.1.0 through each game's rules; these vectors are Tachi's (spec §5)
const calculateVF6 = (score: number, lamp: string, level: number) =>
  def('sdvx').rules.scoreRatings.VF6({ score, lamp } as unknown as ScoreData, { ...ALBIDA_ADV, levelNum: level });
const calculateChunithmRating = (score: number, level: number) =>
  def('chunithm').rules.scoreRatings.rating({ score } as unknown as ScoreData, { ...BBKK_BASIC, levelNum: level });
const scoreCalculatedData = (game: GameName, scoreData: Record<string, unknown>, chart: ChartDocument) =>
  scoreRatings(def(game), scoreData as unknown as ScoreData, chart);
const sessionCalculatedData = (game: GameName, scores: { calculatedData: Record<string, number | null> }[]) => sessionRatings(def(game), scores);
const lookup = await ChartIndex.fromDocuments({}).game('sdvx');
const profileRatings = (game: GameName, pbs: unknown[]) => profile(def(game), pbs as ProfilePB[], lookup);

t.test('VF6: every §5.1 example', async (t) => {
  const cases: [number, number, string, number][] = [
    [10, 9_000_000, 'CLEAR', 0.163],
    [10, 10_000_000, 'PERFECT ULTIMATE CHAIN', 0.231],
    [20, 10_000_000, 'PERFECT ULTIMATE CHAIN', 0.462],
    [18, 9_923_042, 'MAXXIVE CLEAR', 0.39],
    [10, 9_500_000, 'EXCESSIVE CLEAR', 0.187],
    [17, 9_876_543, 'ULTIMATE CHAIN', 0.359],
    [19, 9_500_000, 'FAILED', 0.175],
    [19, 9_500_000, 'CLEAR', 0.35],
    [10, 9_900_000, 'CLEAR', 0.207],
  ];
  for (const [level, score, lamp, want] of cases) {
    t.equal(calculateVF6(score, lamp, level), want, `lvl ${level} ${score} ${lamp}`);
  }
});

t.test('VF6: rg-stats grade coefficients (10M is S, not a separate PUC grade)', async (t) => {
  // 10 * 2 * 1.0 * 105 * 100 = 21000 -> 0.21
  t.equal(calculateVF6(10_000_000, 'CLEAR', 10), 0.21);
  // 10 * 2 * 0.5 * 80 * 100 = 8000 -> 0.08 (D)
  t.equal(calculateVF6(5_000_000, 'CLEAR', 10), 0.08);
  t.equal(calculateVF6(0, 'FAILED', 20), 0);
});

t.test('VF6 throws outside 0..10M', async (t) => {
  t.throws(() => calculateVF6(10_000_001, 'CLEAR', 10));
  t.throws(() => calculateVF6(-1, 'CLEAR', 10));
});

t.test('CHUNITHM rating: every §5.2 example', async (t) => {
  const cases: [number, number, number][] = [
    [1_003_000, 3, 4.3],
    [900_000, 3, 0],
    [1_010_000, 12.5, 14.65],
    [1_008_000, 12.5, 14.55],
    [975_000, 13.7, 13.7],
    [950_000, 12.5, 10.83],
    [810_000, 12.5, 4.12],
    [600_000, 12.5, 1.25],
    [499_999, 12.5, 0],
    [1_004_321, 13.9, 15.33],
  ];
  for (const [score, level, want] of cases) t.equal(calculateChunithmRating(score, level), want, `(${score}, ${level})`);
});

t.test('CHUNITHM rating float quirk: levelNum*100 lands below the integer', async (t) => {
  t.equal(calculateChunithmRating(975_000, 8.2), 8.19, '(975000, 8.2) -> 8.19, not 8.2');
  t.equal(calculateChunithmRating(975_000, 8.7), 8.69);
  t.equal(calculateChunithmRating(975_000, 9.2), 9.19);
  t.equal(calculateChunithmRating(975_000, 9.7), 9.69);
  t.equal(calculateChunithmRating(975_000, 10.2), 10.19);
  t.equal(calculateChunithmRating(975_000, 8.3), 8.3, 'a level without the quirk');
});

t.test('CHUNITHM rating throws like rg-stats', async (t) => {
  t.throws(() => calculateChunithmRating(1_010_001, 10));
  t.throws(() => calculateChunithmRating(-1, 10));
  t.throws(() => calculateChunithmRating(1_000_000, -0.5));
});

t.test('scoreCalculatedData shapes', async (t) => {
  t.same(scoreCalculatedData('sdvx', { score: 9_000_000, lamp: 'CLEAR' }, ALBIDA_ADV), { VF6: 0.163 });
  t.same(scoreCalculatedData('chunithm', { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR' }, BBKK_BASIC), {
    rating: 0,
  });
  t.same(scoreCalculatedData('chunithm', { score: 1_003_000 }, BBKK_BASIC), { rating: 4.3 });
});

const withVF6 = (vs: (number | null)[]) => vs.map((VF6) => ({ calculatedData: { VF6 } }));
const withRating = (vs: (number | null)[]) => vs.map((rating) => ({ calculatedData: { rating } }));

t.test('session ProfileVF6', async (t) => {
  t.same(sessionCalculatedData('sdvx', withVF6([0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3])), { ProfileVF6: null }, '9 scores');
  t.same(sessionCalculatedData('sdvx', []), { ProfileVF6: null });
  t.same(
    sessionCalculatedData('sdvx', withVF6([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, null])),
    { ProfileVF6: null },
    'nulls do not count towards the 10',
  );
  // ten 0.25s -> mean 0.25 -> × 50 = 12.5
  t.same(sessionCalculatedData('sdvx', withVF6(Array(10).fill(0.25))), { ProfileVF6: 12.5 });
  // best 10 of 12: the two 0.1s are dropped
  t.same(sessionCalculatedData('sdvx', withVF6([0.1, ...Array(10).fill(0.4), 0.1])), { ProfileVF6: 20 });
});

t.test('session naiveRating', async (t) => {
  t.same(sessionCalculatedData('chunithm', withRating(Array(9).fill(15))), { naiveRating: null });
  t.same(sessionCalculatedData('chunithm', withRating(Array(10).fill(15))), { naiveRating: 15 });
  t.same(sessionCalculatedData('chunithm', withRating([1, 2, ...Array(10).fill(16), null])), { naiveRating: 16 });
});

const pb = (key: string, v: number | null, isPrimary = true) => ({ isPrimary, calculatedData: { [key]: v } });

t.test('profile VF6 = sum of the best 50 primary PBs', async (t) => {
  t.same(profileRatings('sdvx', []), { VF6: null });
  t.same(profileRatings('sdvx', [pb('VF6', null)]), { VF6: null });
  t.same(profileRatings('sdvx', [pb('VF6', 0.163)]), { VF6: 0.163 }, 'spec §8.3');
  t.same(profileRatings('sdvx', [pb('VF6', 0.25), pb('VF6', 0.5), pb('VF6', 9, false)]), { VF6: 0.75 }, 'non-primary ignored');
  // 50 × 0.25 + 10 × 0.125 (dropped) = 12.5
  const many = [...Array(10).fill(0).map(() => pb('VF6', 0.125)), ...Array(50).fill(0).map(() => pb('VF6', 0.25))];
  t.same(profileRatings('sdvx', many), { VF6: 12.5 });
});

t.test('profile naiveRating = floor(Σ round(r×100) / 50) / 100', async (t) => {
  t.same(profileRatings('chunithm', []), { naiveRating: null });
  t.same(profileRatings('chunithm', Array(4).fill(0).map(() => pb('rating', 16))), { naiveRating: 1.28 });
  t.same(profileRatings('chunithm', Array(50).fill(0).map(() => pb('rating', 17.15))), { naiveRating: 17.15 });
  t.same(profileRatings('chunithm', [pb('rating', 0)]), { naiveRating: 0 }, 'spec §8.3: a single 0-rated PB');
  t.same(
    profileRatings('chunithm', [...Array(50).fill(0).map(() => pb('rating', 10)), pb('rating', 1), pb('rating', 99, false)]),
    { naiveRating: 10 },
    'only the best 50 primary',
  );
  // Σ = 1001 + 1000 = 2001 -> floor(40.02) = 40 -> 0.4
  t.same(profileRatings('chunithm', [pb('rating', 10.01), pb('rating', 10)]), { naiveRating: 0.4 });
});
