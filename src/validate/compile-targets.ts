// **compileTargets** finds a shape's focus nodes in a record index, the same nodes in the same order as shacl-engine.
//
// The engine resolves targets through grapoi pointers for every shape on every record. This reads the engine's own
// TargetResolver fields (classes with their subclasses from the shapes graph, nodes, subjects-of, objects-of) and walks
// them in its order: class by class, then nodes, then objects-of, then subjects-of, each node kept at its first place.
// The order matters: results are reported in focus-node order.
import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { type IndexedGraph, termKey } from './indexed-graph.js';
import type { EngineShape } from './engine-internals.js';

const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);

/** A shape's focus nodes in one record. */
export type Targets = (graph: IndexedGraph) => Term[];

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

/** The shape's target resolution, or undefined when it has targets only the engine resolves (sh:target, e.g. SPARQL). */
export function compileTargets(shape: EngineShape): Targets | undefined {
  const resolver = shape.targetResolver;
  if (resolver.targets.length > 0) return undefined;
  const classes = [...resolver.targetClass];
  const nodes = [...resolver.targetNode];
  const objectsOf = [...resolver.targetObjectsOf];
  const subjectsOf = [...resolver.targetSubjectsOf];
  return (graph) => {
    const list = new TargetList();
    for (const c of classes) for (const q of graph.inQuads(c, RDF_TYPE)) list.add(q.subject);
    for (const n of nodes) list.add(n);
    for (const p of objectsOf) for (const q of graph.withPredicate(p)) list.add(q.object);
    for (const p of subjectsOf) for (const q of graph.withPredicate(p)) list.add(q.subject);
    return list.terms;
  };
}
