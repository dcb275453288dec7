// **targetShapes** lists the shapes of a shapes graph that can have focus nodes of their own, in a stable order.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

const TARGET_PREDICATES = new Set(['targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'target'].map((t) => NS.sh + t));
// SHACL's implicit class target is a shape that is an rdfs:Class; owl:Class alone does not make one (nor in Jena).
const CLASS_TYPES = new Set([`${NS.rdfs}Class`]);

/**
 * The shapes that can have focus nodes of their own: explicit targets, or implicit class targets (a shape that is
 * also a class). shacl-engine would otherwise resolve targets for every shape, nested property shapes included,
 * on every record; profiles declare hundreds of those.
 */
export function targetShapes(shapes: readonly Quad[]): Term[] {
  const roots = new Map<string, Term>();
  const types = new Map<string, Set<string>>();
  for (const q of shapes) {
    const k = `${q.subject.termType}:${q.subject.value}`;
    if (TARGET_PREDICATES.has(q.predicate.value)) roots.set(k, q.subject);
    if (q.predicate.value === `${NS.rdf}type`) (types.get(k) ?? types.set(k, new Set()).get(k)!).add(q.object.value);
  }
  for (const q of shapes) {
    const t = types.get(`${q.subject.termType}:${q.subject.value}`);
    if (t && [...t].some((x) => CLASS_TYPES.has(x)) && (t.has(`${NS.sh}NodeShape`) || t.has(`${NS.sh}PropertyShape`))) {
      roots.set(`${q.subject.termType}:${q.subject.value}`, q.subject);
    }
  }
  return [...roots.values()];
}
