/**
 * GET /api/v1/imports, /api/v1/imports/failed (spec §2.4) and /api/v1/users/:userID/imports(/failed)
 * (spec §2.5): contents, order, importType/userIntent filters, user resolution, query validation.
 */
import t from 'tap';
import { GAME_NAMES, IMPORT_TYPE_NAMES } from '@score-import/core';
import { startStack } from '../../../test/support/stack.ts';
import { bearer, submitDirect, uploadFile, waitForImport } from '../../../test/support/http.ts';
import { sdvxDoc, secretPaths, type Json } from '../../../test/support/api-helpers.ts';

t.test('listing routes', async (t) => {
  const stack = await startStack(t);
  const alice = await stack.user('alice');
  const bob = await stack.user('Bob');
  await stack.user('carol');

  const run = async (res: { statusCode: number; json(): Json }) => {
    if (res.statusCode !== 202) throw new Error(`expected 202, got ${res.statusCode}`);
    const importID = res.json().body.importID as string;
    const done = await waitForImport(stack.app, importID);
    return { importID, statusCode: done.statusCode };
  };
  // alice: file (intent), direct (no intent), failed file (intent), failed direct (no intent)
  const aliceFile = await run(await uploadFile(stack.app, alice.token, sdvxDoc(1, { baseScore: 9_000_001 }), { 'x-user-intent': 'true' }));
  const aliceDirect = await run(await submitDirect(stack.app, alice.token, sdvxDoc(1, { baseScore: 9_000_002 })));
  const aliceBadFile = await run(await uploadFile(stack.app, alice.token, 'not json', { 'x-user-intent': 'true' }));
  const aliceBadDirect = await run(await submitDirect(stack.app, alice.token, { meta: { game: 'nonsense', playtype: 'Single', service: 'tests' }, scores: [] }));
  // bob: one file import, one failed file import
  const bobFile = await run(await uploadFile(stack.app, bob.token, sdvxDoc(1, { baseScore: 9_000_003 })));
  const bobBad = await run(await uploadFile(stack.app, bob.token, '[1,'));
  t.same(
    [aliceFile, aliceDirect, aliceBadFile, aliceBadDirect, bobFile, bobBad].map((r) => r.statusCode),
    [200, 200, 400, 400, 200, 400],
  );

  const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });
  const ids = (list: { importID: string }[]) => list.map((i) => i.importID);

  t.test('GET /api/v1/imports', async (t) => {
    const res = await get('/api/v1/imports');
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.equal(json.success, true);
    t.equal(json.description, 'Found 3 imports.');
    t.same(Object.keys(json.body).sort(), ['imports', 'users']);
    t.same(ids(json.body.imports), [bobFile.importID, aliceDirect.importID, aliceFile.importID], 'newest first');
    const finished = json.body.imports.map((i: { timeFinished: number }) => i.timeFinished);
    t.same(finished, [...finished].sort((a: number, b: number) => b - a));
    t.same(json.body.users.map((u: { id: number }) => u.id).sort(), [alice.userID, bob.userID]);
    t.same(secretPaths(json), []);
    for (const i of json.body.imports) t.notOk('revertPlan' in i);
  });

  t.test('GET /api/v1/imports filters', async (t) => {
    const cases: [string, string[]][] = [
      ['importType=file/batch-manual', [bobFile.importID, aliceFile.importID]],
      ['importType=ir/direct-manual', [aliceDirect.importID]],
      ['userIntent=true', [aliceFile.importID]],
      ['userIntent=false', [bobFile.importID, aliceDirect.importID]],
      ['importType=file/batch-manual&userIntent=false', [bobFile.importID]],
      ['importType=ir/direct-manual&userIntent=true', []],
    ];
    for (const [query, expected] of cases) {
      const res = await get(`/api/v1/imports?${query}`);
      t.equal(res.statusCode, 200, query);
      t.same(ids(res.json().body.imports), expected, query);
      t.equal(res.json().description, `Found ${expected.length} imports.`, query);
    }
    const none = (await get('/api/v1/imports?importType=ir/direct-manual&userIntent=true')).json();
    t.same(none.body, { imports: [], users: [] });
  });

  t.test('GET /api/v1/imports/failed', async (t) => {
    const res = await get('/api/v1/imports/failed');
    t.equal(res.statusCode, 200);
    const json = res.json();
    t.equal(json.description, 'Found 3 failed imports.');
    t.same(Object.keys(json.body).sort(), ['failedImports', 'users']);
    t.same(ids(json.body.failedImports), [bobBad.importID, aliceBadDirect.importID, aliceBadFile.importID], 'newest first');
    const direct = json.body.failedImports.find((f: { importID: string }) => f.importID === aliceBadDirect.importID);
    t.match(direct, {
      type: 'FAILED',
      importID: aliceBadDirect.importID,
      userID: alice.userID,
      importType: 'ir/direct-manual',
      userIntent: false,
      error: { statusCode: 400, message: `Invalid game 'nonsense' - expected any of ${GAME_NAMES.join(', ')}.` },
    });
    t.type(direct.timeStarted, 'number');
    const badFile = json.body.failedImports.find((f: { importID: string }) => f.importID === aliceBadFile.importID);
    t.equal(badFile.error.statusCode, 400);
    t.match(badFile.error.message, /^Invalid JSON\. \(.+\)$/);
    t.equal(badFile.userIntent, true);
    t.same(json.body.users.map((u: { id: number }) => u.id).sort(), [alice.userID, bob.userID]);
    t.same(secretPaths(json), []);
  });

  t.test('GET /api/v1/imports/failed filters', async (t) => {
    const cases: [string, string[]][] = [
      ['importType=file/batch-manual', [bobBad.importID, aliceBadFile.importID]],
      ['importType=ir/direct-manual', [aliceBadDirect.importID]],
      ['userIntent=true', [aliceBadFile.importID]],
      ['userIntent=false', [bobBad.importID, aliceBadDirect.importID]],
      ['importType=ir/direct-manual&userIntent=false', [aliceBadDirect.importID]],
    ];
    for (const [query, expected] of cases) {
      const res = await get(`/api/v1/imports/failed?${query}`);
      t.equal(res.statusCode, 200, query);
      t.same(ids(res.json().body.failedImports), expected, query);
      t.equal(res.json().description, `Found ${expected.length} failed imports.`, query);
    }
  });

  t.test('GET /api/v1/users/:userID/imports resolves me, ids and usernames', async (t) => {
    const aliceImports = [aliceDirect.importID, aliceFile.importID];
    for (const [userID, headers] of [
      ['me', bearer(alice.token)],
      [String(alice.userID), {}],
      ['alice', {}],
      ['ALICE', {}],
    ] as const) {
      const res = await get(`/api/v1/users/${userID}/imports`, headers);
      t.equal(res.statusCode, 200, userID);
      const json = res.json();
      t.equal(json.success, true);
      t.equal(json.description, 'Found 2 imports.', userID);
      t.ok(Array.isArray(json.body), 'the body is the bare array');
      t.same(ids(json.body), aliceImports, userID);
      t.same(secretPaths(json), []);
    }
    const bobs = await get('/api/v1/users/bob/imports');
    t.same(ids(bobs.json().body), [bobFile.importID]);
    const carol = await get('/api/v1/users/carol/imports');
    t.equal(carol.statusCode, 200);
    t.same(carol.json(), { success: true, description: 'Found 0 imports.', body: [] });
  });

  t.test('GET /api/v1/users/:userID/imports filters', async (t) => {
    const cases: [string, string[]][] = [
      ['importType=file/batch-manual', [aliceFile.importID]],
      ['importType=ir/direct-manual', [aliceDirect.importID]],
      ['userIntent=true', [aliceFile.importID]],
      ['userIntent=false', [aliceDirect.importID]],
      ['importType=ir/direct-manual&userIntent=true', []],
    ];
    for (const [query, expected] of cases) {
      const res = await get(`/api/v1/users/alice/imports?${query}`);
      t.equal(res.statusCode, 200, query);
      t.same(ids(res.json().body), expected, query);
      t.equal(res.json().description, `Found ${expected.length} imports.`, query);
    }
  });

  t.test('GET /api/v1/users/:userID/imports/failed', async (t) => {
    const res = await get('/api/v1/users/me/imports/failed', bearer(alice.token));
    t.equal(res.statusCode, 200);
    t.equal(res.json().description, 'Found 2 failed imports.');
    t.same(ids(res.json().body), [aliceBadDirect.importID, aliceBadFile.importID]);
    t.same(secretPaths(res.json()), []);
    const byID = await get(`/api/v1/users/${bob.userID}/imports/failed`);
    t.same(ids(byID.json().body), [bobBad.importID]);
    const filtered = await get('/api/v1/users/Alice/imports/failed?importType=file/batch-manual&userIntent=true');
    t.equal(filtered.statusCode, 200);
    t.same(ids(filtered.json().body), [aliceBadFile.importID]);
    const none = await get('/api/v1/users/alice/imports/failed?userIntent=true&importType=ir/direct-manual');
    t.same(none.json(), { success: true, description: 'Found 0 failed imports.', body: [] });
  });

  t.test('user resolution errors', async (t) => {
    for (const suffix of ['imports', 'imports/failed']) {
      const me = await get(`/api/v1/users/me/${suffix}`);
      t.equal(me.statusCode, 401, suffix);
      t.same(me.json(), { success: false, description: "Cannot use 'me' userID with no authentication." });
      for (const user of ['nobody', '999', '0']) {
        const res = await get(`/api/v1/users/${user}/${suffix}`);
        t.equal(res.statusCode, 404, `${user} ${suffix}`);
        t.same(res.json(), { success: false, description: `The user ${user} does not exist.` });
      }
      const badToken = await get(`/api/v1/users/me/${suffix}`, { authorization: 'Bearer nope' });
      t.equal(badToken.statusCode, 401);
    }
  });

  t.test('query validation → 400 naming the field', async (t) => {
    for (const base of ['/api/v1/imports', '/api/v1/imports/failed', '/api/v1/users/alice/imports', '/api/v1/users/alice/imports/failed']) {
      const unknown = await get(`${base}?limit=5`);
      t.equal(unknown.statusCode, 400, `${base} unknown key`);
      t.same(unknown.json(), { success: false, description: '[limit] must NOT have additional properties' }, base);

      const badType = await get(`${base}?importType=file/nonsense-csv`);
      t.equal(badType.statusCode, 400, `${base} importType`);
      t.same(
        badType.json(),
        { success: false, description: `[importType] Expected any of ${IMPORT_TYPE_NAMES.join(', ')}. (Received "file/nonsense-csv")` },
        base,
      );

      const badIntent = await get(`${base}?userIntent=yes`);
      t.equal(badIntent.statusCode, 400, `${base} userIntent`);
      t.same(badIntent.json(), { success: false, description: '[userIntent] Expected any of true, false. (Received "yes")' }, base);

      const repeated = await get(`${base}?userIntent=true&userIntent=false`);
      t.equal(repeated.statusCode, 400, `${base} repeated key`);
      t.same(repeated.json(), { success: false, description: '[userIntent] Expected any of true, false. (Received ["true","false"])' }, base);
    }
  });
});
