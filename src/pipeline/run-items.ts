// **RunItems** handles one run's harvested items in order: pages, records (fingerprint → prepare → validate → pending, in this thread or a worker), problems.
import type { HarvestEnd, HarvestItem, HarvestRecord } from '../../harvesters/harvester.js';
import type { PooledFingerprint, PooledRecords, RecordValidator } from '../validate/validator-pool.js';
import type { ValidationSummary } from '../validate/summarise-report.js';
import type { Feed } from './feed.js';
import { fingerprint, prepareRecord, RecordProblem, type Fingerprint, type PrepareContext, type PreparedRecord } from './prepare-record.js';
import type { RecordIndex, RecordRow } from '../catalogue/record-index.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import { RecordWriteError, type RecordWriter } from '../catalogue/record-writer.js';
import { reportQuads } from '../catalogue/report-quads.js';
import { withNormalisation } from '../validate/with-normalisation.js';
import { validationFocus, type RunState } from './run-state.js';
import { problemFromThread, recordForThread, type ThreadFingerprint, type ThreadPrepared } from './worker-record-preparer.js';

export interface RunItemsOptions {
  readonly feed: Feed;
  readonly runId: string;
  readonly state: RunState;
  readonly validator: RecordValidator;
  readonly prepare: PrepareContext;
  readonly records: RecordIndex;
  readonly iris: RecordIris;
  readonly writer: RecordWriter;
  readonly clock: () => Date;
  /** Described nodes validated per record (see RunnerLimits.maxValidatedNodes). */
  readonly maxValidatedNodes: number;
  /** Changed records stored per atomic write. */
  readonly batchSize: number;
  /** Validation runs in a pool: records finish out of step with the loop, which flushes full batches itself. */
  readonly pooled: boolean;
  /** Records are prepared (and validated) in the pool's workers too, not in this thread. */
  readonly preparing?: PooledRecords;
}

/** The per-item half of a harvest run; the runner drives it and decides the run's outcome from `state`. */
export class RunItems {
  readonly #o: RunItemsOptions;
  /** The pooled records' decisions, chained so they run in item order. */
  #inOrder: Promise<void> = Promise.resolve();

  constructor(options: RunItemsOptions) {
    this.#o = options;
  }

  async take(item: HarvestItem): Promise<void> {
    const { feed, state } = this.#o;
    switch (item.kind) {
      case 'page': {
        // Each page's records are stored before the next page's (a crash loses at most two pages of work):
        // one page is written while the next is read and prepared.
        if (state.pending.length > 0) await this.flush();
        state.pages += 1;
        state.memos.set(item.url, state.memoOf(item));
        if (!item.notModified && !item.sameBody) return;
        // A 304 page, or one re-sent identical, still holds the records it held last time: they are seen, and unchanged.
        state.notModifiedPages += 1;
        for (const key of this.#o.records.keysOnPage(feed.id, item.url)) {
          if (state.seen.has(key)) continue;
          state.seen.set(key, item.url);
          state.records += 1;
          state.counts.unchanged += 1;
          state.unchangedSeen.push({ key, pageUrl: item.url });
        }
        return;
      }
      case 'record':
        return this.#record(item);
      case 'deletion': {
        const key = item.keyHints.iri ?? item.keyHints.identifier;
        if (key !== undefined) state.deletions.push(key);
        return;
      }
      case 'warning':
        state.warnings.push({ url: item.url, stage: item.stage, message: item.message });
        return;
      case 'error':
        state.errors.push({ url: item.url, stage: item.stage, message: item.message });
        state.badPages.add(item.url);
        return;
      case 'end':
        state.complete = item.complete;
        state.ended = true;
        if (item.reason !== undefined) state.incompleteBecause ??= item.reason;
        this.#checkStatedSize(item);
        return;
    }
  }

