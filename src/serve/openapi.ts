// **openapiPlugin** publishes the OpenAPI document built from every route's schema, with Swagger UI at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { PACKAGE_VERSION } from '../core/package-root.js';


export interface OpenapiOptions {
  /** Absolute base URL (SHEAF_BASE_URL), listed as the server in the document. */
  readonly baseUrl: string;
  /** Defaults to package.json's version. */
  readonly version?: string;
}

/** Must be registered before the route plugins: @fastify/swagger collects routes as they are added. */
export const openapiPlugin = fp<OpenapiOptions>(
  async (app, opts) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'sheaf',
          description: 'Metadata harvester and FAIR semantic catalogue. Reads are public; writes need `Authorization: Bearer <token>`. '
            + 'Errors are application/problem+json with a stable `code`.',
          version: opts.version ?? PACKAGE_VERSION,
        },
        servers: [{ url: opts.baseUrl }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        tags: [
          { name: 'sparql', description: 'SPARQL 1.1 Protocol' },
          { name: 'operations', description: 'health, metrics' },
        ],
      },
    });
    // The document is served at /docs/json (and /docs/yaml); the UI's assets ship inside the package.
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  },
  { name: 'sheaf-openapi' },
);
