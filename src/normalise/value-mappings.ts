// **ValueMappings** indexes a hyperontology version's codes (DICOM, SNOMED, NCIt, RadLex, ICD-O-3, labels) per facet.
import { readFile } from 'node:fs/promises';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { keyForIri, keysForText, labelKey, type CodeKey } from './code-keys.js';
import { packageUrl } from '../core/package-root.js';

const P = {
  subClassOf: `${NS.rdfs}subClassOf`,
  equivalentClass: `${NS.owl}equivalentClass`,
  type: `${NS.rdf}type`,
  owlClass: `${NS.owl}Class`,
  versionIri: `${NS.owl}versionIRI`,
  valuesUnder: `${NS.sheaf}valuesUnder`,
  dicomCode: `${NS.sheaf}dicomCode`,
  icdO3Code: `${NS.sheaf}icdO3Code`,
  notation: `${NS.skos}notation`,
  exactMatch: `${NS.skos}exactMatch`,
  prefLabel: `${NS.skos}prefLabel`,
  altLabel: `${NS.skos}altLabel`,
  label: `${NS.rdfs}label`,
} as const;

/** A resolved value: the class IRI and the key that matched (the report says which code system it came from). */
export type Resolution =
  | { readonly kind: 'mapped'; readonly iri: string; readonly key: CodeKey }
  | { readonly kind: 'ambiguous'; readonly key: CodeKey; readonly candidates: readonly string[] };

export class ValueMappings {
  readonly version: string | undefined;
  readonly #rootOf: ReadonlyMap<string, string>;
  readonly #classes: ReadonlySet<string>;
  readonly #byKey: ReadonlyMap<CodeKey, readonly string[]>;
  readonly #parents: ReadonlyMap<string, readonly string[]>;
  readonly #secondary: ReadonlySet<string>;
  readonly #subtrees = new Map<string, ReadonlySet<string>>();
  #childrenIndex: Map<string, string[]> | undefined;

  private constructor(init: {
    version: string | undefined;
    rootOf: Map<string, string>;
    classes: Set<string>;
    byKey: Map<CodeKey, string[]>;
    parents: Map<string, string[]>;
    secondary: Set<string>;
  }) {
    this.version = init.version;
    this.#rootOf = init.rootOf;
    this.#classes = init.classes;
    this.#byKey = init.byKey;
    this.#parents = init.parents;
    this.#secondary = init.secondary;
  }

  /** Indexes an ontology's quads once; reuse the instance for every record of that ontology version. */
  static fromQuads(quads: Iterable<Quad>): ValueMappings {
    let version: string | undefined;
    const rootOf = new Map<string, string>();
    const classes = new Set<string>();
    const byKey = new Map<CodeKey, string[]>();
    const parents = new Map<string, string[]>();
    // Subjects of owl:equivalentClass: duplicates of a primary class, never chosen when the primary also matches.
    const secondary = new Set<string>();
    const add = <K, V>(map: Map<K, V[]>, k: K, v: V): void => {
      const list = map.get(k);
      if (list === undefined) map.set(k, [v]);
      else if (!list.includes(v)) list.push(v);
    };
    for (const q of quads) {
      const s = q.subject.value;
      const o = q.object;
      switch (q.predicate.value) {
        case P.versionIri: version = o.value; break;
        case P.valuesUnder: rootOf.set(s, o.value); break;
        case P.type: if (o.value === P.owlClass) classes.add(s); break;
        case P.subClassOf: if (o.termType === 'NamedNode') add(parents, s, o.value); break;
        // An equivalent class counts as below its partner, so either IRI is inside the partner's subtree.
        case P.equivalentClass:
          if (o.termType === 'NamedNode') { add(parents, s, o.value); add(parents, o.value, s); secondary.add(s); }
          break;
        case P.dicomCode: add(byKey, `dicom:${o.value.trim().toUpperCase()}` as CodeKey, s); break;
        case P.icdO3Code: add(byKey, `icdo3:${o.value.trim().toUpperCase()}` as CodeKey, s); break;
        case P.notation: add(byKey, `code:${o.value.trim().toUpperCase()}` as CodeKey, s); break;
        case P.exactMatch: {
          const key = o.termType === 'NamedNode' ? keyForIri(o.value) : undefined;
          if (key) add(byKey, key, s);
          break;
        }
        case P.prefLabel: case P.altLabel: case P.label:
          if (o.termType === 'Literal') add(byKey, labelKey(o.value), s);
          break;
      }
    }
    return new ValueMappings({ version, rootOf, classes, byKey, parents, secondary });
  }

