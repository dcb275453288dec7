// **loadTerms** builds the TermIndex search expands with: the bundled term files, each at the version curators made current.
import type { Quad } from '@rdfjs/types';
import { BUNDLED_TERM_SOURCES, currentOntologyDocuments } from '../catalogue/current-ontology-documents.js';
import { TermIndex } from './term-index.js';

export { BUNDLED_TERM_SOURCES };

/**
 * The terms of the current ontology documents (`currentOntologyDocuments`): the bundled files, each replaced by the
 * version curators made current of its series, plus loaded series no bundled file belongs to (an extension module
 * adding narrower classes is validated with them, so search rolls them up too).
 */
export async function loadTerms(options: { readonly loaded?: ReadonlyMap<string, readonly Quad[]> } = {}): Promise<TermIndex> {
  const quads: Quad[] = [];
  for (const doc of await currentOntologyDocuments(options)) for (const q of doc.quads) quads.push(q);
  return TermIndex.fromQuads(quads);
}

export const loadBundledTerms = (): Promise<TermIndex> => loadTerms();
