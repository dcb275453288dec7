// **extractSearchDocument** reads one record's DCAT-AP quads into what the search index stores for it.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { FACETS, RANGE_FIELDS } from './facet-definitions.js';
import { searchTermText } from './search-term-text.js';
import type { TermIndex } from './term-index.js';

export interface SearchDocument {
  readonly key: string;
  readonly dataset: string;
  readonly feed: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  /** Labels, synonyms and codes of the record's ontology terms and of all their ancestors. */
  readonly termText: string;
  /** Facet name → values as tagged (direct). */
  readonly facets: Readonly<Record<string, readonly string[]>>;
  readonly subjects?: number;
  readonly studies?: number;
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly modified?: string;
  /** Labels the record itself gives to its facet values (a publisher's foaf:name, a licence's title). */
  readonly labels: Readonly<Record<string, string>>;
}

export interface ExtractOptions {
  readonly key: string;
  readonly feed: string;
  /** The dcat:Dataset node; found by type when absent. */
  readonly dataset?: string;
  readonly terms: TermIndex;
}

const TYPE = `${NS.rdf}type`;

/** Picks the English (or untagged, or first) literal, the one a result list shows. */
function preferred(literals: readonly Term[]): string {
  const lits = literals.filter((t): t is Term & { language: string } => t.termType === 'Literal');
  const en = lits.find((l) => l.language === 'en' || l.language.startsWith('en-')) ?? lits.find((l) => l.language === '');
  return (en ?? lits[0])?.value ?? '';
}

function integer(terms: readonly Term[]): number | undefined {
  for (const t of terms) {
    const n = Number.parseInt(t.value, 10);
    if (t.termType === 'Literal' && Number.isFinite(n)) return n;
  }
  return undefined;
}

function year(terms: readonly Term[]): number | undefined {
  for (const t of terms) {
    const m = t.termType === 'Literal' ? /^(-?\d{4})/.exec(t.value) : null;
    if (m) return Number(m[1]);
  }
  return undefined;
}

export function extractSearchDocument(quads: Iterable<Quad>, opts: ExtractOptions): SearchDocument | undefined {
  const out = new Map<string, Map<string, Term[]>>();
  let dataset = opts.dataset;
  for (const q of quads) {
    const s = q.subject.value;
    let byP = out.get(s);
    if (!byP) { byP = new Map(); out.set(s, byP); }
    const list = byP.get(q.predicate.value);
    if (list) list.push(q.object); else byP.set(q.predicate.value, [q.object]);
    if (dataset === undefined && q.predicate.value === TYPE && q.object.value === `${NS.dcat}Dataset`) dataset = s;
  }
  if (dataset === undefined) return undefined;
  const objects = (subject: string, predicate: string): Term[] => out.get(subject)?.get(predicate) ?? [];
  const follow = (path: readonly string[]): Term[] => {
    let nodes: Term[] = [{ termType: 'NamedNode', value: dataset } as Term];
    for (const p of path) nodes = nodes.flatMap((n) => objects(n.value, p));
    return nodes;
  };

  const facets: Record<string, string[]> = {};
  const labels: Record<string, string> = {};
  const LABELS = [`${NS.foaf}name`, `${NS.skos}prefLabel`, `${NS.rdfs}label`, `${NS.dct}title`];
  for (const facet of FACETS) {
    const values = [...new Set(follow(facet.path).filter((t) => t.termType === 'NamedNode').map((t) => t.value))];
    if (values.length === 0) continue;
    facets[facet.name] = values;
    for (const v of values) {
      const label = preferred(LABELS.flatMap((p) => objects(v, p)));
      if (label) labels[v] = label;
    }
  }
  const temporal = objects(dataset, `${NS.dct}temporal`);
  const starts = temporal.flatMap((t) => [...objects(t.value, `${NS.dcat}startDate`), ...objects(t.value, `${NS.schema}startDate`)]);
  const ends = temporal.flatMap((t) => [...objects(t.value, `${NS.dcat}endDate`), ...objects(t.value, `${NS.schema}endDate`)]);
  const modified = objects(dataset, `${NS.dct}modified`)[0]?.value;
  return {
    key: opts.key,
    dataset,
    feed: opts.feed,
    title: preferred(objects(dataset, `${NS.dct}title`)),
    description: preferred(objects(dataset, `${NS.dct}description`)),
    keywords: objects(dataset, `${NS.dcat}keyword`).map((t) => t.value),
    termText: searchTermText({ facets, terms: opts.terms }),
    facets,
    labels,
    subjects: integer(objects(dataset, RANGE_FIELDS.subjects)),
    studies: integer(objects(dataset, RANGE_FIELDS.studies)),
    minAge: integer(objects(dataset, RANGE_FIELDS.minAge)),
    maxAge: integer(objects(dataset, RANGE_FIELDS.maxAge)),
    yearFrom: year(starts),
    yearTo: year(ends),
    ...(modified !== undefined && { modified }),
  };
}
