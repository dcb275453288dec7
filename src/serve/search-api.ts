// **searchRoutes** answers `GET /api/search`: ontology-aware full text with facets, counts, ranges, sort and paging.
import type { FastifyPluginAsync } from 'fastify';
import { FACETS } from '../search/facet-definitions.js';
import type { SearchQuery } from '../search/search-query.js';
import { datasetPageId } from '../search/dataset-page-id.js';
import { searchQueryFrom, type SearchParams } from '../search/search-params.js';

const facetParams = Object.fromEntries(FACETS.map((f) => [f.name, {
  type: 'array', items: { type: 'string', maxLength: 2048 }, maxItems: 50,
  description: f.kind === 'term'
    ? `${f.name}: ontology term IRI, or a SNOMED CT / NCIt / RadLex / ICD-O-3 / DICOM code or label mapped to one; narrower terms match`
    : `${f.name}: value IRI`,
}]));

const int = { type: 'integer', minimum: 0 } as const;

export const searchQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 1000, description: 'free text over titles, descriptions, keywords and ontology labels, synonyms and codes' },
    ...facetParams,
    subjects_min: int, subjects_max: int, studies_min: int, studies_max: int,
    age_min: int, age_max: int, year_min: int, year_max: int,
    sort: { type: 'string', enum: ['relevance', 'title', 'modified', 'subjects', 'studies'] },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    facetLimit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  },
  additionalProperties: false,
} as const;

const facetValueSchema = {
  type: 'object',
  properties: {
    value: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' }, direct: { type: 'integer' },
    subjects: { type: 'integer' }, studies: { type: 'integer' }, broader: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const searchResponseSchema = {
  type: 'object',
  properties: {
    total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, dataset: { type: 'string' }, feed: { type: 'string' }, title: { type: 'string' },
          description: { type: 'string' }, modified: { type: 'string' }, subjects: { type: 'integer' },
          studies: { type: 'integer' }, score: { type: 'number' }, page: { type: 'string' },
        },
      },
    },
    facets: { type: 'object', additionalProperties: { type: 'array', items: facetValueSchema } },
    resolved: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
} as const;

export const searchRoutes: FastifyPluginAsync = async (app) => {
  const { search } = app.discovery;
  app.get<{ Querystring: SearchParams }>('/api/search', {
    schema: { querystring: searchQuerySchema, response: { 200: searchResponseSchema }, tags: ['search'], summary: 'Search datasets' },
  }, async (request) => {
    // Synchronous SQLite and facet tallies: one search per event-loop turn, so /health and others get in between.
    const result = await app.turns.run(() => search.search(searchQueryFrom(request.query)));
    return {
      ...result,
      items: result.items.map(({ key, ...rest }) => ({ id: key, ...rest, page: `${app.config.baseUrl}/datasets/${datasetPageId(key)}` })),
    };
  });
};
