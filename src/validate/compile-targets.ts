// **compileTargets** finds a shape's focus nodes in a data graph, the way SHACL defines them, in shacl-engine's order.
//
// The engine resolves targets through grapoi pointers for every shape on every record. This reads the engine's own
// TargetResolver fields (nodes, subjects-of, objects-of) and walks them in its order: class by class, then nodes, then
// objects-of, then subjects-of, each node kept at its first place (results are reported in focus-node order). Two
// differences from the engine, both as SHACL (and Apache Jena) have it:
// - class targets are the sh:targetClass values, plus the shape itself only when it is an rdfs:Class (an implicit class
//   target); the engine also makes every sh:NodeShape a class target of itself, and sheaf used to take owl:Class too;
// - instances of a subclass the data graph declares (rdfs:subClassOf in the data) are targets too (SubclassClosure).
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import resolveClasses from 'shacl-engine/lib/resolveClasses.js';
import { NS } from '../core/namespaces.js';
import { IndexedGraph, termKey } from './indexed-graph.js';
import { subclassClosureOf } from './compile-class.js';
import type { EngineShape } from './engine-internals.js';

const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);
const RDFS_CLASS = DataFactory.namedNode(`${NS.rdfs}Class`);
const SH_TARGET_CLASS = DataFactory.namedNode(`${NS.sh}targetClass`);

/** A shape's focus nodes in one data graph (a record index, or a dataset when SPARQL-based shapes need one). */
export type Targets = (data: DatasetCore) => Term[];

class TargetList {
  readonly terms: Term[] = [];
  readonly #seen = new Set<string>();

  add(term: Term): void {
    const key = termKey(term);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.terms.push(term);
  }
}

function matching(data: DatasetCore, predicate: Term, object?: Term): Iterable<Quad> {
  if (data instanceof IndexedGraph) return object === undefined ? data.withPredicate(predicate) : data.inQuads(object, predicate);
  return data.match(null, predicate, object ?? null);
}

/** The shape's class targets with their subclasses in the shapes graph (explicit, and implicit when it is an rdfs:Class). */
function targetClasses(shape: EngineShape): Term[] {
  const shapeTerm = shape.ptr.node([shape.ptr.term]);
  const isClass = [...shapeTerm.out([RDF_TYPE])].some((t) => t.term.equals(RDFS_CLASS));
  const classes = new Map<string, Term>();
  for (const ptr of [...shape.ptr.out([SH_TARGET_CLASS]), ...(isClass ? [shapeTerm] : [])]) {
    for (const c of resolveClasses(ptr)) classes.set(termKey(c), c);
  }
  return [...classes.values()];
}

/**
 * The shape's node targets (the engine's sh:target values, e.g. SPARQL-based targets, are left to the caller, which
 * asks the engine's target resolvers and appends them).
 */
export function compileTargets(shape: EngineShape): Targets {
  const resolver = shape.targetResolver;
  const classes = targetClasses(shape);
  const classKeys = new Set(classes.map(termKey));
  const nodes = [...resolver.targetNode];
  const objectsOf = [...resolver.targetObjectsOf];
  const subjectsOf = [...resolver.targetSubjectsOf];
  const closure = subclassClosureOf(shape.validator);
  return (data) => {
    const list = new TargetList();
    for (const c of classes) for (const q of matching(data, RDF_TYPE, c)) list.add(q.subject);
    for (const n of closure.instancesThroughData(data, classKeys)) list.add(n);
    for (const n of nodes) list.add(n);
    for (const p of objectsOf) for (const q of matching(data, p)) list.add(q.object);
    for (const p of subjectsOf) for (const q of matching(data, p)) list.add(q.subject);
    return list.terms;
  };
}
