// **SearchSync** keeps the search index in step with the catalogue: it listens to the record writer and can rebuild.
import type { RecordListener, StoredRecord } from '../pipeline/record-listener.js';
import type { RecordIris } from '../pipeline/record-iris.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { extractSearchDocument } from './search-document.js';
import type { SearchIndex } from './search-index.js';
import type { TermIndex } from './term-index.js';

/** Index key of a record: feeds may share dataset IRIs, so the feed is part of it. */
export const searchKey = (feedId: string, key: string): string => `${feedId}/${key}`;

export class SearchSync implements RecordListener {
  readonly #index: SearchIndex;
  readonly #terms: TermIndex;

  constructor(options: { readonly index: SearchIndex; readonly terms: TermIndex }) {
    this.#index = options.index;
    this.#terms = options.terms;
  }

  recordsStored(records: readonly StoredRecord[]): void {
    for (const r of records) {
      const key = searchKey(r.feedId, r.key);
      const doc = r.state === 'active'
        ? extractSearchDocument(r.quads, { key, feed: r.feedId, dataset: r.datasetIri, terms: this.#terms })
        : undefined;
      // Quarantined records (and records without a dataset node) are not findable.
      if (doc) this.#index.upsert(doc);
      else this.#index.remove(key);
    }
  }

  recordsWithdrawn(feedId: string, keys: readonly string[]): void {
    for (const k of keys) this.#index.remove(searchKey(feedId, k));
  }

  /** Rebuilds the whole index from the store's record graphs; `records` lists the active records. */
  async rebuild(options: {
    readonly store: CatalogueStore;
    readonly iris: RecordIris;
    readonly records: AsyncIterable<readonly { feedId: string; key: string; datasetIri: string }[]>;
  }): Promise<number> {
    this.#index.clear();
    let n = 0;
    for await (const batch of options.records) {
      for (const r of batch) {
        const quads = await options.store.readGraphs([options.iris.recordGraph(r.feedId, r.key)]);
        this.recordsStored([{ ...r, state: 'active', validation: 'unknown', quads }]);
        n += 1;
      }
    }
    return n;
  }
}
