// Accept negotiation: q-values, wildcards, aliases, specificity, server preference, 406 cases.
import { describe, expect, it } from 'vitest';
import { Negotiator, parseAccept, RDF_GRAPH, RDF_OFFERS, SELECT_RESULTS } from '../../src/serve/negotiate.js';

describe('negotiate', () => {
  it('parses ranges with q-values, most specific first, ignoring malformed ones', () => {
    expect(parseAccept('*/*;q=0.1, text/*;q=0.5, text/csv, nonsense, */csv, application/json;q=abc')).toEqual([
      { type: 'text', subtype: 'csv', q: 1, specificity: 2 },
      { type: 'application', subtype: 'json', q: 0, specificity: 2 },
      { type: 'text', subtype: '*', q: 0.5, specificity: 1 },
      { type: '*', subtype: '*', q: 0.1, specificity: 0 },
    ]);
  });

  const cases: Array<[string | undefined, string | undefined]> = [
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/sparql-results+xml', 'xml'],
    ['text/csv;q=0.9, text/tab-separated-values', 'tsv'],
    ['text/*', 'csv'],
    ['application/json', 'json'],
    ['text/xml', 'xml'],
    ['TEXT/CSV', 'csv'],
    // A specific range overrides the wildcard's quality for that type.
    ['*/*;q=0.9, application/sparql-results+json;q=0', 'xml'],
    // Browsers: html is not offered, application/xml at 0.9 beats */* at 0.8.
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'xml'],
    ['image/png', undefined],
    ['application/sparql-results+json;q=0', undefined],
  ];
  it.each(cases)('SELECT results for Accept %j → %s', (accept, format) => {
    expect(SELECT_RESULTS.pick(accept)?.format).toBe(format);
  });

  const rdfCases: Array<[string, string | undefined]> = [
    ['text/turtle', 'turtle'],
    ['application/n-triples', 'n-triples'],
    ['application/ld+json', 'json-ld'],
    ['application/rdf+xml', 'rdf-xml'],
    ['application/n-quads', 'n-quads'],
    ['application/x-turtle', 'turtle'],
    ['application/rdf+xml;q=0.5, text/turtle;q=0.4', 'rdf-xml'],
    ['text/plain', 'n-triples'],
    ['text/html', undefined],
  ];
  it.each(rdfCases)('RDF graphs for Accept %j → %s', (accept, format) => {
    expect(RDF_GRAPH.pick(accept)?.format).toBe(format);
  });

  it('keeps server order on ties and gives the same answer from its cache', () => {
    const n = new Negotiator([{ format: 'a', mediaType: 'x/a' }, { format: 'b', mediaType: 'x/b' }]);
    expect(n.pick('x/b, x/a')?.format).toBe('a');
    expect(n.pick('x/b, x/a')?.format).toBe('a');
    expect(n.pick('x/b;q=1, x/a;q=0.99')?.format).toBe('b');
  });

  it('maps file extensions and formats to offers', () => {
    expect(RDF_GRAPH.byExtension('TTL')?.mediaType).toBe('text/turtle');
    expect(RDF_GRAPH.byExtension('jsonld')?.mediaType).toBe('application/ld+json');
    expect(RDF_GRAPH.byExtension('exe')).toBeUndefined();
    expect(RDF_GRAPH.byFormat('rdf-xml')?.mediaType).toBe('application/rdf+xml');
  });

  it('refuses an empty offer list', () => {
    expect(() => new Negotiator([])).toThrow(/at least one/);
  });
});

describe('Negotiator.require', () => {
  it('throws a 406 CAT_ERR_NOT_ACCEPTABLE naming the offered types', () => {
    expect(() => RDF_GRAPH.require('image/png')).toThrow(expect.objectContaining({ code: 'CAT_ERR_NOT_ACCEPTABLE', statusCode: 406 }));
    expect(() => RDF_GRAPH.require('image/png')).toThrow(/text\/turtle, application\/n-triples/);
    expect(RDF_GRAPH.require(undefined).format).toBe('turtle');
  });

  it('composes with other offers, e.g. HTML pages for browsers', () => {
    const pages = new Negotiator([{ format: 'html', mediaType: 'text/html' }, ...RDF_OFFERS]);
    expect(pages.pick('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')?.format).toBe('html');
    expect(pages.pick('text/turtle')?.format).toBe('turtle');
  });
});
