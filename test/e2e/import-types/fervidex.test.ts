/**
 * ir/fervidex and ir/fervidex-static end to end, through Kamaitachi's fervidex routes with a real
 * worker and the IIDX fixture seeds: a score (Tachi's FervidexBaseScore) answered with the
 * ImportDocument once imported, its stored score, poll-status and revert; per-score failures
 * (Tachi's EX score and gauge tests, an unknown chart kept as an orphan); the class route (a dan as a
 * classes-only import); the profile route (INFINITAS 2 scores and the dan, 202 at once); every
 * header and auth refusal with Tachi's fer-style bodies; the Bokutachi-only setting.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../../support/stack.ts';
import { bearer, waitForImport } from '../../support/http.ts';
import { revertAndCheck } from './tachi-formats-helpers.ts';
import { seedHookGames } from './hook-seeds.ts';

const HV = 'LDJ:J:B:A:2020092900';
const INF2 = 'P2D:J:B:A:2020092900';
const SPA_511 = 'c2311194e3897ddb5745b1760d2c0141f933e683';
const FER = { 'user-agent': 'fervidex/1.3.0', 'x-software-model': HV };

// Tachi's FervidexBaseScore (test-utils/test-data.ts)
const BASE = {
  bad: 0, chart: 'spa', clear_type: 1, combo_break: 6, custom: false, chart_sha256: 'asdfasdf', entry_id: 1000, ex_score: 68,
  fast: 0, gauge: [100, 50], ghost: [0, 2], good: 0, great: 0, max_combo: 34,
  option: { gauge: 'HARD', range: 'SUDDEN_PLUS', style: 'RANDOM' },
  pacemaker: { name: '', score: 363, type: 'PACEMAKER_A' }, pgreat: 34, poor: 6, slow: 0,
};
// Tachi's FervidexStaticBase
const STATIC = {
  name: 'AIXXE',
  qpro: { body: 189, face: 138, hair: 76, hand: 145, head: 0 },
  scores: {
    '1000': { spa: { clear_type: 4, ex_score: 1180, miss_count: 40 }, spn: { clear_type: 7, ex_score: 158, miss_count: 0 } },
    '1001': { dph: { clear_type: 3, ex_score: 15, miss_count: 1 } },
  },
  sp_dan: 15,
};

/** what the static profile needs besides the fixture charts: 5.1.1. SPN and a song 1001 with a DPH, in INFINITAS */
const iidxChart = (chartID: string, songID: number, inGameID: number, playtype: string, difficulty: string, notecount: number) => ({
  chartID,
  songID,
  playtype,
  difficulty,
  level: '5',
  levelNum: 5,
  isPrimary: true,
  versions: ['inf'],
  data: {
    '2dxtraSet': null, bpiCoefficient: null, exhcTier: null, hashSHA256: null, hcTier: null, inGameID, kaidenAverage: null,
    ncTier: null, notecount, worldRecord: null,
  },
});
const EXTRA = {
  songs: [{ id: 1001, title: 'GAMBOL', artist: 'SLAKE', altTitles: [], searchTerms: [], data: { displayVersion: '1', genre: 'HAPPY HARDCORE' } }],
  charts: [iidxChart('fe7f1d2b0b0b4bd8a8c6e5d4c3b2a19080706051', 1, 1000, 'SP', 'NORMAL', 300), iidxChart('fe7f1d2b0b0b4bd8a8c6e5d4c3b2a19080706052', 1001, 1001, 'DP', 'HYPER', 400)],
};

const post = (stack: Stack, url: string, token: string | null, body: unknown, headers: Record<string, string> = FER) =>
  stack.app.inject({ method: 'POST', url, payload: body as object, headers: { ...(token ? bearer(token) : {}), ...headers } });

