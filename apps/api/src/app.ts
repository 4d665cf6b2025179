import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '@score-import/config';
import adminDashboard from './plugins/admin-dashboard.ts';
import auth from './plugins/auth.ts';
import errors, { frameworkError } from './plugins/errors.ts';
import metrics from './plugins/metrics.ts';
import openapi from './plugins/openapi.ts';
import pages from './pages/index.ts';
import services from './plugins/services.ts';
import healthRoutes from './routes/health.ts';
import importEventRoutes from './routes/import-events.ts';
import importRoutes from './routes/imports.ts';
import statusRoutes from './routes/status.ts';
import submitRoutes from './routes/submit.ts';
import userImportRoutes from './routes/user-imports.ts';
import userPBRoutes from './routes/user-pbs.ts';

/** Uploads (file or JSON body) may be up to 16 MiB, as in Tachi's multer limit. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** Builds the API; tests build as many as they like against the same Redis and database. */
export async function buildApp(config: Config, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL },
    bodyLimit: MAX_UPLOAD_BYTES,
    // reject unknown query keys instead of silently dropping them (Tachi's prudence does)
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    return503OnClosing: true,
    // connecting and indexing a cold database can take a while on a loaded machine
    pluginTimeout: 60_000,
    // an undecodable URL or an over-long path parameter never reaches the error handler
    frameworkErrors: (err, _request, reply) => frameworkError(err, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errors);
  await app.register(openapi);
  await app.register(services, { config });
  await app.register(metrics);
  await app.register(auth);
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 2, fields: 20, parts: 25 },
  });

  await app.register(submitRoutes);
  await app.register(importRoutes);
  await app.register(userImportRoutes);
  await app.register(userPBRoutes);
  await app.register(importEventRoutes);
  await app.register(statusRoutes);
  await app.register(healthRoutes);
  await app.register(adminDashboard);
  await app.register(pages);
  return app;
}
