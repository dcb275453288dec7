// RDF serialisation: every negotiated format round-trips through an independent parser.
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { DataFactory, Parser, Store } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { describe, expect, it } from 'vitest';
import { RDF_FORMATS } from '../../src/core/rdf-format.js';
import { serializeRdf } from '../../src/core/rdf-serialize.js';
import { RdfXmlUnrepresentable, writeRdfXml } from '../../src/core/rdf-xml-writer.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const DCT = 'http://purl.org/dc/terms/';
const quads: Quad[] = [
  quad(namedNode('http://ex.org/ds/1'), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://www.w3.org/ns/dcat#Dataset')),
  quad(namedNode('http://ex.org/ds/1'), namedNode(`${DCT}title`), literal('Données & <mesures>', 'fr')),
  quad(namedNode('http://ex.org/ds/1'), namedNode(`${DCT}issued`), literal('2024-13-45', namedNode('http://www.w3.org/2001/XMLSchema#date'))),
  quad(namedNode('http://ex.org/ds/1'), namedNode(`${DCT}publisher`), blankNode('pub')),
  quad(blankNode('pub'), namedNode('http://xmlns.com/foaf/0.1/name'), literal('Agency "A"')),
  quad(namedNode('http://ex.org/ds/1'), namedNode('http://ex.org/vocab/p-1.0'), literal('x')),
  // A local part starting with '//' must not become "dct://odd", which JSON-LD would read as an absolute IRI.
  quad(namedNode('http://ex.org/ds/1'), namedNode(`${DCT}/odd`), literal('y')),
];

/** Isomorphism check without a library: compare with blank nodes replaced by a fixed label. */
function canonical(qs: readonly Quad[]): string[] {
  const term = (t: Quad['subject'] | Quad['object']) => (t.termType === 'BlankNode' ? '_:b' : t.termType === 'Literal'
    ? `"${t.value}"@${t.language}^^${t.datatype.value}` : t.value);
  return qs.map((q) => `${term(q.subject)} ${q.predicate.value} ${term(q.object)}`).sort();
}

async function parseRdfXml(text: string): Promise<Quad[]> {
  const parser = new RdfXmlParser();
  const out: Quad[] = [];
  return new Promise((resolve, reject) => {
    parser.on('data', (q: Quad) => out.push(q)).on('error', reject).on('end', () => resolve(out));
    parser.end(text);
  });
}

describe('serializeRdf', () => {
  it.each(['turtle', 'trig', 'n-triples', 'n-quads'] as const)('writes %s that N3 parses back to the same graph', async (format) => {
    const text = await serializeRdf(quads, { format });
    expect(canonical(new Parser().parse(text))).toEqual(canonical(quads));
  });

  it('writes Turtle with only the prefixes it uses', async () => {
    const text = await serializeRdf(quads, { format: 'turtle' });
    expect(text).toContain('@prefix dct: <http://purl.org/dc/terms/>');
    expect(text).not.toContain('@prefix odrl:');
  });

  it('writes JSON-LD that expands back to the same graph', async () => {
    const text = await serializeRdf(quads, { format: 'json-ld' });
    const nquads = (await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' })) as unknown as string;
    expect(canonical(new Parser().parse(nquads))).toEqual(canonical(quads));
  });

  it('writes RDF/XML that a streaming RDF/XML parser reads back', async () => {
    const text = await serializeRdf(quads, { format: 'rdf-xml' });
    expect(canonical(await parseRdfXml(text))).toEqual(canonical(quads));
    expect(text).toContain('xmlns:dct="http://purl.org/dc/terms/"');
  });

  it('refuses predicates RDF/XML cannot name instead of writing broken XML', () => {
    const bad = quad(namedNode('http://ex.org/s'), namedNode('http://ex.org/p/123'), literal('x'));
    expect(() => writeRdfXml([bad])).toThrow(RdfXmlUnrepresentable);
  });

  it('writes an empty graph in every format', async () => {
    for (const format of RDF_FORMATS) {
      await expect(serializeRdf([], { format })).resolves.toBeTypeOf('string');
    }
    expect(new Store(await parseRdfXml(await serializeRdf([], { format: 'rdf-xml' }))).size).toBe(0);
  });
});
