/**
 * ir/beatoraja: parse and convert with Tachi's MockBeatorajaBMSScore / MockBeatorajaPMSScore
 * against the BMS and PMS fixture seeds (lamps, randoms, judgements from the early/late counts, PMS
 * playtype by device, the orphan message), and the course submission's checks and lookup.
 */
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { GameCharts, type GameData } from '../../src/charts/chart-index.ts';
import { ImportFatalError, ScoreFailure } from '../../src/errors.ts';
import { gpt } from '../../src/games/registry.ts';
import { findBMSCourse } from '../../src/import-types/ir/common/bms-courses.ts';
import { irBeatoraja, readBeatorajaCourse } from '../../src/import-types/ir/beatoraja/index.ts';
import type { BeatorajaContext, BeatorajaScore } from '../../src/import-types/ir/beatoraja/parse.ts';
import type { ImportInput } from '../../src/import-types/types.ts';

const seed = (kind: string, game: string) => JSON.parse(readFileSync(new URL(`../fixtures/seeds/${kind}-${game}.json`, import.meta.url), 'utf8'));
const data = (game: string): GameData => ({ songs: seed('songs', game), charts: seed('charts', game) });
const bms = new GameCharts(data('bms'));
const pms = new GameCharts(data('pms'));

const GAZER_SHA256 = '195fe1be5c3e74fccd04dc426e05f8a9cfa8a1059c339d0a23e99f63661f0b7d';
const PMS_SHA256 = 'a10193f7ae05ce839292dc716f182fda0b1cc6ac5382c2056f37e22ffba87b7d';

// Tachi's MockBeatorajaBMSScore
const chart = {
  md5: '38616b85332037cc12924f2ae2840262', sha256: GAZER_SHA256, title: 'GAZER [MANIAQ]', subtitle: '', genre: 'TRANCE',
  artist: 'the dude who made gazer', subartist: '', url: '', appendurl: '', level: 8, total: 220, mode: 'BEAT_7K', lntype: 0,
  judge: 100, minbpm: 135, maxbpm: 135, notes: 568, hasUndefinedLN: false, hasLN: false, hasCN: false, hasHCN: false,
  hasMine: false, hasRandom: false, hasStop: false, values: {},
};
const score = {
  sha256: GAZER_SHA256, lntype: 0, player: 'unknown', clear: 'Easy', date: 0, epg: 332, lpg: 127, egr: 65, lgr: 21, egd: 2,
  lgd: 2, ebd: 1, lbd: 0, epr: 7, lpr: 11, ems: 1, lms: 0, maxcombo: 223, notes: 568, passnotes: 568, minbp: 20, option: 2,
  assist: 0, gauge: -1, deviceType: 'BM_CONTROLLER', judgeAlgorithm: 'Combo', rule: 'LR2', exscore: 1004,
};
const BMS_BODY = { chart, score, client: 'LR2oraja 0.8.0' };
const PMS_BODY = {
  chart: { ...chart, md5: 'd1253dd56bb2087d0b0d474f0d562aae', sha256: PMS_SHA256, title: 'GPMSAZER [MANIAQ]', mode: 'POPN_9K' },
  score: { ...score, sha256: PMS_SHA256 },
  client: 'beatoraja 0.8.0',
};

const input = (body: unknown, options: Record<string, string> = {}): ImportInput => ({ content: Buffer.from(JSON.stringify(body)), submittedAt: 1_700_000_000_000, options });

function failure(t: Test, fn: () => unknown, type: string, message: string) {
  try {
    fn();
    t.fail(`expected ${type}: ${message}`);
  } catch (err) {
    t.ok(err instanceof ScoreFailure, message);
    t.same([(err as ScoreFailure).type, (err as Error).message], [type, message]);
  }
}

