// **SubclassClosure** answers "is this class a SHACL subclass of that one" over the shapes graph and the data graph.
//
// shacl-engine resolves sh:targetClass and sh:class through rdfs:subClassOf in the shapes graph only (sheaf puts the
// ontology's hierarchy there), but SHACL counts the data graph's rdfs:subClassOf triples (SHACL 1.0 §1.5, "SHACL
// instance" and "SHACL subclass"). A record rarely declares classes, so the data graph's part is looked at only when
// it has rdfs:subClassOf triples, and then read once per data graph.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { IndexedGraph, termKey } from './indexed-graph.js';

const SUBCLASS_OF = DataFactory.namedNode(`${NS.rdfs}subClassOf`);
const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);

/** class key → its direct superclasses. */
type Edges = ReadonlyMap<string, readonly Term[]>;

function edgesOf(quads: Iterable<Quad>): Map<string, Term[]> {
  const edges = new Map<string, Term[]>();
  for (const q of quads) {
    const k = termKey(q.subject);
    const supers = edges.get(k);
    if (supers === undefined) edges.set(k, [q.object]);
    else supers.push(q.object);
  }
  return edges;
}

function subclassQuads(data: DatasetCore): Iterable<Quad> {
  return data instanceof IndexedGraph ? data.withPredicate(SUBCLASS_OF) : data.match(null, SUBCLASS_OF, null);
}

// Per data graph (a record index or a dataset), its subClassOf edges; null when it has none (the usual case).
const DATA_EDGES = new WeakMap<DatasetCore, Edges | null>();

function dataEdges(data: DatasetCore): Edges | null {
  let edges = DATA_EDGES.get(data);
  if (edges === undefined) {
    const found = edgesOf(subclassQuads(data));
    edges = found.size === 0 ? null : found;
    DATA_EDGES.set(data, edges);
  }
  return edges;
}

export class SubclassClosure {
  readonly #shapes: Edges;

  /** From the shapes graph's rdfs:subClassOf triples. */
  constructor(shapes: DatasetCore) {
    this.#shapes = edgesOf(subclassQuads(shapes));
  }

  /** Whether the data graph declares any rdfs:subClassOf (if not, the shapes graph's closure is already complete). */
  static declaresClasses(data: DatasetCore): boolean {
    return dataEdges(data) !== null;
  }

  /**
   * Whether one of `types` is a class in `classes` or a SHACL subclass of one, through rdfs:subClassOf chains that may
   * mix the shapes graph's and the data graph's triples.
   */
  reaches(types: Iterable<Term>, classes: ReadonlySet<string>, data: DatasetCore): boolean {
    const fromData = dataEdges(data);
    const seen = new Set<string>();
    const queue = [...types];
    while (queue.length > 0) {
      const t = queue.pop()!;
      const k = termKey(t);
      if (classes.has(k)) return true;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const edges of [this.#shapes, fromData]) for (const s of edges?.get(k) ?? []) queue.push(s);
    }
    return false;
  }

  /**
   * The data graph's nodes that are SHACL instances of a class in `classes` only through the data graph's
   * rdfs:subClassOf triples (nodes typed with a class in `classes` itself are not listed), in the data's order.
   */
  instancesThroughData(data: DatasetCore, classes: ReadonlySet<string>): Term[] {
    if (dataEdges(data) === null || classes.size === 0) return [];
    const found: Term[] = [];
    const verdict = new Map<string, boolean>();
    const typeQuads = data instanceof IndexedGraph ? data.withPredicate(RDF_TYPE) : data.match(null, RDF_TYPE, null);
    for (const q of typeQuads) {
      const k = termKey(q.object);
      if (classes.has(k)) continue;
      let reaches = verdict.get(k);
      if (reaches === undefined) verdict.set(k, (reaches = this.reaches([q.object], classes, data)));
      if (reaches) found.push(q.subject);
    }
    return found;
  }
}
