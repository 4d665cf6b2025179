/**
 * O.N.G.E.K.I. rules against the bundled seeds: grade, platinum stars (from the chart's
 * maxPlatScore), the three score ratings (rg-stats ONGEKIRating calculate / calculateRefresh /
 * calculatePlatinum; unranked charts rate 0), the session ratings, naiveRating and
 * naiveRatingRefresh (Tachi's ongeki.test.ts vectors), colour, validators (through hydrateScore),
 * match types, scoreIDs (damage and bellCount are part of them), PB merges and the ranking order.
 */
import t from 'tap';
import { ONGEKIRating } from 'rg-stats';
import type { ChartDocument } from '../../src/games/types.ts';
import { ongeki, isUnranked, platinumStars } from '../../src/games/ongeki/index.ts';
import { buildPB, profileRatings, rankChart, sessionRatings } from '../../src/rules.ts';
import { failure, harness, tachiScoreID } from './helpers.ts';

const h = harness(ongeki);
const { rules, config } = h.definition;

/** song 19 "天ノ弱" MASTER 11.9, inGameID 49, maxPlatScore 1874 */
const AMANO_MASTER = h.chart('528fae5e9de2593ee6f443d7ae2f8310e5ee2972');
/** song 108 "Opfer" MASTER 15.0, inGameID 97, maxPlatScore 3648 */
const OPFER_MASTER = h.chart('0de1ccf53165e5cafd1c807a5983fae2a4b43d22');
/** song 390 "STARTLINER -星咲 あかりソロver.-" EXPERT 8.7, inGameID 7001 (unranked by ID), maxPlatScore 1664 */
const STARTLINER_EXP = h.chart('1a3069061d205d887fa133bec48ba1c7141c263e');
/** song 26 LUNATIC, level 0 (unranked by level), inGameID 8113, maxPlatScore 1568 */
const LUNATIC_L0 = h.chart('82af4b500fa87a1bcaf1d7ee19cb7f205a215532');
/** song 1 "君の知らない物語" ADVANCED, inGameID 30: only in the Omnimix versions */
const KIMI_ADV = h.chart('a04480bc4c330e257ece8133adab4f82b1681e1e');

/** Tachi's TestingOngekiChart (level 10.5, maxPlatScore 1000) on a real chart's shape */
const TESTING_CHART: ChartDocument = { ...AMANO_MASTER, levelNum: 10.5, level: '10', data: { ...AMANO_MASTER.data, maxPlatScore: 1000, inGameID: 2137 } };

const score = (s: number, noteLamp: string, bellLamp: string, platinumScore: number, extra: Record<string, unknown> = {}) => ({
  score: s,
  noteLamp,
  bellLamp,
  platinumScore,
  ...extra,
});

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([AMANO_MASTER.levelNum, AMANO_MASTER.data.inGameID, AMANO_MASTER.data.maxPlatScore], [11.9, 49, 1874]);
  t.same([OPFER_MASTER.levelNum, OPFER_MASTER.data.maxPlatScore], [15, 3648]);
  t.same([STARTLINER_EXP.levelNum, STARTLINER_EXP.data.inGameID], [8.7, 7001]);
  t.same([LUNATIC_L0.levelNum, LUNATIC_L0.data.inGameID], [0, 8113]);
  t.same(KIMI_ADV.versions, ['brightMemory2Omni', 'brightMemory3Omni', 'refreshOmni']);
  t.equal(h.charts.charts.length, 4516);
});

t.test('grade deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [0, 'D'], [500_000, 'C'], [700_000, 'B'], [750_000, 'BB'], [800_000, 'BBB'], [850_000, 'A'], [900_000, 'AA'],
    [940_000, 'AAA'], [970_000, 'S'], [990_000, 'SS'], [1_000_000, 'SSS'], [1_007_499, 'SSS'], [1_007_500, 'SSS+'], [1_010_000, 'SSS+'],
  ];
  for (const [s, grade] of cases) t.equal(rules.derivers.grade(score(s, 'CLEAR', 'NONE', 0) as never, TESTING_CHART), grade, `${s} → ${grade}`);
});

