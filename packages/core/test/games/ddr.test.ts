/**
 * DDR rules (SP and DP) against the bundled seeds: grade (E for any fail), flare points (rg-stats
 * DDRFlare, vectors from Tachi's ddr.test and rg-stats' ddr-flare.test.ts), session flare skill,
 * profile flare skill by the songs' flare categories, flare class, validators (score from the
 * judgements and step count, lamps, EX score), match types (inGameID, songTitle, tachiSongID,
 * ddrSongHash) with SP and DP apart, scoreIDs (exScore is part of them) and the PB merges.
 */
import t from 'tap';
import { DDRFlare } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { ddr } from '../../src/games/ddr/index.ts';
import { DDR_FLARE_CLASSES } from '../../src/games/ddr/config.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, harness, oneError, tachiScoreID } from './helpers.ts';

const h = harness(ddr);
const sp = h.definitionOf('SP');
const dp = h.definitionOf('DP');
const { rules } = sp;

/** song 10 "PUT YOUR FAITH IN ME" (CLASSIC), inGameID 10 */
const FAITH_SP_EXP = h.chart('265c61767e4df0ff19c1debe23ac809b1dfdc526'); // 9, 203 steps
const FAITH_SP_BEG = h.chart('077e4fa5c0fd935e74b652d1e84884a408594b54'); // 3
const FAITH_DP_BAS = h.chart('2fc2e0cfdda42addb7840b58be1df1f545310d66'); // 6 (Tachi's TestingDDRSP chartID)
const FAITH_DP_EXP = h.chart('81022b2c857b9f7cc7a6884caba96623317f57ce'); // 8
/** song 41 "MAKE A JAM!" (WHITE), song 37221 "LOVE SHINE (Body Grooverz 2006 mix)" (GOLD), song 37513 "ポリリズム" (NONE, Konaste) */
const JAM_SP_EXP = h.chart('c7803d0f5c5fafcee5a5e119a8dc97f0aa527ef0');
const LOVE_SP_EXP = h.chart('31859cbe9640f1bcf050381b8c5e6c595d5805d0'); // 16
const PORI_SP_EXP = h.chart('4f50c8574d5d4f92476a6ba30d8582b800b7cf77');
/** song 36890 "INNOCENCE OF SILENCE": DP BASIC without a step count */
const INNOCENCE_DP_BAS = h.chart('93ea9cb037d57aafaf5fd06efc657205b8f331e6');
/** a level 19 chart */
const POSSESSION_DP_CHA = h.chart('a9d2bd046c87d8fb2d43082042dc0f259727e64e');

const FAITH_HASH = 'DQlQ1DlPbq900oqdOo8l0d6I1lIOl99l';

const score = (s: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, lamp, ...extra });

/** a full combo-less play of PUT YOUR FAITH IN ME SP EXPERT (203 steps) */
const FAITH_JUDGEMENTS = { MARVELOUS: 180, PERFECT: 15, GREAT: 5, GOOD: 2, MISS: 1, OK: 0 };
// worked by hand: max 5 × 203 = 1015; points 5 × (180 + 15 + 0) + 3 × 5 + 2 = 992;
// (992 × 100,000 − (15 + 5 + 2) × 1015) / 1015 = 99,177,670 / 1015 = 97,711.99… → 97,711 × 10
const FAITH_SCORE = 977_110;
// EX score: 3 × 180 + 3 × 0 + 2 × 15 + 5
const FAITH_EX = 575;

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([FAITH_SP_EXP.playtype, FAITH_SP_EXP.difficulty, FAITH_SP_EXP.levelNum, FAITH_SP_EXP.data], ['SP', 'EXPERT', 9, { inGameID: 10, stepCount: 203 }]);
  t.same([FAITH_DP_BAS.playtype, FAITH_DP_BAS.difficulty, FAITH_DP_BAS.levelNum], ['DP', 'BASIC', 6]);
  t.same(h.songOf(FAITH_SP_EXP).data, { basename: 'puty', ddrSongHash: FAITH_HASH, flareCategory: 'CLASSIC', inGameID: 10 });
  t.same([h.songOf(JAM_SP_EXP).data.flareCategory, h.songOf(LOVE_SP_EXP).data.flareCategory, h.songOf(PORI_SP_EXP).data.flareCategory], ['WHITE', 'GOLD', 'NONE']);
  t.same([LOVE_SP_EXP.levelNum, POSSESSION_DP_CHA.levelNum, INNOCENCE_DP_BAS.data], [16, 19, { inGameID: 36890 }]);
  t.equal(h.charts.charts.length, 10399);
  t.equal(h.charts.songs.length, 1420);
});

