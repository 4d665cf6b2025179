import t from 'tap';
import { GAME_NAMES } from '../../src/games/registry.ts';

/** the games this service imports, as Tachi's messages list them */
const GAMES_LISTED = GAME_NAMES.join(', ');
import type { Test } from 'tap';
import {
  MAX_SCORES_PER_IMPORT,
  batchManualScoreSchema,
  parseBatchManual,
  parseBatchManualFile,
  type ParseBatchManualOptions,
} from '../../src/import-types/batch-manual/index.ts';
import { ImportFatalError } from '../../src/errors.ts';

// Expected messages are spec §3.1/§3.2 strings (prudence 0.10.0 + Tachi's FormatPrError), written out.

const SDVX_META = { service: 'foobar', game: 'sdvx', playtype: 'Single' };
const CHUNI_META = { service: 'ChunItachi', game: 'chunithm', playtype: 'Single' };

// spec §8.3 sdvx-in-game-id.json
const SDVX_SCORE = { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV' };
// spec §8.3 chunitachi.json
const CHUNI_SCORE = {
  score: 900_000,
  clearLamp: 'CLEAR',
  noteLamp: 'NONE',
  matchType: 'songTitle',
  identifier: 'B.B.K.K.B.K.K.',
  difficulty: 'BASIC',
};

const sdvx = (score: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  meta: SDVX_META,
  scores: [{ ...SDVX_SCORE, ...score }],
  ...extra,
});
const chuni = (score: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  meta: CHUNI_META,
  scores: [{ ...CHUNI_SCORE, ...score }],
  ...extra,
});
const withoutKey = (obj: Record<string, unknown>, key: string) => {
  const copy = { ...obj };
  delete copy[key];
  return copy;
};

function fatalOf(fn: () => unknown): ImportFatalError | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportFatalError) return err;
    throw err;
  }
  return undefined;
}

/** asserts a 400 ImportFatalError with exactly this message */
function rejects(t: Pick<Test, 'ok' | 'equal'>, data: unknown, message: string, opts?: ParseBatchManualOptions) {
  const err = fatalOf(() => parseBatchManual(data, opts));
  t.ok(err, `rejects with: ${message}`);
  t.equal(err?.statusCode, 400);
  t.equal(err?.message, message);
}

const BM = 'Invalid BATCH-MANUAL';

t.test('parseBatchManualFile', async (t) => {
  t.test('invalid JSON carries the JS parser message', async (t) => {
    let parserMessage = '';
    try {
      JSON.parse('{invalid JSON');
    } catch (err) {
      parserMessage = (err as Error).message;
    }
    const err = fatalOf(() => parseBatchManualFile(Buffer.from('{invalid JSON')));
    t.equal(err?.statusCode, 400);
    t.equal(err?.message, `Invalid JSON. (${parserMessage})`);
    t.match(err?.message, /^Invalid JSON\. \(.+\)$/);
  });

  t.test('a valid UTF-8 file parses (spec §8.3 chunitachi.json)', async (t) => {
    const res = parseBatchManualFile(Buffer.from(JSON.stringify(chuni()), 'utf8'));
    t.same(res.context, { service: 'ChunItachi', game: 'chunithm', playtype: 'Single', version: null });
    t.equal(res.datapoints.length, 1);
  });

  t.test('a parsed non-object is the parser error, not a JSON error', async (t) => {
    const err = fatalOf(() => parseBatchManualFile(Buffer.from('true')));
    t.equal(err?.message, `${BM} (Not an object, received boolean.)`);
  });
});