t.test('platinum stars from the chart\'s maxPlatScore', async (t) => {
  // Tachi's vectors on maxPlatScore 1000
  const cases: [number, number][] = [[0, 0], [939, 0], [940, 1], [950, 2], [960, 3], [970, 4], [980, 5], [990, 6], [1000, 6]];
  for (const [plat, stars] of cases) t.equal(rules.derivers.platinumStars(score(1_000_000, 'CLEAR', 'NONE', plat) as never, TESTING_CHART), stars, `${plat}/1000 → ${stars}`);
  // 天ノ弱 MASTER (1874): 94% is 1761.56, so 1761 has no star and 1762 one; 99% is 1855.26
  t.equal(platinumStars(1761, 1874), 0);
  t.equal(platinumStars(1762, 1874), 1);
  t.equal(platinumStars(1855, 1874), 5);
  t.equal(platinumStars(1856, 1874), 6);
  t.equal(h.hydrate(AMANO_MASTER, score(1_003_000, 'FULL COMBO', 'FULL BELL', 1800)).scoreData.platinumStars, 3, 'floor(96.05) − 93');
});

t.test('unranked charts: in-game IDs 7000–7999 or level 0', async (t) => {
  t.equal(isUnranked(AMANO_MASTER), false);
  t.equal(isUnranked(STARTLINER_EXP), true);
  t.equal(isUnranked(LUNATIC_L0), true);
  t.equal(isUnranked({ ...AMANO_MASTER, data: { ...AMANO_MASTER.data, inGameID: 6999 } }), false);
  t.equal(isUnranked({ ...AMANO_MASTER, data: { ...AMANO_MASTER.data, inGameID: 8000 } }), false);
  t.same(h.hydrate(STARTLINER_EXP, score(1_005_000, 'ALL BREAK', 'FULL BELL', 1664)).calculatedData, { rating: 0, scoreRating: 0, starRating: 0 });
  t.same(h.hydrate(LUNATIC_L0, score(990_000, 'CLEAR', 'NONE', 1500)).calculatedData, { rating: 0, scoreRating: 0, starRating: 0 });
});

t.test('score ratings: rg-stats ONGEKIRating, Tachi\'s vectors and hand-worked values', async (t) => {
  // Tachi's ongeki.test: 1,001,500 CLEAR FULL BELL, platinum 970/1000 (4 stars) on level 10.5
  const tachi = h.hydrate(TESTING_CHART, score(1_001_500, 'CLEAR', 'FULL BELL', 970, { optional: { bellCount: 100 } }));
  t.same(tachi.calculatedData, { rating: 12.1, scoreRating: 12.1, starRating: Math.floor(4 * (10.5 * 10) ** 2) / 100000.0 });
  t.same(tachi.scoreData.platinumStars, 4);

  // 天ノ弱 MASTER 11.9, 1,003,000 FULL COMBO FULL BELL, platinum 1800 (3 stars):
  //   rating      = (1190 + 150 + floor(3000 / 150)) / 100 = 13.6
  //   scoreRating = (11900 + 1250 + trunc(500 × 3000 / 7500) + 200 + 50 (bell) + 100 (FC)) / 1000 = 13.7
  //   starRating  = floor(3 × 11.9²) / 1000 = floor(424.83) / 1000 = 0.424
  t.same(h.hydrate(AMANO_MASTER, score(1_003_000, 'FULL COMBO', 'FULL BELL', 1800)).calculatedData, { rating: 13.6, scoreRating: 13.7, starRating: 0.424 });

  // Opfer MASTER 15, 1,010,000 ALL BREAK+ FULL BELL, platinum 3648/3648 (6 stars, rated as 5):
  //   rating = (1500 + 200) / 100 = 17; scoreRating = (15000 + 1750 + 250 + 300 + 50 + 350) / 1000 = 17.7
  //   starRating = floor(5 × 15²) / 1000 = 1.125
  t.same(h.hydrate(OPFER_MASTER, score(1_010_000, 'ALL BREAK+', 'FULL BELL', 3648)).calculatedData, { rating: 17, scoreRating: 17.7, starRating: 1.125 });

  // a LOSS below 800,000: classic 0, Re:Fresh 0
  t.same(h.hydrate(AMANO_MASTER, score(799_999, 'LOSS', 'NONE', 10)).calculatedData, { rating: 0, scoreRating: 0, starRating: 0 });

  // the same numbers straight from rg-stats
  t.equal(ONGEKIRating.calculate(1_003_000, 11.9), 13.6);
  t.equal(ONGEKIRating.calculateRefresh(11.9, 1_003_000, 'FULL COMBO', true), 13.7);
  t.equal(ONGEKIRating.calculatePlatinum(11.9, 3), 0.424);
});

