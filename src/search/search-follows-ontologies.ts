// **searchFollowsOntologies** makes search expand, resolve codes and roll up facets with the ontology versions made current.
import type { OntologyListener } from '../ontology/ontology-listener.js';
import type { RecordIris } from '../pipeline/record-iris.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { loadTerms } from './load-terms.js';
import type { SearchSync } from './search-sync.js';
import type { SearchTermsState } from './search-terms-state.js';

/**
 * The listener the ontology activation awaits before its response: when a curator's load or restore returns, search
 * already answers with that version. Within the request rather than in the background because the activation's
 * one-at-a-time lock then covers the re-index too: the next version's diff (`TermIndex.changedIn`) assumes the
 * index's rows match the current terms, which a re-index still running would break. Only documents holding a changed
 * term are re-indexed (a moved class touches the datasets tagged with it or below it), not the whole index: a full
 * rebuild reads and re-indexes every record (~11 s of CPU per 10 k records here, measured). At 10 k synthetic
 * EUCAIM records a moved condition subtree re-indexed 826 documents (~1.3 s CPU), a moved modality subtree 3,297
 * (~4.6 s): ~1.4 ms per document, mostly the index's own upsert. Code lookups, labels and `broader` links switch
 * with the terms at once.
 */
export function searchFollowsOntologies(options: {
  readonly sync: SearchSync;
  readonly store: CatalogueStore;
  readonly iris: RecordIris;
  /** Marked stale for the duration: a process stopped mid-way (or a failure) leaves it so, and start-up rebuilds. */
  readonly state: SearchTermsState;
}): OntologyListener {
  return {
    async ontologiesChanged({ loaded }) {
      options.state.markStale();
      await options.sync.applyTerms(await loadTerms({ loaded }), options);
      options.state.markCurrent();
    },
  };
}
