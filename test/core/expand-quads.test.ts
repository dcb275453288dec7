// expandQuads gives the node objects jsonld.fromRDF gives, and steps aside for what needs the full algorithm.
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { expandQuads } from '../../src/core/expand-quads.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const ex = (l: string) => namedNode(`https://ex.test/${l}`);
const type = namedNode(`${NS.rdf}type`);

const fromRdf = async (quads: Quad[]) => jsonld.fromRDF(quads as unknown as Parameters<typeof jsonld.fromRDF>[0]);

describe('expandQuads', () => {
  it('equals jsonld.fromRDF on a catalogue-like graph: types, languages, datatypes, blank nodes, references', async () => {
    const quads = [
      quad(ex('ds'), type, namedNode(`${NS.dcat}Dataset`)),
      quad(ex('ds'), type, ex('Other')),
      quad(ex('ds'), namedNode(`${NS.dct}title`), literal('Titel', 'de')),
      quad(ex('ds'), namedNode(`${NS.dct}title`), literal('Title', 'en')),
      quad(ex('ds'), namedNode(`${NS.dct}identifier`), literal('id-1')),
      quad(ex('ds'), namedNode(`${NS.dcat}byteSize`), literal('5', namedNode(`${NS.xsd}nonNegativeInteger`))),
      quad(ex('ds'), namedNode(`${NS.dct}publisher`), blankNode('pub')),
      quad(blankNode('pub'), namedNode(`${NS.foaf}name`), literal('Agency')),
      quad(ex('ds'), namedNode(`${NS.dcat}theme`), ex('theme/never-described')),
      quad(ex('a-first'), namedNode(`${NS.dct}relation`), ex('ds')),
    ];
    expect(expandQuads(quads)).toEqual(await fromRdf(quads));
  });

  it('steps aside for RDF lists, JSON literals and named graphs', () => {
    expect(expandQuads([quad(ex('s'), ex('p'), namedNode(`${NS.rdf}nil`))])).toBeUndefined();
    expect(expandQuads([quad(ex('s'), ex('p'), literal('{"a":1}', namedNode(`${NS.rdf}JSON`)))])).toBeUndefined();
    expect(expandQuads([quad(ex('s'), ex('p'), literal('x'), ex('g'))])).toBeUndefined();
  });
});
