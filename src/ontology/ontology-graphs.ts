// **OntologyGraphs** keeps each current ontology and vocabulary in its own named graph of the SPARQL store, hierarchy materialised.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { OntologyListener } from '../catalogue/ontology-listener.js';
import { currentOntologyDocuments, type OntologyDocument } from '../catalogue/current-ontology-documents.js';
import { NS } from '../core/namespaces.js';
import { tripleLine } from '../core/nquads.js';
import type { CatalogueStore, GraphContent } from '../store/catalogue-store.js';
import { classEntailments } from './class-entailments.js';

const { blankNode, namedNode, quad } = DataFactory;

/** The class each current ontology graph is typed with (in the graph itself), so portal queries can pick them out. */
export const CURRENT_ONTOLOGY_GRAPH = `${NS.sheaf}CurrentOntologyGraph`;

/**
 * Portals query SPARQL for "datasets whose condition is under prostate cancer" or a code's label: they need the
 * ontology beside the records. Each current document (the hyperontology, each vocabulary; a curator's version where
 * one was made current, see `currentOntologyDocuments`) is written to `{base}/graph/current-ontology/{series}` with
 * its labels and mappings as written, the entailments of `classEntailments`, and a description of the graph itself
 * (`a sheaf:CurrentOntologyGraph`, `sheaf:ontologySeries`, `owl:versionIRI`). The version archive
 * (`{base}/graph/ontology/{id}`, every version ever loaded) stays out of the SPARQL index on the embedded store, so
 * the default graph holds one hierarchy, not every version's at once.
 */
export class OntologyGraphs implements OntologyListener {
  readonly #store: CatalogueStore;
  readonly #prefix: string;

  constructor(options: { readonly store: CatalogueStore; readonly baseUrl: string }) {
    this.#store = options.store;
    this.#prefix = `${options.baseUrl.replace(/\/+$/, '')}/graph/current-ontology/`;
  }

  /** The named graph of a series' current version. */
  graphOf(series: string): string {
    return `${this.#prefix}${encodeURIComponent(series)}`;
  }

  async ontologiesChanged(change: { readonly loaded: ReadonlyMap<string, readonly Quad[]> }): Promise<void> {
    await this.publish(change.loaded);
  }

  /**
   * Writes the graph of every current document whose content changed and drops those of series no longer current,
   * in one atomic step. `loaded`: the current loaded version of each series (`loadedOntologies`).
   */
  async publish(loaded: ReadonlyMap<string, readonly Quad[]>): Promise<{ readonly written: number; readonly dropped: number }> {
    const docs = await currentOntologyDocuments({ loaded });
    const wanted = new Map(docs.map((d) => [this.graphOf(d.series), d]));
    const changes: GraphContent[] = [];
    for (const [graph, doc] of wanted) {
      const ntriples = graphText(graph, doc);
      if ((await this.#store.readGraphText(graph)) !== ntriples) changes.push({ graph, ntriples });
    }
    const written = changes.length;
    for (const graph of await this.#store.listGraphs({ prefix: this.#prefix })) {
      if (!wanted.has(graph)) changes.push({ graph, quads: [] });
    }
    if (changes.length > 0) await this.#store.replaceGraphs(changes);
    return { written, dropped: changes.length - written };
  }
}

/**
 * The graph's content as the embedded store's log keeps it (one line per distinct triple), blank nodes relabelled in
 * order of appearance: the same document gives the same text in every process, so an unchanged graph is not rewritten
 * at each start.
 */
function graphText(graph: string, doc: OntologyDocument): string {
  const labels = new Map<string, Term>();
  const relabel = <T extends Term>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = labels.get(t.value);
    if (b === undefined) labels.set(t.value, (b = blankNode(`o${labels.size}`)));
    return b as T;
  };
  const g = namedNode(graph);
  const about: Quad[] = [
    quad(g, namedNode(`${NS.rdf}type`), namedNode(CURRENT_ONTOLOGY_GRAPH)),
    quad(g, namedNode(`${NS.sheaf}ontologySeries`), namedNode(doc.series)),
  ];
  for (const q of doc.quads) if (q.predicate.value === `${NS.owl}versionIRI` && q.object.termType === 'NamedNode') about.push(quad(g, q.predicate, q.object));
  const lines = new Set<string>();
  for (const q of [...about, ...doc.quads, ...classEntailments(doc.quads)]) {
    lines.add(tripleLine(quad(relabel(q.subject), q.predicate, relabel(q.object))));
  }
  return [...lines].join('');
}
