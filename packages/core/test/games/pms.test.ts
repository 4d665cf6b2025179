/**
 * PMS (Controller, Keyboard) rules against the fixture seeds (test/fixtures/seeds/*-pms.json): the
 * rules are BMS's (Tachi's bms-pms.ts) with PMS's own config: `cool` for PGreat (so Tachi's PGreat
 * check never applies), one dan set, scoreMeta that is not nullable. Derivers and sieglinde on
 * Tachi's vectors, bmsChartHash finding PMS charts (Tachi never does), tachiSongID, Controller and
 * Keyboard kept apart, scoreIDs, PB merges, scoreMeta and dans.
 */
import t from 'tap';
import type { ScoreData } from '../../src/documents.ts';
import { pms } from '../../src/games/pms/index.ts';
import { PMS_DANS } from '../../src/games/pms/config.ts';
import { bms } from '../../src/games/bms/index.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { buildPB, computeClassUpdate, profileRatings, sessionRatings } from '../../src/rules.ts';
import { failure, fixtureData, harness, tachiScoreID, withData } from './helpers.ts';

const h = harness(pms, { data: fixtureData('pms') });
const CON = h.definitionOf('Controller');
const KEY = h.definitionOf('Keyboard');

/** song 1 "Annihilate the living": Tachi's PMS fixture charts, one per playtype with the same hashes (1065 notes, P●1, sgl 46/46) */
const ANNIHILATE_CON = h.chart('0446f1b54e90d631ff9fe98419ebaea9481fab1f');
const ANNIHILATE_KEY = h.chart('ca553d77cbf8b3e9e7709dad6123ffed1695a1dd');
const ANNIHILATE_MD5 = 'd1253dd56bb2087d0b0d474f0d562aae';
const ANNIHILATE_SHA256 = 'a10193f7ae05ce839292dc716f182fda0b1cc6ac5382c2056f37e22ffba87b7d';
/** song 2 "Bang Bang Dan Gan": 812 notes, P●3, sglEC 15.1, sglHC 15.6, both playtypes */
const BANG_CON = h.chart('d1ad06400ed90f0698c4503c0afa5c46e69e6367');
const BANG_KEY = h.chart('66a24af69ecb826efed2c0c1ee2e319ccbe46ffd');
/** song 3 "colorbar": Controller only, 1290 notes, P●5, sglEC 17.2, no sglHC */
const COLORBAR_CON = h.chart('6abfc10c026c1924018cae15268aee9f540861d6');

const sd = (score: number, lamp: string) => ({ score, lamp, judgements: {}, optional: {} }) as unknown as ScoreData;

t.test('the fixture charts are what these tests assume', async (t) => {
  for (const c of [ANNIHILATE_CON, ANNIHILATE_KEY]) t.same([c.data.hashMD5, c.data.hashSHA256, c.data.notecount, c.data.sglEC, c.data.sglHC], [ANNIHILATE_MD5, ANNIHILATE_SHA256, 1065, 46, 46]);
  t.same([ANNIHILATE_CON.playtype, ANNIHILATE_KEY.playtype], ['Controller', 'Keyboard']);
  t.same([BANG_CON.data.hashMD5, BANG_CON.data.notecount, BANG_CON.data.sglEC, BANG_CON.data.sglHC], [BANG_KEY.data.hashMD5, 812, 15.1, 15.6]);
  t.same([COLORBAR_CON.data.sglEC, COLORBAR_CON.data.sglHC], [17.2, null]);
  t.same([h.charts.songs.length, h.charts.charts.length], [3, 5]);
});

t.test('config: BMS\'s metrics and rules, PMS\'s judgements, dans and scoreMeta; Keyboard = Controller', async (t) => {
  t.equal(KEY.config, CON.config, 'one config for both playtypes (Tachi: PMS_KEYBOARD_CONF = PMS_CONTROLLER_CONF)');
  t.equal(CON.rules, bms.gpt['7K'].rules, 'the rules are BMS\'s (Tachi\'s BMS_IMPL)');
  const { config } = CON;
  t.same(Object.keys(config.derivedMetrics), ['grade', 'percent']);
  t.same(config.optionalMetrics, bms.gpt['7K'].config.optionalMetrics, 'BMS 7K\'s optional metrics');
  t.same(config.orderedJudgements, ['cool', 'great', 'good', 'bad', 'poor']);
  t.same(config.classes, { dan: { type: 'PROVIDED', values: PMS_DANS } });
  t.same([PMS_DANS.length, PMS_DANS[0], PMS_DANS[12]], [13, 'INSANE_1', 'UNDEFINED']);
  t.same(config.supportedMatchTypes, ['bmsChartHash', 'tachiSongID']);
  t.same(config.difficulties, { type: 'FIXED', order: ['CHART'], default: 'CHART' });
  t.same(config.scoreMeta, {
    random: { type: 'enum', values: ['MIRROR', 'NONRAN', 'R-RANDOM', 'RANDOM', 'S-RANDOM'] },
    client: { type: 'enum', values: ['beatoraja'] },
    gauge: { type: 'enum', values: ['EASY', 'NORMAL', 'HARD', 'EX-HARD'] },
  });
});