t.test('rg-stats\' refresh vectors through the rules', async (t) => {
  const refresh = (level: number, s: number, noteLamp: string, fullBell: boolean) =>
    rules.scoreRatings.scoreRating(score(s, noteLamp, fullBell ? 'FULL BELL' : 'NONE', 0) as never, { ...TESTING_CHART, levelNum: level });
  const LEVEL = 12.5;
  t.equal(refresh(LEVEL, 1_010_000, 'ALL BREAK+', true), LEVEL + 2.7);
  t.equal(refresh(LEVEL, 970_000, 'CLEAR', false), LEVEL);
  t.equal(refresh(LEVEL, 970_000, 'FULL COMBO', true), LEVEL + 0.15);
  t.equal(refresh(LEVEL, 952_510, 'LOSS', false), LEVEL - 1);
  t.equal(refresh(LEVEL, 952_490, 'LOSS', false), LEVEL - 1.001);
  t.equal(refresh(LEVEL, 900_000, 'LOSS', false), LEVEL - 4);
  t.equal(refresh(LEVEL, 800_000, 'CLEAR', true), LEVEL - 6 + 0.05);
  const classic = (s: number) => rules.scoreRatings.rating(score(s, 'CLEAR', 'NONE', 0) as never, { ...TESTING_CHART, levelNum: LEVEL });
  t.equal(classic(1_007_500), LEVEL + 2);
  t.equal(classic(987_000), 13.35);
  t.equal(classic(950_000), 11.35);
  t.equal(classic(800_000), LEVEL - 6);
});

t.test('session ratings: mean of the best 10 of each', async (t) => {
  const scores = Array.from({ length: 11 }, (_, i) => ({ calculatedData: { rating: 10 + i, scoreRating: 20 + i, starRating: i === 0 ? null : 0.5 } }));
  t.same(sessionRatings(h.definition, scores), {
    naiveRating: (20 + 19 + 18 + 17 + 16 + 15 + 14 + 13 + 12 + 11) / 10,
    naiveScoreRating: (30 + 29 + 28 + 27 + 26 + 25 + 24 + 23 + 22 + 21) / 10,
    starRating: 0.5,
  });
  t.same(sessionRatings(h.definition, scores.slice(0, 10)), {
    naiveRating: (19 + 18 + 17 + 16 + 15 + 14 + 13 + 12 + 11 + 10) / 10,
    naiveScoreRating: (29 + 28 + 27 + 26 + 25 + 24 + 23 + 22 + 21 + 20) / 10,
    starRating: null,
  }, 'nine starRatings are not enough');
});

