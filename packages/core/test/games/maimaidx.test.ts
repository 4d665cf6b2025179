/**
 * maimai DX rules against the bundled seeds: grade, rate (rg-stats MaimaiDXRate, vectors from
 * Tachi's maimaidx.test.ts and rg-stats' maimaidx-rate.test.ts), session/profile ratings, colour,
 * validators (through hydrateScore), match types, scoreIDs and PB merges.
 */
import t from 'tap';
import { MaimaiDXRate } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { maimaidx } from '../../src/games/maimaidx/index.ts';
import { buildPB, profileRatings, sessionRatings } from '../../src/rules.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { ImportFatalError } from '../../src/errors.ts';
import { failure, harness, tachiScoreID } from './helpers.ts';

const h = harness(maimaidx);
const { rules, config } = h.definition;

/** song 1 "True Love Song" (standard chart, inGameID 8) */
const TLS_ADV = h.chart('fbde73d543f93cbad9ec67052a7165700c5c8df6'); // Advanced 7.2 (Tachi's TestingMaimaiDXChart)
const TLS_MASTER = h.chart('f3e7ba3d400480b4811dd201b3738918cbcdbfc2'); // Master 12.4
/** song 10 "ネコ日和。": standard charts (inGameID 30) and DX charts (inGameID 10030, PRiSM PLUS only) */
const NEKO_MASTER = h.chart('16f33e75c7df72e13af6d3929241c6dd6864bf1d'); // Master 12.6
const NEKO_DX_MASTER = h.chart('9f6ef9b140ca4723ea3eefddec6439e8ab4e2326'); // DX Master 13.7
/** song 222 "Axeria" Master 14.5 */
const AXERIA_MASTER = h.chart('d1bd7991eb13bbbf142687b7b0c7fe313f46dcd2');

const score = (percent: number, lamp: string, extra: Record<string, unknown> = {}) => ({ percent, lamp, ...extra });

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([TLS_ADV.difficulty, TLS_ADV.levelNum, TLS_ADV.data.inGameID], ['Advanced', 7.2, 8]);
  t.same([NEKO_DX_MASTER.difficulty, NEKO_DX_MASTER.levelNum, NEKO_DX_MASTER.data.inGameID, NEKO_DX_MASTER.versions], ['DX Master', 13.7, 10030, ['prismplus']]);
  t.same([AXERIA_MASTER.levelNum, h.songOf(AXERIA_MASTER).title], [14.5, 'Axeria']);
  t.equal(h.charts.charts.length, 6443);
  t.equal(h.charts.songs.length, 1504);
});

t.test('grade deriver: Tachi\'s vectors (SSS+ is a fixed 100.5%)', async (t) => {
  const cases: [number, string][] = [
    [0, 'D'], [50, 'C'], [60, 'B'], [70, 'BB'], [75, 'BBB'], [80, 'A'], [90, 'AA'], [94, 'AAA'],
    [97, 'S'], [98, 'S+'], [99, 'SS'], [99.5, 'SS+'], [100, 'SSS'], [100.5, 'SSS+'],
    [49.9999, 'D'], [100.4999, 'SSS'], [101, 'SSS+'],
  ];
  for (const [percent, grade] of cases) t.equal(rules.derivers.grade({ percent, lamp: 'CLEAR', judgements: {}, optional: {} }, TLS_ADV), grade, `${percent}% → ${grade}`);
});

