// **OntologyListener** hears that the current ontology versions changed, so what derives from the terms (search) follows.
import type { Quad } from '@rdfjs/types';

export interface OntologyListener {
  /**
   * Called after a version was loaded or restored and its revalidation is stored, one activation at a time.
   * `loaded` holds the current version of every series a curator loaded (series IRI → quads); series nobody
   * loaded keep their bundled files. A throw is logged and does not undo the activation.
   */
  ontologiesChanged(change: { readonly loaded: ReadonlyMap<string, readonly Quad[]> }): Promise<void>;
}
