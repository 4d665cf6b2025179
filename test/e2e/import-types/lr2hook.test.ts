/**
 * ir/lr2hook end to end, through Bokutachi's LR2hook routes with a real worker and the BMS fixture
 * seeds: Tachi's TestingLR2HookScore answered with the ImportDocument once imported, the stored
 * score, poll-status and revert; an unknown chart kept as an orphan; malformed bodies; auth and
 * permission; course clears as classes-only imports; the Kamaitachi-only setting.
 */
import t from 'tap';
import { startStack, testConfig, type Stack } from '../../support/stack.ts';
import { bearer, waitForImport } from '../../support/http.ts';
import { revertAndCheck } from './tachi-formats-helpers.ts';
import { seedHookGames } from './hook-seeds.ts';

const GAZER = '88eb6cc5683e2740cbd07f588a5f3db1db8d467b';
const graph = (f: (i: number) => number) => Array.from({ length: 1000 }, (_, i) => f(i));
// Tachi's TestingLR2HookScore (a fixed gauge graph instead of random values)
const SCORE = {
  md5: '38616b85332037cc12924f2ae2840262',
  playerData: { autoScr: 0, gameMode: '7K', random: 'RAN', gauge: 'GROOVE' },
  scoreData: {
    pgreat: 1100, great: 900, good: 200, bad: 50, poor: 6, exScore: 3100, maxCombo: 50, moneyScore: 150_000, notesTotal: 2256,
    notesPlayed: 2256, lamp: 'HARD', hpGraph: graph((i) => [100, 50, 80, 0][i % 4]),
  },
};
// Tachi's classBody (router.test.ts): GENOSIDE 2018 段位認定 Overjoy
const COURSE = {
  md5: 'cfad3baadce9e02c45021963453d7c9477d23be22b2370925c573d922276bce0188a99f74ab71804f2e360dcf484545cc46a81cb184f5a804c119930d6eba748',
  playerData: { autoScr: 0, gameMode: 'shrug', gauge: 'EASY', random: 'MIRROR' },
  scoreData: { ...SCORE.scoreData, exScore: 10, bad: 10, good: 10, great: 10, lamp: 'EASY', maxCombo: 10, moneyScore: 10, notesPlayed: 10, notesTotal: 10, pgreat: 10, poor: 10 },
};

const post = (stack: Stack, url: string, token: string | null, body: unknown) =>
  stack.app.inject({ method: 'POST', url, payload: body as object, headers: token ? bearer(token) : {} });

