/**
 * ir/usc end to end: the USC IR protocol on Bokutachi's routes with a real worker and the USC
 * fixture seeds. Heartbeat, chart lookup, score submission (Tachi's validRequest) answered with the
 * server record and the adjacent scores once imported, an unknown chart kept as an orphan (22),
 * refusals in the protocol's status codes (40, 41, 44) and Tachi's messages, the record and
 * leaderboard, replay uploads, poll-status and revert, the Kamaitachi-only setting.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../../support/stack.ts';
import { bearer, multipartBody, waitForImport } from '../../support/http.ts';
import { revertAndCheck } from './tachi-formats-helpers.ts';
import { seedHookGames } from './hook-seeds.ts';

/** .59 -BOOTH BOOST REMIX- EXH (Controller and Keyboard charts share the hash) */
const HASH = '1df0e460a49017d96cf4c3bcc4fe9271dd60729a';
const EXH_CONTROLLER = '1ba3ffa6e44321029845701d8656f6105bbaeb76';

// Tachi's validRequest (router.test.ts), on a fixture chart
const REQUEST = {
  chart: { chartHash: HASH, artist: 'test_artist', title: 'test', level: 5, difficulty: 0, effector: 'test', illustrator: 'test', bpm: 'test' },
  score: {
    score: 9_000_000, gauge: 0.5, timestamp: 1_000_000, crit: 5, near: 4, error: 3, early: 2, late: 1,
    options: { gaugeType: 0, gaugeOpt: 0, mirror: true, random: false, autoFlags: 0 },
    windows: { perfect: 46, good: 150, hold: 150, miss: 300, slam: 84 },
  },
};
const withScore = (over: object) => ({ ...REQUEST, score: { ...REQUEST.score, ...over } });

const get = (stack: Stack, url: string, token: string | null) => stack.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const post = (stack: Stack, url: string, token: string | null, body: unknown) =>
  stack.app.inject({ method: 'POST', url, payload: body as object, headers: token ? bearer(token) : {} });

