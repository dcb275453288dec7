// **harvestingPlugin** opens `sheaf serve`'s run engine with search, quality and the ontology graphs listening, and closes it.
import fp from 'fastify-plugin';
import { loadedOntologies } from '../ontology/loaded-ontologies.js';
import { OntologyGraphs } from '../ontology/ontology-graphs.js';
import { QualityStore } from '../quality/quality-store.js';
import { searchFollowsOntologies } from '../search/search-follows-ontologies.js';
import { SearchSync } from '../search/search-sync.js';
import { SearchTermsState } from '../search/search-terms-state.js';
import { openPipeline, type Pipeline } from './open-pipeline.js';

/** What `sheaf serve` does with the run engine around listening (src/serve/start-server.ts). */
export interface Harvesting {
  readonly pipeline: Pipeline;
  readonly quality: QualityStore;
  /** Writes the current ontologies' graphs where missing or changed, once the store's index is loaded. */
  publishOntologies(): Promise<void>;
  /**
   * Rebuilds the search index from the store in the background when it was lost, never built, or left half
   * re-indexed for new ontology terms; else warms it. Search answers from what is indexed meanwhile.
   */
  followSearch(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    harvesting: Harvesting;
  }
}

export const harvestingPlugin = fp(
  async (app) => {
    const { config, store, discovery } = app;
    const { db } = app.stateDb;
    const searchSync = new SearchSync({ index: discovery.search, terms: discovery.terms });
    const termsState = new SearchTermsState({ db });
    const quality = new QualityStore({ db, store, iris: discovery.iris });
    // The current ontologies in the SPARQL store follow a curator's activation, before search re-derives its terms.
    const ontologyGraphs = new OntologyGraphs({ store, baseUrl: config.baseUrl });
    const pipeline = await openPipeline({
      config, store, logger: app.log, quality, runner: { listeners: [searchSync, quality] },
      ontologyListeners: [ontologyGraphs, searchFollowsOntologies({ sync: searchSync, state: termsState })],
      validatorWorkers: config.validatorWorkers,
    });
    // Runs stop (cancelled, nothing withdrawn) before the state database and the store they write to close: those
    // were opened by plugins registered earlier, which fastify closes after this one.
    app.addHook('onClose', async () => pipeline.close());
    app.decorate('pipeline', pipeline.services);
    app.decorate('harvesting', Object.freeze({
      pipeline,
      quality,
      async publishOntologies() {
        await store.ready?.();
        await ontologyGraphs.publish(await loadedOntologies(pipeline.services.ontologies.versions));
      },
      followSearch() {
        if ((discovery.search.size === 0 && discovery.listing.total() > 0) || termsState.stale) {
          void searchSync.rebuild({ store, iris: discovery.iris, records: discovery.listing.batches() }).then(
            (n) => { termsState.markCurrent(); app.log.info({ records: n }, 'search index rebuilt from the store'); },
            (err: unknown) => app.log.error({ err }, 'search index rebuild failed'),
          );
        } else {
          discovery.search.warm();
        }
      },
    } satisfies Harvesting));
  },
  { name: 'sheaf-harvesting', dependencies: ['sheaf-services', 'sheaf-state', 'sheaf-discovery'] },
);
