// **SearchSync** keeps the search index in step with the catalogue: it listens to the record writer and can rebuild.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Quad } from '@rdfjs/types';
import type { RecordListener, StoredRecord } from '../catalogue/record-listener.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { extractSearchDocument } from './search-document.js';
import type { SearchIndex } from './search-index.js';
import type { TermIndex } from './term-index.js';

/** Index key of a record: feeds may share dataset IRIs, so the feed is part of it. */
export const searchKey = (feedId: string, key: string): string => `${feedId}/${key}`;

// Record graphs read at once while re-indexing (the embedded store reads its log; a remote one answers per graph).
const READ_CONCURRENCY = 8;
// Documents re-indexed per transaction: a commit per document cost more than reading and extracting it.
const BATCH = 250;
// Documents re-derived per transaction for new terms (0.2-0.4 ms each at 30 k records, so 0.1-0.2 s a batch):
// searches and the record writer get a turn between.
const REDERIVE_BATCH = 500;

export class SearchSync implements RecordListener {
  readonly #index: SearchIndex;
  readonly #terms: TermIndex;
  /** One set per re-index in progress: the keys the record writer indexed since it started (newer than its reads). */
  readonly #watchers = new Set<Set<string>>();

  constructor(options: { readonly index: SearchIndex; readonly terms: TermIndex }) {
    this.#index = options.index;
    this.#terms = options.terms;
  }

  recordsStored(records: readonly StoredRecord[]): void {
    for (const r of records) {
      // Search documents do not read the validation status: a record whose status alone changed indexes the same.
      if (r.statusOnly === true) continue;
      this.#put(r);
      for (const w of this.#watchers) w.add(searchKey(r.feedId, r.key));
    }
  }

  recordsWithdrawn(feedId: string, keys: readonly string[]): void {
    for (const k of keys) {
      this.#index.remove(searchKey(feedId, k));
      for (const w of this.#watchers) w.add(searchKey(feedId, k));
    }
  }

  /** Rebuilds the whole index from the store's record graphs; `records` lists the active records. */
  async rebuild(options: {
    readonly store: CatalogueStore;
    readonly iris: RecordIris;
    readonly records: AsyncIterable<readonly { feedId: string; key: string; datasetIri: string }[]>;
  }): Promise<number> {
    this.#index.clear();
    let n = 0;
    await this.#watching(async (written) => {
      for await (const batch of options.records) {
        await this.#reindex(batch, options, written);
        n += batch.length;
      }
    });
    return n;
  }

  /**
   * Makes search use `next` (another ontology version's terms) and re-derives only the documents holding a term it
   * changed (moved, relabelled, newly mapped, added, dropped): their ancestor facet rows (one per ancestor, for
   * roll-up) and term text were written with the old hierarchy. From the index's own rows, not the record graphs:
   * nothing else in a document depends on the terms. Returns how many documents held a changed term.
   */
  async applyTerms(next: TermIndex): Promise<number> {
    const changed = this.#terms.changedIn(next);
    // Swapped first (the index shares this TermIndex): what the record writer indexes from now on already uses the
    // new terms, and re-deriving a document it wrote meanwhile gives what it wrote.
    this.#terms.replaceWith(next);
    if (changed.length === 0) return 0;
    const keys = this.#index.documentsWithTerms(changed);
    for (let i = 0; i < keys.length; i += REDERIVE_BATCH) {
      if (i > 0) await nextTurn();
      this.#index.rederiveTerms(keys.slice(i, i + REDERIVE_BATCH));
    }
    return keys.length;
  }

  /** Runs `work` with the set of keys the record writer indexes meanwhile. */
  async #watching(work: (written: ReadonlySet<string>) => Promise<void>): Promise<void> {
    const written = new Set<string>();
    this.#watchers.add(written);
    try {
      await work(written);
    } finally {
      this.#watchers.delete(written);
    }
  }

  /** Indexes active records from their record graphs, a batch per transaction, skipping those in `written`. */
  async #reindex(
    records: readonly { feedId: string; key: string; datasetIri: string }[],
    source: { readonly store: CatalogueStore; readonly iris: RecordIris },
    written: ReadonlySet<string>,
  ): Promise<void> {
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      const contents: Quad[][] = [];
      for (let j = 0; j < batch.length; j += READ_CONCURRENCY) {
        const slice = batch.slice(j, j + READ_CONCURRENCY);
        contents.push(...await Promise.all(slice.map((r) => source.store.readGraphs([source.iris.recordGraph(r.feedId, r.key)]))));
      }
      this.#index.atomically(() => batch.forEach((r, j) => {
        // A record the writer stored or withdrew meanwhile is already indexed with the current terms; what was read may be older.
        if (!written.has(searchKey(r.feedId, r.key))) this.#put({ ...r, state: 'active', validation: 'unknown', quads: contents[j]! });
      }));
    }
  }

  #put(r: StoredRecord): void {
    const key = searchKey(r.feedId, r.key);
    const doc = r.state === 'active'
      ? extractSearchDocument(r.quads, { key, feed: r.feedId, dataset: r.datasetIri, terms: this.#terms })
      : undefined;
    // Quarantined records (and records without a dataset node) are not findable.
    if (doc) this.#index.upsert(doc);
    else this.#index.remove(key);
  }
}
