// **needsSparql** tells whether a shapes graph uses SHACL-SPARQL, so the engine's SPARQL entry point is loaded only then.
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

// sh:sparql constraints; sh:target values (SPARQL-based targets and target types, which only the SPARQL plugin resolves:
// without it the engine drops them silently and the shape checks nothing); sh:select / sh:ask of custom components.
const SPARQL_PREDICATES = new Set(['sparql', 'target', 'select', 'ask'].map((p) => NS.sh + p));

/** True when the shapes use SHACL-SPARQL features that shacl-engine handles only with its SPARQL plugin. */
export function needsSparql(shapes: Iterable<Quad>): boolean {
  for (const q of shapes) if (SPARQL_PREDICATES.has(q.predicate.value)) return true;
  return false;
}
