/**
 * USC rules (SDVX-like: games/common/sdvx-like.ts) against the fixture seeds of
 * test/fixtures/seeds (Tachi's USC charts are not served; the fixtures have its shape, each chart
 * twice, once per playtype, as Tachi's seed script writes them): USC's own lamps, grade, VF6
 * (rg-stats Volforce), session/profile VF6, vfClass, validators, scoreMeta, match types
 * (uscChartHash on hashSHA1 strings and arrays, tachiSongID), playtypes kept apart, scoreIDs, PBs.
 */
import t from 'tap';
import { Volforce } from 'rg-stats';
import { usc } from '../../src/games/usc/index.ts';
import { formatGame } from '../../src/games/registry.ts';
import { buildPB, deriveClasses, profileRatings, sessionRatings } from '../../src/rules.ts';
import { parseBatchManual } from '../../src/import-types/batch-manual/index.ts';
import { ImportFatalError } from '../../src/errors.ts';
import { failure, fixtureData, harness, tachiScoreID } from './helpers.ts';

const data = fixtureData('usc');
const con = harness(usc, { playtype: 'Controller', data });
const kb = harness(usc, { playtype: 'Keyboard', data });
const { rules, config } = con.definition;

/** song 1 ".59 -BOOTH BOOST REMIX-" EXH 14 / INF 16; song 3 "Absurd Gaff" EXH 17 / ADV 12 (Controller only); song 2725 "ZEUS" EXH 18 (two hashes) */
const HASH = {
  E59_EXH: '1df0e460a49017d96cf4c3bcc4fe9271dd60729a',
  E59_INF: '97ec4d69821ba222786cdeb73aa39d2b7d117f80',
  ABSURD_EXH: '10866a9e7e0ed324cc9b36c01068602f5b6461fb',
  ABSURD_ADV: '44f01d08dc4e604bce6821d0ffe7f133d102d5fd',
  ZEUS_V1: '136975c94ba462763f20556e9e15c67ead34c25a',
  ZEUS_V2: '1cc5001518b828c842a9fbd8db861a8f86ed96d4',
};
const CON = {
  E59_EXH: con.chart('1ba3ffa6e44321029845701d8656f6105bbaeb76'),
  E59_INF: con.chart('f1d60b567f60eac5daf2a5a7545e6b24b68ade21'),
  ABSURD_EXH: con.chart('3333c36b3edb1ad8b7377da30e6f01653120e6f0'),
  ABSURD_ADV: con.chart('6d382e1b61968cbe95d268b5fe90e48679a3f027'),
  ZEUS_EXH: con.chart('d428b75d628f140893392ce9633579e5d66f9680'),
};
const KB = {
  E59_EXH: kb.chart('4118844610cad6e35a44725319048eb2b1a5a8b9'),
  ABSURD_EXH: kb.chart('d24e848371077a64c82dfa049fac639e102ad5b5'),
  ZEUS_EXH: kb.chart('2e7b8798961b39d0083749e02eb1ab58f0b5149c'),
};

const score = (s: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, lamp, ...extra });
const byHash = (hash: string, s: number, lamp: string, extra: Record<string, unknown> = {}) => ({ score: s, lamp, matchType: 'uscChartHash', identifier: hash, ...extra });

t.test('the fixture charts are what these tests assume', async (t) => {
  t.same([CON.E59_EXH.playtype, CON.E59_EXH.difficulty, CON.E59_EXH.levelNum, CON.E59_EXH.data.hashSHA1], ['Controller', 'EXH', 14, HASH.E59_EXH]);
  t.same([KB.E59_EXH.playtype, KB.E59_EXH.difficulty, KB.E59_EXH.levelNum, KB.E59_EXH.data.hashSHA1], ['Keyboard', 'EXH', 14, HASH.E59_EXH]);
  t.same(CON.ZEUS_EXH.data, { hashSHA1: [HASH.ZEUS_V1, HASH.ZEUS_V2], isOfficial: false, effector: 'lilac', tableFolders: [{ table: 'Stella', level: '12' }] });
  t.same([CON.E59_INF.levelNum, CON.ABSURD_EXH.levelNum, CON.ABSURD_ADV.levelNum, CON.ZEUS_EXH.levelNum], [16, 17, 12, 18]);
  t.equal(con.charts.charts.filter((c) => c.data.hashSHA1 === HASH.ABSURD_ADV).length, 1, 'ADV only as Controller');
  t.same(con.songOf(CON.E59_EXH).title, '.59 -BOOTH BOOST REMIX-');
  t.same([formatGame('usc', 'Controller'), formatGame('usc', 'Keyboard')], ['USC (Controller)', 'USC (Keyboard)']);
});

