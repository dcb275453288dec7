// **sparqlEndpoint** is a fixture route answering SPARQL 1.1 Protocol queries from a real in-memory Oxigraph store.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Store } from 'oxigraph';
import { FIXTURES_DIR, type FixtureRequest, type RouteSpec } from './fixture-server.js';

export interface SparqlEndpointOptions {
  /** Rewrites each query before it runs (e.g. drop OFFSET to mimic a broken endpoint). */
  readonly rewrite?: (query: string) => string;
  /** Answers 500 when this returns true for the query text. */
  readonly failWhen?: (query: string) => boolean;
}

/** Loads a TriG fixture file into a new store. */
export function storeFromFixture(file: string): Store {
  const store = new Store();
  store.load(readFileSync(path.join(FIXTURES_DIR, file), 'utf8'), { format: 'application/trig' });
  return store;
}

/** GET `?query=` or POST form / `application/sparql-query`; SELECT → JSON results, CONSTRUCT → N-Triples. */
export function sparqlEndpoint(store: Store, opts: SparqlEndpointOptions = {}): RouteSpec {
  return {
    handler: (req: FixtureRequest): RouteSpec => {
      let query = req.url.searchParams.get('query') ?? '';
      if (req.method === 'POST') {
        const type = String(req.headers['content-type'] ?? '');
        query = type.startsWith('application/sparql-query') ? req.body : (new URLSearchParams(req.body).get('query') ?? '');
      }
      if (!query) return { status: 400, body: 'missing query' };
      if (opts.failWhen?.(query)) return { status: 500, body: 'endpoint failure' };
      const text = opts.rewrite ? opts.rewrite(query) : query;
      const isConstruct = /^\s*(PREFIX[^\n]*\n\s*)*CONSTRUCT/i.test(text);
      const format = isConstruct ? 'application/n-triples' : 'application/sparql-results+json';
      // A union default graph, as Virtuoso and most public endpoints offer.
      const body = store.query(text, { results_format: format, use_default_graph_as_union: true }) as string;
      return { body, type: format };
    },
  };
}
