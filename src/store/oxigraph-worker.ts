// **oxigraph-worker** holds the embedded store's Oxigraph index in a worker thread and answers index requests.
import { parentPort } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import type { IndexReply, IndexRequest } from './index-protocol.js';

// Oxigraph's wasm queries run synchronously and cannot be interrupted. Running them here keeps the main
// thread (HTTP, SQLite) responsive; a query past its deadline is abandoned by the main thread, and if it
// runs on much longer, the whole worker is terminated and rebuilt from the graph log (see IndexWorker).
const store = new oxigraph.Store();
const port = parentPort!;

function graphTerm(graph: string): oxigraph.NamedNode | oxigraph.DefaultGraph {
  return graph === '' ? oxigraph.defaultGraph() : oxigraph.namedNode(graph);
}

function replace(rows: readonly (readonly [string, string])[], fresh: boolean): void {
  for (const [graph, ntriples] of rows) {
    // Both sides of this are one synchronous step: no query can run between the drop and the load, so
    // readers see the old graph or the new one, never a mix.
    if (!fresh) {
      store.update(graph === '' ? 'DROP SILENT DEFAULT' : `DROP SILENT GRAPH <${graph}>`);
    }
    if (ntriples.length === 0) continue;
    // Each graph is its own load call, so Oxigraph gives its blank nodes fresh identities: blank nodes
    // never merge across graphs, even when two graphs' texts use the same label. `lenient` skips
    // re-validation of text the main thread wrote and checked (nquads.ts); it also keeps ill-typed literals.
    // (Never read `store.size` per graph here: it counts the whole store, and made loads 30× slower.)
    store.load(ntriples, { format: 'nt', to_graph_name: graphTerm(graph), lenient: true, no_transaction: true });
  }
}

type QueryOptions = Parameters<oxigraph.Store['query']>[1];

function datasetOptions(request: Extract<IndexRequest, { op: 'query' }>): QueryOptions {
  if (request.defaultGraphs === undefined && request.namedGraphs === undefined) {
    return { use_default_graph_as_union: true };
  }
  // SPARQL Protocol: when either list is given, the dataset is exactly what the lists name.
  return {
    default_graph: (request.defaultGraphs ?? []).map((g) => oxigraph.namedNode(g)),
    named_graphs: (request.namedGraphs ?? []).map((g) => oxigraph.namedNode(g)),
  };
}

function query(request: Extract<IndexRequest, { op: 'query' }>): string | boolean {
  const options = datasetOptions(request);
  if (request.form === 'ask') return store.query(request.query, options) as boolean;
  const format = request.form === 'select' ? 'json' : 'nt';
  const result = store.query(request.query, { ...options, results_format: format });
  if (typeof result !== 'string') throw new Error(`the query is not a ${request.form.toUpperCase()} query`);
  return result;
}

function allGraphs(): string[] {
  const rows = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g {} }') as Map<string, oxigraph.Term>[];
  return rows.map((row) => row.get('g')!.value);
}

/** Runs an update and returns the new content of the graphs it may have touched (all of them if `null`). */
function update(request: Extract<IndexRequest, { op: 'update' }>): [string, string][] {
  store.update(request.update);
  const graphs = request.graphs ?? ['', ...allGraphs()];
  return graphs.map((graph) => [graph, store.dump({ format: 'nt', from_graph_name: graphTerm(graph) })]);
}

function handle(request: IndexRequest): unknown {
  switch (request.op) {
    case 'replace':
      return replace(request.rows, request.fresh ?? false);
    case 'query':
      return query(request);
    case 'update':
      return update(request);
    case 'size':
      return store.size;
  }
}

port.on('message', (request: IndexRequest) => {
  let reply: IndexReply;
  try {
    reply = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies IndexReply);