t.test('derivers and the EX score check (Tachi\'s bms-pms vectors, a 2256-note chart)', async (t) => {
  const chart = withData(ANNIHILATE_CON, { notecount: 2256 });
  const max = 4512;
  for (const def of [CON, KEY]) {
    t.equal(def.rules.derivers.percent({ score: 1000, lamp: 'CLEAR', judgements: {}, optional: {} }, chart), (100 * 1000) / max);
    t.equal(def.rules.derivers.percent({ score: max, lamp: 'CLEAR', judgements: {}, optional: {} }, chart), 100);
    const grade = (p: number) => def.rules.derivers.grade({ score: (p / 100) * max, lamp: 'CLEAR', judgements: {}, optional: {} }, chart);
    t.same([0, 22.23, 33.34, 44.45, 55.56, 66.67, 77.78, 88.89, 94.45, 100].map(grade), ['F', 'E', 'D', 'C', 'B', 'A', 'AA', 'AAA', 'MAX-', 'MAX']);
    t.same([11.11, 22.22, 33.33, 44.44, 55.55, 66.66, 77.77, 88.88, 94.44, 99.99].map(grade), ['F', 'F', 'E', 'D', 'C', 'B', 'A', 'AA', 'AAA', 'MAX-']);
    t.equal(def.rules.chartValidators.score(-1, chart), 'EX Score cannot be negative.');
    t.equal(def.rules.chartValidators.score(4513, chart), 'EX Score cannot be greater than 4512 for this chart.');
    t.equal(def.rules.chartValidators.score(4512, chart), true);
  }
  failure(t, () => h.hydrate(ANNIHILATE_KEY, { score: 2131, lamp: 'CLEAR' }), 'InvalidDatapoint',
    'Got 2 errors when validating score:\nInvalid value for score, EX Score cannot be greater than 2130 for this chart. Got 2131.\n' +
      `Invalid value for percent, Expected a number between 0 and 100. Got ${(100 * 2131) / 2130}.`);
});

t.test('the PGreat check reads `pgreat`, which PMS calls `cool`: it never applies (as in Tachi)', async (t) => {
  const s = h.hydrate(ANNIHILATE_CON, { score: 2000, lamp: 'CLEAR', judgements: { cool: 900, great: 100, good: 20, bad: 5, poor: 3 } });
  t.same(s.scoreData.judgements, { cool: 900, great: 100, good: 20, bad: 5, poor: 3 }, 'cool × 2 + great = 1900 ≠ 2000, accepted');
  t.throws(() => parseBatchManual({
    meta: { game: 'pms', playtype: 'Controller', service: 'tests' },
    scores: [{ score: 1, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '1', difficulty: 'CHART', judgements: { pgreat: 1 } }],
  }), { message: 'Invalid BATCH-MANUAL: scores[0].judgements | Invalid Key pgreat. Expected any of cool, great, good, bad, poor.' });
});

