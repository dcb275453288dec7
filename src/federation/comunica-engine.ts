// **comunicaEngine** loads Comunica's SPARQL engine once, warmed up, on first use: it is heavy, and only federation needs it.
import type { QueryEngine } from '@comunica/query-sparql';

let engine: Promise<QueryEngine> | undefined;

const EMPTY_RESULTS = JSON.stringify({ head: { vars: ['s'] }, results: { bindings: [] } });

/**
 * One engine per process. Measured on the CI machine under load: import ~3 s, constructor ~6 s and the
 * first SPARQL-source query ~1.5 s (the actors initialise lazily), all blocking the event loop. So the
 * promise resolves only after a first query against a fake in-process endpoint, and callers await it
 * before starting any deadline.
 */
export function comunicaEngine(): Promise<QueryEngine> {
  engine ??= (async () => {
    const { QueryEngine } = await import('@comunica/query-sparql');
    const created = new QueryEngine();
    const fakeEndpoint = (async () =>
      new Response(EMPTY_RESULTS, { headers: { 'content-type': 'application/sparql-results+json' } })) as typeof fetch;
    const warm = await created.queryBindings('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1', {
      sources: [{ type: 'sparql', value: 'http://warm-up.invalid/sparql' }], fetch: fakeEndpoint,
    });
    await warm.toArray();
    return created;
  })();
  return engine;
}
