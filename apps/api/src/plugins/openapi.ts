import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUI from '@fastify/swagger-ui';

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
    });
    await app.register(swaggerUI, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true }, config: { skipAuth: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
