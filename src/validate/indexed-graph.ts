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
const ALL = '\u0000all';

const NO_QUADS: readonly Quad[] = Object.freeze([]);
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

export class IndexedGraph implements DatasetCore<Quad, Quad> {
  readonly #quads: Quad[] = [];
  // subject → predicate → quads; ALL (built on first use) lists all of a subject's quads.
  readonly #bySubject: Index = new Map();
  // class → its rdf:type quads: class targets read it on every record, so it is built with the record.
  readonly #byType = new Map<string, Quad[]>();
  // object → predicate → quads, built on first use (inverse paths, matches by object).
  #byObject: Index | undefined;
  #byPredicate: Map<string, Quad[]> | undefined;
  // The last subject asked for: a node's property shapes ask for the same subject many times in a row.
  #lastSubject: Term | undefined;
  #lastOut: Map<string, Quad[]> | undefined;

  /** Indexes the quads once; duplicates are kept once, as in any RDF/JS dataset. */
  constructor(quads: Iterable<Quad>) {
    // A catalogue node lists thousands of datasets under one predicate: past a few values, duplicates are found by
    // key (a scan of the list per quad made indexing such a graph quadratic).
    const seen = new WeakMap<Quad[], Set<string>>();
    const key = (q: Quad) => `${termKey(q.object)} ${termKey(q.graph)}`;
    next: for (const q of quads) {
      const s = termKey(q.subject);
      const p = termKey(q.predicate);
      let byPredicate = this.#bySubject.get(s);
      if (byPredicate === undefined) this.#bySubject.set(s, (byPredicate = new Map()));
      const list = byPredicate.get(p);
      if (list === undefined) byPredicate.set(p, [q]);
      else if (list.length < 16) {
        for (const x of list) if (x.object.equals(q.object) && x.graph.equals(q.graph)) continue next; // a duplicate
        list.push(q);
      } else {
        let keys = seen.get(list);
        if (keys === undefined) seen.set(list, (keys = new Set(list.map(key))));
        const k = key(q);
        if (keys.has(k)) continue; // a duplicate
        keys.add(k);
        list.push(q);
      }
      this.#quads.push(q);
      if (p === RDF_TYPE) {
        const o = termKey(q.object);
        const typed = this.#byType.get(o);
        if (typed === undefined) this.#byType.set(o, [q]);
        else typed.push(q);
      }
    }
  }

  get size(): number {
    return this.#quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.#quads[Symbol.iterator]();
  }

  has(quad: Quad): boolean {
    return this.outQuads(quad.subject, quad.predicate).some((x) => x.object.equals(quad.object) && x.graph.equals(quad.graph));
  }

  /** The quads with this subject and predicate (no copy: do not mutate). */
  outQuads(subject: Term, predicate: Term): readonly Quad[] {
    let byPredicate: Map<string, Quad[]> | undefined;
    if (subject === this.#lastSubject) byPredicate = this.#lastOut;
    else {
      byPredicate = this.#bySubject.get(termKey(subject));
      this.#lastSubject = subject;
      this.#lastOut = byPredicate;
    }
    return byPredicate?.get(termKey(predicate)) ?? NO_QUADS;
  }

  /** The quads with this object and predicate (no copy: do not mutate). */
  inQuads(object: Term, predicate: Term): readonly Quad[] {
    if (predicate.termType === 'NamedNode' && predicate.value === RDF_TYPE) return this.#byType.get(termKey(object)) ?? NO_QUADS;
    return this.#objects().get(termKey(object))?.get(termKey(predicate)) ?? NO_QUADS;
  }

  #objects(): Index {
    if (this.#byObject === undefined) {
      this.#byObject = new Map();
      for (const q of this.#quads) push(this.#byObject, termKey(q.object), termKey(q.predicate), q);
    }
    return this.#byObject;
  }

  /** The quads with this predicate, in insertion order (no copy: do not mutate); the index is built on first use. */
  withPredicate(predicate: Term): readonly Quad[] {
    if (this.#byPredicate === undefined) {
      this.#byPredicate = new Map();
      for (const q of this.#quads) {
        const key = termKey(q.predicate);
        const list = this.#byPredicate.get(key);
        if (list === undefined) this.#byPredicate.set(key, [q]);
        else list.push(q);
      }
    }
    return this.#byPredicate.get(termKey(predicate)) ?? NO_QUADS;
  }

  /** All quads of one term's entry in an index (any predicate), built on first use. */
  static #all(byPredicate: Map<string, Quad[]> | undefined): Quad[] | undefined {
    if (byPredicate === undefined) return undefined;
    let all = byPredicate.get(ALL);
    if (all === undefined) byPredicate.set(ALL, (all = [...byPredicate.values()].flat()));
    return all;
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): DatasetCore<Quad, Quad> {
    return this.#match(subject, predicate, object, graph) as unknown as DatasetCore<Quad, Quad>;
  }

  #match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadMatches {
    let candidates: readonly Quad[] | undefined;
    let checkObject = object != null;
    if (subject != null) {
      const byPredicate = this.#bySubject.get(termKey(subject));
      candidates = predicate == null ? IndexedGraph.#all(byPredicate) : byPredicate?.get(termKey(predicate));
    } else if (object != null) {
      const byPredicate = this.#objects().get(termKey(object));
      candidates = predicate == null ? IndexedGraph.#all(byPredicate) : byPredicate?.get(termKey(predicate));
      checkObject = false;
    } else if (predicate != null) {
      candidates = this.withPredicate(predicate);
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
