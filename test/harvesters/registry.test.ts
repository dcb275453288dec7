// The registry: every protocol is registered once, and detection picks the most specific protocol.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProtocol, harvesters, probeFollowUps } from '../../harvesters/index.js';
import { FIXTURES_DIR } from '../fixture-server.js';

// Served fixtures name their server as {{base}}; here the documents stand as fetched from https://x.example.
const fixture = (file: string): string => readFileSync(path.join(FIXTURES_DIR, file), 'utf8').replaceAll('{{base}}', 'https://x.example');

describe('harvester registry', () => {
  it('registers the five protocols under their own names', () => {
    expect([...harvesters.keys()]).toEqual(['dcat', 'ckan', 'fdp', 'sparql', 'oai-pmh']);
    for (const [name, h] of harvesters) expect(h.protocol).toBe(name);
  });

  it.each([
    ['dcat', 'quads', false, undefined],
    ['ckan', 'ckan-json', true, ['https://x.example/portal/api/3/action/package_search?rows=0', 'application/json']],
    ['fdp', 'quads', false, undefined],
    ['sparql', 'quads', false, ['https://x.example/sparql?query=ASK+%7B%7D', 'application/sparql-results+json']],
    ['oai-pmh', 'oai-xml', true, ['https://x.example/oai?verb=Identify', 'text/xml, application/xml']],
  ])('%s names its record shape (%s), whether it runs incremental (%s) and its probe follow-up', (name, shape, incremental, probe) => {
    const h = harvesters.get(name)!;
    expect(h.shape).toBe(shape);
    expect(h.incremental === true).toBe(incremental);
    const base = { ckan: 'https://x.example/portal/', sparql: 'https://x.example/sparql', 'oai-pmh': 'https://x.example/oai' }[name as 'ckan' | 'sparql' | 'oai-pmh'];
    expect(h.probe && [h.probe.url(base), h.probe.accept]).toEqual(probe);
  });

  it('tries probe follow-ups most specific first, as detection does', () => {
    expect(probeFollowUps().map((f) => f.protocol)).toEqual(['oai-pmh', 'ckan', 'sparql']);
  });

  it.each([
    ['a Turtle DCAT page', 'https://x.example/catalog.ttl', 'text/turtle', fixture('dcat/paged-1.ttl'), 'dcat'],
    ['a JSON-LD DCAT page', 'https://x.example/catalog', 'application/ld+json', fixture('dcat/catalog.jsonld'), 'dcat'],
    ['an FDP root', 'https://x.example/fdp', 'text/turtle', fixture('fdp/root.ttl'), 'fdp'],
    ['a CKAN package_search answer', 'https://x.example/api/3/action/package_search', 'application/json', fixture('ckan/page-1.json'), 'ckan'],
    ['an OAI-PMH answer', 'https://x.example/oai', 'text/xml', fixture('oai-pmh/list-1.xml'), 'oai-pmh'],
    ['SPARQL results', 'https://x.example/sparql?query=ASK%7B%7D', 'application/sparql-results+json', '{"boolean":true}', 'sparql'],
    ['an HTML page', 'https://x.example/', 'text/html', '<html><body>Welcome</body></html>', undefined],
    ['an EUCAIM FDP root (LDP container and dcat:Catalog, no fdp-o type)', 'https://x.example/eucaim', 'text/turtle', fixture('fdp/eucaim-root.ttl'), 'fdp'],
    ['an early FDP root (plain ldp:Container)', 'https://x.example/dtl', 'text/turtle', fixture('fdp/dtl-root.ttl'), 'fdp'],
    ['an FDP 1.x root (r3d:Repository)', 'https://x.example/r3d', 'text/turtle', fixture('fdp/r3d-root.ttl'), 'fdp'],
    ['a dcat:Catalog root whose catalogues are only linked', 'https://x.example/catalogs', 'text/turtle', fixture('fdp/catalogs-root.ttl'), 'fdp'],
    ['an FDP catalogue whose datasets are only linked', 'https://x.example/dtl/textmining', 'text/turtle', fixture('fdp/dtl-catalog.ttl'), 'fdp'],
    ['a DCAT document describing its datasets (ckanext-dcat page)', 'https://x.example/catalog.ttl', 'text/turtle', fixture('dcat/ckan-literal-1.ttl'), 'dcat'],
    ['an RDF/XML DCAT document describing its datasets', 'https://x.example/catalog.rdf', 'application/rdf+xml', fixture('dcat/ckan-literal-1.rdf'), 'dcat'],
    ['a DCAT document whose literal mentions FAIRDataPoint', 'https://x.example/catalog.ttl', 'text/turtle',
      fixture('dcat/paged-1.ttl').replace('"EUCAIM test federation catalogue"@en', '"Harvested from a FAIRDataPoint (fdp-o#)"@en'), 'dcat'],
  ])('detects %s', async (_name, url, contentType, body, expected) => {
    expect(await detectProtocol(url, { contentType, body })).toBe(expected);
  });
});
