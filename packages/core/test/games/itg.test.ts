/**
 * ITG rules against the fixture seeds of test/fixtures/seeds (Tachi's ITG charts are not served;
 * the fixtures have its chart shape: hashGSv3, difficultyTag, rankedLevel, npsPerMeasure,
 * notesPerMeasure …, with the GSv3 hash as the dynamic difficulty as Tachi's seed scripts write it):
 * finalPercent, lamp-capped grades, blockRating (Tachi's own), fastest32 (rg-stats
 * ITGHighestUnbroken, vectors from its itg-highest-unbroken.test.ts), session blockRating, profile
 * highestBlock/fastest32, validators, itgChartHash, dynamic difficulties, scoreIDs and PBs.
 */
import t from 'tap';
import { ITGHighestUnbroken } from 'rg-stats';
import type { ScoreData } from '../../src/documents.ts';
import { itg } from '../../src/games/itg/index.ts';
import { formatGame } from '../../src/games/registry.ts';
import { assertDifficulty } from '../../src/charts/resolve.ts';
import { buildPB, deriveClasses, profileRatings, sessionRatings } from '../../src/rules.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { ImportFatalError } from '../../src/errors.ts';
import { failure, fixtureData, harness, tachiScoreID } from './helpers.ts';

const h = harness(itg, { data: fixtureData('itg') });
const { rules, config } = h.definition;

/** song 334 "Anubis": Expert (ranked 16, 36 + 20 measures of 16ths at 180 BPM), Hard (ranked 12, 8ths only) */
const ANUBIS_EXPERT = h.chart('04897435e094db8a52539c2c5e774b69ec5a7684');
const ANUBIS_HARD = h.chart('476994231e66b7c37b3a425d5a76c0503aa84f89');
/** song 402 "Vertex ALPHA" Expert: ranked 18, 48 measures at 210 BPM */
const VERTEX_EXPERT = h.chart('ac496ea7ed97ebfc5fabdf4ffefbba0e6da7bed7');
/** song 3 "Glory Days" Expert: unranked (chartLevel 11), 20 + 20 measures at 150 BPM split by a rest */
const GLORY_EXPERT = h.chart('baaa2d57dada1f2e8dc0fb18baafded221892a6c');
/** song 1 "Alcohol-Free" Medium: ranked 10, 40 measures at 150 BPM */
const ALCOHOL_MEDIUM = h.chart('33831f83039a358173f57119aaa874abab122919');

const hash = (c: typeof ANUBIS_EXPERT) => c.data.hashGSv3 as string;
const score = (scorePercent: number, survivedPercent: number, lamp: string, extra: Record<string, unknown> = {}) => ({ scorePercent, survivedPercent, lamp, ...extra });
const batch = (c: typeof ANUBIS_EXPERT, scorePercent: number, survivedPercent: number, lamp: string, extra: Record<string, unknown> = {}) => ({
  scorePercent,
  survivedPercent,
  lamp,
  matchType: 'itgChartHash',
  identifier: hash(c),
  ...extra,
});
const sd = (fields: Record<string, unknown>) => ({ judgements: {}, optional: {}, ...fields }) as unknown as ScoreData;

t.test('the fixture charts are what these tests assume', async (t) => {
  t.same(
    [ANUBIS_EXPERT.difficulty, ANUBIS_EXPERT.data.difficultyTag, ANUBIS_EXPERT.data.rankedLevel, ANUBIS_EXPERT.data.streamBPM, (ANUBIS_EXPERT.data.notesPerMeasure as number[]).length],
    [hash(ANUBIS_EXPERT), 'Expert', 16, 180, 64],
  );
  t.same([ANUBIS_HARD.data.difficultyTag, ANUBIS_HARD.data.rankedLevel, ANUBIS_HARD.songID], ['Hard', 12, 334]);
  t.same([VERTEX_EXPERT.data.rankedLevel, (VERTEX_EXPERT.data.notesPerMeasure as number[]).length], [18, 52]);
  t.same([GLORY_EXPERT.data.rankedLevel, GLORY_EXPERT.data.chartLevel], [null, 11]);
  t.same([ALCOHOL_MEDIUM.data.rankedLevel, h.songOf(ALCOHOL_MEDIUM).title], [10, 'Alcohol-Free']);
  t.equal(formatGame('itg', 'Stamina'), 'ITG');
});

