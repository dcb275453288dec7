// RecordDataset honours the RDF/JS DatasetCore contract: set semantics, match, delete, size.
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { RecordDataset } from '../../src/normalise/record-dataset.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const s = namedNode('https://records.example.org/ds');
const p = namedNode('http://purl.org/dc/terms/title');

describe('RecordDataset', () => {
  it('keeps one copy of equal quads and tells literals apart by language and datatype', () => {
    const d = new RecordDataset([
      quad(s, p, literal('x')),
      quad(s, p, literal('x')),
      quad(s, p, literal('x', 'en')),
      quad(s, p, literal('x', namedNode('http://www.w3.org/2001/XMLSchema#token'))),
    ]);
    expect(d.size).toBe(3);
    expect(d.has(quad(s, p, literal('x', 'en')))).toBe(true);
    expect(d.has(quad(s, p, literal('y')))).toBe(false);
  });

  it('matches by any combination of terms and deletes one quad', () => {
    const b = blankNode('b1');
    const d = new RecordDataset([quad(s, p, literal('x')), quad(b, p, literal('y')), quad(s, namedNode('urn:q'), b)]);
    expect(d.match(s).size).toBe(2);
    expect(d.match(null, p).size).toBe(2);
    expect(d.match(null, null, b).size).toBe(1);
    d.delete(quad(b, p, literal('y')));
    expect([...d].map((q) => q.object.value)).toEqual(['x', 'b1']);
    expect(d.size).toBe(2);
  });
});
