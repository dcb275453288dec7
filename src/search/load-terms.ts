// **loadTerms** builds the TermIndex search expands with: the bundled term files, each at the version curators made current.
import { readFile } from 'node:fs/promises';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { ontologyIriOf } from '../core/ontology-header.js';
import { TermIndex } from './term-index.js';
import { packageUrl } from '../core/package-root.js';

/** The bundled hyperontology and vocabularies: labels, synonyms, codes and the hierarchy search expands. */
export const BUNDLED_TERM_SOURCES: readonly URL[] = Object.freeze([
  'eucaim-hyperontology.ttl', 'vocabularies/access-right.ttl', 'vocabularies/country.ttl', 'vocabularies/data-theme.ttl',
  'vocabularies/eucaim-access-conditions.ttl', 'vocabularies/eucaim-data-use-conditions.ttl', 'vocabularies/file-type.ttl',
  'vocabularies/frequency.ttl', 'vocabularies/language.ttl',
].map((f) => packageUrl(`ontologies/${f}`)));

/** The series every document without an owl:Ontology header falls in (the bundled vocabularies). */
const UNNAMED = ontologyIriOf([]);

let bundled: Promise<ReadonlyArray<readonly Quad[]>> | undefined;

function bundledFiles(): Promise<ReadonlyArray<readonly Quad[]>> {
  bundled ??= Promise.all(BUNDLED_TERM_SOURCES.map(async (url) => new Parser({ baseIRI: url.href }).parse(await readFile(url, 'utf8'))));
  return bundled;
}

/**
 * The terms of the bundled files, where a file's ontology series has a current loaded version (series IRI →
 * quads, see `loadedOntologies`) that version instead, plus loaded series no bundled file belongs to (an
 * extension module adding narrower classes is validated with them, so search rolls them up too). Vocabulary files
 * without an owl:Ontology header are never replaced: they are not one series.
 */
export async function loadTerms(options: { readonly loaded?: ReadonlyMap<string, readonly Quad[]> } = {}): Promise<TermIndex> {
  const loaded = options.loaded ?? new Map<string, readonly Quad[]>();
  const quads: Quad[] = [];
  for (const file of await bundledFiles()) {
    const series = ontologyIriOf(file);
    if (series === UNNAMED || !loaded.has(series)) for (const q of file) quads.push(q);
  }
  for (const version of loaded.values()) for (const q of version) quads.push(q);
  return TermIndex.fromQuads(quads);
}

export const loadBundledTerms = (): Promise<TermIndex> => loadTerms();
