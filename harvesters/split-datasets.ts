// **splitDatasets** cuts an RDF document into records: one dcat:Dataset with its distributions and inline nodes.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../src/core/namespaces.js';
import type { KeyHints } from './harvester.js';

const RDF_TYPE = `${NS.rdf}type`;
const ROOT_TYPES = new Set([`${NS.dcat}Dataset`, `${NS.dcat}DatasetSeries`]);
// Nodes of these types are records or containers of their own: never copied into a dataset's record.
const STOP_TYPES = new Set([...ROOT_TYPES, `${NS.dcat}Catalog`, `${NS.hydra}PartialCollectionView`,
  `${NS.hydra}PagedCollection`, `${NS.hydra}Collection`, `${NS.ldp}Container`, `${NS.ldp}DirectContainer`,
  `${NS.ldp}BasicContainer`, `${NS.fdp}FAIRDataPoint`]);
const PRIMARY_TOPIC = `${NS.foaf}primaryTopic`;
const DATASET_LINK = `${NS.dcat}dataset`;

export interface DatasetSplit {
  /** IRI, or `_:label` for a blank dataset node. */
  readonly subject: string;
  readonly quads: Quad[];
  readonly keyHints: KeyHints;
  readonly issued?: string;
  readonly modified?: string;
}

const keyOf = (t: Term): string => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

/**
 * Each dataset takes its own triples, then everything reachable through blank nodes and through IRIs
 * described in the same document (distributions, contact points, publishers), stopping at other
 * datasets and catalogues; a `dcat:CatalogRecord` pointing at it joins too. Shared nodes are copied
 * into every record that uses them, because each record is stored as its own named graph.
 * Linear in the document size, so a dataset with 10,000 distributions is one cheap record.
 */
export function splitDatasets(quads: readonly Quad[]): DatasetSplit[] {
  const index = indexQuads(quads);
  return index.roots.map((root) => collect(root, index));
}

/**
 * The quads describing `iri` in a document: its own triples and its inline nodes, by the same rules
 * as a dataset (used for an FDP distribution fetched as a document of its own).
 */
export function describeResource(quads: readonly Quad[], iri: string): Quad[] {
  const index = indexQuads(quads);
  const own = index.bySubject.get(iri)?.[0]?.subject;
  return own === undefined ? [] : collect(own, { ...index, stops: new Set([...index.stops].filter((s) => s !== iri)) }).quads;
}

interface QuadIndex {
  readonly bySubject: Map<string, Quad[]>;
  readonly roots: Term[];
  readonly stops: Set<string>;
  readonly recordsOf: Map<string, string[]>;
}

function indexQuads(quads: readonly Quad[]): QuadIndex {
  const bySubject = new Map<string, Quad[]>();
  const roots: Term[] = [];
  const stops = new Set<string>();
  const recordsOf = new Map<string, string[]>();
  const linked: Term[] = [];
  const rootKeys = new Set<string>();
  for (const q of quads) {
    const s = keyOf(q.subject);
    let list = bySubject.get(s);
    if (!list) bySubject.set(s, (list = []));
    list.push(q);
    if (q.predicate.value === RDF_TYPE && STOP_TYPES.has(q.object.value)) {
      // Whatever order its types come in, a node typed as a dataset (or series) is a root once.
      if (ROOT_TYPES.has(q.object.value) && !rootKeys.has(s)) {
        rootKeys.add(s);
        roots.push(q.subject);
      }
      stops.add(s);
    }
    if (q.predicate.value === PRIMARY_TOPIC) {
      const topic = keyOf(q.object);
      recordsOf.set(topic, [...(recordsOf.get(topic) ?? []), s]);
    }
    if (q.predicate.value === DATASET_LINK && q.object.termType !== 'Literal') linked.push(q.object);
  }
  // Some catalogues leave datasets untyped and only list them with dcat:dataset; a listed node that is
  // described in this document is a dataset too (one that is only named, as in an FDP catalogue, is not).
  for (const node of linked) {
    const k = keyOf(node);
    if (!stops.has(k) && !rootKeys.has(k) && bySubject.has(k)) {
      rootKeys.add(k);
      roots.push(node);
      stops.add(k);
    }
  }
  return { bySubject, roots, stops, recordsOf };
}

function collect(root: Term, { bySubject, stops, recordsOf }: QuadIndex): DatasetSplit {
  const rootKey = keyOf(root);
  const out: Quad[] = [];
  const done = new Set<string>([rootKey]);
  const queue: string[] = [rootKey, ...(recordsOf.get(rootKey) ?? [])];
  for (const r of queue.slice(1)) done.add(r);
  while (queue.length > 0) {
    const node = queue.pop()!;
    for (const q of bySubject.get(node) ?? []) {
      out.push(q);
      const o = q.object;
      if (o.termType !== 'BlankNode' && o.termType !== 'NamedNode') continue;
      const k = keyOf(o);
      if (done.has(k) || stops.has(k) || !bySubject.has(k)) continue;
      done.add(k);
      queue.push(k);
    }
  }
  const own = bySubject.get(rootKey) ?? [];
  const literal = (p: string): string | undefined => own.find((q) => q.predicate.value === p && q.object.termType === 'Literal')?.object.value;
  const identifier = literal(`${NS.dct}identifier`);
  return {
    subject: rootKey,
    quads: out,
    keyHints: { ...(root.termType === 'NamedNode' && { iri: root.value }), ...(identifier !== undefined && { identifier }) },
    issued: literal(`${NS.dct}issued`),
    modified: literal(`${NS.dct}modified`),
  };
}
