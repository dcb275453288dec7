// **FederatedSparql** runs one read-only SPARQL query over the local store and every peer with Comunica.
import { CatErrors } from '../core/errors.js';
import type { SafeFetcher } from '../core/safe-fetch.js';
import { comunicaEngine } from './comunica-engine.js';
import type { SourceStatus } from './federated-search.js';
import { peerFetch, type Loopback } from './peer-fetch.js';
import type { Peer } from './peer.js';

export interface FederatedSparqlAnswer {
  /** SPARQL 1.1 Query Results JSON. */
  readonly body: string;
  readonly partial: boolean;
  readonly sources: readonly SourceStatus[];
}

interface Source {
  readonly name: string;
  readonly kind: SourceStatus['kind'];
  readonly url: string;
  readonly controller: AbortController;
  error?: string;
  timedOut?: boolean;
}

/**
 * The local store joins as one more SPARQL source whose URL is our own /sparql; its requests never
 * leave the process (the `loopback` answers them), so this works whatever SHEAF_BASE_URL says and
 * without a listening socket. Comunica runs lenient: a source that fails or passes its deadline is
 * dropped from the query and reported, and the answer is marked partial rather than failing.
 */
export class FederatedSparql {
  readonly #peers: readonly Peer[];
  readonly #fetcher: SafeFetcher;
  readonly #loopback: Loopback;

  constructor(options: { readonly peers: readonly Peer[]; readonly fetcher: SafeFetcher; readonly loopback: Loopback }) {
    this.#peers = options.peers;
    this.#fetcher = options.fetcher;
    this.#loopback = options.loopback;
  }

  /** `text` must already be checked to be a SELECT or ASK query without SERVICE (the route does it). */
  async query(text: string, options: { readonly timeoutMs: number }): Promise<FederatedSparqlAnswer> {
    // Loaded before the clocks start: the first load takes seconds and would eat every deadline.
    const engine = await comunicaEngine();
    const started = performance.now();
    const sources: Source[] = [
      { name: 'local', kind: 'local', url: this.#loopback.prefix, controller: new AbortController() },
      ...this.#peers.map((p) => ({ name: p.name, kind: p.kind, url: p.sparqlUrl, controller: new AbortController() })),
    ];
    const timers = sources.map((s) => setTimeout(() => {
      s.timedOut = true;
      s.controller.abort();
    }, options.timeoutMs));
    // Each source's requests carry that source's signal; `owner` finds the source a URL belongs to.
    const owner = (url: string) => sources.find((s) => url.startsWith(s.url));
    const signal = new AbortController();
    const fetch = peerFetch({
      fetcher: this.#fetcher,
      loopback: this.#loopback,
      signal: signal.signal,
      onError: (url, error) => {
        const source = owner(url);
        if (source && !source.error) source.error = error.message;
      },
    });
    const scoped: typeof globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const source = owner(url);
      const own = source?.controller.signal;
      return fetch(input, { ...init, ...(own && { signal: init?.signal ? AbortSignal.any([init.signal, own]) : own }) });
    };
    // The whole query may take a little longer than one source's deadline (joins after the last answer).
    const overall = setTimeout(() => signal.abort(), options.timeoutMs * 2);
    try {
      const result = await engine.query(text, {
        sources: sources.map((s) => ({ type: 'sparql', value: s.url })),
        fetch: scoped,
        lenient: true,
      });
      const { data } = await engine.resultToString(result, 'application/sparql-results+json');
      const body = await readAll(data as NodeJS.ReadableStream, signal.signal, options.timeoutMs * 2);
      const ms = Math.round(performance.now() - started);
      const statuses: SourceStatus[] = sources.map((s) => ({
        source: s.name, kind: s.kind, ms,
        ...(s.timedOut ? { status: 'timeout', message: `no answer within ${options.timeoutMs} ms` }
          : s.error ? { status: 'error', message: s.error } : { status: 'ok' }),
      }) as SourceStatus);
      return { body, partial: statuses.some((s) => s.status !== 'ok'), sources: statuses };
    } finally {
      for (const t of timers) clearTimeout(t);
      clearTimeout(overall);
    }
  }
}

function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    const stop = () => reject(new CatErrors.QUERY_TIMEOUT(String(timeoutMs)));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    stream.on('data', (c: Buffer | string) => chunks.push(String(c)));
    stream.on('error', reject);
    stream.on('end', () => resolve(chunks.join('')));
  });
}
