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

  it('rebuilt by a step (after): keeps set semantics when the step re-adds, reorders or rewrites quads', () => {
    const input = new RecordDataset([quad(s, p, literal('a')), quad(s, p, literal('b')), quad(s, p, literal('c'))]);
    const [a, b, c] = [...input];
    // Input quads in order, one dropped: taken as they are.
    const kept = RecordDataset.after(input).add(a!).add(c!);
    expect([...kept]).toEqual([a, c]);
    // The same quad twice, an earlier one after a later one, and a new quad equal to a kept one: each once.
    const mixed = RecordDataset.after(input).add(b!).add(b!).add(a!).add(quad(s, p, literal('b'))).add(quad(s, p, literal('d')));
    expect([...mixed].map((q) => q.object.value)).toEqual(['b', 'a', 'd']);
    expect(mixed.has(quad(s, p, literal('a')))).toBe(true);
    expect(input.size).toBe(3);
  });

  it('ofDistinct takes the quads as they are; later adds are deduplicated against them', () => {
    const d = RecordDataset.ofDistinct([quad(s, p, literal('a')), quad(s, p, literal('b'))]);
    d.add(quad(s, p, literal('a'))).add(quad(s, p, literal('c')));
    expect([...d].map((q) => q.object.value)).toEqual(['a', 'b', 'c']);
    d.delete(quad(s, p, literal('b')));
    expect(d.size).toBe(2);
  });
});
