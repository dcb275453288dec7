// **load-clients** drives many HTTP clients (autocannon) at a server and summarises what they saw: the load benchmark's clients.
import autocannon from 'autocannon';
import { formatMs } from './latency.js';
import { DEFAULT_BASE, THEMES, WORDS } from './synthetic-dcat.js';

// SELECT answers in SPARQL JSON, CONSTRUCT in N-Triples: one Accept header serves the whole mix.
export const SPARQL_ACCEPT = 'application/sparql-results+json, application/n-triples;q=0.9';
const PREFIXES = 'PREFIX dct: <http://purl.org/dc/terms/> PREFIX dcat: <http://www.w3.org/ns/dcat#>';

/**
 * A portal's SPARQL mix over datasets 0 … n-1: a dataset's page fields by IRI, a lookup by identifier, one
 * dataset's record (CONSTRUCT), and a theme facet (GROUP BY over the whole catalogue).
 */
export function sparqlMix(n: number): () => string {
  const pick = () => Math.floor(Math.random() * n);
  const mix: [number, () => string][] = [
    [0.4, () => `${PREFIXES} SELECT ?title ?modified ?publisher WHERE { <${DEFAULT_BASE}/dataset/${pick()}> dct:title ?title ; dct:modified ?modified ; dct:publisher ?publisher }`],
    [0.2, () => `${PREFIXES} SELECT ?d ?title WHERE { ?d dct:identifier "bench-${pick()}" ; dct:title ?title }`],
    [0.3, () => `${PREFIXES} CONSTRUCT { ?d ?p ?o . ?o ?q ?v } WHERE { VALUES ?d { <${DEFAULT_BASE}/dataset/${pick()}> } ?d ?p ?o OPTIONAL { ?o ?q ?v FILTER(isBlank(?o) || ?p = dcat:distribution) } }`],
    [0.1, () => `${PREFIXES} SELECT ?theme (COUNT(?d) AS ?n) WHERE { ?d a dcat:Dataset ; dcat:theme ?theme } GROUP BY ?theme ORDER BY DESC(?n)`],
  ];
  return () => {
    let r = Math.random();
    for (const [weight, query] of mix) if ((r -= weight) <= 0) return query();
    return mix[0]![1]();
  };
}

/** A search box's questions: one word of the titles' vocabulary, a third of them narrowed by a theme facet. */
export function searchPath(): string {
  const word = WORDS[Math.floor(Math.random() * WORDS.length)]!;
  const theme = Math.random() < 0.3 ? `&theme=${THEMES[Math.floor(Math.random() * THEMES.length)]}` : '';
  return `/api/search?q=${encodeURIComponent(word)}${theme}`;
}

export interface Load {
  readonly requests: number;
  /** Non-2xx answers, connection errors and client timeouts. */
  readonly errors: number;
  /** Status codes of the failed answers, with counts (e.g. `503×4`). */
  readonly failures: string;
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** Runs `connections` clients against `origin` for `seconds`, or until `until` settles; every latency recorded. */
export async function hammer(options: {
  readonly origin: string; readonly connections: number; readonly seconds: number; readonly path: () => string;
  readonly accept?: string; readonly until?: Promise<unknown>;
}): Promise<Load> {
  const latencies: number[] = [];
  const bad = new Map<number, number>();
  let done!: (result: autocannon.Result) => void;
  let failed!: (error: Error) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => { done = resolve; failed = reject; });
  const instance = autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.until === undefined ? options.seconds : 24 * 3600,
    timeout: 60,
    headers: { accept: options.accept ?? 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, path: options.path() }) }],
  }, (error, result) => (error ? failed(error as Error) : done(result)));
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status >= 400) bad.set(status, (bad.get(status) ?? 0) + 1);
  });
  if (options.until !== undefined) void options.until.finally(() => instance.stop());
  const started = performance.now();
  const result = await finished;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const statusErrors = [...bad.values()].reduce((a, b) => a + b, 0);
  const failures = [...bad].map(([status, n]) => `${status}×${n}`);
  if (result.errors > 0) failures.push(`connection errors×${result.errors}`);
  if (result.timeouts > 0) failures.push(`timeouts×${result.timeouts}`);
  return {
    requests: latencies.length, errors: statusErrors + result.errors + result.timeouts, failures: failures.join(' '),
    rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99),
  };
}

export function describeLoad(load: Load): string {
  const errors = load.errors === 0 ? '0 errors' : `${load.errors} errors (${load.failures})`;
  return `${load.requests} requests, ${errors}, ${load.rps.toFixed(1)} req/s, p50 ${formatMs(load.p50)} / p95 ${formatMs(load.p95)} / p99 ${formatMs(load.p99)} ms`;
}
