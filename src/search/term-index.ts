// **TermIndex** knows, for each hyperontology class, its labels, synonyms, codes and ancestors: what search expands.
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { keyForIri } from '../normalise/code-keys.js';

export interface TermInfo {
  readonly iri: string;
  readonly label: string;
  readonly synonyms: readonly string[];
  /** Codes under which other systems know the term: notation, SNOMED/NCIt/RadLex ids, DICOM and ICD-O strings. */
  readonly codes: readonly string[];
  readonly parents: readonly string[];
  /** Named classes stated `owl:equivalentClass` to it (either direction, transitively): one class for search. */
  readonly equivalents: readonly string[];
}

const P = {
  subClassOf: `${NS.rdfs}subClassOf`,
  label: `${NS.rdfs}label`,
  prefLabel: `${NS.skos}prefLabel`,
  altLabel: `${NS.skos}altLabel`,
  notation: `${NS.skos}notation`,
  exactMatch: `${NS.skos}exactMatch`,
  equivalentClass: `${NS.owl}equivalentClass`,
  dicomCode: `${NS.sheaf}dicomCode`,
  icdO3Code: `${NS.sheaf}icdO3Code`,
} as const;

interface Mutable { labels: string[]; en?: string; synonyms: Set<string>; codes: Set<string>; parents: Set<string> }

/** One ontology version's terms, as looked up: replaced whole when a curator makes another version current. */
interface Snapshot {
  readonly terms: ReadonlyMap<string, TermInfo>;
  /** Code or lower-cased label → class IRIs. */
  readonly byCode: ReadonlyMap<string, readonly string[]>;
  readonly ancestors: Map<string, readonly string[]>;
  /** Parent → children, built on first use (the ontology browser's tree). */
  children?: ReadonlyMap<string, readonly string[]>;
}

function snapshot(terms: ReadonlyMap<string, TermInfo>): Snapshot {
  const byCode = new Map<string, string[]>();
  for (const t of terms.values()) {
    for (const key of [...t.codes, t.label.toLowerCase(), ...t.synonyms.map((s) => s.toLowerCase())]) {
      const list = byCode.get(key.toLowerCase());
      if (list) { if (!list.includes(t.iri)) list.push(t.iri); } else byCode.set(key.toLowerCase(), [t.iri]);
    }
  }
  return { terms, byCode, ancestors: new Map() };
}

/** What of a term reaches a search document (label, synonyms, codes) or its facet rows (parents). */
const signature = (t: TermInfo | undefined): string =>
  t === undefined ? '' : JSON.stringify([t.label, [...t.synonyms].sort(), [...t.codes].sort(), [...t.parents].sort(), [...t.equivalents].sort()]);

/** Each class's equivalence class (itself included) from `owl:equivalentClass` pairs, closed both ways and transitively. */
function equivalenceClasses(pairs: ReadonlyArray<readonly [string, string]>): Map<string, readonly string[]> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const [a, b] of pairs) {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  }
  const members = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const root = find(x);
    const list = members.get(root);
    if (list) list.push(x); else members.set(root, [x]);
  }
  const out = new Map<string, readonly string[]>();
  for (const list of members.values()) for (const x of list) out.set(x, list);
  return out;
}

export class TermIndex {
  /**
   * Swapped whole by {@link replaceWith}: the search index, the search sync and the routes share one TermIndex,
   * so a new ontology version reaches all of them at once, between two (synchronous) searches.
   */
  #s: Snapshot;

  private constructor(terms: Map<string, TermInfo>) {
    this.#s = snapshot(terms);
  }

