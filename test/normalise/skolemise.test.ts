// Deterministic skolemisation and the canonical hash: stable across parses, distinct by content and by record.
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/normalise/canonical-hash.js';
import { blankSignatures, MAX_BLANK_DEPTH, skolemise } from '../../src/normalise/skolemise.js';

const TTL = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
<https://x.org/ds> dcat:contactPoint [ vcard:fn "Desk A" ; vcard:hasAddress [ vcard:locality "Ghent" ] ] ,
                                     [ vcard:fn "Desk B" ] ;
  dcat:spatial [ ] .`;
// Each Parser instance labels blank nodes differently (b0_…, b1_…), like two harvest runs would.
const parse = (text: string): Quad[] => new Parser({ blankNodePrefix: `p${Math.random().toString(36).slice(2, 6)}_` }).parse(text);
const opts = { base: 'https://sheaf.test', scope: 'feed\nkey' };
const objects = (quads: readonly Quad[]) => quads.map((q) => q.object.value).sort();
const spatial = (quads: readonly Quad[]) => quads.find((q) => q.predicate.value.endsWith('spatial'))!.object.value;

describe('skolemise', () => {
  it('gives the same IRIs to the same content on every parse', () => {
    const a = skolemise(parse(TTL), opts).quads;
    const b = skolemise(parse(TTL), opts).quads;
    expect(a.every((q) => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode')).toBe(true);
    expect(objects(a)).toEqual(objects(b));
    expect(spatial(a)).toMatch(/^https:\/\/sheaf\.test\/\.well-known\/genid\//);
  });

  it('keeps different content apart, and a nested change changes its parent too', () => {
    const quads = parse(TTL);
    const labels = [...blankSignatures(quads).values()];
    expect(new Set(labels).size).toBe(labels.length);
    const moved = skolemise(parse(TTL.replace('Ghent', 'Leuven')), opts).quads;
    const before = skolemise(quads, opts).quads;
    const contact = (qs: readonly Quad[]) => qs.find((q) => q.predicate.value.endsWith('contactPoint') && qs.some((r) => r.subject.equals(q.object) && r.object.value === 'Desk A'))!.object.value;
    expect(contact(moved)).not.toBe(contact(before));
  });

  it('scopes IRIs to the record, so equal blank nodes of two records stay two nodes', () => {
    const a = skolemise(parse(TTL), { ...opts, scope: 'feed\nrecord-1' }).quads;
    const b = skolemise(parse(TTL), { ...opts, scope: 'feed\nrecord-2' }).quads;
    expect(spatial(a)).not.toBe(spatial(b));
  });

  it('is deterministic through blank-node cycles', () => {
    const cycle = '@prefix ex: <https://ex.org/> . <https://ex.org/s> ex:p _:a . _:a ex:next _:b . _:b ex:next _:a ; ex:v 1 .';
    expect(objects(skolemise(parse(cycle), opts).quads)).toEqual(objects(skolemise(parse(cycle), opts).quads));
  });
});

describe('canonicalHash', () => {
  it('is equal for the same record however it was labelled or ordered, and differs when a value changes', () => {
    const a = parse(TTL);
    const b = parse(TTL).reverse();
    const hash = (qs: readonly Quad[]) => canonicalHash(qs, { salt: 'dcat-ap', blankLabels: blankSignatures(qs) }).hash;
    expect(hash(a)).toBe(hash(b));
    expect(hash(parse(TTL.replace('Desk B', 'Desk C')))).not.toBe(hash(a));
    expect(canonicalHash(a, { salt: 'other-profile', blankLabels: blankSignatures(a) }).hash).not.toBe(hash(a));
  });

  it('counts distinct triples', () => {
    const a = parse(TTL);
    expect(canonicalHash([...a, ...a], { salt: '', blankLabels: blankSignatures(a) }).triples).toBe(a.length);
  });

  it('refuses blank nodes nested deeper than MAX_BLANK_DEPTH with a clear error, and signs a list just within it', () => {
    // An RDF list nests one blank node per item: `( ( ( … ) ) )` in Turtle, as a hostile or careless exporter writes it.
    const nested = (depth: number) => `<https://x.org/ds> <http://purl.org/dc/terms/relation> ${'( '.repeat(depth)}"bottom"${' )'.repeat(depth)} .`;
    expect(() => blankSignatures(parse(nested(20_000)))).toThrow(/nest 20,000 levels deep .*at most 1,000/);
    expect(() => blankSignatures(parse(nested(MAX_BLANK_DEPTH + 1)))).toThrow(/levels deep/);
    // Just within the limit: signed and skolemised as any record.
    const within = parse(nested(MAX_BLANK_DEPTH));
    expect(new Set(blankSignatures(within).values()).size).toBe(MAX_BLANK_DEPTH);
    expect(skolemise(within, opts).quads.every((q) => q.object.termType !== 'BlankNode')).toBe(true);
  });
});
