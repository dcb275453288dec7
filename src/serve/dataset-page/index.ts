// **datasetPageRoutes** makes each dataset dereferenceable: HTML for browsers, RDF otherwise, 404 unknown, 410 withdrawn.
import type { FastifyPluginAsync } from 'fastify';
import { DataFactory } from 'n3';
import { CatErrors } from '../../core/errors.js';
import { splitDatasetId } from '../../search/dataset-page-id.js';
import { QueryFile } from '../../core/query-file.js';
import type { RdfFormat } from '../../core/rdf-format.js';
import { Negotiator, RDF_GRAPH, type MediaOffer } from '../negotiate.js';
import { serializeRdf } from '../../core/rdf-serialize.js';
import { OUTPUT_PROFILES, projectToDcatAp, type OutputProfile } from '../dcat-ap-projection.js';
import { datasetView, type DatasetHtml } from '../../search/dataset-view.js';

const GRAPHS_CONTENT = QueryFile.load('graphs-content');

type PageFormat = RdfFormat | 'html';
// HTML first among equals: a browser's Accept (text/html, then */*;q=0.8) gets the page; RDF clients name their type.
const PAGE = new Negotiator<PageFormat>([
  { format: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'], extensions: ['html'] },
  ...(RDF_GRAPH.offers as readonly MediaOffer<PageFormat>[]),
]);

export const datasetPageRoutes: FastifyPluginAsync<{ readonly html: DatasetHtml }> = async (app, opts) => {
  const { listing, iris, terms } = app.discovery;

  app.get<{ Params: { id: string }; Querystring: { format?: string; profile?: OutputProfile } }>('/datasets/:id', {
    schema: {
      params: { type: 'object', properties: { id: { type: 'string', minLength: 3, maxLength: 4096 } }, required: ['id'] },
      querystring: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['html', 'ttl', 'nt', 'nq', 'jsonld', 'rdf'] },
          profile: { type: 'string', enum: [...OUTPUT_PROFILES], description: 'RDF only: `dcat-ap` (default) projected onto DCAT-AP 3.0.1, or as harvested and normalised (`eucaim`, `healthdcat-ap`), as /catalog' },
        },
        additionalProperties: false,
      },
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
      if (offer.format === 'html') {
        return reply.code(410).type('text/html; charset=utf-8')
          .send(opts.html.withdrawn({ id: request.params.id, dataset: row.datasetIri, ...(row.withdrawnAt && { withdrawnAt: row.withdrawnAt }) }));
      }
      const error = new CatErrors.GONE(`dataset ${row.datasetIri} was withdrawn from the catalogue at ${row.withdrawnAt ?? 'an unknown time'}`);
      Object.assign(error, { extensions: { withdrawnAt: row.withdrawnAt, dataset: row.datasetIri } });
      throw error;
    }
    // The page shows the validation report too; RDF clients get the dataset and its catalogue record.
    const graphs = [iris.recordGraph(ref.feedId, ref.key), iris.catalogRecordGraph(ref.feedId, ref.key)];
    const bind = (g: readonly string[]) => GRAPHS_CONTENT.bind({ g: g.map((x) => DataFactory.namedNode(x)) });
    void reply.header('Vary', 'Accept');
    if (offer.format === 'html') {
      // Both reads at once: the store answers the second while the first is being handed back.
      const [quads, derived] = await Promise.all([
        app.store.construct(bind(graphs)),
        app.store.construct(bind([iris.reportGraph(ref.feedId, ref.key), iris.qualityGraph(ref.feedId, ref.key)])),
      ]);
      const self = `${app.config.baseUrl}/datasets/${encodeURIComponent(request.params.id)}`;
      const rdfLinks = RDF_GRAPH.offers.map((o) => ({ label: o.mediaType, href: `${self}?format=${o.extensions?.[0] ?? 'ttl'}` }));
      const view = datasetView([...quads, ...derived], { dataset: row.datasetIri, terms, base: iris.base });
      const turtle = await serializeRdf(quads, { format: 'turtle' });
      return reply.type('text/html; charset=utf-8').send(opts.html.page(view, { id: request.params.id, rdfLinks, turtle, terms }));
    }
    const quads = await app.store.construct(bind(graphs));
    const out = (request.query.profile ?? 'dcat-ap') === 'dcat-ap' ? projectToDcatAp(quads, { label: (iri) => terms.label(iri) }) : quads;
    return reply.type(offer.mediaType).send(await serializeRdf(out, { format: offer.format as RdfFormat }));
  });
};
