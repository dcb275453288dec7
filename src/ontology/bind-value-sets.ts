// **bindValueSets** turns each `sheaf:valuesUnder <root>` on a shape into a closure check against one ontology version.
import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { keyOf, type OntologyIndex } from './ontology-index.js';
import { RDF_TYPE, SH, SHEAF, ShapeWriter } from './shape-writer.js';

const { namedNode } = DataFactory;
const VALUES_UNDER = `${NS.sheaf}valuesUnder`;
const IN_SCHEME = `${NS.sheaf}inScheme`;
const REPLACED_BY = [`${NS.dct}isReplacedBy`, 'http://purl.obolibrary.org/obo/IAO_0100001'];

// Predicates that do not constrain anything; a shape carrying only these can take the closure check itself.
const NON_VALIDATING = new Set([
  `${NS.sh}path`, `${NS.sh}message`, `${NS.sh}name`, `${NS.sh}description`, `${NS.sh}severity`, `${NS.sh}order`, `${NS.sh}group`,
  `${NS.rdf}type`, `${NS.sh}targetClass`, `${NS.sh}targetNode`, `${NS.sh}targetSubjectsOf`, `${NS.sh}targetObjectsOf`,
]);

export interface ValueSet {
  readonly root: string;
  readonly kind: 'class' | 'concept' | 'scheme';
  readonly members: ReadonlySet<string>;
  /** Human wording of the expectation, naming the root by label and IRI. */
  readonly expectation: string;
}

/**
 * The allowed values under `root` in this ontology version: a class subtree, a concept's narrower terms, or a
 * scheme's concepts (`asScheme` forces the last, for sheaf:inScheme).
 */
export function valueSet(index: OntologyIndex, root: string, ontologyVersion?: string, asScheme = false): ValueSet {
  const label = index.label(root);
  const where = ontologyVersion ? ` in ontology version <${ontologyVersion}>` : '';
  if (asScheme || index.hasType(root, `${NS.skos}ConceptScheme`)) {
    return { root, kind: 'scheme', members: index.schemeMembers(root), expectation: `a concept of the scheme "${label}" (<${root}>)${where}` };
  }
  if (index.hasType(root, `${NS.skos}Concept`)) {
    return { root, kind: 'concept', members: index.conceptClosure(root), expectation: `"${label}" (<${root}>) or a narrower concept${where}` };
  }
  return { root, kind: 'class', members: index.classClosure(root), expectation: `"${label}" (<${root}>) or a class below it${where}` };
}

/** The replacement named by a deprecated term (dct:isReplacedBy or OBO's "term replaced by"), if any. */
export function replacementOf(index: OntologyIndex, term: string): string | undefined {
  for (const p of REPLACED_BY) {
    const r = index.first(term, p);
    if (r) return r.value;
  }
  return undefined;
}

export function isDeprecated(index: OntologyIndex, term: string): boolean {
  return index.objects(term, `${NS.owl}deprecated`).some((v) => v.value === 'true' || v.value === '1');
}

/** Sentence telling the user what to use instead of a deprecated term. */
export function deprecationMessage(index: OntologyIndex, term: string, what: string): string {
  const replacement = replacementOf(index, term);
  const instead = replacement ? `; use "${index.label(replacement)}" (<${replacement}>) instead` : '; no replacement is named';
  return `${what} "${index.label(term)}" (<${term}>) is deprecated${instead}`;
}

/**
 * Returns extra quads for `shapes`: for every shape with sheaf:valuesUnder, an `sh:in` of the closure with a message
 * naming the root, and a warning per deprecated member naming its replacement. The input is not modified.
 */
export function bindValueSets(shapes: readonly Quad[], index: OntologyIndex, opts: { ontologyVersion?: string }): Quad[] {
  const writer = new ShapeWriter(opts);
  const bySubject = new Map<string, Quad[]>();
  for (const q of shapes) {
    const k = keyOf(q.subject);
    const list = bySubject.get(k);
    if (list) list.push(q);
    else bySubject.set(k, [q]);
  }
  const parentIndex = new Map<string, Term[]>();
  for (const q of shapes) {
    if (q.predicate.value !== `${NS.sh}property`) continue;
    const list = parentIndex.get(keyOf(q.object));
    if (list) list.push(q.subject);
    else parentIndex.set(keyOf(q.object), [q.subject]);
  }
  const parents = (shape: Term): readonly Term[] => parentIndex.get(keyOf(shape)) ?? [];

  // One check per shape: several roots on the same shape (e.g. two schemes) are alternatives, so their sets unite.
  const bindings = new Map<string, { shape: Term; sets: ValueSet[] }>();
  for (const q of shapes) {
    if (q.predicate.value !== VALUES_UNDER && q.predicate.value !== IN_SCHEME) continue;
    const entry = bindings.get(keyOf(q.subject)) ?? { shape: q.subject, sets: [] };
    entry.sets.push(valueSet(index, q.object.value, opts.ontologyVersion, q.predicate.value === IN_SCHEME));
    bindings.set(keyOf(q.subject), entry);
  }
  for (const { shape, sets } of bindings.values()) {
    const own = bySubject.get(keyOf(shape)) ?? [];
    const path = own.find((q) => q.predicate.value === `${NS.sh}path`)?.object;
    const severity = own.find((q) => q.predicate.value === `${NS.sh}severity`)?.object;
    const hasMessage = own.some((q) => q.predicate.value === `${NS.sh}message`);
    const direct = own.every((q) => NON_VALIDATING.has(q.predicate.value) || q.predicate.value.startsWith(NS.sheaf) ||
      q.predicate.value.startsWith(NS.rdfs) || q.predicate.value.startsWith(NS.dct));
    // A shape with other constraints keeps its own messages: the closure check then goes into a sibling shape.
    const target = direct ? shape : sibling(writer, shape, own, parents(shape), path, severity);
    const members = new Set(sets.flatMap((set) => [...set.members]));
    writer.add(target, SH('in'), writer.list([...members].sort().map((m) => namedNode(m))));
    if (!(direct && hasMessage)) {
      const subject = path ? 'Each value' : 'The node';
      writer.add(target, SH('message'), writer.text(`${subject} must be ${sets.map((set) => set.expectation).join(' or ')}.`));
    }
    for (const member of members) {
      if (!isDeprecated(index, member)) continue;
      const warn = sibling(writer, shape, own, parents(shape), path, SH('Warning'));
      const probe = writer.blank();
      writer.add(probe, SH('hasValue'), namedNode(member));
      writer.add(warn, SH('not'), probe);
      writer.add(warn, SH('message'), writer.text(deprecationMessage(index, member, 'Value')));
    }
  }
  return [...writer.quads];
}

// A new property shape with the same path, targets and parents as `shape`, for a check with its own message.
function sibling(writer: ShapeWriter, shape: Term, own: readonly Quad[], parents: readonly Term[], path: Term | undefined, severity: Term | undefined): Term {
  const node = writer.mint(shape, 'values-under');
  writer.add(node, RDF_TYPE, path ? SH('PropertyShape') : SH('NodeShape'));
  if (path) writer.add(node, SH('path'), path);
  if (severity) writer.add(node, SH('severity'), severity);
  for (const q of own) if (q.predicate.value.startsWith(`${NS.sh}target`)) writer.add(node, q.predicate as never, q.object);
  for (const parent of parents) writer.add(parent, SH('property'), node);
  writer.add(node, SHEAF('derivedBy'), writer.text('values-under'));
  writer.add(node, namedNode(`${NS.dct}source`), shape);
  return node;
}
