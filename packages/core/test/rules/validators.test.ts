import t from 'tap';
import { ScoreFailure } from '../../src/errors.ts';
import type { ScoreDocument } from '../../src/documents.ts';
import type { GameName } from '../../src/games/types.ts';
import { validateScore } from '../../src/rules.ts';
import { ALBIDA_ADV, BBKK_BASIC, mkScore } from './fixtures/index.ts';
import { def } from './fixtures/index.ts';

/** every cross-metric validator of the game, in order: the messages of those that fail */
const gameScoreValidator = (game: GameName) => (score: ScoreDocument) =>
  def(game)
    .rules.scoreValidators.map((v) => v(score, game === 'sdvx' ? ALBIDA_ADV : BBKK_BASIC))
    .filter((m): m is string => m !== undefined);
const sdvx = gameScoreValidator('sdvx');
const chuni = gameScoreValidator('chunithm');

t.test('SDVX score validators', async (t) => {
  const s = (score: number, lamp: string, judgements: Record<string, number | null> = {}) =>
    sdvx(mkScore('sdvx', { score, lamp, judgements }));

  t.same(s(9_000_000, 'CLEAR'), []);
  t.same(s(10_000_000, 'CLEAR'), [], 'a 10M score with a non-PUC lamp is accepted');
  t.same(s(10_000_000, 'PERFECT ULTIMATE CHAIN', { critical: 100, near: 0, miss: 0 }), []);
  t.same(s(9_999_999, 'PERFECT ULTIMATE CHAIN'), ['Cannot have a PERFECT ULTIMATE CHAIN without a perfect score.']);
  t.same(s(10_000_000, 'PERFECT ULTIMATE CHAIN', { near: 1 }), [
    'Cannot have a PERFECT ULTIMATE CHAIN with any nears or misses.',
  ]);
  t.same(s(10_000_000, 'PERFECT ULTIMATE CHAIN', { miss: 1, near: null }), [
    'Cannot have a PERFECT ULTIMATE CHAIN with any nears or misses.',
  ]);
  t.same(s(9_999_000, 'PERFECT ULTIMATE CHAIN', { near: 2 }), [
    'Cannot have a PERFECT ULTIMATE CHAIN without a perfect score.',
    'Cannot have a PERFECT ULTIMATE CHAIN with any nears or misses.',
  ], 'both, in order');
  t.same(s(9_000_000, 'ULTIMATE CHAIN', { near: 50 }), [], 'UC may have nears');
  t.same(s(9_000_000, 'ULTIMATE CHAIN', { miss: 1 }), ['Cannot have an ULTIMATE CHAIN with non-zero miss count.']);
  t.same(s(4_999_999, 'ULTIMATE CHAIN'), ['Cannot have an ULTIMATE CHAIN with a score less than 5m.']);
  t.same(s(5_000_000, 'ULTIMATE CHAIN'), []);
  t.same(s(0, 'ULTIMATE CHAIN', { miss: 3 }), [
    'Cannot have an ULTIMATE CHAIN with non-zero miss count.',
    'Cannot have an ULTIMATE CHAIN with a score less than 5m.',
  ]);
});

t.test('CHUNITHM score-vs-lamp validator (first match only)', async (t) => {
  const s = (score: number, noteLamp: string) => chuni(mkScore('chunithm', { score, noteLamp, clearLamp: 'CLEAR' }));
  t.same(s(1_010_000, 'ALL JUSTICE CRITICAL'), []);
  t.same(s(1_009_999, 'ALL JUSTICE CRITICAL'), ['An ALL JUSTICE CRITICAL must have a score of 1.01 million.']);
  t.same(s(1_010_000, 'ALL JUSTICE'), ['A score of 1.01 million must have a lamp of ALL JUSTICE CRITICAL.']);
  t.same(s(1_010_000, 'NONE'), ['A score of 1.01 million must have a lamp of ALL JUSTICE CRITICAL.']);
  t.same(s(999_999, 'ALL JUSTICE'), ['A score of 999999 cannot be an ALL JUSTICE.']);
  t.same(s(1_000_000, 'ALL JUSTICE'), []);
  t.same(s(499_999, 'FULL COMBO'), ['A score of 499999 cannot be a FULL COMBO.']);
  t.same(s(500_000, 'FULL COMBO'), []);
  t.same(s(100, 'NONE'), []);
});

t.test('CHUNITHM judgement validators', async (t) => {
  const s = (noteLamp: string, judgements: Record<string, number | null>, score = 1_005_000) =>
    chuni(mkScore('chunithm', { score, noteLamp, clearLamp: 'CLEAR', judgements }));
  t.same(s('ALL JUSTICE CRITICAL', { justice: 1 }, 1_010_000), [
    'Cannot have an ALL JUSTICE CRITICAL with any non-jcrit judgements.',
  ]);
  t.same(s('ALL JUSTICE', { attack: 1 }), ['Cannot have an ALL JUSTICE if not all hits were justice or better.']);
  t.same(s('ALL JUSTICE', { justice: 30, attack: null }), [], 'justices are fine on an AJ; null counts as 0');
  t.same(s('FULL COMBO', { miss: 1 }), ['Cannot have a FULL COMBO if the score has misses.']);
  t.same(s('FULL COMBO', { attack: 10 }), []);
  t.same(s('NONE', { miss: 100 }), []);
});

