// **startServer** opens the store, builds the app, listens, and shuts down gracefully on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import type { SheafConfig } from '../core/config.js';
import { openStore } from '../store/open-store.js';
import { logOnlyGraphs } from '../catalogue/log-only-graphs.js';
import { buildApp } from './app.js';
import { openPipeline, type Pipeline, type ProcessRole } from './open-pipeline.js';
import cron from 'node-cron';
import { SafeFetcher } from '../core/safe-fetch.js';
import { runLinkChecks } from '../quality/link-check-job.js';
import { QualityStore } from '../quality/quality-store.js';
import { searchFollowsOntologies } from '../search/search-follows-ontologies.js';
import { loadedOntologies } from '../ontology/loaded-ontologies.js';
import { OntologyGraphs } from '../ontology/ontology-graphs.js';
import { SearchSync } from '../search/search-sync.js';
import { SearchTermsState } from '../search/search-terms-state.js';
import { openStateDb, type StateDb } from '../store/state-db.js';
import { createDiscoveryServices } from './discovery-plugin.js';
import { StartupGate } from './startup-gate.js';

export interface StartOptions {
  readonly config: SheafConfig;
  /**
   * How long in-flight requests may take to finish after a shutdown signal before the process exits
   * anyway (with code 1). Defaults to the query timeout plus 5 s, so a running query can complete.
   */
  readonly shutdownGraceMs?: number;
  /** `all` (default) serves and schedules harvests; `api` serves without scheduling; `harvester` schedules and serves. */
  readonly role?: ProcessRole;
}

/** Flushes pino's buffered output, if the logger buffers at all, before the process exits. */
function flushLog(app: FastifyInstance): Promise<void> {
  const log = app.log as { flush?: (cb?: (err?: Error) => void) => void };
  return new Promise((resolve) => {
    if (typeof log.flush !== 'function') { resolve(); return; }
    try { log.flush(() => resolve()); } catch { resolve(); }
  });
}

