// Query preparation: LIMIT capping, dataset resolution, base IRIs, the prepared-query cache, update USING graphs.
import { describe, expect, it } from 'vitest';
import { prepareQuery, type PrepareQueryOptions } from '../../src/serve/sparql-protocol/prepare-query.js';
import { prepareUpdate } from '../../src/serve/sparql-protocol/prepare-update.js';
import { QueryCache } from '../../src/serve/sparql-protocol/query-cache.js';

const base: PrepareQueryOptions = {
  baseIri: 'http://sheaf.test/sparql', defaultGraphUris: [], namedGraphUris: [], peers: [], resultCap: 100, timeoutMs: 1000,
};

describe('prepareQuery', () => {
  it.each([
    ['SELECT * { ?s ?p ?o }', /LIMIT 101$/],
    ['SELECT * { ?s ?p ?o } LIMIT 500', /LIMIT 101$/],
    ['SELECT * { ?s ?p ?o } OFFSET 10', /OFFSET 10\nLIMIT 101$|LIMIT 101\nOFFSET 10$/],
    ['SELECT * { ?s ?p ?o } LIMIT 7', /LIMIT 7$/],
    ['ASK { ?s ?p ?o }', /^(?![\s\S]*LIMIT)/],
  ])('bounds %s', (query, pattern) => {
    expect(prepareQuery(query, base).text).toMatch(pattern);
  });

  it('moves FROM / FROM NAMED into store options, and lets protocol graphs override them', () => {
    const fromQuery = prepareQuery('SELECT * FROM <http://g/1> FROM NAMED <http://g/2> { ?s ?p ?o }', base);
    expect(fromQuery.options).toEqual({ timeoutMs: 1000, defaultGraphUris: ['http://g/1'], namedGraphUris: ['http://g/2'] });
    expect(fromQuery.text).not.toContain('FROM');
    const overridden = prepareQuery('SELECT * FROM <http://g/1> { ?s ?p ?o }', { ...base, namedGraphUris: ['http://g/3'] });
    expect(overridden.options).toEqual({ timeoutMs: 1000, defaultGraphUris: [], namedGraphUris: ['http://g/3'] });
    expect(prepareQuery('ASK {}', base).options).toEqual({ timeoutMs: 1000 });
  });

  it('resolves relative IRIs against the endpoint and keeps the query form', () => {
    const prepared = prepareQuery('DESCRIBE <thing>', base);
    expect(prepared.form).toBe('DESCRIBE');
    expect(prepared.text).toContain('<http://sheaf.test/thing>');
  });

  it('lets SERVICE reach configured peers only', () => {
    const query = 'SELECT * { SERVICE <http://peer.test/sparql/> { ?s ?p ?o } }';
    expect(() => prepareQuery(query, base)).toThrow(/not a configured peer/);
    expect(prepareQuery(query, { ...base, peers: ['http://peer.test/sparql'] }).text).toContain('SERVICE <http://peer.test/sparql/>');
  });
});

describe('QueryCache', () => {
  it('returns the prepared query for a repeated request and evicts the least recently used', () => {
    const cache = new QueryCache(base, { limit: 2 });
    const none = { defaultGraphUris: [], namedGraphUris: [] };
    const a = cache.prepare('ASK { <a> ?p ?o }', none);
    expect(cache.prepare('ASK { <a> ?p ?o }', none)).toBe(a);
    expect(cache.prepare('ASK { <a> ?p ?o }', { ...none, defaultGraphUris: ['http://g'] })).not.toBe(a);
    cache.prepare('ASK { <b> ?p ?o }', none);
    expect(cache.size).toBe(2);
    expect(cache.prepare('ASK { <a> ?p ?o }', none)).not.toBe(a);
    expect(() => cache.prepare('ASK {', none)).toThrow(/Malformed SPARQL/);
  });

  it('prepares a query longer than maxLength every time and keeps none of it', () => {
    const cache = new QueryCache(base, { limit: 2, maxLength: 200 });
    const none = { defaultGraphUris: [], namedGraphUris: [] };
    const long = `ASK { VALUES ?s { ${Array.from({ length: 20 }, (_, i) => `<http://d/${i}>`).join(' ')} } ?s ?p ?o }`;
    expect(long.length).toBeGreaterThan(200);
    const first = cache.prepare(long, none);
    expect(first.text).toContain('<http://d/19>');
    expect(cache.prepare(long, none)).not.toBe(first);
    expect(cache.size).toBe(0);
  });
});

describe('prepareUpdate', () => {
  const opts = { baseIri: 'http://sheaf.test/sparql', usingGraphUris: [], usingNamedGraphUris: [], peers: [] };

  it('turns using-graph-uri and using-named-graph-uri into USING clauses', () => {
    const text = prepareUpdate('INSERT { GRAPH <http://out> { ?s a <http://T> } } WHERE { ?s ?p ?o }', {
      ...opts, usingGraphUris: ['http://g/1'], usingNamedGraphUris: ['http://g/2'],
    });
    expect(text).toContain('USING <http://g/1>');
    expect(text).toContain('USING NAMED <http://g/2>');
  });

  it('refuses protocol USING graphs together with WITH or USING in the request', () => {
    const update = 'WITH <http://g/9> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }';
    expect(() => prepareUpdate(update, { ...opts, usingGraphUris: ['http://g/1'] })).toThrow(/cannot be combined/);
    expect(prepareUpdate(update, opts)).toContain('WITH <http://g/9>');
  });
});
