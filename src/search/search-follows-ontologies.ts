// **searchFollowsOntologies** makes search expand, resolve codes and roll up facets with the ontology versions made current.
import type { OntologyListener } from '../catalogue/ontology-listener.js';
import { loadTerms } from './load-terms.js';
import type { SearchSync } from './search-sync.js';
import type { SearchTermsState } from './search-terms-state.js';

/**
 * The listener the ontology activation awaits before its response: when a curator's load or restore returns, search
 * already answers with that version. Within the request rather than in the background because the activation's
 * one-at-a-time lock then covers the re-derivation too: the next version's diff (`TermIndex.changedIn`) assumes the
 * index's rows match the current terms, which a re-derivation still running would break. Only documents holding a
 * changed term are touched (a moved class touches the datasets tagged with it or below it), and only their
 * ontology-derived rows and term text, from the index itself (`SearchIndex.rederiveTerms`). At 30 k synthetic
 * records a moved modality touched 9,883 documents: re-reading, parsing and upserting them from their record graphs
 * took 6.7 s, re-deriving them 2.4-3.7 s (shared machine), a third or more of it FTS5 rewriting their rows. Code lookups,
 * labels and `broader` links switch with the terms at once.
 */
export function searchFollowsOntologies(options: {
  readonly sync: SearchSync;
  /** Marked stale for the duration: a process stopped mid-way (or a failure) leaves it so, and start-up rebuilds. */
  readonly state: SearchTermsState;
}): OntologyListener {
  return {
    async ontologiesChanged({ loaded }) {
      options.state.markStale();
      await options.sync.applyTerms(await loadTerms({ loaded }));
      options.state.markCurrent();
    },
  };
}
