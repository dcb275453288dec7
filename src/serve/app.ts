// **buildApp** assembles the fastify application from explicit plugins; listening is start-server's job.
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { SheafConfig } from '../core/config.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { frameworkProblem, installProblemDetails } from './problem-details.js';
import { servicesPlugin } from './services-plugin.js';
import { discoveryPlugin, type DiscoveryServices } from './discovery-plugin.js';
import { dcatCatalogueRoutes } from './dcat-catalogue/index.js';
import { searchRoutes } from './search-api.js';
import { federatedSearchRoutes } from './federated-search.js';
import { federatedSparqlRoutes } from './federated-sparql.js';
import { datasetPageRoutes } from './dataset-page/index.js';
import { healthRoutes } from './health.js';
import { openapiPlugin } from './openapi.js';
import { authPlugin } from './auth.js';
import { metricsPlugin } from './metrics.js';
import { sparqlProtocolRoutes } from './sparql-protocol/index.js';
import { profilesPlugin } from './validation/profiles-plugin.js';
import { validateRoutes } from './validation/validate-route.js';
import type { PipelineServices } from './open-pipeline.js';
import { authRateLimit } from './auth-rate-limit.js';
import { pipelinePlugin } from './pipeline-plugin.js';
import { feedsRoutes } from './feeds-api.js';
import { runsRoutes } from './runs-api.js';
import { tokensRoutes } from './tokens-api.js';
import { qualityRoutes } from './quality-api.js';
import { ontologiesRoutes } from './ontologies-api.js';
import { webSecurity } from '../web/web-security.js';
import { sparqlEditorHtml, wantsSparqlEditor, webRoutes } from '../web/web-routes.js';
import { datasetHtml } from '../web/dataset-page.js';
import { LazySchemaCompilers } from './lazy-schema-compilers.js';
import { startupGatePlugin, type StartupGate } from './startup-gate.js';
import { statePlugin } from './state-plugin.js';
import { harvestingPlugin } from './harvesting-plugin.js';
import { linkChecksPlugin } from './link-checks-plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Route schemas compile when first used; `compilePending()` compiles the rest (`sheaf serve` does, once listening). */
    schemaCompilers: LazySchemaCompilers;
  }
}

export interface AppOptions {
  readonly config: SheafConfig;
  /** A store the caller opened and closes; without it the app opens the configured one and closes it (servicesPlugin). */
  readonly store?: CatalogueStore;
  /**
   * `sheaf serve`: the app opens what it serves from (state database, discovery services, run engine, nightly link
   * checks), each in a plugin that closes it when the app closes; `discovery` and `pipeline` are then not given.
   */
  readonly serving?: boolean;
  /** pino options or false; tests pass false. */
  readonly logger?: boolean | Record<string, unknown>;
  /** Catalogue listing, search index and terms (src/serve/discovery-plugin.ts); without them /catalog and search are absent. */
  readonly discovery?: DiscoveryServices;
  /** Harvesting services (src/serve/open-pipeline.ts); without them the feed, run and token routes are absent. */
  readonly pipeline?: PipelineServices;
  /** Start-up work the caller finishes after listening; requests other than health and metrics wait for it. */
  readonly startup?: StartupGate;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const schemaCompilers = new LazySchemaCompilers();
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel },
    bodyLimit: opts.config.bodyLimitBytes,
    // Absolute links come from SHEAF_BASE_URL; never trust forwarded headers for them.
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
    // Dataset ids are `{feed}/{source IRI}` in one encoded path segment: real source IRIs run far past fastify's
    // default 100 characters. The request line's own limit (Node's 16 kB of headers) bounds them anyway.
    routerOptions: { maxParamLength: 16_384 },
    frameworkErrors: frameworkProblem,
    schemaController: { compilersFactory: schemaCompilers.compilersFactory },
  });
  app.decorate('schemaCompilers', schemaCompilers);
  installProblemDetails(app);
  try {
    await register(app, opts);
  } catch (error) {
    // What the plugins registered so far opened, they close.
    await app.close().catch(() => {});
    throw error;
  }
  return app;
}

async function register(app: FastifyInstance, opts: AppOptions): Promise<void> {
  await app.register(servicesPlugin, { config: opts.config, ...(opts.store && { store: opts.store }) });
  if (opts.startup) await app.register(startupGatePlugin, { gate: opts.startup });
  if (opts.serving) {
    await app.register(statePlugin);
    await app.register(discoveryPlugin);
    await app.register(harvestingPlugin);
    await app.register(linkChecksPlugin);
  }
  const pipeline = opts.pipeline ?? (opts.serving ? app.pipeline : undefined);
  const discovery = opts.discovery ?? (opts.serving ? app.discovery : undefined);
  // OpenAPI first: it collects the routes registered after it.
  await app.register(openapiPlugin, { baseUrl: opts.config.baseUrl });
  await app.register(authRateLimit);
  await app.register(authPlugin, { adminToken: opts.config.adminToken, verifiers: pipeline ? [pipeline.tokens.verifier()] : [] });
  if (opts.pipeline) await app.register(pipelinePlugin, { services: opts.pipeline });
  // Reads are public from any origin (browsers, notebooks, other portals), without credentials. No preflight lets
  // another origin send a bearer token: with `*`, any page could drive writes with a token it got hold of, so
  // writes (and SPARQL updates) come from sheaf's own pages, scripts and servers, never from a foreign page.
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'POST'], allowedHeaders: ['Content-Type', 'Accept'], maxAge: 86_400 });
  await app.register(metricsPlugin);
  await app.register(profilesPlugin, { ...(pipeline?.validators && { validators: pipeline.validators }) });
  // Every HTML answer (console pages, dataset pages) gets the console's Content-Security-Policy.
  await app.register(webSecurity);

  // The route registry: one line per endpoint family, each an encapsulated plugin.
  await app.register(healthRoutes);
  // Browsers asking for HTML get the SPARQL editor (from the web console's assets); API clients keep the protocol.
  await app.register(sparqlProtocolRoutes, discovery ? { editor: { wants: wantsSparqlEditor, html: sparqlEditorHtml } } : {});
  await app.register(validateRoutes, { prefix: '/api' });
  if (opts.discovery) await app.register(discoveryPlugin, { services: opts.discovery });
  if (discovery) await app.register(dcatCatalogueRoutes);
  if (discovery) await app.register(searchRoutes);
  if (discovery) await app.register(federatedSearchRoutes);
  if (discovery) await app.register(federatedSparqlRoutes);
  if (discovery) await app.register(datasetPageRoutes, { html: datasetHtml });
  if (pipeline) await app.register(feedsRoutes);
  if (pipeline) await app.register(runsRoutes);
  if (pipeline) await app.register(tokensRoutes);
  if (pipeline) await app.register(qualityRoutes);
  if (pipeline) await app.register(ontologiesRoutes);
  // The web console (src/web/): pages for people, from the same services as the JSON API.
  if (discovery) await app.register(webRoutes);
}