t.test('fatal errors in the order of spec §3.1', async (t) => {
  t.test('non-objects', async (t) => {
    rejects(t, false, `${BM} (Not an object, received boolean.)`);
    rejects(t, null, `${BM} (Not an object, received null.)`);
    rejects(t, 'x', `${BM} (Not an object, received string.)`);
    rejects(t, 12, `${BM} (Not an object, received number.)`);
    rejects(t, undefined, `${BM} (Not an object, received undefined.)`);
    // deliberate: Tachi would report the missing meta.game for an array
    rejects(t, [], `${BM} (Not an object, received array.)`);
  });

  t.test('missing meta / game / playtype', async (t) => {
    rejects(t, { scores: [] }, 'Could not retrieve meta.game - is this valid BATCH-MANUAL?');
    rejects(t, { scores: [], meta: null }, 'Could not retrieve meta.game - is this valid BATCH-MANUAL?');
    rejects(t, { scores: [], meta: 'sdvx' }, 'Could not retrieve meta.game - is this valid BATCH-MANUAL?');
    rejects(t, { scores: [], meta: { service: 'foo', playtype: 'Single' } }, 'Could not retrieve meta.game - is this valid BATCH-MANUAL?');
    rejects(t, { scores: [], meta: { service: 'foo', game: 'sdvx' } }, 'Could not retrieve meta.playtype - is this valid BATCH-MANUAL?');
    // playtype is looked up before the game is validated
    rejects(t, { scores: [], meta: { service: 'foo', game: 'nonsense' } }, 'Could not retrieve meta.playtype - is this valid BATCH-MANUAL?');
  });

  t.test('invalid game, string or not', async (t) => {
    rejects(t, { scores: [], meta: { service: 'foo', game: 'nonsense', playtype: 'Single' } }, `Invalid game 'nonsense' - expected any of ${GAMES_LISTED}.`);
    rejects(t, { scores: [], meta: { service: 'foo', game: 123, playtype: 'Single' } }, `Invalid game '123' - expected any of ${GAMES_LISTED}.`);
    rejects(t, { scores: [], meta: { service: 'foo', game: null, playtype: 'Single' } }, `Invalid game 'null' - expected any of ${GAMES_LISTED}.`);
    // a Tachi game this service does not import
    rejects(t, { scores: [], meta: { service: 'foo', game: 'iidxx', playtype: 'SP' } }, `Invalid game 'iidxx' - expected any of ${GAMES_LISTED}.`);
  });

  t.test('invalid playtype', async (t) => {
    rejects(t, { scores: [], meta: { service: 'foo', game: 'sdvx', playtype: 'nonsense' } }, "Invalid playtype 'nonsense' - expected any of Single.");
    rejects(t, { scores: [], meta: { service: 'foo', game: 'chunithm', playtype: 'SP' } }, "Invalid playtype 'SP' - expected any of Single.");
    rejects(t, { scores: [], meta: { service: 'foo', game: 'chunithm', playtype: 1 } }, "Invalid playtype '1' - expected any of Single.");
  });

  t.test('meta.service 3..60', async (t) => {
    const doc = (service: unknown) => ({ scores: [], meta: { ...SDVX_META, service } });
    rejects(t, doc('1'), `${BM}: meta.service | Expected a string with length between 3 and 60. | Received 1 [type: string].`);
    rejects(t, doc(1), `${BM}: meta.service | Expected a string with length between 3 and 60. | Received 1 [type: number].`);
    rejects(t, doc('ab'), `${BM}: meta.service | Expected a string with length between 3 and 60. | Received ab [type: string].`);
    rejects(t, doc('x'.repeat(61)), `${BM}: meta.service | Expected a string with length between 3 and 60. | Received ${'x'.repeat(61)} [type: string].`);
    rejects(t, { scores: [], meta: withoutKey(SDVX_META, 'service') }, `${BM}: meta.service | Expected a string with length between 3 and 60. | Received undefined [type: undefined].`);
    t.equal(parseBatchManual(doc('abc')).context.service, 'abc');
    t.equal(parseBatchManual(doc('x'.repeat(60))).context.service, 'x'.repeat(60));
  });

  t.test('meta.version and excess meta keys', async (t) => {
    rejects(t, { scores: [], meta: { ...SDVX_META, version: 5 } }, `${BM}: meta.version | Expected *?string, null or no value. | Received 5 [type: number].`);
    rejects(t, { scores: [], meta: { ...SDVX_META, foo: 1 } }, `${BM}: meta | Unexpected properties inside object: foo..`);
  });

  t.test('excess top-level keys are reported at keychain null, after the declared keys', async (t) => {
    rejects(t, { meta: SDVX_META, scores: [], foo: 1, bar: 2 }, `${BM}: null | Unexpected properties inside object: foo, bar..`);
    // a declared key's error wins over the excess keys
    rejects(t, { meta: { ...SDVX_META, service: 'x' }, scores: [], foo: 1 }, `${BM}: meta.service | Expected a string with length between 3 and 60. | Received x [type: string].`);
    // prudence only skips keys the schema has; keys named like Object.prototype members are excess too
    rejects(t, { meta: SDVX_META, scores: [], constructor: 1 }, `${BM}: null | Unexpected properties inside object: constructor..`);
  });

  t.test('scores must be an array', async (t) => {
    rejects(t, { meta: SDVX_META }, `${BM}: scores | Value was not an array. | Received undefined [type: undefined].`);
    rejects(t, { meta: SDVX_META, scores: 'x' }, `${BM}: scores | Value was not an array. | Received x [type: string].`);
    // object values print no "Received" part
    rejects(t, { meta: SDVX_META, scores: {} }, `${BM}: scores | Value was not an array..`);
  });

  t.test('the first failing score wins, keys in declaration order', async (t) => {
    rejects(
      t,
      { meta: SDVX_META, scores: [SDVX_SCORE, { ...SDVX_SCORE, score: 'x', lamp: 'x' }, { ...SDVX_SCORE, lamp: 'x' }] },
      `${BM}: scores[1].score | Expected an integer. | Received x [type: string].`,
    );
    // score is declared before lamp
    rejects(t, sdvx({ lamp: 'x', score: -5 }), `${BM}: scores[0].score | Expected a number between 0 and 10000000. | Received -5 [type: number].`);
    // a score's own keys come before its excess keys
    rejects(t, sdvx({ foo: 1, identifier: 1 }), `${BM}: scores[0].identifier | Expected string. | Received 1 [type: number].`);
    rejects(t, sdvx({ foo: 1, bar: null }), `${BM}: scores[0] | Unexpected properties inside object: foo, bar..`);
    rejects(t, { meta: SDVX_META, scores: [5] }, `${BM}: scores[0] | Object does not match structure of schema, expected this location to have an object. | Received 5 [type: number].`);
  });
});