  /**
   * Completeness is checked, never assumed: when the source stated its size and the run saw fewer items
   * (records listed, unchanged pages' records included, plus deletion notices, which the source counts
   * too), the gather is incomplete whatever the walk thought, and nothing is withdrawn.
   */
  #checkStatedSize(end: HarvestEnd): void {
    const { state } = this.#o;
    if (end.stated === undefined) return;
    const saw = state.seen.size + state.deletions.length;
    if (saw >= end.stated.total) return;
    const message = `the source states ${end.stated.total} items (${end.stated.url}) but the harvest saw ${saw}; gather incomplete`;
    state.warnings.push({ url: end.stated.url, stage: 'paging', message });
    state.complete = false;
    state.incompleteBecause ??= message;
  }

  async #record(item: HarvestRecord): Promise<void> {
    if (this.#o.preparing !== undefined) return this.#pooledRecord(item, this.#o.preparing);
    this.#o.state.records += 1;
    let fp: Fingerprint;
    try {
      fp = fingerprint(item, this.#o.prepare);
    } catch (error) {
      const problem = error instanceof RecordProblem ? error : new RecordProblem('map', (error as Error).message);
      return this.#fail(item.pageUrl, problem);
    }
    const wanted = this.#wanted(item, fp);
    if (wanted === undefined) return;
    let prepared: PreparedRecord;
    try {
      prepared = prepareRecord(fp, this.#o.prepare);
    } catch (error) {
      const problem = error instanceof RecordProblem ? error : new RecordProblem('normalise', (error as Error).message, fp.key);
      return this.#fail(item.pageUrl, problem);
    }
    const max = this.#o.maxValidatedNodes;
    let outcome: ValidationSummary;
    let sampled = false;
    try {
      const focus = validationFocus(prepared, max);
      sampled = focus.length > 0;
      outcome = withNormalisation(await this.#o.validator.validate(prepared.quads, sampled ? { focusNodes: focus } : {}), prepared.normalisation);
    } catch (error) {
      return this.#fail(item.pageUrl, new RecordProblem('validate', (error as Error).message, fp.key));
    }
    this.#validated(item, wanted, prepared, outcome, sampled);
    // With a pool, records finish out of step with the loop, which flushes full batches itself.
    if (!this.#o.pooled && this.#o.state.pending.length >= this.#o.batchSize) await this.flush();
  }

  /**
   * A record prepared and validated in a worker (ValidatorPool.recordsFor): its fingerprint is computed there while
   * the loop takes the next items; whether it is wanted is decided here in item order, as in this thread, so the
   * first of two records with one key is the one kept; then the worker holding it prepares and validates it.
   */
  async #pooledRecord(item: HarvestRecord, preparing: PooledRecords): Promise<void> {
    this.#o.state.records += 1;
    const fingerprinted = preparing.fingerprint(recordForThread(item));
    fingerprinted.catch(() => {}); // awaited in turn below
    const decided = this.#inOrder.then(async () => {
      let fp: PooledFingerprint;
      try {
        fp = await fingerprinted;
      } catch (error) {
        this.#fail(item.pageUrl, problemFromThread(error, 'map'));
        return undefined;
      }
      const facts = fp.answer as ThreadFingerprint;
      const wanted = this.#wanted(item, facts);
      if (wanted === undefined) fp.forget();
      return wanted === undefined ? undefined : { fp, facts, wanted };
    });
    this.#inOrder = decided.then(() => {}, () => {});
    const next = await decided;
    if (next === undefined) return;
    let done: Awaited<ReturnType<PooledFingerprint['prepare']>>;
    try {
      done = await next.fp.prepare();
    } catch (error) {
      return this.#fail(item.pageUrl, problemFromThread(error, 'validate', next.facts.key));
    }
    const facts = done.answer as ThreadPrepared;
    const prepared: PreparedRecord = { key: facts.key, datasetIri: facts.datasetIri, hash: facts.hash, quads: done.quads, normalisation: facts.normalisation };
    this.#validated(item, next.wanted, prepared, withNormalisation(done.summary, facts.normalisation), facts.sampled, facts.ntriples);
  }

  /**
   * Whether a fingerprinted record is to be stored: not when its key was seen before in this run (a duplicate, warned
   * about) or when it is unchanged (counted, and marked seen). Runs in item order.
   */
  #wanted(item: HarvestRecord, fp: { readonly key: string; readonly hash: string }): { existing: RecordRow | undefined; now: string } | undefined {
    const { feed, state, records } = this.#o;
    const { key } = fp;
    if (state.seen.has(key)) {
      state.warnings.push({ url: item.pageUrl, stage: 'split', key, message: `record ${key} appears more than once in the source; the first one was kept` });
      return undefined;
    }
    state.seen.set(key, item.pageUrl);
    const existing = records.get(feed.id, key);
    const now = this.#o.clock().toISOString();
    if (existing !== undefined && existing.state !== 'withdrawn' && existing.hash === fp.hash) {
      this.#noteDuplicates(key, existing.datasetIri);
      state.counts.unchanged += 1;
      state.unchangedSeen.push({ key, pageUrl: item.pageUrl });
      if (state.unchangedSeen.length >= 1_000) this.#markSeen();
      return undefined;
    }
    return { existing, now };
  }

  /** A prepared and validated record joins the pending batch. */
  #validated(
    item: HarvestRecord, wanted: { existing: RecordRow | undefined; now: string }, prepared: PreparedRecord, outcome: ValidationSummary,
    sampled: boolean, ntriples?: string,
  ): void {
    const { feed, state, iris } = this.#o;
    const { existing, now } = wanted;
    const { key } = prepared;
    const related = this.#noteDuplicates(key, prepared.datasetIri);
    if (sampled) {
      const max = this.#o.maxValidatedNodes;
      state.warnings.push({ url: item.pageUrl, stage: 'validate', key,
        message: `record has more than ${max} described nodes: only the dataset and the first ${max - 1} others were validated` });
    }
    const invalid = outcome.status === 'non-conformant';
    if (invalid) state.counts.invalid += 1;
    const live = existing !== undefined && existing.state !== 'withdrawn';
    if (live) state.counts.updated += 1;
    else state.counts.created += 1;
    state.pending.push({
      existed: existing !== undefined,
      lastSeen: now,
      quads: prepared.quads,
      ...(ntriples !== undefined && { ntriples }),
      report: outcome.results.length > 0 ? reportQuads(iris.reportGraph(feed.id, key), outcome) : [],
      record: {
        feedId: feed.id, key, datasetIri: prepared.datasetIri, hash: prepared.hash, pageUrl: item.pageUrl, runId: this.#o.runId,
        state: invalid && feed.policy === 'quarantine' ? 'quarantined' : 'active',
        profile: feed.profile, validation: outcome.status,
        firstSeen: live ? existing.firstSeen : now, lastChanged: now,
        ...(item.issued !== undefined && { sourceIssued: item.issued }),
        ...(item.modified !== undefined && { sourceModified: item.modified }),
        related,
      },
    });
  }

  /** Lists records of other feeds for the same dataset; returns their catalogue-record IRIs (linked on write). */
  #noteDuplicates(key: string, datasetIri: string): string[] {
    const { feed, state, records, iris } = this.#o;
    const others = records.sameDataset(datasetIri, feed.id);
    for (const o of others) state.duplicates.push({ key, datasetIri, otherFeed: o.feedId, otherKey: o.key });
    return others.map((o) => iris.catalogRecord(o.feedId, o.key));
  }

  #fail(pageUrl: string, problem: RecordProblem): void {
    const { state } = this.#o;
    state.counts.failed += 1;
    state.badPages.add(pageUrl);
    state.errors.push({ url: pageUrl, stage: problem.stage, message: problem.message, ...(problem.key !== undefined && { key: problem.key }) });
  }

  #markSeen(): void {
    const { feed, state } = this.#o;
    this.#o.records.markSeen(feed.id, this.#o.clock().toISOString(), state.unchangedSeen);
    state.unchangedSeen = [];
  }

  /**
   * Starts writing the pending batch once the batch before it is written: the store indexes in its own thread
   * and the next page is prepared meanwhile. Batches still go in order, one at a time; the run awaits
   * `state.writing` before it decides anything from the counts (withdrawals, memos, status).
   */
  async flush(): Promise<void> {
    const { state } = this.#o;
    this.#markSeen();
    const batch = state.pending;
    state.pending = [];
    await state.writing;
    if (batch.length === 0) return;
    state.writing = this.#o.writer.write(batch).catch((error: Error) => {
      // A batch is stored in slices: those the error names failed, the others are stored.
      for (const c of error instanceof RecordWriteError ? error.failed : batch) {
        state.counts[c.existed ? 'updated' : 'created'] -= 1;
        this.#fail(c.record.pageUrl, new RecordProblem('store', error.message, c.record.key));
      }
    });
  }
}
