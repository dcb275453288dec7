// **store-backends** wraps each store under test (embedded, Comunica baseline, Virtuoso) behind one bench shape.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Store as N3Store } from 'n3';
import { Agent, request } from 'undici';
import { loadConfig } from '../src/core/config.js';
import { buildApp } from '../src/serve/app.js';
import type { CatalogueStore } from '../src/store/catalogue-store.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { SparqlRemoteStore } from '../src/store/sparql-remote.js';
import { DEFAULT_BASE, syntheticDcat } from './synthetic-dcat.js';

/** Something that answers the benchmark's queries: a store in-process, or a sheaf server over HTTP. */
export interface QueryRunner {
  select(query: string): Promise<unknown>;
  construct(query: string): Promise<unknown>;
}

export interface BenchBackend extends QueryRunner {
  readonly name: string;
  /** Adds datasets `first … first+count-1` (one graph each); resolves to the number of quads written. */
  load(first: number, count: number): Promise<number>;
  /** Milliseconds to reopen from disk, for backends that have such a restart. */
  restart?(): Promise<number>;
  /** A real sheaf server (buildApp + listen on 127.0.0.1:0) over this backend, for backends that are CatalogueStores. */
  serve?(): Promise<QueryRunner & { readonly endpoint: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

const SELECT_ACCEPT = 'application/sparql-results+json';
const GRAPH_ACCEPT = 'application/n-triples';

/**
 * Starts sheaf's own app over `store` and queries its /sparql endpoint with GET, as a client would, over one
 * kept-alive connection with undici's `request`. (Node's global fetch spends about a millisecond more per
 * call in the client itself, measured here: that would be charged to the server's HTTP layer.)
 */
async function serveStore(store: CatalogueStore): Promise<QueryRunner & { readonly endpoint: string; close(): Promise<void> }> {
  const config = loadConfig({}, { dataDir: os.tmpdir(), demo: false, logLevel: 'silent', queryTimeoutMs: 600_000, resultCap: 1_000_000 });
  const app = await buildApp({ config, store, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}/sparql`;
  const dispatcher = new Agent({ connections: 1 });
  const get = async (query: string, accept: string, parse: (text: string) => unknown) => {
    const response = await request(`${endpoint}?query=${encodeURIComponent(query)}`, { headers: { accept }, dispatcher });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`GET /sparql answered ${response.statusCode}: ${text.slice(0, 300)}`);
    return parse(text);
  };
  return {
    endpoint,
    // Parse what comes back, as the in-process path parses into terms: otherwise HTTP would look cheaper.
    select: (query) => get(query, SELECT_ACCEPT, (text) => JSON.parse(text)),
    construct: (query) => get(query, GRAPH_ACCEPT, (text) => text.split('\n').length),
    close: async () => {
      await dispatcher.close();
      await app.close();
    },
  };
}

/** Adapts any CatalogueStore; the subclasses add how it opens, restarts and closes. */
abstract class CatalogueBackend implements BenchBackend {
  abstract readonly name: string;
  protected abstract store: CatalogueStore;
  async load(first: number, count: number): Promise<number> {
    const progress = await this.store.load(syntheticDcat({ first, count }));
    return progress.quads;
  }
  select(query: string): Promise<unknown> {
    return this.store.select(query);
  }
  construct(query: string): Promise<unknown> {
    return this.store.construct(query);
  }
  serve() {
    return serveStore(this.store);
  }
  abstract close(): Promise<void>;
}

/** The embedded default: OxigraphStore on a fresh data directory. */
export class EmbeddedBackend extends CatalogueBackend {
  readonly name = 'embedded';
  protected store!: OxigraphStore;
  readonly #dir: string;

  private constructor(dir: string) {
    super();
    this.#dir = dir;
  }

  static async open(): Promise<EmbeddedBackend> {
    const backend = new EmbeddedBackend(await mkdtemp(path.join(os.tmpdir(), 'sheaf-bench-')));
    backend.store = await OxigraphStore.open({ dataDir: backend.#dir });
    return backend;
  }

  async restart(): Promise<number> {
    await this.store.close();
    const started = performance.now();
    this.store = await OxigraphStore.open({ dataDir: this.#dir });
    return performance.now() - started;
  }

  async close(): Promise<void> {
    await this.store.close();
    await rm(this.#dir, { recursive: true, force: true });
  }
}

/** A running Virtuoso (SHEAF_TEST_VIRTUOSO_*), through SparqlRemoteStore. */
export class VirtuosoBackend extends CatalogueBackend {
  readonly name = 'virtuoso';
  protected store!: SparqlRemoteStore;

  static async open(env: NodeJS.ProcessEnv): Promise<VirtuosoBackend | undefined> {
    const queryUrl = env.SHEAF_TEST_VIRTUOSO_QUERY_URL;
    if (!queryUrl) return undefined;
    const backend = new VirtuosoBackend();
    backend.store = await SparqlRemoteStore.open({
      queryUrl,
      updateUrl: env.SHEAF_TEST_VIRTUOSO_UPDATE_URL ?? queryUrl,
      gspUrl: env.SHEAF_TEST_VIRTUOSO_GSP_URL,
      timeoutMs: 600_000,
      retries: 3,
    });
    await backend.#clear();
    return backend;
  }

  /** Earlier bench runs left their graphs: drop them so sizes are what the table says. */
  async #clear(): Promise<void> {
    const graphs = await this.store.listGraphs({ prefix: `${DEFAULT_BASE}/` });
    if (graphs.length > 0) process.stderr.write(`virtuoso: dropping ${graphs.length} graphs of an earlier run\n`);
    for (let i = 0; i < graphs.length; i += 500) {
      const values = graphs.slice(i, i + 500).map((g) => `<${g}>`).join(' ');
      await this.store.update(`DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { ${values} } GRAPH ?g { ?s ?p ?o } }`);
    }
  }

  async close(): Promise<void> {
    await this.#clear();
    await this.store.close();
  }
}

/** The plain-JS baseline: Comunica's SPARQL engine over an N3 in-memory store, default graph = union. */
export class ComunicaBackend implements BenchBackend {
  readonly name = 'comunica';
  readonly #store = new N3Store();
  readonly #engine: import('@comunica/query-sparql').QueryEngine;

  private constructor(engine: import('@comunica/query-sparql').QueryEngine) {
    this.#engine = engine;
  }

  static async open(): Promise<ComunicaBackend> {
    const { QueryEngine } = await import('@comunica/query-sparql');
    return new ComunicaBackend(new QueryEngine());
  }

  async load(first: number, count: number): Promise<number> {
    let quads = 0;
    for (const q of syntheticDcat({ first, count })) {
      this.#store.addQuad(q);
      quads++;
    }
    return quads;
  }

  async select(query: string): Promise<unknown> {
    const stream = await this.#engine.queryBindings(query, { sources: [this.#store], unionDefaultGraph: true });
    return stream.toArray();
  }

  async construct(query: string): Promise<unknown> {
    const stream = await this.#engine.queryQuads(query, { sources: [this.#store], unionDefaultGraph: true });
    return stream.toArray();
  }

  async close(): Promise<void> {
    // Nothing to release: the N3 store is garbage once the backend is.
  }
}
