import t from 'tap';
import { createScoreID, sha256Hex, stableStringify } from '../../src/rules.ts';
import { ALBIDA_ADV, BBKK_BASIC, dry } from './fixtures/index.ts';
import { def } from './fixtures/index.ts';

const sdvx = def('sdvx');
const chuni = def('chunithm');
const sdvxData = (o: Record<string, unknown> = {}) => dry('sdvx', { score: 9_000_000, lamp: 'CLEAR', ...o }).scoreData;
const chuniData = (o: Record<string, unknown> = {}) =>
  dry('chunithm', { score: 900_000, clearLamp: 'CLEAR', noteLamp: 'NONE', ...o }).scoreData;

t.test('stableStringify follows fast-json-stable-hash 1.0.3', async (t) => {
  t.equal(stableStringify({ b: 1, a: 'x', c: null, d: true }), '{"a":"x","b":1,"c":null,"d":true}');
  t.equal(stableStringify({ z: { y: 1, x: [3, { b: 2, a: 1 }] } }), '{"z":{"x":[3,{"a":1,"b":2}],"y":1}}');
  // default sort is by UTF-16 code unit: uppercase before lowercase, "optional.x" after "lamp"
  t.equal(stableStringify({ b: 1, B: 2, 'optional.exScore': null, lamp: 'CLEAR' }), '{"B":2,"b":1,"lamp":"CLEAR","optional.exScore":null}');
  t.equal(stableStringify('a"b'), '"a\\"b"');
  t.equal(stableStringify(1.5), '1.5');
  t.equal(stableStringify([]), '[]');
  t.equal(stableStringify({}), '{}');
  t.throws(() => stableStringify(undefined), TypeError);
  t.throws(() => stableStringify({ a: undefined }), TypeError);
});

t.test('sha256Hex', async (t) => {
  t.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  t.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

t.test('Tachi canary (iidx:SP elements)', async (t) => {
  const elements = { chartID: 'c2311194e3897ddb5745b1760d2c0141f933e683', lamp: 'CLEAR', score: 786, userID: 1 };
  t.equal(`T${sha256Hex(stableStringify(elements))}`, 'T5d669c4d5d6ca80761e87698acd77c51d2bed95b64ab76e65952dbca7c26bc81');
});

t.test('SDVX canaries (ALBIDA ADV)', async (t) => {
  t.equal(ALBIDA_ADV.chartID, '5088a4d0e1ee9d0cc2f625934306e45b1a60699b');
  t.equal(
    createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData()),
    'Te36c3c6ef0ae394ddfa0f8d0f9c2246c59d7fcaba8ea3f5dc9e386281f48aa7c',
  );
  t.equal(
    createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ optional: { exScore: 1234 } })),
    'T49440af5c2354891ce8a630c2a84141a5b05b300a1d92180959ebc9a8357a493',
  );
  // the literal element string from the spec hashes to the same ID
  t.equal(
    `T${sha256Hex('{"chartID":"5088a4d0e1ee9d0cc2f625934306e45b1a60699b","lamp":"CLEAR","optional.exScore":null,"score":9000000,"userID":1}')}`,
    'Te36c3c6ef0ae394ddfa0f8d0f9c2246c59d7fcaba8ea3f5dc9e386281f48aa7c',
  );
});

t.test('CHUNITHM canaries (B.B.K.K.B.K.K. BASIC)', async (t) => {
  t.equal(
    createScoreID(chuni.config, 1, BBKK_BASIC.chartID, chuniData()),
    'T8f96a679fdb757571cc7999c603ccf0189d620f0bc47df13cd9910a68c52abc7',
  );
  t.equal(
    createScoreID(chuni.config, 1, '192b96bdb6150f80ba6412ce02df1249e16c0cb0', chuniData()),
    'T82be587fd9c41ecc9e0e4f4a15f8e9ebada440197a63890838e13a9cd9f35d8e',
  );
});

t.test('scoreID shape and sensitivity', async (t) => {
  const base = createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData());
  t.match(base, /^T[0-9a-f]{64}$/);
  t.equal(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData()), base, 'stable');

  t.not(createScoreID(sdvx.config, 2, ALBIDA_ADV.chartID, sdvxData()), base, 'depends on userID');
  t.not(createScoreID(sdvx.config, 1, 'other', sdvxData()), base, 'depends on chartID');
  t.not(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ score: 9_000_001 })), base, 'depends on score');
  t.not(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ lamp: 'EXCESSIVE CLEAR' })), base, 'depends on lamp');

  const ex1 = createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ optional: { exScore: 1 } }));
  const ex100 = createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ optional: { exScore: 100 } }));
  t.not(ex1, base, 'exScore 1 differs from absent');
  t.not(ex100, base, 'exScore 100 differs from absent');
  t.not(ex1, ex100, 'exScore 1 differs from 100');
  t.equal(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ optional: { exScore: null } })), base, 'null ≡ absent');
  t.equal(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ optional: { exScore: undefined } })), base, 'undefined ≡ absent');

  t.equal(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ optional: { fast: 12, slow: 3, maxCombo: 99, gauge: 70.5 } })), base, 'fast/slow/maxCombo/gauge ignored');
  t.equal(createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, sdvxData({ judgements: { critical: 1000, near: 5, miss: 1 } })), base, 'judgements ignored');
  t.equal(
    createScoreID(sdvx.config, 1, ALBIDA_ADV.chartID, dry('sdvx', { score: 9_000_000, lamp: 'CLEAR' }, 1_700_000_000_000).scoreData),
    base,
    'timeAchieved is not part of the ID',
  );

  const c = createScoreID(chuni.config, 1, BBKK_BASIC.chartID, chuniData());
  t.not(createScoreID(chuni.config, 1, BBKK_BASIC.chartID, chuniData({ noteLamp: 'FULL COMBO' })), c, 'noteLamp');
  t.not(createScoreID(chuni.config, 1, BBKK_BASIC.chartID, chuniData({ clearLamp: 'HARD' })), c, 'clearLamp');
  t.equal(createScoreID(chuni.config, 1, BBKK_BASIC.chartID, chuniData({ optional: { maxCombo: 5, scoreGraph: [1, 2] } })), c, 'CHUNITHM optionals ignored');
});