t.test('lr2hook', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  await seedHookGames(stack, { bms: {} });

  t.test('a score: 200 with the ImportDocument, the stored score, poll-status, revert', async (t) => {
    const before = Date.now();
    const res = await post(stack, '/ir/lr2hook/import', token, SCORE);
    t.equal(res.statusCode, 200);
    const { success, description, body: doc } = res.json();
    t.same([success, description, doc.importType, doc.game, doc.playtypes, doc.errors, doc.scoreIDs.length], [true, 'Import successful.', 'ir/lr2hook', 'bms', ['7K'], [], 1]);
    const score = (await stack.db.scores.findOne({ scoreID: doc.scoreIDs[0] }, { projection: { _id: 0 } }))!;
    t.ok(score.timeAchieved >= before && score.timeAchieved <= Date.now(), 'timeAchieved: when it was received');
    t.same([score.userID, score.chartID, score.songID, score.playtype, score.service, score.importType], [userID, GAZER, 27339, '7K', 'LR2Hook', 'ir/lr2hook']);
    t.strictSame(score.scoreMeta, { gauge: 'NORMAL', random: 'RANDOM', client: 'LR2' });
    t.match(score.scoreData, {
      score: 3100,
      lamp: 'HARD CLEAR',
      grade: 'A',
      judgements: { pgreat: 1100, great: 900, good: 200, bad: 50, poor: 6 },
      optional: { bp: 56, maxCombo: 50, gauge: 0, gaugeHistory: SCORE.scoreData.hpGraph },
    });
    const poll = await waitForImport(stack.app, doc.importID);
    t.same(poll.json.body.import, doc);
    await revertAndCheck(t, stack, token, doc.importID);

    // LR2's own timestamp when sent
    const timed = await post(stack, '/ir/lr2hook/import', token, { ...SCORE, unixTimestamp: 1_700_000_000, scoreData: { ...SCORE.scoreData, extendedJudgements: { epg: 600, lpg: 500, egr: 450, lgr: 450, egd: 100, lgd: 100, ebd: 25, lbd: 25, epr: 3, lpr: 3, cb: 4, fast: 578, slow: 578, notesPlayed: 2256 } } });
    const timedScore = (await stack.db.scores.findOne({ scoreID: timed.json().body.scoreIDs[0] }))!;
    t.equal(timedScore.timeAchieved, 1_700_000_000_000);
    t.match(timedScore.scoreData.optional, { epg: 600, lpg: 500, fast: 578, slow: 578, bp: 56 });
  });

  t.test('an unknown chart: the score kept as an orphan', async (t) => {
    const res = await post(stack, '/ir/lr2hook/import', token, { ...SCORE, md5: 'd0f497c0f955e7edfb0278f446cdb6f8' });
    t.equal(res.statusCode, 200);
    const doc = res.json().body;
    t.strictSame([doc.errors, doc.scoreIDs], [[{ type: 'SongOrChartNotFound', message: 'Could not find chart with md5 d0f497c0f955e7edfb0278f446cdb6f8.' }], []]);
    t.match(await stack.db.orphans.findOne({ importID: doc.importID }), { importType: 'ir/lr2hook', game: 'bms', data: { md5: 'd0f497c0f955e7edfb0278f446cdb6f8' } });
  });

  t.test('malformed bodies: 400 with Tachi\'s messages', async (t) => {
    const fails = async (body: unknown, description: string) => {
      const res = await post(stack, '/ir/lr2hook/import', token, body);
      t.strictSame([res.statusCode, res.json()], [400, { success: false, description }], description);
    };
    await fails({ ...SCORE, playerData: { ...SCORE.playerData, autoScr: 1 } }, 'Error: playerData.autoScr | Auto Scratch cannot be turned on, as it is treated as an EASY CLEAR by LR2. | Received 1 [type: number].');
    await fails({ ...SCORE, playerData: { ...SCORE.playerData, random: 'H-RAN' } }, 'Error: playerData.random | Expected any of NORAN, MIRROR, RAN, S-RAN. Note that ALLSCR and H-RAN are not supported! | Received H-RAN [type: string].');
    await fails({ ...SCORE, scoreData: { ...SCORE.scoreData, hpGraph: [] } }, 'Error: scoreData.hpGraph | Expected an array with length 1000..');
    await fails({}, 'Error: md5 | Expected string. | Received undefined [type: undefined].');
    await fails([SCORE], 'Error: md5 | Expected string. | Received undefined [type: undefined].');
  });

  t.test('auth: 401 without or with an unknown token, 403 without submit_score', async (t) => {
    const { token: readOnly } = await stack.user('bob', { permissions: ['delete_score'] });
    for (const url of ['/ir/lr2hook/import', '/ir/lr2hook/import/course']) {
      let res = await post(stack, url, null, SCORE);
      t.strictSame([res.statusCode, res.json()], [401, { success: false, description: 'This endpoint requires authentication.' }]);
      res = await post(stack, url, 'unknown token', SCORE);
      t.equal(res.statusCode, 401);
      res = await post(stack, url, readOnly, SCORE);
      t.strictSame([res.statusCode, res.json()], [403, { success: false, description: 'You are missing the following permissions necessary for this request: submit_score' }]);
    }
  });

  t.test('import/course: a cleared dan course is a classes-only import', async (t) => {
    const { userID: carolID, token: carol } = await stack.user('carol');
    let res = await post(stack, '/ir/lr2hook/import/course', carol, COURSE);
    t.strictSame([res.statusCode, res.json()], [200, { success: true, description: 'Successfully updated class.', body: { set: 'genocideDan', value: 'OVERJOY' } }]);
    t.equal((await stack.db.gameStats.findOne({ userID: carolID, game: 'bms', playtype: '7K' }))?.classes.genocideDan, 'OVERJOY');
    const doc = (await stack.db.imports.findOne({ userID: carolID }))!;
    t.strictSame([doc.importType, doc.scoreIDs, doc.classDeltas], ['ir/lr2hook', [], [{ game: 'bms', set: 'genocideDan', playtype: '7K', old: null, new: 'OVERJOY' }]]);
    res = await post(stack, '/ir/lr2hook/import/course', carol, COURSE);
    t.strictSame(res.json(), { success: true, description: 'Class not updated.', body: { set: 'genocideDan', value: 'OVERJOY' } });

    res = await post(stack, '/ir/lr2hook/import/course', carol, { ...COURSE, scoreData: { ...COURSE.scoreData, notesPlayed: 1 } });
    t.strictSame([res.statusCode, res.json()], [200, { success: true, description: 'Class not updated. You failed to clear this course.', body: { notesPlayed: 1, notesTotal: 10 } }]);
    res = await post(stack, '/ir/lr2hook/import/course', carol, { ...COURSE, md5: 'some nonsense' });
    t.strictSame([res.statusCode, res.json()], [404, { success: false, description: "Couldn't find a course with this MD5 (some nonsense)." }]);
    res = await post(stack, '/ir/lr2hook/import/course', carol, { ...COURSE, rseed: 3 });
    t.strictSame([res.statusCode, res.json()], [400, { success: false, description: '[null] Unexpected properties inside object: rseed.' }]);
    t.equal(await stack.db.imports.countDocuments({ userID: carolID }), 2, 'refusals import nothing');
  });
});

t.test('Bokutachi only: absent when TACHI_ROUTES=kamaitachi', async (t) => {
  const stack = await startStack(t, { worker: false, config: testConfig({ TACHI_ROUTES: 'kamaitachi' }) });
  const { token } = await stack.user('alice');
  t.equal((await post(stack, '/ir/lr2hook/import', token, SCORE)).statusCode, 404);
  t.equal((await post(stack, '/ir/lr2hook/import/course', token, COURSE)).statusCode, 404);
});