t.test('rate: rg-stats MaimaiDXRate on the chart level', async (t) => {
  const rate = (percent: number, levelNum: number) => rules.scoreRatings.rate({ percent } as unknown as ScoreData, { ...TLS_ADV, levelNum });
  // rg-stats maimaidx-rate.test.ts vectors
  const vectors: [number, number, number][] = [
    [100.1398, 13, 281], [100.1379, 12.7, 274], [100.227, 12.5, 270], [99.4936, 12.8, 264],
    [100.5, 13, 292], [100.4999, 14, 312], [100, 13, 280], [99.9999, 13.7, 293], [99.5, 13.7, 287],
    [99, 12.7, 261], [98.9999, 12.9, 263], [98, 10, 198], [97, 8, 155], [96.9999, 10.7, 182],
    [94, 10.7, 168], [90, 5, 68], [80, 11.5, 125], [79.9999, 11.5, 117], [75, 12.4, 111],
    [70, 14.2, 111], [60, 15, 86], [50, 12.6, 50], [40, 12.6, 32], [30, 12.6, 18], [20, 12.6, 8],
    [10, 12.6, 2], [0, 12.6, 0],
  ];
  for (const [percent, level, expected] of vectors) t.equal(rate(percent, level), expected, `${percent}% on ${level}`);
  t.equal(rate(101, 13), rate(100.5, 13), '101% and 100.5% are worth the same');

  // worked by hand: floor(min(round(p × 10⁴), 1005000) × coefficient × round(level × 10) / 10⁸)
  // 97.012% on TLS Advanced 7.2: 970120 × 200 × 72 / 10⁸ = 139.697… → 139
  t.same(h.hydrate(TLS_ADV, score(97.012, 'CLEAR')).calculatedData, { rate: 139 });
  // 100.5% on Axeria Master 14.5: 1005000 × 224 × 145 / 10⁸ = 326.424 → 326
  t.same(h.hydrate(AXERIA_MASTER, score(100.5, 'ALL PERFECT')).calculatedData, { rate: 326 });
  // 99.5% on ネコ日和。 Master 12.6: 995000 × 211 × 126 / 10⁸ = 264.53… → 264
  t.same(h.hydrate(NEKO_MASTER, score(99.5, 'FULL COMBO')).calculatedData, { rate: 264 });
  t.equal(MaimaiDXRate.calculate(99.5, 12.6), 264, 'the same number straight from rg-stats');
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(TLS_ADV, score(97.012, 'CLEAR', { judgements: { pcrit: 200, perfect: 100, great: 10, good: 2, miss: 1 }, optional: { maxCombo: 150, fast: 5 } }));
  t.same(s.scoreData, {
    percent: 97.012,
    lamp: 'CLEAR',
    grade: 'S',
    judgements: { pcrit: 200, perfect: 100, great: 10, good: 2, miss: 1 },
    optional: { maxCombo: 150, fast: 5, enumIndexes: {} },
    enumIndexes: { lamp: 1, grade: 8 },
  });
  t.equal(s.game, 'maimaidx');
  t.equal(s.songID, 1);
});

t.test('session rate: mean of the best 10 rates, null with fewer than 10', async (t) => {
  const scores = [300, 290, 280, 270, 260, 250, 240, 230, 220, 210, 1, 2].map((rate) => ({ calculatedData: { rate } }));
  t.same(sessionRatings(h.definition, scores), { rate: (300 + 290 + 280 + 270 + 260 + 250 + 240 + 230 + 220 + 210) / 10 });
  t.same(sessionRatings(h.definition, scores.slice(0, 9)), { rate: null });
});

t.test('profile naiveRate: sum of the best 50 primary rates; colour from it', async (t) => {
  const pbs = [...Array.from({ length: 50 }, () => h.pbWith({ rate: 300 })), h.pbWith({ rate: 1 }), h.pbWith({ rate: 999 }, { isPrimary: false })];
  const ratings = profileRatings(h.definition, pbs, h.charts);
  t.same(ratings, { naiveRate: 15000 });
  t.equal(rules.classDerivers.colour(ratings), 'RAINBOW');
  t.same(profileRatings(h.definition, [h.pbWith({ rate: 326 }), h.pbWith({ rate: 264 }), h.pbWith({ rate: null })], h.charts), { naiveRate: 590 });
  t.same(profileRatings(h.definition, [], h.charts), { naiveRate: null });
});

t.test('colour deriver: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'WHITE'], [999, 'WHITE'], [1000, 'BLUE'], [2000, 'GREEN'], [4000, 'YELLOW'], [7000, 'RED'],
    [10000, 'PURPLE'], [12000, 'BRONZE'], [13000, 'SILVER'], [14000, 'GOLD'], [14500, 'PLATINUM'], [14999, 'PLATINUM'], [15000, 'RAINBOW'],
  ];
  for (const [naiveRate, colour] of cases) t.equal(rules.classDerivers.colour({ naiveRate }), colour, `${naiveRate} → ${colour}`);
});

t.test('classes: colour derived; dan and matchingClass provided, in Tachi\'s order', async (t) => {
  t.same(Object.keys(config.classes), ['colour', 'dan', 'matchingClass']);
  t.equal(config.classes.dan.values.indexOf('URAKAIDEN'), config.classes.dan.values.length - 1);
  const mc = config.classes.matchingClass.values;
  t.ok(mc.indexOf('B1') < mc.indexOf('A5') && mc.indexOf('A5') < mc.indexOf('A4') && mc.indexOf('SSS1') < mc.indexOf('LEGEND'));
  const parsed = parseBatchManual({ meta: { game: 'maimaidx', playtype: 'Single', service: 'tests' }, scores: [], classes: { dan: 'SHINDAN_3', matchingClass: 'A5' } });
  t.same(parsed.classes, { Single: { dan: 'SHINDAN_3', matchingClass: 'A5' } });
  t.throws(
    () => parseBatchManual({ meta: { game: 'maimaidx', playtype: 'Single', service: 'tests' }, scores: [], classes: { colour: 'RAINBOW' } }),
    ImportFatalError,
    'a derived class cannot be submitted',
  );
});