t.test('SP and DP: one config and one implementation', async (t) => {
  t.same(ddr.playtypes, ['SP', 'DP']);
  t.same(sp.config, dp.config);
  t.equal(sp.rules, dp.rules);
  t.same(DDR_FLARE_CLASSES.slice(0, 5), ['NONE', 'NONE+', 'NONE++', 'NONE+++', 'MERCURY']);
  t.same(DDR_FLARE_CLASSES.slice(-2), ['SUN+++', 'WORLD']);
  t.equal(DDR_FLARE_CLASSES.length, 41);
});

t.test('grade deriver: Tachi\'s vectors, and E for any failed score', async (t) => {
  const grade = (s: number, lamp = 'CLEAR') => rules.derivers.grade({ score: s, lamp, judgements: {}, optional: {} }, FAITH_SP_EXP);
  const cases: [number, string][] = [
    [990_500, 'AAA'], [950_500, 'AA+'], [900_500, 'AA'], [890_500, 'AA-'], [850_500, 'A+'], [800_500, 'A'], [790_500, 'A-'],
    [750_500, 'B+'], [700_500, 'B'], [690_500, 'B-'], [650_500, 'C+'], [600_500, 'C'], [590_500, 'C-'], [550_500, 'D+'], [500, 'D'],
    [0, 'D'], [1_000_000, 'AAA'], [989_990, 'AA+'],
  ];
  for (const [s, g] of cases) t.equal(grade(s), g, `${s} → ${g}`);
  t.equal(grade(1_000_000, 'FAILED'), 'E');
  t.equal(grade(0, 'FAILED'), 'E');
  t.equal(grade(600_000, 'ASSIST'), 'C', 'only FAILED is capped');
});

t.test('flareSkill: rg-stats DDRFlare on the chart level and flare rank; 0 for a fail', async (t) => {
  const flare = (scoreData: Record<string, unknown>, levelNum: number) =>
    rules.scoreRatings.flareSkill({ optional: {}, ...scoreData } as unknown as ScoreData, { ...FAITH_DP_BAS, levelNum });
  t.equal(flare({ lamp: 'CLEAR', optional: { flare: 'II' } }, 6), 257, 'Tachi\'s ddr.test: level 6 with Flare II');
  t.equal(flare({ lamp: 'FAILED', optional: { flare: 'II' } }, 6), 0, 'Tachi\'s ddr.test: failed');
  // rg-stats ddr-flare.test.ts vectors [level, flare level, points]
  const ranks = ['0', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'EX'];
  const vectors: [number, number, number][] = [[1, 0, 145], [1, 10, 232], [9, 3, 395], [10, 5, 520], [14, 7, 816], [16, 5, 806], [18, 9, 1001], [19, 10, 1064]];
  for (const [level, rank, points] of vectors) t.equal(flare({ lamp: 'CLEAR', optional: { flare: ranks[rank] } }, level), points, `level ${level}, flare ${ranks[rank]}`);
  t.equal(flare({ lamp: 'CLEAR' }, 9), 335, 'no flare is Flare 0');
  t.equal(flare({ lamp: 'CLEAR', optional: { flare: null } }, 9), 335);

  // worked by hand: floor(points at Flare 0 × (100 + 6 × rank) / 100)
  // PUT YOUR FAITH IN ME SP EXPERT (9): 335 × 118 / 100 = 395.3 → 395
  t.same(h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE, 'CLEAR', { optional: { flare: 'III' } })).calculatedData, { flareSkill: 395 });
  // LOVE SHINE SP EXPERT (16), Flare EX: 620 × 160 / 100 = 992
  t.same(h.hydrate(LOVE_SP_EXP, score(900_000, 'GREAT FULL COMBO', { optional: { flare: 'EX' } })).calculatedData, { flareSkill: 992 });
  t.same(h.hydrate(LOVE_SP_EXP, score(900_000, 'FAILED', { optional: { flare: 'EX' } })).calculatedData, { flareSkill: 0 });
  t.equal(DDRFlare.calculate(16, 10), 992, 'the same number straight from rg-stats');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE, 'CLEAR', { judgements: FAITH_JUDGEMENTS, optional: { flare: 'III', exScore: FAITH_EX, maxCombo: 120 } }));
  t.same(s.scoreData, {
    score: FAITH_SCORE,
    lamp: 'CLEAR',
    grade: 'AA+',
    judgements: FAITH_JUDGEMENTS,
    optional: { flare: 'III', exScore: FAITH_EX, maxCombo: 120, enumIndexes: {} },
    enumIndexes: { lamp: 2, grade: 14 },
  });
  t.same(s.calculatedData, { flareSkill: 395 });
  t.equal(s.playtype, 'SP');
});

