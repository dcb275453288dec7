// **classEntailments** materialises what SPARQL cannot infer: the rdfs:subClassOf closure, owl:equivalentClass both ways, skos:broaderTransitive.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';

const { namedNode, quad } = DataFactory;
const SUBCLASS_OF = `${NS.rdfs}subClassOf`;
const EQUIVALENT = `${NS.owl}equivalentClass`;
const BROADER = `${NS.skos}broader`;
const BROADER_TRANSITIVE = `${NS.skos}broaderTransitive`;
const CLASS_TYPES = new Set([`${NS.owl}Class`, `${NS.rdfs}Class`]);

const isIri = (t: Term): boolean => t.termType === 'NamedNode';

function add(edges: Map<string, Set<string>>, from: string, to: string): void {
  let set = edges.get(from);
  if (set === undefined) edges.set(from, (set = new Set()));
  set.add(to);
}

/** Every node reachable from `start` through `edges`, `start` included. */
function reachable(edges: ReadonlyMap<string, ReadonlySet<string>>, start: string): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const next of edges.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * The triples an RDFS/OWL reasoner would add that portals query by (SPARQL 1.1 entailment is not something Oxigraph
 * or Virtuoso's default endpoint offers, and a property path `rdfs:subClassOf*` misses equivalent classes):
 * - `C rdfs:subClassOf D` for every named class D that C is under, through rdfs:subClassOf chains and
 *   owl:equivalentClass in either direction, C itself included (RDFS rule rdfs10), so one triple pattern
 *   `?c rdfs:subClassOf <root>` finds the root and everything below it;
 * - `C owl:equivalentClass D` both ways and across chains of equivalences;
 * - `C skos:broaderTransitive D` for the closure of skos:broader.
 * Only named classes: anonymous class expressions are left as asserted. Triples already asserted are not repeated.
 */
export function classEntailments(quads: readonly Quad[]): Quad[] {
  const up = new Map<string, Set<string>>();
  const same = new Map<string, Set<string>>();
  const broader = new Map<string, Set<string>>();
  const classes = new Set<string>();
  const asserted = new Set<string>();
  for (const q of quads) {
    const p = q.predicate.value;
    if (p !== SUBCLASS_OF && p !== EQUIVALENT && p !== BROADER && !(p === `${NS.rdf}type` && CLASS_TYPES.has(q.object.value))) continue;
    if (!isIri(q.subject)) continue;
    if (p === `${NS.rdf}type`) { classes.add(q.subject.value); continue; }
    if (!isIri(q.object)) continue;
    const s = q.subject.value;
    const o = q.object.value;
    asserted.add(`${s} ${p} ${o}`);
    if (p === BROADER) { add(broader, s, o); continue; }
    classes.add(s);
    classes.add(o);
    add(up, s, o);
    if (p === EQUIVALENT) {
      add(up, o, s);
      add(same, s, o);
      add(same, o, s);
    }
  }
  const out: Quad[] = [];
  const emit = (s: string, p: string, o: string): void => {
    const key = `${s} ${p} ${o}`;
    if (asserted.has(key)) return;
    asserted.add(key);
    out.push(quad(namedNode(s), namedNode(p), namedNode(o)));
  };
  for (const c of [...classes].sort()) {
    for (const d of [...reachable(up, c)].sort()) emit(c, SUBCLASS_OF, d);
    for (const d of [...reachable(same, c)].sort()) if (d !== c) emit(c, EQUIVALENT, d);
  }
  for (const c of [...broader.keys()].sort()) for (const d of [...reachable(broader, c)].sort()) if (d !== c) emit(c, BROADER_TRANSITIVE, d);
  return out;
}
