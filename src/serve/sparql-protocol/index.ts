// **sparqlProtocolRoutes** serves the SPARQL 1.1 Protocol at /sparql: queries for all, updates for admins, a service description.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CatErrors } from '../../core/errors.js';
import { parsePeers } from '../../federation/peer.js';
import { RDF_GRAPH, SELECT_RESULTS, type MediaOffer } from '../negotiate.js';
import { serializeRdf } from '../../core/rdf-serialize.js';
import { RdfXmlUnrepresentable } from '../../core/rdf-xml-writer.js';
import { methodNotAllowedResponses, SparqlBody, SparqlParams, sparqlResponses } from '../schemas/sparql-protocol.js';
import { RESULTS_WRITERS } from '../sparql-results/index.js';
import { assertWithinCap } from './prepare-query.js';
import { prepareUpdate } from './prepare-update.js';
import { QueryCache } from './query-cache.js';
import { FORM, readOperation, SPARQL_QUERY, SPARQL_UPDATE, type ProtocolParams } from './read-operation.js';
import { serviceDescription } from './service-description.js';

/** Form fields as lists, keeping repeats (URLSearchParams decodes `+` as space, as forms require). */
function parseForm(body: string): ProtocolParams {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of new URLSearchParams(body)) (fields[name] ??= []).push(value);
  return fields;
}

function send(reply: FastifyReply, offer: MediaOffer, body: string): FastifyReply {
  return reply.type(`${offer.mediaType}; charset=utf-8`).send(body);
}

export interface SparqlProtocolOptions {
  /** A page for people (the web console's editor): served for GET when `wants(Accept)` says the client is a browser. */
  readonly editor?: {
    readonly wants: (accept: string | undefined) => boolean;
    readonly html: (opts: { readonly query?: string }) => string;
  };
}

export const sparqlProtocolRoutes: FastifyPluginAsync<SparqlProtocolOptions> = async (app, opts) => {
  const { config } = app;
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
  app.addContentTypeParser([SPARQL_QUERY, SPARQL_UPDATE], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const endpoint = `${config.baseUrl}/sparql`;
  const description = serviceDescription({ endpoint, federation: config.peers.length > 0 });
  // SERVICE may name a peer's SPARQL endpoint: `sheaf:https://host` allows https://host/sparql, not the entry as typed.
  const peers = parsePeers(config.peers).map((peer) => peer.sparqlUrl);
  const queries = new QueryCache({ baseIri: endpoint, peers, resultCap: config.resultCap, timeoutMs: config.queryTimeoutMs });

  // One handler for GET and POST: readOperation owns the protocol's rules about where the operation may be.
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    void reply.header('vary', 'Accept, Authorization');
    if (request.method === 'GET' && opts.editor?.wants(request.headers.accept)) {
      const query = (request.query as ProtocolParams).query?.[0];
      return reply.type('text/html; charset=utf-8').send(opts.editor.html(query === undefined ? {} : { query }));
    }
    const operation = readOperation({
      method: request.method as 'GET' | 'POST',
      contentType: request.headers['content-type'],
      urlParams: request.query as ProtocolParams,
      body: request.body,
    });

    if (operation.kind === 'description') {
      const offer = RDF_GRAPH.require(request.headers.accept);
      return send(reply, offer, await serializeRdf(description, { format: offer.format }));
    }

    if (operation.kind === 'update') {
      await app.authorize(request, 'admin');
      const text = prepareUpdate(operation.text, {
        baseIri: endpoint, usingGraphUris: operation.usingGraphUris, usingNamedGraphUris: operation.usingNamedGraphUris, peers,
      });
      request.log.info({ principal: request.principal?.name }, 'SPARQL update');
      await app.metrics.timeStore('update', () => app.store.update(text, { timeoutMs: config.queryTimeoutMs }));
      return reply.code(204).send();
    }

    // Parsing and regenerating the query blocks the thread for as long as the query is long: one per turn.
    const prepared = await app.turns.run(() => queries.prepare(operation.text, operation));
    // Each branch negotiates before running: a 406 must not cost a query.
    switch (prepared.form) {
      case 'SELECT': {
        const offer = SELECT_RESULTS.require(request.headers.accept);
        // A backend that has the answer as SPARQL JSON text already: sent on as it is, never decoded here.
        if (offer.format === 'json' && app.store.selectJson) {
          const answer = await app.metrics.timeStore('select', () => app.store.selectJson!(prepared.text, prepared.options));
          assertWithinCap(answer.rows, prepared.cap);
          return send(reply, offer, answer.text);
        }
        const result = await app.metrics.timeStore('select', () => app.store.select(prepared.text, prepared.options));
        assertWithinCap(result.rows.length, prepared.cap);
        return send(reply, offer, RESULTS_WRITERS.get(offer.format)!.select(result));
      }
      case 'ASK': {
        const offer = SELECT_RESULTS.require(request.headers.accept);
        const answer = await app.metrics.timeStore('ask', () => app.store.ask(prepared.text, prepared.options));
        return send(reply, offer, RESULTS_WRITERS.get(offer.format)!.boolean(answer));
      }
      case 'CONSTRUCT':
      case 'DESCRIBE': {
        const offer = RDF_GRAPH.require(request.headers.accept);
        if (offer.format === 'n-triples' && app.store.constructNTriples) {
          const answer = await app.metrics.timeStore('construct', () => app.store.constructNTriples!(prepared.text, prepared.options));
          assertWithinCap(answer.rows, prepared.cap);
          return send(reply, offer, answer.text);
        }
        const quads = await app.metrics.timeStore('construct', () => app.store.construct(prepared.text, prepared.options));
        // CONSTRUCT limits count solutions, not triples, so the cap is checked on what came back.
        assertWithinCap(quads.length, prepared.cap);
        try {
          return send(reply, offer, await serializeRdf(quads, { format: offer.format }));
        } catch (error) {
          if (error instanceof RdfXmlUnrepresentable) throw new CatErrors.NOT_ACCEPTABLE(`${error.message}; ask for Turtle or N-Triples`);
          throw error;
        }
      }
    }
  };

  const common = { tags: ['sparql'], querystring: SparqlParams, response: sparqlResponses };
  app.get('/sparql', {
    schema: {
      ...common,
      summary: 'SPARQL query by GET, or the service description when there is no query',
      description: 'Results are negotiated by Accept: SPARQL JSON/XML/CSV/TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML, N-Quads for CONSTRUCT and DESCRIBE.',
    },
  }, handler);
  app.post('/sparql', {
    schema: {
      ...common,
      summary: 'SPARQL query or update by POST (form or direct)',
      description: 'application/sparql-query or a form with `query`; application/sparql-update or a form with `update` (admin bearer token).',
      body: SparqlBody,
      // Queries are anonymous; updates need the admin token.
      security: [{}, { bearer: [] }],
    },
  }, handler);

  app.route({
    method: ['PUT', 'DELETE', 'PATCH'],
    url: '/sparql',
    schema: { summary: 'not supported', tags: ['sparql'], hide: true, response: methodNotAllowedResponses },
    handler: async (request, reply) => {
      void reply.header('allow', 'GET, POST, OPTIONS');
      throw new CatErrors.METHOD_NOT_ALLOWED(`${request.method} /sparql; use GET or POST`);
    },
  });
};
