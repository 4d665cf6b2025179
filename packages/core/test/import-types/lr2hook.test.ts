/**
 * ir/lr2hook: Tachi's #ParseLR2Hook and #ConverterLR2Hook tests (TestingLR2HookScore) against the
 * BMS fixture seeds, and the course submission's checks.
 */
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts } from '../../src/charts/chart-index.ts';
import { ImportFatalError, ScoreFailure } from '../../src/errors.ts';
import { irLR2Hook, readLR2HookCourse } from '../../src/import-types/ir/lr2hook/index.ts';
import type { LR2HookScore } from '../../src/import-types/ir/lr2hook/parse.ts';
import type { ImportInput } from '../../src/import-types/types.ts';

const seed = (kind: string) => JSON.parse(readFileSync(new URL(`../fixtures/seeds/${kind}-bms.json`, import.meta.url), 'utf8'));
const charts = new GameCharts({ songs: seed('songs'), charts: seed('charts') });
const input = (body: unknown, options: Record<string, string> = {}): ImportInput => ({ content: Buffer.from(JSON.stringify(body)), submittedAt: 1_700_000_000_000, options });

const graph = (f: (i: number) => number) => Array.from({ length: 1000 }, (_, i) => f(i));
// Tachi's TestingLR2HookScore (a fixed gauge graph instead of random values)
const SCORE: LR2HookScore = {
  md5: '38616b85332037cc12924f2ae2840262',
  playerData: { autoScr: 0, gameMode: '7K', random: 'RAN', gauge: 'GROOVE' },
  scoreData: {
    pgreat: 1100, great: 900, good: 200, bad: 50, poor: 6, exScore: 2500, maxCombo: 50, moneyScore: 150_000, notesTotal: 2256,
    notesPlayed: 2256, lamp: 'HARD', hpGraph: graph((i) => [100, 50, 80, 0][i % 4]),
  },
};
const withScoreData = (over: object): LR2HookScore => ({ ...SCORE, scoreData: { ...SCORE.scoreData, ...over } });
const EXT = { epg: 1, lpg: 2, egr: 3, lgr: 4, egd: 5, lgd: 6, ebd: 7, lbd: 8, epr: 9, lpr: 10, cb: 11, fast: 12, slow: 13, notesPlayed: 2256 };

function failure(t: Test, fn: () => unknown, type: string, message: string) {
  try {
    fn();
    t.fail(`expected ${type}: ${message}`);
  } catch (err) {
    t.ok(err instanceof ScoreFailure, message);
    t.same([(err as ScoreFailure).type, (err as Error).message], [type, message]);
  }
}

t.test('parse: valid scores (excess keys allowed), Tachi\'s refusals', async (t) => {
  t.strictSame(await irLR2Hook.parse(input(SCORE)), { game: 'bms', context: { game: 'bms', timeReceived: 1_700_000_000_000 }, datapoints: [SCORE], classes: null });
  for (const body of [
    { ...SCORE, unexpectedField: 'foo' },
    withScoreData({ unexpectedField: 'foo' }),
    { ...SCORE, playerData: { ...SCORE.playerData, unexpectedField: 'foo' } },
    withScoreData({ extendedJudgements: EXT }),
    withScoreData({ extendedJudgements: null, extendedHpGraphs: null }),
    { ...SCORE, unixTimestamp: 1_600_000_000 },
  ]) {
    t.equal((await irLR2Hook.parse(input(body))).datapoints.length, 1);
  }
  const fails = async (body: unknown, message: string) => t.rejects(async () => irLR2Hook.parse(input(body)), new ImportFatalError(400, message), message);
  await fails({ ...SCORE, playerData: { ...SCORE.playerData, autoScr: 1 } }, 'Error: playerData.autoScr | Auto Scratch cannot be turned on, as it is treated as an EASY CLEAR by LR2. | Received 1 [type: number].');
  await fails({ ...SCORE, playerData: { ...SCORE.playerData, random: 'H-RAN' } }, 'Error: playerData.random | Expected any of NORAN, MIRROR, RAN, S-RAN. Note that ALLSCR and H-RAN are not supported! | Received H-RAN [type: string].');
  await fails({ ...SCORE, playerData: { ...SCORE.playerData, gauge: 'EXHARD' } }, 'Error: playerData.gauge | Expected any of GROOVE, HARD, HAZARD, EASY, P-ATTACK, G-ATTACK. | Received EXHARD [type: string].');
  await fails(withScoreData({ hpGraph: [1, 2] }), 'Error: scoreData.hpGraph | Expected an array with length 1000..');
  await fails(withScoreData({ hpGraph: graph(() => 101) }), 'Error: scoreData.hpGraph | Expected an array of 1000 integers between 0 and 100..');
  await fails(withScoreData({ hpGraph: 'x' }), 'Error: scoreData.hpGraph | Expected an array | Received x [type: string].');
  await fails(withScoreData({ exScore: -1 }), 'Error: scoreData.exScore | Expected a positive integer. | Received -1 [type: number].');
  await fails(withScoreData({ lamp: 'ASSIST' }), 'Error: scoreData.lamp | Expected any of NO PLAY, FAIL, EASY, NORMAL, HARD, FULL COMBO. | Received ASSIST [type: string].');
  await fails(withScoreData({ extendedJudgements: { ...EXT, cb: -1 } }), 'Error: scoreData.extendedJudgements.cb | Expected a positive integer. | Received -1 [type: number].');
  await fails({ ...SCORE, md5: 5 }, 'Error: md5 | Expected string. | Received 5 [type: number].');
  await fails({ ...SCORE, unixTimestamp: -5 }, 'Error: unixTimestamp | Expected a positive integer. | Received -5 [type: number].');
});