t.test('grade deriver: Tachi\'s vectors (both playtypes)', async (t) => {
  const cases: [number, string][] = [
    [0, 'D'], [7_000_000, 'C'], [8_000_000, 'B'], [8_700_000, 'A'], [9_000_000, 'A+'], [9_300_000, 'AA'],
    [9_500_000, 'AA+'], [9_700_000, 'AAA'], [9_800_000, 'AAA+'], [9_900_000, 'S'], [10_000_000, 'PUC'],
  ];
  for (const h of [con, kb]) {
    for (const [s, grade] of cases) t.equal(h.definition.rules.derivers.grade({ score: s, lamp: 'CLEAR', judgements: {}, optional: {} }, CON.E59_EXH), grade, `${h.playtype} ${s} → ${grade}`);
  }
});

t.test('lamps: SDVX\'s without MAXXIVE CLEAR', async (t) => {
  t.same(config.providedMetrics.lamp, { type: 'ENUM', values: ['FAILED', 'CLEAR', 'EXCESSIVE CLEAR', 'ULTIMATE CHAIN', 'PERFECT ULTIMATE CHAIN'], minimumRelevantValue: 'CLEAR' });
  failure(
    t,
    () => con.hydrate(CON.E59_EXH, score(9_700_000, 'MAXXIVE CLEAR')),
    'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for lamp, got MAXXIVE CLEAR, but expected any of FAILED, CLEAR, EXCESSIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN.',
  );
  t.same(con.hydrate(CON.E59_EXH, score(9_700_000, 'ULTIMATE CHAIN')).scoreData.enumIndexes, { lamp: 3, grade: 7 }, 'indexes in USC\'s own list');
});

t.test('VF6: rg-stats Volforce on the chart level', async (t) => {
  // floor(level × 2 × score/10M × grade coefficient × lamp coefficient / 1000) / 1000
  // 14, 9,700,000 CLEAR: 28 × 0.97 × 100 × 100 = 271600 → 0.271
  t.same(con.hydrate(CON.E59_EXH, score(9_700_000, 'CLEAR')).calculatedData, { VF6: 0.271 });
  // 17, 9,876,543 ULTIMATE CHAIN: 34 × 0.9876543 × 102 × 105 = 359644.4… → 0.359
  t.same(con.hydrate(CON.ABSURD_EXH, score(9_876_543, 'ULTIMATE CHAIN')).calculatedData, { VF6: 0.359 });
  // 18, 10M PUC: 36 × 105 × 110 = 415800 → 0.415
  t.same(kb.hydrate(KB.ZEUS_EXH, score(10_000_000, 'PERFECT ULTIMATE CHAIN')).calculatedData, { VF6: 0.415 });
  // 16, 9,500,000 EXCESSIVE CLEAR: 32 × 0.95 × 97 × 102 = 300777.6 → 0.3
  t.same(con.hydrate(CON.E59_INF, score(9_500_000, 'EXCESSIVE CLEAR')).calculatedData, { VF6: 0.3 });
  // 12, 8,000,000 FAILED: 24 × 0.8 × 85 × 50 = 81600 → 0.081
  t.same(con.hydrate(CON.ABSURD_ADV, score(8_000_000, 'FAILED')).calculatedData, { VF6: 0.081 });
  t.equal(Volforce.calculateVF6(9_876_543, 'ULTIMATE CHAIN', 17), 0.359, 'the same number straight from rg-stats');
});