  /** The facet root a property takes its values from (`sheaf:valuesUnder`), if any. */
  rootOf(property: string): string | undefined {
    return this.#rootOf.get(property);
  }

  get properties(): readonly string[] {
    return [...this.#rootOf.keys()];
  }

  isClass(iri: string): boolean {
    return this.#classes.has(iri);
  }

  /** True when `iri` is `root` or below it (subClassOf*, equivalentClass). */
  isUnder(iri: string, root: string): boolean {
    return this.#subtree(root).has(iri);
  }

  /**
   * Resolves a harvested value of `property` to a class under the property's root. A literal is tried as a
   * EUCAIM code, ICD-O-3, SNOMED, NCIt, RadLex or DICOM code, then as a label; an IRI as a code IRI. Several
   * matches resolve to the one that is an ancestor of all the others, else the result is `ambiguous`.
   */
  resolve(property: string, value: { termType: string; value: string }): Resolution | undefined {
    const root = this.#rootOf.get(property);
    if (root === undefined) return undefined;
    const keys = value.termType === 'Literal' ? keysForText(value.value) : [keyForIri(value.value)].filter((k) => k !== undefined);
    const subtree = this.#subtree(root);
    for (const key of keys) {
      const inScope = (this.#byKey.get(key) ?? []).filter((c) => subtree.has(c));
      const primary = inScope.filter((c) => !this.#secondary.has(c));
      const hits = primary.length > 0 ? primary : inScope;
      if (hits.length === 1) return { kind: 'mapped', iri: hits[0]!, key };
      if (hits.length > 1) {
        const top = hits.find((h) => hits.every((other) => other === h || this.#ancestors(other).has(h)));
        return top !== undefined ? { kind: 'mapped', iri: top, key } : { kind: 'ambiguous', key, candidates: hits };
      }
    }
    return undefined;
  }

  #subtree(root: string): ReadonlySet<string> {
    const cached = this.#subtrees.get(root);
    if (cached) return cached;
    const children = this.#children();
    const seen = new Set<string>([root]);
    for (const queue = [root]; queue.length > 0; ) {
      for (const c of children.get(queue.pop()!) ?? []) if (!seen.has(c)) { seen.add(c); queue.push(c); }
    }
    this.#subtrees.set(root, seen);
    return seen;
  }

  #children(): ReadonlyMap<string, readonly string[]> {
    if (this.#childrenIndex) return this.#childrenIndex;
    const children = new Map<string, string[]>();
    for (const [child, ps] of this.#parents) for (const p of ps) (children.get(p) ?? children.set(p, []).get(p)!).push(child);
    this.#childrenIndex = children;
    return children;
  }

  #ancestors(iri: string): ReadonlySet<string> {
    const seen = new Set<string>();
    for (const queue = [iri]; queue.length > 0; ) {
      for (const p of this.#parents.get(queue.pop()!) ?? []) if (!seen.has(p)) { seen.add(p); queue.push(p); }
    }
    return seen;
  }
}

/** The hyperontology bundled in `ontologies/`, as a file URL (other loaders read the same file). */
export const BUNDLED_HYPERONTOLOGY = packageUrl('ontologies/eucaim-hyperontology.ttl');

let bundled: Promise<ValueMappings> | undefined;

/** Mappings from the bundled hyperontology, parsed once per process. */
export function loadBundledMappings(): Promise<ValueMappings> {
  bundled ??= readFile(BUNDLED_HYPERONTOLOGY, 'utf8').then((text) =>
    ValueMappings.fromQuads(new Parser({ baseIRI: BUNDLED_HYPERONTOLOGY.href }).parse(text)),
  );
  return bundled;
}