t.test('convert: Tachi\'s #ConverterLR2Hook', async (t) => {
  const ctx = { game: 'bms' as const, timeReceived: 10_000 };
  const res = irLR2Hook.convert(SCORE, ctx, charts);
  t.same([res.song.id, res.chart.chartID], [27339, '88eb6cc5683e2740cbd07f588a5f3db1db8d467b']);
  t.strictSame(res.dryScore, {
    game: 'bms',
    service: 'LR2Hook',
    comment: null,
    importType: 'ir/lr2hook',
    timeAchieved: 10_000,
    scoreData: {
      score: 2500,
      lamp: 'HARD CLEAR',
      judgements: { pgreat: 1100, great: 900, good: 200, bad: 50, poor: 6 },
      optional: {
        bp: 56, maxCombo: 50, gauge: 0, gaugeHistory: SCORE.scoreData.hpGraph,
        ebd: undefined, lbd: undefined, egd: undefined, lgd: undefined, egr: undefined, lgr: undefined, epg: undefined, lpg: undefined,
        epr: undefined, lpr: undefined, fast: undefined, slow: undefined, gaugeHistoryEasy: undefined, gaugeHistoryGroove: undefined, gaugeHistoryHard: undefined,
      },
    },
    scoreMeta: { gauge: 'NORMAL', random: 'RANDOM', client: 'LR2' },
  });

  const ext = irLR2Hook.convert(
    { ...withScoreData({ extendedJudgements: EXT, extendedHpGraphs: { groove: graph(() => 1), hard: graph(() => 2), hazard: graph(() => 3), easy: graph(() => 4), pattack: graph(() => 5), gattack: graph(() => 6) } }), unixTimestamp: 8 },
    ctx,
    charts,
  ).dryScore;
  t.equal(ext.timeAchieved, 8_000);
  t.match(ext.scoreData.optional, { bp: 56, epg: 1, lpg: 2, egr: 3, lgr: 4, egd: 5, lgd: 6, ebd: 7, lbd: 8, epr: 9, lpr: 10, fast: 12, slow: 13, gaugeHistoryGroove: graph(() => 1), gaugeHistoryHard: graph(() => 2), gaugeHistoryEasy: graph(() => 4) });

  t.equal(irLR2Hook.convert(withScoreData({ notesPlayed: 2255 }), ctx, charts).dryScore.scoreData.optional.bp, null, 'exited early: no BP');
  t.equal(irLR2Hook.convert(withScoreData({ notesPlayed: 2255, extendedJudgements: { ...EXT, notesPlayed: 2255 } }), ctx, charts).dryScore.scoreData.optional.bp, 57, 'exited early with extended judgements: BP counts the unplayed notes');
  t.same(
    (['EASY', 'GROOVE', 'HARD', 'HAZARD', 'P-ATTACK', 'G-ATTACK'] as const).map((gauge) => irLR2Hook.convert({ ...SCORE, playerData: { ...SCORE.playerData, gauge } }, ctx, charts).dryScore.scoreMeta.gauge),
    ['EASY', 'NORMAL', 'HARD', 'HARD', 'HARD', 'HARD'],
  );
  t.same(
    (['NORAN', 'MIRROR', 'RAN', 'S-RAN'] as const).map((random) => irLR2Hook.convert({ ...SCORE, playerData: { ...SCORE.playerData, random } }, ctx, charts).dryScore.scoreMeta.random),
    ['NONRAN', 'MIRROR', 'RANDOM', 'S-RANDOM'],
  );
  t.same(
    (['NO PLAY', 'FAIL', 'EASY', 'NORMAL', 'HARD', 'FULL COMBO'] as const).map((lamp) => irLR2Hook.convert(withScoreData({ lamp }), ctx, charts).dryScore.scoreData.lamp),
    ['NO PLAY', 'FAILED', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'FULL COMBO'],
  );
  // by SHA-256 too; 14K has no random
  const dp = irLR2Hook.convert({ ...SCORE, md5: 'f116ab42ec03f31c1aaaf073c93e41835c6f08306576873dd5053b173d9a7da2' }, ctx, charts);
  t.same([dp.chart.playtype, dp.dryScore.scoreMeta.random], ['14K', null]);
  failure(t, () => irLR2Hook.convert({ ...SCORE, md5: 'd0f497c0f955e7edfb0278f446cdb6f8' }, ctx, charts), 'SongOrChartNotFound', 'Could not find chart with md5 d0f497c0f955e7edfb0278f446cdb6f8.');
});