t.test('finalPercent: survivedPercent for a fail, 100 + scorePercent otherwise (the lamp decides)', async (t) => {
  const f = (scorePercent: number, survivedPercent: number, lamp: string) => rules.derivers.finalPercent({ scorePercent, survivedPercent, lamp, judgements: {}, optional: {} }, ANUBIS_EXPERT);
  t.equal(f(30, 95, 'FAILED'), 95);
  t.equal(f(70, 40, 'FAILED'), 40);
  t.equal(f(90, 100, 'CLEAR'), 190);
  t.equal(f(30, 100, 'CLEAR'), 130);
  t.equal(f(99.5, 100, 'FAILED'), 100, 'a fail at 100% (float error on a long chart) stays a fail');
  t.equal(f(100, 100, 'QUINT'), 200);
  t.equal(f(0, 100, 'CLEAR'), 100);
});

t.test('grade: capped at F for a fail, else Tachi\'s boundaries on scorePercent', async (t) => {
  const g = (scorePercent: number, lamp = 'CLEAR') => rules.derivers.grade({ scorePercent, survivedPercent: 100, lamp, judgements: {}, optional: {} }, ANUBIS_EXPERT);
  const cases: [number, string][] = [
    [0, 'D'], [54.99, 'D'], [55, 'C'], [68, 'B'], [80, 'A'], [89, 'S'], [95.99, 'S'], [96, '★'], [98, '★★'], [99, '★★★'], [99.99, '★★★'], [100, '★★★★'],
  ];
  for (const [p, grade] of cases) t.equal(g(p), grade, `${p}% → ${grade}`);
  t.equal(g(99.9, 'FAILED'), 'F');
  t.equal(g(0, 'FAILED'), 'F');
  const s = h.hydrate(ANUBIS_EXPERT, score(97.5, 60, 'FAILED'));
  t.same([s.scoreData.grade, s.scoreData.finalPercent], ['F', 60]);
  t.same(s.scoreData.enumIndexes, { lamp: 0, grade: 0 });
});

t.test('blockRating: the chart\'s rankedLevel for a clear; null for a fail or an unranked chart', async (t) => {
  t.equal(rules.scoreRatings.blockRating(sd({ scorePercent: 90, survivedPercent: 100, lamp: 'CLEAR' }), ANUBIS_EXPERT), 16);
  t.equal(rules.scoreRatings.blockRating(sd({ scorePercent: 100, survivedPercent: 100, lamp: 'QUINT' }), VERTEX_EXPERT), 18);
  t.equal(rules.scoreRatings.blockRating(sd({ scorePercent: 90, survivedPercent: 99, lamp: 'FAILED' }), ANUBIS_EXPERT), null);
  t.equal(rules.scoreRatings.blockRating(sd({ scorePercent: 90, survivedPercent: 100, lamp: 'CLEAR' }), GLORY_EXPERT), null);
});