t.test('profile ratings: Tachi\'s ongeki.test vectors', async (t) => {
  // Tachi's mockPBs: each PB carries one rating, the other two are 0
  const mock = (ratings: number[], field: 'rating' | 'scoreRating' | 'starRating') =>
    ratings.map((v) => h.pbWith({ rating: 0, scoreRating: 0, starRating: 0, [field]: v }));
  const calc = (pbs: ReturnType<typeof mock>) => profileRatings(h.definition, pbs, h.charts);

  t.test('floating-point edge case', async (t) => {
    const pbs = [...mock(Array(45).fill(16.27), 'rating'), ...mock(Array(60).fill(16.271), 'scoreRating')];
    t.same(calc(pbs), { naiveRating: 16.27, naiveRatingRefresh: 19.525 });
    t.same(calc([...pbs, ...mock([1, 1, 0, 0], 'starRating')]).naiveRatingRefresh, 19.565);
  });

  t.test('few scores #1', async (t) => {
    const pbs = [...mock([16, 16, 16, 16], 'rating'), ...mock([16, 16, 16, 16], 'scoreRating')];
    t.same(calc(pbs), { naiveRating: 1.42, naiveRatingRefresh: 1.279 });
    t.same(calc([...pbs, ...mock([1, 1, 0, 0], 'starRating')]).naiveRatingRefresh, 1.319);
  });

  t.test('few scores #2', async (t) => {
    t.same(calc(mock([1, 1, 0, 0], 'starRating')).naiveRatingRefresh, 0.04);
  });

  t.test('no PBs: naiveRating null, naiveRatingRefresh 0 (Tachi counts a missing part as 0)', async (t) => {
    t.same(calc([]), { naiveRating: null, naiveRatingRefresh: 0 });
    t.equal(rules.classDerivers.colour(calc([])), 'BLUE');
  });

  t.test('non-primary PBs are left out', async (t) => {
    t.same(calc([h.pbWith({ rating: 17, scoreRating: 17.7, starRating: 1.125 }, { isPrimary: false })]), { naiveRating: null, naiveRatingRefresh: 0 });
  });
});

