// **diffOntologies** compares two ontology versions: classes, properties, and the constraints derived from each.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { isDeprecated, replacementOf } from './bind-value-sets.js';
import { constraintFacts, factKey, slotKey, type ConstraintFact } from './constraint-facts.js';
import { deriveShapes } from './derive-shapes.js';
import { OntologyIndex } from './ontology-index.js';

export interface ConstraintChange {
  readonly target: string;
  readonly path: string;
  readonly constraint: string;
  readonly severity: ConstraintFact['severity'];
  /** The value in the earlier version (absent for a new constraint). */
  readonly before?: string;
  /** The value in the new version (absent for a dropped constraint). */
  readonly after?: string;
}

export interface OntologyDiff {
  readonly classes: {
    readonly added: string[];
    readonly removed: string[];
    readonly deprecated: Array<{ readonly iri: string; readonly replacedBy?: string }>;
    /** Classes whose named superclasses changed. */
    readonly moved: Array<{ readonly iri: string; readonly before: string[]; readonly after: string[] }>;
  };
  readonly properties: {
    readonly added: string[];
    readonly removed: string[];
    readonly deprecated: Array<{ readonly iri: string; readonly replacedBy?: string }>;
    /** Declared rdfs:domain / rdfs:range values that appeared or disappeared. */
    readonly changed: Array<{ readonly iri: string; readonly axiom: 'domain' | 'range'; readonly added: string[]; readonly removed: string[] }>;
  };
  /** A class now (or no longer) checked by the constraints of an ancestor class, e.g. `DatasetSeries ⊑ Dataset`. */
  readonly targets: {
    readonly added: Array<{ readonly class: string; readonly via: string }>;
    readonly removed: Array<{ readonly class: string; readonly via: string }>;
  };
  readonly constraints: { readonly tightened: ConstraintChange[]; readonly loosened: ConstraintChange[] };
  /** What a record must use for its validity to possibly change (the input of impact analysis). */
  readonly touched: { readonly classes: string[]; readonly properties: string[]; readonly values: string[] };
}

/** Bounds whose larger value is stricter (minimums) or looser (maximums). */
const MINIMA = new Set(['minCount', 'minLength', 'minInclusive', 'minExclusive'].map((l) => NS.sh + l));
const MAXIMA = new Set(['maxCount', 'maxLength', 'maxInclusive', 'maxExclusive'].map((l) => NS.sh + l));
const PROPERTY_TYPES = ['ObjectProperty', 'DatatypeProperty', 'FunctionalProperty', 'InverseFunctionalProperty', 'TransitiveProperty',
  'SymmetricProperty'].map((l) => NS.owl + l).concat(`${NS.rdf}Property`);
const SUBCLASS = `${NS.rdfs}subClassOf`;
const EQUIVALENT = `${NS.owl}equivalentClass`;

/** One version, indexed once: its classes, properties, hierarchy and derived constraint facts. */
export class OntologyView {
  readonly index: OntologyIndex;
  readonly classes: ReadonlySet<string>;
  readonly properties: ReadonlySet<string>;
  readonly facts: readonly ConstraintFact[];
  readonly #ancestors = new Map<string, Set<string>>();

  constructor(quads: readonly Quad[], opts: { ontologyVersion?: string } = {}) {
    this.index = new OntologyIndex(quads);
    const named = (ts: Iterable<Term>) => [...ts].filter((t) => t.termType === 'NamedNode').map((t) => t.value);
    this.classes = new Set([
      ...named(this.index.instancesOf(`${NS.owl}Class`, `${NS.rdfs}Class`)),
      ...named(this.index.triples(SUBCLASS).map((q) => q.subject)),
    ]);
    this.properties = new Set(named(this.index.instancesOf(...PROPERTY_TYPES)));
    this.facts = constraintFacts(deriveShapes(quads, opts));
  }

  /** Named superclasses (direct). */
  supers(c: string): string[] {
    return this.index.objects(c, SUBCLASS).filter((t) => t.termType === 'NamedNode').map((t) => t.value).sort();
  }

  /** Every named ancestor through rdfs:subClassOf and owl:equivalentClass, the class itself excluded. */
  ancestors(c: string): Set<string> {
    let found = this.#ancestors.get(c);
    if (found) return found;
    found = new Set<string>();
    const queue = [c];
    while (queue.length > 0) {
      const k = queue.pop()!;
      const next = [...this.index.objects(k, SUBCLASS), ...this.index.objects(k, EQUIVALENT), ...this.index.subjects(EQUIVALENT, k)];
      for (const t of next) {
        if (t.termType !== 'NamedNode' || t.value === c || found.has(t.value)) continue;
        found.add(t.value);
        queue.push(t.value);
      }
    }
    this.#ancestors.set(c, found);
    return found;
  }