t.test('a hydrated score has Tachi\'s shape; scoreMeta is kept', async (t) => {
  const s = kb.fromBatch(
    byHash(HASH.E59_EXH, 9_700_000, 'EXCESSIVE CLEAR', {
      judgements: { critical: 1500, near: 40, miss: 3 },
      optional: { gauge: 85.5, maxCombo: 900, fast: 20, slow: 20 },
      scoreMeta: { noteMod: 'MIRROR', gaugeMod: 'HARD' },
    }),
  ).score;
  t.same(s.scoreData, {
    score: 9_700_000,
    lamp: 'EXCESSIVE CLEAR',
    grade: 'AAA',
    judgements: { critical: 1500, near: 40, miss: 3 },
    optional: { gauge: 85.5, maxCombo: 900, fast: 20, slow: 20, enumIndexes: {} },
    enumIndexes: { lamp: 2, grade: 7 },
  });
  t.same(s.scoreMeta, { noteMod: 'MIRROR', gaugeMod: 'HARD' });
  t.same([s.game, s.playtype, s.chartID, s.songID], ['usc', 'Keyboard', KB.E59_EXH.chartID, 1]);
  // 14, AAA, EXCESSIVE CLEAR: 28 × 0.97 × 100 × 102 = 277032 → 0.277
  t.same(s.calculatedData, { VF6: 0.277 });
});

t.test('validators: the SDVX-like ones with Tachi\'s messages', async (t) => {
  const one = (m: string) => `Got 1 error when validating score:\n${m}`;
  failure(t, () => con.hydrate(CON.E59_EXH, score(9_999_999, 'PERFECT ULTIMATE CHAIN')), 'InvalidDatapoint', one('Cannot have a PERFECT ULTIMATE CHAIN without a perfect score.'));
  failure(t, () => con.hydrate(CON.E59_EXH, score(10_000_000, 'PERFECT ULTIMATE CHAIN', { judgements: { near: 1 } })), 'InvalidDatapoint', one('Cannot have a PERFECT ULTIMATE CHAIN with any nears or misses.'));
  failure(t, () => kb.hydrate(KB.E59_EXH, score(9_800_000, 'ULTIMATE CHAIN', { judgements: { miss: 1 } })), 'InvalidDatapoint', one('Cannot have an ULTIMATE CHAIN with non-zero miss count.'));
  failure(t, () => kb.hydrate(KB.E59_EXH, score(4_999_999, 'ULTIMATE CHAIN')), 'InvalidDatapoint', one('Cannot have an ULTIMATE CHAIN with a score less than 5m.'));
  failure(
    t,
    () => con.hydrate(CON.E59_EXH, score(10_000_001, 'CLEAR')),
    'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for score, Expected a number between 0 and 10000000. Got 10000001.',
  );
  failure(
    t,
    () => con.hydrate(CON.E59_EXH, score(9_000_000, 'CLEAR', { optional: { gauge: 100.5 } })),
    'InvalidDatapoint',
    'Got 1 error when validating score:\nInvalid value for gauge, Expected a number between 0 and 100. Got 100.5.',
  );
  t.ok(con.hydrate(CON.E59_EXH, score(9_800_000, 'ULTIMATE CHAIN', { judgements: { near: 5, miss: 0 } })));
});

