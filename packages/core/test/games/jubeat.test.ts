/**
 * jubeat rules against the fixture seeds (Tachi's jubeat charts are not bundled): grade, jubility
 * (rg-stats Jubility, vectors from Tachi's jubeat.test and rg-stats' jubility.test.ts), the
 * profile jubility split into hot (Ave.) and other songs with one PB per song and difficulty
 * family, naiveJubility, colour, musicRate bounds per difficulty, validators, match types
 * (inGameID, array inGameIDs, tachiSongID), scoreIDs and the PB merges.
 */
import t from 'tap';
import { Jubility } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { bestJubilityPBs, jubeat, profileJubility } from '../../src/games/jubeat/index.ts';
import type { ChartDocument, GameDataLookup, SongDocument } from '../../src/games/types.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, fixtureData, harness, oneError, tachiScoreID } from './helpers.ts';

const h = harness(jubeat, { data: fixtureData('jubeat') });
const definition = h.definitionOf('Single');
const { rules, config } = definition;

/** song 1 "bass 2 bass" (jubeat), inGameID 10000036 */
const B2B_ADV = h.chart('b90a319f18d1a746b330b8f4cd6f74874f664421'); // 6 (Tachi's TestingJubeatChart)
const B2B_EXT = h.chart('3ade7cd72a26ee3a5c0faa0178107d4af3710d88'); // 8
const B2B_HARD_ADV = h.chart('3225c4ff9c3c5c7b3b06fa1a9a1e9ceec1299ae7'); // 6
const B2B_HARD_EXT = h.chart('a1e6c803af987dc77bdd1ebeb12efaf2580b329e'); // 8
/** song 2 "天国と地獄", EXT 9.4 */
const TENGOKU_EXT = h.chart('7044df9d2a09c57adeca1aff35bab875806763ed');
const TENGOKU_HARD_EXT = h.chart('541517627d598c9e257c9c9c87c15d8af7b80cda');
/** song 1437 (clan): two inGameIDs */
const YANYA_EXT = h.chart('42fa6343968dcb59a85af22b0b720d8895326c0a');
/** Ave. songs (hot): 1438 "Insanity: Luna", 1443 "Insanity: Sol", 1448 "Explore Every Ave." */
const LUNA_EXT = h.chart('2f3ef7b26dfe1cc684fa08fd3aa53202dd2fa715'); // 10.4
const LUNA_HARD_EXT = h.chart('735e3cc49bf6d0b3bc051e5be76ee09c656b4140'); // 10.4
const SOL_ADV = h.chart('5b6f2546de80df15dd2c4d7b49ee423d6c188708'); // 8
const AVE_EXT = h.chart('2489d12238358ffba8c67213fec893cdff5340d7'); // 9.5

const score = (s: number, musicRate: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, musicRate, lamp, ...extra });

t.test('the fixture charts are what these tests assume', async (t) => {
  t.same([B2B_ADV.difficulty, B2B_ADV.levelNum, B2B_ADV.data.inGameID], ['ADV', 6, 10000036]);
  t.same([B2B_HARD_EXT.difficulty, B2B_HARD_EXT.songID], ['HARD EXT', 1]);
  t.same([TENGOKU_EXT.levelNum, YANYA_EXT.data.inGameID], [9.4, [80000300, 80000301]]);
  t.same([h.songOf(LUNA_EXT).title, h.songOf(LUNA_EXT).data.displayVersion, LUNA_EXT.levelNum], ['Insanity: Luna', 'ave', 10.4]);
  t.same([h.songOf(B2B_EXT).data.displayVersion, h.songOf(YANYA_EXT).data.displayVersion], ['jubeat', 'clan']);
});

t.test('grade deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [0, 'E'], [500_000, 'D'], [700_000, 'C'], [800_000, 'B'], [850_000, 'A'], [900_000, 'S'], [950_000, 'SS'], [980_000, 'SSS'], [1_000_000, 'EXC'],
    [499_999, 'E'], [979_999, 'SS'],
  ];
  for (const [s, g] of cases) t.equal(rules.derivers.grade({ score: s, musicRate: 84.21, lamp: 'CLEAR', judgements: {}, optional: {} }, B2B_ADV), g, `${s} → ${g}`);
});

