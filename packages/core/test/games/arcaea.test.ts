/**
 * Arcaea rules against the bundled seeds: grade, potential (rg-stats Potential, vectors from
 * Tachi's arcaea.test.ts and rg-stats' potential.test.ts), session/profile naivePotential, badge,
 * the chart-dependent score bound and the lamp validators (through hydrateScore), match types,
 * scoreIDs and PB merges.
 */
import t from 'tap';
import { Potential } from 'rg-stats';
import { arcaea } from '../../src/games/arcaea/index.ts';
import { formatGame } from '../../src/games/registry.ts';
import { buildPB, profileRatings, sessionRatings, deriveClasses } from '../../src/rules.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { ImportFatalError } from '../../src/errors.ts';
import { failure, harness, tachiScoreID } from './helpers.ts';

const h = harness(arcaea);
const { rules, config } = h.definition;

/** song 19 "Sheriruth" Future 10.1, 1151 notes (Tachi's TestingArcaeaSheriruthFTR) */
const SHERIRUTH_FTR = h.chart('48de13e0be17a282eed6ef97e6e1478eb59bc55e');
/** song 59 "Grievous Lady" Future 11.3 */
const GRIEVOUS_FTR = h.chart('5e7baa2b68395f2590b49fee23f6394aee5f1fbd');
/** song 1 "Sayonara Hatsukoi" Past 1.5, Future 7 */
const SAYONARA_PST = h.chart('cb4112524b2299deb500a098dadf8fddb506b164');
const SAYONARA_FTR = h.chart('94197cdd2d3a002dbfa0e8e66e700da9e88adef4');
/** song 166 "Tempestissimo" Beyond 11.5 */
const TEMPEST_BYD = h.chart('caf89ca328dac1f496d96a9e587b227a6a01736e');

const score = (s: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, lamp, ...extra });
const batch = (identifier: string, difficulty: string | undefined, s: number, lamp: string, matchType = 'inGameStrID', extra: Record<string, unknown> = {}) => ({
  score: s,
  lamp,
  matchType,
  identifier,
  ...(difficulty === undefined ? {} : { difficulty }),
  ...extra,
});

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([SHERIRUTH_FTR.difficulty, SHERIRUTH_FTR.levelNum, SHERIRUTH_FTR.data], ['Future', 10.1, { inGameStrID: 'sheriruth', notecount: 1151 }]);
  t.same([GRIEVOUS_FTR.levelNum, h.songOf(GRIEVOUS_FTR).title], [11.3, 'Grievous Lady']);
  t.same([SAYONARA_PST.levelNum, SAYONARA_FTR.levelNum, TEMPEST_BYD.levelNum], [1.5, 7, 11.5]);
  t.equal(h.charts.charts.length, 1095);
  t.equal(h.charts.songs.length, 359);
  t.equal(formatGame('arcaea', 'Touch'), 'Arcaea');
});

t.test('grade deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [0, 'D'], [8_599_999, 'D'], [8_600_000, 'C'], [8_900_000, 'B'], [9_200_000, 'A'], [9_500_000, 'AA'],
    [9_800_000, 'EX'], [9_899_999, 'EX'], [9_900_000, 'EX+'], [10_001_151, 'EX+'],
  ];
  for (const [s, grade] of cases) t.equal(rules.derivers.grade({ score: s, lamp: 'CLEAR', judgements: {}, optional: {} }, SHERIRUTH_FTR), grade, `${s} → ${grade}`);
});