t.test('parse: BMS needs LR2oraja, PMS beatoraja; the context keeps the chart', async (t) => {
  const parsed = await irBeatoraja.parse(input(BMS_BODY, { userID: '7' }));
  t.strictSame(parsed, {
    game: 'bms',
    context: { game: 'bms', client: 'lr2oraja', chart: BMS_BODY.chart, userID: 7, timeReceived: 1_700_000_000_000 },
    datapoints: [BMS_BODY.score],
    classes: null,
  });
  const p = await irBeatoraja.parse(input(PMS_BODY));
  t.same([p.game, p.context.client, p.context.userID], ['pms', 'beatoraja', null]);

  const fails = async (body: unknown, message: string) => t.rejects(async () => irBeatoraja.parse(input(body)), new ImportFatalError(400, message), message);
  await fails({ ...BMS_BODY, client: 'INVALID' }, 'Unsupported client INVALID -- Expected a variant of LR2oraja.');
  await fails({ ...BMS_BODY, client: 'beatoraja 0.8.0' }, 'Unsupported client beatoraja 0.8.0 -- Expected a variant of LR2oraja.');
  await fails({ ...PMS_BODY, client: 'LR2oraja 0.8.0' }, 'Unsupported client LR2oraja 0.8.0 -- Expected a variant of beatoraja.');
  await fails({ chart }, 'Invalid Beatoraja Import - Score: null | Non-object provided for validation. | Received undefined [type: undefined].');
  await fails({ ...BMS_BODY, score: { ...score, exscore: -1 } }, 'Invalid Beatoraja Import - Score: exscore | Expected a positive integer. | Received -1 [type: number].');
  await fails({ ...BMS_BODY, score: { ...score, sha256: 'abc' } }, 'Invalid Beatoraja Import - Score: sha256 | Expected string to match /^[0-9a-f]{64}$/u | Received abc [type: string].');
  await fails({ ...BMS_BODY, score: { ...score, gauge: 101 } }, 'Invalid Beatoraja Import - Score: gauge | The input was invalid, but no error message is available. | Received 101 [type: number].');
  await fails({ ...BMS_BODY, score: { ...score, assist: 1 } }, 'Invalid Beatoraja Import - Score: assist | Invalid Input, but no error message is available. | Received 1 [type: number].');
  await fails({ ...BMS_BODY, chart: { ...chart, title: null } }, 'Invalid Beatoraja Import - Chart: title | Expected string. | Received null [type: null].');
  await fails({ ...BMS_BODY, chart: { ...chart, mode: 'KEYBOARD_24K' } }, 'Invalid Beatoraja Import - Chart: mode | Expected any of BEAT_7K, BEAT_14K, POPN_9K. | Received KEYBOARD_24K [type: string].');
});

const ctx = (over: Partial<BeatorajaContext['chart']> = {}, game: 'bms' | 'pms' = 'bms'): BeatorajaContext => ({
  game,
  client: game === 'bms' ? 'lr2oraja' : 'beatoraja',
  chart: { ...(chart as unknown as BeatorajaContext['chart']), ...over },
  userID: 1,
  timeReceived: 10,
});

t.test('convert: Tachi\'s ConverterIRBeatoraja', async (t) => {
  const res = irBeatoraja.convert(score as unknown as BeatorajaScore, ctx(), bms);
  t.same([res.chart.chartID, res.song.id], ['88eb6cc5683e2740cbd07f588a5f3db1db8d467b', 27339]);
  t.strictSame(res.dryScore, {
    comment: null,
    game: 'bms',
    importType: 'ir/beatoraja',
    scoreData: {
      score: 1004,
      lamp: 'EASY CLEAR',
      optional: { bp: 20, gauge: null, ebd: 1, lbd: 0, egd: 2, lgd: 2, egr: 65, lgr: 21, epg: 332, lpg: 127, epr: 8, lpr: 11, fast: 74, slow: 32 },
      judgements: { pgreat: 459, great: 86, good: 4, bad: 1, poor: 19 },
    },
    scoreMeta: { client: 'lr2oraja', inputDevice: 'BM_CONTROLLER', random: 'RANDOM' },
    timeAchieved: 10,
    service: 'Beatoraja IR',
  });
  const lamps = ['NoPlay', 'Failed', 'AssistEasy', 'LightAssistEasy', 'Easy', 'Normal', 'Hard', 'ExHard', 'FullCombo', 'Perfect', 'Max'];
  t.same(lamps.map((clear) => irBeatoraja.convert({ ...score, clear } as BeatorajaScore, ctx(), bms).dryScore.scoreData.lamp), [
    'NO PLAY', 'FAILED', 'ASSIST CLEAR', 'ASSIST CLEAR', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO', 'FULL COMBO', 'FULL COMBO',
  ]);
  t.same([0, 1, 3, 4, 5, -1].map((option) => irBeatoraja.convert({ ...score, option } as BeatorajaScore, ctx(), bms).dryScore.scoreMeta.random), [
    'NONRAN', 'MIRROR', 'R-RANDOM', 'S-RANDOM', null, null,
  ]);
  const withGauge = irBeatoraja.convert({ ...score, gauge: 80.5, minbp: -1 } as BeatorajaScore, ctx(), bms).dryScore.scoreData.optional;
  t.same([withGauge.gauge, withGauge.bp], [80.5, null]);

  // 14K: no random (broken in beatoraja)
  const helix = 'f116ab42ec03f31c1aaaf073c93e41835c6f08306576873dd5053b173d9a7da2';
  const dp = irBeatoraja.convert({ ...score, sha256: helix } as BeatorajaScore, ctx({ mode: 'BEAT_14K', sha256: helix }), bms);
  t.same([dp.chart.playtype, dp.dryScore.scoreMeta.random], ['14K', null]);
});