t.test('score fields (spec §3.2)', async (t) => {
  t.test('provided metrics: INTEGER', async (t) => {
    rejects(t, sdvx({ score: '123' }), `${BM}: scores[0].score | Expected an integer. | Received 123 [type: string].`);
    rejects(t, sdvx({ score: 123.5 }), `${BM}: scores[0].score | Expected an integer. | Received 123.5 [type: number].`);
    rejects(t, sdvx({ score: null }), `${BM}: scores[0].score | Expected an integer. | Received null [type: null].`);
    rejects(t, sdvx({ score: undefined }), `${BM}: scores[0].score | Expected an integer. | Received undefined [type: undefined].`);
    rejects(t, sdvx({ score: 2 ** 53 }), `${BM}: scores[0].score | Expected an integer. | Received 9007199254740992 [type: number].`);
    rejects(t, sdvx({ score: -100 }), `${BM}: scores[0].score | Expected a number between 0 and 10000000. | Received -100 [type: number].`);
    rejects(t, sdvx({ score: 10_000_001 }), `${BM}: scores[0].score | Expected a number between 0 and 10000000. | Received 10000001 [type: number].`);
    rejects(t, chuni({ score: 1_010_001 }), `${BM}: scores[0].score | Expected a number between 0 and 1010000. | Received 1010001 [type: number].`);
    t.equal(parseBatchManual(sdvx({ score: 0 })).datapoints[0].score, 0);
    t.equal(parseBatchManual(sdvx({ score: 10_000_000 })).datapoints[0].score, 10_000_000);
    t.equal(parseBatchManual(chuni({ score: 1_010_000 })).datapoints[0].score, 1_010_000);
  });

  t.test('provided metrics: ENUM', async (t) => {
    rejects(
      t,
      sdvx({ lamp: 'ALL JUSTICE' }),
      `${BM}: scores[0].lamp | Expected any of FAILED, CLEAR, EXCESSIVE CLEAR, MAXXIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN. | Received ALL JUSTICE [type: string].`,
    );
    rejects(t, sdvx({ lamp: 'clear' }), `${BM}: scores[0].lamp | Expected any of FAILED, CLEAR, EXCESSIVE CLEAR, MAXXIVE CLEAR, ULTIMATE CHAIN, PERFECT ULTIMATE CHAIN. | Received clear [type: string].`);
    // CHUNITHM declares noteLamp before clearLamp
    rejects(
      t,
      chuni({ clearLamp: 'NOPE', noteLamp: 'NOPE' }),
      `${BM}: scores[0].noteLamp | Expected any of NONE, FULL COMBO, ALL JUSTICE, ALL JUSTICE CRITICAL. | Received NOPE [type: string].`,
    );
    rejects(
      t,
      chuni({ clearLamp: 'FULL COMBO' }),
      `${BM}: scores[0].clearLamp | Expected any of FAILED, CLEAR, HARD, BRAVE, ABSOLUTE, CATASTROPHY. | Received FULL COMBO [type: string].`,
    );
    // an SDVX lamp field is excess on CHUNITHM
    rejects(t, chuni({ lamp: 'CLEAR' }), `${BM}: scores[0] | Unexpected properties inside object: lamp..`);
  });

  t.test('matchType and identifier', async (t) => {
    rejects(
      t,
      sdvx({ matchType: 'Invalid_MatchType' }),
      `${BM}: scores[0].matchType | Expected any of songTitle, tachiSongID, bmsChartHash, itgChartHash, sdvxInGameID, inGameID, inGameStrID, uscChartHash, popnChartHash, ddrSongHash. | Received Invalid_MatchType [type: string].`,
    );
    rejects(t, sdvx({ identifier: null }), `${BM}: scores[0].identifier | Expected string. | Received null [type: null].`);
    rejects(t, sdvx({ identifier: 1 }), `${BM}: scores[0].identifier | Expected string. | Received 1 [type: number].`);
    // a matchType the game can't use passes the schema; resolution rejects it per score
    t.equal(parseBatchManual(sdvx({ matchType: 'bmsChartHash' })).datapoints[0].matchType, 'bmsChartHash');
  });

  t.test('comment, difficulty, artist', async (t) => {
    rejects(t, sdvx({ comment: 'hi' }), `${BM}: scores[0].comment | Expected a string with length between 3 and 240. | Received hi [type: string].`);
    rejects(t, sdvx({ comment: 'x'.repeat(241) }), `${BM}: scores[0].comment | Expected a string with length between 3 and 240. | Received ${'x'.repeat(241)} [type: string].`);
    rejects(t, sdvx({ difficulty: 5 }), `${BM}: scores[0].difficulty | Expected *?string, null or no value. | Received 5 [type: number].`);
    rejects(t, sdvx({ artist: false }), `${BM}: scores[0].artist | Expected *?string, null or no value. | Received false [type: boolean].`);
    const ok = parseBatchManual(sdvx({ comment: null, difficulty: null, artist: null }));
    t.same(ok.datapoints[0], { ...SDVX_SCORE, comment: null, difficulty: null, artist: null });
    t.equal(parseBatchManual(sdvx({ comment: 'abc' })).datapoints[0].comment, 'abc');
  });

  t.test('timeAchieved', async (t) => {
    const MSG = 'Expected a number greater than 1 Trillion - did you pass unix seconds instead of milliseconds?';
    rejects(t, sdvx({ timeAchieved: 'string' }), `${BM}: scores[0].timeAchieved | ${MSG} | Received string [type: string].`);
    rejects(t, sdvx({ timeAchieved: 1_620_768_609_637 / 1000 }), `${BM}: scores[0].timeAchieved | ${MSG} | Received 1620768609.637 [type: number].`);
    rejects(t, sdvx({ timeAchieved: 1_000_000_000_000 }), `${BM}: scores[0].timeAchieved | ${MSG} | Received 1000000000000 [type: number].`);
    rejects(t, sdvx({ timeAchieved: -1 }), `${BM}: scores[0].timeAchieved | ${MSG} | Received -1 [type: number].`);
    t.equal(parseBatchManual(sdvx({ timeAchieved: 0 })).datapoints[0].timeAchieved, 0);
    t.equal(parseBatchManual(sdvx({ timeAchieved: null })).datapoints[0].timeAchieved, null);
    t.equal(parseBatchManual(sdvx({ timeAchieved: 1_000_000_000_001 })).datapoints[0].timeAchieved, 1_000_000_000_001);
    t.equal(parseBatchManual(sdvx({ timeAchieved: 1_620_768_609_637 })).datapoints[0].timeAchieved, 1_620_768_609_637);
  });

  t.test('judgements', async (t) => {
    rejects(t, sdvx({ judgements: { not_key: 123 } }), `${BM}: scores[0].judgements | Invalid Key not_key. Expected any of critical, near, miss.`);
    rejects(t, chuni({ judgements: { critical: 1 } }), `${BM}: scores[0].judgements | Invalid Key critical. Expected any of jcrit, justice, attack, miss.`);
    rejects(t, sdvx({ judgements: { critical: '123' } }), `${BM}: scores[0].judgements | Key critical had an invalid value of 123 [type: string].`);
    rejects(t, sdvx({ judgements: { near: -1 } }), `${BM}: scores[0].judgements | Key near had an invalid value of -1 [type: number].`);
    rejects(t, sdvx({ judgements: { miss: 1.5 } }), `${BM}: scores[0].judgements | Key miss had an invalid value of 1.5 [type: number].`);
    rejects(t, sdvx({ judgements: 5 }), `${BM}: scores[0].judgements | Not a valid object. | Received 5 [type: number].`);
    // deliberate: Tachi lets an array through here
    rejects(t, sdvx({ judgements: [1] }), `${BM}: scores[0].judgements | Not a valid object..`);
    const ok = parseBatchManual(sdvx({ judgements: { critical: 1, near: null, miss: 0 } }));
    t.same(ok.datapoints[0].judgements, { critical: 1, near: null, miss: 0 });
    t.equal(parseBatchManual(sdvx({ judgements: null })).datapoints[0].judgements, null);
  });

  t.test('optional and hitMeta', async (t) => {
    for (const key of ['optional', 'hitMeta']) {
      rejects(t, sdvx({ [key]: { not_key: 123 } }), `${BM}: scores[0].${key} | Unexpected properties inside object: not_key..`);
      rejects(t, sdvx({ [key]: { fast: -1 } }), `${BM}: scores[0].${key}.fast | Expected a positive integer. | Received -1 [type: number].`);
      rejects(t, sdvx({ [key]: { maxCombo: 1.5 } }), `${BM}: scores[0].${key}.maxCombo | Expected an integer. | Received 1.5 [type: number].`);
      rejects(t, sdvx({ [key]: { gauge: 101 } }), `${BM}: scores[0].${key}.gauge | Expected a number between 0 and 100. | Received 101 [type: number].`);
      rejects(t, sdvx({ [key]: { gauge: '50' } }), `${BM}: scores[0].${key}.gauge | Expected number. | Received 50 [type: string].`);
      rejects(t, sdvx({ [key]: 'x' }), `${BM}: scores[0].${key} | Object does not match structure of schema, expected this location to have an object. | Received x [type: string].`);
    }
    // exScore: the schema only checks integer-ness (negatives are a validation error later)
    rejects(t, sdvx({ optional: { exScore: 1.5 } }), `${BM}: scores[0].optional.exScore | Expected an integer. | Received 1.5 [type: number].`);
    t.equal(parseBatchManual(sdvx({ optional: { exScore: -1 } })).datapoints[0].optional?.exScore, -1);
    // graphs: every element's type is checked before any element's range
    rejects(t, chuni({ optional: { scoreGraph: 5 } }), `${BM}: scores[0].optional.scoreGraph | Value was not an array. | Received 5 [type: number].`);
    rejects(t, chuni({ optional: { scoreGraph: [2_000_000, 'x'] } }), `${BM}: scores[0].optional.scoreGraph[1] | Expected number. | Received x [type: string].`);
    rejects(t, chuni({ optional: { scoreGraph: [1, 2_000_000] } }), `${BM}: scores[0].optional.scoreGraph[1] | Expected a number between 0 and 1010000. | Received 2000000 [type: number].`);
    rejects(t, chuni({ optional: { lifeGraph: [1000] } }), `${BM}: scores[0].optional.lifeGraph[0] | Expected a number between 0 and 999. | Received 1000 [type: number].`);
    // SDVX optional keys are excess on CHUNITHM
    rejects(t, chuni({ optional: { exScore: 1 } }), `${BM}: scores[0].optional | Unexpected properties inside object: exScore..`);
    // optional is checked before hitMeta
    rejects(t, sdvx({ hitMeta: { fast: -1 }, optional: { slow: -1 } }), `${BM}: scores[0].optional.slow | Expected a positive integer. | Received -1 [type: number].`);

    const ok = parseBatchManual(sdvx({ optional: { fast: 1, slow: null, exScore: 1234, gauge: 55.5 }, hitMeta: { maxCombo: 3 } }));
    t.same(ok.datapoints[0].optional, { fast: 1, slow: null, exScore: 1234, gauge: 55.5 });
    t.same(ok.datapoints[0].hitMeta, { maxCombo: 3 });
    const graphs = parseBatchManual(chuni({ optional: { scoreGraph: [0, 1_010_000], lifeGraph: [] } }));
    t.same(graphs.datapoints[0].optional, { scoreGraph: [0, 1_010_000], lifeGraph: [] });
  });

  t.test('scoreMeta is a strict empty (zod) object for SDVX and CHUNITHM', async (t) => {
    const unrecognized = JSON.stringify(
      [{ code: 'unrecognized_keys', keys: ['inSkillAnalyser'], path: [], message: "Unrecognized key(s) in object: 'inSkillAnalyser'" }],
      null,
      2,
    );
    rejects(t, sdvx({ scoreMeta: { inSkillAnalyser: true } }), `${BM}: scores[0].scoreMeta | ${unrecognized}.`);
    const notObject = JSON.stringify(
      [{ code: 'invalid_type', expected: 'object', received: 'string', path: [], message: 'Expected object, received string' }],
      null,
      2,
    );
    rejects(t, chuni({ scoreMeta: 'x' }), `${BM}: scores[0].scoreMeta | ${notObject} | Received x [type: string].`);
    t.same(parseBatchManual(sdvx({ scoreMeta: {} })).datapoints[0].scoreMeta, {});
    t.equal(parseBatchManual(sdvx({ scoreMeta: null })).datapoints[0].scoreMeta, null);
  });
});

