// **datasetPageRoutes** makes each dataset dereferenceable: HTML for browsers, RDF otherwise, 404 unknown, 410 withdrawn.
import type { FastifyPluginAsync } from 'fastify';
import { DataFactory } from 'n3';
import { CatErrors } from '../../core/errors.js';
import { QueryFile } from '../../core/query-file.js';
import { Negotiator, RDF_GRAPH, type MediaOffer, type RdfFormat } from '../negotiate.js';
import { serializeRdf } from '../rdf-serialize.js';
import { datasetView } from './dataset-view.js';
import { renderDatasetHtml } from './render-dataset-html.js';

const GRAPHS_CONTENT = QueryFile.load('graphs-content');

type PageFormat = RdfFormat | 'html';
// HTML first among equals: a browser's Accept (text/html, then */*;q=0.8) gets the page; RDF clients name their type.
const PAGE = new Negotiator<PageFormat>([
  { format: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'], extensions: ['html'] },
  ...(RDF_GRAPH.offers as readonly MediaOffer<PageFormat>[]),
]);

/** `/datasets/{id}`: the id is the search key `{feed}/{record key}`, URI-encoded into one path segment. */
export function splitDatasetId(id: string): { feedId: string; key: string } | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { feedId: id.slice(0, slash), key: id.slice(slash + 1) };
}

export const datasetPageRoutes: FastifyPluginAsync = async (app) => {
  const { listing, iris, terms } = app.discovery;

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>('/datasets/:id', {
    schema: {
      params: { type: 'object', properties: { id: { type: 'string', minLength: 3, maxLength: 4096 } }, required: ['id'] },
      querystring: { type: 'object', properties: { format: { type: 'string', enum: ['html', 'ttl', 'nt', 'nq', 'jsonld', 'rdf'] } }, additionalProperties: false },
      tags: ['catalogue'],
      summary: 'One dataset: HTML for browsers, RDF by Accept or ?format=',
    },
  }, async (request, reply) => {
    const offer = request.query.format ? PAGE.byExtension(request.query.format) : PAGE.pick(request.headers.accept);
    if (!offer) throw new CatErrors.NOT_ACCEPTABLE(PAGE.mediaTypes.join(', '));
    const ref = splitDatasetId(request.params.id);
    const row = ref && listing.get(ref.feedId, ref.key);
    if (!ref || !row || row.state === 'quarantined') throw new CatErrors.NOT_FOUND(`no dataset ${request.params.id}`);
    if (row.state === 'withdrawn') {
      const error = new CatErrors.GONE(`dataset ${row.datasetIri} was withdrawn from the catalogue at ${row.withdrawnAt ?? 'an unknown time'}`);
      Object.assign(error, { extensions: { withdrawnAt: row.withdrawnAt, dataset: row.datasetIri } });
      throw error;
    }
    // The page shows the validation report too; RDF clients get the dataset and its catalogue record.
    const graphs = [iris.recordGraph(ref.feedId, ref.key), iris.catalogRecordGraph(ref.feedId, ref.key)];
    if (offer.format === 'html') graphs.push(iris.reportGraph(ref.feedId, ref.key), iris.qualityGraph(ref.feedId, ref.key));
    const quads = await app.store.construct(GRAPHS_CONTENT.bind({ g: graphs.map((g) => DataFactory.namedNode(g)) }));
    void reply.header('Vary', 'Accept');
    if (offer.format === 'html') {
      const self = `${app.config.baseUrl}/datasets/${encodeURIComponent(request.params.id)}`;
      const rdfLinks = RDF_GRAPH.offers.map((o) => ({ label: o.mediaType, href: `${self}?format=${o.extensions?.[0] ?? 'ttl'}` }));
      return reply.type('text/html; charset=utf-8').send(renderDatasetHtml(datasetView(quads, { dataset: row.datasetIri, terms }), { rdfLinks }));
    }
    return reply.type(offer.mediaType).send(await serializeRdf(quads, { format: offer.format as RdfFormat }));
  });
};
