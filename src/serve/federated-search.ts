// **federatedSearchRoutes** answers `GET /api/federated-search`: the local search and every peer's, merged with attribution.
import type { FastifyPluginAsync } from 'fastify';
import { SafeFetcher } from '../core/safe-fetch.js';
import { comunicaEngine } from '../federation/comunica-engine.js';
import { FederatedSearch } from '../federation/federated-search.js';
import { parsePeers } from '../federation/peer.js';
import { readSearchBody } from '../federation/sheaf-peer-search.js';
import { federatedSearchQuerySchema, federatedSearchResponseSchema, PEER_TIMEOUT_MAX_MS } from './schemas/federation.js';

/** A fetcher for peer questions: no retries and no politeness delay (a person is waiting), the address guard as configured. */
export function peerFetcher(allowPrivateNetworks: boolean): SafeFetcher {
  return new SafeFetcher({
    allowPrivateNetworks, retries: 0, perHostDelayMs: 0, perHostConcurrency: 16,
    timeoutMs: PEER_TIMEOUT_MAX_MS, maxBytes: 20 * 1024 * 1024,
  });
}

export const federatedSearchRoutes: FastifyPluginAsync = async (app) => {
  const peers = parsePeers(app.config.peers);
  const fetcher = peerFetcher(app.config.allowPrivateNetworks);
  app.addHook('onClose', async () => fetcher.close());
  const federation = new FederatedSearch({ peers, fetcher });
  // Loading Comunica takes seconds and blocks the event loop while its modules evaluate: do it at
  // start-up, not inside the first question's deadline.
  if (peers.some((p) => p.kind === 'sparql')) await comunicaEngine();
  // Likewise the HTTP client: a peer's first answer must not wait for it to load.
  if (peers.length > 0) await fetcher.prepare();

  app.get<{ Querystring: { timeoutMs: number; pageSize: number } }>('/api/federated-search', {
    schema: {
      querystring: federatedSearchQuerySchema, response: { 200: federatedSearchResponseSchema }, tags: ['search'],
      summary: 'Search this catalogue and its peers (SHEAF_PEERS) in parallel',
      description: 'Sheaf peers get the same query string on their /api/search; plain SPARQL peers get the keywords (q) as a SELECT through Comunica. Hits are merged by dataset IRI with every source that returned them; a slow or failing peer makes the answer `partial` and is reported in `sources`.',
    },
  }, async (request) => {
    // The client's own query string, repeats and all, minus what only federation reads.
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    query.delete('timeoutMs');
    const qs = query.toString();
    return federation.search({
      query,
      timeoutMs: request.query.timeoutMs,
      limit: request.query.pageSize,
      // The local index answers through its own route, so it reads the parameters exactly as a peer does.
      local: async () => {
        const res = await app.inject({ method: 'GET', url: `/api/search${qs ? `?${qs}` : ''}` });
        if (res.statusCode !== 200) throw new Error(`local search answered HTTP ${res.statusCode}`);
        return readSearchBody(res.json());
      },
    });
  });
};