t.test('fastest32: rg-stats ITGHighestUnbroken over the chart\'s measures, cut where the player died, hidden below 100 BPM', async (t) => {
  const f = (c: typeof ANUBIS_EXPERT, survivedPercent: number, lamp: string) => rules.scoreRatings.fastest32(sd({ scorePercent: 80, survivedPercent, lamp }), c);
  // 16ths at 180 BPM are 12 notes per second: 12 × 60 / 4 = 180
  t.equal(f(ANUBIS_EXPERT, 100, 'CLEAR'), 180);
  t.equal(f(VERTEX_EXPERT, 100, 'FULL COMBO'), 210);
  t.equal(f(ALCOHOL_MEDIUM, 100, 'CLEAR'), 150);
  // two 20-measure streams split by an empty measure: never 32 unbroken
  t.equal(f(GLORY_EXPERT, 100, 'CLEAR'), null);
  // 64 measures of 8ths reach 512 notes at 6 NPS = 90 BPM: true, but hidden (< 100)
  t.equal(ITGHighestUnbroken.calculateFromNPSPerMeasure(ANUBIS_HARD.data.npsPerMeasure as number[], ANUBIS_HARD.data.notesPerMeasure as number[], null, 32), 90);
  t.equal(f(ANUBIS_HARD, 100, 'CLEAR'), null);
  // died at 50% of 64 measures = measure 32: the stream (measures 4 to 39) never reached 32 measures
  t.equal(f(ANUBIS_EXPERT, 50, 'FAILED'), null);
  // died at 75% = measure 48: the 36-measure stream was done
  t.equal(f(ANUBIS_EXPERT, 75, 'FAILED'), 180);
  // died at 54.6875% = measure 35: only the window from measure 0 (4 quarter-note measures + 31 of stream) reached 512 notes, at 3 NPS = 45 BPM: hidden
  t.equal(ITGHighestUnbroken.calculateFromNPSPerMeasure(ANUBIS_EXPERT.data.npsPerMeasure as number[], ANUBIS_EXPERT.data.notesPerMeasure as number[], 35, 32), 45);
  t.equal(f(ANUBIS_EXPERT, 54.6875, 'FAILED'), null);
  // survivedPercent does not cut a clear
  t.equal(f(VERTEX_EXPERT, 100, 'CLEAR'), 210);

  // rg-stats' own vectors, through the same function on charts made of them
  const bpmChart = (bpms: number[], notes: number[]) => ({ ...ANUBIS_EXPERT, data: { ...ANUBIS_EXPERT.data, npsPerMeasure: bpms.map((b) => (b * 4) / 60), notesPerMeasure: notes } });
  const rep = (v: number, n: number) => Array.from({ length: n }, () => v);
  t.equal(rules.scoreRatings.fastest32(sd({ scorePercent: 80, survivedPercent: 100, lamp: 'CLEAR' }), bpmChart([50, 50, 50, ...rep(190, 32)], rep(16, 35))), 190);
  t.equal(rules.scoreRatings.fastest32(sd({ scorePercent: 80, survivedPercent: 100, lamp: 'CLEAR' }), bpmChart([50, 50, 50, ...rep(340, 16)], [16, 16, 16, ...rep(32, 16)])), 340);
  t.equal(rules.scoreRatings.fastest32(sd({ scorePercent: 80, survivedPercent: 100, lamp: 'CLEAR' }), bpmChart(rep(200, 21), [...rep(16, 12), ...rep(32, 6), ...rep(64, 3)])), 200);
  t.equal(rules.scoreRatings.fastest32(sd({ scorePercent: 80, survivedPercent: 100, lamp: 'CLEAR' }), bpmChart([], [])), null);

  t.same(h.hydrate(ANUBIS_EXPERT, score(93.21, 100, 'CLEAR')).calculatedData, { blockRating: 16, fastest32: 180 });
  t.same(h.hydrate(ANUBIS_EXPERT, score(93.21, 75, 'FAILED')).calculatedData, { blockRating: null, fastest32: 180 });
  t.same(h.hydrate(GLORY_EXPERT, score(99, 100, 'FULL EXCELLENT COMBO')).calculatedData, { blockRating: null, fastest32: null });
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(
    ANUBIS_EXPERT,
    score(93.21, 100, 'FULL COMBO', {
      judgements: { 'fantastic+': 800, fantastic: 150, excellent: 40, great: 6, decent: 0, wayoff: 0, miss: 0 },
      optional: { lifebarHistory: [100, 100, 98.5, 100] },
    }),
  );
  t.same(s.scoreData, {
    scorePercent: 93.21,
    survivedPercent: 100,
    lamp: 'FULL COMBO',
    finalPercent: 100 + 93.21,
    grade: 'S',
    judgements: { 'fantastic+': 800, fantastic: 150, excellent: 40, great: 6, decent: 0, wayoff: 0, miss: 0 },
    optional: { lifebarHistory: [100, 100, 98.5, 100], enumIndexes: {} },
    enumIndexes: { lamp: 2, grade: 5 },
  });
  t.same([s.game, s.playtype, s.songID], ['itg', 'Stamina', 334]);
});