  /** The class and every named class below it. */
  descendants(c: string): Set<string> {
    return this.index.classClosure(c);
  }

  /** Classes that constraints target directly (`sh:targetClass`). */
  constrainedClasses(): Set<string> {
    return new Set(this.facts.filter((f) => f.target.startsWith('class <')).map((f) => f.target.slice(7, -1)));
  }

  namedValues(p: string, axiom: 'domain' | 'range'): string[] {
    return this.index.objects(p, `${NS.rdfs}${axiom}`).filter((t) => t.termType === 'NamedNode').map((t) => t.value).sort();
  }
}

const minus = <T>(a: Iterable<T>, b: ReadonlySet<T>): T[] => [...a].filter((x) => !b.has(x));

/** The diff from `before` to `after`; pass views built once when the same version is compared repeatedly. */
export function diffOntologies(before: OntologyView, after: OntologyView): OntologyDiff {
  const deprecatedIn = (v: OntologyView, set: ReadonlySet<string>, old: OntologyView) =>
    [...set].filter((t) => isDeprecated(v.index, t) && !isDeprecated(old.index, t)).sort()
      .map((iri) => { const r = replacementOf(v.index, iri); return r === undefined ? { iri } : { iri, replacedBy: r }; });

  const classes = {
    added: minus(after.classes, before.classes).sort(),
    removed: minus(before.classes, after.classes).sort(),
    deprecated: deprecatedIn(after, after.classes, before),
    moved: [...after.classes].filter((c) => before.classes.has(c)).sort()
      .map((iri) => ({ iri, before: before.supers(iri), after: after.supers(iri) }))
      .filter((m) => m.before.join(' ') !== m.after.join(' ')),
  };
  const changed: OntologyDiff['properties']['changed'][number][] = [];
  for (const p of [...after.properties].filter((x) => before.properties.has(x)).sort()) {
    for (const axiom of ['domain', 'range'] as const) {
      const b = new Set(before.namedValues(p, axiom));
      const a = new Set(after.namedValues(p, axiom));
      const added = minus(a, b);
      const removed = minus(b, a);
      if (added.length + removed.length > 0) changed.push({ iri: p, axiom, added, removed });
    }
  }
  const properties = {
    added: minus(after.properties, before.properties).sort(),
    removed: minus(before.properties, after.properties).sort(),
    deprecated: deprecatedIn(after, after.properties, before),
    changed,
  };
  const targets = { added: newTargets(before, after), removed: newTargets(after, before) };
  const constraints = compareFacts(before.facts, after.facts);
  return { classes, properties, targets, constraints, touched: touchedTerms(before, after, { classes, properties, targets }, constraints) };
}

/** Pairs (X, T): X is now below T, T has constraints, and X was not checked by T's constraints before. */
function newTargets(before: OntologyView, after: OntologyView): Array<{ class: string; via: string }> {
  const constrainedAfter = after.constrainedClasses();
  const constrainedBefore = before.constrainedClasses();
  const found: Array<{ class: string; via: string }> = [];
  for (const x of [...after.classes].sort()) {
    const was = before.classes.has(x) ? before.ancestors(x) : new Set<string>();
    for (const t of after.ancestors(x)) {
      if (constrainedAfter.has(t) && !(was.has(t) && constrainedBefore.has(t))) found.push({ class: x, via: t });
    }
  }
  return found;
}

