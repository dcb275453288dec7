// **constraintFacts** flattens a shapes graph into comparable facts: (target, path, constraint, value, severity).
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { keyOf, OntologyIndex } from './ontology-index.js';

/** One checkable statement of a shapes graph, independent of the minted shape IRIs. */
export interface ConstraintFact {
  /** `class <C>`, `subjectsOf <p>`, `objectsOf <p>` or `node <n>`. */
  readonly target: string;
  /** SPARQL-like path text (`<p>`, `^<p>`), or `` for node constraints. */
  readonly path: string;
  /** The constraint parameter IRI, e.g. `sh:class`, `sh:maxCount`, `sh:in`. */
  readonly constraint: string;
  /** The parameter value as text; blank-node structures written out in a canonical order. */
  readonly value: string;
  readonly severity: 'Violation' | 'Warning' | 'Info';
  /** Every IRI the constraint mentions in its target, path and value: what records must use to be concerned. */
  readonly terms: readonly string[];
}

const SH = NS.sh;
const TARGETS: ReadonlyArray<readonly [string, string]> = [
  [`${SH}targetClass`, 'class'], [`${SH}targetSubjectsOf`, 'subjectsOf'], [`${SH}targetObjectsOf`, 'objectsOf'], [`${SH}targetNode`, 'node'],
];
// Descriptive or structural predicates: they change no validation result, so they make no fact.
const NOT_CONSTRAINTS = new Set([
  `${NS.rdf}type`, `${SH}property`, `${SH}path`, `${SH}name`, `${SH}description`, `${SH}message`, `${SH}severity`, `${SH}order`,
  `${SH}group`, `${SH}deactivated`, ...TARGETS.map(([p]) => p),
]);
const isMeta = (p: string): boolean =>
  NOT_CONSTRAINTS.has(p) || p.startsWith(NS.sheaf) || p.startsWith(NS.rdfs) || p.startsWith(NS.dct) || p === `${NS.owl}imports`;

/** The facts of a shapes graph. Members of `sh:in` lists are separate facts, so a grown value set shows member by member. */
export function constraintFacts(shapes: Iterable<Quad>): ConstraintFact[] {
  const all = [...shapes];
  const ix = new OntologyIndex(all);
  const bySubject = new Map<string, Quad[]>();
  for (const q of all) {
    const list = bySubject.get(keyOf(q.subject));
    if (list) list.push(q);
    else bySubject.set(keyOf(q.subject), [q]);
  }
  const outgoing = (s: Term): readonly Quad[] => bySubject.get(keyOf(s)) ?? [];
  const facts = new Map<string, ConstraintFact>();
  const shapesOf = (type: string) => ix.instancesOf(`${SH}${type}`);
  const candidates = new Map<string, Term>();
  for (const s of [...shapesOf('NodeShape'), ...shapesOf('PropertyShape')]) candidates.set(keyOf(s), s);
  for (const q of TARGETS.flatMap(([p]) => ix.triples(p))) candidates.set(keyOf(q.subject), q.subject);

  for (const shape of candidates.values()) {
    const targets = TARGETS.flatMap(([p, word]) => ix.objects(shape, p).map((t) => ({ text: `${word} ${text(t)}`, term: t })));
    if (targets.length === 0) continue;
    const visit = (s: Term, path: Term | undefined) => {
      const severity = severityOf(ix.first(s, `${SH}severity`));
      const pathText = path === undefined ? '' : structure(ix, outgoing, path, new Set());
      const pathTerms = path === undefined ? [] : iris(outgoing, path, new Set());
      for (const q of outgoing(s)) {
        if (isMeta(q.predicate.value)) continue;
        const values = q.predicate.value === `${SH}in` ? ix.list(q.object) : [q.object];
        for (const v of values) {
          for (const t of targets) {
            const fact: ConstraintFact = {
              target: t.text, path: pathText, constraint: q.predicate.value, value: structure(ix, outgoing, v, new Set()), severity,
              terms: [...new Set([...(t.term.termType === 'NamedNode' ? [t.term.value] : []), ...pathTerms, ...iris(outgoing, v, new Set())])],
            };
            facts.set(factKey(fact), fact);
          }
        }
      }
    };
    visit(shape, ix.first(shape, `${SH}path`));
    for (const ps of ix.objects(shape, `${SH}property`)) visit(ps, ix.first(ps, `${SH}path`));
  }
  return [...facts.values()];
}

/** Identity of a fact across versions: everything but the IRIs list. */
export const factKey = (f: ConstraintFact): string => `${f.target}\u0000${f.path}\u0000${f.constraint}\u0000${f.value}\u0000${f.severity}`;

/** Target + path + constraint: facts sharing it with a different value are one changed constraint. */
export const slotKey = (f: ConstraintFact): string => `${f.target}\u0000${f.path}\u0000${f.constraint}`;

function severityOf(t: Term | undefined): ConstraintFact['severity'] {
  const local = t?.value.slice(SH.length);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
}

type Outgoing = (s: Term) => readonly Quad[];

function text(t: Term): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'Literal') {
    const lit = t as Term & { language: string; datatype: { value: string } };
    return lit.language ? `"${lit.value}"@${lit.language}` : `"${lit.value}"^^<${lit.datatype.value}>`;
  }
  return `_:${t.value}`;
}

/** Canonical text of a term: blank nodes are written as their sorted content, lists as `( … )`. */
function structure(ix: OntologyIndex, outgoing: Outgoing, t: Term, seen: Set<string>): string {
  if (t.termType !== 'BlankNode') return text(t);
  if (seen.has(t.value)) return '_:cycle';
  const next = new Set(seen).add(t.value);
  if (ix.first(t, `${NS.rdf}first`)) return `( ${ix.list(t).map((m) => structure(ix, outgoing, m, next)).join(' ')} )`;
  const parts = outgoing(t).filter((q) => !isMeta(q.predicate.value) || q.predicate.value === `${SH}path`)
    .map((q) => `<${q.predicate.value}> ${structure(ix, outgoing, q.object, next)}`).sort();
  return `[ ${parts.join(' ; ')} ]`;
}

function iris(outgoing: Outgoing, t: Term, seen: Set<string>): string[] {
  if (t.termType === 'NamedNode') return [t.value];
  if (t.termType !== 'BlankNode' || seen.has(t.value)) return [];
  seen.add(t.value);
  return outgoing(t).flatMap((q) => iris(outgoing, q.object, seen));
}
