/**
 * MÚSECA rules against the bundled seeds: grade, curator skill (rg-stats CuratorSkill, vectors from
 * rg-stats' curator-skill.test.ts), session/profile curatorSkill, validators (through
 * hydrateScore), match types (versions 1.5 / 1.5-b), scoreIDs and PB merges.
 */
import t from 'tap';
import { CuratorSkill } from 'rg-stats';
import { museca } from '../../src/games/museca/index.ts';
import { formatGame } from '../../src/games/registry.ts';
import { buildPB, deriveClasses, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, harness, tachiScoreID } from './helpers.ts';

const h = harness(museca);
const { rules, config } = h.definition;

/** song 1 "セツナトリップ": Red 13 (Tachi's TestingMusecaChart), Green 3 */
const SETSUNA_RED = h.chart('4f3a7bf907f7be54a0c531dd9077e58fd7b6bb9c');
const SETSUNA_GREEN = h.chart('70b80da02a2037d556026b412c386b2fd1e57dbd');
/** song 226 "Everlasting Message" Red 15: only in 1.5-b */
const EVERLASTING_RED = h.chart('48a10f75e54e782121049ff242a1aced5777dbf4');

const score = (s: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, lamp, ...extra });
const batch = (identifier: string, difficulty: string | undefined, s: number, lamp: string, matchType = 'inGameID', extra: Record<string, unknown> = {}) => ({
  score: s,
  lamp,
  matchType,
  identifier,
  ...(difficulty === undefined ? {} : { difficulty }),
  ...extra,
});

/** a level-16 and a level-15 Red chart of the seeds (rg-stats' vectors are on 16s and 15s) */
const level16 = h.charts.charts.find((c) => c.levelNum === 16 && c.difficulty === 'Red')!;
const level15 = h.charts.charts.find((c) => c.levelNum === 15 && c.difficulty === 'Red')!;

t.test('the bundled charts are what these tests assume', async (t) => {
  t.same([SETSUNA_RED.difficulty, SETSUNA_RED.levelNum, SETSUNA_RED.data, SETSUNA_RED.versions], ['Red', 13, { inGameID: 1 }, ['1.5', '1.5-b']]);
  t.same([SETSUNA_GREEN.levelNum, h.songOf(SETSUNA_GREEN).title], [3, 'セツナトリップ']);
  t.same([EVERLASTING_RED.levelNum, EVERLASTING_RED.data, EVERLASTING_RED.versions, h.songOf(EVERLASTING_RED).title], [15, { inGameID: 226 }, ['1.5-b'], 'Everlasting Message']);
  t.equal(h.charts.charts.length, 612);
  t.equal(h.charts.songs.length, 204);
  t.ok(level16 && level15);
  t.equal(formatGame('museca', 'Single'), 'MÚSECA');
});

t.test('grade deriver: Tachi\'s vectors', async (t) => {
  const cases: [number, string][] = [
    [0, '没'], [599_999, '没'], [600_000, '拙'], [700_000, '凡'], [800_000, '佳'], [850_000, '良'],
    [900_000, '優'], [950_000, '秀'], [975_000, '傑'], [999_999, '傑'], [1_000_000, '傑G'],
  ];
  for (const [s, grade] of cases) t.equal(rules.derivers.grade({ score: s, lamp: 'CLEAR', judgements: {}, optional: {} }, SETSUNA_RED), grade, `${s} → ${grade}`);
});