t.test('session flareSkill: mean of the best 10, null with fewer than 10', async (t) => {
  const scores = [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 1, 2].map((flareSkill) => ({ calculatedData: { flareSkill } }));
  t.same(sessionRatings(dp, scores), { flareSkill: (1000 + 900 + 800 + 700 + 600 + 500 + 400 + 300 + 200 + 100) / 10 });
  t.same(sessionRatings(dp, scores.slice(0, 9)), { flareSkill: null });
});

t.test('profile flareSkill: the best 30 primary PBs of each flare category (CLASSIC, WHITE, GOLD)', async (t) => {
  const classic = Array.from({ length: 35 }, (_, i) => h.pbWith({ flareSkill: i + 1 }, { songID: 10 }));
  const pbs = [
    ...classic,
    h.pbWith({ flareSkill: 500 }, { songID: 41 }),
    h.pbWith({ flareSkill: 400 }, { songID: 41 }),
    h.pbWith({ flareSkill: 1000 }, { songID: 37221 }),
    // none of these count
    h.pbWith({ flareSkill: 2000 }, { songID: 37513 }), // category NONE
    h.pbWith({ flareSkill: 3000 }, { songID: 10, isPrimary: false }),
    h.pbWith({ flareSkill: 5000 }, { songID: 999_999 }), // no such song
    h.pbWith({ flareSkill: null }, { songID: 10 }),
  ];
  // CLASSIC: 35 + 34 + … + 6 = 615; WHITE 900; GOLD 1000
  let classicTop30 = 0;
  for (let p = 35; p >= 6; p--) classicTop30 += p;
  t.equal(classicTop30, 615);
  const ratings = profileRatings(sp, pbs, h.charts);
  t.same(ratings, { flareSkill: 615 + 900 + 1000 });
  t.equal(rules.classDerivers.flare(ratings), 'MERCURY');

  t.same(profileRatings(sp, [h.pbWith({ flareSkill: 2000 }, { songID: 37513 })], h.charts), { flareSkill: 0 }, 'only NONE-category PBs: 0, not null');
  t.same(profileRatings(sp, [h.pbWith({ flareSkill: 5000 }, { songID: 999_999 })], h.charts), { flareSkill: null }, 'no PB with a known song: null');
  t.same(profileRatings(sp, [], h.charts), { flareSkill: null });
});