export async function startServer(opts: StartOptions): Promise<FastifyInstance> {
  const { config } = opts;
  // The embedded store's index loads in a worker meanwhile; requests but health wait for it (startup-gate.ts).
  const store = await openStore(config, { logOnly: logOnlyGraphs(config), serving: true, background: true });
  let app: FastifyInstance;
  let pipeline: Pipeline | undefined;
  let stateDb: StateDb | undefined;
  let searchSync: SearchSync;
  let termsState: SearchTermsState;
  let quality: QualityStore;
  let discovery: Awaited<ReturnType<typeof createDiscoveryServices>>;
  let publishOntologies: () => Promise<unknown>;
  // Work done once listening (so that liveness answers at once); requests that could read it wait (startup-gate.ts).
  const startup = new StartupGate("loading the store's index and writing the current ontologies' graphs");
  try {
    // The run engine logs through the app's logger, which exists only once the app is built.
    const log = {
      info: (obj: object, msg?: string) => app.log.info(obj, msg),
      warn: (obj: object, msg?: string) => app.log.warn(obj, msg),
      error: (obj: object, msg?: string) => app.log.error(obj, msg),
    };
    // The same SQLite handle the pipeline opens (handles are shared per file): search and listing live beside the runs.
    stateDb = openStateDb(config.dataDir);
    discovery = await createDiscoveryServices({ db: stateDb.db, baseUrl: config.baseUrl, store });
    searchSync = new SearchSync({ index: discovery.search, terms: discovery.terms });
    termsState = new SearchTermsState({ db: stateDb.db });
    quality = new QualityStore({ db: stateDb.db, store, iris: discovery.iris });
    // The current ontologies in the SPARQL store follow a curator's activation, before search re-derives its terms.
    const ontologyGraphs = new OntologyGraphs({ store, baseUrl: config.baseUrl });
    pipeline = await openPipeline({
      config, store, logger: log, quality, runner: { listeners: [searchSync, quality] },
      ontologyListeners: [ontologyGraphs, searchFollowsOntologies({ sync: searchSync, state: termsState })],
      validatorWorkers: config.validatorWorkers,
    });
    const ontologyVersions = pipeline.services.ontologies.versions;
    publishOntologies = async () => {
      await store.ready?.();
      await ontologyGraphs.publish(await loadedOntologies(ontologyVersions));
    };
    app = await buildApp({ config, store, pipeline: pipeline.services, discovery, startup });
  } catch (error) {
    await pipeline?.close();
    stateDb?.close();
    await store.close();
    throw error;
  }
  const ownDb = stateDb;
  // Link checks run apart from harvests, nightly, politely (HEAD first, per-host limits, an honest user agent).
  const linkFetcher = new SafeFetcher({ allowPrivateNetworks: config.allowPrivateNetworks, maxBytes: 1024 * 1024, retries: 1, timeoutMs: 20_000 });
  const feeds = pipeline.services.feeds;
  let linkTask: ReturnType<typeof cron.schedule> | undefined;
  const harvesting = pipeline;
  // Runs stop (cancelled, nothing withdrawn) before the store they write to closes.
  app.addHook('onClose', async () => {
    await linkTask?.stop();
    await harvesting.close();
    await linkFetcher.close();
    ownDb.close();
    await store.close();
  });
  const graceMs = opts.shutdownGraceMs ?? config.queryTimeoutMs + 5_000;

  let closing = false;
  // Responses finished during shutdown close their connection: an idle keep-alive socket would
  // otherwise hold the server open until its keep-alive timeout.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, graceMs }, 'shutting down: finishing in-flight requests');
    // A request that never ends must not keep the process alive forever.
    const force = setTimeout(() => {
      app.log.error({ graceMs }, 'shutdown grace period over; exiting with requests still open');
      void flushLog(app).finally(() => process.exit(1));
    }, graceMs);
    force.unref();
    // fastify.close() stops accepting connections, answers 503 to new requests on open keep-alive
    // connections, waits for in-flight requests, then runs onClose hooks (which close the store).
    app.close().then(
      async () => {
        app.log.info('shut down cleanly');
        await flushLog(app);
        process.exit(0);
      },
      async (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        await flushLog(app);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  try {
    // Before listening: runs a previous process left open are closed as interrupted before any new one starts.
    await harvesting.recover();
    // An index lost or never built (a data directory from an import, a deleted search table), or left half
    // re-indexed for new ontology terms, is rebuilt from the store in the background; search answers from what
    // is indexed meanwhile.
    if ((discovery.search.size === 0 && discovery.listing.total() > 0) || termsState.stale) {
      void searchSync.rebuild({ store, iris: discovery.iris, records: discovery.listing.batches() }).then(
        (n) => { termsState.markCurrent(); app.log.info({ records: n }, 'search index rebuilt from the store'); },
        (err: unknown) => app.log.error({ err }, 'search index rebuild failed'),
      );
    } else {
      discovery.search.warm();
    }
    await app.listen({ port: config.port, host: config.host });
    // Once listening, so liveness answers at once: the store's index is loaded (a damaged log stops the start here)
    // and the current ontologies' graphs are written where missing or changed (a new bundle, a data directory from an
    // import or an older sheaf), else left alone, before any request but health is answered; and the route schemas
    // not compiled by a request yet are compiled, so that a broken one stops the start rather than fail its route.
    await Promise.all([
      publishOntologies().then(() => startup.open()),
      app.schemaCompilers.compilePending(),
    ]);
    // Only once listening: a start that cannot listen (port in use) must not register the demo feed, start
    // harvests it would cancel at once, or generate an admin token nobody can use; the next start is then fresh.
    // A shutdown signal during that work: nothing new starts (no scheduler, no demo harvest, no admin token).
    if (closing) return app;
    const started = await harvesting.start({ role: opts.role ?? 'all' });
    if ((opts.role ?? 'all') !== 'api') {
      linkTask = cron.schedule('30 2 * * *', async () => {
        const result = await runLinkChecks({ quality, feedIds: feeds.list().map((f) => f.id), fetcher: linkFetcher });
        app.log.info(result, 'link checks done');
      }, { noOverlap: true });
    }
    if (started.generatedAdmin) {
      // Shown once, on stderr rather than in the JSON log; only its hash is stored.
      process.stderr.write(`\nsheaf: no SHEAF_ADMIN_TOKEN was set, so an admin token was generated. It is shown only this once:\n\n  ${started.generatedAdmin.token}\n\n`);
      app.log.warn({ token: started.generatedAdmin.info.id }, 'generated the admin token (printed once on stderr)');
    }
  } catch (error) {
    startup.fail(error as Error);
    await app.close();
    throw error;
  }
  return app;
}