t.test('validators, through hydrateScore (Tachi\'s messages)', async (t) => {
  const bad = (percent: number, lamp: string, message: string) =>
    failure(t, () => h.hydrate(TLS_MASTER, score(percent, lamp)), 'InvalidDatapoint', `Got 1 error when validating score:\n${message}`);
  bad(100.9, 'ALL PERFECT+', 'Cannot have an ALL PERFECT+ without 101%.');
  bad(101, 'ALL PERFECT', 'A score of 101% should be an ALL PERFECT+');
  bad(100.4999, 'ALL PERFECT', 'Cannot have an ALL PERFECT without at least 100.5%.');
  bad(102, 'CLEAR', 'Invalid value for percent, Expected a number between 0 and 101. Got 102.');
  failure(t, () => h.hydrate(TLS_MASTER, score(102, 'ALL PERFECT+')), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for percent, Expected a number between 0 and 101. Got 102.\nCannot have an ALL PERFECT+ without 101%.');
  // below every grade boundary: the grade cannot be derived, and validation says so too
  failure(t, () => h.hydrate(TLS_MASTER, score(-1, 'FAILED')), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for percent, Expected a number between 0 and 101. Got -1.\n' +
      'Invalid value for grade, got undefined, but expected any of D, C, B, BB, BBB, A, AA, AAA, S, S+, SS, SS+, SSS, SSS+.');
  failure(t, () => h.hydrate(TLS_MASTER, score(101, 'FULL COMBO+', { optional: { percentGraph: [50, null, 102] } })), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for metric percentGraph, Expected a number between 0 and 101., got 102.\nA score of 101% should be an ALL PERFECT+');
  failure(t, () => h.hydrate(TLS_MASTER, score(99, 'AP')), 'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for lamp, got AP, but expected any of FAILED, CLEAR, FULL COMBO, FULL COMBO+, ALL PERFECT, ALL PERFECT+.');

  t.equal(h.hydrate(TLS_MASTER, score(101, 'ALL PERFECT+')).scoreData.grade, 'SSS+');
  t.equal(h.hydrate(TLS_MASTER, score(100.5, 'ALL PERFECT')).scoreData.grade, 'SSS+');
  t.equal(h.hydrate(TLS_MASTER, score(99, 'FULL COMBO', { judgements: { miss: 3 } })).scoreData.grade, 'SS', 'Tachi does not tie FULL COMBO to misses for maimai DX');
  t.equal(h.hydrate(TLS_MASTER, score(0, 'FAILED', { optional: { lifeGraph: [999, 0, null] } })).calculatedData.rate, 0);
});

t.test('a percent over 101 is a fatal BATCH-MANUAL error', async (t) => {
  t.throws(
    () => parseBatchManual({ meta: { game: 'maimaidx', playtype: 'Single', service: 'tests' }, scores: [{ percent: 101.5, lamp: 'CLEAR', matchType: 'inGameID', identifier: '8', difficulty: 'Master' }] }),
    { message: 'Invalid BATCH-MANUAL: scores[0].percent | Expected a number between 0 and 101. | Received 101.5 [type: number].' },
  );
});

t.test('match types', async (t) => {
  const bm = (s: Record<string, unknown>, version: string | null = null) => h.fromBatch({ percent: 99, lamp: 'CLEAR', ...s }, { version });

  t.test('inGameID: standard and DX charts of a song are told apart by difficulty', async (t) => {
    t.equal(bm({ matchType: 'inGameID', identifier: '8', difficulty: 'Master' }).chart.chartID, TLS_MASTER.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '30', difficulty: 'Master' }).chart.chartID, NEKO_MASTER.chartID);
    t.equal(bm({ matchType: 'inGameID', identifier: '10030', difficulty: 'DX Master' }).chart.chartID, NEKO_DX_MASTER.chartID);
    failure(t, () => bm({ matchType: 'inGameID', identifier: '30', difficulty: 'DX Master' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 30 (Single).');
    failure(t, () => bm({ matchType: 'inGameID', identifier: '999999', difficulty: 'Master' }), 'SongOrChartNotFound', 'Cannot find chart for inGameID 999999 (Single).');
  });

  t.test('versions narrow the charts', async (t) => {
    t.equal(bm({ matchType: 'inGameID', identifier: '10030', difficulty: 'DX Master' }, 'prismplus').chart.chartID, NEKO_DX_MASTER.chartID);
    failure(t, () => bm({ matchType: 'inGameID', identifier: '10030', difficulty: 'DX Master' }, 'prism'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 10030 (Single).');
    failure(t, () => bm({ matchType: 'songTitle', identifier: 'ネコ日和。', difficulty: 'DX Master' }, 'buddies'), 'SongOrChartNotFound', 'Cannot find chart for ネコ日和。 (Single DX Master)');
  });

  t.test('songTitle (+ artist)', async (t) => {
    t.equal(bm({ matchType: 'songTitle', identifier: 'ネコ日和。', difficulty: 'DX Master' }).chart.chartID, NEKO_DX_MASTER.chartID);
    t.equal(bm({ matchType: 'songTitle', identifier: 'true love song', difficulty: 'Advanced' }).chart.chartID, TLS_ADV.chartID, 'case-insensitive');
    failure(t, () => bm({ matchType: 'songTitle', identifier: 'Link', difficulty: 'Master' }), 'AmbiguousTitle',
      'Multiple songs exist with the case-insensitive title Link. We cannot resolve this. Please try adding an artist field.');
    t.equal(bm({ matchType: 'songTitle', identifier: 'Link', artist: 'Clean Tears feat. Youna', difficulty: 'Master' }).song.artist, 'Clean Tears feat. Youna');
    failure(t, () => bm({ matchType: 'songTitle', identifier: 'No Such Song', difficulty: 'Master' }), 'SongOrChartNotFound', 'Cannot find song with title No Such Song.');
  });

  t.test('tachiSongID', async (t) => {
    t.equal(bm({ matchType: 'tachiSongID', identifier: '1', difficulty: 'Advanced' }).chart.chartID, TLS_ADV.chartID);
    failure(t, () => bm({ matchType: 'tachiSongID', identifier: '1', difficulty: 'DX Master' }), 'SongOrChartNotFound', 'Cannot find chart for True Love Song (Single DX Master)');
    failure(t, () => bm({ matchType: 'tachiSongID', identifier: '99999', difficulty: 'Master' }), 'SongOrChartNotFound', 'Cannot find song with songID 99999.');
  });

  t.test('unsupported match types and difficulties', async (t) => {
    failure(t, () => bm({ matchType: 'inGameStrID', identifier: 'x', difficulty: 'Master' }), 'InvalidDatapoint',
      'Cannot use matchType inGameStrID for maimai DX. Expected any of songTitle, tachiSongID, inGameID.');
    failure(t, () => bm({ matchType: 'inGameID', identifier: '8', difficulty: 'MASTER' }), 'InvalidDatapoint',
      'Invalid Difficulty for maimaidx Single - Expected any of Basic, Advanced, Expert, Master, Re:Master, DX Basic, DX Advanced, DX Expert, DX Master, DX Re:Master (Got MASTER)');
  });
});

t.test('scoreID: exactly the provided metrics (percent, lamp)', async (t) => {
  const a = h.fromBatch({ percent: 99.5, lamp: 'FULL COMBO', matchType: 'inGameID', identifier: '30', difficulty: 'Master' });
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${NEKO_MASTER.chartID}","lamp":"FULL COMBO","percent":99.5,"userID":1}`));
  const b = h.fromBatch({
    percent: 99.5, lamp: 'FULL COMBO', matchType: 'songTitle', identifier: 'ネコ日和。', difficulty: 'Master',
    timeAchieved: 1_700_000_000_000, judgements: { miss: 0, great: 4 }, optional: { maxCombo: 500, percentGraph: [99, 99.5] },
  });
  t.equal(b.scoreID, a.scoreID, 'judgements, optional metrics and timestamps are not part of it');
  t.not(h.fromBatch({ percent: 99.5, lamp: 'CLEAR', matchType: 'inGameID', identifier: '30', difficulty: 'Master' }).scoreID, a.scoreID);
  t.not(h.fromBatch({ percent: 99.5, lamp: 'FULL COMBO', matchType: 'inGameID', identifier: '30', difficulty: 'Master' }, { userID: 2 }).scoreID, a.scoreID);
});

t.test('PB: Best Percent base, Best Lamp merged (Tachi\'s maimaidx.test)', async (t) => {
  const base = h.hydrate(TLS_ADV, score(97.012, 'CLEAR'), { scoreID: 'T-base', timeAchieved: 1000 });
  const lamp = h.hydrate(TLS_ADV, score(0, 'FULL COMBO'), { scoreID: 'T-lamp', timeAchieved: 2000, validators: false });
  const pb = buildPB(h.definition, TLS_ADV, [base, lamp]);
  t.same(pb?.composedFrom, [{ name: 'Best Percent', scoreID: 'T-base' }, { name: 'Best Lamp', scoreID: 'T-lamp' }]);
  t.same(pb?.scoreData, { percent: 97.012, lamp: 'FULL COMBO', grade: 'S', judgements: {}, optional: { enumIndexes: {} }, enumIndexes: { lamp: 2, grade: 8 } });
  t.same(pb?.calculatedData, { rate: 139 });
  t.equal(pb?.timeAchieved, 2000);

  const only = buildPB(h.definition, TLS_ADV, [base]);
  t.same(only?.composedFrom, [{ name: 'Best Percent', scoreID: 'T-base' }], 'a lamp already on the base adds nothing');
});
