// The registry: every protocol is registered once, and detection picks the most specific protocol.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProtocol, harvesters } from '../../harvesters/index.js';
import { FIXTURES_DIR } from '../fixture-server.js';

const fixture = (file: string): string => readFileSync(path.join(FIXTURES_DIR, file), 'utf8');

describe('harvester registry', () => {
  it('registers the five protocols under their own names', () => {
    expect([...harvesters.keys()]).toEqual(['dcat', 'ckan', 'fdp', 'sparql', 'oai-pmh']);
    for (const [name, h] of harvesters) expect(h.protocol).toBe(name);
  });

  it.each([
    ['a Turtle DCAT page', 'https://x.example/catalog.ttl', 'text/turtle', fixture('dcat/paged-1.ttl'), 'dcat'],
    ['a JSON-LD DCAT page', 'https://x.example/catalog', 'application/ld+json', fixture('dcat/catalog.jsonld'), 'dcat'],
    ['an FDP root', 'https://x.example/fdp', 'text/turtle', fixture('fdp/root.ttl'), 'fdp'],
    ['a CKAN package_search answer', 'https://x.example/api/3/action/package_search', 'application/json', fixture('ckan/page-1.json'), 'ckan'],
    ['an OAI-PMH answer', 'https://x.example/oai', 'text/xml', fixture('oai-pmh/list-1.xml'), 'oai-pmh'],
    ['SPARQL results', 'https://x.example/sparql?query=ASK%7B%7D', 'application/sparql-results+json', '{"boolean":true}', 'sparql'],
    ['an HTML page', 'https://x.example/', 'text/html', '<html><body>Welcome</body></html>', undefined],
  ])('detects %s', (_name, url, contentType, body, expected) => {
    expect(detectProtocol(url, { contentType, body })).toBe(expected);
  });
});
