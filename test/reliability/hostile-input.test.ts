/**
 * Hostile and broken input, table-driven: every case answers a 4xx with a useful description
 * (immediately, or as the import's poll-status), never a 5xx, and nothing reaches the database
 * as an operator.
 */
import t from 'tap';
import { startStack } from '../support/stack.ts';
import { bearer, multipartBody, waitForImport } from '../support/http.ts';

const MIB = 1024 * 1024;
const okScore = { score: 9_000_000, lamp: 'CLEAR', matchType: 'sdvxInGameID', identifier: '1', difficulty: 'ADV' };
const sdvx = (scores: unknown[], meta: Record<string, unknown> = {}) => ({
  meta: { game: 'sdvx', playtype: 'Single', service: 'hostile', ...meta },
  scores,
});

type Case = {
  name: string;
  /** what is sent */
  request:
    | { kind: 'raw'; method?: string; url: string; headers?: Record<string, string>; payload?: string | Buffer; auth?: boolean }
    | { kind: 'file'; content: string | Buffer; fields?: Record<string, string>; fileField?: string }
    | { kind: 'direct'; body: string; headers?: Record<string, string> };
  /** immediate status; 202 means "accepted, then the import fails with `final`" */
  status: number;
  description: RegExp;
  final?: number;
};

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

