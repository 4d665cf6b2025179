import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUI from '@fastify/swagger-ui';
import { batchManualSchema, GAME_NAMES, gameModule } from '@score-import/core';

/**
 * The BATCH-MANUAL document of every game and playtype, as OpenAPI components (the body of
 * /ir/direct-manual/import and the file of file/batch-manual). Not attached to the route's
 * validation: the worker checks a document, with Tachi's messages, and fails the import.
 */
function batchManualComponents(): Record<string, object> {
  const components: Record<string, object> = {};
  for (const game of GAME_NAMES) {
    for (const playtype of gameModule(game).playtypes) {
      // a JSON round trip drops the validators the schema carries for the service's own checks
      components[`BatchManual_${game}_${playtype}`] = JSON.parse(JSON.stringify(batchManualSchema(game, playtype))) as object;
    }
  }
  return components;
}

/**
 * OpenAPI 3.1, generated from the routes' TypeBox schemas: Swagger UI at /docs, JSON at
 * /openapi.json. A copy is committed as docs/openapi.json; a test fails when it drifts.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'score-import',
          version: '1.0.0',
          description:
            "A Tachi-compatible score-import service. Every answer uses Tachi's envelope: " +
            '`{ success: true, description, body }` or `{ success: false, description }`.',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (npm run cli -- token:create)' } },
        },
        // no global requirement: reads and polls are public as in Tachi; routes that need a token say so
      },
      transformObject: (documentObject) => {
        const doc = ('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as { components?: { schemas?: Record<string, object> }; paths?: Record<string, Record<string, Record<string, unknown>>> };
        const schemas = batchManualComponents();
        doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...schemas } };
        const directManual = doc.paths?.['/ir/direct-manual/import']?.post;
        if (directManual) {
          directManual.requestBody = {
            required: true,
            description: 'A BATCH-MANUAL document of one game and playtype (`meta.game`, `meta.playtype`)',
            content: { 'application/json': { schema: { oneOf: Object.keys(schemas).map((name) => ({ $ref: `#/components/schemas/${name}` })) } } },
          };
        }
        return doc as never;
      },
    });
    await app.register(swaggerUI, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true }, config: { skipAuth: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