t.test('potential: rg-stats Potential on the chart level', async (t) => {
  // Tachi's arcaea.test.ts: 9,979,366 on Sheriruth FTR (10.1) → 1010 + 100 + floor(179366 / 2000) = 1199 → 11.99
  t.same(h.hydrate(SHERIRUTH_FTR, score(9_979_366, 'CLEAR', { judgements: { pure: 1148, far: 1, lost: 2 } })).calculatedData, { potential: 11.99 });
  // rg-stats potential.test.ts (approximate there, exact here): 9,977,755 on 11.3 → 1130 + 100 + floor(177755 / 2000) = 1318
  t.same(h.hydrate(GRIEVOUS_FTR, score(9_977_755, 'CLEAR')).calculatedData, { potential: 13.18 });
  t.equal(Potential.calculate(9_977_755, 11.3), 13.18, 'the same number straight from rg-stats');
  const p = (s: number, levelNum: number) => rules.scoreRatings.potential({ score: s } as never, { ...SHERIRUTH_FTR, levelNum });
  // boundaries from rg-stats' tests
  t.equal(p(10_000_000, 7), 9, '10M: level + 2');
  t.equal(p(10_001_000, 10), p(10_000_000, 10), 'anything above 10M is the same');
  t.equal(p(9_900_000, 8), 9.5, '9.9M: level + 1 + 50 / 100');
  t.equal(p(9_800_000, 9.5), 10.5, '9.8M: level + 1');
  t.equal(p(9_500_000, 8.9), 8.9, '9.5M: level');
  t.equal(p(9_200_000, 7.5), 6.5, '9.2M: level − 1');
  t.equal(p(8_900_000, 9.5), 7.5, '8.9M: level − 2');
  t.equal(p(8_600_000, 10.5), 7.5, '8.6M: level − 3');
  // far below: 150 + floor(−9,500,000 / 3000) < 0 → 0
  t.same(h.hydrate(SAYONARA_PST, score(0, 'LOST')).calculatedData, { potential: 0 });
  // Beyond 11.5 PURE MEMORY: 1150 + 200
  t.same(h.hydrate(TEMPEST_BYD, score(10_001_540, 'PURE MEMORY')).calculatedData, { potential: 13.5 });
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(SHERIRUTH_FTR, score(9_979_366, 'CLEAR', { judgements: { pure: 1148, far: 1, lost: 2 }, optional: { maxCombo: 700, fast: 1, slow: 0 } }));
  t.same(s.scoreData, {
    score: 9_979_366,
    lamp: 'CLEAR',
    grade: 'EX+',
    judgements: { pure: 1148, far: 1, lost: 2 },
    optional: { maxCombo: 700, fast: 1, slow: 0, enumIndexes: {} },
    enumIndexes: { lamp: 2, grade: 6 },
  });
  t.equal(s.game, 'arcaea');
  t.equal(s.playtype, 'Touch');
  t.equal(s.songID, 19);
});

t.test('score bound: 0 to 10M + the chart\'s notecount (chart validator, Tachi\'s messages)', async (t) => {
  t.equal(rules.chartValidators.score(10_001_151, SHERIRUTH_FTR), true);
  t.equal(rules.chartValidators.score(0, SHERIRUTH_FTR), true);
  t.equal(rules.chartValidators.score(10_001_152, SHERIRUTH_FTR), 'Score cannot exceed 10001151 for this chart.');
  t.equal(rules.chartValidators.score(-1, SHERIRUTH_FTR), 'Score must be non-negative. Got -1');
  t.equal(h.hydrate(SHERIRUTH_FTR, score(10_001_151, 'PURE MEMORY', { judgements: { pure: 1151, far: 0, lost: 0 } })).scoreData.grade, 'EX+');
  failure(
    t,
    () => h.hydrate(SHERIRUTH_FTR, score(10_001_152, 'PURE MEMORY')),
    'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for score, Score cannot exceed 10001151 for this chart. Got 10001152.',
  );
  // the same number is fine on a chart with more notes (Grievous Lady FTR: 1450)
  t.equal(h.hydrate(GRIEVOUS_FTR, score(10_001_152, 'PURE MEMORY')).scoreData.score, 10_001_152);
  // a negative score also has no grade: both said, where Tachi's grade deriver would fail first (InternalError)
  failure(
    t,
    () => h.hydrate(SHERIRUTH_FTR, score(-1, 'LOST')),
    'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for score, Score must be non-negative. Got -1 Got -1.\nInvalid value for grade, got undefined, but expected any of D, C, B, A, AA, EX, EX+.',
  );
});