t.test('classes', async (t) => {
  rejects(t, sdvx({}, { classes: { vfClass: 'SIENNA_I' } }), `${BM}: classes | Unexpected properties inside object: vfClass..`);
  rejects(t, chuni({}, { classes: { colour: 'BLUE' } }), `${BM}: classes | Unexpected properties inside object: colour..`);
  rejects(t, sdvx({}, { classes: { nonsense: 'x' } }), `${BM}: classes | Unexpected properties inside object: nonsense..`);
  // CHUNITHM's class IDs are not SDVX's
  rejects(t, sdvx({}, { classes: { dan: 'DAN_I' } }), `${BM}: classes.dan | Expected any of DAN_1, DAN_2, DAN_3, DAN_4, DAN_5, DAN_6, DAN_7, DAN_8, DAN_9, DAN_10, DAN_11, INF. | Received DAN_I [type: string].`);
  rejects(t, chuni({}, { classes: { dan: 'DAN_I', emblem: 'DAN_VI' } }), `${BM}: classes.emblem | Expected any of DAN_I, DAN_II, DAN_III, DAN_IV, DAN_V, DAN_INFINITE. | Received DAN_VI [type: string].`);
  rejects(t, sdvx({}, { classes: 'DAN_1' }), `${BM}: classes | Object does not match structure of schema, expected this location to have an object. | Received DAN_1 [type: string].`);

  t.equal(parseBatchManual(sdvx({}, { classes: null })).classes, null);
  t.equal(parseBatchManual(sdvx()).classes, null);
  t.same(parseBatchManual(sdvx({}, { classes: {} })).classes, { Single: {} });
  t.same(parseBatchManual(sdvx({}, { classes: { dan: 'INF' } })).classes, { Single: { dan: 'INF' } });
  t.same(parseBatchManual(chuni({}, { classes: { dan: 'DAN_V', emblem: null } })).classes, { Single: { dan: 'DAN_V' } });
});