t.test('curatorSkill: rg-stats CuratorSkill, floor(level × score / 10,000)', async (t) => {
  // rg-stats curator-skill.test.ts
  const vectors: [number, number, number][] = [
    [980_740, 16, 1569], [975_531, 16, 1560], [971_879, 16, 1555], [968_195, 16, 1549], [964_310, 16, 1542],
    [959_301, 16, 1534], [950_871, 16, 1521], [998_269, 15, 1497], [996_327, 15, 1494], [995_580, 15, 1493],
    [995_690, 15, 1493], [994_676, 15, 1492], [992_261, 15, 1488], [992_304, 15, 1488], [992_365, 15, 1488],
    [992_162, 15, 1488], [991_697, 15, 1487], [991_488, 15, 1487], [990_949, 15, 1486], [990_748, 15, 1486],
  ];
  for (const [s, level, skill] of vectors) {
    const chart = level === 16 ? level16 : level15;
    t.same(h.hydrate(chart, score(s, 'CLEAR')).calculatedData, { curatorSkill: skill }, `${s} on a ${level}`);
  }
  // Tachi's museca.test.ts score on its chart: 970,000 on Red 13 → floor(13 × 97) = 1261
  t.same(h.hydrate(SETSUNA_RED, score(970_000, 'CLEAR')).calculatedData, { curatorSkill: 1261 });
  t.equal(CuratorSkill.calculate(970_000, 13), 1261, 'the same number straight from rg-stats');
  // 1M PERFECT CONNECT ALL on Green 3: 300; 0 → 0
  t.same(h.hydrate(SETSUNA_GREEN, score(1_000_000, 'PERFECT CONNECT ALL')).calculatedData, { curatorSkill: 300 });
  t.same(h.hydrate(SETSUNA_GREEN, score(0, 'FAILED')).calculatedData, { curatorSkill: 0 });
});

t.test('a hydrated score has Tachi\'s shape', async (t) => {
  const s = h.hydrate(SETSUNA_RED, score(970_000, 'CONNECT ALL', { judgements: { critical: 900, near: 20, miss: 0 }, optional: { maxCombo: 920 } }));
  t.same(s.scoreData, {
    score: 970_000,
    lamp: 'CONNECT ALL',
    grade: '秀',
    judgements: { critical: 900, near: 20, miss: 0 },
    optional: { maxCombo: 920, enumIndexes: {} },
    enumIndexes: { lamp: 2, grade: 6 },
  });
  t.equal(s.game, 'museca');
  t.equal(s.playtype, 'Single');
});

t.test('validators: Tachi\'s messages through hydrateScore', async (t) => {
  const one = (m: string) => `Got 1 error when validating score:\n${m}`;
  failure(t, () => h.hydrate(SETSUNA_RED, score(999_999, 'PERFECT CONNECT ALL')), 'InvalidDatapoint', one('A PERFECT CONNECT ALL must have a score of 1 million.'));
  failure(t, () => h.hydrate(SETSUNA_RED, score(1_000_000, 'CONNECT ALL')), 'InvalidDatapoint', one('A perfect score of 1 million must have a lamp of PERFECT CONNECT ALL.'));
  failure(t, () => h.hydrate(SETSUNA_RED, score(1_000_000, 'PERFECT CONNECT ALL', { judgements: { near: 1 } })), 'InvalidDatapoint', one('Cannot have a PERFECT CONNECT ALL with any nears or misses.'));
  failure(t, () => h.hydrate(SETSUNA_RED, score(990_000, 'CONNECT ALL', { judgements: { miss: 1 } })), 'InvalidDatapoint', one('Cannot have a CONNECT ALL with any misses.'));
  failure(t, () => h.hydrate(SETSUNA_RED, score(799_999, 'CLEAR')), 'InvalidDatapoint', one('A score of <800k must be a fail.'));
  failure(t, () => h.hydrate(SETSUNA_RED, score(800_000, 'FAILED')), 'InvalidDatapoint', one('A score of >=800k must be a clear.'));
  failure(
    t,
    () => h.hydrate(SETSUNA_RED, score(700_000, 'PERFECT CONNECT ALL', { judgements: { miss: 3 } })),
    'InvalidDatapoint',
    'Got 3 errors when validating score:\nA PERFECT CONNECT ALL must have a score of 1 million.\nCannot have a PERFECT CONNECT ALL with any nears or misses.\nA score of <800k must be a fail.',
  );
  // above 1M: the metric's own bound, an InvalidDatapoint (rg-stats would throw here, Tachi's InternalError)
  failure(
    t,
    () => h.hydrate(SETSUNA_RED, score(1_000_001, 'CLEAR')),
    'InvalidDatapoint',
    one('Invalid value for score, Expected a number between 0 and 1000000. Got 1000001.'),
  );
  // a CONNECT ALL with nears, an 800k clear, a 799,999 fail are fine
  t.ok(h.hydrate(SETSUNA_RED, score(990_000, 'CONNECT ALL', { judgements: { near: 10, miss: 0 } })));
  t.ok(h.hydrate(SETSUNA_RED, score(800_000, 'CLEAR')));
  t.ok(h.hydrate(SETSUNA_RED, score(799_999, 'FAILED')));
});

