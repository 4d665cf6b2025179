/**
 * OpenAPI 3.1 generated from the routes' schemas: /openapi.json is a valid 3.1 document (checked
 * with @apidevtools/swagger-parser) that lists every public route of the app with its methods and
 * responses; /docs serves Swagger UI; docs/openapi.json (committed) equals what the app generates.
 */
import t from 'tap';
import { GAME_NAMES, gameModule } from '@score-import/core';
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { startStack } from '../../../test/support/stack.ts';
import type { Json } from '../../../test/support/api-helpers.ts';
import { OPENAPI_PATH, renderOpenAPI } from '../../../scripts/openapi.ts';

/** Routes that are not part of the API and are hidden from the document on purpose. */
const HIDDEN = [
  /^\/docs(\/|$)/,
  /^\/admin\/queues(\/|$)/,
  /^\/openapi\.json$/,
  /^\/metrics$/,
  // the import pages (apps/api/src/pages) and their assets
  /^\/$/,
  /^\/(import|imports|users)(\/|$)/,
  /^\/assets\//,
];

/**
 * Every (path, method) the app routes, read from fastify's route tree (printRoutes), HEAD left out
 * (fastify adds it to every GET; the document leaves it out). Paths in OpenAPI form ({param}).
 */
function appRoutes(app: FastifyInstance): Map<string, Set<string>> {
  const routes = new Map<string, Set<string>>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│   |    )*)(?:├── |└── )(.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const path = stack.join('').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const methods = m[3].split(', ').filter((x) => x !== 'HEAD').map((x) => x.toLowerCase());
    const set = routes.get(path) ?? new Set<string>();
    for (const method of methods) set.add(method);
    routes.set(path, set);
  }
  return routes;
}

