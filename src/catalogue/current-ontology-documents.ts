// **currentOntologyDocuments** lists the ontology and vocabulary documents in force: bundled files, or the versions curators made current.
import { readFile } from 'node:fs/promises';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { NS } from '../core/namespaces.js';
import { ontologyIriOf } from '../core/ontology-header.js';
import { packageUrl } from '../core/package-root.js';

/** The bundled hyperontology and vocabularies: labels, synonyms, codes, mappings and the class hierarchy. */
export const BUNDLED_TERM_SOURCES: readonly URL[] = Object.freeze([
  'eucaim-hyperontology.ttl', 'vocabularies/access-right.ttl', 'vocabularies/country.ttl', 'vocabularies/data-theme.ttl',
  'vocabularies/eucaim-access-conditions.ttl', 'vocabularies/eucaim-data-use-conditions.ttl', 'vocabularies/file-type.ttl',
  'vocabularies/frequency.ttl', 'vocabularies/language.ttl',
].map((f) => packageUrl(`ontologies/${f}`)));

/** The series every document without an owl:Ontology header falls in (the bundled vocabularies). */
export const UNNAMED_SERIES = ontologyIriOf([]);

export interface OntologyDocument {
  /**
   * What the document is the current version of: its owl:Ontology IRI, or for a vocabulary without that header its
   * skos:ConceptScheme (else the file it was read from). Stable across versions, so it names the document's graph.
   */
  readonly series: string;
  /** The series of a loaded version (undefined for a bundled file): a curator's version replaces the bundled file. */
  readonly loaded: boolean;
  readonly quads: readonly Quad[];
}

let bundled: Promise<ReadonlyArray<{ readonly source: URL; readonly quads: readonly Quad[] }>> | undefined;

function bundledFiles(): Promise<ReadonlyArray<{ readonly source: URL; readonly quads: readonly Quad[] }>> {
  bundled ??= Promise.all(BUNDLED_TERM_SOURCES.map(async (source) => ({
    source, quads: new Parser({ baseIRI: source.href }).parse(await readFile(source, 'utf8')),
  })));
  return bundled;
}

function schemeOf(quads: readonly Quad[]): string | undefined {
  for (const q of quads) {
    if (q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.skos}ConceptScheme` && q.subject.termType === 'NamedNode') return q.subject.value;
  }
  return undefined;
}

/**
 * The bundled files, where a file's ontology series has a current loaded version (series IRI → quads, see
 * `loadedOntologies`) that version instead, plus loaded series no bundled file belongs to (an extension module adding
 * narrower classes). Vocabulary files without an owl:Ontology header are never replaced: they are not one series.
 */
export async function currentOntologyDocuments(options: { readonly loaded?: ReadonlyMap<string, readonly Quad[]> } = {}): Promise<OntologyDocument[]> {
  const loaded = options.loaded ?? new Map<string, readonly Quad[]>();
  const out: OntologyDocument[] = [];
  for (const file of await bundledFiles()) {
    const series = ontologyIriOf(file.quads);
    if (series !== UNNAMED_SERIES && loaded.has(series)) continue;
    out.push({ series: series === UNNAMED_SERIES ? (schemeOf(file.quads) ?? file.source.href) : series, loaded: false, quads: file.quads });
  }
  for (const [series, quads] of loaded) out.push({ series: series === UNNAMED_SERIES ? (schemeOf(quads) ?? series) : series, loaded: true, quads });
  return out;
}