t.test('colour deriver: from naiveRatingRefresh (Tachi\'s vectors)', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'BLUE'], [3.999, 'BLUE'], [4, 'GREEN'], [7, 'ORANGE'], [9, 'RED'], [11, 'PURPLE'], [13, 'COPPER'], [15, 'SILVER'],
    [17, 'GOLD'], [18, 'PLATINUM'], [19, 'RAINBOW'], [20, 'RAINBOW_SHINY'], [21, 'RAINBOW_EX'],
  ];
  for (const [v, colour] of cases) t.equal(rules.classDerivers.colour({ naiveRatingRefresh: v, naiveRating: 99 }), colour, `${v} → ${colour}`);
  t.same(Object.keys(config.classes), ['colour'], 'no provided classes');
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const bad = (chart: ChartDocument, s: Record<string, unknown>, ...messages: string[]) =>
    failure(t, () => h.hydrate(chart, s), 'InvalidDatapoint', `Got ${messages.length} ${messages.length === 1 ? 'error' : 'errors'} when validating score:\n${messages.join('\n')}`);

  bad(AMANO_MASTER, score(1_010_000, 'ALL BREAK+', 'FULL BELL', 1874, { judgements: { hit: 1 } }), 'Cannot have an ALL BREAK+ if not all hits were critical break or better.');
  bad(AMANO_MASTER, score(1_010_000, 'ALL BREAK+', 'FULL BELL', 1874, { judgements: { break: 1 } }), 'Cannot have an ALL BREAK+ if not all hits were critical break or better.');
  bad(AMANO_MASTER, score(1_009_999, 'ALL BREAK+', 'FULL BELL', 1874), 'Cannot have an ALL BREAK+ if the score is not 1,010,000');
  bad(AMANO_MASTER, score(1_010_000, 'ALL BREAK', 'FULL BELL', 1874), 'Cannot have a perfect score without FBAB+');
  bad(AMANO_MASTER, score(1_010_000, 'ALL BREAK+', 'NONE', 1874), 'Cannot have a perfect score without FBAB+');
  bad(AMANO_MASTER, score(1_008_000, 'ALL BREAK', 'NONE', 1800, { judgements: { hit: 2 } }), 'Cannot have an ALL BREAK if not all hits were break or better.');
  bad(AMANO_MASTER, score(1_000_000, 'FULL COMBO', 'NONE', 1700, { judgements: { miss: 1 } }), 'Cannot have a FULL COMBO if the score has misses.');
  bad(AMANO_MASTER, score(900_000, 'LOSS', 'FULL BELL', 1000), 'Cannot have a LOSS with a FULL BELL.');
  // over the chart's maximum: the metric's chart check and the cross-metric check both say so
  bad(AMANO_MASTER, score(1_000_000, 'CLEAR', 'NONE', 1875),
    'Invalid value for platinumScore, Platinum Score must not exceed the chart\'s maximum Platinum Score. Got 1875/1874 Got 1875.',
    'Cannot have 1875/1874 Platinum Score.');
  bad(AMANO_MASTER, score(1_000_000, 'CLEAR', 'NONE', -1), 'Invalid value for platinumScore, Platinum Score must be non-negative. Got -1 Got -1.');
  bad(AMANO_MASTER, score(1_000_000, 'CLEAR', 'NONE', 1000, { optional: { damage: -1, bellCount: -2, totalBellCount: -3 } }),
    'Invalid value for damage, Damage must be non-negative. Got -1 Got -1.',
    'Invalid value for bellCount, Bell Count must be non-negative. Got -2 Got -2.',
    'Invalid value for totalBellCount, Total bell Count must be non-negative. Got -3 Got -3.');
  bad(AMANO_MASTER, score(1_000_000, 'CLEAR', 'NONE', 1000, { optional: { platinumGraph: [0, -5, 1], bellGraph: [null, -10001], lifeGraph: [100, 101] } }),
    'Invalid value for metric platinumGraph, Expected a number between -100000 and 0., got 1.',
    'Invalid value for metric bellGraph, Expected a number between -10000 and 0., got -10001.',
    'Invalid value for metric lifeGraph, Expected a number between 0 and 100., got 101.');
  bad(AMANO_MASTER, score(1_010_001, 'CLEAR', 'NONE', 1000), 'Invalid value for score, Expected a number between 0 and 1010000. Got 1010001.');

  // what the validators accept
  t.equal(h.hydrate(AMANO_MASTER, score(1_010_000, 'ALL BREAK+', 'FULL BELL', 1874, { judgements: { cbreak: 900, break: 0, hit: 0, miss: 0 } })).scoreData.grade, 'SSS+');
  t.equal(h.hydrate(AMANO_MASTER, score(1_009_000, 'ALL BREAK', 'FULL BELL', 1850, { judgements: { break: 3 } })).scoreData.platinumStars, 5);
  t.equal(h.hydrate(AMANO_MASTER, score(990_000, 'FULL COMBO', 'NONE', 1700, { judgements: { hit: 5, miss: 0 }, optional: { damage: 0, bellCount: 80, totalBellCount: 90 } })).scoreData.grade, 'SS');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(AMANO_MASTER, score(1_003_000, 'FULL COMBO', 'FULL BELL', 1800, {
    judgements: { cbreak: 800, break: 20, hit: 3, miss: 0 },
    optional: { bellCount: 120, totalBellCount: 120, damage: 0, maxCombo: 823, scoreGraph: [null, 1_000_000, 1_003_000] },
  }));
  t.same(s.scoreData, {
    score: 1_003_000,
    noteLamp: 'FULL COMBO',
    bellLamp: 'FULL BELL',
    platinumScore: 1800,
    grade: 'SSS',
    platinumStars: 3,
    judgements: { cbreak: 800, break: 20, hit: 3, miss: 0 },
    optional: { bellCount: 120, totalBellCount: 120, damage: 0, maxCombo: 823, scoreGraph: [null, 1_000_000, 1_003_000], enumIndexes: {} },
    enumIndexes: { noteLamp: 2, bellLamp: 1, grade: 10 },
  });
});

