// **parsePeers** reads SHEAF_PEERS entries into typed peers: other sheaf instances or plain SPARQL endpoints.

export type PeerKind = 'sheaf' | 'sparql';

export interface Peer {
  /** The entry as configured, without its kind prefix: how answers and statuses name the peer. */
  readonly name: string;
  readonly kind: PeerKind;
  /** `/api/search` of a sheaf peer; undefined for SPARQL peers. */
  readonly searchUrl?: string;
  /** Where SPARQL queries go: the endpoint itself, or a sheaf peer's `/sparql`. */
  readonly sparqlUrl: string;
}

const PREFIXED = /^(sheaf|sparql):(https?:\/\/.+)$/i;

/**
 * An entry is `sheaf:https://host[/base]` or `sparql:https://host/path`; without a prefix the kind is
 * inferred from the path: one ending in `/sparql` is a SPARQL endpoint (that is also how the /sparql
 * route's SERVICE allow-list reads SHEAF_PEERS), anything else is a sheaf base URL. Inference needs no
 * request at start-up, so a peer that is down when we start is still listed (and reported as down).
 */
export function parsePeer(entry: string): Peer {
  const match = PREFIXED.exec(entry.trim());
  const url = (match ? match[2]! : entry.trim()).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`SHEAF_PEERS: "${entry}" is not a URL (use sheaf:https://host or sparql:https://host/sparql)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`SHEAF_PEERS: "${entry}" must be an http(s) URL`);
  }
  const kind = (match?.[1]?.toLowerCase() as PeerKind | undefined) ?? (/\/sparql$/.test(parsed.pathname) ? 'sparql' : 'sheaf');
  return Object.freeze(kind === 'sheaf'
    ? { name: url, kind, searchUrl: `${url}/api/search`, sparqlUrl: `${url}/sparql` }
    : { name: url, kind, sparqlUrl: url });
}

export function parsePeers(entries: readonly string[]): readonly Peer[] {
  const peers = entries.map(parsePeer);
  const seen = new Set<string>();
  return Object.freeze(peers.filter((p) => !seen.has(p.name) && seen.add(p.name)));
}
