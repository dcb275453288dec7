// **encodeQuads** / **decodeQuads** move quads between threads as a flat array of N3 term ids (cheap to clone).
//
// Structured-cloning RDF/JS term objects loses their classes and costs a walk of every object; N3 terms carry their
// id ready-made, so encoding a parsed record is one array of strings, and decoding builds lazy N3 terms.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, termFromId } from 'n3';
import { termKey } from './indexed-graph.js';

/** Four ids per quad: subject, predicate, object, graph. */
export function encodeQuads(quads: Iterable<Quad>): string[] {
  const ids: string[] = [];
  for (const q of quads) ids.push(termKey(q.subject), termKey(q.predicate), termKey(q.object), termKey(q.graph));
  return ids;
}

export function decodeQuads(ids: readonly string[]): Quad[] {
  const quads: Quad[] = new Array(ids.length / 4);
  for (let i = 0, j = 0; i < ids.length; i += 4, j++) {
    quads[j] = DataFactory.quad(
      termFromId(ids[i]!) as Quad['subject'], termFromId(ids[i + 1]!) as Quad['predicate'],
      termFromId(ids[i + 2]!) as Quad['object'], termFromId(ids[i + 3]!) as Quad['graph'],
    ) as Quad;
  }
  return quads;
}

export const encodeTerms = (terms: Iterable<Term>): string[] => [...terms].map(termKey);
export const decodeTerms = (ids: readonly string[]): Term[] => ids.map((id) => termFromId(id) as Term);