t.test('sieglinde: Tachi\'s vectors and the fixture charts', async (t) => {
  for (const def of [CON, KEY]) {
    const f = (lamp: string, data: Record<string, unknown>) => def.rules.scoreRatings.sieglinde(sd(0, lamp), withData(ANNIHILATE_CON, data));
    t.same(['FAILED', 'ASSIST CLEAR', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO'].map((l) => f(l, { sglEC: null, sglHC: null })), [0, 0, 0, 0, 0, 0, 0]);
    t.same(['FAILED', 'ASSIST CLEAR', 'EASY CLEAR', 'CLEAR', 'HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO'].map((l) => f(l, { sglEC: 10, sglHC: 11 })), [0, 0, 10, 10, 11, 11, 11]);
    t.same(['HARD CLEAR', 'EX HARD CLEAR', 'FULL COMBO'].map((l) => f(l, { sglEC: 10, sglHC: undefined })), [10, 10, 10], 'HC and up fall back to sglEC');
  }
  const r = (chart: typeof BANG_CON, lamp: string) => CON.rules.scoreRatings.sieglinde(sd(0, lamp), chart);
  t.same(['EASY CLEAR', 'HARD CLEAR'].map((l) => r(ANNIHILATE_CON, l)), [46, 46]);
  t.same(['CLEAR', 'FULL COMBO'].map((l) => r(BANG_KEY, l)), [15.1, 15.6]);
  t.same(['CLEAR', 'HARD CLEAR'].map((l) => r(COLORBAR_CON, l)), [17.2, 17.2], 'no sglHC: sglEC');
});

t.test('a hydrated score, session and profile ratings', async (t) => {
  const s = h.hydrate(BANG_KEY, { score: 1500, lamp: 'HARD CLEAR', judgements: { cool: 700, great: 100 }, optional: { bp: 12 } });
  t.same(s.scoreData, {
    score: 1500,
    lamp: 'HARD CLEAR',
    grade: 'AAA',
    percent: (100 * 1500) / 1624,
    judgements: { cool: 700, great: 100 },
    optional: { bp: 12, enumIndexes: {} },
    enumIndexes: { lamp: 5, grade: 7 },
  }, '1500 / 1624 = 92.4% (AAA: 88.9–94.4)');
  t.same(s.calculatedData, { sieglinde: 15.6 });
  t.equal(s.playtype, 'Keyboard');
  const ten = [46, 15.6, 15.1, 17.2, 0, 0, 0, 46, 15.1, 17.2].map((v) => ({ calculatedData: { sieglinde: v } }));
  t.same(sessionRatings(KEY, ten), { sieglinde: (46 + 46 + 17.2 + 17.2 + 15.6 + 15.1 + 15.1 + 0 + 0 + 0) / 10 });
  t.same(profileRatings(CON, [h.pbWith({ sieglinde: 46 }, { playtype: 'Controller' }), h.pbWith({ sieglinde: 17.2 }, { playtype: 'Controller' })], h.charts), { sieglinde: (46 + 17.2) / 20 });
});

t.test('match types: bmsChartHash finds PMS charts (MD5 or SHA-256); tachiSongID; Controller and Keyboard apart', async (t) => {
  const ref = (matchType: string, identifier: string, difficulty: string | null = null) => ({ score: 100, lamp: 'CLEAR', matchType, identifier, difficulty });
  t.equal(h.resolve(ref('bmsChartHash', ANNIHILATE_MD5), { playtype: 'Controller' }), ANNIHILATE_CON, 'MD5 (Tachi never finds a PMS chart by hash)');
  t.equal(h.resolve(ref('bmsChartHash', ANNIHILATE_SHA256), { playtype: 'Controller' }), ANNIHILATE_CON, 'SHA-256');
  t.equal(h.resolve(ref('bmsChartHash', COLORBAR_CON.data.hashSHA256 as string), { playtype: 'Controller' }), COLORBAR_CON);
  failure(t, () => h.resolve(ref('bmsChartHash', COLORBAR_CON.data.hashMD5 as string), { playtype: 'Keyboard' }), 'InvalidDatapoint',
    `Chart ${COLORBAR_CON.chartID}'s playtype was Controller, but this was not equal to the import playtype of Keyboard.`);
  failure(t, () => h.resolve(ref('bmsChartHash', '38616b85332037cc12924f2ae2840262'), { playtype: 'Controller' }), 'SongOrChartNotFound',
    'Cannot find chart for hash 38616b85332037cc12924f2ae2840262.', 'a BMS chart\'s hash is not a PMS chart');

  t.equal(h.resolve(ref('tachiSongID', '2', 'CHART'), { playtype: 'Controller' }), BANG_CON);
  t.equal(h.resolve(ref('tachiSongID', '2', 'CHART'), { playtype: 'Keyboard' }), BANG_KEY);
  t.equal(h.resolve(ref('tachiSongID', '1', 'CHART'), { playtype: 'Keyboard' }), ANNIHILATE_KEY);
  failure(t, () => h.resolve(ref('tachiSongID', '3', 'CHART'), { playtype: 'Keyboard' }), 'SongOrChartNotFound', 'Cannot find chart for colorbar (Keyboard CHART)');
  failure(t, () => h.resolve(ref('tachiSongID', '27339', 'CHART'), { playtype: 'Controller' }), 'SongOrChartNotFound', 'Cannot find song with songID 27339.');
  for (const matchType of ['songTitle', 'inGameID', 'uscChartHash']) {
    failure(t, () => h.resolve(ref(matchType, 'x', 'CHART'), { playtype: 'Keyboard' }), 'InvalidDatapoint',
      `Cannot use matchType ${matchType} for PMS (Keyboard). Expected any of bmsChartHash, tachiSongID.`);
  }
});

t.test('bmsChartHash in a Keyboard file finds the Keyboard chart of a hash both playtypes share', async (t) => {
  // Tachi's PMS seeds hold one chart per playtype with the same hashes (its beatoraja IR looks them
  // up by hash and playtype). The engine's lookup takes the first chart with the hash and then
  // rejects a playtype mismatch; it needs to prefer the import playtype's chart (see the report).
  const resolved = () => h.resolve({ score: 100, lamp: 'CLEAR', matchType: 'bmsChartHash', identifier: ANNIHILATE_MD5 }, { playtype: 'Keyboard' });
  let chart: unknown;
  try {
    chart = resolved();
  } catch (err) {
    chart = (err as Error).message;
  }
  t.equal(chart, ANNIHILATE_KEY, 'the Keyboard chart');
});

t.test('scoreIDs: userID, chartID, score and lamp; each playtype its own chart', async (t) => {
  const base = { score: 1800, lamp: 'EASY CLEAR' };
  const con = h.fromBatch({ ...base, matchType: 'bmsChartHash', identifier: ANNIHILATE_SHA256, judgements: { cool: 800, great: 200 }, scoreMeta: { client: 'beatoraja' } }, { playtype: 'Controller' });
  t.equal(con.scoreID, tachiScoreID(`{"chartID":"${ANNIHILATE_CON.chartID}","lamp":"EASY CLEAR","score":1800,"userID":1}`));
  t.equal(h.fromBatch({ ...base, matchType: 'tachiSongID', identifier: '1', difficulty: 'CHART', optional: { bp: 3 } }, { playtype: 'Controller' }).scoreID, con.scoreID);
  const key = h.fromBatch({ ...base, matchType: 'tachiSongID', identifier: '1', difficulty: 'CHART' }, { playtype: 'Keyboard' });
  t.equal(key.scoreID, tachiScoreID(`{"chartID":"${ANNIHILATE_KEY.chartID}","lamp":"EASY CLEAR","score":1800,"userID":1}`));
  t.not(key.scoreID, con.scoreID);
  t.same(con.score.calculatedData, { sieglinde: 46 });
});

t.test('PB merges: Best Score, Best Lamp, Lowest BP', async (t) => {
  const mk = (scoreID: string, score: number, lamp: string, optional: Record<string, unknown> = {}) =>
    h.hydrate(BANG_CON, { score, lamp, optional }, { scoreID, timeAchieved: 1000 });
  const pb = buildPB(CON, BANG_CON, [mk('score', 1500, 'FAILED', { bp: 40 }), mk('lamp', 1200, 'HARD CLEAR', { bp: 50, gauge: 12.5 }), mk('bp', 1000, 'CLEAR', { bp: 20 })])!;
  t.same(pb.composedFrom, [{ name: 'Best Score', scoreID: 'score' }, { name: 'Best Lamp', scoreID: 'lamp' }, { name: 'Lowest BP', scoreID: 'bp' }]);
  t.same([pb.scoreData.score, pb.scoreData.lamp, pb.scoreData.optional], [1500, 'HARD CLEAR', { bp: 20, gauge: 12.5, enumIndexes: {} }]);
  t.same(pb.calculatedData, { sieglinde: 15.6 }, 'from the merged lamp');
});

t.test('BATCH-MANUAL scoreMeta (not nullable in PMS) and the dan set', async (t) => {
  const file = (scoreMeta: unknown, classes?: object) => ({
    meta: { game: 'pms', playtype: 'Keyboard', service: 'tests' },
    scores: [{ score: 100, lamp: 'CLEAR', matchType: 'bmsChartHash', identifier: ANNIHILATE_MD5, scoreMeta }],
    ...(classes ? { classes } : {}),
  });
  t.doesNotThrow(() => parseBatchManual(file({ random: 'R-RANDOM', client: 'beatoraja', gauge: 'HARD' })));
  t.throws(() => parseBatchManual(file({ random: null })), {
    message: `Invalid BATCH-MANUAL: scores[0].scoreMeta | ${JSON.stringify([
      { expected: "'MIRROR' | 'NONRAN' | 'R-RANDOM' | 'RANDOM' | 'S-RANDOM'", received: 'null', code: 'invalid_type', path: ['random'], message: "Expected 'MIRROR' | 'NONRAN' | 'R-RANDOM' | 'RANDOM' | 'S-RANDOM', received null" },
    ], null, 2)}.`,
  });
  t.throws(() => parseBatchManual(file({ inputDevice: 'KEYBOARD' })), {
    message: `Invalid BATCH-MANUAL: scores[0].scoreMeta | ${JSON.stringify([{ code: 'unrecognized_keys', keys: ['inputDevice'], path: [], message: "Unrecognized key(s) in object: 'inputDevice'" }], null, 2)}.`,
  });
  t.same(parseBatchManual(file({}, { dan: 'OVERJOY' })).classes, { Keyboard: { dan: 'OVERJOY' } });
  t.same(computeClassUpdate(KEY, 'pms', 'Keyboard', { dan: 'UNDEFINED' }, {}, { dan: 'INSANE_10' }).deltas, [], 'never lowered');
  t.same(computeClassUpdate(KEY, 'pms', 'Keyboard', undefined, {}, { dan: 'INSANE_10' }).deltas, [{ game: 'pms', set: 'dan', playtype: 'Keyboard', old: null, new: 'INSANE_10' }]);
});