function compareFacts(before: readonly ConstraintFact[], after: readonly ConstraintFact[]): OntologyDiff['constraints'] {
  const beforeKeys = new Set(before.map(factKey));
  const afterKeys = new Set(after.map(factKey));
  const added = after.filter((f) => !beforeKeys.has(factKey(f)));
  const removed = before.filter((f) => !afterKeys.has(factKey(f)));
  const tightened: ConstraintChange[] = [];
  const loosened: ConstraintChange[] = [];
  const view = (f: ConstraintFact) => ({ target: f.target, path: f.path, constraint: f.constraint, severity: f.severity });
  const removedBySlot = new Map<string, ConstraintFact[]>();
  for (const f of removed) removedBySlot.set(slotKey(f), [...(removedBySlot.get(slotKey(f)) ?? []), f]);
  const classSlotsBefore = new Set(before.filter((f) => f.constraint === `${NS.sh}class`).map((f) => `${f.target}\u0000${f.path}`));
  const paired = new Set<ConstraintFact>();

  for (const f of added) {
    const old = removedBySlot.get(slotKey(f));
    // A changed bound is one change whose direction the numbers tell.
    if ((MINIMA.has(f.constraint) || MAXIMA.has(f.constraint)) && old?.length === 1 && !paired.has(old[0]!)) {
      paired.add(old[0]!);
      const stricter = (Number(num(f.value)) > Number(num(old[0]!.value))) === MINIMA.has(f.constraint);
      (stricter ? tightened : loosened).push({ ...view(f), before: old[0]!.value, after: f.value });
      continue;
    }
    // sh:in lists a value set: a new member admits more values.
    if (f.constraint === `${NS.sh}in`) { loosened.push({ ...view(f), after: f.value }); continue; }
    // An object property without a range still demands a node; sh:class demanded as much, so nothing tightens.
    if (f.constraint === `${NS.sh}nodeKind` && f.value === `<${NS.sh}BlankNodeOrIRI>` && classSlotsBefore.has(`${f.target}\u0000${f.path}`)) continue;
    tightened.push({ ...view(f), after: f.value });
  }
  for (const f of removed) {
    if (paired.has(f)) continue;
    if (f.constraint === `${NS.sh}in`) tightened.push({ ...view(f), before: f.value });
    else loosened.push({ ...view(f), before: f.value });
  }
  return { tightened, loosened };
}

const num = (literalText: string): string => /^"([^"]*)"/.exec(literalText)?.[1] ?? literalText;

/** The value of a derived "must not be X" check (`sh:not [ sh:hasValue X ]`), as constraint facts write it. */
const NOT_VALUE = /^\[ <http:\/\/www\.w3\.org\/ns\/shacl#hasValue> <([^<>]+)> \]$/;

/** Classes records may be typed with, properties they may use and values they may hold, for which validity can change. */
function touchedTerms(
  before: OntologyView, after: OntologyView,
  d: Pick<OntologyDiff, 'classes' | 'properties' | 'targets'>, constraints: OntologyDiff['constraints'],
): OntologyDiff['touched'] {
  const classes = new Set<string>();
  const properties = new Set<string>();
  const values = new Set<string>();
  const withBelow = (c: string) => {
    for (const v of [before, after]) for (const x of v.descendants(c)) classes.add(x);
  };
  for (const c of [...d.classes.added, ...d.classes.removed, ...d.classes.deprecated.map((x) => x.iri), ...d.classes.moved.map((x) => x.iri)]) {
    withBelow(c);
    values.add(c);
  }
  for (const t of [...d.targets.added, ...d.targets.removed]) withBelow(t.class);
  for (const p of [...d.properties.removed, ...d.properties.deprecated.map((x) => x.iri), ...d.properties.changed.map((x) => x.iri)]) properties.add(p);
  const all = [...constraints.tightened, ...constraints.loosened];
  // A member added to or dropped from a value set that exists in both versions, or a "must not be X" check, changes
  // the verdict only for a node holding that value: such records are found by the value, not by every target node
  // (a value-set change would otherwise make every dataset a candidate).
  const inSlots = (v: OntologyView) => new Set(v.facts.filter((f) => f.constraint === `${NS.sh}in`).map(slotKey));
  const [inBefore, inAfter] = [inSlots(before), inSlots(after)];
  for (const c of all) {
    const [kind, iri] = [c.target.slice(0, c.target.indexOf(' ')), c.target.slice(c.target.indexOf('<') + 1, -1)];
    const slot = `${c.target}\u0000${c.path}\u0000${c.constraint}`;
    const notValue = c.constraint === `${NS.sh}not` ? NOT_VALUE.exec(c.after ?? c.before ?? '')?.[1] : undefined;
    if (notValue !== undefined) {
      values.add(notValue);
      continue;
    }
    const member = c.constraint === `${NS.sh}in` && inBefore.has(slot) && inAfter.has(slot) ? (c.before ?? c.after) : undefined;
    if (member?.startsWith('<')) {
      values.add(member.slice(1, -1));
      continue;
    }
    // The target decides which nodes are checked: a record without such a node cannot change, whatever the path.
    if (kind === 'class') withBelow(iri);
    else if (kind === 'subjectsOf' || kind === 'objectsOf') properties.add(iri);
    else if (kind === 'node') values.add(iri);
    if (c.constraint === `${NS.sh}in` || c.constraint === `${NS.sh}hasValue`) {
      for (const v of [c.before, c.after]) if (v?.startsWith('<')) values.add(v.slice(1, -1));
    }
  }
  return { classes: [...classes].sort(), properties: [...properties].sort(), values: [...values].sort() };
}
