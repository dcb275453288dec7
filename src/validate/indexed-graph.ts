// **IndexedGraph** is a read-only RDF/JS DatasetCore over one record, indexed for the lookups SHACL traversal makes.
//
// shacl-engine walks the data graph through grapoi, which calls `match()` for every step of every property path.
// rdf-ext's dataset answers each call with a new indexed dataset, so a record's validation spent most of its time
// building throw-away indexes. Here `match()` returns a slice of a prebuilt index (an array with a `size`), and
// building the index once per record is a few map insertions per quad.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { termToId } from 'n3';

/** A match result: iterable like a dataset, with the `size` shacl-engine reads (sh:disjoint). */
export interface QuadMatches extends Iterable<Quad> {
  readonly size: number;
}

/**
 * A key that is equal exactly when two terms are equal (RDF/JS `equals`): N3's term id, which N3 terms (the parsers'
 * output) carry ready-made, so indexing a record does not re-read every literal's value, language and datatype.
 */
export const termKey: (term: Term) => string = termToId as (term: Term) => string;

class Matches implements QuadMatches {
  readonly #quads: readonly Quad[];

  constructor(quads: readonly Quad[]) {
    this.#quads = quads;
  }

  get size(): number {
    return this.#quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.#quads[Symbol.iterator]();
  }
}

const NONE = new Matches([]);
type Index = Map<string, Map<string, Quad[]>>;

function push(index: Index, outer: string, inner: string, quad: Quad): void {
  let byInner = index.get(outer);
  if (byInner === undefined) index.set(outer, (byInner = new Map()));
  const list = byInner.get(inner);
  if (list === undefined) byInner.set(inner, [quad]);
  else list.push(quad);
}

const sameOrAny = (pattern: Term | null | undefined, term: Term) => pattern == null || pattern.equals(term);

export class IndexedGraph implements DatasetCore<Quad, Quad> {
  readonly #quads: Quad[] = [];
  readonly #keys = new Set<string>();
  // subject → predicate → quads, object → predicate → quads; the '' inner key lists all of the outer term's quads.
  readonly #bySubject: Index = new Map();
  readonly #byObject: Index = new Map();
  readonly #byPredicate = new Map<string, Quad[]>();

  /** Indexes the quads once; duplicates are kept once, as in any RDF/JS dataset. */
  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const s = termKey(q.subject);
      const p = termKey(q.predicate);
      const o = termKey(q.object);
      const key = `${s}\u0001${p}\u0001${o}\u0001${termKey(q.graph)}`;
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.#quads.push(q);
      push(this.#bySubject, s, p, q);
      push(this.#bySubject, s, '', q);
      push(this.#byObject, o, p, q);
      push(this.#byObject, o, '', q);
      const list = this.#byPredicate.get(p);
      if (list === undefined) this.#byPredicate.set(p, [q]);
      else list.push(q);
    }
  }

  get size(): number {
    return this.#quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.#quads[Symbol.iterator]();
  }

  has(quad: Quad): boolean {
    return this.#keys.has(`${termKey(quad.subject)}\u0001${termKey(quad.predicate)}\u0001${termKey(quad.object)}\u0001${termKey(quad.graph)}`);
  }

  /** The quads with this subject and predicate (no copy: do not mutate). */
  outQuads(subject: Term, predicate: Term): readonly Quad[] {
    return this.#bySubject.get(termKey(subject))?.get(termKey(predicate)) ?? [];
  }

  /** The quads with this object and predicate (no copy: do not mutate). */
  inQuads(object: Term, predicate: Term): readonly Quad[] {
    return this.#byObject.get(termKey(object))?.get(termKey(predicate)) ?? [];
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): DatasetCore<Quad, Quad> {
    return this.#match(subject, predicate, object, graph) as unknown as DatasetCore<Quad, Quad>;
  }

  #match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadMatches {
    let candidates: readonly Quad[] | undefined;
    let checkObject = object != null;
    if (subject != null) {
      candidates = this.#bySubject.get(termKey(subject))?.get(predicate == null ? '' : termKey(predicate));
    } else if (object != null) {
      candidates = this.#byObject.get(termKey(object))?.get(predicate == null ? '' : termKey(predicate));
      checkObject = false;
    } else if (predicate != null) {
      candidates = this.#byPredicate.get(termKey(predicate));
    } else {
      candidates = this.#quads;
    }
    if (candidates === undefined) return NONE;
    if (!checkObject && graph == null) return new Matches(candidates);
    return new Matches(candidates.filter((q) => (!checkObject || sameOrAny(object, q.object)) && sameOrAny(graph, q.graph)));
  }

  add(): this {
    throw new TypeError('IndexedGraph is read-only: it indexes one record for validation');
  }

  delete(): this {
    throw new TypeError('IndexedGraph is read-only: it indexes one record for validation');
  }
}