t.test('validators: Tachi\'s messages through hydrateScore', async (t) => {
  const one = (m: string) => `Got 1 error when validating score:\n${m}`;
  failure(t, () => h.hydrate(ANUBIS_EXPERT, score(90, 99.5, 'CLEAR')), 'InvalidDatapoint', one("Cannot clear a chart that you didn't survive 100% of."));
  failure(t, () => h.hydrate(ANUBIS_EXPERT, score(100, 100, 'QUINT', { judgements: { 'fantastic+': 1000, fantastic: 1 } })), 'InvalidDatapoint', one('Cannot have a QUINT with any fantastic (or worse) judgements.'));
  failure(t, () => h.hydrate(ANUBIS_EXPERT, score(99.9, 100, 'QUAD', { judgements: { excellent: 1 } })), 'InvalidDatapoint', one('Cannot have a QUAD with any excellent (or worse) judgements.'));
  failure(t, () => h.hydrate(ANUBIS_EXPERT, score(99, 100, 'FULL EXCELLENT COMBO', { judgements: { great: 1 } })), 'InvalidDatapoint', one('Cannot have a FULL EXCELLENT COMBO with any great (or worse) judgements.'));
  failure(t, () => h.hydrate(ANUBIS_EXPERT, score(95, 100, 'FULL COMBO', { judgements: { miss: 1 } })), 'InvalidDatapoint', one('Cannot have a FULL COMBO with any combo breaks.'));
  failure(t, () => h.hydrate(ANUBIS_EXPERT, score(95, 100, 'FULL COMBO', { judgements: { decent: 1 } })), 'InvalidDatapoint', one('Cannot have a FULL COMBO with any combo breaks.'));
  failure(
    t,
    () => h.hydrate(ANUBIS_EXPERT, score(100, 50, 'QUINT', { judgements: { wayoff: 2 } })),
    'InvalidDatapoint',
    "Got 2 errors when validating score:\nCannot clear a chart that you didn't survive 100% of.\nCannot have a QUINT with any fantastic (or worse) judgements.",
  );
  // above 100%: the metric's bound and, derived from it, finalPercent's
  failure(
    t,
    () => h.hydrate(ANUBIS_EXPERT, score(100.5, 100, 'CLEAR')),
    'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for scorePercent, Expected a number between 0 and 100. Got 100.5.\nInvalid value for finalPercent, Expected a number between 0 and 200. Got 200.5.',
  );
  failure(
    t,
    () => h.hydrate(ANUBIS_EXPERT, score(90, 100, 'CLEAR', { optional: { lifebarHistory: [100, 101] } })),
    'InvalidDatapoint',
    one('Invalid value for metric lifebarHistory, Expected a number between 0 and 100., got 101.'),
  );
  // a QUINT may carry fantastic+ only; a fail is never checked against judgements; fantastic+ is not counted anywhere
  t.ok(h.hydrate(ANUBIS_EXPERT, score(100, 100, 'QUINT', { judgements: { 'fantastic+': 1000, fantastic: 0 } })));
  t.ok(h.hydrate(ANUBIS_EXPERT, score(40, 20, 'FAILED', { judgements: { miss: 50 } })));
  t.ok(h.hydrate(ANUBIS_EXPERT, score(99.9, 100, 'QUAD', { judgements: { 'fantastic+': 900, fantastic: 100 } })));
});

t.test('session blockRating: mean of the best 5 (null below 5)', async (t) => {
  const session = (values: (number | null)[]) => sessionRatings(h.definition, values.map((blockRating) => ({ calculatedData: { blockRating, fastest32: null } })));
  t.same(session([16, 18, 12, 10]), { blockRating: null });
  t.same(session([16, 18, 12, 10, null]), { blockRating: null }, 'a fail counts for nothing');
  // 18, 16, 16, 12, 10 of 6 → 72 / 5
  t.same(session([16, 18, 12, 10, 16, 9, null]), { blockRating: 72 / 5 });
});

t.test('profile: highestBlock and fastest32 are the single best value (null without any)', async (t) => {
  const profile = (pbs: ReturnType<typeof h.pbWith>[]) => profileRatings(h.definition, pbs, h.lookup);
  t.same(profile([]), { highestBlock: null, fastest32: null });
  t.same(profile([h.pbWith({ blockRating: null, fastest32: null })]), { highestBlock: null, fastest32: null });
  t.same(
    profile([
      h.pbWith({ blockRating: 16, fastest32: 180 }),
      h.pbWith({ blockRating: 18, fastest32: null }),
      h.pbWith({ blockRating: null, fastest32: 210 }),
      h.pbWith({ blockRating: 20, fastest32: 250 }, { isPrimary: false }),
    ]),
    { highestBlock: 18, fastest32: 210 },
  );
  t.same(deriveClasses(h.definition, { highestBlock: 18, fastest32: 210 }), {}, 'no classes');
});

