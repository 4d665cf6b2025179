/**
 * Revert (spec §4, better than Tachi): the WHOLE stored state (scores, PBs of every user, sessions,
 * game stats, imports, orphans) after import + revert equals the state before, field for field;
 * including an import that appended to a session, a PB deleted vs rebuilt from an older score,
 * another user's ranking on a shared chart, profile rating and derived class, a provided class
 * (which stays), an import without scores, full ties in a chart ranking. Reverts interrupted
 * part-way: revert-interrupted.test.ts. The scenario (baseline + import B): revert-scenario.ts.
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import { bearer } from '../support/http.ts';
import { createToken } from '@score-import/db';
import {
  CHUNI,
  MINUTE,
  SDVX,
  T0,
  chuniFile,
  chuniScore,
  dbState,
  gameStatsOf,
  importDocOf,
  importOK,
  pbOf,
  revert,
  sdvxFile,
  sdvxScore,
  sessionOf,
} from './helpers.ts';
import { ADV, baseline, checkBApplied, fileB } from './revert-scenario.ts';

t.test('import + revert leaves the whole state as it was (appended session, PBs, rankings, profile)', async (t) => {
  const stack = await startStack(t);
  const base = await baseline(stack);
  const before = await dbState(stack);
  t.same((await gameStatsOf(stack, base.alice.userID, 'sdvx'))?.classes, { vfClass: 'SIENNA_I' });
  t.same((await pbOf(stack, base.bob.userID, ADV.chartID))?.rankingData, { rank: 1, outOf: 2, rivalRank: null });

  const B = await importOK(stack, base.alice.token, fileB());
  t.same(B.classDeltas, [{ game: 'sdvx', set: 'vfClass', playtype: 'Single', old: 'SIENNA_I', new: 'SIENNA_II' }]);
  await checkBApplied(t, stack, base, B);

  const res = await revert(stack, base.alice.token, B.importID);
  t.equal(res.statusCode, 200);
  t.strictSame(res.json(), { success: true, description: 'Reverted import.', body: {} });

  const after = await dbState(stack);
  t.same(after.scores, before.scores, 'scores');
  t.same(after.personalBests, before.personalBests, 'personal bests of every user, rankings included');
  t.same(after.sessions, before.sessions, 'sessions (the appended one back exactly, the created one gone)');
  t.same(after.gameStats, before.gameStats, 'profile ratings and classes');
  t.same(after.imports, before.imports, 'only the ImportDocument of B is gone');
  t.same(after, before, 'the whole state');

  // what that means, spelled out
  const sa = before.sessions.find((s) => s.sessionID === base.SA)!;
  t.same(await sessionOf(stack, base.SA), sa);
  t.equal(sa.scoreIDs.length, 8);
  t.same([sa.timeStarted, sa.timeEnded, sa.calculatedData], [T0, T0 + 70 * MINUTE, { ProfileVF6: null }]);
  t.equal(await sessionOf(stack, B.createdSessions[1].sessionID), null, 'the session B created is deleted');
  t.same((await pbOf(stack, base.alice.userID, ADV.chartID))?.scoreData.score, 9_000_007, 'PB rebuilt from the older score');
  t.equal(await pbOf(stack, base.alice.userID, SDVX.L20[1].chartID), null, 'PB of a chart only B touched is deleted');
  t.same((await pbOf(stack, base.bob.userID, ADV.chartID))?.rankingData, { rank: 1, outOf: 2, rivalRank: null });
  t.same((await pbOf(stack, base.bob.userID, SDVX.L20[0].chartID))?.rankingData, { rank: 1, outOf: 1, rivalRank: null });
  t.same(await gameStatsOf(stack, base.alice.userID, 'sdvx'), {
    userID: base.alice.userID,
    game: 'sdvx',
    playtype: 'Single',
    ratings: { VF6: 0.163 + 0.163 },
    classes: { vfClass: 'SIENNA_I' },
  });

  // the reverted import is gone from every endpoint
  t.equal((await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${B.importID}` })).statusCode, 404);
  const poll = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${B.importID}/poll-status` });
  t.equal(poll.statusCode, 404);
  t.equal(poll.json().description, 'There is no ongoing import here.');
  const again = await revert(stack, base.alice.token, B.importID);
  t.equal(again.statusCode, 404);
  t.equal(again.json().description, 'This import does not exist.');

  // not blacklisted: importing the same file again recreates the same scores
  const B2 = await importOK(stack, base.alice.token, fileB());
  t.same(B2.scoreIDs, B.scoreIDs);
  t.same(B2.classDeltas, B.classDeltas);
});

t.test('reverting the older import of a session another import appended to', async (t) => {
  const stack = await startStack(t);
  const base = await baseline(stack);
  const B = await importOK(stack, base.alice.token, fileB());
  const res = await revert(stack, base.alice.token, base.importA.importID);
  t.equal(res.statusCode, 200);
  // SA keeps B's two scores; its times and calculatedData are recomputed from them
  const sa = await sessionOf(stack, base.SA);
  t.same(sa?.scoreIDs, B.scoreIDs.slice(0, 2));
  t.same([sa?.timeStarted, sa?.timeEnded, sa?.calculatedData], [T0 - 60 * MINUTE, T0 - 30 * MINUTE, { ProfileVF6: null }]);
  t.equal(await stack.db.scores.countDocuments({ userID: base.alice.userID }), 8);
  t.equal(await pbOf(stack, base.alice.userID, SDVX.BROKEN_ADV.chartID), null);
  t.same((await pbOf(stack, base.alice.userID, ADV.chartID))?.scoreData.score, 9_900_000);
  t.same((await gameStatsOf(stack, base.alice.userID, 'sdvx'))?.ratings, { VF6: 0.462 + 0.462 + 0.462 + 0.462 + 0.462 + 0.218 });
  // and then B: alice is back to nothing at all
  t.equal((await revert(stack, base.alice.token, B.importID)).statusCode, 200);
  t.equal(await stack.db.scores.countDocuments({ userID: base.alice.userID }), 0);
  t.equal(await stack.db.personalBests.countDocuments({ userID: base.alice.userID }), 0);
  t.equal(await stack.db.sessions.countDocuments({ userID: base.alice.userID }), 0);
  t.equal(await gameStatsOf(stack, base.alice.userID, 'sdvx'), null, 'no PBs, no provided class: no profile');
  t.same((await pbOf(stack, base.bob.userID, ADV.chartID))?.rankingData, { rank: 1, outOf: 1, rivalRank: null });
});

t.test('a class the import provided stays after the revert; everything else is back', async (t) => {
  const stack = await startStack(t);
  const base = await baseline(stack);
  const before = await dbState(stack);
  const B = await importOK(stack, base.alice.token, fileB({ classes: { dan: 'DAN_5' } }));
  t.same(B.classDeltas, [
    { game: 'sdvx', set: 'dan', playtype: 'Single', old: null, new: 'DAN_5' },
    { game: 'sdvx', set: 'vfClass', playtype: 'Single', old: 'SIENNA_I', new: 'SIENNA_II' },
  ]);
  t.same((await gameStatsOf(stack, base.alice.userID, 'sdvx'))?.classes, { vfClass: 'SIENNA_II', dan: 'DAN_5' });
  t.equal((await revert(stack, base.alice.token, B.importID)).statusCode, 200);

  const after = await dbState(stack);
  const expectedStats = before.gameStats.map((g) =>
    g.userID === base.alice.userID ? { ...g, classes: { ...g.classes, dan: 'DAN_5' } } : g,
  );
  t.same(after.gameStats, expectedStats, 'ratings and the derived class restored, the provided dan kept');
  t.same({ ...after, gameStats: undefined }, { ...before, gameStats: undefined });
});

t.test('reverting an import without scores only deletes its ImportDocument', async (t) => {
  const stack = await startStack(t);
  const base = await baseline(stack);
  const before = await dbState(stack);
  // a duplicate of one of A's scores and an invalid datapoint: nothing imported
  const Z = await importOK(
    stack,
    base.alice.token,
    sdvxFile([sdvxScore(ADV, 9_000_000, 'CLEAR', { timeAchieved: T0 }), sdvxScore(ADV, 9_000_000, 'PERFECT ULTIMATE CHAIN')]),
  );
  t.same([Z.scoreIDs, Z.errors.length, Z.skippedDuplicates, Z.playtypes], [[], 1, 1, []]);
  t.equal((await revert(stack, base.alice.token, Z.importID)).statusCode, 200);
  t.same(await dbState(stack), before);

  // one that only provided a class: the class stays, the document goes
  const C = await importOK(stack, base.alice.token, sdvxFile([], { classes: { dan: 'DAN_3' } }));
  t.same(C.classDeltas, [{ game: 'sdvx', set: 'dan', playtype: 'Single', old: null, new: 'DAN_3' }]);
  t.same(C.scoreIDs, []);
  const withDan = await dbState(stack);
  t.equal((await revert(stack, base.alice.token, C.importID)).statusCode, 200);
  const after = await dbState(stack);
  t.same(after, { ...withDan, imports: before.imports });
  t.equal((await gameStatsOf(stack, base.alice.userID, 'sdvx'))?.classes.dan, 'DAN_3');

  // an orphan an import stored is not the import's to delete (as in Tachi)
  const O = await importOK(stack, base.alice.token, sdvxFile([{ ...sdvxScore(ADV, 1, 'CLEAR'), identifier: '7777777' }]));
  t.equal(O.errors[0]?.type, 'SongOrChartNotFound');
  t.equal((await revert(stack, base.alice.token, O.importID)).statusCode, 200);
  t.equal(await importDocOf(stack, O.importID), null);
  t.equal(await stack.db.orphans.countDocuments({ userID: base.alice.userID }), 1);
});

t.test('who may revert', async (t) => {
  const stack = await startStack(t);
  const base = await baseline(stack);
  const url = `/api/v1/imports/${base.importA.importID}/revert`;
  t.equal((await stack.app.inject({ method: 'POST', url })).statusCode, 401);
  const other = await stack.app.inject({ method: 'POST', url, headers: bearer(base.bob.token) });
  t.equal(other.statusCode, 403);
  t.equal(other.json().description, 'You are not authorised to perform this action.');
  const { token: noDelete } = await createToken(stack.db, 'alice', ['submit_score']);
  const missing = await stack.app.inject({ method: 'POST', url, headers: bearer(noDelete) });
  t.equal(missing.statusCode, 403);
  t.equal(missing.json().description, 'You are missing the following permissions necessary for this request: delete_score');
  t.ok(await importDocOf(stack, base.importA.importID), 'nothing was reverted');
});

t.test('CHUNITHM: import + revert restores rating, colour and the appended session', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  // five level-14.0 charts at 1,009,000: 16.15 each → floor(5 × 1615 / 50) / 100 = 1.61, BLUE
  const A = await importOK(
    stack,
    token,
    chuniFile(CHUNI.L14.slice(0, 5).map((c, i) => chuniScore(c, 1_009_000, 'ALL JUSTICE', 'CLEAR', { timeAchieved: T0 + i * MINUTE }))),
  );
  t.same((await gameStatsOf(stack, userID, 'chunithm'))?.ratings, { naiveRating: 1.61 });
  const before = await dbState(stack);
  // a sixth one and 1,005,000 on B.B.K.K.B.K.K. MASTER (14.00), in A's session:
  // floor((6 × 1615 + 1400) / 50) / 100 = 2.21, GREEN
  const B = await importOK(
    stack,
    token,
    chuniFile([
      chuniScore(CHUNI.L14[5], 1_009_000, 'ALL JUSTICE', 'CLEAR', { timeAchieved: T0 + 10 * MINUTE }),
      chuniScore(CHUNI.BBKK_MASTER, 1_005_000, 'FULL COMBO', 'HARD', { timeAchieved: T0 + 20 * MINUTE }),
      // a worse score on a chart A played: the PB stays A's, with this lamp merged in
      chuniScore(CHUNI.L14[0], 1_000_000, 'FULL COMBO', 'ABSOLUTE', { timeAchieved: T0 + 30 * MINUTE }),
    ]),
  );
  t.same(B.createdSessions, [{ sessionID: A.createdSessions[0].sessionID, type: 'Appended' }]);
  t.same(B.classDeltas, [{ game: 'chunithm', set: 'colour', playtype: 'Single', old: 'BLUE', new: 'GREEN' }]);
  t.same((await gameStatsOf(stack, userID, 'chunithm'))?.ratings, { naiveRating: 2.21 });
  const merged = await pbOf(stack, userID, CHUNI.L14[0].chartID);
  t.same([merged?.scoreData.noteLamp, merged?.scoreData.clearLamp, merged?.composedFrom.length], ['ALL JUSTICE', 'ABSOLUTE', 2]);
  t.equal((await revert(stack, token, B.importID)).statusCode, 200);
  t.same(await dbState(stack), before);
});

t.test('full ties on a shared chart keep their order through an import and its revert', async (t) => {
  const stack = await startStack(t);
  const alice = await stack.user('alice');
  const bob = await stack.user('bob');
  const carol = await stack.user('carol');
  const chart = SDVX.HIMAWARI_EXH;
  // three identical untimed PUCs: ranked in the order they arrived
  for (const u of [alice, bob, carol]) await importOK(stack, u.token, sdvxFile([sdvxScore(chart, 10_000_000, 'PERFECT ULTIMATE CHAIN')]));
  const ranks = async () =>
    Promise.all([alice, bob, carol].map(async (u) => (await pbOf(stack, u.userID, chart.chartID))?.rankingData.rank));
  t.same(await ranks(), [1, 2, 3]);
  const before = await dbState(stack);

  // alice and then bob import a worse score on that chart: their PBs do not change, nor may the ranking
  const A = await importOK(stack, alice.token, sdvxFile([sdvxScore(chart, 9_000_000, 'CLEAR')]));
  t.same(await ranks(), [1, 2, 3], "a PB that did not change keeps its place among equal PBs");
  const B = await importOK(stack, bob.token, sdvxFile([sdvxScore(chart, 9_100_000, 'CLEAR')]));
  t.same(await ranks(), [1, 2, 3]);
  t.equal((await revert(stack, bob.token, B.importID)).statusCode, 200);
  t.equal((await revert(stack, alice.token, A.importID)).statusCode, 200);
  t.same(await ranks(), [1, 2, 3]);
  t.same(await dbState(stack), before);
});

t.test('a revert that removes every PB of a user who keeps a provided class clears the derived class', async (t) => {
  const stack = await startStack(t);
  const { userID, token } = await stack.user('alice');
  // what a profile with a dan and no PBs looks like when made by an import
  const danOnly = await stack.user('dave');
  await importOK(stack, danOnly.token, sdvxFile([], { classes: { dan: 'DAN_5' } }));
  const reference = await gameStatsOf(stack, danOnly.userID, 'sdvx');

  const B = await importOK(stack, token, sdvxFile(SDVX.L20.slice(0, 6).map(puc6), { classes: { dan: 'DAN_5' } }));
  t.same((await gameStatsOf(stack, userID, 'sdvx'))?.classes, { dan: 'DAN_5', vfClass: 'SIENNA_II' });
  t.equal((await revert(stack, token, B.importID)).statusCode, 200);
  t.equal(await stack.db.personalBests.countDocuments({ userID }), 0);
  t.same(
    await gameStatsOf(stack, userID, 'sdvx'),
    { ...reference, userID },
    'the dan stays; no PBs means no rating and no derived class, as for a profile that never had scores',
  );
});

function puc6(c: { inGameID: number; difficulty: string }) {
  return sdvxScore(c, 10_000_000, 'PERFECT ULTIMATE CHAIN');
}
