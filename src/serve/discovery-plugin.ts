// **discoveryPlugin** decorates the app with what the discovery endpoints read: catalogue listing, search index, terms.
import type Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import { loadedOntologies } from '../ontology/loaded-ontologies.js';
import { OntologyVersions } from '../ontology/ontology-versions.js';
import { RecordIris } from '../catalogue/record-iris.js';
import { loadTerms } from '../search/load-terms.js';
import { SearchIndex } from '../search/search-index.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { TermIndex } from '../search/term-index.js';
import { CatalogueListing } from '../catalogue/catalogue-listing.js';

export interface DiscoveryServices {
  readonly listing: CatalogueListing;
  readonly search: SearchIndex;
  readonly terms: TermIndex;
  readonly iris: RecordIris;
}

declare module 'fastify' {
  interface FastifyInstance {
    discovery: DiscoveryServices;
  }
}

// Where the term files are read lives with search; re-exported for the tests and benches that build a TermIndex.
export { BUNDLED_TERM_SOURCES, loadBundledTerms } from '../search/load-terms.js';

export async function createDiscoveryServices(options: {
  readonly db: Database.Database;
  readonly baseUrl: string;
  readonly terms?: TermIndex;
  /**
   * With the store, search starts from the ontology versions curators made current (kept in it and in `db`): the
   * index's facet rows were written with those, so after a restart the terms must match them.
   */
  readonly store?: CatalogueStore;
}): Promise<DiscoveryServices> {
  const { db, baseUrl, store } = options;
  const terms = options.terms
    ?? (await loadTerms(store === undefined ? {} : { loaded: await loadedOntologies(new OntologyVersions({ db, store, baseUrl })) }));
  return Object.freeze({
    listing: new CatalogueListing({ db }),
    search: new SearchIndex({ db, terms }),
    terms,
    iris: new RecordIris(baseUrl),
  });
}

/**
 * Given `services` (tests, tools), decorates the app with them; without, builds them on the state database
 * (statePlugin) and the store, as `sheaf serve` does. They hold nothing to close beyond those two.
 */
export const discoveryPlugin = fp<{ readonly services?: DiscoveryServices }>(
  async (app, opts) => {
    if (opts.services === undefined && !app.hasDecorator('stateDb')) throw new Error('discoveryPlugin without services needs statePlugin first');
    const services = opts.services
      ?? (await createDiscoveryServices({ db: app.stateDb.db, baseUrl: app.config.baseUrl, store: app.store }));
    app.decorate('discovery', services);
  },
  { name: 'sheaf-discovery', dependencies: ['sheaf-services'] },
);