t.test('curatorSkill: session = mean of the best 10 (null below 10), profile = sum of the best 20', async (t) => {
  const session = (values: (number | null)[]) => sessionRatings(h.definition, values.map((curatorSkill) => ({ calculatedData: { curatorSkill } })));
  t.same(session([1500, 1400, 1300]), { curatorSkill: null });
  // 1500 + 1490 + … + 1410 = 14550 → 1455
  t.same(session([...Array.from({ length: 10 }, (_, i) => 1500 - 10 * i), 100, null]), { curatorSkill: 1455 });

  const profile = (pbs: ReturnType<typeof h.pbWith>[]) => profileRatings(h.definition, pbs, h.lookup);
  t.same(profile([]), { curatorSkill: null });
  t.same(profile([h.pbWith({ curatorSkill: 1261 }), h.pbWith({ curatorSkill: 300 })]), { curatorSkill: 1561 }, 'fewer than 20 are summed');
  // 25 PBs: the best 20 (1500 … 1310) summed = 20 × (1500 + 1310) / 2 = 28100
  t.same(profile(Array.from({ length: 25 }, (_, i) => h.pbWith({ curatorSkill: 1500 - 10 * i }))), { curatorSkill: 28100 });
  t.same(profile([h.pbWith({ curatorSkill: 1500 }, { isPrimary: false }), h.pbWith({ curatorSkill: 10 })]), { curatorSkill: 10 }, 'non-primary PBs are left out');
  t.same(deriveClasses(h.definition, { curatorSkill: 28100 }), {}, 'no classes');
});

t.test('config: Tachi\'s Single playtype', async (t) => {
  t.same(config.difficulties, { type: 'FIXED', order: ['Green', 'Yellow', 'Red'], default: 'Red' });
  t.same(config.versions, ['1.5', '1.5-b']);
  t.same(config.classes, {});
  t.same(config.orderedJudgements, ['critical', 'near', 'miss']);
  t.same(config.supportedMatchTypes, ['songTitle', 'tachiSongID', 'inGameID']);
});

