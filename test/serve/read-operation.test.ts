// Reading a SPARQL Protocol operation from a request: methods, media types, charsets, repeated parameters.
import { describe, expect, it } from 'vitest';
import { readOperation, type RequestParts } from '../../src/serve/sparql-protocol/read-operation.js';

const get = (urlParams: RequestParts['urlParams']): RequestParts => ({ method: 'GET', urlParams });
const post = (contentType: string | undefined, body: unknown, urlParams: RequestParts['urlParams'] = {}): RequestParts =>
  ({ method: 'POST', ...(contentType !== undefined && { contentType }), urlParams, body });

describe('readOperation', () => {
  it.each<[string, RequestParts, unknown]>([
    ['GET without a query', get({}), { kind: 'description' }],
    ['GET with a query and graphs', get({ query: ['ASK {}'], 'default-graph-uri': ['http://a', 'http://b'], 'named-graph-uri': ['http://c'] }),
      { kind: 'query', text: 'ASK {}', defaultGraphUris: ['http://a', 'http://b'], namedGraphUris: ['http://c'] }],
    ['a form query with graphs in the URL and the body', post('application/x-www-form-urlencoded', { query: ['ASK {}'], 'default-graph-uri': ['http://b'] }, { 'default-graph-uri': ['http://a'] }),
      { kind: 'query', text: 'ASK {}', defaultGraphUris: ['http://a', 'http://b'], namedGraphUris: [] }],
    ['a form update', post('application/x-www-form-urlencoded; charset=UTF-8', { update: ['CLEAR ALL'], 'using-graph-uri': ['http://u'] }),
      { kind: 'update', text: 'CLEAR ALL', usingGraphUris: ['http://u'], usingNamedGraphUris: [] }],
    ['a direct query', post('application/sparql-query', 'ASK {}', { 'named-graph-uri': ['http://n'] }),
      { kind: 'query', text: 'ASK {}', defaultGraphUris: [], namedGraphUris: ['http://n'] }],
    ['a direct update', post('Application/SPARQL-Update;charset=utf-8', 'CLEAR ALL', { 'using-named-graph-uri': ['http://n'] }),
      { kind: 'update', text: 'CLEAR ALL', usingGraphUris: [], usingNamedGraphUris: ['http://n'] }],
  ])('reads %s', (_what, parts, expected) => {
    expect(readOperation(parts)).toEqual(expected);
  });

  it.each<[string, RequestParts, string]>([
    ['two queries', get({ query: ['ASK {}', 'SELECT * {}'] }), 'CAT_ERR_BAD_REQUEST'],
    ['an update by GET', get({ update: ['CLEAR ALL'] }), 'CAT_ERR_BAD_REQUEST'],
    ['two form updates', post('application/x-www-form-urlencoded', { update: ['CLEAR NAMED', 'CLEAR DEFAULT'] }), 'CAT_ERR_BAD_REQUEST'],
    ['query and update together', post('application/x-www-form-urlencoded', { query: ['ASK {}'], update: ['CLEAR ALL'] }), 'CAT_ERR_BAD_REQUEST'],
    ['an empty form', post('application/x-www-form-urlencoded', {}), 'CAT_ERR_BAD_REQUEST'],
    ['an empty direct body', post('application/sparql-query', '  '), 'CAT_ERR_BAD_REQUEST'],
    ['a query in the URL of a POST', post('application/sparql-query', 'ASK {}', { query: ['ASK {}'] }), 'CAT_ERR_BAD_REQUEST'],
    ['UTF-16', post('application/sparql-query; charset=UTF-16', 'ASK {}'), 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['text/plain', post('text/plain', 'ASK {}'), 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', post(undefined, 'ASK {}'), 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE'],
  ])('refuses %s', (_what, parts, code) => {
    expect(() => readOperation(parts)).toThrow(expect.objectContaining({ code }));
  });
});