  /** Indexes the classes of an ontology (anything with a label, a code or a named superclass). */
  static fromQuads(quads: Iterable<Quad>): TermIndex {
    const m = new Map<string, Mutable>();
    const equivalences: Array<[string, string]> = [];
    const get = (iri: string): Mutable => {
      let t = m.get(iri);
      if (!t) { t = { labels: [], synonyms: new Set(), codes: new Set(), parents: new Set() }; m.set(iri, t); }
      return t;
    };
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode') continue;
      const s = q.subject.value;
      const o = q.object;
      switch (q.predicate.value) {
        case P.subClassOf:
          if (o.termType === 'NamedNode') get(s).parents.add(o.value);
          break;
        case P.label:
        case P.prefLabel: {
          const t = get(s);
          if (o.termType === 'Literal') {
            t.labels.push(o.value);
            if (t.en === undefined && (o.language === '' || o.language.startsWith('en'))) t.en = o.value;
          }
          break;
        }
        case P.altLabel:
          if (o.termType === 'Literal') get(s).synonyms.add(o.value);
          break;
        case P.notation:
        case P.dicomCode:
        case P.icdO3Code:
          if (o.termType === 'Literal') get(s).codes.add(o.value);
          break;
        case P.exactMatch:
        case P.equivalentClass:
          if (o.termType === 'NamedNode') {
            if (q.predicate.value === P.equivalentClass) equivalences.push([s, o.value]);
            const key = keyForIri(o.value);
            // Keep the bare id ("363358000", "C4878", "RID10311"): it is what people type.
            if (key) get(s).codes.add(key.slice(key.indexOf(':') + 1));
            get(s).codes.add(o.value);
          }
          break;
        default:
      }
    }
    const classes = equivalenceClasses(equivalences.filter(([a, b]) => a !== b && m.has(a) && m.has(b)));
    const terms = new Map<string, TermInfo>();
    for (const [iri, t] of m) {
      const label = t.en ?? t.labels[0] ?? iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
      const synonyms = [...new Set([...t.labels, ...t.synonyms])].filter((s) => s !== label);
      const equivalents = (classes.get(iri) ?? []).filter((e) => e !== iri);
      terms.set(iri, Object.freeze({ iri, label, synonyms, codes: [...t.codes], parents: [...t.parents], equivalents }));
    }
    return new TermIndex(terms);
  }

  /** From now on, answers as `next` does (the current ontology version's terms). */
  replaceWith(next: TermIndex): void {
    this.#s = next.#s;
  }

  /**
   * Terms whose label, synonyms, codes or parents differ in `next` (added and dropped terms included). A document
   * changes under `next` only if one of its terms or their ancestors is among them, and every such document holds
   * a facet row (direct or ancestor) for one of them: the first term where its old and new ancestor chains part.
   */
  changedIn(next: TermIndex): string[] {
    const out: string[] = [];
    for (const iri of new Set([...this.#s.terms.keys(), ...next.#s.terms.keys()])) {
      if (signature(this.#s.terms.get(iri)) !== signature(next.#s.terms.get(iri))) out.push(iri);
    }
    return out;
  }

  has(iri: string): boolean {
    return this.#s.terms.has(iri);
  }

  get(iri: string): TermInfo | undefined {
    return this.#s.terms.get(iri);
  }

  label(iri: string): string | undefined {
    return this.#s.terms.get(iri)?.label;
  }

  /** Every term of the current version. */
  all(): IterableIterator<TermInfo> {
    return this.#s.terms.values();
  }

  /** The terms whose parents include `iri`. */
  children(iri: string): readonly string[] {
    const s = this.#s;
    if (!s.children) {
      const m = new Map<string, string[]>();
      for (const t of s.terms.values()) for (const p of t.parents) m.set(p, [...(m.get(p) ?? []), t.iri]);
      s.children = m;
    }
    return s.children.get(iri) ?? [];
  }

  /**
   * The term and every ancestor, nearest first, with the classes equivalent to each (as validation counts them:
   * a dataset tagged with one of two equivalent classes is found, and counted, under either). Cycles in a
   * broken ontology end the walk.
   */
  selfAndAncestors(iri: string): readonly string[] {
    const s = this.#s;
    const cached = s.ancestors.get(iri);
    if (cached) return cached;
    const out: string[] = [iri];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      const t = s.terms.get(out[i]!);
      for (const p of [...(t?.equivalents ?? []), ...(t?.parents ?? [])]) {
        if (!seen.has(p)) { seen.add(p); out.push(p); }
      }
    }
    s.ancestors.set(iri, out);
    return out;
  }

  /**
   * The classes a filter value denotes: a class IRI itself, or the classes mapped from a code in another
   * system (SNOMED CT, NCIt, RadLex, ICD-O-3, DICOM), its IRI, or an exact label or synonym.
   */
  resolve(value: string): readonly string[] {
    const { terms, byCode } = this.#s;
    if (terms.has(value)) return [value];
    const direct = byCode.get(value.toLowerCase());
    if (direct) return direct;
    const key = keyForIri(value);
    if (key) return byCode.get(key.slice(key.indexOf(':') + 1).toLowerCase()) ?? [];
    // "SNOMED CT: 363358000", "snomed:363358000", "NCIT:C4878": the id after the last separator.
    const id = /[:\s]\s*([A-Za-z]*\d[\w.\/]*)$/.exec(value.trim())?.[1];
    return id ? byCode.get(id.toLowerCase()) ?? [] : [];
  }
}
