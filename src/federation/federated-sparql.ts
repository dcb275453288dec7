// **FederatedSparql** runs one read-only SELECT or ASK on the local store and, through Comunica, on every peer; answers are unioned.
import type { Term } from '@rdfjs/types';
import type { SafeFetcher } from '../core/safe-fetch.js';
import type { Bindings, SelectResult } from '../store/catalogue-store.js';
import { comunicaEngine } from './comunica-engine.js';
import type { SourceStatus } from './federated-search.js';
import { peerFetch } from './peer-fetch.js';
import type { Peer } from './peer.js';
import { withDeadline } from './with-deadline.js';

export type FederatedResult =
  | { readonly form: 'SELECT'; readonly select: SelectResult }
  | { readonly form: 'ASK'; readonly boolean: boolean };

export interface FederatedSparqlAnswer {
  readonly result: FederatedResult;
  readonly partial: boolean;
  readonly sources: readonly SourceStatus[];
}

export interface FederatedSparqlQuestion {
  /** A SELECT or ASK query without SERVICE (the route checks). */
  readonly text: string;
  readonly form: 'SELECT' | 'ASK';
  /** The query's own LIMIT, applied again to the union. */
  readonly limit?: number;
  readonly timeoutMs: number;
  /** Runs the query on the local store. */
  readonly local: (signal: AbortSignal) => Promise<FederatedResult>;
}

/**
 * Union federation: the whole query runs on each source separately (the local store directly; each
 * peer as Comunica's only source, so Comunica sends it the query whole), each under its own deadline,
 * and the solutions are unioned, identical rows once. Joins *across* catalogues are not attempted: with
 * several sources Comunica splits queries into triple patterns, sends per-pattern requests to every
 * source and fails the whole query when one source fails, where a discovery client wants whatever the
 * live catalogues can say. ORDER BY applies within each source; LIMIT is applied again to the union.
 * ASK is true when any source says true.
 */
export class FederatedSparql {
  readonly #peers: readonly Peer[];
  readonly #fetcher: SafeFetcher;

  constructor(options: { readonly peers: readonly Peer[]; readonly fetcher: SafeFetcher }) {
    this.#peers = options.peers;
    this.#fetcher = options.fetcher;
  }

  async query(question: FederatedSparqlQuestion): Promise<FederatedSparqlAnswer> {
    // Loaded before any clock starts: the first load takes seconds.
    if (this.#peers.length > 0) await comunicaEngine();
    const asked = await Promise.all([
      withDeadline(question.timeoutMs, question.local).then((o) => ({ source: 'local', kind: 'local' as const, o })),
      ...this.#peers.map((peer) =>
        withDeadline(question.timeoutMs, (signal) => this.#askPeer(peer, question, signal)).then((o) => ({ source: peer.name, kind: peer.kind, o }))),
    ]);
    const results: FederatedResult[] = [];
    const sources: SourceStatus[] = asked.map(({ source, kind, o }) => {
      if (o.outcome !== 'ok') return { source, kind, status: o.outcome, ms: o.ms, message: o.message };
      results.push(o.value);
      const returned = o.value.form === 'SELECT' ? o.value.select.rows.length : 1;
      return { source, kind, status: 'ok', ms: o.ms, returned };
    });
    return { result: union(question, results), partial: sources.some((s) => s.status !== 'ok'), sources };
  }

  async #askPeer(peer: Peer, question: FederatedSparqlQuestion, signal: AbortSignal): Promise<FederatedResult> {
    const engine = await comunicaEngine();
    const context = { sources: [{ type: 'sparql' as const, value: peer.sparqlUrl }], fetch: peerFetch({ fetcher: this.#fetcher, signal }) };
    if (question.form === 'ASK') return { form: 'ASK', boolean: await engine.queryBoolean(question.text, context) };
    const result = await engine.query(question.text, context);
    if (result.resultType !== 'bindings') throw new Error(`expected bindings, got ${result.resultType}`);
    // Comunica 5 reports `{ variable, canBeUndef }`; its published types still say a bare Variable.
    const variables = (await result.metadata()).variables.map((v) => ((v as unknown as { variable?: Term }).variable ?? v).value);
    const rows: Bindings[] = (await (await result.execute()).toArray()).map((b) => new Map([...b].map(([k, t]) => [k.value, t as Term])));
    return { form: 'SELECT', select: { variables, rows } };
  }
}

function rowKey(row: Bindings, variables: readonly string[]): string {
  return variables.map((v) => {
    const t = row.get(v);
    return t === undefined ? '' : `${t.termType}:${t.value}:${t.termType === 'Literal' ? `${t.language}^${t.datatype.value}` : ''}`;
  }).join('\u0000');
}

function union(question: FederatedSparqlQuestion, results: readonly FederatedResult[]): FederatedResult {
  if (question.form === 'ASK') return { form: 'ASK', boolean: results.some((r) => r.form === 'ASK' && r.boolean) };
  const variables = [...new Set(results.flatMap((r) => (r.form === 'SELECT' ? r.select.variables : [])))];
  const seen = new Set<string>();
  const rows: Bindings[] = [];
  for (const r of results) {
    if (r.form !== 'SELECT') continue;
    for (const row of r.select.rows) {
      const key = rowKey(row, variables);
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(row);
    }
  }
  return { form: 'SELECT', select: { variables, rows: question.limit === undefined ? rows : rows.slice(0, question.limit) } };
}