t.test('CHUNITHM maxCombo validator', async (t) => {
  const s = (noteLamp: string, maxCombo: number | null, judgements: Record<string, number | null>, score = 1_005_000) =>
    chuni(mkScore('chunithm', { score, noteLamp, clearLamp: 'CLEAR', judgements, optional: { maxCombo } }));
  const full = { jcrit: 90, justice: 10, attack: 0, miss: 0 };
  t.same(s('FULL COMBO', 100, full), []);
  t.same(s('FULL COMBO', 99, full), ['Cannot have a FULL COMBO if maxCombo is not equal to the sum of judgements.']);
  t.same(s('ALL JUSTICE', 99, full), ['Cannot have an ALL JUSTICE if maxCombo is not equal to the sum of judgements.']);
  t.same(s('ALL JUSTICE CRITICAL', 99, { jcrit: 100, justice: 0, attack: 0, miss: 0 }, 1_010_000), [
    'Cannot have an ALL JUSTICE CRITICAL if maxCombo is not equal to the sum of judgements.',
  ]);
  t.same(s('NONE', 5, full), [], 'NONE is never checked');
  t.same(s('FULL COMBO', 99, { jcrit: 90, justice: 10, attack: 0 }), [], 'a missing judgement skips the check');
  t.same(s('FULL COMBO', null, full), [], 'no maxCombo skips the check');
});

t.test('CHUNITHM clear-lamp validators', async (t) => {
  const s = (clearLamp: string, justice: number, attack: number, miss: number) =>
    chuni(mkScore('chunithm', { score: 900_000, noteLamp: 'NONE', clearLamp, judgements: { justice, attack, miss } }));
  t.same(s('CATASTROPHY', 9, 0, 0), []);
  t.same(s('CATASTROPHY', 5, 3, 2), ['Cannot have a CATASTROPHY clear with 10 or more non-jcrit judgements.']);
  t.same(s('ABSOLUTE', 49, 0, 0), []);
  t.same(s('ABSOLUTE', 50, 0, 0), ['Cannot have an ABSOLUTE clear with 50 or more non-jcrit judgements.']);
  t.same(s('BRAVE', 149, 0, 0), []);
  t.same(s('BRAVE', 100, 49, 1), ['Cannot have a BRAVE clear with 150 or more non-jcrit judgements.']);
  t.same(s('HARD', 280, 0, 20), [
    'Cannot have a HARD clear with 300 or more non-jcrit judgements, and over 20 misses.',
  ]);
  t.same(s('HARD', 281, 0, 19), [], 'needs 20+ misses');
  t.same(s('HARD', 279, 0, 20), [], 'needs 300+ non-jcrit');
  t.same(s('CLEAR', 1000, 1000, 1000), []);
  t.same(
    chuni(mkScore('chunithm', { score: 900_000, noteLamp: 'NONE', clearLamp: 'CATASTROPHY', judgements: { justice: 50, attack: 50 } })),
    [],
    'without all three judgements the clear lamp is trusted',
  );
});

const sdvxOk = (o: Record<string, unknown> = {}) =>
  mkScore('sdvx', { score: 9_000_000, lamp: 'CLEAR', grade: 'A+', enumIndexes: { lamp: 1, grade: 4 }, ...o });
const chuniOk = (o: Record<string, unknown> = {}) =>
  mkScore('chunithm', { score: 900_000, noteLamp: 'NONE', clearLamp: 'CLEAR', grade: 'A', ...o });

function failure(fn: () => void): ScoreFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScoreFailure) return e;
    throw e;
  }
  throw new Error('expected a ScoreFailure');
}

const NOW = 1_700_000_000_000;

t.test('validateScore: valid scores pass', async (t) => {
  t.doesNotThrow(() => validateScore(sdvxOk(), ALBIDA_ADV, def('sdvx'), NOW));
  t.doesNotThrow(() => validateScore(sdvxOk({ optional: { exScore: 0, fast: 0, gauge: 100 } }), ALBIDA_ADV, def('sdvx'), NOW));
  t.doesNotThrow(() => validateScore(sdvxOk({ optional: { exScore: 1000, maxCombo: null } }), ALBIDA_ADV, def('sdvx'), NOW));
  t.doesNotThrow(() => validateScore(chuniOk({ optional: { scoreGraph: [0, 1_010_000], lifeGraph: [] } }), BBKK_BASIC, def('chunithm'), NOW));
});