t.test('lamp validators: Tachi\'s messages through hydrateScore', async (t) => {
  const one = (m: string) => `Got 1 error when validating score:\n${m}`;
  failure(t, () => h.hydrate(SHERIRUTH_FTR, score(9_999_999, 'PURE MEMORY')), 'InvalidDatapoint', one('PURE MEMORY scores must have a score larger than 10 million. Got 9999999 instead.'));
  failure(t, () => h.hydrate(SHERIRUTH_FTR, score(4_999_999, 'FULL RECALL')), 'InvalidDatapoint', one('FULL RECALL scores must have a score larger than 5 million. Got 4999999 instead.'));
  failure(t, () => h.hydrate(SHERIRUTH_FTR, score(9_900_000, 'FULL RECALL', { judgements: { lost: 1 } })), 'InvalidDatapoint', one('Cannot have a FULL RECALL with non-zero lost count.'));
  failure(t, () => h.hydrate(SHERIRUTH_FTR, score(10_000_000, 'PURE MEMORY', { judgements: { far: 1 } })), 'InvalidDatapoint', one('Cannot have a PURE MEMORY with any fars or losts.'));
  failure(t, () => h.hydrate(SHERIRUTH_FTR, score(10_000_000, 'PURE MEMORY', { judgements: { lost: 1 } })), 'InvalidDatapoint', one('Cannot have a PURE MEMORY with any fars or losts.'));
  failure(
    t,
    () => h.hydrate(SHERIRUTH_FTR, score(9_999_999, 'PURE MEMORY', { judgements: { pure: 1150, far: 1, lost: 0 } })),
    'InvalidDatapoint',
    'Got 2 errors when validating score:\nPURE MEMORY scores must have a score larger than 10 million. Got 9999999 instead.\nCannot have a PURE MEMORY with any fars or losts.',
  );
  // valid edge cases: exactly 10M without a PURE MEMORY, an all-FAR FULL RECALL, a FULL RECALL with fars
  t.ok(h.hydrate(SHERIRUTH_FTR, score(10_000_000, 'HARD CLEAR', { judgements: { far: 1 } })));
  t.ok(h.hydrate(SHERIRUTH_FTR, score(5_000_000, 'FULL RECALL', { judgements: { pure: 0, far: 1151, lost: 0 } })));
  t.ok(h.hydrate(SHERIRUTH_FTR, score(9_979_366, 'FULL RECALL', { judgements: { pure: 1148, far: 3, lost: 0 } })));
  failure(
    t,
    () => h.hydrate(SHERIRUTH_FTR, score(9_000_000, 'EX HARD CLEAR')),
    'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for lamp, got EX HARD CLEAR, but expected any of LOST, EASY CLEAR, CLEAR, HARD CLEAR, FULL RECALL, PURE MEMORY.',
  );
});

t.test('naivePotential: session = mean of the best 10 (null below 10), profile = best 30 summed / 30', async (t) => {
  const session = (values: (number | null)[]) => sessionRatings(h.definition, values.map((potential) => ({ calculatedData: { potential } })));
  t.same(session([12, 11, 10, 9, 8, 7, 6, 5, 4]), { naivePotential: null }, 'nine scores');
  // ten scores + a null: (12 + 11 + … + 3) / 10 = 75 / 10
  t.same(session([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, null]), { naivePotential: 7.5 });
  // the best 10 of 12
  t.same(session([1, 2, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3]), { naivePotential: 7.5 });

  const profile = (pbs: ReturnType<typeof h.pbWith>[]) => profileRatings(h.definition, pbs, h.lookup);
  t.same(profile([]), { naivePotential: null });
  // three PBs: (12 + 11 + 10) / 30, always divided by 30
  t.same(profile([h.pbWith({ potential: 12 }), h.pbWith({ potential: 11 }), h.pbWith({ potential: 10 })]), { naivePotential: 33 / 30 });
  // a non-primary PB and a null potential are not counted
  t.same(profile([h.pbWith({ potential: 12 }), h.pbWith({ potential: 13 }, { isPrimary: false }), h.pbWith({ potential: null })]), { naivePotential: 12 / 30 });
  // 35 PBs of 12.5: the best 30 → 12.5
  t.same(profile(Array.from({ length: 35 }, (_, i) => h.pbWith({ potential: i < 30 ? 12.5 : 1 }))), { naivePotential: (12.5 * 30) / 30 });
});

t.test('badge from naivePotential: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'BLUE'], [3.49, 'BLUE'], [3.5, 'GREEN'], [7, 'ASH_PURPLE'], [10, 'PURPLE'], [11, 'RED'],
    [12, 'ONE_STAR'], [12.49, 'ONE_STAR'], [12.5, 'TWO_STARS'], [13, 'THREE_STARS'], [13.5, 'THREE_STARS'],
  ];
  for (const [v, expected] of cases) t.same(deriveClasses(h.definition, { naivePotential: v }), { badge: expected }, `${v} → ${expected}`);
});

t.test('config: Tachi\'s Touch playtype', async (t) => {
  t.same(Object.keys(config.providedMetrics), ['score', 'lamp']);
  t.same(Object.keys(config.derivedMetrics), ['grade']);
  t.same(Object.keys(config.optionalMetrics), ['fast', 'slow', 'maxCombo']);
  t.same(config.difficulties, { type: 'FIXED', order: ['Past', 'Present', 'Future', 'Beyond'], default: 'Future' });
  t.same(config.classes.badge.type, 'DERIVED');
  t.same(config.classes.courseBanner, { type: 'PROVIDED', values: ['PHASE_1', 'PHASE_2', 'PHASE_3', 'PHASE_4', 'PHASE_5', 'PHASE_6', 'PHASE_7', 'PHASE_8', 'PHASE_9', 'PHASE_10', 'PHASE_11'] });
  t.same(config.versions, ['mobile', 'switch']);
  t.same(arcaea.playtypes, ['Touch']);
});

