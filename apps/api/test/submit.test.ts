/**
 * POST /api/v1/import/file and POST /ir/direct-manual/import: the 202 shape and every client error
 * (missing file, wrong field, bad importType, non-multipart, too large, malformed JSON).
 */
import t from 'tap';
import { startStack } from '../../../test/support/stack.ts';
import { bearer, multipartBody, submitDirect, uploadFile, waitForImport } from '../../../test/support/http.ts';
import { ACCEPTED, sdvxDoc } from '../../../test/support/api-helpers.ts';

const MIB = 1024 * 1024;

t.test('submit routes', async (t) => {
  const stack = await startStack(t, { worker: false });
  const { token } = await stack.user('submitter');
  const base = stack.config.BASE_URL;
  t.equal(base, 'http://score-import.test');

  t.test('file upload answers 202 with url and a 40-hex importID', async (t) => {
    const res = await uploadFile(stack.app, token, sdvxDoc(1));
    t.equal(res.statusCode, 202, res.body);
    const json = res.json();
    t.equal(json.success, true);
    t.equal(json.description, ACCEPTED);
    t.same(Object.keys(json).sort(), ['body', 'description', 'success']);
    t.same(Object.keys(json.body).sort(), ['importID', 'url']);
    t.match(json.body.importID, /^[0-9a-f]{40}$/);
    t.equal(json.body.url, `${base}/api/v1/imports/${json.body.importID}/poll-status`);
  });

  t.test('direct-manual answers the same 202 shape', async (t) => {
    const res = await submitDirect(stack.app, token, sdvxDoc(1));
    t.equal(res.statusCode, 202, res.body);
    const json = res.json();
    t.equal(json.success, true);
    t.equal(json.description, ACCEPTED);
    t.match(json.body.importID, /^[0-9a-f]{40}$/);
    t.equal(json.body.url, `${base}/api/v1/imports/${json.body.importID}/poll-status`);
  });

  t.test('every submission gets a new importID', async (t) => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await submitDirect(stack.app, token, sdvxDoc(1))).json().body.importID);
    t.equal(ids.size, 5);
  });

  t.test('missing file → 400 "Expected a file for field scoreData."', async (t) => {
    const body = multipartBody(null);
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
    t.equal(res.statusCode, 400);
    t.same(res.json(), { success: false, description: 'Expected a file for field scoreData.' });
  });

  t.test('file in the wrong field → 400 multer message', async (t) => {
    const body = multipartBody(JSON.stringify(sdvxDoc(1)), { importType: 'file/batch-manual' }, 'scores');
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
    t.equal(res.statusCode, 400);
    t.same(res.json(), { success: false, description: 'File provided was too large, corrupt, or provided in the wrong field.' });
  });

  t.test('unreadable multipart bodies → 400, never 500', async (t) => {
    const BAD = { success: false, description: 'File provided was too large, corrupt, or provided in the wrong field.' };
    const good = multipartBody(JSON.stringify(sdvxDoc(1)));
    const boundary = good.headers['content-type'].split('boundary=')[1];
    const filePart = `--${boundary}\r\nContent-Disposition: form-data; name="scoreData"; filename="x.json"\r\nContent-Type: application/json\r\n\r\n{}\r\n`;
    const manyFields: Record<string, string> = { importType: 'file/batch-manual' };
    for (let i = 0; i < 30; i++) manyFields[`field${i}`] = 'x';
    const tooManyFields = multipartBody('{}', manyFields);
    const cases: [string, string | Buffer, string][] = [
      ['no boundary', 'abc', 'multipart/form-data'],
      ['truncated', good.payload.subarray(0, good.payload.length - 30), good.headers['content-type']],
      ['garbage', 'this is not multipart', good.headers['content-type']],
      ['three files', filePart + filePart + good.payload.toString(), good.headers['content-type']],
      ['too many fields', tooManyFields.payload, tooManyFields.headers['content-type']],
    ];
    for (const [name, payload, contentType] of cases) {
      const headers = { ...bearer(token), 'content-type': contentType };
      const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload, headers });
      t.equal(res.statusCode, 400, name);
      t.same(res.json(), BAD, name);
    }
  });

  t.test('bad importType → 400 naming [importType]', async (t) => {
    const body = multipartBody(JSON.stringify(sdvxDoc(1)), { importType: 'file/eamusement-ddr-csv' });
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
    t.equal(res.statusCode, 400);
    t.same(res.json(), {
      success: false,
      description: '[importType] Expected any of file/batch-manual, file/eamusement-sdvx-csv, file/mypagescraper-records-csv, file/mypagescraper-player-csv, file/eamusement-iidx-csv, file/pli-iidx-csv, file/solid-state-squad. (Received "file/eamusement-ddr-csv")',
    });
  });

  t.test('missing importType → 400 "(Received nothing (undefined))"', async (t) => {
    const body = multipartBody(JSON.stringify(sdvxDoc(1)), {});
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
    t.equal(res.statusCode, 400);
    t.same(res.json(), { success: false, description: '[importType] Expected any of file/batch-manual, file/eamusement-sdvx-csv, file/mypagescraper-records-csv, file/mypagescraper-player-csv, file/eamusement-iidx-csv, file/pli-iidx-csv, file/solid-state-squad. (Received nothing (undefined))' });
  });

  t.test('ir/direct-manual is not a file import type', async (t) => {
    const body = multipartBody(JSON.stringify(sdvxDoc(1)), { importType: 'ir/direct-manual' });
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
    t.equal(res.statusCode, 400);
    t.equal(res.json().description, '[importType] Expected any of file/batch-manual, file/eamusement-sdvx-csv, file/mypagescraper-records-csv, file/mypagescraper-player-csv, file/eamusement-iidx-csv, file/pli-iidx-csv, file/solid-state-squad. (Received "ir/direct-manual")');
  });

  t.test('a JSON POST to /api/v1/import/file → 415', async (t) => {
    const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: sdvxDoc(1), headers: bearer(token) });
    t.equal(res.statusCode, 415);
    t.same(res.json(), { success: false, description: 'Expected a multipart/form-data upload with a file in the field scoreData.' });
  });

  t.test('an unknown content type to /api/v1/import/file → 415 envelope', async (t) => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/import/file',
      payload: '<scores/>',
      headers: { ...bearer(token), 'content-type': 'application/xml' },
    });
    t.equal(res.statusCode, 415);
    t.same(res.json(), { success: false, description: 'Unsupported Content-Type "application/xml".' });
  });

  t.test('a file over 16 MiB → 413', async (t) => {
    const big = Buffer.alloc(16 * MIB + 1, 0x20);
    const res = await uploadFile(stack.app, token, big);
    t.equal(res.statusCode, 413, res.body.slice(0, 200));
    t.same(res.json(), { success: false, description: 'Your request body was too large. The limit is 16MiB.' });
  });

  t.test('a file of exactly 16 MiB is accepted', async (t) => {
    const json = JSON.stringify(sdvxDoc(1));
    const exact = Buffer.alloc(16 * MIB, 0x20);
    exact.write(json, 0, 'utf8');
    const res = await uploadFile(stack.app, token, exact);
    t.equal(res.statusCode, 202, res.body.slice(0, 200));
  });

  t.test('a JSON body over 16 MiB → 413', async (t) => {
    const payload = JSON.stringify({ ...sdvxDoc(1), padding: 'x'.repeat(16 * MIB) });
    const res = await stack.app.inject({
      method: 'POST',
      url: '/ir/direct-manual/import',
      payload,
      headers: { ...bearer(token), 'content-type': 'application/json' },
    });
    t.equal(res.statusCode, 413);
    t.same(res.json(), { success: false, description: 'Your request body was too large. The limit is 16MiB.' });
  });

  t.test('malformed JSON body → 400, not 500', async (t) => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/ir/direct-manual/import',
      payload: '{"meta": ',
      headers: { ...bearer(token), 'content-type': 'application/json' },
    });
    t.equal(res.statusCode, 400);
    t.equal(res.json().success, false);
    t.type(res.json().description, 'string');
    t.notOk('body' in res.json());
  });

  t.test('empty JSON body → 400 envelope', async (t) => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/ir/direct-manual/import',
      payload: '',
      headers: { ...bearer(token), 'content-type': 'application/json' },
    });
    t.equal(res.statusCode, 400);
    t.same(res.json(), { success: false, description: 'The request body is empty; expected JSON.' });
  });

  t.test('unknown route → 404 envelope', async (t) => {
    const res = await stack.app.inject({ method: 'GET', url: '/api/v1/nope?x=1' });
    t.equal(res.statusCode, 404);
    t.same(res.json(), { success: false, description: 'There is no route GET /api/v1/nope.' });
    const post = await stack.app.inject({ method: 'POST', url: '/api/v1/import/files' });
    t.equal(post.statusCode, 404);
    t.same(post.json(), { success: false, description: 'There is no route POST /api/v1/import/files.' });
  });
});

