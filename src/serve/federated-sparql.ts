// **federatedSparqlRoutes** answers `POST /api/federated-sparql`: one read-only query over the local store and the peers.
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { FederatedSparql } from '../federation/federated-sparql.js';
import { parsePeers } from '../federation/peer.js';
import { peerFetcher } from './federated-search.js';
import { federatedSparqlBody, federatedSparqlQuerySchema, federatedSparqlResponses } from './schemas/federation.js';
import { assertServicesAllowed } from './sparql-protocol/assert-services.js';
import { generator, parseSparql } from './sparql-protocol/parse-sparql.js';
import { FORM, SPARQL_QUERY } from './sparql-protocol/read-operation.js';
import { assertWithinCap } from './sparql-protocol/prepare-query.js';
import { sparqlJson } from './sparql-results/sparql-json.js';

export const federatedSparqlRoutes: FastifyPluginAsync = async (app) => {
  const { config } = app;
  const fetcher = peerFetcher(config.allowPrivateNetworks);
  app.addHook('onClose', async () => fetcher.close());
  const local = `${config.baseUrl}/sparql`;
  const peers = parsePeers(config.peers);
  const federation = new FederatedSparql({ peers, fetcher });
  // A peer's first answer must not wait for the HTTP client to load (see federated-search.ts).
  if (peers.length > 0) await fetcher.prepare();

  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  app.addContentTypeParser(SPARQL_QUERY, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: { timeoutMs: number; query?: string }; Body: unknown }>('/api/federated-sparql', {
    schema: {
      querystring: federatedSparqlQuerySchema, body: federatedSparqlBody, response: federatedSparqlResponses, tags: ['sparql'],
      summary: 'One SELECT or ASK on this catalogue and on each peer (through Comunica), answers unioned',
      description: 'The query runs whole on each source (no joins across catalogues); solutions are unioned, identical rows once, LIMIT applied again to the union; ASK is true if any source says so. Read-only: updates, CONSTRUCT/DESCRIBE and SERVICE are refused. A peer that fails or passes `timeoutMs` is left out and reported in the `sheaf-sources` header, and `sheaf-partial` is true.',
    },
  }, async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== SPARQL_QUERY && type !== FORM) {
      throw new CatErrors.UNSUPPORTED_MEDIA_TYPE(`${type || 'no content type'}; send application/sparql-query or a form with \`query\``);
    }
    const body = request.body;
    const query = typeof body === 'string' ? body : (body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || query.trim() === '') {
      throw new CatErrors.BAD_REQUEST('send the query as application/sparql-query or as the form field `query`');
    }
    const parsed = parseSparql(query, { baseIri: local, expect: 'query' });
    if (parsed.queryType !== 'SELECT' && parsed.queryType !== 'ASK') {
      throw new CatErrors.BAD_QUERY(`${parsed.queryType} is not supported here; federated results are SPARQL JSON (SELECT or ASK)`);
    }
    // Comunica does the federating; a SERVICE clause would make it fetch wherever the client says.
    assertServicesAllowed(parsed, []);
    const timeoutMs = Math.min(request.query.timeoutMs, config.queryTimeoutMs);
    const text = generator.stringify(parsed);
    const form = parsed.queryType;
    const answer = await federation.query({
      text, form, timeoutMs, ...('limit' in parsed && parsed.limit !== undefined && { limit: parsed.limit }),
      // The local store directly: same store, same timeout rule as /sparql, no HTTP round trip.
      local: async () => (form === 'ASK'
        ? { form, boolean: await app.store.ask(text, { timeoutMs }) }
        : { form, select: await app.store.select(text, { timeoutMs }) }),
    });
    const { result } = answer;
    if (result.form === 'SELECT') assertWithinCap(result.select.rows.length, config.resultCap);
    return reply
      .header('sheaf-sources', JSON.stringify(answer.sources))
      .header('sheaf-partial', String(answer.partial))
      .type('application/sparql-results+json; charset=utf-8')
      .send(result.form === 'SELECT' ? sparqlJson.select(result.select) : sparqlJson.boolean(result.boolean));
  });
};
