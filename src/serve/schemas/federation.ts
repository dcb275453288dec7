// **federationSchemas** describe the federated search and federated SPARQL routes: parameters and responses.
import { searchQuerySchema } from '../search-api.js';
import { problemResponse } from './problem.js';

export const PEER_TIMEOUT_DEFAULT_MS = 3000;
export const PEER_TIMEOUT_MAX_MS = 30_000;

const timeoutMs = {
  type: 'integer', minimum: 50, maximum: PEER_TIMEOUT_MAX_MS, default: PEER_TIMEOUT_DEFAULT_MS,
  description: 'each source’s deadline in ms; a source that has not answered by then is reported as `timeout`',
} as const;

/** The local search's parameters (forwarded unchanged to sheaf peers) plus the per-source deadline. */
export const federatedSearchQuerySchema = {
  ...searchQuerySchema,
  properties: { ...searchQuerySchema.properties, timeoutMs },
} as const;

const sourceStatusSchema = {
  type: 'object',
  properties: {
    source: { type: 'string', description: '`local` or the peer as configured in SHEAF_PEERS' },
    kind: { type: 'string', enum: ['local', 'sheaf', 'sparql'] },
    status: { type: 'string', enum: ['ok', 'timeout', 'error', 'skipped'] },
    ms: { type: 'integer' }, total: { type: 'integer' }, returned: { type: 'integer' }, message: { type: 'string' },
  },
  required: ['source', 'kind', 'status', 'ms'],
} as const;

export const federatedSearchResponseSchema = {
  type: 'object',
  properties: {
    partial: { type: 'boolean', description: 'true when any source timed out, failed or was skipped' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          dataset: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, modified: { type: 'string' },
          subjects: { type: 'integer' }, studies: { type: 'integer' },
          score: { type: 'number', description: 'reciprocal-rank fusion over the sources that returned the dataset' },
          sources: {
            type: 'array',
            items: {
              type: 'object',
              properties: { source: { type: 'string' }, rank: { type: 'integer' }, id: { type: 'string' }, page: { type: 'string' } },
            },
          },
        },
      },
    },
    sources: { type: 'array', items: sourceStatusSchema },
  },
} as const;

export const federatedSparqlQuerySchema = {
  type: 'object',
  properties: { query: { type: 'string', maxLength: 100_000 }, timeoutMs },
  additionalProperties: false,
} as const;

export const federatedSparqlBody = {
  content: {
    'application/sparql-query': { schema: { type: 'string', description: 'a SELECT or ASK query, UTF-8' } },
    'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } },
  },
};

export const federatedSparqlResponses = {
  200: {
    description: 'SPARQL 1.1 Query Results JSON; the `sheaf-sources` header lists each source’s status as JSON',
    content: { 'application/sparql-results+json': { schema: { type: 'string' } } },
  },
  400: problemResponse('malformed query, an update, a CONSTRUCT/DESCRIBE, or a SERVICE clause'),
  415: problemResponse('body is neither application/sparql-query nor a form'),
  503: problemResponse('the query did not finish in time'),
};
