// **searchTermText** is what a search document's ontology terms add to its full text: the `terms` FTS column.
import { FACETS } from './facet-definitions.js';
import type { TermIndex } from './term-index.js';

/**
 * Labels, synonyms and codes (not IRI-shaped ones) of the document's ontology-facet values and of all their
 * ancestors. One function for both writers of the column: indexing a record (`extractSearchDocument`) and re-deriving
 * it from the index's direct facet values when the terms change (`SearchIndex.rederiveTerms`), so the two always
 * agree. Values are walked in sorted order, so the text does not depend on where they were read from.
 */
export function searchTermText(options: {
  /** Facet name → values as tagged (direct); facets that are not ontology facets are ignored. */
  readonly facets: Readonly<Record<string, readonly string[]>>;
  readonly terms: TermIndex;
}): string {
  const words = new Set<string>();
  for (const facet of FACETS) {
    const values = options.facets[facet.name];
    if (facet.kind !== 'term' || values === undefined) continue;
    for (const v of [...values].sort()) {
      for (const iri of options.terms.selfAndAncestors(v)) {
        const info = options.terms.get(iri);
        if (!info) continue;
        words.add(info.label);
        for (const s of info.synonyms) words.add(s);
        for (const c of info.codes) if (!c.includes('://')) words.add(c);
      }
    }
  }
  return [...words].join(' ; ');
}
