/**
 * The import pages, served by the API itself (same origin as the routes they call, nothing else to
 * deploy): `/`, `/import`, `/imports`, `/imports/failed`, `/imports/:importID`,
 * `/users/:userID/imports`, and their bundled script and stylesheet under `/assets/`. The pages
 * are static shells; the browser code (./client) reads everything through the public API.
 * None of these routes is part of the API, so none is in the OpenAPI document.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { clientBundle } from './bundle.ts';
import { renderPage, UPLOAD_PAGE_DATA, type PageData } from './html.ts';

/** Scripts and styles from this origin only; no inline script, no framing. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ROUTE = { schema: { hide: true }, config: { skipAuth: true } } as const;

const pages: FastifyPluginAsync = async (app) => {
  async function send(reply: FastifyReply, data: PageData, path: string) {
    const bundle = await clientBundle();
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(renderPage(data, bundle, path));
  }

  app.get('/', ROUTE, (_request, reply) => send(reply, { page: 'home' }, '/'));
  app.get('/import', ROUTE, (_request, reply) => send(reply, UPLOAD_PAGE_DATA, '/import'));
  app.get('/imports', ROUTE, (_request, reply) => send(reply, { page: 'imports' }, '/imports'));
  app.get('/imports/failed', ROUTE, (_request, reply) => send(reply, { page: 'failed' }, '/imports/failed'));
  app.get<{ Params: { importID: string } }>('/imports/:importID', ROUTE, (request, reply) =>
    send(reply, { page: 'import', importID: request.params.importID }, request.url),
  );
  app.get<{ Params: { userID: string } }>('/users/:userID/imports', ROUTE, (request, reply) =>
    send(reply, { page: 'user', userID: request.params.userID }, request.url),
  );
  // the home page's "a user's imports" form works without the script too
  app.get<{ Querystring: { user?: string } }>('/users', ROUTE, (request, reply) => {
    const user = String(request.query.user ?? '').trim();
    return reply.redirect(user ? `/users/${encodeURIComponent(user)}/imports` : '/', 303);
  });

  app.get<{ Params: { file: string } }>('/assets/:file', ROUTE, async (request, reply) => {
    const asset = (await clientBundle()).byName.get(request.params.file);
    if (!asset) return reply.code(404).send({ success: false, description: `There is no asset ${request.params.file}.` });
    reply.header('etag', asset.etag).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.header('content-type', asset.contentType).header('x-content-type-options', 'nosniff').send(asset.body);
  });
};

export default pages;