t.test('match types: inGameStrID, songTitle, tachiSongID, with Tachi\'s failures', async (t) => {
  t.equal(h.fromBatch(batch('sheriruth', 'Future', 9_979_366, 'CLEAR')).chart.chartID, SHERIRUTH_FTR.chartID);
  t.equal(h.fromBatch(batch('Sheriruth', 'Future', 9_979_366, 'CLEAR', 'songTitle')).chart.chartID, SHERIRUTH_FTR.chartID);
  t.equal(h.fromBatch(batch('sheriruth', 'Future', 9_979_366, 'CLEAR', 'songTitle')).chart.chartID, SHERIRUTH_FTR.chartID, 'case-insensitive title');
  t.equal(h.fromBatch(batch('Sheriruth', 'Future', 9_979_366, 'CLEAR', 'songTitle', { artist: 'team grimoire' })).chart.chartID, SHERIRUTH_FTR.chartID);
  t.equal(h.fromBatch(batch('19', 'Future', 9_979_366, 'CLEAR', 'tachiSongID')).chart.chartID, SHERIRUTH_FTR.chartID);
  t.equal(h.fromBatch(batch('tempestissimo', 'Beyond', 9_900_000, 'CLEAR')).chart.chartID, TEMPEST_BYD.chartID);
  t.equal(h.fromBatch(batch('sheriruth', 'Future', 9_979_366, 'CLEAR'), { version: 'mobile' }).chart.chartID, SHERIRUTH_FTR.chartID);

  const ctx = (s: Record<string, unknown>, version: string | null = null) => () => h.fromBatch(s, { version });
  failure(t, ctx(batch('sheriruth', 'FTR', 1, 'LOST')), 'InvalidDatapoint', 'Invalid Difficulty for arcaea Touch - Expected any of Past, Present, Future, Beyond (Got FTR)');
  failure(t, ctx(batch('notasong', 'Future', 1, 'LOST')), 'SongOrChartNotFound', 'Cannot find chart for inGameStrID notasong (Touch).');
  failure(t, ctx(batch('sheriruth', 'Beyond', 1, 'LOST')), 'SongOrChartNotFound', 'Cannot find chart for inGameStrID sheriruth (Touch).');
  // no chart is in the switch version in Tachi's seeds
  failure(t, ctx(batch('sheriruth', 'Future', 1, 'LOST'), 'switch'), 'SongOrChartNotFound', 'Cannot find chart for inGameStrID sheriruth (Touch).');
  failure(t, ctx(batch('Sheriruth', 'Beyond', 1, 'LOST', 'songTitle')), 'SongOrChartNotFound', 'Cannot find chart for Sheriruth (Touch Beyond)');
  failure(t, ctx(batch('No Such Song', 'Future', 1, 'LOST', 'songTitle')), 'SongOrChartNotFound', 'Cannot find song with title No Such Song.');
  failure(t, ctx(batch('Sheriruth', 'Future', 1, 'LOST', 'songTitle', { artist: 'someone else' })), 'SongOrChartNotFound', 'Cannot find song with title Sheriruth.');
  failure(t, ctx(batch('Sheriruth', undefined, 1, 'LOST', 'songTitle')), 'InvalidDatapoint', "Missing 'difficulty' field, but was necessary for this lookup.");
  failure(t, ctx(batch('99999', 'Future', 1, 'LOST', 'tachiSongID')), 'SongOrChartNotFound', 'Cannot find song with songID 99999.');
  failure(t, ctx(batch('nineteen', 'Future', 1, 'LOST', 'tachiSongID')), 'InvalidDatapoint', 'Invalid songID - must be a stringified positive integer. (Not an integer -- nineteen.)');
  // two songs are called "Genesis" in Tachi's seeds
  failure(
    t,
    ctx(batch('Genesis', 'Future', 1, 'LOST', 'songTitle')),
    'AmbiguousTitle',
    'Multiple songs exist with the case-insensitive title Genesis. We cannot resolve this. Please try adding an artist field.',
  );
  for (const matchType of ['inGameID', 'sdvxInGameID', 'bmsChartHash', 'itgChartHash', 'uscChartHash', 'popnChartHash', 'ddrSongHash']) {
    failure(t, ctx(batch('sheriruth', 'Future', 1, 'LOST', matchType)), 'InvalidDatapoint', `Cannot use matchType ${matchType} for Arcaea. Expected any of inGameStrID, songTitle, tachiSongID.`);
  }
});