t.test('match types: inGameID (with versions), songTitle, tachiSongID', async (t) => {
  t.equal(h.fromBatch(batch('1', 'Red', 970_000, 'CLEAR')).chart.chartID, SETSUNA_RED.chartID);
  t.equal(h.fromBatch(batch('1', 'Red', 970_000, 'CLEAR'), { version: '1.5' }).chart.chartID, SETSUNA_RED.chartID);
  t.equal(h.fromBatch(batch('セツナトリップ', 'Green', 970_000, 'CLEAR', 'songTitle')).chart.chartID, SETSUNA_GREEN.chartID);
  t.equal(h.fromBatch(batch('1', 'Green', 970_000, 'CLEAR', 'tachiSongID')).chart.chartID, SETSUNA_GREEN.chartID);
  t.equal(h.fromBatch(batch('226', 'Red', 970_000, 'CLEAR')).chart.chartID, EVERLASTING_RED.chartID, 'no version: the primary chart');
  t.equal(h.fromBatch(batch('226', 'Red', 970_000, 'CLEAR'), { version: '1.5-b' }).chart.chartID, EVERLASTING_RED.chartID);

  const ctx = (s: Record<string, unknown>, version: string | null = null) => () => h.fromBatch(s, { version });
  failure(t, ctx(batch('226', 'Red', 970_000, 'CLEAR'), '1.5'), 'SongOrChartNotFound', 'Cannot find chart for inGameID 226 (Single).');
  failure(t, ctx(batch('9999', 'Red', 970_000, 'CLEAR')), 'SongOrChartNotFound', 'Cannot find chart for inGameID 9999 (Single).');
  failure(t, ctx(batch('1', 'RED', 970_000, 'CLEAR')), 'InvalidDatapoint', 'Invalid Difficulty for museca Single - Expected any of Green, Yellow, Red (Got RED)');
  failure(t, ctx(batch('1', undefined, 970_000, 'CLEAR')), 'InvalidDatapoint', 'Invalid Difficulty for museca Single - Expected any of Green, Yellow, Red (Got undefined)');
  failure(t, ctx(batch('Everlasting Message', 'Red', 970_000, 'CLEAR', 'songTitle'), '1.5'), 'SongOrChartNotFound', 'Cannot find chart for Everlasting Message (Single Red)');
  failure(t, ctx(batch('No Such Song', 'Red', 970_000, 'CLEAR', 'songTitle')), 'SongOrChartNotFound', 'Cannot find song with title No Such Song.');
  failure(t, ctx(batch('9999', 'Red', 970_000, 'CLEAR', 'tachiSongID')), 'SongOrChartNotFound', 'Cannot find song with songID 9999.');
  failure(t, ctx(batch('1', 'Red', 970_000, 'CLEAR', 'inGameStrID')), 'InvalidDatapoint', 'Cannot use matchType inGameStrID for MÚSECA. Expected any of songTitle, tachiSongID, inGameID.');
  failure(t, ctx(batch('1', 'Red', 970_000, 'CLEAR', 'sdvxInGameID')), 'InvalidDatapoint', 'Cannot use matchType sdvxInGameID for MÚSECA. Expected any of songTitle, tachiSongID, inGameID.');
});

t.test('scoreID: userID, chartID, score and lamp', async (t) => {
  const a = h.fromBatch(batch('1', 'Red', 970_000, 'CLEAR', 'inGameID', { judgements: { critical: 900 } }));
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${SETSUNA_RED.chartID}","lamp":"CLEAR","score":970000,"userID":1}`));
  t.equal(h.fromBatch(batch('セツナトリップ', 'Red', 970_000, 'CLEAR', 'songTitle')).scoreID, a.scoreID);
  t.not(h.fromBatch(batch('1', 'Red', 970_000, 'CONNECT ALL')).scoreID, a.scoreID);
});

t.test('PBs: the best score, then the best lamp (Tachi\'s "Should join best lamp")', async (t) => {
  const best = h.hydrate(SETSUNA_RED, score(970_000, 'CLEAR'), { scoreID: 'Tbest' });
  const lamp = h.hydrate(SETSUNA_RED, score(0, 'CONNECT ALL'), { scoreID: 'TbestLamp', validators: false });
  const pb = buildPB(h.definition, SETSUNA_RED, [best, lamp])!;
  t.same(pb.composedFrom, [
    { name: 'Best Score', scoreID: 'Tbest' },
    { name: 'Best Lamp', scoreID: 'TbestLamp' },
  ]);
  t.same([pb.scoreData.score, pb.scoreData.lamp, pb.scoreData.grade], [970_000, 'CONNECT ALL', '秀']);
  t.same(pb.scoreData.enumIndexes, { lamp: 2, grade: 6 });
  t.same(pb.calculatedData, { curatorSkill: 1261 });
});
