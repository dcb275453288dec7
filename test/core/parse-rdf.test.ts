// parseRdf: every syntax sheaf reads, offline JSON-LD, and RDF/XML entity handling.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatForMediaType, guessRdfFormat, parseRdf } from '../../src/core/parse-rdf.js';

const TRIPLE = { s: 'http://example.org/s', p: 'http://example.org/p', o: 'x' };

describe('parseRdf', () => {
  it.each([
    ['text/turtle', '<http://example.org/s> <http://example.org/p> "x" .'],
    ['application/n-triples', '<http://example.org/s> <http://example.org/p> "x" .'],
    ['application/n-quads', '<http://example.org/s> <http://example.org/p> "x" <http://example.org/g> .'],
    ['application/trig', '<http://example.org/g> { <http://example.org/s> <http://example.org/p> "x" }'],
    ['application/ld+json', '{"@id": "http://example.org/s", "http://example.org/p": "x"}'],
    ['application/rdf+xml; charset=utf-8', `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
      <rdf:Description rdf:about="http://example.org/s"><ex:p>x</ex:p></rdf:Description></rdf:RDF>`],
  ])('reads %s', async (contentType, text) => {
    const [q] = await parseRdf(text, { contentType });
    expect([q!.subject.value, q!.predicate.value, q!.object.value]).toEqual([TRIPLE.s, TRIPLE.p, TRIPLE.o]);
  });

  it('expands simple DTD entities in RDF/XML (OWL files use them)', async () => {
    const [q] = await parseRdf(`<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="&ex;s"/>
      <rdf:Description rdf:about="&ex;s"><rdf:type rdf:resource="&ex;C"/></rdf:Description></rdf:RDF>`, { format: 'rdf-xml' });
    expect(q!.object.value).toBe('http://example.org/C');
  });

  it.each([
    ['nested entities (billion laughs)', '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><r/>'],
    ['external entities', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r/>'],
    ['parameter entities', '<!DOCTYPE r [<!ENTITY % p "x">]><r/>'],
  ])('refuses %s in RDF/XML', async (_name, text) => {
    await expect(parseRdf(`<?xml version="1.0"?>${text}`, { format: 'rdf-xml' })).rejects.toMatchObject({ code: 'CAT_ERR_BAD_RDF' });
  });

  it('refuses an internal entity that would expand the document far beyond its size, saying why', async () => {
    const text = readFileSync(new URL('../fixtures/hostile/entity-amplification.rdf', import.meta.url), 'utf8');
    await expect(parseRdf(text, { format: 'rdf-xml' })).rejects.toMatchObject({
      code: 'CAT_ERR_BAD_RDF', message: expect.stringMatching(/internal DTD entities would expand to \d+ characters/),
    });
  });

  it('still expands namespace entities however often an ontology uses them', async () => {
    const classes = Array.from({ length: 5000 }, (_, i) => `<owl:Class rdf:about="&ex;C${i}"><rdfs:subClassOf rdf:resource="&ex;Root"/></owl:Class>`);
    const quads = await parseRdf(`<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/a/rather/long/namespace/of/an/ontology#">]>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
        xmlns:owl="http://www.w3.org/2002/07/owl#">${classes.join('\n')}</rdf:RDF>`, { format: 'rdf-xml' });
    expect(quads).toHaveLength(10_000);
  });

  it('never fetches a remote JSON-LD context', async () => {
    await expect(parseRdf('{"@context": "https://example.org/context.jsonld", "@id": "http://a"}', { format: 'json-ld' }))
      .rejects.toThrow(/remote JSON-LD context refused.*example\.org/);
  });

  it('reports malformed input as CAT_ERR_BAD_RDF and unknown media types as CAT_ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
    await expect(parseRdf('<a> <b', { format: 'turtle' })).rejects.toMatchObject({ code: 'CAT_ERR_BAD_RDF' });
    await expect(parseRdf('x', { contentType: 'image/png' })).rejects.toMatchObject({ code: 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('guesses formats from names and content', () => {
    expect(guessRdfFormat('', 'onto.owl')).toBe('rdf-xml');
    expect(guessRdfFormat('{"@id": "x"}')).toBe('json-ld');
    expect(guessRdfFormat('<?xml version="1.0"?><rdf:RDF/>')).toBe('rdf-xml');
    expect(guessRdfFormat('@prefix ex: <x> .')).toBe('turtle');
    expect(formatForMediaType('Text/Turtle; charset=UTF-8')).toBe('turtle');
  });
});