t.test('scoreID: userID, chartID, score and lamp; judgements and optionals are not part of it', async (t) => {
  const a = h.fromBatch(batch('sheriruth', 'Future', 9_979_366, 'CLEAR', 'inGameStrID', { judgements: { pure: 1148, far: 1, lost: 2 }, optional: { maxCombo: 700 } }));
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${SHERIRUTH_FTR.chartID}","lamp":"CLEAR","score":9979366,"userID":1}`));
  const b = h.fromBatch(batch('Sheriruth', 'Future', 9_979_366, 'CLEAR', 'songTitle', { timeAchieved: 1_700_000_000_000 }));
  t.equal(b.scoreID, a.scoreID, 'the same score by another match type and with a timestamp');
  t.not(h.fromBatch(batch('sheriruth', 'Future', 9_979_366, 'HARD CLEAR')).scoreID, a.scoreID);
  t.not(h.fromBatch(batch('sheriruth', 'Future', 9_979_366, 'CLEAR'), { userID: 2 }).scoreID, a.scoreID);
});

t.test('BATCH-MANUAL: courseBanner is a provided class; badge cannot be sent', async (t) => {
  const doc = (classes: unknown) => ({ meta: { game: 'arcaea', playtype: 'Touch', service: 'tests' }, scores: [], classes });
  t.same(parseBatchManual(doc({ courseBanner: 'PHASE_11' })).classes, { Touch: { courseBanner: 'PHASE_11' } });
  const fatal = (d: unknown) => {
    try {
      parseBatchManual(d);
    } catch (err) {
      return err instanceof ImportFatalError ? err.message : String(err);
    }
    return null;
  };
  t.equal(fatal(doc({ badge: 'RED' })), 'Invalid BATCH-MANUAL: classes | Unexpected properties inside object: badge..');
  t.equal(
    fatal(doc({ courseBanner: 'PHASE_12' })),
    'Invalid BATCH-MANUAL: classes.courseBanner | Expected any of PHASE_1, PHASE_2, PHASE_3, PHASE_4, PHASE_5, PHASE_6, PHASE_7, PHASE_8, PHASE_9, PHASE_10, PHASE_11. | Received PHASE_12 [type: string].',
  );
  t.equal(fatal({ meta: { game: 'arcaea', playtype: 'Controller', service: 'tests' }, scores: [] }), "Invalid playtype 'Controller' - expected any of Touch.");
  t.equal(
    fatal({ meta: { game: 'arcaea', playtype: 'Touch', service: 'tests' }, scores: [batch('sheriruth', 'Future', 9_000_000.5, 'CLEAR')] }),
    'Invalid BATCH-MANUAL: scores[0].score | Expected an integer. | Received 9000000.5 [type: number].',
  );
});

t.test('PBs: the best score, then the best lamp (Tachi\'s "Should join best lamp")', async (t) => {
  const best = h.hydrate(SHERIRUTH_FTR, score(9_979_366, 'CLEAR'), { scoreID: 'Tbest', timeAchieved: 1_000 });
  const lamp = h.hydrate(SHERIRUTH_FTR, score(0, 'FULL RECALL'), { scoreID: 'TbestLamp', timeAchieved: 2_000, validators: false });
  const pb = buildPB(h.definition, SHERIRUTH_FTR, [best, lamp])!;
  t.same(pb.composedFrom, [
    { name: 'Best Score', scoreID: 'Tbest' },
    { name: 'Best Lamp', scoreID: 'TbestLamp' },
  ]);
  t.equal(pb.scoreData.score, 9_979_366);
  t.equal(pb.scoreData.lamp, 'FULL RECALL');
  t.equal(pb.scoreData.grade, 'EX+');
  t.same(pb.scoreData.enumIndexes, { lamp: 4, grade: 6 });
  t.same(pb.calculatedData, { potential: 11.99 });
  t.equal(pb.timeAchieved, 2_000, 'the latest of its scores');

  // one score that is both: composedFrom names it once
  const only = buildPB(h.definition, SHERIRUTH_FTR, [h.hydrate(SHERIRUTH_FTR, score(10_000_000, 'PURE MEMORY'), { scoreID: 'Tpm' })])!;
  t.same(only.composedFrom, [{ name: 'Best Score', scoreID: 'Tpm' }]);
});