t.test('validateScore: SDVX exScore −1 message, exactly', async (t) => {
  const e = failure(() => validateScore(sdvxOk({ optional: { exScore: -1 } }), ALBIDA_ADV, def('sdvx'), NOW));
  t.equal(e.type, 'InvalidDatapoint');
  t.equal(
    e.message,
    'Got 1 error when validating score:\nInvalid value for exScore, EX Score must be non-negative. Got -1 Got -1.',
  );
});

t.test('validateScore: future timestamps', async (t) => {
  const DAY = 86_400_000;
  t.doesNotThrow(() => validateScore(sdvxOk({}), ALBIDA_ADV, def('sdvx'), NOW), 'null timeAchieved');
  t.doesNotThrow(() => validateScore({ ...sdvxOk(), timeAchieved: NOW + DAY }, ALBIDA_ADV, def('sdvx'), NOW), 'exactly now+24h is fine');
  const e = failure(() => validateScore({ ...sdvxOk(), timeAchieved: NOW + DAY + 1 }, ALBIDA_ADV, def('sdvx'), NOW));
  t.equal(e.type, 'InvalidDatapoint');
  // Tachi throws this one bare, before and instead of the other checks.
  t.equal(e.message, 'Invalid timestamp: score happens in the future.');
  const e2 = failure(() =>
    validateScore({ ...sdvxOk({ optional: { exScore: -1 } }), timeAchieved: NOW + 2 * DAY }, ALBIDA_ADV, def('sdvx'), NOW),
  );
  t.equal(e2.message, 'Invalid timestamp: score happens in the future.');
});

t.test('validateScore: metric messages and pluralisation', async (t) => {
  t.equal(
    failure(() => validateScore(sdvxOk({ lamp: 'FULL COMBO' }), ALBIDA_ADV, def('sdvx'), NOW)).message,
    'Got 1 error when validating score:\nInvalid value for lamp, got FULL COMBO, but expected any of FAILED, CLEAR, EXCESSIVE CLEAR, MAXXIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN.',
  );
  t.equal(
    failure(() => validateScore(sdvxOk({ score: 10_000_001 }), ALBIDA_ADV, def('sdvx'), NOW)).message,
    'Got 1 error when validating score:\nInvalid value for score, Expected a number between 0 and 10000000. Got 10000001.',
  );
  t.equal(
    failure(() => validateScore(sdvxOk({ score: 1.5 }), ALBIDA_ADV, def('sdvx'), NOW)).message,
    'Got 1 error when validating score:\nInvalid value for score, got 1.5, but expected an integer.',
  );
  t.equal(
    failure(() => validateScore(sdvxOk({ optional: { maxCombo: -3, gauge: 100.5 } }), ALBIDA_ADV, def('sdvx'), NOW)).message,
    'Got 2 errors when validating score:\n' +
      'Invalid value for maxCombo, Expected a positive integer. Got -3.\n' +
      'Invalid value for gauge, Expected a number between 0 and 100. Got 100.5.',
  );
  t.equal(
    failure(() => validateScore(sdvxOk({ lamp: 'PERFECT ULTIMATE CHAIN', optional: { exScore: -5 } }), ALBIDA_ADV, def('sdvx'), NOW)).message,
    'Got 2 errors when validating score:\n' +
      'Invalid value for exScore, EX Score must be non-negative. Got -5 Got -5.\n' +
      'Cannot have a PERFECT ULTIMATE CHAIN without a perfect score.',
    'metric errors first, then game validators',
  );
  t.equal(
    failure(() => validateScore(chuniOk({ score: 1_010_001, noteLamp: 'ALL JUSTICE CRITICAL' }), BBKK_BASIC, def('chunithm'), NOW)).message,
    'Got 2 errors when validating score:\n' +
      'Invalid value for score, Expected a number between 0 and 1010000. Got 1010001.\n' +
      'An ALL JUSTICE CRITICAL must have a score of 1.01 million.',
  );
});

t.test('validateScore: GRAPH metrics', async (t) => {
  t.equal(
    failure(() => validateScore(chuniOk({ optional: { lifeGraph: 5 } }), BBKK_BASIC, def('chunithm'), NOW)).message,
    'Got 1 error when validating score:\nInvalid value for metric lifeGraph, expected an array.',
  );
  t.equal(
    failure(() => validateScore(chuniOk({ optional: { scoreGraph: [0, 1_010_001, -1] } }), BBKK_BASIC, def('chunithm'), NOW)).message,
    'Got 2 errors when validating score:\n' +
      'Invalid value for metric scoreGraph, Expected a number between 0 and 1010000., got 1010001.\n' +
      'Invalid value for metric scoreGraph, Expected a number between 0 and 1010000., got -1.',
  );
  t.equal(
    failure(() => validateScore(chuniOk({ optional: { lifeGraph: [1000] } }), BBKK_BASIC, def('chunithm'), NOW)).message,
    'Got 1 error when validating score:\nInvalid value for metric lifeGraph, Expected a number between 0 and 999., got 1000.',
  );
});
