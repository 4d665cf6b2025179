/**
 * POST /api/v1/imports/:importID/revert (spec §2.2): the permission matrix, what a revert removes,
 * and 409 while the user's lease is held (an import or revert running).
 */
import t from 'tap';
import { createToken } from '@score-import/db';
import { startStack } from '../../../test/support/stack.ts';
import { bearer, importAndWait } from '../../../test/support/http.ts';
import { poll, sdvxDoc } from '../../../test/support/api-helpers.ts';

t.test('revert', async (t) => {
  const stack = await startStack(t);
  const alice = await stack.user('alice');
  const aliceSubmitOnly = (await createToken(stack.db, 'alice', ['submit_score'])).token;
  const bob = await stack.user('bob');
  const admin = await stack.user('root', { admin: true });
  const adminNoDelete = (await createToken(stack.db, 'root', ['submit_score'])).token;

  let n = 0;
  const newImport = async (token = alice.token) => {
    const res = await importAndWait(stack.app, token, sdvxDoc(2, { timeAchieved: Date.UTC(2024, 1, 1) + n * 10_000_000, baseScore: 9_000_000 + 10 * n++ }));
    if (res.statusCode !== 200) throw new Error(JSON.stringify(res.json));
    return res.importID;
  };
  const revert = (importID: string, headers: Record<string, string> = {}) =>
    stack.app.inject({ method: 'POST', url: `/api/v1/imports/${importID}/revert`, headers });

  const importID = await newImport();

  t.test('unknown import → 404, even without auth', async (t) => {
    for (const headers of [{}, bearer(alice.token)]) {
      const res = await revert('c'.repeat(40), headers);
      t.equal(res.statusCode, 404);
      t.same(res.json(), { success: false, description: 'This import does not exist.' });
    }
    const malformed = await revert('..%2Fx', bearer(alice.token));
    t.equal(malformed.statusCode, 404);
    t.same(malformed.json(), { success: false, description: 'This import does not exist.' });
  });

  t.test('no token → 401', async (t) => {
    const res = await revert(importID);
    t.equal(res.statusCode, 401);
    t.same(res.json(), { success: false, description: 'You are not authorised as anyone, and this endpoint requires us to know who you are.' });
  });

  t.test('another user → 403', async (t) => {
    const res = await revert(importID, bearer(bob.token));
    t.equal(res.statusCode, 403);
    t.same(res.json(), { success: false, description: 'You are not authorised to perform this action.' });
  });

  t.test('the owner with a token lacking delete_score → 403', async (t) => {
    const res = await revert(importID, bearer(aliceSubmitOnly));
    t.equal(res.statusCode, 403);
    t.same(res.json(), { success: false, description: 'You are missing the following permissions necessary for this request: delete_score' });
  });

  t.test('an admin with a token lacking delete_score → 403', async (t) => {
    const res = await revert(importID, bearer(adminNoDelete));
    t.equal(res.statusCode, 403);
    t.same(res.json(), { success: false, description: 'You are missing the following permissions necessary for this request: delete_score' });
  });

  t.test('nothing was reverted by the refused requests', async (t) => {
    t.equal(await stack.db.scores.countDocuments({ importID }), 2);
    t.equal((await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).statusCode, 200);
  });

  t.test('while the user has an import or revert running → 409', async (t) => {
    const lease = await stack.app.leases.tryAcquire(alice.userID);
    t.ok(lease, 'took the user lease');
    try {
      const res = await revert(importID, bearer(alice.token));
      t.equal(res.statusCode, 409);
      t.same(res.json(), { success: false, description: 'You already have an import or a revert ongoing.' });
      // an admin is refused too: it is the owner's lease that counts
      const byAdmin = await revert(importID, bearer(admin.token));
      t.equal(byAdmin.statusCode, 409);
    } finally {
      await lease!.release();
    }
    t.equal(await stack.db.scores.countDocuments({ importID }), 2, 'nothing was reverted');
  });

  t.test('the owner → 200 {} and the scores, sessions, PBs and document are gone', async (t) => {
    const before = (await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).json().body;
    t.equal(before.scores.length, 2);
    t.equal(before.sessions.length, 1);
    t.ok((await stack.db.personalBests.countDocuments({ userID: alice.userID })) > 0);

    const res = await revert(importID, bearer(alice.token));
    t.equal(res.statusCode, 200, res.body);
    t.strictSame(res.json(), { success: true, description: 'Reverted import.', body: {} });

    t.equal(await stack.db.scores.countDocuments({ importID }), 0);
    t.equal(await stack.db.scores.countDocuments({ scoreID: { $in: before.import.scoreIDs } }), 0);
    t.equal(await stack.db.sessions.countDocuments({ sessionID: before.sessions[0].sessionID }), 0);
    t.equal(await stack.db.personalBests.countDocuments({ userID: alice.userID }), 0);
    const detail = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` });
    t.equal(detail.statusCode, 404);
    t.same(detail.json(), { success: false, description: 'This import does not exist.' });
    const polled = await poll(stack.app, importID);
    t.equal(polled.statusCode, 404);
    t.same(polled.json(), { success: false, description: 'There is no ongoing import here.' });
    const listed = (await stack.app.inject({ method: 'GET', url: '/api/v1/users/alice/imports' })).json();
    t.notOk(listed.body.some((i: { importID: string }) => i.importID === importID));

    t.test('reverting it again → 404', async (t) => {
      const again = await revert(importID, bearer(alice.token));
      t.equal(again.statusCode, 404);
      t.same(again.json(), { success: false, description: 'This import does not exist.' });
    });
    t.test('the lease was released: the user can import again', async (t) => {
      t.equal(await stack.app.leases.isHeld(alice.userID), false);
      t.ok(await newImport());
    });
  });

  t.test('an admin → 200 on another user\'s import', async (t) => {
    const other = await newImport();
    const res = await revert(other, bearer(admin.token));
    t.equal(res.statusCode, 200, res.body);
    t.strictSame(res.json(), { success: true, description: 'Reverted import.', body: {} });
    t.equal(await stack.db.scores.countDocuments({ importID: other }), 0);
    t.equal(await stack.db.imports.countDocuments({ importID: other }), 0);
  });

  t.test('reverting one import leaves the user\'s other imports alone', async (t) => {
    const keep = await newImport();
    const drop = await newImport();
    const res = await revert(drop, bearer(alice.token));
    t.equal(res.statusCode, 200);
    t.equal(await stack.db.scores.countDocuments({ importID: keep }), 2);
    t.equal((await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${keep}` })).statusCode, 200);
  });

  t.test('a non-admin cannot revert an admin\'s import', async (t) => {
    const adminImport = await newImport(admin.token);
    const res = await revert(adminImport, bearer(alice.token));
    t.equal(res.statusCode, 403);
    t.same(res.json(), { success: false, description: 'You are not authorised to perform this action.' });
  });
});