t.test('config: Tachi\'s Stamina playtype', async (t) => {
  t.same(Object.keys(config.providedMetrics), ['scorePercent', 'survivedPercent', 'lamp']);
  t.same(Object.keys(config.derivedMetrics), ['grade', 'finalPercent']);
  t.same(config.defaultMetric, 'finalPercent');
  t.same(config.preferredDefaultEnum, 'lamp');
  t.same(config.difficulties, { type: 'DYNAMIC' });
  t.same(config.orderedJudgements, ['fantastic+', 'fantastic', 'excellent', 'great', 'decent', 'wayoff', 'miss']);
  t.same(config.supportedMatchTypes, ['itgChartHash']);
  t.same([config.scoreRatingAlgs, config.sessionRatingAlgs, config.profileRatingAlgs], [['blockRating', 'fastest32'], ['blockRating'], ['highestBlock', 'fastest32']]);
  t.same(rules.defaultMergeName, 'Best Result');
});

t.test('match types: itgChartHash only; dynamic difficulties take any string', async (t) => {
  t.equal(h.fromBatch(batch(ANUBIS_EXPERT, 93.21, 100, 'CLEAR')).chart.chartID, ANUBIS_EXPERT.chartID);
  t.equal(h.fromBatch(batch(ANUBIS_HARD, 93.21, 100, 'CLEAR')).chart.chartID, ANUBIS_HARD.chartID);
  // the chart is the hash's, whatever difficulty the score names
  t.equal(h.fromBatch(batch(ANUBIS_EXPERT, 93.21, 100, 'CLEAR', { difficulty: 'Challenge 16' })).chart.chartID, ANUBIS_EXPERT.chartID);
  t.equal(assertDifficulty('Expert 16 (Zaia)', 'itg', 'Stamina'), 'Expert 16 (Zaia)', 'DYNAMIC: any string is a difficulty');
  failure(t, () => h.fromBatch({ ...batch(ANUBIS_EXPERT, 90, 100, 'CLEAR'), identifier: 'ffffffffffffffff' }), 'SongOrChartNotFound', 'Cannot find chart for itgChartHash ffffffffffffffff.');
  // a chart's ID is not its hash
  failure(t, () => h.fromBatch({ ...batch(ANUBIS_EXPERT, 90, 100, 'CLEAR'), identifier: ANUBIS_EXPERT.chartID }), 'SongOrChartNotFound', `Cannot find chart for itgChartHash ${ANUBIS_EXPERT.chartID}.`);
  for (const matchType of ['songTitle', 'tachiSongID', 'inGameID', 'bmsChartHash', 'uscChartHash']) {
    failure(
      t,
      () => h.fromBatch({ ...batch(ANUBIS_EXPERT, 90, 100, 'CLEAR'), matchType, difficulty: 'Expert' }),
      'InvalidDatapoint',
      `Cannot use matchType ${matchType} for ITG. Expected any of itgChartHash.`,
    );
  }
});

t.test('scoreID: userID, chartID, scorePercent, survivedPercent and lamp', async (t) => {
  const a = h.fromBatch(batch(ANUBIS_EXPERT, 93.21, 100, 'CLEAR', { judgements: { miss: 3 }, optional: { lifebarHistory: [100] } }));
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${ANUBIS_EXPERT.chartID}","lamp":"CLEAR","scorePercent":93.21,"survivedPercent":100,"userID":1}`));
  t.not(h.fromBatch(batch(ANUBIS_EXPERT, 93.21, 99.99, 'FAILED')).scoreID, a.scoreID);
  t.equal(h.fromBatch(batch(ANUBIS_EXPERT, 93.21, 100, 'CLEAR', { difficulty: 'anything' })).scoreID, a.scoreID);
});