t.test('match types: inGameID, songTitle, tachiSongID; versions', async (t) => {
  const bm = (s: Record<string, unknown>, version: string | null = null) => h.fromBatch({ score: 970_000, noteLamp: 'CLEAR', bellLamp: 'NONE', platinumScore: 0, ...s }, { version });
  t.equal(bm({ matchType: 'inGameID', identifier: '49', difficulty: 'MASTER' }).chart.chartID, AMANO_MASTER.chartID);
  t.equal(bm({ matchType: 'inGameID', identifier: '7001', difficulty: 'EXPERT' }, 'refresh').chart.chartID, STARTLINER_EXP.chartID);
  t.equal(bm({ matchType: 'songTitle', identifier: '天ノ弱', difficulty: 'MASTER' }).chart.chartID, AMANO_MASTER.chartID);
  t.equal(bm({ matchType: 'tachiSongID', identifier: '108', difficulty: 'MASTER' }).chart.chartID, OPFER_MASTER.chartID);
  t.equal(bm({ matchType: 'inGameID', identifier: '30', difficulty: 'ADVANCED' }, 'refreshOmni').chart.chartID, KIMI_ADV.chartID);
  failure(t, () => bm({ matchType: 'inGameID', identifier: '30', difficulty: 'ADVANCED' }, 'refresh'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 30 (Single).');
  failure(t, () => bm({ matchType: 'songTitle', identifier: 'Singularity', difficulty: 'MASTER' }), 'AmbiguousTitle',
    'Multiple songs exist with the case-insensitive title Singularity. We cannot resolve this. Please try adding an artist field.');
  t.equal(bm({ matchType: 'songTitle', identifier: 'Singularity', artist: 'technoplanet', difficulty: 'MASTER' }).song.id, 362);
  failure(t, () => bm({ matchType: 'tachiSongID', identifier: '19', difficulty: 'LUNATIC' }), 'SongOrChartNotFound', 'Cannot find chart for 天ノ弱 (Single LUNATIC)');
  failure(t, () => bm({ matchType: 'inGameStrID', identifier: '49', difficulty: 'MASTER' }), 'InvalidDatapoint',
    'Cannot use matchType inGameStrID for O.N.G.E.K.I.. Expected any of songTitle, tachiSongID, inGameID.');
  failure(t, () => bm({ matchType: 'inGameID', identifier: '49', difficulty: 'Master' }), 'InvalidDatapoint',
    'Invalid Difficulty for ongeki Single - Expected any of BASIC, ADVANCED, EXPERT, MASTER, LUNATIC (Got Master)');
});

t.test('scoreID: the provided metrics plus optional damage and bellCount', async (t) => {
  const base = { score: 1_003_000, noteLamp: 'FULL COMBO', bellLamp: 'FULL BELL', platinumScore: 1800, matchType: 'inGameID', identifier: '49', difficulty: 'MASTER' };
  const a = h.fromBatch(base);
  t.equal(
    a.scoreID,
    tachiScoreID(`{"bellLamp":"FULL BELL","chartID":"${AMANO_MASTER.chartID}","noteLamp":"FULL COMBO","optional.bellCount":null,"optional.damage":null,"platinumScore":1800,"score":1003000,"userID":1}`),
  );
  const b = h.fromBatch({ ...base, optional: { damage: 2, bellCount: 118, totalBellCount: 120, maxCombo: 800 } });
  t.equal(
    b.scoreID,
    tachiScoreID(`{"bellLamp":"FULL BELL","chartID":"${AMANO_MASTER.chartID}","noteLamp":"FULL COMBO","optional.bellCount":118,"optional.damage":2,"platinumScore":1800,"score":1003000,"userID":1}`),
  );
  t.equal(h.fromBatch({ ...base, optional: { damage: 2, bellCount: 118, totalBellCount: 1, fast: 9 }, judgements: { miss: 0 } }).scoreID, b.scoreID, 'totalBellCount, fast, judgements are not');
  t.equal(h.fromBatch({ ...base, optional: { damage: null } }).scoreID, a.scoreID, 'null and absent hash alike');
  t.not(h.fromBatch({ ...base, platinumScore: 1801 }).scoreID, a.scoreID);
});

t.test('PB: Best Score, then Best Platinum Score (with stars), Best Note Lamp, Best Bell Lamp', async (t) => {
  const mk = (id: string, s: Record<string, unknown>, time: number) => h.hydrate(TESTING_CHART, s, { scoreID: id, timeAchieved: time, validators: false });
  // Tachi's ongeki.test fixtures: base 1,001,500 CLEAR FULL BELL 970 (4 stars)
  const base = mk('T-base', score(1_001_500, 'CLEAR', 'FULL BELL', 970, { optional: { bellCount: 100 } }), 1000);

  t.test('joins the best note lamp', async (t) => {
    const pb = buildPB(h.definition, TESTING_CHART, [base, mk('bestLamp', score(0, 'FULL COMBO', 'FULL BELL', 970), 2000)]);
    t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }, { name: 'Best Note Lamp', scoreID: 'bestLamp' }]);
    t.match(pb?.scoreData, { score: 1_001_500, noteLamp: 'FULL COMBO', bellLamp: 'FULL BELL', enumIndexes: { noteLamp: 2, bellLamp: 1 } });
    t.equal(pb?.timeAchieved, 2000);
    // an equal platinum score goes to the older score: the base
  });

  t.test('joins the best platinum score and its stars', async (t) => {
    const pb = buildPB(h.definition, TESTING_CHART, [base, mk('bestPlatinum', score(0, 'LOSS', 'NONE', 990), 500)]);
    t.same(pb?.composedFrom, [{ name: 'Best Score', scoreID: 'T-base' }, { name: 'Best Platinum Score', scoreID: 'bestPlatinum' }]);
    t.match(pb?.scoreData, { score: 1_001_500, platinumScore: 990, platinumStars: 6, noteLamp: 'CLEAR', bellLamp: 'FULL BELL' });
    // recomputed from the merged data: 6 stars rated as 5 on level 10.5 → floor(551.25) / 1000
    t.same(pb?.calculatedData, { rating: 12.1, scoreRating: 12.1, starRating: 0.551 });
  });

  t.test('all three merges, in Tachi\'s order', async (t) => {
    const pb = buildPB(h.definition, TESTING_CHART, [
      mk('T-bell', score(900_000, 'CLEAR', 'FULL BELL', 100), 400),
      mk('T-plat', score(950_000, 'CLEAR', 'NONE', 995), 300),
      mk('T-lamp', score(990_000, 'ALL BREAK', 'NONE', 900), 200),
      mk('T-score', score(1_002_000, 'LOSS', 'NONE', 800), 100),
    ]);
    t.same(pb?.composedFrom, [
      { name: 'Best Score', scoreID: 'T-score' },
      { name: 'Best Platinum Score', scoreID: 'T-plat' },
      { name: 'Best Note Lamp', scoreID: 'T-lamp' },
      { name: 'Best Bell Lamp', scoreID: 'T-bell' },
    ]);
    t.match(pb?.scoreData, { score: 1_002_000, grade: 'SSS', platinumScore: 995, platinumStars: 6, noteLamp: 'ALL BREAK', bellLamp: 'FULL BELL' });
    t.equal(pb?.timeAchieved, 400, 'the latest of the scores it is made of');
  });
});

