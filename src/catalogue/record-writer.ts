// **RecordWriter** stores records in the catalogue: rows claimed, graphs written, rows completed, a slice of a batch at a time.
import type { Quad } from '@rdfjs/types';
import type { CatalogueStore, GraphContent } from '../store/catalogue-store.js';
import { catalogRecordQuads, type CatalogRecordInput } from './catalog-record-quads.js';
import type { RecordIndex, RecordWrite } from './record-index.js';
import type { RecordIris } from './record-iris.js';
import type { RecordListener } from './record-listener.js';
import { tellListeners } from './tell-listeners.js';
import { LoopYield } from '../core/loop-yield.js';
import { SliceBudget } from '../core/slice-budget.js';

/** One changed record, ready to store. */
export interface RecordChange {
  readonly record: CatalogRecordInput;
  readonly quads: readonly Quad[];
  /**
   * `quads` as N-Triples, one line per distinct triple, when a worker wrote them already (the text the store would
   * write from `quads`): this thread then stores the text instead of serialising a large record again.
   */
  readonly ntriples?: string;
  /** sh:ValidationReport quads; empty when the record has no results. */
  readonly report: readonly Quad[];
  /** The record existed before (its other graphs may need emptying). */
  readonly existed: boolean;
  readonly lastSeen: string;
}

const DAY_MS = 86_400_000;

/** A slice's size in triples: the record's, its report's, and about as many as its catalogue record holds. */
const weightOf = (c: RecordChange): number => c.quads.length + c.report.length + 20;

/** A slice whose rows are claimed and whose graphs are on their way to the store. */
interface SentSlice {
  readonly changes: readonly RecordChange[];
  readonly rows: readonly RecordWrite[];
  readonly stored: Promise<void>;
  readonly units: number;
  readonly sendMs: number;
}

/** Some records of a batch were not stored (`failed`); the others were, whole. */
export class RecordWriteError extends Error {
  constructor(message: string, readonly failed: readonly RecordChange[]) {
    super(message);
  }
}

/**
 * Ordering is what keeps a crash harmless:
 * - changes claim their rows first (`beginWrite`: a hash nothing matches, the pages' memos dropped), then write
 *   graphs, then complete the rows: a graph never exists without its row, so a crash anywhere leaves rows the
 *   next run rewrites (seen) or withdraws (vanished), and that deleting the feed withdraws;
 * - withdrawals write rows, then graphs: a crash in between leaves a withdrawn row whose tombstone the
 *   next start re-applies (`reapplyTombstones`), never a live row whose graphs were dropped (which the
 *   hash check would then treat as unchanged forever).
 * A batch is written in slices (write), each keeping the first order: a crash between slices leaves the slices before
 * it stored and the rest claimed.
 */
/** How long a withdrawn record's tombstone stays before purge removes it, unless a caller sets its own. */
export const DEFAULT_GRACE_DAYS = 30;

export class RecordWriter {
  readonly #store: CatalogueStore;
  readonly #index: RecordIndex;
  readonly #iris: RecordIris;
  readonly #graceDays: number;
  readonly #listeners: readonly RecordListener[];
  readonly #budget: SliceBudget;
  readonly #loop = new LoopYield();

  constructor(options: {
    store: CatalogueStore; index: RecordIndex; iris: RecordIris; graceDays?: number; listeners?: readonly RecordListener[];
    /** Main-thread time a slice of a batch may take (see write); the budget learns the cost per triple as it goes. */
    sliceMs?: number;
  }) {
    // At least about ten small records a slice: fewer make more commits and index messages than they save in wait.
    this.#budget = new SliceBudget({ budgetMs: options.sliceMs ?? 15, initialMsPerUnit: 0.02, minUnits: 1_000 });
    this.#listeners = options.listeners ?? [];
    this.#store = options.store;
    this.#index = options.index;
    this.#iris = options.iris;
    this.#graceDays = options.graceDays ?? DEFAULT_GRACE_DAYS;
  }

