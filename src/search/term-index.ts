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

export class TermIndex {
  readonly #terms: ReadonlyMap<string, TermInfo>;
  /** Code or lower-cased label → class IRIs. */
  readonly #byCode: ReadonlyMap<string, readonly string[]>;
  readonly #ancestors = new Map<string, readonly string[]>();

  private constructor(terms: Map<string, TermInfo>) {
    this.#terms = terms;
    const byCode = new Map<string, string[]>();
    for (const t of terms.values()) {
      for (const key of [...t.codes, t.label.toLowerCase(), ...t.synonyms.map((s) => s.toLowerCase())]) {
        const list = byCode.get(key.toLowerCase());
        if (list) { if (!list.includes(t.iri)) list.push(t.iri); } else byCode.set(key.toLowerCase(), [t.iri]);
      }
    }
    this.#byCode = byCode;
  }

  /** Indexes the classes of an ontology (anything with a label, a code or a named superclass). */
  static fromQuads(quads: Iterable<Quad>): TermIndex {
    const m = new Map<string, Mutable>();
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
            const key = keyForIri(o.value);
            // Keep the bare id ("363358000", "C4878", "RID10311"): it is what people type.
            if (key) get(s).codes.add(key.slice(key.indexOf(':') + 1));
            get(s).codes.add(o.value);
          }
          break;
        default:
      }
    }
    const terms = new Map<string, TermInfo>();
    for (const [iri, t] of m) {
      const label = t.en ?? t.labels[0] ?? iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
      const synonyms = [...new Set([...t.labels, ...t.synonyms])].filter((s) => s !== label);
      terms.set(iri, Object.freeze({ iri, label, synonyms, codes: [...t.codes], parents: [...t.parents] }));
    }
    return new TermIndex(terms);
  }

  has(iri: string): boolean {
    return this.#terms.has(iri);
  }

  get(iri: string): TermInfo | undefined {
    return this.#terms.get(iri);
  }

  label(iri: string): string | undefined {
    return this.#terms.get(iri)?.label;
  }

  /** The term and every ancestor, nearest first; cycles in a broken ontology end the walk. */
  selfAndAncestors(iri: string): readonly string[] {
    const cached = this.#ancestors.get(iri);
    if (cached) return cached;
    const out: string[] = [iri];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const p of this.#terms.get(out[i]!)?.parents ?? []) {
        if (!seen.has(p)) { seen.add(p); out.push(p); }
      }
    }
    this.#ancestors.set(iri, out);
    return out;
  }

  /**
   * The classes a filter value denotes: a class IRI itself, or the classes mapped from a code in another
   * system (SNOMED CT, NCIt, RadLex, ICD-O-3, DICOM), its IRI, or an exact label or synonym.
   */
  resolve(value: string): readonly string[] {
    if (this.#terms.has(value)) return [value];
    const direct = this.#byCode.get(value.toLowerCase());
    if (direct) return direct;
    const key = keyForIri(value);
    if (key) return this.#byCode.get(key.slice(key.indexOf(':') + 1).toLowerCase()) ?? [];
    // "SNOMED CT: 363358000", "snomed:363358000", "NCIT:C4878": the id after the last separator.
    const id = /[:\s]\s*([A-Za-z]*\d[\w.\/]*)$/.exec(value.trim())?.[1];
    return id ? this.#byCode.get(id.toLowerCase()) ?? [] : [];
  }
}
