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

export const federatedSparqlRoutes: FastifyPluginAsync = async (app) => {
  const { config } = app;
  const fetcher = peerFetcher(config.allowPrivateNetworks);
  app.addHook('onClose', async () => fetcher.close());
  const local = `${config.baseUrl}/sparql`;
  const federation = new FederatedSparql({
    peers: parsePeers(config.peers),
    fetcher,
    // Comunica's requests for our own endpoint are answered by the /sparql route in-process: the same
    // read-only rules, caps and timeouts, and no dependence on SHEAF_BASE_URL being reachable from here.
    loopback: {
      prefix: local,
      handle: async (req) => {
        const res = await app.inject({
          method: req.method, url: `/sparql${req.url.slice(local.length)}`, ...(req.body !== undefined && { payload: req.body }),
          headers: { ...(req.contentType && { 'content-type': req.contentType }), ...(req.accept && { accept: req.accept }) },
        });
        return { status: res.statusCode, contentType: res.headers['content-type'] as string | undefined, body: res.body };
      },
    },
  });

  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  app.addContentTypeParser(SPARQL_QUERY, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: { timeoutMs: number; query?: string }; Body: unknown }>('/api/federated-sparql', {
    schema: {
      querystring: federatedSparqlQuerySchema, body: federatedSparqlBody, response: federatedSparqlResponses, tags: ['sparql'],
      summary: 'One SELECT or ASK over this catalogue and its peers, through Comunica',
      description: 'Read-only: updates, CONSTRUCT/DESCRIBE and SERVICE are refused. A peer that fails or passes `timeoutMs` is left out and reported in the `sheaf-sources` header; the results are then partial.',
    },
  }, async (request, reply) => {
    const body = request.body;
    const text = typeof body === 'string' ? body : (body as { query?: unknown } | undefined)?.query;
    if (typeof text !== 'string' || text.trim() === '') {
      throw new CatErrors.BAD_REQUEST('send the query as application/sparql-query or as the form field `query`');
    }
    const parsed = parseSparql(text, { baseIri: local, expect: 'query' });
    if (parsed.queryType !== 'SELECT' && parsed.queryType !== 'ASK') {
      throw new CatErrors.BAD_QUERY(`${parsed.queryType} is not supported here; federated results are SPARQL JSON (SELECT or ASK)`);
    }
    // Comunica does the federating; a SERVICE clause would make it fetch wherever the client says.
    assertServicesAllowed(parsed, []);
    const timeoutMs = Math.min(request.query.timeoutMs, config.queryTimeoutMs);
    const answer = await federation.query(generator.stringify(parsed), { timeoutMs });
    return reply
      .header('sheaf-sources', JSON.stringify(answer.sources))
      .header('sheaf-partial', String(answer.partial))
      .type('application/sparql-results+json; charset=utf-8')
      .send(answer.body);
  });
};