t.test('convert: PMS by device (Tachi: infer the playtype), cool for pgreat', async (t) => {
  const pc = irBeatoraja.convert({ ...score, sha256: PMS_SHA256 } as BeatorajaScore, ctx({ mode: 'POPN_9K', sha256: PMS_SHA256 }, 'pms'), pms);
  t.same([pc.chart.chartID, pc.chart.playtype, pc.song.id], ['0446f1b54e90d631ff9fe98419ebaea9481fab1f', 'Controller', 1]);
  t.same(pc.dryScore.scoreData.judgements, { cool: 459, great: 86, good: 4, bad: 1, poor: 19 });
  t.same(pc.dryScore.scoreMeta, { client: 'beatoraja', inputDevice: 'BM_CONTROLLER', random: 'RANDOM' });
  const kb = irBeatoraja.convert({ ...score, sha256: PMS_SHA256, deviceType: 'KEYBOARD' } as BeatorajaScore, ctx({ mode: 'POPN_9K' }, 'pms'), pms);
  t.same([kb.chart.chartID, kb.chart.playtype], ['ca553d77cbf8b3e9e7709dad6123ffed1695a1dd', 'Keyboard']);
  failure(t, () => irBeatoraja.convert({ ...score, sha256: PMS_SHA256, deviceType: 'MIDI' } as BeatorajaScore, ctx({ mode: 'POPN_9K' }, 'pms'), pms), 'InvalidDatapoint', 'MIDI is not allowed for PMS scores.');
});

t.test('convert: failures, and unknown charts orphaned', async (t) => {
  failure(t, () => irBeatoraja.convert(score as unknown as BeatorajaScore, ctx({ lntype: 1 }), bms), 'InvalidDatapoint', 'CN or HCN mode is not supported by this IR.');
  failure(t, () => irBeatoraja.convert(score as unknown as BeatorajaScore, ctx({ lntype: -1 }), bms), 'InvalidDatapoint', 'CN or HCN mode is not supported by this IR.');
  failure(t, () => irBeatoraja.convert(score as unknown as BeatorajaScore, ctx({ hasRandom: true }), bms), 'InvalidDatapoint', 'Charts with #RANDOM declarations are not supported by this IR.');
  const unknown = '769359ebb55d3d6dff3b5c6a07ec03be9b87beda1ffb0c07d7ea99590605a732';
  failure(t, () => irBeatoraja.convert({ ...score, sha256: unknown } as BeatorajaScore, ctx({ sha256: unknown }), bms), 'SongOrChartNotFound', 'This chart (the dude who made gazer - GAZER [MANIAQ]) is orphaned.');
});