t.test('usc', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  await seedHookGames(stack, { usc: {} });

  t.test('heartbeat and the USC IR\'s auth codes', async (t) => {
    const res = await get(stack, '/ir/usc/Controller', token);
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.strictSame(json, { statusCode: 20, description: 'IR Request Successful.', body: { serverTime: json.body.serverTime, serverName: 'Bokutachi', irVersion: '0.4.0-a' } });
    t.ok(Math.abs(json.body.serverTime - Date.now() / 1000) < 5, 'serverTime in seconds');
    t.equal((await get(stack, '/ir/usc/Keyboard', token)).json().statusCode, 20);

    for (const url of ['/ir/usc/Controller', `/ir/usc/Controller/charts/${HASH}`, '/ir/usc/Controller/scores']) {
      const send = (headers: Record<string, string>) =>
        stack.app.inject({ method: url.endsWith('scores') ? 'POST' : 'GET', url, headers, ...(url.endsWith('scores') ? { payload: REQUEST } : {}) });
      let r = await send({ authorization: 'Bearer invalid' });
      t.strictSame([r.statusCode, r.json()], [200, { statusCode: 41, description: 'Unauthorized.' }], `nonsense token ${url}`);
      r = await send({ authorization: 'NOTBEARER invalid' });
      t.strictSame(r.json(), { statusCode: 40, description: 'Invalid Authorization Header. Expected Bearer <token>' }, `nonsense auth type ${url}`);
      r = await send({});
      t.strictSame(r.json(), { statusCode: 40, description: 'No auth token provided.' }, `no auth header ${url}`);
      r = await send({ authorization: `Bearer ${token} invalid` });
      t.strictSame(r.json(), { statusCode: 40, description: 'Invalid Authorization Header. Expected Bearer <token>' }, `nonsense header ${url}`);
    }
    const r = await get(stack, '/ir/usc/Single', token);
    t.strictSame([r.statusCode, r.json()], [400, { success: false, description: 'Invalid playtype. Expected Keyboard or Controller.' }]);
  });

  t.test('charts/:chartHash', async (t) => {
    t.strictSame((await get(stack, `/ir/usc/Controller/charts/${HASH}`, token)).json(), { statusCode: 20, description: 'This chart is tracked by the IR.', body: {} });
    t.strictSame((await get(stack, '/ir/usc/Controller/charts/INVALID_HASH', token)).json(), {
      statusCode: 44,
      description: "This IR doesn't have any record data yet, or 3 people have not played the chart yet.",
    });
    // Absurd Gaff ADV: Controller only
    t.equal((await get(stack, '/ir/usc/Keyboard/charts/44f01d08dc4e604bce6821d0ffe7f133d102d5fd', token)).json().statusCode, 44);
  });

  t.test('POST scores: 20 with the score and server record once imported; poll-status; revert', async (t) => {
    const before = Date.now();
    const res = await post(stack, '/ir/usc/Controller/scores', token, REQUEST);
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.same([json.statusCode, json.description], [20, 'Successfully imported score.']);
    const [score] = await stack.db.scores.find({ userID, game: 'usc' }, { projection: { _id: 0 } }).toArray();
    const server = { score: 9_000_000, timestamp: Math.floor(score.timeAchieved / 1000), crit: 5, near: 4, error: 3, ranking: 1, lamp: 1, username: 'alice', noteMod: 'MIRROR', gaugeMod: 'NORMAL' };
    t.strictSame(json.body, { score: server, serverRecord: server, isServerRecord: true, isPB: true, sendReplay: score.scoreID, adjacentAbove: [], adjacentBelow: [] });
    t.ok(score.timeAchieved >= before && score.timeAchieved <= Date.now(), 'timeAchieved: when it was received');
    t.same([score.chartID, score.service, score.importType, score.scoreMeta], [EXH_CONTROLLER, 'USC-IR', 'ir/usc', { gaugeMod: 'NORMAL', noteMod: 'MIRROR' }]);
    t.match(score.scoreData, { score: 9_000_000, lamp: 'FAILED', grade: 'A+', judgements: { critical: 5, near: 4, miss: 3 }, optional: { gauge: 0.5, fast: 2, slow: 1, maxCombo: null } });

    // the same score again: nothing new
    const again = await post(stack, '/ir/usc/Controller/scores', token, REQUEST);
    t.strictSame(again.json(), { statusCode: 20, description: 'Score was identical to another score you already have.' });

    const doc = (await stack.db.imports.findOne({ userID, scoreIDs: score.scoreID }))!;
    const poll = await waitForImport(stack.app, doc.importID as string);
    t.same([poll.statusCode, poll.json.body.import.scoreIDs], [200, [score.scoreID]]);
    await revertAndCheck(t, stack, token, doc.importID as string);
  });

  t.test('POST scores: adjacent scores around the player, the server record, record and leaderboard', async (t) => {
    const players: { name: string; token: string; score: number }[] = [];
    for (const [i, score] of [9_900_000, 9_800_000, 9_700_000, 9_600_000, 9_500_000, 9_400_000, 9_300_000].entries()) {
      players.push({ name: `p${i}`, token: (await stack.user(`p${i}`)).token, score });
    }
    // everyone but p4 first, then p4 (5th of 7)
    for (const p of players.filter((p) => p.name !== 'p4')) t.equal((await post(stack, '/ir/usc/Controller/scores', p.token, withScore({ score: p.score }))).json().statusCode, 20);
    const res = await post(stack, '/ir/usc/Controller/scores', players[4].token, withScore({ score: 9_500_000, error: 0 }));
    const body = res.json().body;
    const names = (list: { username: string }[]) => list.map((s) => s.username);
    t.same([body.score.username, body.score.ranking, body.score.lamp, body.serverRecord.username, body.isServerRecord, body.isPB], ['p4', 5, 4, 'p0', false, true]);
    t.same([names(body.adjacentAbove), names(body.adjacentBelow)], [['p1', 'p2', 'p3'], ['p5', 'p6']]);
    t.same(body.adjacentAbove.map((s: { ranking: number }) => s.ranking), [2, 3, 4]);

    const p2 = await post(stack, '/ir/usc/Controller/scores', players[2].token, withScore({ score: 9_750_000 }));
    t.same([names(p2.json().body.adjacentAbove), names(p2.json().body.adjacentBelow)], [['p1'], ['p3', 'p4', 'p5']], 'the server record is not among the adjacent scores');

    const record = await get(stack, `/ir/usc/Controller/charts/${HASH}/record`, token);
    t.match(record.json(), { statusCode: 20, description: 'Retrieved score.', body: { record: { username: 'p0', score: 9_900_000, ranking: 1 } } });
    t.strictSame((await get(stack, `/ir/usc/Keyboard/charts/${HASH}/record`, token)).json(), { statusCode: 44, description: 'No server record found.' });

    const board = (query: string) => get(stack, `/ir/usc/Controller/charts/${HASH}/leaderboard${query}`, token).then((r) => r.json());
    let lb = await board('?mode=best&n=2');
    t.same([lb.statusCode, lb.description, names(lb.body)], [20, 'Returned 2 scores.', ['p0', 'p1']]);
    lb = await board('?mode=best&n=50');
    t.same(names(lb.body), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'], 'n over 10 is 10');
    t.strictSame(await board(''), { statusCode: 40, description: "Invalid 'mode' param - expected 'best' or 'rivals'." });
    t.strictSame(await board('?mode=invalid'), { statusCode: 40, description: "Invalid 'mode' param - expected 'best' or 'rivals'." });
    for (const n of ['', '&n=foo', '&n=0', '&n=-2']) {
      t.strictSame(await board(`?mode=best${n}`), { statusCode: 40, description: "Invalid 'n' param - expected a positive non-zero integer less than or equal to 10." }, n);
    }
    t.strictSame(await board('?mode=rivals&n=3'), { statusCode: 40, description: 'This is currently unsupported.' });
    t.equal((await get(stack, '/ir/usc/Controller/charts/UNKNOWN_HASH/leaderboard?mode=best', token)).json().statusCode, 44);
    t.strictSame((await get(stack, `/ir/usc/Keyboard/charts/${HASH}/leaderboard?mode=best&n=5`, token)).json(), { statusCode: 20, description: 'Returned 0 scores.', body: [] });
  });

  t.test('POST scores: an unknown chart (22, an orphan), refusals (40), permission (403)', async (t) => {
    let res = await post(stack, '/ir/usc/Controller/scores', token, { ...REQUEST, chart: { ...REQUEST.chart, chartHash: 'NEW_CHART' } });
    t.strictSame([res.statusCode, res.json()], [200, { statusCode: 22, description: 'This score has been saved, but the chart is not currently on the IR.', body: {} }]);
    t.match(await stack.db.orphans.findOne({ userID, importType: 'ir/usc' }), { game: 'usc', errMsg: 'Chart NEW_CHART is not on the IR.', context: { chartHash: 'NEW_CHART', playtype: 'Controller' } });

    const refused = async (body: unknown, description: string) => {
      const r = await post(stack, '/ir/usc/Controller/scores', token, body);
      t.strictSame([r.statusCode, r.json()], [200, { statusCode: 40, description }], description);
    };
    await refused({ ...REQUEST, chart: { ...REQUEST.chart, level: 0 } }, 'Invalid chart.: level | Expected an integer between 1 and 20. | Received 0 [type: number].');
    await refused({ score: REQUEST.score }, 'Invalid chart.: null | Non-object provided for validation. | Received undefined [type: undefined].');
    await refused(withScore({ gauge: 2 }), 'Invalid USC Score.: gauge | Expected a number between 0 and 1. | Received 2 [type: number].');
    await refused(withScore({ windows: { ...REQUEST.score.windows, miss: 250 } }), 'InvalidDatapoint HitWindows have been modified - Score is invalid.');
    await refused(withScore({ options: { ...REQUEST.score.options, autoFlags: 2 } }), 'InvalidDatapoint Autoplay was enabled - Score is invalid.');

    const { token: readOnly } = await stack.user('bob', { permissions: ['delete_score'] });
    res = await post(stack, '/ir/usc/Controller/scores', readOnly, REQUEST);
    t.strictSame([res.statusCode, res.json()], [403, { success: false, description: 'You are missing the following permissions necessary for this request: submit_score' }]);
    res = await stack.app.inject({ method: 'POST', url: '/ir/usc/Controller/scores', payload: '{', headers: { ...bearer(token), 'content-type': 'application/json' } });
    t.equal(res.statusCode, 400, 'not JSON');
  });

  t.test('replays: stored for the player\'s own USC scores', async (t) => {
    const scoreID = (await stack.db.scores.findOne({ userID: { $ne: userID }, game: 'usc' }))!.scoreID as string;
    const own = await stack.db.scores.findOne({ userID, game: 'usc' });
    const upload = (fields: Record<string, string>, file: Buffer | null, fileField = 'replay', tok = token) => {
      const body = multipartBody(file, fields, fileField);
      return stack.app.inject({ method: 'POST', url: '/ir/usc/Controller/replays', payload: body.payload, headers: { ...body.headers, ...bearer(tok) } });
    };
    const replay = Buffer.from('a USC replay file \u0000\u0001\u0002');
    // alice's USC score was reverted: she submits another
    t.equal((await post(stack, '/ir/usc/Controller/scores', token, withScore({ score: 8_000_000 }))).json().statusCode, 20);
    const mine = (await stack.db.scores.findOne({ userID, game: 'usc' }))!.scoreID as string;
    t.notOk(own, 'alice had no USC score before');

    let res = await upload({ identifier: mine }, replay);
    t.strictSame([res.statusCode, res.json()], [200, { statusCode: 20, description: 'Saved replay.', body: {} }]);
    const stored = await stack.db.connection.collection('usc-replays').findOne({ scoreID: mine });
    t.same(Buffer.from(stored!.replay.buffer), replay, 'the same bytes');
    res = await upload({}, replay);
    t.strictSame(res.json(), { statusCode: 40, description: 'No Identifier Provided.' });
    res = await upload({ identifier: mine }, null);
    t.strictSame(res.json(), { statusCode: 40, description: 'No File Provided.' });
    res = await upload({ identifier: 'INVALID_IDENTIFIER' }, replay);
    t.strictSame(res.json(), { statusCode: 44, description: 'No score corresponds to this identifier.' });
    res = await upload({ identifier: scoreID }, replay);
    t.strictSame(res.json(), { statusCode: 44, description: 'No score corresponds to this identifier.' }, 'another player\'s score');
    res = await upload({ identifier: mine }, replay, 'file');
    t.strictSame([res.statusCode, res.json()], [400, { success: false, description: 'File provided was too large, corrupt, or provided in the wrong field.' }]);
    res = await upload({ identifier: mine }, Buffer.alloc(1024 * 1024 + 1));
    t.equal(res.statusCode, 400, 'over 1 MiB');
  });
});

t.test('Bokutachi only: absent when TACHI_ROUTES=kamaitachi', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ TACHI_ROUTES: 'kamaitachi' }) });
  const { token } = await stack.user('alice');
  t.equal((await get(stack, '/ir/usc/Controller', token)).statusCode, 404);
  t.equal((await post(stack, '/ir/usc/Controller/scores', token, REQUEST)).statusCode, 404);
});