t.test('valid documents', async (t) => {
  t.test('empty', async (t) => {
    const res = parseBatchManual({ meta: SDVX_META, scores: [] });
    t.same(res, {
      game: 'sdvx',
      context: { service: 'foobar', game: 'sdvx', playtype: 'Single', version: null },
      datapoints: [],
      classes: null,
    });
  });

  t.test('basic (spec §8.3 sdvx-in-game-id.json)', async (t) => {
    const res = parseBatchManual(sdvx());
    t.same(res, {
      game: 'sdvx',
      context: { service: 'foobar', game: 'sdvx', playtype: 'Single', version: null },
      datapoints: [SDVX_SCORE],
      classes: null,
    });
  });

  t.test('meta.version is carried into the context (null when absent or null)', async (t) => {
    t.equal(parseBatchManual({ meta: { ...SDVX_META, version: 'exceed' }, scores: [] }).context.version, 'exceed');
    t.equal(parseBatchManual({ meta: { ...SDVX_META, version: null }, scores: [] }).context.version, null);
    // not checked against the game's versions here (spec §3.2)
    t.equal(parseBatchManual({ meta: { ...SDVX_META, version: 'nonsense' }, scores: [] }).context.version, 'nonsense');
  });

  t.test('every score field at once', async (t) => {
    const score = {
      ...SDVX_SCORE,
      comment: 'nice',
      artist: '無力P',
      timeAchieved: 1_700_000_000_000,
      judgements: { critical: 1000, near: 10, miss: 0 },
      optional: { fast: 1, slow: 2, maxCombo: 500, exScore: 2000, gauge: 80 },
      hitMeta: null,
      scoreMeta: {},
    };
    const res = parseBatchManual({ meta: SDVX_META, scores: [score] });
    t.same(res.datapoints, [score]);
  });
});

