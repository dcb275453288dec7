// **bindValueSets** turns each `sheaf:valuesUnder <root>` on a shape into a closure check against one ontology version.
import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { keyOf, type OntologyIndex } from './ontology-index.js';
import { RDF_TYPE, SH, SHEAF, ShapeWriter } from './shape-writer.js';

const { namedNode } = DataFactory;
const VALUES_UNDER = `${NS.sheaf}valuesUnder`;
const IN_SCHEME = `${NS.sheaf}inScheme`;
const IN_SCHEME_SKOS = namedNode(`${NS.skos}inScheme`);
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
  /**
   * A scheme whose concepts all live under `<root>/` (the EU authority tables): an IRI there that the bundled copy
   * lacks may be newer than the copy, so it is a warning naming the copy's date (dct:issued), never a violation.
   */
  readonly namespace?: { readonly iri: string; readonly copyDate?: string };
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
    const members = index.schemeMembers(root);
    const ns = `${root}/`;
    const grows = members.size > 0 && [...members].every((m) => m.startsWith(ns));
    const copyDate = index.first(root, `${NS.dct}issued`)?.value;
    return {
      root, kind: 'scheme', members, expectation: `a concept of the scheme "${label}" (<${root}>)${where}`,
      ...(grows && { namespace: { iri: ns, ...(copyDate !== undefined && { copyDate }) } }),
    };
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
  const bindings = new Map<string, { shape: Term; sets: ValueSet[]; schemesOnly: boolean }>();
  const setsByRoot = new Map<string, ValueSet>();
  for (const q of shapes) {
    if (q.predicate.value !== VALUES_UNDER && q.predicate.value !== IN_SCHEME) continue;
    const entry = bindings.get(keyOf(q.subject)) ?? { shape: q.subject, sets: [], schemesOnly: true };
    const rootKey = `${q.predicate.value} ${q.object.value}`;
    let set = setsByRoot.get(rootKey);
    if (set === undefined) setsByRoot.set(rootKey, (set = valueSet(index, q.object.value, opts.ontologyVersion, q.predicate.value === IN_SCHEME)));
    entry.sets.push(set);
    entry.schemesOnly &&= q.predicate.value === IN_SCHEME;
    bindings.set(keyOf(q.subject), entry);
  }
  // Schemes whose concepts are already in the shapes graph (once each, however many shapes check them).
  const written = new Set<string>();
  for (const { shape, sets, schemesOnly } of bindings.values()) {
    const own = bySubject.get(keyOf(shape)) ?? [];
    const path = own.find((q) => q.predicate.value === `${NS.sh}path`)?.object;
    const severity = own.find((q) => q.predicate.value === `${NS.sh}severity`)?.object;
    const hasMessage = own.some((q) => q.predicate.value === `${NS.sh}message`);
    const direct = own.every((q) => NON_VALIDATING.has(q.predicate.value) || q.predicate.value.startsWith(NS.sheaf) ||
      q.predicate.value.startsWith(NS.rdfs) || q.predicate.value.startsWith(NS.dct));
    // A shape with other constraints keeps its own messages: the closure check then goes into a sibling shape.
    const target = direct ? shape : sibling(writer, shape, own, parents(shape), path, severity);
    const members = new Set(sets.flatMap((set) => [...set.members]));
    if (schemesOnly) {
      // Schemes can be large (the EU language table): one membership set each, checked by hash (compile-in-scheme.ts).
      for (const set of sets) writeScheme(writer, set, written);
      writer.add(target, SHEAF('inAnyScheme'), writer.list(sets.map((set) => namedNode(set.root))));
      if (sets.some((set) => set.namespace !== undefined)) newerThanCopy(writer, { shape, own, parents: parents(shape), path, sets });
    } else {
      writer.add(target, SH('in'), writer.list([...members].sort().map((m) => namedNode(m))));
    }
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

/** The scheme's concepts as `skos:inScheme` statements, and the namespace of a table that grows, once per scheme. */
function writeScheme(writer: ShapeWriter, set: ValueSet, written: Set<string>): void {
  if (written.has(set.root)) return;
  written.add(set.root);
  const scheme = namedNode(set.root);
  for (const member of set.members) writer.add(namedNode(member), IN_SCHEME_SKOS, scheme);
  if (set.namespace !== undefined) writer.add(scheme, SHEAF('namespace'), writer.text(set.namespace.iri));
}

/**
 * The warning for an IRI in a growing table's namespace that the bundled copy lacks (the main check lets it pass):
 * the table may simply be newer than the copy, whose date the message names.
 */
function newerThanCopy(writer: ShapeWriter, o: { shape: Term; own: readonly Quad[]; parents: readonly Term[]; path: Term | undefined; sets: readonly ValueSet[] }): void {
  const warn = sibling(writer, o.shape, o.own, o.parents, o.path, SH('Warning'));
  writer.add(warn, SHEAF('newerThanCopyOf'), writer.list(o.sets.map((set) => namedNode(set.root))));
  const copies = o.sets.filter((set) => set.namespace !== undefined)
    .map((set) => `<${set.root}> (sheaf's copy ${set.namespace!.copyDate === undefined ? 'undated' : `dated ${set.namespace!.copyDate}`})`).join(' or ');
  writer.add(warn, SH('message'), writer.text(
    `The value is in the namespace of ${copies} but not in sheaf's bundled copy of that table: it may be newer than the copy; check the code.`));
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