t.test('VF6 ratings: session ProfileVF6 = 50 × mean of the best 10 (null below 10), profile = sum of the best 50', async (t) => {
  const session = (values: (number | null)[]) => sessionRatings(con.definition, values.map((VF6) => ({ calculatedData: { VF6 } })));
  t.same(session([0.415, 0.359]), { ProfileVF6: null });
  // ten of 0.4 and a null: 0.4 × 50
  t.same(session([...Array.from({ length: 10 }, () => 0.4), null]), { ProfileVF6: ((0.4 * 10) / 10) * 50 });
  const profile = (pbs: ReturnType<typeof con.pbWith>[]) => profileRatings(con.definition, pbs, con.lookup);
  t.same(profile([]), { VF6: null });
  t.same(profile([con.pbWith({ VF6: 0.415 }), con.pbWith({ VF6: 0.359 }), con.pbWith({ VF6: 0.271 }, { isPrimary: false })]), { VF6: 0.415 + 0.359 });
  // 60 PBs of 0.4: the best 50 summed, added one by one as Tachi's reduce does
  let sum = 0;
  for (let i = 0; i < 50; i++) sum += 0.4;
  t.same(profile(Array.from({ length: 60 }, () => con.pbWith({ VF6: 0.4 }))), { VF6: sum });
});

t.test('vfClass from VF6: Tachi\'s vectors', async (t) => {
  const cases: [number | null, string | null][] = [
    [null, null], [0, 'SIENNA_I'], [2.5, 'SIENNA_II'], [5, 'SIENNA_III'], [7.5, 'SIENNA_IV'], [10, 'COBALT_I'], [10.5, 'COBALT_II'],
    [11, 'COBALT_III'], [11.5, 'COBALT_IV'], [12, 'DANDELION_I'], [12.5, 'DANDELION_II'], [13, 'DANDELION_III'], [13.5, 'DANDELION_IV'],
    [14, 'CYAN_I'], [14.25, 'CYAN_II'], [14.5, 'CYAN_III'], [14.75, 'CYAN_IV'], [15, 'SCARLET_I'], [15.25, 'SCARLET_II'],
    [15.5, 'SCARLET_III'], [15.75, 'SCARLET_IV'], [16, 'CORAL_I'], [16.25, 'CORAL_II'], [16.5, 'CORAL_III'], [16.75, 'CORAL_IV'],
    [17, 'ARGENTO_I'], [17.25, 'ARGENTO_II'], [17.5, 'ARGENTO_III'], [17.75, 'ARGENTO_IV'], [18, 'ELDORA_I'], [18.25, 'ELDORA_II'],
    [18.5, 'ELDORA_III'], [18.75, 'ELDORA_IV'], [19, 'CRIMSON_I'], [19.25, 'CRIMSON_II'], [19.5, 'CRIMSON_III'], [19.75, 'CRIMSON_IV'],
    [20, 'IMPERIAL_I'], [21, 'IMPERIAL_II'], [22, 'IMPERIAL_III'], [23, 'IMPERIAL_IV'],
  ];
  for (const h of [con, kb]) for (const [v, expected] of cases) t.same(deriveClasses(h.definition, { VF6: v }), { vfClass: expected }, `${h.playtype} ${v} → ${expected}`);
});

t.test('config: Controller and Keyboard are Tachi\'s one config', async (t) => {
  t.equal(usc.gpt.Keyboard.config, usc.gpt.Controller.config);
  t.same(usc.playtypes, ['Controller', 'Keyboard']);
  t.same(config.difficulties, { type: 'FIXED', order: ['NOV', 'ADV', 'EXH', 'INF'], default: 'EXH' });
  t.same(Object.keys(config.optionalMetrics), ['fast', 'slow', 'maxCombo', 'gauge']);
  t.same(config.versions, []);
  t.same(Object.keys(config.classes), ['vfClass']);
  t.same(rules.pbMerges.map((m) => m.name), ['Best Lamp'], 'no EX score merge (USC has no EX score)');
  t.same(rules.chartValidators, {});
});