  /**
   * Stores a batch of changed records in slices sized to hold the thread for about `sliceMs` each (SliceBudget), with a
   * turn of the event loop between them: first every slice's rows are claimed and its graphs sent to the store (which
   * commits each slice to its log while the index applies the one before), then, as each slice's graphs are stored,
   * its rows are completed with the listeners' rows in one transaction. A slice is the unit of failure: when one cannot
   * be stored, the others still are, and the error names the records that were not (RecordWriteError).
   */
  async write(changes: readonly RecordChange[]): Promise<void> {
    if (changes.length === 0) return;
    const sent: SentSlice[] = [];
    const failed: RecordChange[] = [];
    let firstError: Error | undefined;
    const fail = (slice: readonly RecordChange[], error: unknown): void => {
      failed.push(...slice);
      firstError ??= error as Error;
    };
    let at = 0;
    for (const slice of this.#budget.slices(changes, weightOf)) {
      try {
        sent.push(this.#send(slice));
      } catch (error) {
        fail(changes.slice(at), error);
        break;
      }
      at += slice.length;
      await this.#loop.turn();
    }
    const told: Promise<void>[] = [];
    for (const slice of sent) {
      try {
        await slice.stored;
      } catch (error) {
        fail(slice.changes, error);
        continue;
      }
      const started = performance.now();
      const stored = slice.changes.map((c) => ({ feedId: c.record.feedId, key: c.record.key, datasetIri: c.record.datasetIri, state: c.record.state, validation: c.record.validation, quads: c.quads }));
      // Rows and listeners in one transaction: a listener that throws rolls the rows back with it. Its synchronous part
      // runs now; what it writes to the store after is awaited with the other slices', not before the next slice.
      told.push(tellListeners(this.#index, this.#listeners, () => this.#index.write(slice.rows), (l) => l.recordsStored(stored))
        .catch((error: unknown) => fail(slice.changes, error)));
      this.#budget.learn(slice.units, Math.max(slice.sendMs, performance.now() - started));
      await this.#loop.turn();
    }
    await Promise.all(told);
    if (firstError !== undefined) throw new RecordWriteError(firstError.message, failed);
  }

  /** Claims one slice's rows and sends its graphs to the store (its synchronous part timed for the budget). */
  #send(changes: readonly RecordChange[]): SentSlice {
    const started = performance.now();
    const graphs: GraphContent[] = [];
    const rows: RecordWrite[] = [];
    let units = 0;
    for (const c of changes) {
      units += weightOf(c);
      const { feedId, key, state } = c.record;
      const recordGraph = this.#iris.recordGraph(feedId, key);
      const quarantineGraph = this.#iris.quarantineGraph(feedId, key);
      const content = c.ntriples === undefined ? { quads: c.quads } : { ntriples: c.ntriples };
      graphs.push({ graph: state === 'quarantined' ? quarantineGraph : recordGraph, ...content });
      // A new record has nothing to empty; an update may move between the record and quarantine graphs.
      if (c.existed) graphs.push({ graph: state === 'quarantined' ? recordGraph : quarantineGraph, quads: [] });
      if (c.report.length > 0 || c.existed) graphs.push({ graph: this.#iris.reportGraph(feedId, key), quads: c.report });
      graphs.push({ graph: this.#iris.catalogRecordGraph(feedId, key), quads: catalogRecordQuads(this.#iris, c.record) });
      rows.push({
        feedId, key, datasetIri: c.record.datasetIri, hash: c.record.hash, state, validation: c.record.validation,
        pageUrl: c.record.pageUrl, firstSeen: c.record.firstSeen, lastSeen: c.lastSeen, lastChanged: c.record.lastChanged, lastRun: c.record.runId,
      });
    }
    this.#index.beginWrite(rows);
    const stored = this.#store.replaceGraphs(graphs);
    stored.catch(() => {}); // awaited in write(), slice by slice
    return { changes, rows, stored, units, sendMs: performance.now() - started };
  }

  /**
   * Withdraws records: out of every catalogue view at once (dataset, quarantine and report graphs dropped), a
   * tombstone catalogue record kept until the grace period ends so that incremental clients learn of the
   * deletion. The harvested content is not kept: if the record reappears the source supplies it again.
   */
  async withdraw(feedId: string, keys: readonly string[], runId: string, at: Date, profile: string): Promise<number> {
    let done = 0;
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const live = slice.filter((k) => { const row = this.#index.get(feedId, k); return row !== undefined && row.state !== 'withdrawn'; });
      this.#index.markWithdrawn(feedId, live, at.toISOString(), runId);
      await this.#writeTombstones(feedId, live, profile);
      await tellListeners(this.#index, this.#listeners, () => {}, (l) => l.recordsWithdrawn(feedId, live));
      done += live.length;
    }
    return done;
  }

  /** Rewrites the tombstones of records withdrawn by `runId` (after a crash between rows and graphs). */
  async reapplyTombstones(feedId: string, runId: string, profile: string): Promise<void> {
    const keys = this.#index.forFeed(feedId).filter((r) => r.state === 'withdrawn' && r.lastRun === runId).map((r) => r.key);
    for (let i = 0; i < keys.length; i += 500) await this.#writeTombstones(feedId, keys.slice(i, i + 500), profile);
  }

  /** Drops tombstones whose grace period is over, graphs and rows. */
  async purge(feedId: string, now: Date): Promise<number> {
    const keys = this.#index.purgeable(feedId, new Date(now.getTime() - this.#graceDays * DAY_MS).toISOString());
    if (keys.length === 0) return 0;
    await this.#store.replaceGraphs(keys.map((k) => ({ graph: this.#iris.catalogRecordGraph(feedId, k), quads: [] })));
    this.#index.forget(feedId, keys);
    return keys.length;
  }

  async #writeTombstones(feedId: string, keys: readonly string[], profile: string): Promise<void> {
    const graphs: GraphContent[] = [];
    for (const key of keys) {
      const row = this.#index.get(feedId, key);
      if (row === undefined || row.withdrawnAt === undefined) continue;
      const purgeAfter = new Date(Date.parse(row.withdrawnAt) + this.#graceDays * DAY_MS).toISOString();
      graphs.push(
        { graph: this.#iris.recordGraph(feedId, key), quads: [] },
        { graph: this.#iris.quarantineGraph(feedId, key), quads: [] },
        { graph: this.#iris.reportGraph(feedId, key), quads: [] },
        {
          graph: this.#iris.catalogRecordGraph(feedId, key),
          quads: catalogRecordQuads(this.#iris, {
            feedId, key, datasetIri: row.datasetIri, state: 'withdrawn', hash: row.hash, pageUrl: row.pageUrl, runId: row.lastRun,
            profile, validation: row.validation, firstSeen: row.firstSeen, lastChanged: row.lastChanged,
            withdrawnAt: row.withdrawnAt, purgeAfter,
          }),
        },
      );
    }
    await this.#store.replaceGraphs(graphs);
  }
}