t.test('flare class deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [1, 'NONE'], [501, 'NONE+'], [1001, 'NONE++'], [1501, 'NONE+++'], [2001, 'MERCURY'], [3001, 'MERCURY+'], [4001, 'MERCURY++'],
    [5001, 'MERCURY+++'], [6001, 'VENUS'], [7001, 'VENUS+'], [8001, 'VENUS++'], [9001, 'VENUS+++'], [10001, 'EARTH'], [11501, 'EARTH+'],
    [13001, 'EARTH++'], [14501, 'EARTH+++'], [16001, 'MARS'], [18001, 'MARS+'], [20001, 'MARS++'], [22001, 'MARS+++'], [24001, 'JUPITER'],
    [26501, 'JUPITER+'], [29001, 'JUPITER++'], [31501, 'JUPITER+++'], [34001, 'SATURN'], [36751, 'SATURN+'], [39501, 'SATURN++'],
    [42251, 'SATURN+++'], [45001, 'URANUS'], [48751, 'URANUS+'], [52501, 'URANUS++'], [56251, 'URANUS+++'], [60001, 'NEPTUNE'],
    [63751, 'NEPTUNE+'], [67501, 'NEPTUNE++'], [71251, 'NEPTUNE+++'], [75001, 'SUN'], [78751, 'SUN+'], [82501, 'SUN++'], [86251, 'SUN+++'],
    [90001, 'WORLD'],
    // the bounds themselves
    [0, 'NONE'], [499, 'NONE'], [500, 'NONE+'], [2000, 'MERCURY'], [89_999, 'SUN+++'], [90_000, 'WORLD'],
  ];
  for (const [flareSkill, cls] of cases) t.equal(rules.classDerivers.flare({ flareSkill }), cls, `${flareSkill} → ${cls}`);
  t.equal(rules.classDerivers.flare({ flareSkill: null }), null);
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const bad = (c: typeof FAITH_SP_EXP, s: Record<string, unknown>, message: string) => failure(t, () => h.hydrate(c, s), 'InvalidDatapoint', oneError(message));

  t.test('the score from the judgements and the chart\'s step count', async (t) => {
    t.ok(h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE, 'CLEAR', { judgements: FAITH_JUDGEMENTS })));
    bad(FAITH_SP_EXP, score(FAITH_SCORE + 10, 'CLEAR', { judgements: FAITH_JUDGEMENTS }), `Expected calculated score from judgements of ${FAITH_SCORE} to equal score of ${FAITH_SCORE + 10}.`);
    // a marvelous full combo of all 203 steps is 1,000,000
    t.ok(h.hydrate(FAITH_SP_EXP, score(1_000_000, 'MARVELOUS FULL COMBO', { judgements: { MARVELOUS: 203, PERFECT: 0, GREAT: 0, GOOD: 0, MISS: 0, OK: 0 } })));
    t.ok(h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE + 10, 'FAILED', { judgements: FAITH_JUDGEMENTS })), 'not checked on a fail');
    t.ok(h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE + 10, 'CLEAR', { judgements: { ...FAITH_JUDGEMENTS, OK: null } })), 'not checked without every judgement');
    t.ok(h.hydrate(INNOCENCE_DP_BAS, score(123_450, 'CLEAR', { judgements: FAITH_JUDGEMENTS })), 'not checked on a chart without a step count');
  });

  t.test('lamps and judgements', async (t) => {
    const j = (MISS: number, GOOD: number, GREAT: number, PERFECT: number) => ({ judgements: { MARVELOUS: 100, PERFECT, GREAT, GOOD, MISS } });
    bad(FAITH_DP_EXP, score(900_000, 'FULL COMBO', j(1, 0, 0, 0)), 'Cannot have a FULL COMBO with more than 0 MISS');
    bad(FAITH_DP_EXP, score(900_000, 'GREAT FULL COMBO', j(0, 1, 0, 0)), 'Cannot have a GREAT FULL COMBO with more than 0 MISS and GOOD');
    bad(FAITH_DP_EXP, score(900_000, 'PERFECT FULL COMBO', j(0, 0, 1, 0)), 'Cannot have a PERFECT FULL COMBO with more than 0 MISS, GOOD and GREAT');
    bad(FAITH_DP_EXP, score(900_000, 'MARVELOUS FULL COMBO', j(0, 0, 0, 1)), 'Cannot have a MARVELOUS FULL COMBO with anyhing else than MARVELOUS judgements');
    t.ok(h.hydrate(FAITH_DP_EXP, score(900_000, 'GREAT FULL COMBO', j(0, 0, 10, 10))));
    t.ok(h.hydrate(FAITH_DP_EXP, score(900_000, 'LIFE4', j(3, 3, 3, 3))));
    t.ok(h.hydrate(FAITH_DP_EXP, score(900_000, 'FULL COMBO', { judgements: { MISS: 5 } })), 'not checked without every judgement');
  });

  t.test('EX score from the judgements', async (t) => {
    // 3 × 100 + 3 × 2 + 2 × 10 + 5 = 331
    bad(FAITH_DP_EXP, score(900_000, 'CLEAR', { judgements: { MARVELOUS: 100, PERFECT: 10, GREAT: 5, OK: 2 }, optional: { exScore: 330 } }), 'EXScore expected to be 331 instead of 330');
    t.ok(h.hydrate(FAITH_DP_EXP, score(900_000, 'CLEAR', { judgements: { MARVELOUS: 100, PERFECT: 10, GREAT: 5, OK: 2 }, optional: { exScore: 331 } })));
    t.ok(h.hydrate(FAITH_DP_EXP, score(900_000, 'CLEAR', { judgements: { MARVELOUS: 100, PERFECT: 10, GREAT: 5 }, optional: { exScore: 1 } })), 'not checked without OK');
  });

  t.test('metric bounds', async (t) => {
    bad(FAITH_SP_EXP, score(1_000_001, 'CLEAR'), 'Invalid value for score, Expected a number between 0 and 1000000. Got 1000001.');
    bad(FAITH_SP_EXP, score(900_000, 'CLEAR', { optional: { exScore: -1 } }), 'Invalid value for exScore, Expected a positive integer. Got -1.');
    bad(FAITH_SP_EXP, score(900_000, 'CLEAR', { optional: { flare: 'X' } }), 'Invalid value for flare, got X, but expected any of 0, I, II, III, IV, V, VI, VII, VIII, IX, EX.');
    failure(t, () => h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE, 'FULL COMBO', { judgements: FAITH_JUDGEMENTS, optional: { exScore: 1 } })), 'InvalidDatapoint',
      'Got 2 errors when validating score:\nCannot have a FULL COMBO with more than 0 MISS\nEXScore expected to be 575 instead of 1');
  });
});