t.test('infer timestamp (X-Infer-Score-TimeAchieved)', async (t) => {
  const NOW = 1_700_000_000_123;
  t.test('stamps the single score with now', async (t) => {
    const doc = sdvx();
    const res = parseBatchManual(doc, { inferTimestamp: true, now: NOW });
    t.equal(res.datapoints[0].timeAchieved, NOW);
    t.equal((doc.scores[0] as Record<string, unknown>).timeAchieved, undefined, 'the input is not mutated');
    t.equal(parseBatchManual(sdvx({ timeAchieved: null }), { inferTimestamp: true, now: NOW }).datapoints[0].timeAchieved, NOW);
    // 0 is falsy, so it is replaced too
    t.equal(parseBatchManual(sdvx({ timeAchieved: 0 }), { inferTimestamp: true, now: NOW }).datapoints[0].timeAchieved, NOW);
  });

  t.test('defaults to the current time', async (t) => {
    const before = Date.now();
    const stamped = parseBatchManual(sdvx(), { inferTimestamp: true }).datapoints[0].timeAchieved as number;
    t.ok(stamped >= before && stamped <= Date.now());
  });

  t.test('rejections', async (t) => {
    rejects(t, { meta: SDVX_META, scores: [SDVX_SCORE, SDVX_SCORE] }, 'Cannot use X-Infer-Score-TimeAchieved with multiple scores in your import.', { inferTimestamp: true, now: NOW });
    rejects(t, sdvx({ timeAchieved: 1_600_000_000_000 }), 'Cannot use X-Infer-Score-Timestamp if the importing score already has a timeAchieved set.', { inferTimestamp: true, now: NOW });
    // Tachi crashes (500) on this; we say what is wrong
    const err = fatalOf(() => parseBatchManual({ meta: SDVX_META, scores: [] }, { inferTimestamp: true, now: NOW }));
    t.equal(err?.statusCode, 400);
    t.match(err?.message, /X-Infer-Score-TimeAchieved/);
    t.match(err?.message, /no scores/);
    // schema errors come first
    rejects(t, sdvx({ score: 'x' }), `${BM}: scores[0].score | Expected an integer. | Received x [type: string].`, { inferTimestamp: true, now: NOW });
  });

  t.test('without the option, timestamps are left alone', async (t) => {
    t.equal(parseBatchManual(sdvx()).datapoints[0].timeAchieved, undefined);
    t.equal(parseBatchManual({ meta: SDVX_META, scores: [SDVX_SCORE, SDVX_SCORE] }).datapoints.length, 2);
  });
});

