// **searchSparqlPeer** asks a plain SPARQL endpoint for datasets matching the keywords, through Comunica.
import { DataFactory } from 'n3';
import type { SafeFetcher } from '../core/safe-fetch.js';
import { QueryFile } from '../core/query-file.js';
import { comunicaEngine } from './comunica-engine.js';
import { peerFetch } from './peer-fetch.js';
import type { Peer } from './peer.js';
import type { PeerAnswer, PeerHit } from './peer-answer.js';

const KEYWORD_SEARCH = QueryFile.load('federated-keyword-search');
const XSD_INTEGER = DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#integer');
/** More words than this make a query no endpoint answers quickly; the rest are dropped. */
const MAX_WORDS = 8;

/** The words of `q`, as the query file binds them: every word must occur in the title or description. */
export function keywordQuery(q: string | undefined): string {
  const words = [...new Set((q ?? '').toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
  // No words: the empty string is contained in every title, so the peer lists its datasets.
  const bound = words.length > 0 ? words : [''];
  return KEYWORD_SEARCH.bind({
    word: bound.map((w) => DataFactory.literal(w)),
    wordCount: [DataFactory.literal(String(bound.length), XSD_INTEGER)],
  });
}

export async function searchSparqlPeer(options: {
  readonly peer: Peer;
  readonly fetcher: SafeFetcher;
  readonly q?: string;
  readonly signal: AbortSignal;
}): Promise<PeerAnswer> {
  const engine = await comunicaEngine();
  const stream = await engine.queryBindings(keywordQuery(options.q), {
    sources: [{ type: 'sparql', value: options.peer.sparqlUrl }],
    fetch: peerFetch({ fetcher: options.fetcher, signal: options.signal }),
  });
  const items: PeerHit[] = [];
  for (const row of await stream.toArray()) {
    const dataset = row.get('dataset');
    if (dataset?.termType !== 'NamedNode') continue;
    const hit: Record<string, string> = { dataset: dataset.value };
    for (const key of ['title', 'description', 'modified'] as const) {
      const value = row.get(key)?.value;
      if (value !== undefined) hit[key] = value;
    }
    items.push(hit as unknown as PeerHit);
  }
  return { total: items.length, items };
}
