// **SparqlRemoteStore** is the CatalogueStore over any SPARQL 1.1 Query + Update (+ Graph Store) server.
import { randomUUID } from 'node:crypto';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import type { SparqlStoreConfig } from '../core/config.js';
import { CatErrors } from '../core/errors.js';
import { tripleLine } from '../core/nquads.js';
import { QueryFile } from '../core/query-file.js';
import { parseSparqlJsonResults } from '../core/sparql-json-results.js';
import type { CatalogueStore, GraphContent, LoadProgress, QueryOptions, SelectResult } from './catalogue-store.js';
import { MAX_BATCH_TRIPLES, SkolemScopes, UpdateBatch, iriRef, stringLiteral } from './sparql-remote-batch.js';
import { type SparqlDialect, dialectFromServer } from './sparql-remote-dialect.js';
import { SparqlHttpClient, type SparqlRequest } from './sparql-remote-http.js';
import { restoredTerm, restoredTriple, tripleText } from './sparql-remote-terms.js';

const { namedNode, quad } = DataFactory;
const GRAPHS_CONTENT = QueryFile.load('graphs-content');

/** Scratch graphs of large replacements; never listed. */
const STAGING_PREFIX = 'urn:sheaf:staging:';
const SELECT_TYPES = 'application/sparql-results+json';
const GRAPH_TYPES = 'application/n-triples, text/turtle;q=0.9';
/** Graphs per request when dumping; small enough for a quick answer, large enough to amortise it. */
const DUMP_GRAPHS_PER_QUERY = 200;
/** Bulk-load requests in flight; Virtuoso uses one thread per request and retries cover its deadlocks. */
const LOAD_CONCURRENCY = 3;

interface SparqlJson {
  readonly boolean?: boolean;
}

/**
 * Remote backend. Atomicity: a graph is replaced by one request (DELETE its quads; INSERT DATA), which
 * the server runs as one transaction; a graph too large for one request is staged in a scratch graph (by GSP
 * PUT when `gspUrl` is set) and moved over with one `MOVE`. Durability is the server's.
 * Blank nodes: INSERT DATA on Virtuoso refuses them, so they travel skolemised (`urn:sheaf:bnode:…`) and
 * come back as blank nodes; inside SPARQL on the server they are IRIs (`isBlank` is false there).
 */
export class SparqlRemoteStore implements CatalogueStore {
  readonly #config: SparqlStoreConfig;
  readonly #http: SparqlHttpClient;
  #dialect?: Promise<SparqlDialect>;
  #closed = false;

  private constructor(config: SparqlStoreConfig) {
    this.#config = Object.freeze({ ...config });
    this.#http = new SparqlHttpClient(this.#config);
  }

  /** Opens without contacting the server, so sheaf starts (and reports 503s) while the store is down. */
  static async open(config: SparqlStoreConfig): Promise<SparqlRemoteStore> {
    for (const url of [config.queryUrl, config.updateUrl, config.gspUrl]) {
      if (url !== undefined && !/^https?:\/\//.test(url)) throw new Error(`SPARQL endpoint must be an http(s) URL, got "${url}"`);
    }
    return new SparqlRemoteStore(config);
  }

  // ---- queries ----

  async select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    const response = await this.#query(query, options, SELECT_TYPES);
    const { variables, rows } = this.#parse(() => parseSparqlJsonResults(response.text));
    for (const row of rows) for (const [name, term] of row) (row as Map<string, Term>).set(name, restoredTerm(term));
    return { variables, rows };
  }

  async ask(query: string, options: QueryOptions = {}): Promise<boolean> {
    const json = await this.#queryJson(query, options);
    if (typeof json.boolean !== 'boolean') throw new CatErrors.STORE_UNAVAILABLE(`${this.#config.queryUrl} gave no boolean for ASK`);
    return json.boolean;
  }

  async construct(query: string, options: QueryOptions = {}): Promise<Quad[]> {
    const response = await this.#query(query, options, GRAPH_TYPES);
    const contentType = response.headers.get('content-type') ?? '';
    if (!/turtle|n-triples|text\/plain/.test(contentType)) {
      throw new CatErrors.STORE_UNAVAILABLE(`${this.#config.queryUrl} answered CONSTRUCT with "${contentType}"`);
    }
    // Keep the server's blank node labels: they are stable within one answer, and the default prefix would
    // rename them per parse.
    const triples = new Parser({ format: 'text/turtle', blankNodePrefix: '' }).parse(response.text);
    return triples.map(restoredTriple);
  }