t.test('BATCH-MANUAL: flare is an optional enum, exScore an optional integer', async (t) => {
  const file = (playtype: string, s: Record<string, unknown>) => ({ meta: { game: 'ddr', playtype, service: 'ddr-tests' }, scores: [{ matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'EXPERT', ...s }] });
  t.ok(parseBatchManual(file('SP', { score: 900_000, lamp: 'CLEAR', optional: { flare: 'EX', exScore: 500 } })));
  t.throws(() => parseBatchManual(file('SP', { score: 900_000, lamp: 'CLEAR', optional: { flare: 'XI' } })), {
    message: 'Invalid BATCH-MANUAL: scores[0].optional.flare | Expected any of 0, I, II, III, IV, V, VI, VII, VIII, IX, EX. | Received XI [type: string].',
  });
  t.throws(() => parseBatchManual(file('SP', { score: 900_000, lamp: 'CLEAR', optional: { exScore: 1.5 } })), {
    message: 'Invalid BATCH-MANUAL: scores[0].optional.exScore | Expected an integer. | Received 1.5 [type: number].',
  });
  t.throws(() => parseBatchManual(file('DP', { score: 900_000, lamp: 'AAA' })), {
    message: 'Invalid BATCH-MANUAL: scores[0].lamp | Expected any of FAILED, ASSIST, CLEAR, FULL COMBO, GREAT FULL COMBO, PERFECT FULL COMBO, MARVELOUS FULL COMBO, LIFE4. | Received AAA [type: string].',
  });
  t.throws(() => parseBatchManual(file('Single', { score: 900_000, lamp: 'CLEAR' })), { message: "Invalid playtype 'Single' - expected any of SP, DP." });
});