t.test('jubility: rg-stats Jubility on score, music rate and level', async (t) => {
  const jub = (s: number, musicRate: number, levelNum: number) => rules.scoreRatings.jubility({ score: s, musicRate } as unknown as ScoreData, { ...B2B_ADV, levelNum });
  t.equal(jub(970_000, 84.21, 6), 63.7, 'Tachi\'s jubeat.test: 970,000 at 84.21% on TestingJubeatChart (6)');
  // rg-stats jubility.test.ts vectors (bemaniwiki's table)
  const vectors: [number, number, number][] = [
    [80, 10.9, 110.1], [120, 10.9, 165.1], [100, 10.5, 132.5], [95, 10, 119.9], [100, 9.9, 125], [85, 9.8, 105.1],
    [115, 9.1, 132.1], [100, 8, 101], [80, 7, 70.7], [120, 5, 75.7], [90, 1, 11.3],
  ];
  for (const [rate, level, expected] of vectors) t.equal(jub(700_001, rate, level), expected, `${rate}% on ${level}`);
  t.equal(jub(699_999, 100, 10), 0, 'under 700k is worth nothing');

  // worked by hand: floor(round(level × 10) × 125 × floor(rate × 10) / 99 / 100) / 10
  // 985,000 at 97.3% on Luna EXT (10.4): 104 × 125 × 973 / 99 = 127,767.67… → 127.7
  t.same(h.hydrate(LUNA_EXT, score(985_000, 97.3, 'CLEAR')).calculatedData, { jubility: 127.7 });
  // 1,000,000 at 120% on Luna HARD EXT: 104 × 125 × 1200 / 99 = 157,575.75… → 157.5
  t.same(h.hydrate(LUNA_HARD_EXT, score(1_000_000, 120, 'EXCELLENT')).calculatedData, { jubility: 157.5 });
  t.equal(Jubility.calculate(985_000, 97.3, 10.4), 127.7, 'the same number straight from rg-stats');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(B2B_ADV, score(970_000, 84.21, 'CLEAR', { judgements: { perfect: 300, great: 20, good: 3, poor: 1, miss: 2 }, optional: { musicBar: [3, 3, 2, 1, 0], maxCombo: 200 } }));
  t.same(s.scoreData, {
    score: 970_000,
    musicRate: 84.21,
    lamp: 'CLEAR',
    grade: 'SS',
    judgements: { perfect: 300, great: 20, good: 3, poor: 1, miss: 2 },
    optional: { musicBar: [3, 3, 2, 1, 0], maxCombo: 200, enumIndexes: {} },
    enumIndexes: { lamp: 1, grade: 6 },
  });
  t.same(s.calculatedData, { jubility: 63.7 });
  t.equal(s.game, 'jubeat');
});

t.test('session jubility: mean of the best 10, null with fewer than 10', async (t) => {
  const scores = [150, 140, 130, 120, 110, 100, 90, 80, 70, 60, 1, 2].map((jubility) => ({ calculatedData: { jubility } }));
  t.same(sessionRatings(definition, scores), { jubility: (150 + 140 + 130 + 120 + 110 + 100 + 90 + 80 + 70 + 60) / 10 });
  t.same(sessionRatings(definition, scores.slice(0, 9)), { jubility: null });
});