t.test('BATCH-MANUAL: metric and graph types in prudence\'s words', async (t) => {
  const fatal = (scores: unknown[]) => {
    try {
      parseBatchManual({ meta: { game: 'itg', playtype: 'Stamina', service: 'ITG Hook' }, scores });
    } catch (err) {
      return err instanceof ImportFatalError ? err.message : String(err);
    }
    return null;
  };
  t.equal(fatal([batch(ANUBIS_EXPERT, 93.21, 100, 'CLEAR', { optional: { lifebarHistory: [100, 50.5] } })]), null);
  t.equal(fatal([batch(ANUBIS_EXPERT, 93.21, 100, 'CLEAR', { difficulty: 'Expert' })]), null);
  t.equal(fatal([batch(ANUBIS_EXPERT, -1, 100, 'CLEAR')]), 'Invalid BATCH-MANUAL: scores[0].scorePercent | Expected a number between 0 and 100. | Received -1 [type: number].');
  t.equal(fatal([batch(ANUBIS_EXPERT, 90, 100, 'PASSED')]), 'Invalid BATCH-MANUAL: scores[0].lamp | Expected any of FAILED, CLEAR, FULL COMBO, FULL EXCELLENT COMBO, QUAD, QUINT. | Received PASSED [type: string].');
  t.equal(
    fatal([batch(ANUBIS_EXPERT, 90, 100, 'CLEAR', { optional: { lifebarHistory: [100, 120] } })]),
    'Invalid BATCH-MANUAL: scores[0].optional.lifebarHistory[1] | Expected a number between 0 and 100. | Received 120 [type: number].',
  );
  t.equal(
    fatal([batch(ANUBIS_EXPERT, 90, 100, 'CLEAR', { judgements: { perfect: 3 } })]),
    'Invalid BATCH-MANUAL: scores[0].judgements | Invalid Key perfect. Expected any of fantastic+, fantastic, excellent, great, decent, wayoff, miss.',
  );
});

t.test('PBs: the best finalPercent ("Best Result"), then the best lamp', async (t) => {
  const fc = h.hydrate(ANUBIS_EXPERT, score(90, 100, 'FULL COMBO'), { scoreID: 'Tfc', timeAchieved: 1_000 });
  const clear = h.hydrate(ANUBIS_EXPERT, score(93, 100, 'CLEAR'), { scoreID: 'Tclear', timeAchieved: 2_000 });
  const fail = h.hydrate(ANUBIS_EXPERT, score(98, 95, 'FAILED'), { scoreID: 'Tfail', timeAchieved: 3_000 });
  const pb = buildPB(h.definition, ANUBIS_EXPERT, [fc, clear, fail])!;
  t.same(pb.composedFrom, [
    { name: 'Best Result', scoreID: 'Tclear' },
    { name: 'Best Lamp', scoreID: 'Tfc' },
  ]);
  t.same([pb.scoreData.scorePercent, pb.scoreData.survivedPercent, pb.scoreData.finalPercent, pb.scoreData.lamp, pb.scoreData.grade], [93, 100, 193, 'FULL COMBO', 'S']);
  t.same(pb.scoreData.enumIndexes, { lamp: 2, grade: 5 });
  t.same(pb.calculatedData, { blockRating: 16, fastest32: 180 });

  // any clear beats any fail: a 20% clear (120) over a 98% fail at 95% (95)
  const weakClear = h.hydrate(ANUBIS_EXPERT, score(20, 100, 'CLEAR'), { scoreID: 'Tweak' });
  const pb2 = buildPB(h.definition, ANUBIS_EXPERT, [fail, weakClear])!;
  t.same(pb2.composedFrom, [{ name: 'Best Result', scoreID: 'Tweak' }]);
  t.same([pb2.scoreData.finalPercent, pb2.scoreData.grade], [120, 'D']);

  // only fails: the furthest survived is the base; the lamps tie (FAILED), so Best Lamp is the oldest
  // of them (Tachi's sort on timeAchieved), here the earlier fail
  const failEarly = h.hydrate(ANUBIS_EXPERT, score(99, 30, 'FAILED'), { scoreID: 'Tearly', timeAchieved: 500 });
  const pb3 = buildPB(h.definition, ANUBIS_EXPERT, [failEarly, fail])!;
  t.same(pb3.composedFrom, [
    { name: 'Best Result', scoreID: 'Tfail' },
    { name: 'Best Lamp', scoreID: 'Tearly' },
  ]);
  t.same([pb3.scoreData.finalPercent, pb3.scoreData.lamp, pb3.scoreData.grade, pb3.timeAchieved], [95, 'FAILED', 'F', 3_000]);
  t.same(pb3.calculatedData, { blockRating: null, fastest32: 180 });
});
