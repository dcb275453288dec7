// **OxigraphStore** is the embedded CatalogueStore: an Oxigraph index in a worker thread, made durable by a SQLite graph log.
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { CatErrors } from '../core/errors.js';
import { tripleLine } from '../core/nquads.js';
import { parseSparqlJsonResults } from '../core/sparql-json-results.js';
import type { CatalogueStore, GraphContent, LoadProgress, QueryOptions, SelectResult, SerialisedResult, StoreHealth } from './catalogue-store.js';
import { DEFAULT_GRAPH_KEY, GraphLog, type GraphRow } from './graph-log.js';
import { graphRow } from './graph-row.js';
import type { IndexCall } from './index-protocol.js';
import { IndexReplicas } from './index-replicas.js';
import { lineCount } from './line-count.js';
import { loadIndex, type RebuildStats } from './load-index.js';
import { loadGraphs } from './load-graphs.js';
import { exactLiterals } from './exact-literals.js';
import { openStateDb, type StateDb } from './state-db.js';
import { updateGraphs } from './update-graphs.js';
import { wholeGraphsQuery } from './whole-graphs-query.js';

export type { RebuildStats } from './load-index.js';

// How it holds together:
// - The log (SQLite, one row of N-Triples per graph) is the truth; the Oxigraph index in a worker thread is
//   rebuilt from it at open. A write commits to the log first and returns only after the index applied it,
//   so every write that returned survives kill -9 and is visible to the next query. A SPARQL Update is the
//   exception: only the index can run it, so it runs there first and its touched graphs are then logged.
// - The worker handles one message at a time and a graph's replacement is one message, so readers see a
//   graph's old or new content, never a mix (Oxigraph's own queries are synchronous).
// - Oxigraph stores values, not terms: a valid literal comes back from its queries in canonical form,
//   integer-derived datatypes as xsd:integer ("05"^^xsd:nonNegativeInteger → "5"^^xsd:integer), and literals
//   that became equal are merged. The log keeps every graph as written, so dump()/export, readGraphs() and
//   CONSTRUCTs that copy whole graphs (whole-graphs-query.ts) answer terms exactly as given; other CONSTRUCTs
//   have their canonicalised literals put back from the log (exact-literals.ts); SELECT answers values. Graphs
//   a SPARQL Update changed are re-logged as the index holds them (graphs it left alone keep their rows).
//   Ill-formed literals ("abc"^^xsd:integer) are kept as given everywhere.
// - Graphs under a `logOnly` prefix live in the log alone: written and read by name like any other, never
//   loaded into the index (at write or rebuild), so SPARQL does not see them and they cost no wasm memory.

export interface OxigraphStoreOptions {
  readonly dataDir: string;
  /**
   * How long a query may run past its deadline before its index worker is declared a runaway, terminated and
   * rebuilt from the log (with one replica, queries get CAT_ERR_STORE_UNAVAILABLE meanwhile).
   */
  readonly runawayGraceMs?: number;
  /**
   * How many identical copies of the query index to keep, each in its own worker thread (default 1). With two
   * or more, a runaway query costs only its own replica's rebuild while the others answer, and queries run in
   * parallel; each copy holds the whole index in memory.
   */
  readonly indexReplicas?: number;
  /**
   * `lazy`: build the query index only when a query or SPARQL Update first needs it. Until then writes go
   * to the log alone, so bulk import and export never pay for an index they do not use. Default `eager`:
   * the index is built (and the whole log read) before `open` returns, so a damaged log fails at start-up.
   * `background`: the build starts at once but `open` does not wait for it; queries and writes wait for it, `ready()`
   * says when it is done (or why it failed), and readiness reports it meanwhile.
   */
  readonly index?: 'eager' | 'lazy' | 'background';
  /** Read only, without the writer's lock (export while another process serves); implies a lazy index. */
  readonly readOnly?: boolean;
  /**
   * IRI prefixes of graphs kept in the log only, out of the query index: readGraphs, whole-graph CONSTRUCTs,
   * dump and export see them; SELECT, ASK, other CONSTRUCTs and SPARQL Update do not. For graphs that are
   * read by name and that would otherwise fill the wasm index (which holds ≈ 14 M quads at most): sheaf's
   * validation reports and quality measurements are two thirds of a harvested catalogue's quads.
   */
  readonly logOnly?: readonly string[];
}

// Data directories with an open store in this process: a second store on one log would build a second,
// diverging index.
const openDirs = new Set<string>();