t.test('profile jubility: best per song and difficulty family, best 30 hot (Ave.) + best 30 other', async (t) => {
  const pbs = [
    // hot: Luna EXT and HARD EXT are one family → 160 only; Sol ADV 90; Ave EXT 100
    h.pbOn(LUNA_EXT, { jubility: 150 }),
    h.pbOn(LUNA_HARD_EXT, { jubility: 160 }),
    h.pbOn(SOL_ADV, { jubility: 90 }),
    h.pbOn(AVE_EXT, { jubility: 100 }),
    // other: b2b EXT 80 / HARD EXT 70 → 80; ADV 60 / HARD ADV 65 → 65; 天国と地獄 EXT 110 / HARD EXT 120 → 120
    h.pbOn(B2B_EXT, { jubility: 80 }),
    h.pbOn(B2B_HARD_EXT, { jubility: 70 }),
    h.pbOn(B2B_ADV, { jubility: 60 }),
    h.pbOn(B2B_HARD_ADV, { jubility: 65 }),
    h.pbOn(TENGOKU_EXT, { jubility: 110 }),
    h.pbOn(TENGOKU_HARD_EXT, { jubility: 120 }, { isPrimary: false }),
    // null jubility counts as 0; a PB on an unknown song is not counted at all
    h.pbOn(YANYA_EXT, { jubility: null }),
    h.pbWith({ jubility: 999 }, { songID: 99_999, chartID: 'nope' }),
  ];
  t.same(bestJubilityPBs(pbs, h.charts, true).map((pb) => pb.calculatedData.jubility), [160, 100, 90]);
  t.same(bestJubilityPBs(pbs, h.charts, false).map((pb) => pb.calculatedData.jubility), [120, 80, 65, null], 'non-primary PBs count (Tachi does not filter them)');
  const ratings = profileRatings(definition, pbs, h.charts);
  t.same(ratings, {
    jubility: (160 + 100 + 90) + (120 + 80 + 65),
    // naive: the best 60 primary jubilities, whatever their song
    naiveJubility: 999 + 160 + 150 + 110 + 100 + 90 + 80 + 70 + 65 + 60,
  });
  t.equal(rules.classDerivers.colour(ratings), 'YELLOW_GREEN');
  t.same(profileRatings(definition, [], h.charts), { jubility: 0, naiveJubility: null }, 'Tachi\'s jubility is 0, never null');

  // 40 hot and 40 other songs: only the best 30 of each count
  const songs = new Map<number, SongDocument>();
  const chartsByID = new Map<string, ChartDocument>();
  const many = [];
  for (let i = 1; i <= 80; i++) {
    songs.set(i, { id: i, title: `s${i}`, artist: '', altTitles: [], searchTerms: [], data: { displayVersion: i <= 40 ? 'ave' : 'festo' } });
    chartsByID.set(`c${i}`, { ...B2B_EXT, chartID: `c${i}`, songID: i });
    many.push(h.pbWith({ jubility: i }, { songID: i, chartID: `c${i}` }));
  }
  const lookup: GameDataLookup = { song: (id) => songs.get(id) ?? null, chart: (id) => chartsByID.get(id) ?? null };
  let expected = 0;
  for (let i = 40; i > 10; i--) expected += i;
  let other = 0;
  for (let i = 80; i > 50; i--) other += i;
  t.equal(profileJubility(many, lookup), 0 + expected + other);
});

t.test('colour deriver: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'BLACK'], [249.9, 'BLACK'], [250, 'YELLOW_GREEN'], [750, 'GREEN'], [1500, 'LIGHT_BLUE'], [2500, 'BLUE'],
    [4000, 'VIOLET'], [5500, 'PURPLE'], [7000, 'PINK'], [8500, 'ORANGE'], [9500, 'GOLD'], [10000, 'GOLD'],
  ];
  for (const [jubility, colour] of cases) t.equal(rules.classDerivers.colour({ jubility }), colour, `${jubility} → ${colour}`);
  t.same(Object.keys(config.classes), ['colour']);
});