  async #queryJson(query: string, options: QueryOptions): Promise<SparqlJson> {
    const response = await this.#query(query, options, SELECT_TYPES);
    return this.#parse(() => JSON.parse(response.text) as SparqlJson);
  }

  #parse<T>(parse: () => T): T {
    try {
      return parse();
    } catch {
      throw new CatErrors.STORE_UNAVAILABLE(`${this.#config.queryUrl} answered with invalid SPARQL JSON`);
    }
  }

  async #query(query: string, options: QueryOptions, accept: string) {
    const dialect = await this.#dialectOf();
    const body = new URLSearchParams();
    const defaultGraphs = options.defaultGraphUris ?? [];
    const namedGraphs = options.namedGraphUris ?? [];
    const prologue = dialect.queryPrologue({ defaultGraphs: defaultGraphs.length > 0, namedGraphs: namedGraphs.length > 0, query });
    body.set('query', prologue + query);
    for (const g of defaultGraphs) body.append('default-graph-uri', g);
    for (const g of namedGraphs) body.append('named-graph-uri', g);
    const timeoutMs = options.timeoutMs ?? this.#config.timeoutMs;
    if (dialect.timeoutParameter) body.set(dialect.timeoutParameter, String(timeoutMs));
    // Form POST, not `application/sparql-query`: Virtuoso hangs on the latter.
    const response = await this.#send({ kind: 'query', url: this.#config.queryUrl, method: 'POST', body, headers: { accept, 'content-type': 'application/x-www-form-urlencoded' }, timeoutMs });
    if (dialect.interrupted(response.headers)) throw new CatErrors.QUERY_TIMEOUT(String(timeoutMs));
    return response;
  }

  // ---- updates ----

  async update(update: string, options: { readonly timeoutMs?: number } = {}): Promise<void> {
    await this.#update(update, options.timeoutMs);
  }

  async replaceGraph(graph: string, quads: Iterable<Quad>): Promise<void> {
    const all = [...quads];
    const batch = new UpdateBatch({ scopes: new SkolemScopes() });
    batch.drop(graph);
    for (const q of all) batch.add(graph, q);
    // One DELETE + INSERT DATA request is one transaction: readers see old or new. Virtuoso's
    // GSP PUT is not (readers saw the graph empty mid-PUT), so GSP only fills scratch graphs.
    if (!batch.full) return this.#update(batch.toUpdate());
    await this.#replaceLargeGraph(graph, all);
  }

  async replaceGraphs(graphs: Iterable<GraphContent>): Promise<void> {
    // Many small graphs per request: one INSERT DATA per ~1,500 triples instead of one request per graph.
    const scopes = new SkolemScopes();
    let batch = new UpdateBatch({ scopes });
    for (const content of graphs) {
      const { graph } = content;
      const all = 'ntriples' in content ? new Parser({ format: 'N-Triples' }).parse(content.ntriples) : [...content.quads];
      if (all.length >= MAX_BATCH_TRIPLES) {
        await this.replaceGraph(graph, all);
        continue;
      }
      batch.drop(graph);
      for (const q of all) batch.add(graph, q);
      if (batch.full) {
        await this.#update(batch.toUpdate());
        batch = new UpdateBatch({ scopes });
      }
    }
    if (!batch.empty) await this.#update(batch.toUpdate());
  }

  async dropGraph(graph: string): Promise<void> {
    if (this.#config.gspUrl) {
      iriRef(graph);
      await this.#send({ kind: 'graph', url: this.#gspTarget(graph), method: 'DELETE', acceptStatus: [404] });
      return;
    }
    await this.#update(`DROP SILENT GRAPH ${iriRef(graph)}`);
  }

  /**
   * Writes a graph too large for one update request into a scratch graph (one GSP PUT when available,
   * else update chunks), then swaps it in with one `MOVE`, a single transaction.
   */
  async #replaceLargeGraph(graph: string, quads: readonly Quad[]): Promise<void> {
    const scratch = `${STAGING_PREFIX}${randomUUID()}`;
    try {
      if (this.#config.gspUrl) {
        // GSP accepts blank nodes as they are, and any size in one request.
        const body = quads.map((q) => tripleText(q)).join('');
        await this.#send({ kind: 'graph', url: this.#gspTarget(scratch), method: 'PUT', body, headers: { 'content-type': 'application/n-triples' } });
      } else {
        const scopes = new SkolemScopes();
        let batch = new UpdateBatch({ scopes });
        for (const q of quads) {
          batch.add(scratch, q);
          if (batch.full) {
            await this.#update(batch.toUpdate());
            batch = new UpdateBatch({ scopes });
          }
        }
        if (!batch.empty) await this.#update(batch.toUpdate());
      }
      await this.#update(`MOVE SILENT GRAPH ${iriRef(scratch)} TO GRAPH ${iriRef(graph)}`);
    } catch (error) {
      await this.#update(`DROP SILENT GRAPH ${iriRef(scratch)}`).catch(() => undefined);
      throw error;
    }
  }

  async load(
    quads: AsyncIterable<Quad> | Iterable<Quad>,
    options: { readonly onProgress?: (p: LoadProgress) => void } = {},
  ): Promise<LoadProgress> {
    const scopes = new SkolemScopes();
    const seen = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    let loadedQuads = 0;
    let batch = new UpdateBatch({ scopes });
    let continues = false;
    let failure: unknown;

    const flush = async () => {
      if (batch.empty) return;
      const sent = batch;
      // A graph split over two requests must not have its second half overtaken by the first's DROP.
      if (continues) await Promise.all(inFlight);
      while (inFlight.size >= LOAD_CONCURRENCY) await Promise.race(inFlight);
      if (failure) throw failure;
      batch = new UpdateBatch({ scopes });
      continues = false;
      const request: Promise<void> = this.#update(sent.toUpdate()).then(
        () => {
          loadedQuads += sent.triples;
          options.onProgress?.({ quads: loadedQuads, graphs: seen.size });
        },
        (error: unknown) => {
          failure ??= error;
        },
      );
      const tracked = request.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };

    for await (const q of quads) {
      if (q.graph.termType !== 'NamedNode') {
        throw new CatErrors.BAD_RDF('bulk load needs every quad in a named graph (one graph per record)');
      }
      const graph = q.graph.value;
      if (!seen.has(graph)) {
        seen.add(graph);
        batch.drop(graph);
      } else if (!batch.has(graph)) {
        continues = true;
      }
      batch.add(graph, q);
      if (batch.full) await flush();
    }
    await flush();
    await Promise.all(inFlight);
    if (failure) throw failure;
    return { quads: loadedQuads, graphs: seen.size };
  }

  // ---- listing and dumping ----

  async readGraphs(graphs: readonly string[]): Promise<Quad[]> {
    if (graphs.length === 0) return [];
    return this.construct(GRAPHS_CONTENT.bind({ g: graphs.map((g) => namedNode(g)) }));
  }

  async readGraphText(graph: string): Promise<string | undefined> {
    const quads = await this.readGraphs([graph]);
    return quads.length === 0 ? undefined : quads.map(tripleLine).join('');
  }

  async listGraphs(options: { readonly prefix?: string } = {}): Promise<string[]> {
    const filter = options.prefix ? `FILTER(STRSTARTS(STR(?g), ${stringLiteral(options.prefix)}))` : '';
    const { rows } = await this.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } ${filter} }`);
    const dialect = await this.#dialectOf();
    return rows
      .map((row) => row.get('g'))
      .filter((g): g is Term => g?.termType === 'NamedNode' && !g.value.startsWith(STAGING_PREFIX))
      .map((g) => g.value)
      .filter((g) => !dialect.isSystemGraph(g))
      .sort();
  }

  async *dump(): AsyncIterable<Quad> {
    const graphs = await this.listGraphs();
    for (let i = 0; i < graphs.length; i += DUMP_GRAPHS_PER_QUERY) {
      const values = graphs.slice(i, i + DUMP_GRAPHS_PER_QUERY).map(iriRef).join(' ');
      const { rows } = await this.select(`SELECT ?g ?s ?p ?o WHERE { VALUES ?g { ${values} } GRAPH ?g { ?s ?p ?o } }`);
      for (const row of rows) {
        const [g, s, p, o] = ['g', 's', 'p', 'o'].map((v) => row.get(v));
        if (!g || !s || !p || !o) continue;
        yield quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object'], namedNode(g.value));
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  // ---- plumbing ----

  async #update(update: string, timeoutMs?: number): Promise<void> {
    const body = new URLSearchParams({ update });
    await this.#send({ kind: 'update', url: this.#config.updateUrl, method: 'POST', body, headers: { accept: SELECT_TYPES, 'content-type': 'application/x-www-form-urlencoded' }, timeoutMs });
  }

  #gspTarget(graph: string): string {
    const url = new URL(this.#config.gspUrl as string);
    url.searchParams.set('graph', graph);
    return url.toString();
  }

  async #send(request: SparqlRequest) {
    if (this.#closed) throw new CatErrors.STORE_UNAVAILABLE('the store was closed');
    return this.#http.send(request);
  }

  /** Learns once, from the first answer's `Server` header, which server this is; retried until one answers. */
  #dialectOf(): Promise<SparqlDialect> {
    this.#dialect ??= this.#send({
      kind: 'query',
      url: `${this.#config.queryUrl}${this.#config.queryUrl.includes('?') ? '&' : '?'}query=${encodeURIComponent('ASK {}')}`,
      method: 'GET',
      headers: { accept: SELECT_TYPES },
    }).then(
      (response) => dialectFromServer(response.headers.get('server')),
      (error: unknown) => {
        this.#dialect = undefined;
        throw error;
      },
    );
    return this.#dialect;
  }
}