t.test('match types: uscChartHash (string or array of hashes) and tachiSongID, per playtype', async (t) => {
  t.equal(con.fromBatch(byHash(HASH.E59_EXH, 9_000_000, 'CLEAR')).chart.chartID, CON.E59_EXH.chartID);
  t.equal(kb.fromBatch(byHash(HASH.E59_EXH, 9_000_000, 'CLEAR')).chart.chartID, KB.E59_EXH.chartID, 'the same hash is the Keyboard chart in a Keyboard import');
  t.equal(con.fromBatch(byHash(HASH.ZEUS_V1, 9_000_000, 'CLEAR')).chart.chartID, CON.ZEUS_EXH.chartID);
  t.equal(kb.fromBatch(byHash(HASH.ZEUS_V2, 9_000_000, 'CLEAR')).chart.chartID, KB.ZEUS_EXH.chartID, 'any hash of the array');
  t.equal(con.fromBatch(byHash(HASH.ABSURD_ADV, 9_000_000, 'CLEAR')).chart.chartID, CON.ABSURD_ADV.chartID);
  // a Controller-only chart is not found in a Keyboard import
  failure(t, () => kb.fromBatch(byHash(HASH.ABSURD_ADV, 9_000_000, 'CLEAR')), 'SongOrChartNotFound', `Cannot find chart with hash ${HASH.ABSURD_ADV}.`);
  failure(t, () => con.fromBatch(byHash('0000000000000000000000000000000000000000', 9_000_000, 'CLEAR')), 'SongOrChartNotFound', 'Cannot find chart with hash 0000000000000000000000000000000000000000.');

  const bySong = (id: string, difficulty: string | undefined) => ({ score: 9_000_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: id, ...(difficulty ? { difficulty } : {}) });
  t.equal(con.fromBatch(bySong('3', 'EXH')).chart.chartID, CON.ABSURD_EXH.chartID);
  t.equal(kb.fromBatch(bySong('3', 'EXH')).chart.chartID, KB.ABSURD_EXH.chartID);
  t.equal(con.fromBatch(bySong('3', 'ADV')).chart.chartID, CON.ABSURD_ADV.chartID);
  failure(t, () => kb.fromBatch(bySong('3', 'ADV')), 'SongOrChartNotFound', 'Cannot find chart for Absurd Gaff (Keyboard ADV)');
  failure(t, () => con.fromBatch(bySong('3', 'MXM')), 'InvalidDatapoint', 'Invalid Difficulty for usc Controller - Expected any of NOV, ADV, EXH, INF (Got MXM)');
  failure(t, () => con.fromBatch(bySong('3', undefined)), 'InvalidDatapoint', "Missing 'difficulty' field, but was necessary for this lookup.");
  failure(t, () => con.fromBatch(bySong('4', 'EXH')), 'SongOrChartNotFound', 'Cannot find song with songID 4.');

  for (const matchType of ['songTitle', 'inGameID', 'sdvxInGameID', 'bmsChartHash', 'itgChartHash']) {
    failure(
      t,
      () => kb.fromBatch({ ...byHash(HASH.E59_EXH, 1, 'FAILED'), matchType, difficulty: 'EXH' }),
      'InvalidDatapoint',
      `Cannot use matchType ${matchType} for USC (Keyboard). Expected any of uscChartHash, tachiSongID.`,
    );
  }
});

t.test('scoreID: userID, chartID, score and lamp; the playtypes\' charts differ, so do their scoreIDs', async (t) => {
  const a = con.fromBatch(byHash(HASH.E59_EXH, 9_700_000, 'CLEAR', { optional: { gauge: 80 }, scoreMeta: { noteMod: 'RANDOM' } }));
  t.equal(a.scoreID, tachiScoreID(`{"chartID":"${CON.E59_EXH.chartID}","lamp":"CLEAR","score":9700000,"userID":1}`));
  const b = kb.fromBatch(byHash(HASH.E59_EXH, 9_700_000, 'CLEAR'));
  t.equal(b.scoreID, tachiScoreID(`{"chartID":"${KB.E59_EXH.chartID}","lamp":"CLEAR","score":9700000,"userID":1}`));
  t.not(a.scoreID, b.scoreID);
  t.equal(con.fromBatch({ score: 9_700_000, lamp: 'CLEAR', matchType: 'tachiSongID', identifier: '1', difficulty: 'EXH' }).scoreID, a.scoreID);
});

