// splitDatasets: how one RDF document is cut into dataset records.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { describeResource, splitDatasets } from '../../harvesters/split-datasets.js';

const PREFIXES = '@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://ex.org/> .\n';
const parse = (ttl: string) => new Parser().parse(PREFIXES + ttl);
const subjectsOf = (ttl: string) =>
  splitDatasets(parse(ttl)).map((r) => ({ subject: r.subject.startsWith('_:') ? '_:' : r.subject, nodes: [...new Set(r.quads.map((q) => q.subject.termType === 'BlankNode' ? '_:' : q.subject.value))].sort() }));

describe('splitDatasets', () => {
  it.each([
    ['one record per typed dataset, catalogue left out',
      'ex:cat a dcat:Catalog ; dcat:dataset ex:a, ex:b . ex:a a dcat:Dataset ; dct:title "A" . ex:b a dcat:Dataset ; dct:title "B" .',
      [{ subject: 'https://ex.org/a', nodes: ['https://ex.org/a'] }, { subject: 'https://ex.org/b', nodes: ['https://ex.org/b'] }]],
    ['distributions and blank nodes go with their dataset',
      'ex:a a dcat:Dataset ; dcat:distribution ex:a1 ; dcat:contactPoint [ foaf:name "desk" ] . ex:a1 a dcat:Distribution ; dcat:accessURL ex:x .',
      [{ subject: 'https://ex.org/a', nodes: ['_:', 'https://ex.org/a', 'https://ex.org/a1'] }]],
    ['a shared publisher is copied into every record that uses it',
      'ex:a a dcat:Dataset ; dct:publisher ex:org . ex:b a dcat:Dataset ; dct:publisher ex:org . ex:org foaf:name "Org" .',
      [{ subject: 'https://ex.org/a', nodes: ['https://ex.org/a', 'https://ex.org/org'] }, { subject: 'https://ex.org/b', nodes: ['https://ex.org/b', 'https://ex.org/org'] }]],
    ['a link to another dataset does not pull it in',
      'ex:a a dcat:Dataset ; dct:relation ex:b . ex:b a dcat:Dataset ; dct:title "B" .',
      [{ subject: 'https://ex.org/a', nodes: ['https://ex.org/a'] }, { subject: 'https://ex.org/b', nodes: ['https://ex.org/b'] }]],
    ['a catalog record joins the dataset it is about',
      'ex:rec a dcat:CatalogRecord ; foaf:primaryTopic ex:a ; dct:modified "2026-01-01" . ex:a a dcat:Dataset .',
      [{ subject: 'https://ex.org/a', nodes: ['https://ex.org/a', 'https://ex.org/rec'] }]],
    ['a series that is also an LDP container is a record, whatever order its types come in',
      'ex:s a <http://www.w3.org/ns/ldp#DirectContainer>, dcat:DatasetSeries ; dct:title "S" .',
      [{ subject: 'https://ex.org/s', nodes: ['https://ex.org/s'] }]],
    ['a blank-node dataset is a record',
      '[] a dcat:Dataset ; dct:identifier "X-1" .',
      [{ subject: '_:', nodes: ['_:'] }]],
    ['an untyped dataset listed by dcat:dataset and described here is a record',
      'ex:cat a dcat:Catalog ; dcat:dataset ex:a, ex:elsewhere . ex:a dct:title "A" .',
      [{ subject: 'https://ex.org/a', nodes: ['https://ex.org/a'] }]],
  ])('%s', (_name, ttl, expected) => {
    expect(subjectsOf(ttl)).toEqual(expected);
  });

  it('reads key hints and the source dates from the dataset itself', () => {
    const [r] = splitDatasets(parse('ex:a a dcat:Dataset ; dct:identifier "A-1" ; dct:issued "2025-01-01" ; dct:modified "2026-02-02" .'));
    expect(r).toMatchObject({ keyHints: { iri: 'https://ex.org/a', identifier: 'A-1' }, issued: '2025-01-01', modified: '2026-02-02' });
  });

  it('describeResource returns one resource with its inline nodes', () => {
    const quads = parse('ex:d a dcat:Distribution ; dct:title "D" ; <http://spdx.org/rdf/terms#checksum> [ <http://spdx.org/rdf/terms#checksumValue> "ab" ] . ex:other dct:title "O" .');
    expect(describeResource(quads, 'https://ex.org/d')).toHaveLength(4);
    expect(describeResource(quads, 'https://ex.org/missing')).toEqual([]);
  });
});