t.test('courses: Tachi\'s checks (prValidate: no excess keys) and the course lookup', async (t) => {
  // Tachi's classBody (router.test.ts): GENOSIDE 2018 段位認定 Overjoy
  const course = {
    ...SCORE,
    md5: 'cfad3baadce9e02c45021963453d7c9477d23be22b2370925c573d922276bce0188a99f74ab71804f2e360dcf484545cc46a81cb184f5a804c119930d6eba748',
    playerData: { autoScr: 0, gameMode: 'shrug', gauge: 'EASY', random: 'MIRROR' },
    scoreData: { ...SCORE.scoreData, exScore: 10, bad: 10, good: 10, great: 10, lamp: 'EASY', maxCombo: 10, moneyScore: 10, notesPlayed: 10, notesTotal: 10, pgreat: 10, poor: 10 },
  };
  t.match(readLR2HookCourse(course), { kind: 'class', course: { playtype: '7K', set: 'genocideDan', value: 'OVERJOY' } });
  t.same(readLR2HookCourse({ ...course, scoreData: { ...course.scoreData, notesPlayed: 1 } }), {
    kind: 'answer',
    statusCode: 200,
    body: { success: true, description: 'Class not updated. You failed to clear this course.', body: { notesPlayed: 1, notesTotal: 10 } },
  });
  t.same(readLR2HookCourse({ ...course, md5: 'some nonsense' }), { kind: 'answer', statusCode: 404, body: { success: false, description: "Couldn't find a course with this MD5 (some nonsense)." } });
  t.same(readLR2HookCourse({ ...course, extra: 1 }), { kind: 'answer', statusCode: 400, body: { success: false, description: '[null] Unexpected properties inside object: extra.' } });
  t.same(readLR2HookCourse({ ...course, playerData: { ...course.playerData, autoScr: 1 } }), {
    kind: 'answer',
    statusCode: 400,
    body: { success: false, description: '[playerData.autoScr] Invalid Input, but no error message is available. (Received 1)' },
  });
  const parsed = await irLR2Hook.parse(input(course, { submission: 'course' }));
  t.same([parsed.datapoints, parsed.classes], [[], { '7K': { genocideDan: 'OVERJOY' } }]);
  await t.rejects(async () => irLR2Hook.parse(input({ ...course, md5: 'x' }, { submission: 'course' })), new ImportFatalError(404, "Couldn't find a course with this MD5 (x)."));
});
