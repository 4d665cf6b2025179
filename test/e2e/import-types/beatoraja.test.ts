/**
 * ir/beatoraja end to end, through Bokutachi's beatoraja routes with a real worker and the BMS and
 * PMS fixture seeds: Tachi's MockBeatorajaBMSScore / MockBeatorajaPMSScore answered with the score,
 * song, chart and ImportDocument once imported, poll-status and revert; unknown charts kept as
 * orphans (202, the players so far); per-score and whole-import failures in Tachi's words; course
 * clears as classes-only imports; the chart-scores lookup; auth, X-TachiIR-Version, the
 * Kamaitachi-only setting.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../../support/stack.ts';
import { bearer, waitForImport } from '../../support/http.ts';
import { revertAndCheck } from './tachi-formats-helpers.ts';
import { seedHookGames } from './hook-seeds.ts';

const V2 = { 'x-tachiir-version': 'v2.0.0' };
const GAZER = '88eb6cc5683e2740cbd07f588a5f3db1db8d467b';
const GAZER_SHA256 = '195fe1be5c3e74fccd04dc426e05f8a9cfa8a1059c339d0a23e99f63661f0b7d';
const PMS_SHA256 = 'a10193f7ae05ce839292dc716f182fda0b1cc6ac5382c2056f37e22ffba87b7d';
const NEW_SHA256 = '769359ebb55d3d6dff3b5c6a07ec03be9b87beda1ffb0c07d7ea99590605a732';
const NEW_MD5 = 'd0f497c0f955e7edfb0278f446cdb6f8';

// Tachi's MockBeatorajaBMSScore and MockBeatorajaPMSScore (test-utils/test-data.ts)
const CHART = {
  md5: '38616b85332037cc12924f2ae2840262', sha256: GAZER_SHA256, title: 'GAZER [MANIAQ]', subtitle: '', genre: 'TRANCE',
  artist: 'the dude who made gazer', subartist: '', url: '', appendurl: '', level: 8, total: 220, mode: 'BEAT_7K', lntype: 0,
  judge: 100, minbpm: 135, maxbpm: 135, notes: 568, hasUndefinedLN: false, hasLN: false, hasCN: false, hasHCN: false,
  hasMine: false, hasRandom: false, hasStop: false, values: {},
};
const SCORE = {
  sha256: GAZER_SHA256, lntype: 0, player: 'unknown', clear: 'Easy', date: 0, epg: 332, lpg: 127, egr: 65, lgr: 21, egd: 2,
  lgd: 2, ebd: 1, lbd: 0, epr: 7, lpr: 11, ems: 1, lms: 0, maxcombo: 223, notes: 568, passnotes: 568, minbp: 20, option: 2,
  assist: 0, gauge: -1, deviceType: 'BM_CONTROLLER', judgeAlgorithm: 'Combo', rule: 'LR2', exscore: 1004,
};
const BMS = { chart: CHART, score: SCORE, client: 'LR2oraja 0.8.0' };
const PMS = {
  chart: { ...CHART, md5: 'd1253dd56bb2087d0b0d474f0d562aae', sha256: PMS_SHA256, title: 'GPMSAZER [MANIAQ]', genre: 'Annihilate the living', artist: 'Rocky', mode: 'POPN_9K' },
  score: { ...SCORE, sha256: PMS_SHA256 },
  client: 'beatoraja 0.8.0',
};
const withScore = (body: typeof BMS, over: object) => ({ ...body, score: { ...body.score, ...over } });
const withChart = (body: typeof BMS, over: object) => ({ ...body, chart: { ...body.chart, ...over } });

// Tachi's courseScore (router.test.ts): GENOSIDE 2018 段位認定 Overjoy
const COURSE = {
  course: {
    name: 'GENOSIDE 2018 段位認定 発狂皆伝',
    charts: [{ md5: 'cfad3baadce9e02c45021963453d7c94' }, { md5: '77d23be22b2370925c573d922276bce0' }, { md5: '188a99f74ab71804f2e360dcf484545c' }, { md5: 'c46a81cb184f5a804c119930d6eba748' }],
    constraint: ['MIRROR', 'GAUGE_LR2', 'LN'],
    trophy: [{}, {}],
    lntype: 0,
  },
  score: { ...SCORE, sha256: '', clear: 'Normal', option: 0, gauge: 0, rule: 'Beatoraja_7', exscore: 6260 },
};

const post = (stack: Stack, url: string, token: string | null, body: unknown, headers: Record<string, string> = V2) =>
  stack.app.inject({ method: 'POST', url, payload: body as object, headers: { ...(token ? bearer(token) : {}), ...headers } });

t.test('beatoraja', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  await seedHookGames(stack, { bms: {}, pms: {} });

  t.test('a BMS score: 200 with the score, song, chart and ImportDocument; poll-status; revert', async (t) => {
    const before = Date.now();
    const res = await post(stack, '/ir/beatoraja/submit-score', token, BMS);
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.same([json.success, json.description, Object.keys(json.body).sort()], [true, 'Imported score.', ['chart', 'import', 'score', 'song']]);
    const { score, song, chart, import: doc } = json.body;
    t.same([chart.chartID, song.id, doc.importType, doc.game, doc.errors, doc.scoreIDs], [GAZER, 27339, 'ir/beatoraja', 'bms', [], [score.scoreID]]);
    const stored = await stack.db.scores.findOne({ scoreID: score.scoreID }, { projection: { _id: 0 } });
    t.strictSame(score, JSON.parse(JSON.stringify(stored)), 'the answer\'s score is the stored one');
    t.ok(score.timeAchieved >= before && score.timeAchieved <= Date.now());
    t.strictSame([score.userID, score.service, score.importType, score.playtype, score.scoreMeta], [userID, 'Beatoraja IR', 'ir/beatoraja', '7K', { client: 'lr2oraja', inputDevice: 'BM_CONTROLLER', random: 'RANDOM' }]);
    t.strictSame(score.scoreData, {
      score: 1004,
      lamp: 'EASY CLEAR',
      judgements: { pgreat: 459, great: 86, good: 4, bad: 1, poor: 19 },
      optional: { bp: 20, gauge: null, ebd: 1, lbd: 0, egd: 2, lgd: 2, egr: 65, lgr: 21, epg: 332, lpg: 127, epr: 8, lpr: 11, fast: 74, slow: 32, enumIndexes: {} },
      grade: 'E',
      percent: (100 * 1004) / 4512,
      enumIndexes: { lamp: 3, grade: 1 },
    });
    const poll = await waitForImport(stack.app, doc.importID);
    t.same(poll.json.body.import, doc);

    // the same score again: nothing imported
    const again = await post(stack, '/ir/beatoraja/submit-score', token, BMS);
    t.strictSame([again.statusCode, again.json()], [400, { success: false, description: 'No scores were imported.' }]);
    await revertAndCheck(t, stack, token, doc.importID);
  });

  t.test('PMS: the playtype from the device', async (t) => {
    let res = await post(stack, '/ir/beatoraja/submit-score', token, PMS);
    t.equal(res.statusCode, 200);
    t.match(res.json().body, { score: { game: 'pms', playtype: 'Controller', scoreData: { score: 1004, judgements: { cool: 459 } }, importType: 'ir/beatoraja' }, chart: { chartID: '0446f1b54e90d631ff9fe98419ebaea9481fab1f' }, song: { id: 1 } });
    res = await post(stack, '/ir/beatoraja/submit-score', token, withScore(PMS, { deviceType: 'KEYBOARD' }));
    t.match(res.json().body, { score: { game: 'pms', playtype: 'Keyboard' }, chart: { chartID: 'ca553d77cbf8b3e9e7709dad6123ffed1695a1dd' } });
    res = await post(stack, '/ir/beatoraja/submit-score', token, withScore(PMS, { deviceType: 'MIDI' }));
    t.strictSame([res.statusCode, res.json()], [400, { success: false, description: '[InvalidDatapoint] - MIDI is not allowed for PMS scores.' }]);
  });

  t.test('unknown charts: the score kept as an orphan with the chart, 202 with the players so far', async (t) => {
    const body = withScore(withChart(BMS, { sha256: NEW_SHA256, md5: NEW_MD5 }), { sha256: NEW_SHA256 });
    let res = await post(stack, '/ir/beatoraja/submit-score', token, body);
    t.strictSame([res.statusCode, res.json()], [
      202,
      { success: true, description: 'Chart and score have been orphaned. This chart will be un-orphaned when 3 players have played the chart (Currently: 1).', body: {} },
    ]);
    const orphan = await stack.db.orphans.findOne({ userID, 'context.chart.sha256': NEW_SHA256 }, { projection: { _id: 0 } });
    t.match(orphan, { importType: 'ir/beatoraja', game: 'bms', errMsg: 'This chart (the dude who made gazer - GAZER [MANIAQ]) is orphaned.', data: { sha256: NEW_SHA256 }, context: { chart: { md5: NEW_MD5, title: 'GAZER [MANIAQ]' }, userID } });

    res = await post(stack, '/ir/beatoraja/submit-score', token, body);
    t.match(res.json(), { description: /\(Currently: 1\)\.$/ }, 'the same player again');
    const { token: bob } = await stack.user('bob');
    res = await post(stack, '/ir/beatoraja/submit-score', bob, body);
    t.match([res.statusCode, res.json()], [202, { description: /\(Currently: 2\)\.$/ }]);

    // no real MD5: Tachi never queues such a chart
    res = await post(stack, '/ir/beatoraja/submit-score', token, withChart(body, { md5: '' }));
    t.strictSame([res.statusCode, res.json()], [400, { success: false, description: 'This chart is not supported.' }]);

    // the third player makes it a chart: their score is imported at once, the others' orphans follow
    const { userID: carolID, token: carol } = await stack.user('orphan-carol');
    res = await post(stack, '/ir/beatoraja/submit-score', carol, body);
    t.equal(res.statusCode, 200, 'the third player\'s score is imported');
    const { chart, song } = res.json().body as { chart: { chartID: string; songID: number }; song: { id: number } };
    t.match(chart, { playtype: '7K', difficulty: 'CHART', level: '?', data: { hashMD5: NEW_MD5, hashSHA256: NEW_SHA256, notecount: 568 } });
    t.equal(chart.songID, song.id);
    t.match(song, { title: 'GAZER [MANIAQ]', artist: 'the dude who made gazer', data: { genre: 'TRANCE' } });
    t.ok(song.id > 1, 'the song has the game\'s next ID');
    t.equal(await stack.db.orphanCharts.countDocuments({ key: `bms:7K:${NEW_SHA256}` }), 0, 'the queue entry is gone');
    t.equal(await stack.db.scores.countDocuments({ userID: carolID, chartID: chart.chartID }), 1);

    const orphaned = await stack.db.orphans.findOne({ userID, chartKey: `bms:7K:${NEW_SHA256}` }, { projection: { _id: 0, context: 1 } });
    const deadline = Date.now() + 30_000;
    let players: number[] = [];
    while (Date.now() < deadline) {
      players = (await stack.db.scores.distinct('userID', { chartID: chart.chartID })) as number[];
      if (players.length === 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    t.equal(players.length, 3, 'the first two players\' orphaned scores were imported by follow-up imports');
    const alices = await stack.db.scores.findOne({ userID, chartID: chart.chartID }, { projection: { _id: 0 } });
    t.equal(alices?.timeAchieved, (orphaned?.context as { timeReceived: number }).timeReceived, 'at the time it was first received');
    t.equal(alices?.scoreData && (alices.scoreData as { score: number }).score, 1004);
    const followUp = await stack.db.imports.findOne({ importID: alices?.importID }, { projection: { _id: 0 } });
    t.match(followUp, { userID, importType: 'ir/beatoraja', userIntent: false, errors: [] }, 'an import of the player\'s own');

    // a fourth player simply plays the chart now
    const { token: dave } = await stack.user('orphan-dave');
    res = await post(stack, '/ir/beatoraja/submit-score', dave, body);
    t.equal(res.statusCode, 200);
  });

  t.test('failures in Tachi\'s words: 400, never 500', async (t) => {
    const fails = async (body: unknown, description: RegExp | string, headers = V2) => {
      const res = await post(stack, '/ir/beatoraja/submit-score', token, body, headers);
      t.equal(res.statusCode, 400, String(description));
      t.match(res.json(), { success: false, description }, String(description));
    };
    await fails({ ...BMS, client: 'INVALID' }, 'Unsupported client INVALID -- Expected a variant of LR2oraja.');
    await fails({ ...BMS, client: 'beatoraja 0.8.0' }, /Unsupported client/);
    await fails({ ...PMS, client: 'LR2oraja 0.8.0' }, /Unsupported client/);
    await fails(withScore(BMS, { exscore: -1 }), 'Invalid Beatoraja Import - Score: exscore | Expected a positive integer. | Received -1 [type: number].');
    await fails(withChart(BMS, { title: null }), 'Invalid Beatoraja Import - Chart: title | Expected string. | Received null [type: null].');
    await fails({}, 'Invalid Beatoraja Import - Score: null | Non-object provided for validation. | Received undefined [type: undefined].');
    await fails(withChart(BMS, { lntype: 1 }), '[InvalidDatapoint] - CN or HCN mode is not supported by this IR.');
    await fails(withChart(BMS, { hasRandom: true }), '[InvalidDatapoint] - Charts with #RANDOM declarations are not supported by this IR.');
    await fails(withScore(BMS, { exscore: 5000 }), /^\[InvalidDatapoint\] - Got 3 errors when validating score:\nInvalid value for score, EX Score cannot be greater than 4512 for this chart\. Got 5000\./);
    const res = await stack.app.inject({ method: 'POST', url: '/ir/beatoraja/submit-score', payload: '{', headers: { ...bearer(token), ...V2, 'content-type': 'application/json' } });
    t.equal(res.statusCode, 400, 'not JSON');
  });

  t.test('auth and X-TachiIR-Version', async (t) => {
    for (const url of ['/ir/beatoraja/submit-score', '/ir/beatoraja/submit-course']) {
      let res = await post(stack, url, null, BMS);
      t.strictSame([res.statusCode, res.json()], [401, { success: false, description: 'This endpoint requires authentication.' }]);
      res = await post(stack, url, 'invalid_token', BMS);
      t.strictSame([res.statusCode, res.json()], [401, { success: false, description: 'The provided API token does not correspond with any key in the database.' }]);
      for (const headers of [{}, { 'x-tachiir-version': 'v1.2.0' }] as Record<string, string>[]) {
        res = await post(stack, url, token, BMS, headers);
        t.strictSame([res.statusCode, res.json()], [400, { success: false, description: 'Invalid X-TachiIR-Version.' }]);
      }
      res = await post(stack, url, token, url.endsWith('course') ? COURSE : withScore(BMS, { clear: 'Normal' }), { 'x-tachiir-version': 'v3.0.0' });
      t.equal(res.statusCode, 200, 'v3 is accepted');
      if (!url.endsWith('course')) await revertAndCheck(t, stack, token, res.json().body.import.importID);
    }
  });

  t.test('submit-course: a cleared dan course is a classes-only import', async (t) => {
    const { userID: carolID, token: carol } = await stack.user('carol');
    let res = await post(stack, '/ir/beatoraja/submit-course', carol, COURSE);
    t.strictSame([res.statusCode, res.json()], [200, { success: true, description: 'Successfully updated class.', body: { set: 'genocideDan', value: 'OVERJOY' } }]);
    t.equal((await stack.db.gameStats.findOne({ userID: carolID, game: 'bms', playtype: '7K' }))?.classes.genocideDan, 'OVERJOY');
    const doc = (await stack.db.imports.findOne({ userID: carolID }, { projection: { _id: 0 } }))!;
    t.strictSame([doc.importType, doc.scoreIDs, doc.classDeltas], ['ir/beatoraja', [], [{ game: 'bms', set: 'genocideDan', playtype: '7K', old: null, new: 'OVERJOY' }]]);
    t.same((await waitForImport(stack.app, doc.importID as string)).json.body.import.classDeltas, doc.classDeltas);

    res = await post(stack, '/ir/beatoraja/submit-course', carol, COURSE);
    t.strictSame(res.json(), { success: true, description: 'Class not updated.', body: { set: 'genocideDan', value: 'OVERJOY' } });

    const answers = async (body: unknown, status: number, json: object) => {
      const r = await post(stack, '/ir/beatoraja/submit-course', carol, body);
      t.strictSame([r.statusCode, r.json()], [status, json], JSON.stringify(json));
    };
    const count = await stack.db.imports.countDocuments({ userID: carolID });
    await answers({ ...COURSE, score: { ...COURSE.score, clear: 'Failed' } }, 200, { success: true, description: "Class not updated, as you didn't clear this course." });
    await answers({ ...COURSE, course: { ...COURSE.course, charts: [] } }, 400, { success: false, description: '[course.charts] Expected an array of 4 objects with MD5 properties.' });
    await answers({ ...COURSE, course: { ...COURSE.course, charts: [1, 2, 3, 4] } }, 400, { success: false, description: '[course.charts] Expected an array of 4 objects with MD5 properties.' });
    await answers({ ...COURSE, score: { ...COURSE.score, lntype: 1 } }, 400, { success: false, description: 'LN mode is the only supported mode for dans.' });
    await answers({ ...COURSE, course: { ...COURSE.course, constraint: 'foo' } }, 400, { success: false, description: '[course.constraint] Value was not an array. (Received foo)' });
    await answers({ ...COURSE, course: { ...COURSE.course, constraint: ['GAUGE_5KEY', 'MIRROR'] } }, 400, { success: false, description: 'Dan GAUGE mode must be GAUGE_LR2.' });
    await answers({ ...COURSE, score: { ...COURSE.score, option: 2 } }, 400, { success: false, description: 'RANDOM is not allowed in courses.' });
    await answers({ ...COURSE, course: { ...COURSE.course, charts: [{ md5: 'a' }, { md5: 'b' }, { md5: 'c' }, { md5: 'd' }] } }, 404, { success: false, description: 'Unsupported course.' });
    t.equal(await stack.db.imports.countDocuments({ userID: carolID }), count, 'no import for any of these');
  });

  t.test('GET charts/:chartSHA256/scores: the chart\'s PBs in the IR plugin\'s format, best first', async (t) => {
    const { token: dave } = await stack.user('dave');
    const { token: erin } = await stack.user('erin');
    t.equal((await post(stack, '/ir/beatoraja/submit-score', dave, withScore(BMS, { clear: 'Hard' }))).statusCode, 200);
    t.equal((await post(stack, '/ir/beatoraja/submit-score', erin, withScore(BMS, { epg: 400, exscore: 1140, clear: 'FullCombo' }))).statusCode, 200);
    const get = (token: string | null, sha = GAZER_SHA256, headers: Record<string, string> = V2) =>
      stack.app.inject({ method: 'GET', url: `/ir/beatoraja/charts/${sha}/scores`, headers: { ...(token ? bearer(token) : {}), ...headers } });
    const res = await get(dave);
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.same([json.success, json.description], [true, 'Successfully returned 2']);
    t.strictSame(json.body, [
      {
        sha256: GAZER_SHA256, player: 'erin', playcount: 0, clear: 8, date: json.body[0].date, maxcombo: 0, gauge: 0, deviceType: null, random: null,
        minbp: 20, passnotes: 0, notes: 2256, egd: 2, lgd: 2, ebd: 1, lbd: 0, epr: 8, lpr: 11, ems: 0, lms: 0, epg: 570, egr: 0, lpg: 0, lgr: 0,
      },
      {
        sha256: GAZER_SHA256, player: '', playcount: 0, clear: 6, date: json.body[1].date, maxcombo: 0, gauge: 0, deviceType: null, random: null,
        minbp: 20, passnotes: 0, notes: 2256, egd: 2, lgd: 2, ebd: 1, lbd: 0, epr: 8, lpr: 11, ems: 0, lms: 0, epg: 502, egr: 0, lpg: 0, lgr: 0,
      },
    ]);
    t.ok(json.body[0].date > 0, 'date: the PB\'s timeAchieved');

    let r = await get(dave, PMS_SHA256);
    t.strictSame([r.statusCode, r.json().body.length], [200, 1], 'a PMS chart');
    r = await get(dave, 'INVALID');
    t.strictSame([r.statusCode, r.json()], [404, { success: false, description: 'Chart does not exist on IR yet.' }]);
    r = await get(null);
    t.strictSame([r.statusCode, r.json()], [401, { success: false, description: 'This endpoint requires authentication.' }]);
    r = await get(dave, GAZER_SHA256, {});
    t.strictSame([r.statusCode, r.json()], [400, { success: false, description: 'Invalid X-TachiIR-Version.' }]);
  });
});

t.test('Bokutachi only: absent when TACHI_ROUTES=kamaitachi', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ TACHI_ROUTES: 'kamaitachi' }) });
  const { token } = await stack.user('alice');
  t.equal((await post(stack, '/ir/beatoraja/submit-score', token, BMS)).statusCode, 404);
  t.equal((await post(stack, '/ir/beatoraja/submit-course', token, COURSE)).statusCode, 404);
  t.equal((await stack.app.inject({ method: 'GET', url: `/ir/beatoraja/charts/${GAZER_SHA256}/scores`, headers: { ...bearer(token), ...V2 } })).statusCode, 404);
});
