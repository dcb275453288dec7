// **FederatedSearch** asks the local index and every peer in parallel, each under its own deadline, and merges what came back.
import type { SafeFetcher } from '../core/safe-fetch.js';
import { mergeHits, type MergedHit } from './merge-hits.js';
import type { Peer } from './peer.js';
import type { PeerAnswer } from './peer-answer.js';
import { searchSheafPeer } from './sheaf-peer-search.js';
import { searchSparqlPeer } from './sparql-peer-search.js';
import { withDeadline } from './with-deadline.js';

export interface SourceStatus {
  /** `local`, or the peer's name as configured. */
  readonly source: string;
  readonly kind: 'local' | Peer['kind'];
  readonly status: 'ok' | 'timeout' | 'error' | 'skipped';
  readonly ms: number;
  /** Hits the source holds in all (ok only). */
  readonly total?: number;
  /** Hits it returned (ok only). */
  readonly returned?: number;
  readonly message?: string;
}

export interface FederatedAnswer {
  /** True when any source timed out, failed or could not take the question: the list may miss hits. */
  readonly partial: boolean;
  readonly items: readonly MergedHit[];
  readonly sources: readonly SourceStatus[];
}

export interface FederatedQuestion {
  /** The client's search parameters (q, facets, ranges, pageSize …), forwarded unchanged to sheaf peers. */
  readonly query: URLSearchParams;
  /** Each source's deadline, in ms. */
  readonly timeoutMs: number;
  /** Answers from the local index; called like a peer, under the same deadline. */
  readonly local: (signal: AbortSignal) => Promise<PeerAnswer>;
  /** How many merged hits to return. */
  readonly limit: number;
}

/** Parameters a plain SPARQL peer can honour: the keywords (and paging, which merging redoes anyway). */
const KEYWORD_ONLY = new Set(['q', 'page', 'pageSize', 'sort', 'facetLimit']);

export class FederatedSearch {
  readonly #peers: readonly Peer[];
  readonly #fetcher: SafeFetcher;

  constructor(options: { readonly peers: readonly Peer[]; readonly fetcher: SafeFetcher }) {
    this.#peers = options.peers;
    this.#fetcher = options.fetcher;
  }

  get peers(): readonly Peer[] {
    return this.#peers;
  }

  async search(question: FederatedQuestion): Promise<FederatedAnswer> {
    const { query, timeoutMs } = question;
    const keywordsOnly = [...query.keys()].every((k) => KEYWORD_ONLY.has(k));
    const q = query.get('q') ?? undefined;
    const asked = await Promise.all([
      ask('local', 'local', timeoutMs, question.local),
      ...this.#peers.map((peer) => {
        if (peer.kind === 'sheaf') {
          return ask(peer.name, peer.kind, timeoutMs, (signal) => searchSheafPeer({ peer, fetcher: this.#fetcher, query, signal }));
        }
        if (!keywordsOnly) {
          return Promise.resolve({
            status: { source: peer.name, kind: peer.kind, status: 'skipped', ms: 0, message: 'a plain SPARQL peer answers keyword (q) searches only, not facet or range filters' } as SourceStatus,
          });
        }
        return ask(peer.name, peer.kind, timeoutMs, (signal) => searchSparqlPeer({ peer, fetcher: this.#fetcher, signal, ...(q !== undefined && { q }) }));
      }),
    ]);
    const lists = asked.flatMap((a) => ('answer' in a && a.answer ? [{ source: a.status.source, items: a.answer.items }] : []));
    return {
      partial: asked.some((a) => a.status.status !== 'ok'),
      items: mergeHits(lists).slice(0, question.limit),
      sources: asked.map((a) => a.status),
    };
  }
}

/** One source's question under its deadline, as a status (and the answer when it came). */
async function ask(
  source: string, kind: SourceStatus['kind'], timeoutMs: number, run: (signal: AbortSignal) => Promise<PeerAnswer>,
): Promise<{ status: SourceStatus; answer?: PeerAnswer }> {
  const result = await withDeadline(timeoutMs, run);
  if (result.outcome !== 'ok') return { status: { source, kind, status: result.outcome, ms: result.ms, message: result.message } };
  const answer = result.value;
  return { status: { source, kind, status: 'ok', ms: result.ms, total: answer.total, returned: answer.items.length }, answer };
}
