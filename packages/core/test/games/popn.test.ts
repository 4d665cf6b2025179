/**
 * pop'n music (9B) rules against the bundled seeds: lamp from clearMedal, grade (capped at A for a
 * fail), class points (rg-stats PopnClassPoints, vectors from rg-stats' popn-classpoints.test.ts),
 * session/profile ratings, class (Tachi's popn.test vectors), validators (through hydrateScore),
 * match types (inGameID, tachiSongID, popnChartHash), scoreMeta, scoreIDs and the Best Clear merge.
 */
import t from 'tap';
import type { Test } from 'tap';
import { PopnClassPoints } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { ImportFatalError } from '../../src/errors.ts';
import { popn } from '../../src/games/popn/index.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, harness, oneError, tachiScoreID } from './helpers.ts';

const h = harness(popn);
const definition = h.definitionOf('9B');
const { rules, config } = definition;

/** song 1 "I REALLY WANT TO HURT YOU": EX 38 (Tachi's TestingPopnChart), Hyper 19; inGameID 0 */
const HURT_EX = h.chart('7489166ddfb6ec780249823d5bda255611fbc528');
const HURT_HYPER = h.chart('0c5c48f1decdd5e783f70c348678c0532323ea2d');
/** song 20 "I'm on Fire" EX 49, inGameID 25 */
const FIRE_EX = h.chart('88fd7785c8849cedc71c9a5128b14a7581977825');
/** song 50 "BICYCLE" Normal 22: two SHA-256 hashes */
const BICYCLE_N = h.chart('f759a68db3e66bddd4ffaabb3b224ce79a3e3bb5');

const score = (score: number, clearMedal: string, extra: Record<string, unknown> = {}) => ({ score, clearMedal, ...extra });

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([HURT_EX.difficulty, HURT_EX.levelNum, HURT_EX.data], ['EX', 38, { hashSHA256: '83287260cb32c5c54b06b76967ba8620dd3735063959d9fbaf2cffc0dba8a049', inGameID: 0 }]);
  t.same([HURT_HYPER.difficulty, HURT_HYPER.levelNum], ['Hyper', 19]);
  t.same([FIRE_EX.difficulty, FIRE_EX.levelNum, FIRE_EX.data.inGameID, h.songOf(FIRE_EX).title], ['EX', 49, 25, "I'm on Fire"]);
  t.same([BICYCLE_N.difficulty, BICYCLE_N.levelNum, (BICYCLE_N.data.hashSHA256 as string[]).length], ['Normal', 22, 2]);
  t.equal(h.charts.charts.length, 6540);
  t.equal(h.charts.songs.length, 1896);
  t.ok(h.charts.charts.every((c) => c.playtype === '9B' && c.isPrimary));
});

t.test('lamp deriver: clearMedal → lamp (Tachi\'s vectors)', async (t) => {
  const cases: [string, string][] = [
    ['failedCircle', 'FAILED'], ['failedStar', 'FAILED'], ['failedDiamond', 'FAILED'],
    ['easyClear', 'EASY CLEAR'],
    ['clearCircle', 'CLEAR'], ['clearStar', 'CLEAR'], ['clearDiamond', 'CLEAR'],
    ['fullComboCircle', 'FULL COMBO'], ['fullComboStar', 'FULL COMBO'], ['fullComboDiamond', 'FULL COMBO'],
    ['perfect', 'PERFECT'],
  ];
  for (const [clearMedal, lamp] of cases) {
    t.equal(rules.derivers.lamp({ score: 93_001, clearMedal, judgements: {}, optional: {} }, HURT_EX), lamp, `${clearMedal} → ${lamp}`);
  }
});

