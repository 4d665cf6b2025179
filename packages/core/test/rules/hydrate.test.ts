import t from 'tap';
import { createScoreID, hydrateScore } from '../../src/rules.ts';
import { ALBIDA_ADV, ALBIDA_SONG, BBKK_BASIC, BBKK_SONG, dry } from './fixtures/index.ts';
import { def } from './fixtures/index.ts';

t.test('SDVX sdvx-in-game-id.json (spec §8.3)', async (t) => {
  const d = dry('sdvx', { score: 9_000_000, lamp: 'CLEAR' });
  const scoreID = createScoreID(def('sdvx').config, 1, ALBIDA_ADV.chartID, d.scoreData);
  const s = hydrateScore(d, def('sdvx'), { now: Date.now(), userID: 1, chart: ALBIDA_ADV, song: ALBIDA_SONG, scoreID, timeAdded: 123 });
  t.same(s, {
    scoreID: 'Te36c3c6ef0ae394ddfa0f8d0f9c2246c59d7fcaba8ea3f5dc9e386281f48aa7c',
    userID: 1,
    game: 'sdvx',
    playtype: 'Single',
    chartID: '5088a4d0e1ee9d0cc2f625934306e45b1a60699b',
    songID: 1,
    isPrimary: true,
    service: 'foobar (BATCH-MANUAL)',
    importType: 'file/batch-manual',
    comment: null,
    timeAchieved: null,
    timeAdded: 123,
    highlight: false,
    scoreMeta: {},
    scoreData: {
      score: 9_000_000,
      lamp: 'CLEAR',
      grade: 'A+',
      judgements: {},
      optional: { enumIndexes: {} },
      enumIndexes: { lamp: 1, grade: 4 },
    },
    calculatedData: { VF6: 0.163 },
  });
  t.notOk('importID' in s, 'importID is left to the pipeline');
});

t.test('CHUNITHM chunitachi.json (spec §8.3)', async (t) => {
  const d = dry('chunithm', { score: 900_000, clearLamp: 'CLEAR', noteLamp: 'NONE' }, 1_600_000_000_000);
  const s = hydrateScore(d, def('chunithm'), { now: Date.now(), userID: 7, chart: BBKK_BASIC, song: BBKK_SONG, scoreID: 'Tx', timeAdded: 5 });
  t.equal(s.scoreData.grade, 'A');
  t.same(s.scoreData.enumIndexes, { noteLamp: 0, clearLamp: 1, grade: 5 });
  t.same(s.calculatedData, { rating: 0 });
  t.equal(s.songID, 3);
  t.equal(s.userID, 7);
  t.equal(s.timeAchieved, 1_600_000_000_000);
  t.same(s.scoreData.optional, { enumIndexes: {} });
});

t.test('judgements and optional are kept as sent, inputs untouched', async (t) => {
  const d = dry('sdvx', {
    score: 10_000_000,
    lamp: 'PERFECT ULTIMATE CHAIN',
    judgements: { critical: 1000, near: 0, miss: 0 },
    optional: { exScore: 3000, fast: null },
  });
  const before = structuredClone(d);
  const s = hydrateScore(d, def('sdvx'), { now: Date.now(), userID: 1, chart: { ...ALBIDA_ADV, levelNum: 20 }, song: ALBIDA_SONG, scoreID: 'T', timeAdded: 0 });
  t.same(s.scoreData.judgements, { critical: 1000, near: 0, miss: 0 });
  t.same(s.scoreData.optional, { exScore: 3000, fast: null, enumIndexes: {} });
  t.equal(s.scoreData.grade, 'PUC');
  t.same(s.scoreData.enumIndexes, { lamp: 5, grade: 10 });
  t.same(s.calculatedData, { VF6: 0.462 }, 'lvl 20 10M PUC');
  t.same(d, before);
});

t.test('isPrimary and playtype come from the chart', async (t) => {
  const s = hydrateScore(dry('sdvx', { score: 1, lamp: 'FAILED' }), def('sdvx'), { now: Date.now(), userID: 1,
    chart: { ...ALBIDA_ADV, isPrimary: false },
    song: ALBIDA_SONG,
    scoreID: 'T',
    timeAdded: 0,
  });
  t.equal(s.isPrimary, false);
  t.equal(s.playtype, 'Single');
});

t.test('an enum value outside the config is an invalid datapoint, not an internal failure (validated first)', async (t) => {
  t.throws(
    () => hydrateScore(dry('sdvx', { score: 1, lamp: 'NOPE' }), def('sdvx'), { now: Date.now(), userID: 1, chart: ALBIDA_ADV, song: ALBIDA_SONG, scoreID: 'T', timeAdded: 0 }),
    { type: 'InvalidDatapoint', message: 'Got 1 error when validating score:\nInvalid value for lamp, got NOPE, but expected any of FAILED, CLEAR, EXCESSIVE CLEAR, MAXXIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN.' },
  );
});