t.test('match types, SP and DP kept apart', async (t) => {
  const bm = (playtype: string, s: Record<string, unknown>, version: string | null = null) =>
    h.fromBatch({ score: 900_000, lamp: 'CLEAR', ...s }, { playtype, version });

  t.test('ddrSongHash', async (t) => {
    t.equal(bm('SP', { matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'EXPERT' }).chart.chartID, FAITH_SP_EXP.chartID);
    t.equal(bm('DP', { matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'EXPERT' }).chart.chartID, FAITH_DP_EXP.chartID);
    t.equal(bm('SP', { matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'BEGINNER' }, 'world').chart.chartID, FAITH_SP_BEG.chartID);
    failure(t, () => bm('DP', { matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'BEGINNER' }), 'SongOrChartNotFound',
      `Found song with ddrSongHash ${FAITH_HASH} but cannot find chart DP BEGINNER.`);
    failure(t, () => bm('SP', { matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'CHALLENGE' }), 'SongOrChartNotFound',
      `Found song with ddrSongHash ${FAITH_HASH} but cannot find chart SP CHALLENGE.`);
    failure(t, () => bm('SP', { matchType: 'ddrSongHash', identifier: 'nope', difficulty: 'EXPERT' }), 'SongOrChartNotFound', 'Cannot find song with ddrSongHash nope.');
    failure(t, () => bm('SP', { matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'Expert' }), 'InvalidDatapoint',
      'Invalid Difficulty for ddr SP - Expected any of BEGINNER, BASIC, DIFFICULT, EXPERT, CHALLENGE (Got Expert)');
  });

  t.test('inGameID', async (t) => {
    t.equal(bm('SP', { matchType: 'inGameID', identifier: '10', difficulty: 'EXPERT' }).chart.chartID, FAITH_SP_EXP.chartID);
    t.equal(bm('DP', { matchType: 'inGameID', identifier: '10', difficulty: 'BASIC' }).chart.chartID, FAITH_DP_BAS.chartID);
    failure(t, () => bm('DP', { matchType: 'inGameID', identifier: '10', difficulty: 'BEGINNER' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 10 (DP).');
    failure(t, () => bm('SP', { matchType: 'inGameID', identifier: '37513', difficulty: 'EXPERT' }, 'a3'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 37513 (SP).');
    t.equal(bm('SP', { matchType: 'inGameID', identifier: '37513', difficulty: 'EXPERT' }, 'konaste').chart.chartID, PORI_SP_EXP.chartID);
  });

  t.test('songTitle (+ artist) and tachiSongID', async (t) => {
    t.equal(bm('SP', { matchType: 'songTitle', identifier: 'put your faith in me', difficulty: 'EXPERT' }).chart.chartID, FAITH_SP_EXP.chartID);
    failure(t, () => bm('SP', { matchType: 'songTitle', identifier: 'B4U (The Acolyte mix)', difficulty: 'EXPERT' }), 'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title B4U (The Acolyte mix). We cannot resolve this. Please try adding an artist field.');
    t.equal(bm('DP', { matchType: 'tachiSongID', identifier: '10', difficulty: 'EXPERT' }).chart.chartID, FAITH_DP_EXP.chartID);
    failure(t, () => bm('DP', { matchType: 'tachiSongID', identifier: '10', difficulty: 'BEGINNER' }), 'SongOrChartNotFound', 'Cannot find chart for PUT YOUR FAITH IN ME (DP BEGINNER)');
  });

  t.test('unsupported match types', async (t) => {
    failure(t, () => bm('SP', { matchType: 'popnChartHash', identifier: 'x' }), 'InvalidDatapoint',
      'Cannot use matchType popnChartHash for DDR (SP). Expected any of inGameID, songTitle, tachiSongID, ddrSongHash.');
  });
});

t.test('scoreID: score, lamp and optional.exScore (null when absent)', async (t) => {
  const withEx = h.fromBatch({ score: FAITH_SCORE, lamp: 'CLEAR', matchType: 'inGameID', identifier: '10', difficulty: 'EXPERT', optional: { exScore: FAITH_EX, flare: 'III' } }, { playtype: 'SP' });
  t.equal(withEx.scoreID, tachiScoreID(`{"chartID":"${FAITH_SP_EXP.chartID}","lamp":"CLEAR","optional.exScore":575,"score":977110,"userID":1}`));
  const without = h.fromBatch({ score: FAITH_SCORE, lamp: 'CLEAR', matchType: 'inGameID', identifier: '10', difficulty: 'EXPERT' }, { playtype: 'SP' });
  t.equal(without.scoreID, tachiScoreID(`{"chartID":"${FAITH_SP_EXP.chartID}","lamp":"CLEAR","optional.exScore":null,"score":977110,"userID":1}`));
  const flareOnly = h.fromBatch({ score: FAITH_SCORE, lamp: 'CLEAR', matchType: 'ddrSongHash', identifier: FAITH_HASH, difficulty: 'EXPERT', optional: { flare: 'EX' }, judgements: FAITH_JUDGEMENTS }, { playtype: 'SP' });
  t.equal(flareOnly.scoreID, without.scoreID, 'flare and judgements are not part of it');
});

t.test('PB: Best Score base; Best Lamp, Best Score and Best EX Score merged', async (t) => {
  const base = h.hydrate(FAITH_SP_EXP, score(FAITH_SCORE, 'CLEAR', { optional: { exScore: FAITH_EX, flare: 'III' } }), { scoreID: 'T-base', timeAchieved: 1000 });
  const lamp = h.hydrate(FAITH_SP_EXP, score(900_000, 'FULL COMBO', { optional: { exScore: 500 } }), { scoreID: 'T-lamp', timeAchieved: 2000 });
  const ex = h.hydrate(FAITH_SP_EXP, score(800_000, 'FAILED', { optional: { exScore: 600 } }), { scoreID: 'T-ex', timeAchieved: 3000 });
  const pb = buildPB(sp, FAITH_SP_EXP, [base, lamp, ex]);
  t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }, { name: 'Best Lamp', scoreID: 'T-lamp' }, { name: 'Best EX Score', scoreID: 'T-ex' }]);
  t.same(pb?.scoreData, {
    score: FAITH_SCORE, lamp: 'FULL COMBO', grade: 'AA+',
    judgements: {}, optional: { exScore: 600, flare: 'III', enumIndexes: {} }, enumIndexes: { lamp: 3, grade: 14 },
  });
  t.same(pb?.calculatedData, { flareSkill: 395 });
  t.equal(pb?.timeAchieved, 3000);

  // a failed best score keeps its E when a clear is merged in (the lamp merge copies the lamp only), and earns flare points
  const failedBest = h.hydrate(FAITH_SP_EXP, score(990_000, 'FAILED', { optional: { flare: 'EX' } }), { scoreID: 'T-fail', timeAchieved: 4000 });
  const cleared = h.hydrate(FAITH_SP_EXP, score(700_000, 'CLEAR'), { scoreID: 'T-clear', timeAchieved: 5000 });
  t.same(failedBest.calculatedData, { flareSkill: 0 });
  const mixed = buildPB(sp, FAITH_SP_EXP, [failedBest, cleared]);
  t.same([mixed?.scoreData.score, mixed?.scoreData.lamp, mixed?.scoreData.grade], [990_000, 'CLEAR', 'E']);
  // 335 × 160 / 100 = 536
  t.same(mixed?.calculatedData, { flareSkill: 536 });
  t.same(mixed?.composedFrom, [{ name: 'Best Score', scoreID: 'T-fail' }, { name: 'Best Lamp', scoreID: 'T-clear' }]);
});