t.test('grade deriver: Tachi\'s vectors, and a fail of 90,000 or more is capped at A', async (t) => {
  const grade = (s: number, clearMedal = 'clearCircle') => rules.derivers.grade({ score: s, clearMedal, judgements: {}, optional: {} }, HURT_EX);
  const cases: [number, string][] = [
    [0, 'E'], [50_000, 'D'], [62_000, 'C'], [72_000, 'B'], [82_000, 'A'], [90_000, 'AA'], [95_000, 'AAA'], [98_000, 'S'],
    [49_999, 'E'], [89_999, 'A'], [97_999, 'AAA'], [100_000, 'S'],
  ];
  for (const [s, g] of cases) t.equal(grade(s), g, `${s} → ${g}`);

  t.equal(grade(90_000, 'failedCircle'), 'A', 'AA capped');
  t.equal(grade(98_500, 'failedStar'), 'A', 'S capped');
  t.equal(grade(89_999, 'failedDiamond'), 'A', 'a fail under 90,000 keeps its own grade');
  t.equal(grade(60_000, 'failedCircle'), 'D');
  t.equal(grade(98_500, 'easyClear'), 'S', 'an easy clear is not a fail');
});

t.test('classPoints: rg-stats PopnClassPoints with the lamp from clearMedal and the chart level', async (t) => {
  const cp = (s: number, clearMedal: string, levelNum: number) =>
    rules.scoreRatings.classPoints({ score: s, clearMedal } as unknown as ScoreData, { ...FIRE_EX, levelNum });
  // rg-stats popn-classpoints.test.ts vectors (to 2 decimal places)
  const vectors: [number, string, number, number][] = [
    [91_134, 'clearCircle', 49, 98.19], [91_134, 'easyClear', 49, 98.19], [91_134, 'fullComboStar', 49, 98.55],
    [91_134, 'failedCircle', 49, 97.63], [89_028, 'clearDiamond', 49, 97.79], [90_480, 'failedStar', 49, 97.51],
    [88_259, 'clearStar', 48, 95.82], [0, 'clearCircle', 48, 0], [49_999, 'clearCircle', 48, 0],
    [100_000, 'perfect', 1, 11.94], [100_000, 'perfect', 50, 102.02], [100_000, 'fullComboCircle', 50, 102.02],
  ];
  for (const [s, medal, level, expected] of vectors) {
    t.ok(Math.abs((cp(s, medal, level) ?? NaN) - expected) < 0.01, `${s} ${medal} on ${level} ≈ ${expected} (got ${cp(s, medal, level)})`);
  }

  // worked by hand: (10,000 × level + score − 50,000 + clear bonus) / 5,440, 0 at or below 50,000
  t.same(h.hydrate(FIRE_EX, score(91_134, 'clearCircle')).calculatedData, { classPoints: (490_000 + 91_134 - 50_000 + 3_000) / 5_440 });
  t.same(h.hydrate(HURT_EX, score(96_512, 'fullComboDiamond')).calculatedData, { classPoints: (380_000 + 96_512 - 50_000 + 5_000) / 5_440 });
  t.same(h.hydrate(HURT_EX, score(92_000, 'failedCircle')).calculatedData, { classPoints: (380_000 + 92_000 - 50_000) / 5_440 });
  t.same(h.hydrate(HURT_HYPER, score(50_000, 'clearCircle')).calculatedData, { classPoints: 0 });
  t.equal(PopnClassPoints.calculate(91_134, 'CLEAR', 49), (490_000 + 91_134 - 50_000 + 3_000) / 5_440, 'the same number straight from rg-stats');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(
    HURT_EX,
    score(84_020, 'clearCircle', { judgements: { cool: 500, great: 200, good: 30, bad: 25 }, optional: { gauge: 80.5, maxCombo: 300 } }),
  );
  t.same(s.scoreData, {
    score: 84_020,
    clearMedal: 'clearCircle',
    lamp: 'CLEAR',
    grade: 'A',
    judgements: { cool: 500, great: 200, good: 30, bad: 25 },
    optional: { gauge: 80.5, maxCombo: 300, enumIndexes: {} },
    enumIndexes: { clearMedal: 4, lamp: 2, grade: 4 },
  });
  t.equal(s.game, 'popn');
  t.equal(s.playtype, '9B');
  t.equal(s.songID, 1);
});

t.test('session classPoints: mean of the best 10, null with fewer than 10', async (t) => {
  const scores = [98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 1, 2].map((classPoints) => ({ calculatedData: { classPoints } }));
  t.same(sessionRatings(definition, scores), { classPoints: (98 + 97 + 96 + 95 + 94 + 93 + 92 + 91 + 90 + 89) / 10 });
  t.same(sessionRatings(definition, scores.slice(0, 9)), { classPoints: null });
});