t.test('musicRate: 0–100 on normal charts, 0–120 on HARD charts (Tachi\'s chart validator)', async (t) => {
  const v = rules.chartValidators.musicRate;
  t.equal(v(80, B2B_ADV), true);
  t.equal(v(0, B2B_ADV), true);
  t.equal(v(100, B2B_ADV), true);
  t.equal(v(120, B2B_HARD_ADV), true);
  t.equal(v(-1, B2B_ADV), 'Expected a number between 0 and 100.');
  t.equal(v(100.1, B2B_ADV), 'Expected a number between 0 and 100.');
  t.equal(v(120.1, B2B_HARD_ADV), 'Expected a number between 0 and 120.');
  failure(t, () => h.hydrate(B2B_EXT, score(990_000, 100.1, 'FULL COMBO')), 'InvalidDatapoint', oneError('Invalid value for musicRate, Expected a number between 0 and 100. Got 100.1.'));
  failure(t, () => h.hydrate(B2B_HARD_EXT, score(990_000, 120.5, 'FULL COMBO')), 'InvalidDatapoint', oneError('Invalid value for musicRate, Expected a number between 0 and 120. Got 120.5.'));
  t.equal(h.hydrate(B2B_HARD_EXT, score(990_000, 110.2, 'FULL COMBO')).scoreData.musicRate, 110.2);
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const bad = (s: Record<string, unknown>, message: string) => failure(t, () => h.hydrate(B2B_EXT, s), 'InvalidDatapoint', oneError(message));
  bad(score(999_999, 99, 'EXCELLENT'), 'An EXCELLENT lamp must be accompanied with a score of 1 million.');
  bad(score(1_000_000, 100, 'FULL COMBO'), 'A score of 1 million must be accompanied with an EXCELLENT lamp.');
  bad(score(1_000_000, 100, 'EXCELLENT', { judgements: { great: 1 } }), "An EXCELLENT lamp can't have any non-perfect judgements.");
  bad(score(1_000_000, 100, 'EXCELLENT', { judgements: { poor: 1 } }), "An EXCELLENT lamp can't have any non-perfect judgements.");
  bad(score(950_000, 90, 'FULL COMBO', { judgements: { miss: 1 } }), 'A FULL COMBO cannot have any misses.');
  bad(score(699_999, 30, 'CLEAR'), 'A score of <700k must be a fail.');
  bad(score(700_000, 30, 'FAILED'), 'A score >=700k must be a clear.');
  bad(score(950_000, 90, 'CLEAR', { optional: { musicBar: [0, 3, 4] } }), 'Invalid value for metric musicBar, Expected an integer between 0 and 3., got 4.');
  failure(t, () => h.hydrate(B2B_EXT, score(999_999, 99, 'EXCELLENT', { judgements: { miss: 1 } })), 'InvalidDatapoint',
    "Got 2 errors when validating score:\nAn EXCELLENT lamp must be accompanied with a score of 1 million.\nAn EXCELLENT lamp can't have any non-perfect judgements.");
  t.ok(h.hydrate(B2B_EXT, score(1_000_000, 100, 'EXCELLENT', { judgements: { perfect: 520, great: 0, good: null } })));
  t.ok(h.hydrate(B2B_EXT, score(950_000, 90, 'FULL COMBO', { judgements: { great: 10, good: 5, poor: 0, miss: 0 } })));
  t.ok(h.hydrate(B2B_EXT, score(699_999, 30, 'FAILED')));
});

t.test('BATCH-MANUAL: musicRate is a decimal, its bound is the chart\'s', async (t) => {
  const file = (s: Record<string, unknown>) => ({ meta: { game: 'jubeat', playtype: 'Single', service: 'jubeat-tests' }, scores: [{ matchType: 'inGameID', identifier: '10000036', difficulty: 'EXT', ...s }] });
  t.ok(parseBatchManual(file({ score: 990_000, musicRate: 115.3, lamp: 'FULL COMBO' })), 'no bound while parsing');
  t.throws(() => parseBatchManual(file({ score: 990_000, musicRate: '99', lamp: 'FULL COMBO' })), {
    message: 'Invalid BATCH-MANUAL: scores[0].musicRate | Expected number. | Received 99 [type: string].',
  });
  t.throws(() => parseBatchManual(file({ score: 1_000_001, musicRate: 99, lamp: 'EXCELLENT' })), {
    message: 'Invalid BATCH-MANUAL: scores[0].score | Expected a number between 0 and 1000000. | Received 1000001 [type: number].',
  });
});

