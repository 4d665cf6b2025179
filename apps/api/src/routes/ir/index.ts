/**
 * The IR routes: one module per import type that game hooks speak, each on Tachi's own route, with
 * Tachi's authentication, headers and answers. Registered inside the submission context of
 * routes/submit.ts (JSON bodies kept as received, the per-user rate limit, app.submission). Routes
 * only Kamaitachi or only Bokutachi serves follow TACHI_ROUTES.
 */
import type { FastifyPluginAsync } from 'fastify';
import barbatos from './barbatos.ts';
import beatoraja from './beatoraja.ts';
import directManual from './direct-manual.ts';
import fervidex from './fervidex.ts';
import kshookSV6C from './kshook-sv6c.ts';
import lr2hook from './lr2hook.ts';
import uscIR from './usc.ts';

type Site = 'kamaitachi' | 'bokutachi' | 'both';

/** route module → the site that serves it (both: every Tachi) */
const IR_ROUTES: [FastifyPluginAsync, Site][] = [
  [directManual, 'both'],
  [barbatos, 'kamaitachi'],
  [kshookSV6C, 'kamaitachi'],
  [fervidex, 'kamaitachi'],
  [beatoraja, 'bokutachi'],
  [lr2hook, 'bokutachi'],
  [uscIR, 'bokutachi'],
];

const irRoutes: FastifyPluginAsync = async (app) => {
  const site = app.config.TACHI_ROUTES;
  for (const [routes, servedBy] of IR_ROUTES) {
    if (servedBy === 'both' || site === 'both' || site === servedBy) await app.register(routes);
  }
};

export default irRoutes;