t.test('profile naiveClassPoints: the best 20 primary class points over 20; class from it', async (t) => {
  const pbs = [...Array.from({ length: 20 }, () => h.pbWith({ classPoints: 92 })), h.pbWith({ classPoints: 1 }), h.pbWith({ classPoints: 200 }, { isPrimary: false })];
  const ratings = profileRatings(definition, pbs, h.charts);
  t.same(ratings, { naiveClassPoints: 92 });
  t.equal(rules.classDerivers.class(ratings), 'GOD');
  // fewer than 20 still divide by 20
  t.same(profileRatings(definition, [h.pbWith({ classPoints: 98 }), h.pbWith({ classPoints: 97 }), h.pbWith({ classPoints: null })], h.charts), {
    naiveClassPoints: (98 + 97) / 20,
  });
  t.equal(rules.classDerivers.class({ naiveClassPoints: (98 + 97) / 20 }), 'KITTY');
  t.same(profileRatings(definition, [], h.charts), { naiveClassPoints: null });
});

t.test('class deriver: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'KITTY'], [20.99, 'KITTY'], [21, 'STUDENT'], [34, 'DELINQUENT'], [46, 'DETECTIVE'], [59, 'IDOL'],
    [68, 'GENERAL'], [79, 'HERMIT'], [90.99, 'HERMIT'], [91, 'GOD'], [100, 'GOD'],
  ];
  for (const [naiveClassPoints, cls] of cases) t.equal(rules.classDerivers.class({ naiveClassPoints }), cls, `${naiveClassPoints} → ${cls}`);
  t.same(config.classes.class.values, ['KITTY', 'STUDENT', 'DELINQUENT', 'DETECTIVE', 'IDOL', 'GENERAL', 'HERMIT', 'GOD']);
  t.equal(config.classes.class.type, 'DERIVED');
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const checks = (t: Test) => ({
    bad: (s: Record<string, unknown>, message: string) => failure(t, () => h.hydrate(HURT_EX, s), 'InvalidDatapoint', oneError(message)),
    ok: (s: Record<string, unknown>) => t.ok(h.hydrate(HURT_EX, s), JSON.stringify(s)),
  });

  t.test('lamps and judgements', async (t) => {
    const { bad, ok } = checks(t);
    bad(score(99_000, 'perfect', { judgements: { good: 1 } }), 'Cannot have a PERFECT lamp with any bads or goods.');
    bad(score(99_000, 'perfect', { judgements: { bad: 1 } }), 'Cannot have a PERFECT lamp with any bads or goods.');
    bad(score(97_000, 'fullComboStar', { judgements: { bad: 2 } }), 'Cannot have a FULL COMBO lamp with any bads.');
    ok(score(100_000, 'perfect', { judgements: { cool: 800, great: 0, good: 0, bad: 0 } }));
    ok(score(99_000, 'perfect', { judgements: { good: null, bad: null } }));
    ok(score(97_000, 'fullComboStar', { judgements: { good: 3 } }));
  });

  t.test('medals: goods for full combos, bads for clears, only when both are sent', async (t) => {
    const { bad, ok } = checks(t);
    const j = (good: number, bad: number) => ({ judgements: { good, bad } });
    bad(score(97_000, 'fullComboStar', j(0, 0)), 'Must have between 1-5 goods for a full combo star.');
    bad(score(97_000, 'fullComboStar', j(6, 0)), 'Must have between 1-5 goods for a full combo star.');
    bad(score(95_000, 'fullComboDiamond', j(5, 0)), 'Must have between 6-20 goods for a full combo diamond.');
    bad(score(95_000, 'fullComboDiamond', j(21, 0)), 'Must have between 6-20 goods for a full combo diamond.');
    bad(score(93_000, 'fullComboCircle', j(20, 0)), 'Must have >21 goods for a full combo circle.');
    bad(score(93_000, 'clearStar', j(10, 0)), 'Must have between 1-5 bads for a clear star.');
    bad(score(93_000, 'clearStar', j(10, 6)), 'Must have between 1-5 bads for a clear star.');
    bad(score(90_000, 'clearDiamond', j(10, 5)), 'Must have between 6-20 bads for a clear diamond.');
    bad(score(90_000, 'clearDiamond', j(10, 21)), 'Must have between 6-20 bads for a clear diamond.');
    bad(score(85_000, 'clearCircle', j(10, 20)), 'Must have between >21 bads for a clear circle.');
    for (const [medal, good, b] of [
      ['fullComboStar', 1, 0], ['fullComboStar', 5, 0], ['fullComboDiamond', 6, 0], ['fullComboDiamond', 20, 0], ['fullComboCircle', 21, 0],
      ['clearStar', 0, 1], ['clearStar', 0, 5], ['clearDiamond', 0, 6], ['clearDiamond', 0, 20], ['clearCircle', 0, 21],
      ['failedCircle', 0, 0], ['failedStar', 0, 100], ['easyClear', 0, 0],
    ] as const) {
      ok(score(90_000, medal, j(good, b)));
    }
    ok(score(93_000, 'fullComboCircle', { judgements: { good: 3 } }));
    ok(score(93_000, 'clearCircle', { judgements: { bad: 3 } }));
  });

  t.test('metric bounds', async (t) => {
    const { bad } = checks(t);
    bad(score(100_001, 'perfect'), 'Invalid value for score, Expected a number between 0 and 100000. Got 100001.');
    failure(t, () => h.hydrate(HURT_EX, score(-1, 'failedCircle')), 'InvalidDatapoint',
      'Got 2 errors when validating score:\nInvalid value for score, Expected a number between 0 and 100000. Got -1.\nInvalid value for grade, got undefined, but expected any of E, D, C, B, A, AA, AAA, S.');
    bad(score(90_000, 'clearCircle', { optional: { gauge: 100.5 } }), 'Invalid value for gauge, Expected a number between 0 and 100. Got 100.5.');
    bad(score(90_000, 'clearCircle', { optional: { maxCombo: -1 } }), 'Invalid value for maxCombo, Expected a positive integer. Got -1.');
    failure(t, () => h.hydrate(HURT_EX, score(90_000, 'cleared')), 'InvalidDatapoint',
      'Got 2 errors when validating score:\nInvalid value for clearMedal, got cleared, but expected any of failedCircle, failedDiamond, failedStar, easyClear, clearCircle, clearDiamond, clearStar, fullComboCircle, fullComboDiamond, fullComboStar, perfect.\nInvalid value for lamp, got undefined, but expected any of FAILED, EASY CLEAR, CLEAR, FULL COMBO, PERFECT.');
    failure(t, () => h.hydrate(HURT_EX, score(99_000, 'perfect', { judgements: { good: 2 }, optional: { gauge: 101 } })), 'InvalidDatapoint',
      'Got 2 errors when validating score:\nInvalid value for gauge, Expected a number between 0 and 100. Got 101.\nCannot have a PERFECT lamp with any bads or goods.');
  });
});