t.test('match types', async (t) => {
  const bm = (s: Record<string, unknown>, version: string | null = null) => h.fromBatch({ score: 950_000, musicRate: 90, lamp: 'CLEAR', ...s }, { version });

  t.test('inGameID: one ID for the normal and HARD charts, told apart by difficulty', async (t) => {
    t.equal(bm({ matchType: 'inGameID', identifier: '10000036', difficulty: 'EXT' }).chart.chartID, B2B_EXT.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '10000036', difficulty: 'HARD EXT' }).chart.chartID, B2B_HARD_EXT.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '100000001', difficulty: 'EXT' }, 'ave').chart.chartID, LUNA_EXT.chartID);
    failure(t, () => bm({ matchType: 'inGameID', identifier: '10000037', difficulty: 'HARD ADV' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 10000037 (Single).');
    failure(t, () => bm({ matchType: 'inGameID', identifier: '10000036', difficulty: 'EXT' }, 'ave'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 10000036 (Single).');
    failure(t, () => bm({ matchType: 'inGameID', identifier: '10000036', difficulty: 'EXTREME' }), 'InvalidDatapoint',
      'Invalid Difficulty for jubeat Single - Expected any of BSC, ADV, EXT, HARD BSC, HARD ADV, HARD EXT (Got EXTREME)');
  });

  t.test('inGameID: a chart with two in-game IDs is found by either', async (t) => {
    t.equal(bm({ matchType: 'inGameID', identifier: '80000300', difficulty: 'EXT' }).chart.chartID, YANYA_EXT.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '80000301', difficulty: 'EXT' }).chart.chartID, YANYA_EXT.chartID);
  });

  t.test('tachiSongID', async (t) => {
    t.equal(bm({ matchType: 'tachiSongID', identifier: '2', difficulty: 'HARD EXT' }).chart.chartID, TENGOKU_HARD_EXT.chartID);
    failure(t, () => bm({ matchType: 'tachiSongID', identifier: '2', difficulty: 'HARD ADV' }), 'SongOrChartNotFound', 'Cannot find chart for 天国と地獄 (Single HARD ADV)');
    failure(t, () => bm({ matchType: 'tachiSongID', identifier: '5000', difficulty: 'EXT' }), 'SongOrChartNotFound', 'Cannot find song with songID 5000.');
  });

  t.test('unsupported match types', async (t) => {
    failure(t, () => bm({ matchType: 'songTitle', identifier: 'bass 2 bass', difficulty: 'EXT' }), 'InvalidDatapoint',
      'Cannot use matchType songTitle for jubeat. Expected any of inGameID, tachiSongID.');
  });
});

t.test('scoreID: exactly the provided metrics (score, musicRate, lamp)', async (t) => {
  const a = h.fromBatch({ score: 970_000, musicRate: 84.2, lamp: 'CLEAR', matchType: 'inGameID', identifier: '10000036', difficulty: 'ADV' });
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${B2B_ADV.chartID}","lamp":"CLEAR","musicRate":84.2,"score":970000,"userID":1}`));
  const b = h.fromBatch({
    score: 970_000, musicRate: 84.2, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '1', difficulty: 'ADV',
    timeAchieved: 1_700_000_000_000, judgements: { perfect: 300 }, optional: { musicBar: [3, 3] },
  });
  t.equal(b.scoreID, a.scoreID);
  t.not(h.fromBatch({ score: 970_000, musicRate: 84.3, lamp: 'CLEAR', matchType: 'inGameID', identifier: '10000036', difficulty: 'ADV' }).scoreID, a.scoreID);
});

t.test('PB: Best Music Rate base, Best Lamp and Best Score merged (Tachi\'s jubeat.test)', async (t) => {
  const base = h.hydrate(B2B_ADV, score(970_000, 84.21, 'CLEAR'), { scoreID: 'T-base', timeAchieved: 1000 });
  const lamp = h.hydrate(B2B_ADV, score(0, 0, 'FULL COMBO'), { scoreID: 'T-lamp', timeAchieved: 2000, validators: false });
  const pb = buildPB(definition, B2B_ADV, [base, lamp]);
  t.same(pb?.composedFrom, [{ name: 'Best Music Rate', scoreID: 'T-base' }, { name: 'Best Lamp', scoreID: 'T-lamp' }]);
  t.same([pb?.scoreData.musicRate, pb?.scoreData.score, pb?.scoreData.lamp, pb?.scoreData.enumIndexes], [84.21, 970_000, 'FULL COMBO', { lamp: 2, grade: 6 }]);

  const best = h.hydrate(B2B_ADV, score(1_000_000, 0, 'FAILED'), { scoreID: 'T-score', timeAchieved: 3000, validators: false });
  const pb2 = buildPB(definition, B2B_ADV, [base, best]);
  t.same(pb2?.composedFrom, [{ name: 'Best Music Rate', scoreID: 'T-base' }, { name: 'Best Score', scoreID: 'T-score' }]);
  t.same([pb2?.scoreData.musicRate, pb2?.scoreData.lamp, pb2?.scoreData.score, pb2?.scoreData.grade], [84.21, 'CLEAR', 1_000_000, 'EXC']);
  // jubility recomputed from the merged score and the base's music rate: 60 × 125 × 842 / 99 → 63.7
  t.same(pb2?.calculatedData, { jubility: 63.7 });
  t.equal(pb2?.timeAchieved, 3000);
});
