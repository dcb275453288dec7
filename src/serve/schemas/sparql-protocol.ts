// **sparqlProtocolSchemas** describe the SPARQL 1.1 Protocol route: parameters, bodies and every response.
import { Type } from 'typebox';
import { RDF_GRAPH, SELECT_RESULTS } from '../negotiate.js';
import { problemResponse } from './problem.js';

// Every parameter is a list: the protocol repeats graph parameters, and a repeated `query` must be
// seen (and refused) rather than silently collapsed.
const ParamList = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));

export const SparqlParams = Type.Object({
  query: ParamList('the SPARQL query (GET, or POST as a form field)'),
  update: ParamList('a SPARQL update (POST form field only; needs an admin token)'),
  'default-graph-uri': ParamList('graphs whose merge is the default graph (replaces FROM)'),
  'named-graph-uri': ParamList('graphs visible to GRAPH patterns (replaces FROM NAMED)'),
  'using-graph-uri': ParamList('updates: graphs forming the WHERE default graph (replaces USING)'),
  'using-named-graph-uri': ParamList('updates: named graphs for the WHERE clause (replaces USING NAMED)'),
}, { additionalProperties: true });

const SparqlText = (description: string) => ({ schema: Type.String({ description }) });

/** Per media type, so the OpenAPI document lists the three ways to POST. */
export const SparqlBody = {
  content: {
    'application/sparql-query': SparqlText('the query, UTF-8'),
    'application/sparql-update': SparqlText('the update, UTF-8 (admin bearer token)'),
    'application/x-www-form-urlencoded': {
      schema: Type.Record(Type.String(), Type.Array(Type.String()), {
        description: 'fields `query` or `update`, plus the dataset parameters; repeated fields stay lists',
      }),
    },
  },
};

const text = { schema: Type.String() };
const resultsContent = Object.fromEntries(SELECT_RESULTS.mediaTypes.map((m) => [m, text]));
const rdfContent = Object.fromEntries(RDF_GRAPH.mediaTypes.map((m) => [m, text]));

export const sparqlResponses = {
  200: {
    description: 'SELECT/ASK results, CONSTRUCT/DESCRIBE graphs, or (GET without a query) the service description; chosen by Accept',
    content: { ...resultsContent, ...rdfContent },
  },
  204: { description: 'update applied', type: 'null' },
  400: problemResponse('malformed query (CAT_ERR_BAD_QUERY, with line and column), bad protocol use, result over the cap, SERVICE to a non-peer'),
  401: problemResponse('update without a bearer token'),
  403: problemResponse('update with a token that is not an admin token'),
  406: problemResponse('no acceptable result format'),
  413: problemResponse('request body too large'),
  415: problemResponse('unsupported content type or charset'),
  503: problemResponse('query timeout (CAT_ERR_QUERY_TIMEOUT) or store unavailable'),
} as const;

export const methodNotAllowedResponses = {
  405: problemResponse('the SPARQL endpoint answers GET and POST only'),
} as const;