t.test('X-User-Intent and X-Infer-Score-TimeAchieved reach the import', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('headers');

  const viaFile = await uploadFile(stack.app, token, sdvxDoc(1), { 'x-user-intent': 'TRUE' });
  t.equal(viaFile.statusCode, 202);
  const fileDone = await waitForImport(stack.app, viaFile.json().body.importID);
  t.equal(fileDone.statusCode, 200, JSON.stringify(fileDone.json));
  t.equal(fileDone.json.body.import.userIntent, true);
  t.equal(fileDone.json.body.import.importType, 'file/batch-manual');

  const before = Date.now();
  const direct = await submitDirect(stack.app, token, sdvxDoc(1, { baseScore: 9_100_000 }), {
    'x-user-intent': 'false',
    'x-infer-score-timeachieved': 'true',
  });
  t.equal(direct.statusCode, 202);
  const importID = direct.json().body.importID;
  const directDone = await waitForImport(stack.app, importID);
  t.equal(directDone.statusCode, 200, JSON.stringify(directDone.json));
  t.equal(directDone.json.body.import.userIntent, false);
  t.equal(directDone.json.body.import.importType, 'ir/direct-manual');

  const detail = (await stack.app.inject({ method: 'GET', url: `/api/v1/imports/${importID}` })).json();
  t.equal(detail.body.scores.length, 1);
  const score = detail.body.scores[0];
  t.equal(score.service, 'route-tests (DIRECT-MANUAL)');
  t.type(score.timeAchieved, 'number');
  t.ok(score.timeAchieved >= before - 1000 && score.timeAchieved <= Date.now(), `timeAchieved ${score.timeAchieved} is "now"`);
  t.equal(detail.body.import.createdSessions.length, 1, 'an inferred timestamp puts the score in a session');
});