// Tachi's courseScore (router.test.ts): GENOSIDE 2018 段位認定 Overjoy
const courseScore = {
  course: {
    name: 'GENOSIDE 2018 段位認定 発狂皆伝',
    charts: [{ md5: 'cfad3baadce9e02c45021963453d7c94' }, { md5: '77d23be22b2370925c573d922276bce0' }, { md5: '188a99f74ab71804f2e360dcf484545c' }, { md5: 'c46a81cb184f5a804c119930d6eba748' }],
    constraint: ['MIRROR', 'GAUGE_LR2', 'LN'],
    trophy: [{}, {}],
    lntype: 0,
  },
  score: { ...score, sha256: '', clear: 'Normal', option: 0, gauge: 0 },
};

t.test('courses: Tachi\'s checks and the course lookup', async (t) => {
  const outcome = readBeatorajaCourse(courseScore);
  t.same(outcome, { kind: 'class', course: findBMSCourse(courseScore.course.charts.map((c) => c.md5).join('')) });
  t.match(outcome, { course: { playtype: '7K', set: 'genocideDan', value: 'OVERJOY' } });
  const answers = (body: unknown) => readBeatorajaCourse(body);
  const withScore = (over: object) => ({ ...courseScore, score: { ...courseScore.score, ...over } });
  const withCourse = (over: object) => ({ ...courseScore, course: { ...courseScore.course, ...over } });
  t.same(answers(withScore({ clear: 'Failed' })), { kind: 'answer', statusCode: 200, body: { success: true, description: "Class not updated, as you didn't clear this course." } });
  t.same(answers(withScore({ clear: 'Easy' })).kind, 'answer');
  const bad = (body: unknown, statusCode: number, description: string) => t.same(answers(body), { kind: 'answer', statusCode, body: { success: false, description } }, description);
  bad(withCourse({ charts: [] }), 400, '[course.charts] Expected an array of 4 objects with MD5 properties.');
  bad(withCourse({ charts: [1, 2, 3, 4] }), 400, '[course.charts] Expected an array of 4 objects with MD5 properties.');
  bad(withCourse({ charts: [{ md5: 'a' }, { md5: 'a' }, { md5: 'a' }, { md5: 'a' }, { md5: 'a' }] }), 400, '[course.charts] Expected an array of 4 objects with MD5 properties.');
  bad(withCourse({ constraint: 'foo' }), 400, '[course.constraint] Value was not an array. (Received foo)');
  bad(withScore({ lntype: 1 }), 400, 'LN mode is the only supported mode for dans.');
  bad(withCourse({ constraint: ['CN'] }), 400, 'CN mode is not allowed in dans.');
  bad(withCourse({ constraint: ['HCN'] }), 400, 'HCN mode is not allowed in dans.');
  bad(withCourse({ constraint: ['GAUGE_5KEY', 'MIRROR'] }), 400, 'Dan GAUGE mode must be GAUGE_LR2.');
  bad(withScore({ option: 2 }), 400, 'RANDOM is not allowed in courses.');
  bad(withCourse({ charts: [{ md5: 'a' }, { md5: 'b' }, { md5: 'c' }, { md5: 'd' }] }), 404, 'Unsupported course.');
  bad({ score: courseScore.score }, 400, '[course] Object does not match structure of schema, expected this location to have an object. (Received nothing (undefined))');

  // as an import: the class, no scores; a refusal fails the import with the route's status
  const parsed = await irBeatoraja.parse(input(courseScore, { submission: 'course' }));
  t.same([parsed.game, parsed.datapoints, parsed.classes], ['bms', [], { '7K': { genocideDan: 'OVERJOY' } }]);
  await t.rejects(async () => irBeatoraja.parse(input(withScore({ option: 3 }), { submission: 'course' })), new ImportFatalError(400, 'RANDOM is not allowed in courses.'));
});

t.test('the course lookup is Tachi\'s: 136 courses, each class a value of its set', async (t) => {
  const courses = JSON.parse(readFileSync(new URL('../../src/import-types/ir/common/bms-course-lookup.json', import.meta.url), 'utf8')) as { md5sums: string; playtype: '7K' | '14K'; set: string; value: string }[];
  t.equal(courses.length, 136);
  for (const c of courses) {
    const spec = gpt('bms', c.playtype).config.classes[c.set];
    if (!spec?.values.includes(c.value)) t.fail(`${c.playtype} ${c.set} ${c.value} is not a class of BMS`);
    t.same(findBMSCourse(c.md5sums), c);
  }
});
