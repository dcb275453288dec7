// **oxigraph-worker** holds the embedded store's Oxigraph index in a worker thread and answers index requests.
// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader, and registering tsx in
// each worker cost over a second per start (measured), paid at every open and every index rebuild.
// Message shapes: src/store/index-protocol.ts.
import { parentPort } from 'node:worker_threads';
import oxigraph from 'oxigraph';

// Oxigraph's wasm queries run synchronously and cannot be interrupted. Running them here keeps the main
// thread (HTTP, SQLite) responsive; a query past its deadline is abandoned by the main thread, and if it
// runs on much longer, the whole worker is terminated and rebuilt from the graph log (see IndexWorker).
const store = new oxigraph.Store();

/** @param {string} graph `''` is the default graph */
function graphTerm(graph) {
  return graph === '' ? oxigraph.defaultGraph() : oxigraph.namedNode(graph);
}

/** @param {{ graphs: string[], bytes: Uint8Array, ends: number[], known?: boolean[] }} batch (index-protocol.ts) */
function replace(batch) {
  const { graphs, bytes, ends, known } = batch;
  let start = 0;
  for (let i = 0; i < graphs.length; i++) {
    const graph = graphs[i];
    const end = ends[i];
    // Drop and load are one synchronous step: no query can run between them, so readers see the old
    // graph or the new one, never a mix. (A drop costs about a quarter of a small graph's load: skipped
    // for graphs the index cannot hold yet.)
    if (known?.[i]) store.update(graph === '' ? 'DROP SILENT DEFAULT' : `DROP SILENT GRAPH <${graph}>`);
    // Each graph is its own load call, so Oxigraph gives its blank nodes fresh identities: blank nodes
    // never merge across graphs, even when two graphs' texts use the same label. `lenient` skips
    // re-validation of text the main thread wrote and checked (nquads.ts); it also keeps ill-typed literals.
    // Bytes, not a string: Oxigraph parses UTF-8, so a string would be encoded again here. `no_transaction`:
    // a transaction per graph cost ~15 % more worker CPU and four times the GC-thread time (measured).
    // (Never read `store.size` per graph here: it counts the whole store, and made loads 30× slower.)
    if (end > start) store.load(bytes.subarray(start, end), { format: 'nt', to_graph_name: graphTerm(graph), lenient: true, no_transaction: true });
    start = end;
  }
}

function datasetOptions(request) {
  if (request.defaultGraphs === undefined && request.namedGraphs === undefined) {
    return { use_default_graph_as_union: true };
  }
  // SPARQL Protocol: when either list is given, the dataset is exactly what the lists name.
  return {
    default_graph: (request.defaultGraphs ?? []).map((g) => oxigraph.namedNode(g)),
    named_graphs: (request.namedGraphs ?? []).map((g) => oxigraph.namedNode(g)),
  };
}

/**
 * Solutions in a SPARQL JSON results text: the objects directly inside `results.bindings` (depth 3), counted
 * here so the main thread can send the text on as it is, without parsing it to learn its size.
 */
function countBindings(json) {
  const start = json.indexOf('"bindings"');
  if (start === -1) return 0;
  let depth = 0;
  let rows = 0;
  let inString = false;
  for (let i = json.indexOf('[', start) + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123) {
      if (depth === 0) rows++;
      depth++;
    } else if (c === 125) depth--;
    else if (c === 93 && depth === 0) break;
  }
  return rows;
}

// As src/store/line-count.ts (this plain-JS worker cannot import TypeScript).
function lineCount(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** SELECT: `{ text, rows }` (SPARQL JSON); CONSTRUCT: `{ text, rows }` (N-Triples, rows = triples); ASK: a boolean. */
function query(request) {
  const options = datasetOptions(request);
  if (request.form === 'ask') return store.query(request.query, options);
  const select = request.form === 'select';
  const text = store.query(request.query, { ...options, results_format: select ? 'json' : 'nt' });
  if (typeof text !== 'string') throw new Error(`the query is not a ${request.form.toUpperCase()} query`);
  return { text, rows: select ? countBindings(text) : lineCount(text) };
}

function allGraphs() {
  return store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g {} }').map((row) => row.get('g').value);
}

function graphText(graph) {
  return store.dump({ format: 'nt', from_graph_name: graphTerm(graph) });
}

/**
 * Runs an update and returns the new content (`''`: emptied) of the graphs it changed, among those it may
 * touch (every graph if `request.graphs` is null). Only changed graphs are re-logged: the index holds literals
 * in canonical form, so re-logging an unchanged graph would lose the exact terms the log kept for it.
 */
function update(request) {
  const touched = request.graphs ?? ['', ...allGraphs()];
  const before = new Map(touched.map((graph) => [graph, graphText(graph)]));
  store.update(request.update);
  const after = request.graphs ?? ['', ...allGraphs()];
  const changed = [];
  for (const graph of new Set([...touched, ...after])) {
    const text = graphText(graph);
    // The same content dumps to the same text (Oxigraph's order and blank node labels are stable).
    if (text !== (before.get(graph) ?? '')) changed.push([graph, text]);
  }
  return changed;
}

function handle(request) {
  switch (request.op) {
    case 'replace':
      return replace(request.batch);
    case 'query':
      return query(request);
    case 'update':
      return update(request);
    default:
      throw new Error(`unknown index request ${request.op}`);
  }
}

parentPort.on('message', (request) => {
  let reply;
  try {
    reply = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ id: 0, ok: true, value: 'ready' });
