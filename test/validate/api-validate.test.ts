// POST /api/validate through a real app: RDF in four syntaxes, profiles, report formats, errors, and no store write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Parser, type Quad } from 'n3';
import { sparqlApp } from '../serve/sparql-app.js';

const RECORDS = join(import.meta.dirname, '../fixtures/records');
const record = (name: string) => readFileSync(join(RECORDS, name), 'utf8');

// A fresh app (and empty store) per test; compiled profiles are shared process-wide, so this stays cheap.
const post = async (body: string, contentType: string, url = '/api/validate?profile=eucaim', accept?: string) => {
  const { app, store } = await sparqlApp();
  const response = await app.inject({
    method: 'POST', url, payload: body,
    headers: { 'content-type': contentType, ...(accept !== undefined && { accept }) },
  });
  return { response, store };
};

describe('POST /api/validate', () => {
  it('reports a body-part code given as modality as a violation naming the modality root', async () => {
    const { response } = await post(record('eucaim-bodypart-as-modality.ttl'), 'text/turtle');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.profile).toBe('eucaim');
    expect(report.status).toBe('non-conformant');
    const modality = report.results.filter((r: { severity: string }) => r.severity === 'Violation');
    expect(modality.map((r: { message: string }) => r.message).join('\n')).toContain('https://cancerimage.eu/ontology/EUCAIM#IMG1000009');
  });

  it('accepts a conformant record with no violations, and writes nothing to the store', async () => {
    const { response, store } = await post(record('eucaim-conformant.ttl'), 'text/turtle; charset=utf-8');
    expect(response.json().counts.violations).toBe(0);
    expect(response.json().status).not.toBe('non-conformant');
    expect(await store.ask('ASK { GRAPH ?g { ?s ?p ?o } }')).toBe(false);
  });

  it.each([
    ['application/n-triples', 'nt'],
    ['application/ld+json', 'jsonld'],
    ['application/json', 'jsonld'],
    ['application/rdf+xml', 'rdf'],
  ])('reads %s', async (contentType, kind) => {
    const quads = new Parser().parse(record('eucaim-condition-outside-subtree.ttl'));
    const body = await serialise(quads, kind);
    const { response } = await post(body, contentType);
    expect(response.statusCode).toBe(200);
    expect(response.json().results.some((r: { message: string }) => r.message.includes('CLIN1007977'))).toBe(true);
  });

  it('answers a document with no triples with a report (an empty graph conforms), not a parse error', async () => {
    const { response } = await post('@prefix dcat: <http://www.w3.org/ns/dcat#> .\n# nothing published yet\n', 'text/turtle');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ conforms: true, status: 'conformant', quadCount: 0 });
  });

  it('sends the sh:ValidationReport graph as Turtle when asked', async () => {
    const { response } = await post(record('eucaim-access-right-outside-table.ttl'), 'text/turtle', undefined, 'text/turtle');
    expect(response.headers['content-type']).toMatch(/^text\/turtle/);
    const report = new Parser().parse(response.body);
    expect(report.some((q) => q.object.value === 'http://www.w3.org/ns/shacl#ValidationReport')).toBe(true);
    expect(report.some((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#conforms' && q.object.value === 'false')).toBe(true);
  });

  it.each([
    ['malformed Turtle', '<a> <b', 'text/turtle', '/api/validate', 400, 'CAT_ERR_BAD_RDF'],
    ['no body at all', '', 'text/turtle', '/api/validate', 400, 'CAT_ERR_BAD_RDF'],
    ['an unknown profile', '<http://a> <http://b> <http://c> .', 'text/turtle', '/api/validate?profile=nope', 400, 'CAT_ERR_BAD_REQUEST'],
    ['RDF/XML with rdf:about on a property element', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" ' +
      'xmlns:dcat="http://www.w3.org/ns/dcat#"><dcat:Dataset rdf:about="https://x.example/ds"><dcat:distribution rdf:about="https://x.example/d"/>' +
      '</dcat:Dataset></rdf:RDF>', 'application/rdf+xml', '/api/validate', 400, 'CAT_ERR_BAD_RDF'],
    ['a non-RDF media type', 'x', 'image/png', '/api/validate', 415, 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['RDF/XML whose internal entity expands a thousandfold', readFileSync(join(import.meta.dirname, '../fixtures/hostile/entity-amplification.rdf'), 'utf8'), 'application/rdf+xml', '/api/validate', 400, 'CAT_ERR_BAD_RDF'],
    ['a remote JSON-LD context', '{"@context": "http://example.org/ctx", "@id": "http://a"}', 'application/ld+json', '/api/validate', 400, 'CAT_ERR_BAD_RDF'],
  ])('answers %s with problem+json', async (_name, body, type, url, status, code) => {
    const { response } = await post(body, type, url);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe(code);
  });
});

async function serialise(quads: Quad[], kind: string): Promise<string> {
  const { serializeRdf } = await import('../../src/core/rdf-serialize.js');
  const format = ({ nt: 'n-triples', jsonld: 'json-ld', rdf: 'rdf-xml' } as const)[kind as 'nt' | 'jsonld' | 'rdf'];
  return serializeRdf(quads, { format });
}