t.test('fervidex', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  await seedHookGames(stack, { iidx: EXTRA });

  t.test('a score: 200 with the ImportDocument, the stored score, poll-status, revert', async (t) => {
    const before = Date.now();
    const res = await post(stack, '/ir/fervidex/score/submit', token, BASE);
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.same([json.success, json.description, Object.keys(json).sort()], [true, 'Import successful.', ['body', 'description', 'success']]);
    const doc = json.body;
    t.same([doc.importType, doc.game, doc.userIntent, doc.playtypes, doc.errors, doc.scoreIDs.length], ['ir/fervidex', 'iidx', false, ['SP'], [], 1]);

    const score = await stack.db.scores.findOne({ scoreID: doc.scoreIDs[0] }, { projection: { _id: 0 } });
    t.ok(score!.timeAchieved >= before && score!.timeAchieved <= Date.now(), 'timeAchieved: when fervidex sent it');
    t.strictSame({ ...score, timeAchieved: 0, timeAdded: 0 }, {
      scoreID: doc.scoreIDs[0],
      userID,
      game: 'iidx',
      playtype: 'SP',
      chartID: SPA_511,
      songID: 1,
      isPrimary: true,
      service: 'Fervidex',
      importType: 'ir/fervidex',
      comment: null,
      timeAchieved: 0,
      timeAdded: 0,
      highlight: false,
      scoreMeta: { assist: 'NO ASSIST', gauge: 'HARD', random: 'RANDOM', range: 'SUDDEN+' },
      scoreData: {
        score: 68,
        lamp: 'FAILED',
        judgements: { pgreat: 34, great: 0, good: 0, bad: 0, poor: 6 },
        optional: { fast: 0, slow: 0, maxCombo: null, gaugeHistory: [100, 50], scoreHistory: [0, 2], gauge: 50, bp: 6, comboBreak: 6, enumIndexes: {} },
        percent: (100 * 68) / 1572,
        grade: 'F',
        enumIndexes: { lamp: 1, grade: 0 },
      },
      calculatedData: score!.calculatedData,
      importID: doc.importID,
    });

    const poll = await waitForImport(stack.app, doc.importID);
    t.equal(poll.statusCode, 200);
    t.same(poll.json.body.import, doc, 'poll-status has the same ImportDocument');
    await revertAndCheck(t, stack, token, doc.importID);
  });

  t.test('per-score failures: Tachi\'s EX score and gauge tests, an unknown chart kept as an orphan, BEGINNER skipped', async (t) => {
    let res = await post(stack, '/ir/fervidex/score/submit', token, { ...BASE, ex_score: 9999 });
    t.equal(res.statusCode, 200);
    t.strictSame(res.json().body.errors, [
      {
        type: 'InvalidDatapoint',
        message: `Got 3 errors when validating score:
Invalid value for score, EX Score cannot be greater than 1572 for this chart. Got 9999.
Invalid value for percent, Expected a number between 0 and 100. Got 636.0687022900763.
Expected PGreat*2 + Great to equal EX score. Got 34*2 + 0 but that wasn't equal to the EX score of 9999.`,
      },
    ]);

    res = await post(stack, '/ir/fervidex/score/submit', token, { ...BASE, gauge: [150] });
    t.strictSame(res.json().body.errors, [{ type: 'InvalidDatapoint', message: 'Invalid value of gauge 150.' }]);

    res = await post(stack, '/ir/fervidex/score/submit', token, { ...BASE, chart: 'spl' });
    t.equal(res.statusCode, 200);
    const doc = res.json().body;
    t.strictSame([doc.errors, doc.scoreIDs], [[{ type: 'SongOrChartNotFound', message: 'Could not find chart with songID 1000 (SP LEGGENDARIA [27])' }], []]);
    const orphan = await stack.db.orphans.findOne({ importID: doc.importID }, { projection: { _id: 0 } });
    t.match(orphan, { importType: 'ir/fervidex', userID, game: 'iidx', data: { chart: 'spl', entry_id: 1000 }, context: { version: '27', userID } });

    // a version the chart is not in (CANNON BALLERS, 25): an orphan too
    res = await post(stack, '/ir/fervidex/score/submit', token, BASE, { ...FER, 'x-software-model': 'LDJ:J:B:A:2018091900' });
    t.strictSame(res.json().body.errors, [{ type: 'SongOrChartNotFound', message: 'Could not find chart with songID 1000 (SP ANOTHER [25])' }]);

    res = await post(stack, '/ir/fervidex/score/submit', token, { ...BASE, chart: 'spb' });
    t.strictSame([res.statusCode, res.json().body.errors, res.json().body.scoreIDs], [200, [], []], 'BEGINNER: nothing imported, no error');
  });

  t.test('malformed bodies: the import fails, fer-style, with Tachi\'s messages', async (t) => {
    let res = await post(stack, '/ir/fervidex/score/submit', token, {});
    t.equal(res.statusCode, 400);
    t.strictSame(res.json(), {
      success: false,
      error: 'Invalid Fervidex Request?: chart | Expected any of spb, spn, dpn, sph, dph, spa, dpa, spl, dpl. | Received undefined [type: undefined].',
    });
    res = await post(stack, '/ir/fervidex/score/submit', token, { ...BASE, clear_type: 9 });
    t.strictSame(res.json(), { success: false, error: 'Invalid Fervidex Request?: clear_type | Expected an integer between 0 and 7. | Received 9 [type: number].' });
    res = await post(stack, '/ir/fervidex/score/submit', token, [BASE]);
    t.equal(res.statusCode, 400);
    res = await stack.app.inject({ method: 'POST', url: '/ir/fervidex/score/submit', payload: '{"chart":', headers: { ...bearer(token), ...FER, 'content-type': 'application/json' } });
    t.equal(res.statusCode, 400, 'not JSON: 400');
    res = await stack.app.inject({ method: 'POST', url: '/ir/fervidex/score/submit', payload: 'chart=spa', headers: { ...bearer(token), ...FER, 'content-type': 'text/plain' } });
    t.equal(res.statusCode, 415, 'not JSON at all: 415');
  });

  t.test('auth and headers: Tachi\'s status codes and fer-style bodies', async (t) => {
    const refused = async (token: string | null, headers: Record<string, string>, status: number, body: object, name: string) => {
      for (const url of ['/ir/fervidex/score/submit', '/ir/fervidex/profile/submit', '/ir/fervidex/class/submit']) {
        const res = await post(stack, url, token, url.includes('class') ? { cleared: true, course_id: 18, play_style: 0 } : BASE, headers);
        t.equal(res.statusCode, status, `${name} (${url})`);
        t.strictSame(res.json(), body, `${name} (${url})`);
      }
    };
    const { token: readOnly } = await stack.user('bob', { permissions: ['delete_score'] });
    await refused(null, FER, 401, { success: false, error: 'This endpoint requires authentication.' }, 'no token');
    await refused('invalid_token', FER, 401, { success: false, error: 'The provided API token does not correspond with any key in the database.' }, 'unknown token');
    await refused(null, { ...FER, authorization: `Basic ${token}` }, 400, { success: false, error: 'Invalid Authorization Type - Expected Bearer.' }, 'not Bearer');
    await refused(null, { ...FER, authorization: 'Bearer' }, 401, { success: false, error: 'Invalid token.' }, 'no token after Bearer');
    await refused(readOnly, FER, 403, { success: false, description: 'You are missing the following permissions necessary for this request: submit_score' }, 'no submit_score');
    await refused(token, { 'user-agent': '', 'x-software-model': HV }, 400, { success: false, error: 'Invalid User-Agent.' }, 'no User-Agent');
    await refused(token, { ...FER, 'user-agent': 'invalid' }, 400, { success: false, error: 'Invalid User-Agent invalid - expected fervidex client.' }, 'not fervidex');
    await refused(token, { ...FER, 'user-agent': 'fervidex/1.2.0' }, 400, { success: false, error: 'Versions of fervidex < 1.3.0 are not supported.' }, 'old fervidex');
    await refused(token, { ...FER, 'user-agent': 'fervidex/.0' }, 400, { success: false, error: 'Invalid version 0.0.' }, 'no version');
    await refused(token, { 'user-agent': 'fervidex/1.3.0' }, 400, { success: false, error: 'Invalid X-Software-Model.' }, 'no model');
    await refused(token, { ...FER, 'x-software-model': 'LDJ:J:B:A:NONSENSE' }, 400, { success: false, error: 'Invalid X-Software-Model.' }, 'nonsense model');
    await refused(token, { ...FER, 'x-software-model': 'LDJ:J:B:Z:2020092900' }, 400, { success: false, error: '2DX_BMS is not supported.' }, '2DX_BMS');
    await refused(token, { ...FER, 'x-software-model': 'LDJ:J:B:A:2099092900' }, 400, { success: false, error: 'Invalid software model LDJ:J:B:A:2099092900)' }, 'unknown version');
    await refused(token, { ...FER, 'x-software-model': 'XDJ:J:B:A:2020092900' }, 400, { success: false, error: 'Invalid software model XDJ:J:B:A:2020092900)' }, 'unknown game');

    // card filters (Tachi's fer-settings)
    await stack.db.connection.collection('fer-settings').insertOne({ userID, cards: ['foo'], forceStaticImport: false });
    await refused(token, FER, 400, { success: false, error: 'Fervidex did not provide a card ID.' }, 'no card');
    await refused(token, { ...FER, 'x-account-id': 'bar' }, 400, { success: false, error: 'The card ID bar is not in your list of filters. Ignoring.' }, 'other card');
    const res = await post(stack, '/ir/fervidex/score/submit', token, BASE, { ...FER, 'x-account-id': 'foo' });
    t.equal(res.statusCode, 200, 'a filtered card is accepted');
    await stack.db.connection.collection('fer-settings').deleteMany({});
    t.equal(await stack.db.imports.countDocuments({ userID, importType: 'ir/fervidex', 'errors.0': { $exists: false }, scoreIDs: { $size: 1 } }), 1);
  });

  t.test('class/submit: a cleared dan is a classes-only import, kept only when better', async (t) => {
    const cls = (body: object) => post(stack, '/ir/fervidex/class/submit', token, body);
    let res = await cls({ cleared: true, course_id: 16, play_style: 0 });
    t.strictSame([res.statusCode, res.json()], [200, { success: true, description: 'Dan changed!' }]);
    const stats = async (playtype: string) => (await stack.db.gameStats.findOne({ userID, game: 'iidx', playtype }))?.classes.dan;
    t.equal(await stats('SP'), 'DAN_10');
    const first = (await stack.db.imports.find({ userID, importType: 'ir/fervidex', scoreIDs: { $size: 0 } }).sort({ timeFinished: -1 }).limit(1).toArray())[0];
    t.strictSame([first.classDeltas, first.playtypes], [[{ game: 'iidx', set: 'dan', playtype: 'SP', old: null, new: 'DAN_10' }], []]);

    res = await cls({ cleared: true, course_id: 18, play_style: 0 });
    t.strictSame(res.json(), { success: true, description: 'Dan changed!' });
    t.equal(await stats('SP'), 'KAIDEN');
    res = await cls({ cleared: true, course_id: 18, play_style: 0 });
    t.strictSame(res.json(), { success: true, description: 'Dan unchanged, was worse than your current dan.' });
    res = await cls({ cleared: true, course_id: 10, play_style: 0 });
    t.strictSame(res.json(), { success: true, description: 'Dan unchanged, was worse than your current dan.' });
    t.equal(await stats('SP'), 'KAIDEN', 'a worse dan does not replace a better one');

    res = await cls({ cleared: true, course_id: 17, play_style: 1 });
    t.strictSame(res.json(), { success: true, description: 'Dan changed!' });
    t.same([await stats('DP'), await stats('SP')], ['CHUUDEN', 'KAIDEN']);

    const imports = await stack.db.imports.countDocuments({ userID });
    res = await cls({ cleared: false, course_id: 17, play_style: 1 });
    t.strictSame([res.statusCode, res.json()], [200, { success: true, description: 'No Update Made.', body: {} }]);
    t.equal(await stack.db.imports.countDocuments({ userID }), imports, 'not cleared: no import');

    const bad = async (body: object, error: string) => {
      const r = await cls(body);
      t.strictSame([r.statusCode, r.json()], [400, { success: false, error }], error);
    };
    await bad({ cleared: true, course_id: null, play_style: 1 }, '[course_id] Expected an integer between 0 and 18. (Received null)');
    await bad({ cleared: true, course_id: 20, play_style: 1 }, '[course_id] Expected an integer between 0 and 18. (Received 20)');
    await bad({ cleared: true, course_id: -1, play_style: 1 }, '[course_id] Expected an integer between 0 and 18. (Received -1)');
    await bad({ cleared: true, course_id: 16, play_style: null }, '[play_style] Expected any of 0, 1. (Received null)');

    // the DP import reverted: a class an import provided stays (as in Tachi, and as BATCH-MANUAL classes do)
    const dpImport = (await stack.db.imports.find({ userID, 'classDeltas.playtype': 'DP' }).toArray())[0];
    const poll = await waitForImport(stack.app, dpImport.importID as string);
    t.same(poll.json.body.import.classDeltas, [{ game: 'iidx', set: 'dan', playtype: 'DP', old: null, new: 'CHUUDEN' }]);
    await revertAndCheck(t, stack, token, dpImport.importID as string);
    t.same([await stats('DP'), await stats('SP')], ['CHUUDEN', 'KAIDEN']);
  });

  t.test('profile/submit: 202 at once; INFINITAS 2 imports every chart and the dan, other games only the dan', async (t) => {
    const { userID: carolID, token: carol } = await stack.user('carol');
    let res = await post(stack, '/ir/fervidex/profile/submit', carol, STATIC, { ...FER, 'x-software-model': INF2 });
    t.equal(res.statusCode, 202);
    t.match(res.json(), { success: true, body: { importID: /^[0-9a-f]{40}$/, url: /poll-status$/ } });
    let final = await waitForImport(stack.app, res.json().body.importID);
    const doc = final.json.body.import;
    t.same([doc.importType, doc.errors, doc.scoreIDs.length, doc.playtypes.sort()], ['ir/fervidex-static', [], 3, ['DP', 'SP']]);
    t.same(doc.classDeltas, [{ game: 'iidx', set: 'dan', playtype: 'SP', old: null, new: 'DAN_9' }]);
    const scores = await stack.db.scores.find({ userID: carolID }, { projection: { _id: 0, chartID: 1, service: 1, timeAchieved: 1, scoreData: 1 } }).sort({ chartID: 1 }).toArray();
    t.same(
      scores.map((s) => [s.chartID, s.service, s.timeAchieved, s.scoreData.score, s.scoreData.lamp, s.scoreData.optional.bp, s.scoreData.judgements]),
      [
        [SPA_511, 'Fervidex Static', null, 1180, 'CLEAR', 40, {}],
        ['fe7f1d2b0b0b4bd8a8c6e5d4c3b2a19080706051', 'Fervidex Static', null, 158, 'FULL COMBO', 0, {}],
        ['fe7f1d2b0b0b4bd8a8c6e5d4c3b2a19080706052', 'Fervidex Static', null, 15, 'EASY CLEAR', 1, {}],
      ],
    );
    t.equal((await stack.db.gameStats.findOne({ userID: carolID, game: 'iidx', playtype: 'SP' }))?.classes.dan, 'DAN_9');
    await revertAndCheck(t, stack, carol, doc.importID);
    t.equal(await stack.db.scores.countDocuments({ userID: carolID }), 0);
    t.equal((await stack.db.gameStats.findOne({ userID: carolID, game: 'iidx', playtype: 'SP' }))?.classes.dan, 'DAN_9', 'the provided dan stays');

    // HEROIC VERSE: only the dan
    res = await post(stack, '/ir/fervidex/profile/submit', carol, { ...STATIC, sp_dan: 16 });
    t.equal(res.statusCode, 202);
    final = await waitForImport(stack.app, res.json().body.importID);
    t.same([final.json.body.import.scoreIDs, final.json.body.import.classDeltas], [[], [{ game: 'iidx', set: 'dan', playtype: 'SP', old: 'DAN_9', new: 'DAN_10' }]]);
    t.equal(await stack.db.scores.countDocuments({ userID: carolID }), 0);

    // …unless the user's fer-settings force a static import: once, the flag turned off as it is taken
    const settings = stack.db.connection.collection('fer-settings');
    await settings.insertOne({ userID: carolID, cards: null, forceStaticImport: true });
    res = await post(stack, '/ir/fervidex/profile/submit', carol, STATIC);
    final = await waitForImport(stack.app, res.json().body.importID);
    t.equal(final.json.body.import.scoreIDs.length, 1, 'imported: the SPA in HEROIC VERSE (the other charts are INFINITAS only)');
    t.strictSame(final.json.body.import.errors.map((e: { type: string }) => e.type), ['SongOrChartNotFound', 'SongOrChartNotFound']);
    t.equal((await settings.findOne({ userID: carolID }))?.forceStaticImport, false, 'forceStaticImport turned off');
    res = await post(stack, '/ir/fervidex/profile/submit', carol, STATIC);
    final = await waitForImport(stack.app, res.json().body.importID);
    t.same(final.json.body.import.scoreIDs, [], 'the next profile: the dan only again');
    await settings.deleteMany({});

    // a broken profile fails its import with Tachi's message
    res = await post(stack, '/ir/fervidex/profile/submit', carol, { scores: { nonsense: {} } }, { ...FER, 'x-software-model': INF2 });
    final = await waitForImport(stack.app, res.json().body.importID);
    t.strictSame([final.statusCode, final.json.description], [400, 'Invalid songID nonsense. (Not an integer -- nonsense.)']);
  });
});

t.test('Kamaitachi only: absent when TACHI_ROUTES=bokutachi', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ TACHI_ROUTES: 'bokutachi' }) });
  const { token } = await stack.user('alice');
  for (const url of ['/ir/fervidex/score/submit', '/ir/fervidex/profile/submit', '/ir/fervidex/class/submit']) {
    const res = await post(stack, url, token, BASE);
    t.equal(res.statusCode, 404, url);
  }
});
