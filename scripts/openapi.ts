/**
 * Regenerates docs/openapi.json, the committed copy of the OpenAPI document the API serves at
 * /openapi.json: `npm run openapi` (needs Redis and the database reachable, as for `npm run dev`).
 * `npm run openapi -- --check` only compares and exits 1 when the copy is out of date.
 *
 * The app is built with a throw-away database and Redis key prefix (nothing of the document
 * depends on them), then app.swagger() is written with stable formatting.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '@score-import/config';
import { buildApp } from '../apps/api/src/app.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

/** The OpenAPI document of a built app, as committed in docs/openapi.json. */
export function renderOpenAPI(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}

async function main(check: boolean): Promise<number> {
  const id = randomBytes(4).toString('hex');
  const mongo = new URL(process.env.TEST_MONGO_URL ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
  mongo.pathname = `/openapi_${id}`;
  const config = loadConfig({
    MONGO_URL: mongo.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KEY_PREFIX: `openapi${id}`,
    LOG_LEVEL: 'warn',
    BASE_URL: 'http://score-import.test',
  });
  let app: FastifyInstance;
  try {
    app = await buildApp(config, { logger: false });
    await app.ready();
  } catch (err) {
    console.error(`cannot build the app (are Redis and the database running? npm run dev starts them): ${(err as Error).message}`);
    return 1;
  }
  try {
    const text = renderOpenAPI(app);
    let committed = '';
    try {
      committed = readFileSync(OPENAPI_PATH, 'utf8');
    } catch {
      // no copy yet
    }
    if (check) {
      if (committed === text) return 0;
      console.error('docs/openapi.json is out of date: run `npm run openapi` and commit it.');
      return 1;
    }
    if (committed === text) {
      console.log('docs/openapi.json is up to date.');
    } else {
      writeFileSync(OPENAPI_PATH, text);
      console.log(`wrote docs/openapi.json (${Object.keys(app.swagger().paths ?? {}).length} paths)`);
    }
    return 0;
  } finally {
    await app.db.connection.dropDatabase().catch(() => {});
    await app.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.includes('--check')).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
