// **CatalogueStore** is the one interface every RDF backend implements; nothing above it knows which one runs.
import type { Quad, Term } from '@rdfjs/types';

/** One solution of a SELECT: variable name (without `?`) to term; unbound variables are absent. */
export type Bindings = ReadonlyMap<string, Term>;

export interface SelectResult {
  readonly variables: readonly string[];
  readonly rows: readonly Bindings[];
}

export interface QueryOptions {
  /** Abort with CAT_ERR_QUERY_TIMEOUT after this long. Backends must honour it. */
  readonly timeoutMs?: number;
  /** SPARQL Protocol `default-graph-uri`: the union of these graphs is the default graph. */
  readonly defaultGraphUris?: readonly string[];
  /** SPARQL Protocol `named-graph-uri`: only these graphs are visible to GRAPH patterns. */
  readonly namedGraphUris?: readonly string[];
}

/**
 * A named graph's new content: its triples, or the same already written as N-Triples (one triple per line) by a
 * writer that makes many small graphs of a fixed shape (a record's quality graph: ~120 triples, written as text in
 * ~7 µs instead of ~150 µs of terms and serialisation). A store that keeps text keeps it; others parse it.
 */
export type GraphContent =
  | { readonly graph: string; readonly quads: Iterable<Quad> }
  | { readonly graph: string; readonly ntriples: string };

/** Whether a backend can answer queries now, known without asking it anything (readiness, never liveness). */
export interface StoreHealth {
  readonly ready: boolean;
  readonly detail: string;
  /** Backend-specific figures (the embedded store: its index replicas, live, loading, queued, rebuilt). */
  readonly index?: Readonly<Record<string, number>>;
}

/** An answer already serialised, with its size: solutions of a SELECT, or triples of a CONSTRUCT. */
export interface SerialisedResult {
  readonly text: string;
  readonly rows: number;
}

export interface LoadProgress {
  readonly quads: number;
  readonly graphs: number;
}

/**
 * Contract (tested by test/store/contract.ts against every backend):
 * - Without `defaultGraphUris`, a query's default graph is the union of all named graphs.
 * - `replaceGraph` is atomic: readers see the old or the new content of a graph, never a mix.
 *   The quads' own graph terms are ignored; everything lands in `graph`.
 * - A write that returned is durable (survives kill -9) on a durable backend.
 * - Literals are kept as given, including ill-formed typed literals.
 */
export interface CatalogueStore {
  /** Replaces the whole content of one named graph. An empty iterable empties it. */
  replaceGraph(graph: string, quads: Iterable<Quad>): Promise<void>;
  /** Replaces several graphs in one durable step (used by bulk import and harvest batches). */
  replaceGraphs(graphs: Iterable<GraphContent>): Promise<void>;
  dropGraph(graph: string): Promise<void>;
  /**
   * Every triple of these named graphs, in the default graph (as a CONSTRUCT returns them), blank nodes kept
   * apart per graph; graphs holding nothing add nothing. The embedded store answers from its log without the
   * query engine: a catalogue page's 200 graphs cost ~117 ms as a CONSTRUCT at 10 k datasets (mostly writing
   * the triples out of the index and parsing them back), ~17 ms from the log.
   */
  readGraphs(graphs: readonly string[]): Promise<Quad[]>;
  /**
   * One named graph's triples as N-Triples text (as `readGraphs` would give them, blank nodes labelled within the
   * text), or undefined when it holds nothing: for handing a graph to another thread without parsing it in this one.
   * The embedded store returns its log row as written; others serialise what `readGraphs` returns.
   */
  readGraphText(graph: string): Promise<string | undefined>;
  /** Named graphs holding at least one quad, optionally only those whose IRI starts with `prefix`. */
  listGraphs(options?: { readonly prefix?: string }): Promise<string[]>;
  select(query: string, options?: QueryOptions): Promise<SelectResult>;
  ask(query: string, options?: QueryOptions): Promise<boolean>;
  /** CONSTRUCT or DESCRIBE. Returned quads are in the default graph. */
  construct(query: string, options?: QueryOptions): Promise<Quad[]>;
  /**
   * Optional, for a backend that writes answers as text anyway (the embedded store's index worker does): a SELECT
   * as SPARQL 1.1 Query Results JSON, the same solutions `select` gives. The SPARQL endpoint then sends the text
   * on instead of decoding it into terms and encoding it again on the main thread, which every request waits for.
   */
  selectJson?(query: string, options?: QueryOptions): Promise<SerialisedResult>;
  /** Optional, likewise: a CONSTRUCT or DESCRIBE as N-Triples, the same triples `construct` gives. */
  constructNTriples?(query: string, options?: QueryOptions): Promise<SerialisedResult>;
  /** SPARQL 1.1 Update; callers are responsible for authorisation. */
  update(update: string, options?: { readonly timeoutMs?: number }): Promise<void>;
  /** Bulk load of quads grouped by their graph term; each graph is replaced by what the stream holds for it. */
  load(quads: AsyncIterable<Quad> | Iterable<Quad>, options?: { readonly onProgress?: (p: LoadProgress) => void }): Promise<LoadProgress>;
  /** Every quad of every named graph, streamed. */
  dump(): AsyncIterable<Quad>;
  /** Readiness from what the backend already knows; a backend without it is asked a trivial query instead. */
  health?(): StoreHealth;
  /** Settles once the backend can answer queries, when it opened without waiting for that; rejects if it cannot. */
  ready?(): Promise<void>;
  close(): Promise<void>;
}