t.test('hostile input is bounded', async (t) => {
  t.equal(MAX_SCORES_PER_IMPORT, 100_000);
  const many = { meta: SDVX_META, scores: new Array(MAX_SCORES_PER_IMPORT + 1).fill(SDVX_SCORE) };
  const err = fatalOf(() => parseBatchManual(many));
  t.equal(err?.statusCode, 400);
  t.match(err?.message, /100001/);
  t.match(err?.message, /100000/);

  const atLimit = { meta: SDVX_META, scores: new Array(MAX_SCORES_PER_IMPORT).fill(SDVX_SCORE) };
  const started = performance.now();
  t.equal(parseBatchManual(atLimit).datapoints.length, MAX_SCORES_PER_IMPORT);
  t.ok(performance.now() - started < 5_000, 'validating the maximum import takes seconds at most');

  // a huge offending value is echoed truncated, not whole
  const huge = 'x'.repeat(1_000_000);
  const longErr = fatalOf(() => parseBatchManual(sdvx({ comment: huge })));
  t.ok(longErr);
  t.ok((longErr?.message.length ?? Infinity) < 2_000);
  t.match(longErr?.message, /^Invalid BATCH-MANUAL: scores\[0\]\.comment \| Expected a string with length between 3 and 240\. \| Received x+\.\.\. \[type: string\]\.$/);
});

t.test('the TypeBox score schema declares the keys in prudence check order', async (t) => {
  t.same(Object.keys(batchManualScoreSchema('sdvx').properties), [
    'score', 'lamp', 'matchType', 'identifier', 'comment', 'difficulty', 'artist', 'timeAchieved',
    'judgements', 'optional', 'hitMeta', 'scoreMeta',
  ]);
  t.same(Object.keys(batchManualScoreSchema('chunithm').properties).slice(0, 3), ['score', 'noteLamp', 'clearLamp']);
  t.match((batchManualScoreSchema('sdvx').properties as Record<string, unknown>).score, { type: 'integer', minimum: 0, maximum: 10_000_000 });
  t.same([...batchManualScoreSchema('sdvx').required].sort(), ['identifier', 'lamp', 'matchType', 'score']);
});
