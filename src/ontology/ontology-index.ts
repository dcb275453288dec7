// **OntologyIndex** indexes an ontology's quads once (subject → predicate → objects) for derivation and closures.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

const RDF_TYPE = `${NS.rdf}type`;
const SUBCLASS = `${NS.rdfs}subClassOf`;
const EQUIVALENT = `${NS.owl}equivalentClass`;

/** Key for a term in maps: IRIs bare, blank nodes prefixed so they never collide with IRIs. */
export const keyOf = (t: Term): string => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

export class OntologyIndex {
  readonly #out = new Map<string, Map<string, Term[]>>();
  readonly #in = new Map<string, Map<string, Term[]>>();
  readonly #terms = new Map<string, Term>();
  readonly #byPredicate = new Map<string, Quad[]>();

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const s = keyOf(q.subject);
      const o = keyOf(q.object);
      this.#terms.set(s, q.subject);
      this.#terms.set(o, q.object);
      push(this.#out, s, q.predicate.value, q.object);
      push(this.#in, o, q.predicate.value, q.subject);
      const same = this.#byPredicate.get(q.predicate.value);
      if (same) same.push(q);
      else this.#byPredicate.set(q.predicate.value, [q]);
    }
  }

  term(key: string): Term | undefined {
    return this.#terms.get(key);
  }

  objects(subject: Term | string, predicate: string): readonly Term[] {
    return this.#out.get(typeof subject === 'string' ? subject : keyOf(subject))?.get(predicate) ?? [];
  }

  subjects(predicate: string, object: Term | string): readonly Term[] {
    return this.#in.get(typeof object === 'string' ? object : keyOf(object))?.get(predicate) ?? [];
  }

  first(subject: Term | string, predicate: string): Term | undefined {
    return this.objects(subject, predicate)[0];
  }

  /** Every triple with this predicate. */
  triples(predicate: string): readonly Quad[] {
    return this.#byPredicate.get(predicate) ?? [];
  }

  /** Every subject with `rdf:type` one of `types`. */
  instancesOf(...types: string[]): Term[] {
    const seen = new Map<string, Term>();
    for (const t of types) for (const s of this.subjects(RDF_TYPE, t)) seen.set(keyOf(s), s);
    return [...seen.values()];
  }

  hasType(subject: Term | string, type: string): boolean {
    return this.objects(subject, RDF_TYPE).some((t) => t.value === type);
  }

  /** The members of an RDF list; an ill-formed list ends where it breaks. */
  list(head: Term): Term[] {
    const items: Term[] = [];
    const seen = new Set<string>();
    for (let node: Term | undefined = head; node && node.value !== `${NS.rdf}nil` && !seen.has(keyOf(node)); ) {
      seen.add(keyOf(node));
      const first = this.first(node, `${NS.rdf}first`);
      if (first) items.push(first);
      node = this.first(node, `${NS.rdf}rest`);
    }
    return items;
  }

  /** Human label for messages: rdfs:label or skos:prefLabel (English first), else the IRI's local name. */
  label(term: Term | string): string {
    const labels = [...this.objects(term, `${NS.rdfs}label`), ...this.objects(term, `${NS.skos}prefLabel`)];
    const en = labels.find((l) => (l as Term & { language?: string }).language?.startsWith('en'));
    const chosen = en ?? labels[0];
    if (chosen) return chosen.value;
    const iri = typeof term === 'string' ? term : term.value;
    return iri.replace(/^.*[#/]/, '');
  }

  /**
   * The root and every named class below it: rdfs:subClassOf* and owl:equivalentClass (both directions), in one
   * breadth-first walk, so the cost is linear in the size of the subtree.
   */
  classClosure(root: string): Set<string> {
    return this.#walk(root, (k) => [
      ...this.subjects(SUBCLASS, k),
      ...this.subjects(EQUIVALENT, k),
      ...this.objects(k, EQUIVALENT),
    ]);
  }

  /** A SKOS concept and everything narrower (skos:narrower, inverse skos:broader, transitive variants). */
  conceptClosure(root: string): Set<string> {
    return this.#walk(root, (k) => [
      ...this.objects(k, `${NS.skos}narrower`),
      ...this.objects(k, `${NS.skos}narrowerTransitive`),
      ...this.subjects(`${NS.skos}broader`, k),
      ...this.subjects(`${NS.skos}broaderTransitive`, k),
    ]);
  }

  /** Every concept of a SKOS scheme: skos:inScheme, skos:hasTopConcept / topConceptOf, and what is narrower. */
  schemeMembers(scheme: string): Set<string> {
    const members = new Set<string>();
    const tops = [...this.objects(scheme, `${NS.skos}hasTopConcept`), ...this.subjects(`${NS.skos}topConceptOf`, scheme)];
    for (const c of [...tops, ...this.subjects(`${NS.skos}inScheme`, scheme)]) {
      for (const k of this.conceptClosure(keyOf(c))) members.add(k);
    }
    return members;
  }

  #walk(root: string, next: (key: string) => Term[]): Set<string> {
    const found = new Set<string>([root]);
    const queue = [root];
    while (queue.length > 0) {
      for (const t of next(queue.pop()!)) {
        if (t.termType !== 'NamedNode' || found.has(t.value)) continue;
        found.add(t.value);
        queue.push(t.value);
      }
    }
    return found;
  }
}

function push(index: Map<string, Map<string, Term[]>>, key: string, predicate: string, value: Term): void {
  let byPredicate = index.get(key);
  if (!byPredicate) index.set(key, (byPredicate = new Map()));
  const values = byPredicate.get(predicate);
  if (values) values.push(value);
  else byPredicate.set(predicate, [value]);
}
