/**
 * Auth (spec §6.1–6.2): Bearer parsing, unknown tokens, missing permissions, guests on the two
 * submit routes, and that polling needs no credentials at all.
 */
import t from 'tap';
import { startStack } from '../../../test/support/stack.ts';
import { multipartBody, submitDirect, uploadFile } from '../../../test/support/http.ts';
import { sdvxDoc } from '../../../test/support/api-helpers.ts';

const MISSING_SUBMIT = 'You are missing the following permissions necessary for this request: submit_score';

t.test('auth', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('authuser');
  const noSubmit = await stack.user('nosubmit', { permissions: ['delete_score'] });
  const noPerms = await stack.user('noperms', { permissions: [] });

  const fileRequest = (headers: Record<string, string>) => {
    const body = multipartBody(JSON.stringify(sdvxDoc(1)));
    return stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...headers } });
  };
  const directRequest = (headers: Record<string, string>) =>
    stack.app.inject({ method: 'POST', url: '/ir/direct-manual/import', payload: sdvxDoc(1), headers });

  t.test('Basic scheme → 400 on every route, including public ones', async (t) => {
    const basic = { authorization: 'Basic dXNlcjpwYXNz' };
    for (const res of [
      await fileRequest(basic),
      await directRequest(basic),
      await stack.app.inject({ method: 'GET', url: '/api/v1/imports', headers: basic }),
    ]) {
      t.equal(res.statusCode, 400);
      t.same(res.json(), { success: false, description: 'Invalid Authorization Type - Expected Bearer.' });
    }
  });

  t.test('"Bearer " with no token → 401 "Invalid token."', async (t) => {
    const res = await directRequest({ authorization: 'Bearer ' });
    t.equal(res.statusCode, 401);
    t.same(res.json(), { success: false, description: 'Invalid token.' });
  });

  t.test('unknown token → 401 on submit routes and public routes', async (t) => {
    const bad = { authorization: 'Bearer 0123456789abcdef0123456789abcdef01234567' };
    for (const res of [
      await fileRequest(bad),
      await directRequest(bad),
      await stack.app.inject({ method: 'GET', url: '/api/v1/imports/failed', headers: bad }),
    ]) {
      t.equal(res.statusCode, 401);
      t.same(res.json(), { success: false, description: 'The provided API token does not correspond with any key in the database.' });
    }
  });

  t.test('a token hash is not a token', async (t) => {
    const doc = await stack.db.apiTokens.findOne({ userID: 1 });
    t.ok(doc?.tokenHash, 'tokens are stored hashed');
    t.notOk('token' in (doc ?? {}), 'the plain token is not stored');
    const res = await directRequest({ authorization: `Bearer ${doc!.tokenHash}` });
    t.equal(res.statusCode, 401);
  });

  t.test('no auth → 401 with each route\'s message', async (t) => {
    const file = await fileRequest({});
    t.equal(file.statusCode, 401);
    t.same(file.json(), { success: false, description: 'You are not authorised to perform this action.' });
    const direct = await directRequest({});
    t.equal(direct.statusCode, 401);
    t.same(direct.json(), { success: false, description: 'This endpoint requires authentication.' });
  });

  t.test('token without submit_score → 403 on both submit routes', async (t) => {
    for (const tok of [noSubmit.token, noPerms.token]) {
      const file = await uploadFile(stack.app, tok, sdvxDoc(1));
      t.equal(file.statusCode, 403);
      t.same(file.json(), { success: false, description: MISSING_SUBMIT });
      const direct = await submitDirect(stack.app, tok, sdvxDoc(1));
      t.equal(direct.statusCode, 403);
      t.same(direct.json(), { success: false, description: MISSING_SUBMIT });
    }
  });

  t.test('a valid token with submit_score is accepted', async (t) => {
    t.equal((await uploadFile(stack.app, token, sdvxDoc(1))).statusCode, 202);
    t.equal((await submitDirect(stack.app, token, sdvxDoc(1))).statusCode, 202);
  });

  t.test('auth is checked before the body is looked at', async (t) => {
    const body = multipartBody(null);
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: body.headers });
    t.equal(res.statusCode, 401, 'guest with no file: 401, not 400');
  });

  t.test('poll-status never looks at credentials', async (t) => {
    const importID = (await submitDirect(stack.app, token, sdvxDoc(1))).json().body.importID;
    for (const authorization of ['Basic abc', 'Bearer nope']) {
      const res = await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}/poll-status`, headers: { authorization } });
      t.equal(res.statusCode, 200, authorization);
      t.equal(res.json().body.importStatus, 'ongoing');
    }
  });

  t.test('a banned user\'s token → 403', async (t) => {
    const banned = await stack.user('banned');
    await stack.db.users.updateOne({ id: banned.userID }, { $set: { authLevel: 0 } });
    const res = await submitDirect(stack.app, banned.token, sdvxDoc(1));
    t.equal(res.statusCode, 403);
    t.equal(res.json().success, false);
    t.match(res.json().description, /^You are banned from /);
  });
});