export class OxigraphStore implements CatalogueStore {
  readonly #state: StateDb;
  readonly #log: GraphLog;
  readonly #graceMs: number;
  readonly #readOnly: boolean;
  readonly #logOnly: readonly string[];
  readonly #replicaCount: number;
  #replicas: IndexReplicas | undefined;
  /** No index yet (lazy open): writes go to the log only, the first query builds it. */
  #cold = true;
  /** Settles when the index is first usable (later rebuilds of a replica happen while the others answer). */
  #ready: Promise<void> = Promise.resolve();
  /** Writes run one after another: the log and the index then apply them in the same order. */
  #writes: Promise<unknown> = Promise.resolve();
  /** Settles when the index has applied every replace sent so far (it applies them in order). */
  #applied: Promise<unknown> = Promise.resolve();
  #closed = false;
  #stats: RebuildStats = { graphs: 0, quads: 0, ms: 0 };

  private constructor(state: StateDb, options: OxigraphStoreOptions) {
    this.#state = state;
    this.#log = new GraphLog(state.db);
    this.#graceMs = options.runawayGraceMs ?? 10_000;
    this.#replicaCount = Math.max(1, options.indexReplicas ?? 1);
    this.#readOnly = options.readOnly ?? false;
    this.#logOnly = options.logOnly ?? [];
  }

  #isLogOnly(graph: string): boolean {
    for (const prefix of this.#logOnly) if (graph.startsWith(prefix)) return true;
    return false;
  }

  /** Opens the data directory and rebuilds the index from its log. CAT_ERR_STORE_CORRUPT if unusable or locked. */
  static async open(options: OxigraphStoreOptions): Promise<OxigraphStore> {
    const readOnly = options.readOnly ?? false;
    const state = openStateDb(options.dataDir, { readOnly });
    if (readOnly) return new OxigraphStore(state, options);
    if (openDirs.has(state.path)) {
      state.close();
      throw new CatErrors.STORE_CORRUPT(`${state.path}: already open in this process`);
    }
    openDirs.add(state.path);
    try {
      const store = new OxigraphStore(state, options);
      // In the background, a failed build reaches whoever waits on ready() or a query, not the process as unhandled.
      if (options.index === 'background') store.#ensureIndex().catch(() => {});
      else if (options.index !== 'lazy') await store.#ensureIndex();
      return store;
    } catch (error) {
      openDirs.delete(state.path);
      state.close();
      throw error;
    }
  }