t.test('/openapi.json', async (t) => {
  const stack = await startStack(t, { worker: false });
  const res = await stack.app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  const spec: Json = res.json();

  t.test('is a valid OpenAPI 3.1 document', async (t) => {
    t.equal(spec.openapi, '3.1.0');
    t.equal(spec.info.title, 'score-import');
    t.type(spec.info.version, 'string');
    // validates against the OpenAPI 3.1 schema and resolves every $ref
    const validated = (await SwaggerParser.validate(structuredClone(spec))) as Json;
    t.equal(validated.openapi, '3.1.0');
    t.same(spec.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', description: 'An API token (npm run cli -- token:create)' });
    t.same(spec, stack.app.swagger(), 'what /openapi.json serves is app.swagger()');
  });

  t.test('lists every route of the app with its methods, and nothing else', async (t) => {
    const routes = appRoutes(stack.app);
    const hidden = [...routes.keys()].filter((p) => HIDDEN.some((h) => h.test(p)));
    t.ok(hidden.some((p) => p === '/metrics') && hidden.some((p) => p.startsWith('/admin/queues')), 'the route tree was read');
    const expected: Record<string, string[]> = {};
    for (const [path, methods] of routes) if (!hidden.includes(path)) expected[path] = [...methods].sort();
    const documented: Record<string, string[]> = {};
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      documented[path] = Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'].includes(k)).sort();
    }
    t.strictSame(documented, expected);
    // spelled out, so that a route tree the parser misreads cannot make this pass vacuously
    for (const [path, method] of [
      ['/api/v1/import/file', 'post'],
      ['/ir/direct-manual/import', 'post'],
      ['/api/v1/imports', 'get'],
      ['/api/v1/imports/failed', 'get'],
      ['/api/v1/imports/{importID}', 'get'],
      ['/api/v1/imports/{importID}/revert', 'post'],
      ['/api/v1/imports/{importID}/poll-status', 'get'],
      ['/api/v1/imports/{importID}/events', 'get'],
      ['/api/v1/users/{userID}/imports', 'get'],
      ['/api/v1/users/{userID}/imports/failed', 'get'],
      ['/api/v1/status', 'get'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/ir/fervidex/score/submit', 'post'],
      ['/ir/fervidex/profile/submit', 'post'],
      ['/ir/fervidex/class/submit', 'post'],
      ['/ir/beatoraja/submit-score', 'post'],
      ['/ir/beatoraja/submit-course', 'post'],
      ['/ir/beatoraja/charts/{chartSHA256}/scores', 'get'],
      ['/ir/lr2hook/import', 'post'],
      ['/ir/lr2hook/import/course', 'post'],
      ['/ir/usc/{playtype}', 'get'],
      ['/ir/usc/{playtype}/charts/{chartHash}', 'get'],
      ['/ir/usc/{playtype}/charts/{chartHash}/record', 'get'],
      ['/ir/usc/{playtype}/charts/{chartHash}/leaderboard', 'get'],
      ['/ir/usc/{playtype}/scores', 'post'],
      ['/ir/usc/{playtype}/replays', 'post'],
      ['/ir/barbatos/score/submit', 'post'],
      ['/ir/kshook/sv6c/score/save', 'post'],
      ['/ir/kshook/sv6c/score/export', 'post'],
    ]) {
      t.ok(spec.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
    }
  });

  t.test('every operation has a summary, responses, and its path parameters', async (t) => {
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        t.type(op.summary, 'string', `${name} has a summary`);
        t.ok(op.responses && Object.keys(op.responses).length > 0, `${name} has responses`);
        for (const [code, response] of Object.entries(op.responses as Record<string, Json>)) {
          t.match(code, /^[1-5]\d\d$/, `${name} ${code} is a status code`);
          t.type(response.description, 'string', `${name} ${code} has a description`);
        }
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name);
        t.same(declared.sort(), params.sort(), `${name} declares its path parameters`);
      }
    }
  });

  t.test('the BATCH-MANUAL document of every game and playtype is a schema, the direct-manual body one of them', async (t) => {
    const names = GAME_NAMES.flatMap((g) => gameModule(g).playtypes.map((p) => `BatchManual_${g}_${p}`));
    t.same(Object.keys(spec.components.schemas).filter((k: string) => k.startsWith('BatchManual_')).sort(), [...names].sort());
    t.same(spec.components.schemas.BatchManual_iidx_DP.properties.meta.properties.playtype.enum, ['DP']);
    t.same(spec.components.schemas.BatchManual_sdvx_Single.properties.scores.items.properties.score, { type: 'integer', minimum: 0, maximum: 10_000_000 });
    const body = spec.paths['/ir/direct-manual/import'].post.requestBody.content['application/json'].schema;
    t.equal(body.oneOf.length, names.length);
  });

  t.test('what the document says about the main routes', async (t) => {
    const submit = spec.paths['/api/v1/import/file'].post;
    t.ok(submit.responses['202'].content['application/json'].schema, '202 of a submission has a schema');
    t.same(Object.keys(submit.responses).sort(), ['202', '400', '401', '403', '409', '413', '415', '429', '503']);
    t.same(submit.security, [{ bearer: [] }], 'submitting needs a token');
    t.ok(submit.parameters.some((p: Json) => p.in === 'header' && p.name === 'idempotency-key'), 'Idempotency-Key documented');
    t.same(spec.paths['/ir/direct-manual/import'].post.security, [{ bearer: [] }]);
    t.same(spec.paths['/api/v1/imports/{importID}/revert'].post.security, [{ bearer: [] }]);
    t.same(spec.paths['/api/v1/users/{userID}/imports'].get.security, [{}, { bearer: [] }], 'a token is optional ("me" needs one)');

    const pollStatus = spec.paths['/api/v1/imports/{importID}/poll-status'].get;
    t.notOk(pollStatus.security, 'polling is public (no global or route security requirement)');
    t.notOk(spec.security, 'no global security requirement');
    t.same(Object.keys(pollStatus.responses).sort(), ['200', '304', '400', '404', '409', '500', '503']);
    t.ok(pollStatus.responses['503'].content['application/json'].schema.properties.body, 'a failed import says whether its clean-up is pending');
    const body = pollStatus.responses['200'].content['application/json'].schema.properties.body;
    t.same(
      body.anyOf.map((s: Json) => s.properties.importStatus.enum),
      [['ongoing'], ['completed']],
    );
    t.notOk(pollStatus.responses['304'].content, '304 has no body');

    const events = spec.paths['/api/v1/imports/{importID}/events'].get;
    t.ok(events.responses['200'].content['text/event-stream'], 'the event stream is text/event-stream');
    t.ok(events.responses['404'].content['application/json'], 'an unknown import is a JSON 404');
  });
});

t.test('/docs serves Swagger UI', async (t) => {
  const stack = await startStack(t, { worker: false });
  const res = await stack.app.inject({ method: 'GET', url: '/docs' });
  // the UI lives at /docs/ (a redirect or the page itself)
  const page = res.statusCode >= 300 && res.statusCode < 400
    ? await stack.app.inject({ method: 'GET', url: new URL(res.headers.location as string, 'http://x/docs').pathname })
    : res;
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  t.match(page.body, /<title>Swagger UI<\/title>/);
  t.match(page.body, /swagger-ui/);
  const initializer = await stack.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
  t.equal(initializer.statusCode, 200);
  const json = await stack.app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(json.statusCode, 200);
  t.equal(json.json().openapi, '3.1.0', 'the UI loads the same document');
});

t.test('docs/openapi.json is what the app generates (drift check)', async (t) => {
  const stack = await startStack(t, { worker: false });
  await stack.app.ready();
  const generated = renderOpenAPI(stack.app);
  let committed = '';
  try {
    committed = readFileSync(OPENAPI_PATH, 'utf8');
  } catch {
    t.fail('docs/openapi.json is missing: run `npm run openapi` and commit it');
    return;
  }
  if (committed === generated) {
    t.pass('docs/openapi.json is current');
    return;
  }
  const a = committed.split('\n');
  const b = generated.split('\n');
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
  t.fail('docs/openapi.json is out of date: run `npm run openapi` and commit it', {
    firstDifferenceAtLine: line + 1,
    committed: a.slice(Math.max(0, line - 2), line + 3).join('\n'),
    generated: b.slice(Math.max(0, line - 2), line + 3).join('\n'),
  });
});