const CASES: Case[] = [
  // --- HTTP layer: JSON bodies
  { name: 'malformed JSON body', request: { kind: 'direct', body: '{"meta": ' }, status: 400, description: /JSON/ },
  { name: 'JSON with a trailing comma', request: { kind: 'direct', body: '{"a":1,}' }, status: 400, description: /JSON/ },
  { name: 'empty JSON body', request: { kind: 'direct', body: '' }, status: 400, description: /empty/i },
  { name: 'wrong content type on direct-manual', request: { kind: 'raw', url: '/ir/direct-manual/import', headers: { 'content-type': 'text/plain' }, payload: 'hello', auth: true }, status: 415, description: /Content-Type/ },
  { name: 'XML on direct-manual', request: { kind: 'raw', url: '/ir/direct-manual/import', headers: { 'content-type': 'application/xml' }, payload: '<a/>', auth: true }, status: 415, description: /Content-Type/ },
  { name: 'multipart on direct-manual', request: { kind: 'raw', url: '/ir/direct-manual/import', ...multipartBody('{}'), auth: true }, status: 415, description: /JSON/ },
  { name: 'JSON on the file route', request: { kind: 'raw', url: '/api/v1/import/file', headers: { 'content-type': 'application/json' }, payload: '{}', auth: true }, status: 415, description: /multipart/ },
  { name: 'a body over 16 MiB', request: { kind: 'direct', body: JSON.stringify({ pad: 'x'.repeat(16 * MIB + 10) }) }, status: 413, description: /too large.*16MiB/ },
  { name: '__proto__ in the JSON body', request: { kind: 'direct', body: '{"__proto__": {"admin": true}, "meta": {}}' }, status: 400, description: /forbidden prototype property/ },
  { name: 'deeply nested JSON body', request: { kind: 'direct', body: deep(100_000) }, status: 202, final: 400, description: /Not an object, received array/ },
  { name: 'deeply nested JSON inside meta', request: { kind: 'direct', body: `{"meta": ${deep(100_000)}, "scores": []}` }, status: 202, final: 400, description: /meta\.game/ },
  { name: 'a million-element score array', request: { kind: 'direct', body: JSON.stringify(sdvx(new Array(1_000_000).fill(0))) }, status: 400, description: /at most 100000 scores|100,000|too many/i },
  { name: 'a JSON array instead of an object', request: { kind: 'direct', body: '[1,2,3]' }, status: 202, final: 400, description: /Not an object/ },
  { name: 'JSON null', request: { kind: 'direct', body: 'null' }, status: 202, final: 400, description: /Not an object, received null/ },
  { name: 'JSON string', request: { kind: 'direct', body: '"hello"' }, status: 202, final: 400, description: /Not an object, received string/ },
  // --- HTTP layer: multipart
  { name: 'a file over 16 MiB', request: { kind: 'file', content: Buffer.alloc(16 * MIB + 1, 0x20) }, status: 413, description: /too large/ },
  { name: 'file in the wrong field', request: { kind: 'file', content: '{}', fileField: 'file' }, status: 400, description: /wrong field/ },
  { name: 'no file at all', request: { kind: 'raw', url: '/api/v1/import/file', ...multipartBody(null), auth: true }, status: 400, description: /Expected a file for field scoreData/ },
  { name: 'missing importType', request: { kind: 'file', content: '{}', fields: {} }, status: 400, description: /\[importType\] Expected any of file\/batch-manual/ },
  { name: 'unknown importType', request: { kind: 'file', content: '{}', fields: { importType: 'file/eamusement-ddr-csv' } }, status: 400, description: /\[importType\]/ },
  { name: 'a JSON file as an IIDX CSV', request: { kind: 'file', content: '{}', fields: { importType: 'file/eamusement-iidx-csv' } }, status: 202, final: 400, description: /Invalid playtype/ },
  { name: 'operator-shaped importType', request: { kind: 'file', content: '{}', fields: { importType: '{"$gt":""}' } }, status: 400, description: /\[importType\]/ },
  { name: 'non-UTF-8 file', request: { kind: 'file', content: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3]) }, status: 202, final: 400, description: /Invalid JSON/ },
  { name: 'binary garbage file', request: { kind: 'file', content: Buffer.from([0, 1, 2, 3, 4, 5, 250, 251]) }, status: 202, final: 400, description: /Invalid JSON/ },
  { name: 'empty file', request: { kind: 'file', content: '' }, status: 202, final: 400, description: /Invalid JSON/ },
  // --- BATCH-MANUAL content (the worker fails the import with a 400)
  { name: 'operator object as identifier', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, identifier: { $gt: '' } }])) }, status: 202, final: 400, description: /scores\[0\]\.identifier/ },
  { name: 'operator object as game', request: { kind: 'file', content: JSON.stringify({ meta: { game: { $ne: null }, playtype: 'Single', service: 'x' }, scores: [] }) }, status: 202, final: 400, description: /Invalid game/ },
  { name: 'operator object as matchType', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, matchType: { $in: ['a'] } }])) }, status: 202, final: 400, description: /scores\[0\]\.matchType/ },
  { name: 'number as identifier', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, identifier: 1 }])) }, status: 202, final: 400, description: /scores\[0\]\.identifier/ },
  { name: 'score as a string', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, score: '9000000' }])) }, status: 202, final: 400, description: /scores\[0\]\.score \| Expected an integer/ },
  { name: 'score as a float', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, score: 1.5 }])) }, status: 202, final: 400, description: /Expected an integer/ },
  { name: 'score out of range', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, score: 10_000_001 }])) }, status: 202, final: 400, description: /scores\[0\]\.score/ },
  { name: 'negative score', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, score: -1 }])) }, status: 202, final: 400, description: /scores\[0\]\.score/ },
  { name: 'invalid lamp enum', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, lamp: 'SUPER CLEAR' }])) }, status: 202, final: 400, description: /scores\[0\]\.lamp \| Expected any of/ },
  { name: 'invalid matchType enum', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, matchType: 'sql' }])) }, status: 202, final: 400, description: /scores\[0\]\.matchType/ },
  { name: 'timestamp in seconds', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, timeAchieved: 1_700_000_000 }])) }, status: 202, final: 400, description: /1 Trillion/ },
  { name: 'timestamp as a string', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, timeAchieved: 'yesterday' }])) }, status: 202, final: 400, description: /timeAchieved/ },
  { name: 'excess key in a score', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, $where: 'sleep(1000)' }])) }, status: 202, final: 400, description: /Unexpected properties inside object: \$where/ },
  { name: 'excess top-level key', request: { kind: 'file', content: JSON.stringify({ ...sdvx([]), extra: 1 }) }, status: 202, final: 400, description: /Unexpected properties/ },
  { name: 'scores not an array', request: { kind: 'file', content: JSON.stringify({ meta: sdvx([]).meta, scores: { 0: okScore } }) }, status: 202, final: 400, description: /scores \| Value was not an array/ },
  { name: 'unknown game', request: { kind: 'file', content: JSON.stringify({ meta: { game: 'guitarfreaks', playtype: 'SP', service: 'x' }, scores: [] }) }, status: 202, final: 400, description: /Invalid game 'guitarfreaks'/ },
  // PostgreSQL under FerretDB stores no NUL: the failure and its record must be writable, and the user's next import go ahead
  { name: 'NUL bytes in a file', request: { kind: 'file', content: Buffer.from('{"meta":\u0000}') }, status: 202, final: 400, description: /Invalid JSON/ },
  { name: 'an escaped NUL in a score', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, comment: 'a\u0000b', lamp: 'CLEAR\u0000' }])) }, status: 202, final: 400, description: /scores\[0\]\.lamp \| Expected any of/ },
  { name: 'unknown playtype', request: { kind: 'file', content: JSON.stringify({ meta: { game: 'sdvx', playtype: 'Double', service: 'x' }, scores: [] }) }, status: 202, final: 400, description: /Invalid playtype 'Double'/ },
  { name: 'service too long', request: { kind: 'file', content: JSON.stringify(sdvx([], { service: 'x'.repeat(61) })) }, status: 202, final: 400, description: /meta\.service \| Expected a string with length between 3 and 60/ },
  { name: 'negative judgement', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, judgements: { miss: -1 } }])) }, status: 202, final: 400, description: /judgements/ },
  { name: 'unknown judgement key', request: { kind: 'file', content: JSON.stringify(sdvx([{ ...okScore, judgements: { $gt: 1 } }])) }, status: 202, final: 400, description: /Invalid Key \$gt/ },
  { name: 'derived class provided', request: { kind: 'file', content: JSON.stringify({ ...sdvx([]), classes: { vfClass: 'IMPERIAL_IV' } }) }, status: 202, final: 400, description: /Unexpected properties inside object: vfClass/ },
  // --- identifiers in URLs and queries
  { name: 'path-like import ID', request: { kind: 'raw', method: 'GET', url: '/api/v1/imports/..%2F..%2Fetc%2Fpasswd' }, status: 404, description: /does not exist/ },
  { name: 'very long import ID', request: { kind: 'raw', method: 'GET', url: `/api/v1/imports/${'a'.repeat(5000)}/poll-status` }, status: 414, description: /too long/ },
  { name: 'operator-shaped import ID', request: { kind: 'raw', method: 'GET', url: '/api/v1/imports/%7B%22%24gt%22%3A%22%22%7D' }, status: 404, description: /does not exist/ },
  { name: 'uppercase hex import ID', request: { kind: 'raw', method: 'GET', url: `/api/v1/imports/${'A'.repeat(40)}/poll-status` }, status: 404, description: /no ongoing import/ },
  { name: 'revert of an operator-shaped ID', request: { kind: 'raw', method: 'POST', url: '/api/v1/imports/%7B%22%24ne%22%3Anull%7D/revert', auth: true }, status: 404, description: /does not exist/ },
  { name: 'operator-shaped user ID', request: { kind: 'raw', method: 'GET', url: '/api/v1/users/%7B%22%24gt%22%3A%22%22%7D/imports' }, status: 404, description: /does not exist/ },
  { name: 'negative user ID', request: { kind: 'raw', method: 'GET', url: '/api/v1/users/-1/imports' }, status: 404, description: /does not exist/ },
  { name: 'huge numeric user ID', request: { kind: 'raw', method: 'GET', url: `/api/v1/users/${'9'.repeat(40)}/imports` }, status: 404, description: /does not exist/ },
  { name: 'bracketed operator in a query', request: { kind: 'raw', method: 'GET', url: '/api/v1/imports?importType[$ne]=x' }, status: 400, description: /importType|must NOT have additional properties/ },
  { name: 'userIntent not a boolean', request: { kind: 'raw', method: 'GET', url: '/api/v1/imports?userIntent=yes' }, status: 400, description: /userIntent/ },
  { name: 'unknown query key', request: { kind: 'raw', method: 'GET', url: '/api/v1/imports?limit=100000' }, status: 400, description: /limit/ },
  // --- credentials
  { name: 'Basic auth', request: { kind: 'raw', url: '/ir/direct-manual/import', headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' }, payload: '{}' }, status: 400, description: /Expected Bearer/ },
  { name: 'Bearer without a token', request: { kind: 'raw', url: '/ir/direct-manual/import', headers: { authorization: 'Bearer', 'content-type': 'application/json' }, payload: '{}' }, status: 401, description: /Invalid token/ },
  { name: 'a 10,000-character token', request: { kind: 'raw', url: '/ir/direct-manual/import', headers: { authorization: `Bearer ${'a'.repeat(10_000)}`, 'content-type': 'application/json' }, payload: '{}' }, status: 401, description: /does not correspond/ },
  { name: 'operator-shaped token', request: { kind: 'raw', url: '/ir/direct-manual/import', headers: { authorization: 'Bearer {"$gt":""}', 'content-type': 'application/json' }, payload: '{}' }, status: 401, description: /does not correspond/ },
];

t.test(`${CASES.length} hostile inputs: 4xx with a description, never 5xx`, async (t) => {
  t.ok(CASES.length >= 40, 'at least 40 cases');
  const stack = await startStack(t);
  const { userID, token } = await stack.user('player');
  const beforeScores = await stack.db.scores.countDocuments({});

  for (const c of CASES) {
    await t.test(c.name, async (t) => {
      let res;
      if (c.request.kind === 'direct') {
        res = await stack.app.inject({
          method: 'POST',
          url: '/ir/direct-manual/import',
          payload: c.request.body,
          headers: { 'content-type': 'application/json', ...bearer(token), ...c.request.headers },
        });
      } else if (c.request.kind === 'file') {
        const body = multipartBody(c.request.content, c.request.fields ?? { importType: 'file/batch-manual' }, c.request.fileField);
        res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
      } else {
        const { method = 'POST', url, headers = {}, payload, auth } = c.request;
        res = await stack.app.inject({ method: method as 'GET', url, payload, headers: { ...(auth ? bearer(token) : {}), ...headers } });
      }
      t.equal(res.statusCode, c.status, `${res.statusCode}: ${res.body.slice(0, 300)}`);
      const json = res.json();
      if (c.status === 202) {
        const final = await waitForImport(stack.app, json.body.importID);
        t.equal(final.statusCode, c.final, JSON.stringify(final.json).slice(0, 300));
        t.equal(final.json.success, false);
        t.match(final.json.description, c.description);
      } else {
        t.equal(json.success, false);
        t.match(json.description, c.description);
      }
    });
  }

  t.equal(await stack.db.scores.countDocuments({}), beforeScores, 'no hostile input stored a score');
  t.equal(await stack.db.imports.countDocuments({ userID }), 0, 'no hostile input made an import');
});

t.test('a NUL in a comment: the score is stored, with U+FFFD in its place', async (t) => {
  const stack = await startStack(t);
  const { token } = await stack.user('nul');
  const body = multipartBody(JSON.stringify(sdvx([{ ...okScore, comment: 'a\u0000b' }])), { importType: 'file/batch-manual' });
  const res = await stack.app.inject({ method: 'POST', url: '/api/v1/import/file', payload: body.payload, headers: { ...body.headers, ...bearer(token) } });
  const final = await waitForImport(stack.app, res.json().body.importID);
  t.equal(final.statusCode, 200, JSON.stringify(final.json).slice(0, 300));
  const score = await stack.db.scores.findOne({ scoreID: final.json.body.import.scoreIDs[0] });
  t.equal(score?.comment, 'a\uFFFDb');
});