  // Called only from code that holds no stale view of the log: the first build reads the log while every
  // write waits on #ready, so no write can slip between the pages it reads.
  #ensureIndex(): Promise<void> {
    if (this.#cold) {
      this.#cold = false;
      this.#ready = IndexReplicas.start({
        replicas: this.#replicaCount,
        runawayGraceMs: this.#graceMs,
        load: async (worker) => {
          this.#stats = await loadIndex(worker, { log: this.#log, skip: this.#logOnly, path: this.#state.path });
        },
        row: (graph) => this.#log.get(graph),
      }).then((index) => {
        if (this.#closed) index.close();
        else this.#replicas = index;
      });
    }
    return this.#ready;
  }

  get #index(): IndexReplicas {
    if (this.#replicas === undefined) throw new CatErrors.STORE_UNAVAILABLE('the store is not open');
    return this.#replicas;
  }

  get rebuildStats(): RebuildStats {
    return this.#stats;
  }

  /** Settles once queries can be answered (building the index first if it was not started); rejects if it cannot be built. */
  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(new CatErrors.STORE_UNAVAILABLE('the store is closed'));
    return this.#ensureIndex();
  }

  /** Readiness: how many index replicas answer queries now (none while the index is first built). */
  health(): StoreHealth {
    const index = this.#replicas?.health();
    if (index === undefined) return { ready: !this.#closed && this.#cold, detail: this.#cold ? 'index not built yet (built by the first query)' : 'building the index' };
    return {
      ready: index.live > 0,
      detail: `${index.live} of ${this.#replicaCount} index replicas answering, ${index.loading} loading, ${index.queued} queries queued`,
      index: { ...index },
    };
  }

  #write<T>(step: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new CatErrors.STORE_UNAVAILABLE('the store is closed'));
    if (this.#readOnly) return Promise.reject(new CatErrors.STORE_UNAVAILABLE('the store was opened read-only'));
    const run = this.#writes.then(async () => {
      await this.#ready;
      return step();
    });
    this.#writes = run.catch(() => {});
    return run;
  }

  /**
   * Commits rows to the log (durable from here on), then has the index apply them; settles once it has.
   * Only the log write holds the write queue: the next write commits to the log while the worker still
   * applies this one (it applies requests in the order they were sent), so SQLite and Oxigraph work on two
   * cores at once, and the index never holds a write the log does not. `rows` runs inside the queue.
   */
  async #commit(rows: () => readonly GraphRow[]): Promise<void> {
    const { applied } = await this.#write(async () => ({ applied: this.#logAndIndex(rows()) }));
    await applied;
  }

  #logAndIndex(rows: readonly GraphRow[]): Promise<unknown> {
    const existed = this.#log.write(rows);
    // No index yet: either none (lazy) or the first being built, which will read this row from the log (a
    // write reaches here during that build only if it passed #ready just before the build began reading).
    if (this.#replicas === undefined) return Promise.resolve();
    const indexed = this.#logOnly.length === 0 ? rows.map((_, i) => i) : rows.flatMap((row, i) => (this.#isLogOnly(row.graph) ? [] : [i]));
    if (indexed.length === 0) return Promise.resolve();
    const applied = indexed.length === rows.length
      ? this.#replicas.write(rows, existed)
      : this.#replicas.write(indexed.map((i) => rows[i]!), indexed.map((i) => existed[i]!));
    this.#applied = applied.catch(() => {});
    return applied;
  }

  async #read<T>(call: IndexCall, options: QueryOptions | undefined): Promise<T> {
    if (this.#closed) throw new CatErrors.STORE_UNAVAILABLE('the store is closed');
    await this.#ensureIndex();
    return this.#index.query<T>(call, { timeoutMs: options?.timeoutMs });
  }

  replaceGraph(graph: string, quads: Iterable<Quad>): Promise<void> {
    const row = graphRow({ graph, quads });
    return this.#commit(() => [row]);
  }

  replaceGraphs(graphs: Iterable<GraphContent>): Promise<void> {
    const rows = [...graphs].map(graphRow);
    return rows.length === 0 ? Promise.resolve() : this.#commit(() => rows);
  }

  dropGraph(graph: string): Promise<void> {
    const row = graphRow({ graph, quads: [] });
    return this.#commit(() => [row]);
  }

  /** From the log, not the index: one keyed row per graph (the log holds every write that returned). */
  async readGraphs(graphs: readonly string[]): Promise<Quad[]> {
    if (this.#closed) throw new CatErrors.STORE_UNAVAILABLE('the store is closed');
    const out: Quad[] = [];
    for (const graph of graphs) {
      const row = this.#log.get(graph);
      // A parser per row: N3 labels each parser's blank nodes apart, so two graphs never share one by accident.
      if (row !== undefined) for (const triple of new Parser({ format: 'N-Triples' }).parse(row.ntriples)) out.push(triple);
    }
    return out;
  }

  async readGraphText(graph: string): Promise<string | undefined> {
    if (this.#closed) throw new CatErrors.STORE_UNAVAILABLE('the store is closed');
    return this.#log.get(graph)?.ntriples;
  }

  async listGraphs(options: { readonly prefix?: string } = {}): Promise<string[]> {
    return this.#log.list(options.prefix ?? '');
  }

  #dataset(form: 'select' | 'ask' | 'construct', query: string, options?: QueryOptions): IndexCall {
    return { op: 'query', form, query, defaultGraphs: options?.defaultGraphUris, namedGraphs: options?.namedGraphUris };
  }

  async select(query: string, options?: QueryOptions): Promise<SelectResult> {
    return parseSparqlJsonResults((await this.selectJson(query, options)).text);
  }

  /** The worker's own SPARQL JSON text and its solution count (counted in the worker). */
  selectJson(query: string, options?: QueryOptions): Promise<SerialisedResult> {
    return this.#read<SerialisedResult>(this.#dataset('select', query, options), options);
  }

  ask(query: string, options?: QueryOptions): Promise<boolean> {
    return this.#read<boolean>(this.#dataset('ask', query, options), options);
  }

  async construct(query: string, options?: QueryOptions): Promise<Quad[]> {
    // A query that only copies whole graphs is read from the log: terms exactly as written (the index
    // answers valid literals in canonical form), and no trip to the worker. Dataset options change what
    // GRAPH sees, so such queries keep to the index.
    const graphs = options?.defaultGraphUris === undefined && options?.namedGraphUris === undefined ? wholeGraphsQuery(query) : null;
    if (graphs !== null) return graphs.length > 1 ? distinctTriples(await this.readGraphs(graphs)) : this.readGraphs(graphs);
    const { text } = await this.#constructFromIndex(query, options);
    return new Parser({ format: 'N-Triples' }).parse(text);
  }

  /** As `construct`, as N-Triples: a single whole graph's log row as written, the worker's text otherwise. */
  async constructNTriples(query: string, options?: QueryOptions): Promise<SerialisedResult> {
    const graphs = options?.defaultGraphUris === undefined && options?.namedGraphUris === undefined ? wholeGraphsQuery(query) : null;
    if (graphs !== null) {
      // Several graphs' rows cannot simply be joined: their blank node labels would meet. They go through terms.
      if (graphs.length > 1) {
        const text = (await this.construct(query, options)).map(tripleLine).join('');
        return { text, rows: lineCount(text) };
      }
      if (this.#closed) throw new CatErrors.STORE_UNAVAILABLE('the store is closed');
      const row = this.#log.get(graphs[0]!);
      return { text: row?.ntriples ?? '', rows: row?.quads ?? 0 };
    }
    return this.#constructFromIndex(query, options);
  }

  /** A CONSTRUCT the index answers, its canonicalised literals put back as the log holds them (exact-literals.ts). */
  async #constructFromIndex(query: string, options?: QueryOptions): Promise<SerialisedResult> {
    const answer = await this.#read<SerialisedResult>(this.#dataset('construct', query, options), options);
    const text = await exactLiterals(answer.text, {
      graphsOf: async (subjects) => {
        const values = subjects.map((s) => `<${s}>`).join(' ');
        const found = await this.select(`SELECT DISTINCT ?g WHERE { VALUES ?s { ${values} } GRAPH ?g { ?s ?p ?o } }`, { timeoutMs: options?.timeoutMs });
        return found.rows.flatMap((row) => (row.get('g')?.termType === 'NamedNode' ? [row.get('g')!.value] : []));
      },
      row: (graph) => this.#log.get(graph)?.ntriples,
    });
    return text === answer.text ? answer : { text, rows: lineCount(text) };
  }

  update(update: string, options: { readonly timeoutMs?: number } = {}): Promise<void> {
    const graphs = updateGraphs(update);
    // The index does not hold log-only graphs, so an update naming one would act on nothing and then log that.
    const outside = graphs?.find((g) => this.#isLogOnly(g));
    if (outside !== undefined) {
      return Promise.reject(new CatErrors.CONFLICT(`graph <${outside}> is kept by sheaf out of the SPARQL index (a record's report or quality, or an archived ontology version): an update cannot change it`));
    }
    return this.#write(async () => {
      await this.#ensureIndex();
      // The index runs the update first (only it knows the result), then the graphs it changed are logged, as
      // the index holds them (numbers, dates and booleans in their canonical forms); graphs it left alone keep
      // their exact log rows.
      // A timed-out update may still finish in its worker, so that replica is rebuilt from the log (IndexReplicas).
      await this.#index.update({ op: 'update', update, graphs }, { timeoutMs: options.timeoutMs, commit: (rows) => this.#log.write(rows) });
    });
  }

  async load(
    quads: AsyncIterable<Quad> | Iterable<Quad>,
    options: { readonly onProgress?: (p: LoadProgress) => void } = {},
  ): Promise<LoadProgress> {
    return loadGraphs({
      quads,
      onProgress: options.onProgress,
      commit: (rows, merge) =>
        // A graph the stream already closed and now reopens is appended to, not replaced (see load-graphs).
        this.#commit(() =>
          rows.map((row) => {
            if (!merge.has(row.graph)) return row;
            const before = this.#log.get(row.graph);
            if (before === undefined) return row;
            return graphRow({ graph: row.graph, ntriples: before.ntriples + row.ntriples });
          }),
        ),
    });
  }

  async *dump(): AsyncIterable<Quad> {
    for (const row of this.#log.rows()) {
      const graph = row.graph === DEFAULT_GRAPH_KEY ? DataFactory.defaultGraph() : DataFactory.namedNode(row.graph);
      // One parser per row: each graph's blank nodes get their own label prefix, so they stay distinct.
      for (const triple of new Parser({ format: 'N-Triples' }).parse(row.ntriples)) {
        yield DataFactory.quad(triple.subject, triple.predicate, triple.object, graph);
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#writes;
    await this.#applied;
    this.#closed = true;
    await this.#ready.catch(() => {});
    this.#replicas?.close();
    if (!this.#readOnly) openDirs.delete(this.#state.path);
    this.#state.close();
  }
}

/** Each triple once, as a CONSTRUCT answers: graphs read one after another may share triples. */
function distinctTriples(quads: readonly Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = tripleLine(q);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