t.test('BATCH-MANUAL: provided metrics and scoreMeta are checked while parsing', async (t) => {
  const file = (s: Record<string, unknown>) => ({ meta: { game: 'popn', playtype: '9B', service: 'SilentHook' }, scores: [{ matchType: 'inGameID', identifier: '0', difficulty: 'EX', ...s }] });
  const parsed = parseBatchManual(file({ score: 91_000, clearMedal: 'clearStar', scoreMeta: { hiSpeed: 3.5, hidden: null, sudden: 120, random: 'S-RANDOM', gauge: 'HARD' } }));
  t.same(parsed.datapoints[0].scoreMeta, { hiSpeed: 3.5, hidden: null, sudden: 120, random: 'S-RANDOM', gauge: 'HARD' });
  t.throws(() => parseBatchManual(file({ score: 100_001, clearMedal: 'perfect' })), {
    message: 'Invalid BATCH-MANUAL: scores[0].score | Expected a number between 0 and 100000. | Received 100001 [type: number].',
  });
  t.throws(() => parseBatchManual(file({ score: 90_000, clearMedal: 'CLEAR' })), {
    message: 'Invalid BATCH-MANUAL: scores[0].clearMedal | Expected any of failedCircle, failedDiamond, failedStar, easyClear, clearCircle, clearDiamond, clearStar, fullComboCircle, fullComboDiamond, fullComboStar, perfect. | Received CLEAR [type: string].',
  });
  t.throws(() => parseBatchManual(file({ score: 90_000, clearMedal: 'clearStar', lamp: 'CLEAR' })), ImportFatalError, 'lamp is derived, never sent');
  let message = '';
  try {
    parseBatchManual(file({ score: 90_000, clearMedal: 'clearStar', scoreMeta: { random: 'R-RANDOM' } }));
  } catch (err) {
    message = (err as Error).message;
  }
  t.match(message, /^Invalid BATCH-MANUAL: scores\[0\]\.scoreMeta \| \[/);
  t.match(message, /Invalid enum value\. Expected 'MIRROR' \| 'NONRAN' \| 'RANDOM' \| 'S-RANDOM', received 'R-RANDOM'/);
  t.throws(() => parseBatchManual({ ...file({ score: 1, clearMedal: 'perfect' }), classes: { class: 'GOD' } }), ImportFatalError, 'class is derived');
});

t.test('match types', async (t) => {
  const bm = (s: Record<string, unknown>, version: string | null = null) => h.fromBatch({ score: 90_000, clearMedal: 'clearCircle', ...s }, { version });

  t.test('inGameID', async (t) => {
    t.equal(bm({ matchType: 'inGameID', identifier: '0', difficulty: 'EX' }).chart.chartID, HURT_EX.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '0', difficulty: 'Hyper' }).chart.chartID, HURT_HYPER.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '25', difficulty: 'EX' }, 'unilab').chart.chartID, FIRE_EX.chartID);
    failure(t, () => bm({ matchType: 'inGameID', identifier: '999999', difficulty: 'EX' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 999999 (9B).');
    failure(t, () => bm({ matchType: 'inGameID', identifier: '0', difficulty: 'HYPER' }), 'InvalidDatapoint',
      'Invalid Difficulty for popn 9B - Expected any of Easy, Normal, Hyper, EX (Got HYPER)');
    failure(t, () => bm({ matchType: 'inGameID', identifier: '0', difficulty: 'EX' }, 'lapistoria'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 0 (9B).');
  });

  t.test('popnChartHash: a chart\'s SHA-256, either of its hashes when it has two', async (t) => {
    const hash = (identifier: string) => bm({ matchType: 'popnChartHash', identifier });
    t.equal(hash('83287260cb32c5c54b06b76967ba8620dd3735063959d9fbaf2cffc0dba8a049').chart.chartID, HURT_EX.chartID);
    t.equal(hash('f12d961a8723f1dfeda12352965b6f4b80be211b24e6a6f2b7c6e54ba284c21f').chart.chartID, BICYCLE_N.chartID);
    t.equal(hash('e9cde324fed7c71300c03f9d15e7db92b92c13b7d04666860f06a7db27803bf1').chart.chartID, BICYCLE_N.chartID);
    t.equal(hash('e9cde324fed7c71300c03f9d15e7db92b92c13b7d04666860f06a7db27803bf1').song.title, 'BICYCLE');
    t.equal(bm({ matchType: 'popnChartHash', identifier: '83287260cb32c5c54b06b76967ba8620dd3735063959d9fbaf2cffc0dba8a049', difficulty: 'Easy' }).chart.chartID, HURT_EX.chartID, 'the difficulty is not read');
    failure(t, () => hash('0'.repeat(64)), 'SongOrChartNotFound', `Cannot find chart for popnChartHash ${'0'.repeat(64)} (9B).`);
  });

  t.test('tachiSongID', async (t) => {
    t.equal(bm({ matchType: 'tachiSongID', identifier: '1', difficulty: 'EX' }).chart.chartID, HURT_EX.chartID);
    failure(t, () => bm({ matchType: 'tachiSongID', identifier: '99999', difficulty: 'EX' }), 'SongOrChartNotFound', 'Cannot find song with songID 99999.');
    failure(t, () => bm({ matchType: 'tachiSongID', identifier: '1', difficulty: 'EX' }, 'lapistoria'), 'SongOrChartNotFound', 'Cannot find chart for I REALLY WANT TO HURT YOU (9B EX)');
  });

  t.test('unsupported match types', async (t) => {
    for (const matchType of ['songTitle', 'ddrSongHash', 'bmsChartHash', 'sdvxInGameID']) {
      failure(t, () => bm({ matchType, identifier: '1', difficulty: 'EX' }), 'InvalidDatapoint',
        `Cannot use matchType ${matchType} for pop'n music. Expected any of inGameID, tachiSongID, popnChartHash.`);
    }
  });
});

t.test('scoreID: exactly the provided metrics (score, clearMedal)', async (t) => {
  const a = h.fromBatch({ score: 91_134, clearMedal: 'clearStar', matchType: 'inGameID', identifier: '25', difficulty: 'EX' });
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${FIRE_EX.chartID}","clearMedal":"clearStar","score":91134,"userID":1}`));
  const b = h.fromBatch({
    score: 91_134, clearMedal: 'clearStar', matchType: 'popnChartHash', identifier: FIRE_EX.data.hashSHA256 as string,
    timeAchieved: 1_700_000_000_000, judgements: { cool: 700, great: 100, good: 20, bad: 3 }, optional: { gauge: 90, fast: 10 },
    scoreMeta: { random: 'MIRROR' },
  });
  t.equal(b.scoreID, a.scoreID, 'judgements, optional metrics, scoreMeta and timestamps are not part of it');
  t.not(h.fromBatch({ score: 91_134, clearMedal: 'clearDiamond', matchType: 'inGameID', identifier: '25', difficulty: 'EX' }).scoreID, a.scoreID);
});

t.test('PB: Best Score base, Best Clear merges the clear medal and the lamp (Tachi\'s popn.test)', async (t) => {
  const base = h.hydrate(HURT_EX, score(84_020, 'clearCircle'), { scoreID: 'T-base', timeAchieved: 1000 });
  const clear = h.hydrate(HURT_EX, score(60_000, 'perfect'), { scoreID: 'T-clear', timeAchieved: 2000, validators: false });
  const pb = buildPB(definition, HURT_EX, [base, clear]);
  t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }, { name: 'Best Clear', scoreID: 'T-clear' }]);
  t.same(pb?.scoreData, {
    score: 84_020, clearMedal: 'perfect', lamp: 'PERFECT', grade: 'A',
    judgements: {}, optional: { enumIndexes: {} }, enumIndexes: { clearMedal: 10, lamp: 4, grade: 4 },
  });
  t.same(pb?.calculatedData, { classPoints: (380_000 + 84_020 - 50_000 + 5_000) / 5_440 }, 'class points from the merged lamp');
  t.equal(pb?.timeAchieved, 2000);

  // a failed best score keeps its capped grade even when a clear is merged in (Tachi's merge copies clearMedal and lamp only)
  const failedBest = h.hydrate(HURT_EX, score(96_000, 'failedCircle'), { scoreID: 'T-fail', timeAchieved: 3000 });
  const easy = h.hydrate(HURT_EX, score(80_000, 'easyClear'), { scoreID: 'T-easy', timeAchieved: 4000 });
  const capped = buildPB(definition, HURT_EX, [failedBest, easy]);
  t.same([capped?.scoreData.score, capped?.scoreData.clearMedal, capped?.scoreData.lamp, capped?.scoreData.grade], [96_000, 'easyClear', 'EASY CLEAR', 'A']);
  t.same(capped?.calculatedData, { classPoints: (380_000 + 96_000 - 50_000 + 3_000) / 5_440 });

  t.same(buildPB(definition, HURT_EX, [clear, base])?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }, { name: 'Best Clear', scoreID: 'T-clear' }]);
  t.same(buildPB(definition, HURT_EX, [base])?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }], 'the base\'s own medal adds nothing');
});
