// **dcatCatalogueRoutes** serves the catalogue as DCAT-AP 3, Hydra-paged, in every RDF syntax, plus a change feed.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CatErrors } from '../../core/errors.js';
import type { RdfFormat } from '../../core/rdf-format.js';
import { RDF_GRAPH, type MediaOffer } from '../negotiate.js';
import { serializeRdf } from '../../core/rdf-serialize.js';
import { restoreDatatypes } from './restore-datatypes.js';
import { OUTPUT_PROFILES, projectToDcatAp, type OutputProfile } from '../dcat-ap-projection.js';
import { encodeCursor, decodeCursor, catalogueQuads, hydraQuads, recordQuads, type PageLinks } from './catalogue-page.js';

interface CatalogQuery {
  page?: number;
  pageSize?: number;
  after?: string;
  modified_since?: string;
  profile?: OutputProfile;
}

const catalogQuerySchema = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, description: '1-based page number (offset paging; `next` links use cursors)' },
    pageSize: { type: 'integer', minimum: 1, description: 'records per page (default 100, capped by SHEAF_CATALOG_PAGE_CAP)' },
    after: { type: 'string', maxLength: 4096, description: 'opaque cursor from a `hydra:next` link' },
    modified_since: { type: 'string', format: 'date-time', description: 'only records changed at or after this time' },
    profile: {
      type: 'string', enum: [...OUTPUT_PROFILES],
      description: '`dcat-ap` (default): records projected onto DCAT-AP 3.0.1 (several dct:rights of a distribution folded into one dct:RightsStatement); `eucaim`, `healthdcat-ap`: records as harvested and normalised, in their feed profile\'s form',
    },
  },
  additionalProperties: false,
} as const;

const changesQuerySchema = {
  type: 'object',
  required: ['since'],
  properties: {
    since: { type: 'string', format: 'date-time' },
    after: { type: 'string', maxLength: 4096 },
    limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000 },
  },
  additionalProperties: false,
} as const;

const DEFAULT_PAGE_SIZE = 100;

export const dcatCatalogueRoutes: FastifyPluginAsync = async (app) => {
  const { listing, iris, terms } = app.discovery;
  const catalogIri = iris.catalog();

  function linkFor(q: CatalogQuery & { page: number; pageSize: number }, extra: Partial<CatalogQuery> = {}): string {
    const params = new URLSearchParams();
    const merged = { ...q, ...extra };
    params.set('page', String(merged.page));
    params.set('pageSize', String(merged.pageSize));
    if (extra.after) params.set('after', extra.after);
    if (merged.modified_since) params.set('modified_since', merged.modified_since);
    if (merged.profile !== undefined && merged.profile !== 'dcat-ap') params.set('profile', merged.profile);
    return `${catalogIri}?${params.toString()}`;
  }

  async function respond(request: FastifyRequest<{ Querystring: CatalogQuery }>, reply: FastifyReply, offer: MediaOffer<RdfFormat>) {
    const q = request.query;
    const pageSize = Math.min(q.pageSize ?? DEFAULT_PAGE_SIZE, app.config.catalogue.pageCap);
    const page = q.page ?? 1;
    const modifiedSince = q.modified_since;
    let cursor;
    if (q.after !== undefined) {
      cursor = decodeCursor(q.after);
      if (!cursor) throw new CatErrors.BAD_REQUEST('`after` is not a cursor this catalogue issued; follow the hydra:next links');
    }
    const total = listing.total({ ...(modifiedSince && { modifiedSince }) });
    const records = listing.page({ pageSize, ...(cursor ? { cursor } : { offset: (page - 1) * pageSize }), ...(modifiedSince && { modifiedSince }) });
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    const base = { ...q, page, pageSize };
    delete (base as CatalogQuery).after;
    const last = records.at(-1);
    const links: PageLinks = {
      self: q.after ? linkFor(base, { after: q.after }) : linkFor(base),
      first: linkFor(base, { page: 1 }),
      last: linkFor(base, { page: lastPage }),
      ...(last && records.length === pageSize && page < lastPage && { next: linkFor(base, { page: page + 1, after: encodeCursor(last) }) }),
      ...(page > 1 && { previous: linkFor(base, { page: page - 1 }) }),
    };
    const stored = restoreDatatypes(await recordQuads(app.store, iris, records));
    const quads = [
      ...catalogueQuads(app.config, iris),
      ...hydraQuads(iris, total, links),
      ...((q.profile ?? 'dcat-ap') === 'dcat-ap' ? projectToDcatAp(stored, { label: (iri) => terms.label(iri) }) : stored),
    ];
    const body = await serializeRdf(quads, { format: offer.format });
    return reply.type(offer.mediaType).header('Vary', 'Accept').send(body);
  }

  const schema = { querystring: catalogQuerySchema, tags: ['catalogue'] };
  app.get<{ Querystring: CatalogQuery }>('/catalog', {
    schema: { ...schema, summary: 'The catalogue as DCAT-AP, Hydra-paged; RDF syntax by Accept' },
  }, async (request, reply) => {
    const offer = RDF_GRAPH.pick(request.headers.accept);
    if (!offer) throw new CatErrors.NOT_ACCEPTABLE(RDF_GRAPH.mediaTypes.join(', '));
    return respond(request, reply, offer);
  });

  // `/catalog.ttl`, `/catalog.jsonld`, `/catalog.rdf`, `/catalog.nt`, `/catalog.nq`: the syntax chosen by extension.
  for (const offer of RDF_GRAPH.offers) {
    for (const ext of offer.extensions ?? []) {
      if (ext === 'xml' || ext === 'json') continue;
      app.get<{ Querystring: CatalogQuery }>(`/catalog.${ext}`, {
        schema: { ...schema, summary: `The catalogue as ${offer.mediaType}` },
      }, async (request, reply) => respond(request, reply, offer));
    }
  }

  app.get<{ Querystring: { since: string; after?: string; limit: number } }>('/catalog/changes', {
    schema: { querystring: changesQuerySchema, tags: ['catalogue'], summary: 'Created, updated and withdrawn records since a time, oldest first' },
  }, async (request) => {
    const { since, limit } = request.query;
    let after;
    if (request.query.after !== undefined) {
      const c = decodeCursor(request.query.after);
      if (!c) throw new CatErrors.BAD_REQUEST('`after` is not a cursor this catalogue issued');
      after = { at: c.firstSeen, feedId: c.feedId, key: c.key };
    }
    const entries = listing.changes({ since: new Date(since).toISOString(), limit, ...(after && { after }) });
    const last = entries.at(-1);
    const nextToken = last && entries.length === limit
      ? encodeCursor({ firstSeen: last.at, feedId: last.feedId, key: last.key, datasetIri: '', lastChanged: '' }) : undefined;
    return {
      since,
      items: entries.map((e) => ({
        change: e.change, at: e.at, dataset: e.datasetIri, record: iris.catalogRecord(e.feedId, e.key), feed: e.feedId,
      })),
      ...(nextToken && { next: `${catalogIri}/changes?since=${encodeURIComponent(since)}&limit=${limit}&after=${nextToken}` }),
    };
  });
};