t.test('ranking: technical score, then platinum score (Tachi\'s ongeki.test)', async (t) => {
  const pb = (userID: number, s: number, platinumScore: number, timeAchieved: number | null) => ({ userID, timeAchieved, scoreData: { score: s, platinumScore } });
  t.same(config.rankingMetrics, ['score', 'platinumScore']);

  const tie = rankChart([pb(1, 1_010_000, 1000, 3), pb(2, 1_010_000, 1001, 2), pb(3, 1_010_000, 999, 1)], config.rankingMetrics!);
  t.same([tie.get(1)?.rank, tie.get(2)?.rank, tie.get(3)?.rank], [2, 1, 3], 'equal scores: the higher platinum score first');
  t.equal(tie.get(1)?.outOf, 3);

  const differ = rankChart([pb(1, 1_010_000, 0, 10000), pb(2, 1_009_999, 1001, 10000)], config.rankingMetrics!);
  t.same([differ.get(1)?.rank, differ.get(2)?.rank], [1, 2], 'no tiebreak when the technical scores differ');

  const time = rankChart([pb(1, 1_000_000, 500, null), pb(2, 1_000_000, 500, 20), pb(3, 1_000_000, 500, 10)], config.rankingMetrics!);
  t.same([time.get(3)?.rank, time.get(2)?.rank, time.get(1)?.rank], [1, 2, 3], 'then the oldest timestamp, no timestamp last');
});