t.test('BATCH-MANUAL: scoreMeta noteMod/gaugeMod with zod\'s messages; vfClass cannot be sent', async (t) => {
  const doc = (playtype: string, scoreMeta: unknown, classes?: unknown) => ({
    meta: { game: 'usc', playtype, service: 'tests' },
    scores: [byHash(HASH.E59_EXH, 9_000_000, 'CLEAR', { scoreMeta })],
    ...(classes === undefined ? {} : { classes }),
  });
  const fatal = (d: unknown) => {
    try {
      parseBatchManual(d);
    } catch (err) {
      return err instanceof ImportFatalError ? err.message : String(err);
    }
    return null;
  };
  t.equal(fatal(doc('Controller', { noteMod: 'MIR-RAN', gaugeMod: 'PERMISSIVE' })), null);
  t.equal(fatal(doc('Keyboard', {})), null);
  const zod = (issues: unknown[]) => `Invalid BATCH-MANUAL: scores[0].scoreMeta | ${JSON.stringify(issues, null, 2)}.`;
  t.equal(
    fatal(doc('Controller', { noteMod: 'FLIP' })),
    zod([
      {
        received: 'FLIP',
        code: 'invalid_enum_value',
        options: ['MIR-RAN', 'MIRROR', 'NORMAL', 'RANDOM'],
        path: ['noteMod'],
        message: "Invalid enum value. Expected 'MIR-RAN' | 'MIRROR' | 'NORMAL' | 'RANDOM', received 'FLIP'",
      },
    ]),
  );
  t.equal(
    fatal(doc('Keyboard', { gaugeMod: null })),
    zod([{ expected: "'NORMAL' | 'HARD' | 'PERMISSIVE'", received: 'null', code: 'invalid_type', path: ['gaugeMod'], message: "Expected 'NORMAL' | 'HARD' | 'PERMISSIVE', received null" }]),
    'optional, not nullable (zod\'s enum issue: expected, received, code)',
  );
  t.equal(
    fatal(doc('Keyboard', { hiSpeed: 5 })),
    zod([{ code: 'unrecognized_keys', keys: ['hiSpeed'], path: [], message: "Unrecognized key(s) in object: 'hiSpeed'" }]),
  );
  t.equal(fatal(doc('Controller', {}, { vfClass: 'IMPERIAL_I' })), 'Invalid BATCH-MANUAL: classes | Unexpected properties inside object: vfClass..');
  t.equal(fatal({ meta: { game: 'usc', playtype: 'Single', service: 'tests' }, scores: [] }), "Invalid playtype 'Single' - expected any of Controller, Keyboard.");
  t.equal(
    fatal({ meta: { game: 'usc', playtype: 'Controller', service: 'tests' }, scores: [byHash(HASH.E59_EXH, 9_000_000, 'MAXXIVE CLEAR')] }),
    'Invalid BATCH-MANUAL: scores[0].lamp | Expected any of FAILED, CLEAR, EXCESSIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN. | Received MAXXIVE CLEAR [type: string].',
  );
});

t.test('PBs: the best score, then the best lamp (Tachi\'s "Should join best lamp")', async (t) => {
  const best = kb.hydrate(KB.E59_EXH, score(9_700_000, 'CLEAR'), { scoreID: 'Tbest' });
  const lamp = kb.hydrate(KB.E59_EXH, score(0, 'ULTIMATE CHAIN'), { scoreID: 'TbestLamp', validators: false });
  const pb = buildPB(kb.definition, KB.E59_EXH, [best, lamp])!;
  t.same(pb.composedFrom, [
    { name: 'Best Score', scoreID: 'Tbest' },
    { name: 'Best Lamp', scoreID: 'TbestLamp' },
  ]);
  t.same([pb.scoreData.score, pb.scoreData.lamp, pb.scoreData.grade, pb.playtype], [9_700_000, 'ULTIMATE CHAIN', 'AAA', 'Keyboard']);
  t.same(pb.scoreData.enumIndexes, { lamp: 3, grade: 7 });
  // recomputed on the merged lamp: 28 × 0.97 × 100 × 105 = 285180 → 0.285
  t.same(pb.calculatedData, { VF6: 0.285 });
});
