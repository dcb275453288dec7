// **HarvestRunner** runs one harvest of a feed: gather → map → normalise → hash → validate changed → store → withdraw.
import type { BaseLogger } from 'pino';
import { harvesters } from '../../harvesters/index.js';
import { DEFAULT_LIMITS } from '../../harvesters/harvester.js';
import { CatErrors } from '../core/errors.js';
import { LoopYield } from '../core/loop-yield.js';
import { SafeFetcher, type SafeFetcherOptions } from '../core/safe-fetch.js';
import { loadBundledMappings, loadBundledSchemes, type ValueMappings } from '../normalise/index.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import type { StateDb } from '../store/state-db.js';
import type { OntologyOverride, ProfileRegistry } from '../validate/profile-registry.js';
import type { LazyValidatorPool } from '../validate/lazy-validator-pool.js';
import type { RecordValidator, ValidatorPool } from '../validate/validator-pool.js';
import type { Feed } from './feed.js';
import type { PrepareContext } from './prepare-record.js';
import type { ThreadContext } from './worker-record-preparer.js';
import { runActivityQuads } from './run-activity-quads.js';
import { RecordIndex } from '../catalogue/record-index.js';
import { RecordIris } from '../catalogue/record-iris.js';
import type { RecordListener } from '../catalogue/record-listener.js';
import { RecordWriter } from '../catalogue/record-writer.js';
import { RunItems } from './run-items.js';
import { RunState } from './run-state.js';
import { RunLog } from './run-log.js';
import { SaltedMemo } from './salted-memo.js';
import type { FeedRunner, FinishedRun, RunTrigger } from './scheduler.js';
import { adoptOrphans } from '../catalogue/adopt-orphans.js';
import { FINAL_STATUSES, type RunProgress, type RunSummary } from './run-summary.js';
import { runVerdict } from './run-verdict.js';

/** The pino subset the runner logs through. */
export type RunnerLogger = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

export interface RunnerLimits {
  readonly maxPages: number;
  readonly maxRecords: number;
  /** Distinct triples per record: 250,000 leaves room for a dataset with 10,000 distributions of ~20 triples. */
  readonly maxTriplesPerRecord: number;
  /**
   * Described nodes validated per record (the dataset first). SHACL costs a few ms per node, so a dataset
   * with 10,000 distributions is validated on a sample of them, with a warning, instead of for minutes.
   */
  readonly maxValidatedNodes: number;
}

export interface HarvestRunnerOptions {
  readonly store: CatalogueStore;
  readonly stateDb: StateDb;
  readonly profiles: ProfileRegistry;
  readonly baseUrl: string;
  readonly fetcher?: SafeFetcherOptions;
  /** Shortcut for `fetcher.allowPrivateNetworks` (SHEAF_ALLOW_PRIVATE_NETWORKS). */
  readonly allowPrivateNetworks?: boolean;
  readonly logger?: RunnerLogger;
  readonly clock?: () => Date;
  readonly limits?: Partial<RunnerLimits>;
  /** A run still going after this long is aborted: what it stored stays, nothing is withdrawn. Default 2 h. */
  readonly runTimeoutMs?: number;
  readonly heartbeatMs?: number;
  /** Days a withdrawn record's tombstone stays before it is purged (default: RecordWriter's DEFAULT_GRACE_DAYS). */
  readonly graceDays?: number;
  /** Incremental harvesters (ckan, oai-pmh) ask only for changes since the last complete run, unless that is older than this (then a full run). Default 7 days. */
  readonly fullEveryMs?: number;
  /** Changed records stored per atomic write. */
  readonly batchSize?: number;
  /** Told of every record stored or withdrawn (the search index listens). */
  readonly listeners?: readonly RecordListener[];
  /** Normalisation mappings; the bundled hyperontology's by default. */
  readonly mappings?: ValueMappings;
  /** The curator-loaded ontology versions a profile validates with now (OntologyActivation.overrideFor); bundled files when absent. */
  readonly ontologyFor?: (profile: string) => Promise<OntologyOverride | undefined>;
  /**
   * Validates changed records in worker threads, overlapped with preparing the next ones; in this thread when absent.
   * A lazy pool starts its workers with the first run that validates.
   */
  readonly validatorPool?: ValidatorPool | LazyValidatorPool;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** A run the scheduler already queued (RunLog.create); a new one otherwise. */
  readonly runId?: string;
}

const NOOP_LOGGER = { info() {}, warn() {}, error() {} } as unknown as RunnerLogger;

/**
 * Runs harvests and owns their state (RunLog, RecordIndex). A run ends in exactly one final status:
 * - `succeeded`: complete gather, every record processed; vanished records withdrawn (full runs only);
 * - `held`: as succeeded, but more than `feed.maxWithdrawShare` of the live records vanished: nothing
 *   withdrawn until `confirmHeld`;
 * - `partial`: a page or a record failed, a cap was hit, or the run timed out / was cancelled: what was
 *   stored stays, nothing is withdrawn by absence (the source's own OAI deletions still apply);
 * - `failed`: nothing could be gathered (source down), or the run itself broke (store, profile);
 * - `interrupted`: the process died mid-run; set by `recoverInterrupted` at the next start.
 */
export class HarvestRunner implements FeedRunner {
  readonly runs: RunLog;
  readonly records: RecordIndex;
  readonly iris: RecordIris;
  readonly #o: HarvestRunnerOptions;
  /** The one writer of this catalogue's records: runs write through it, and so does a feed's deletion (open-pipeline). */
  readonly writer: RecordWriter;
  readonly #clock: () => Date;
  readonly #log: RunnerLogger;
  readonly #limits: RunnerLimits;
  readonly #active = new Set<string>();
  #mappings: Promise<ValueMappings> | undefined;

  constructor(options: HarvestRunnerOptions) {
    this.#o = Object.freeze({ ...options });
    this.#clock = options.clock ?? (() => new Date());
    this.#log = options.logger ?? NOOP_LOGGER;
    this.#limits = { ...DEFAULT_LIMITS, maxTriplesPerRecord: 250_000, maxValidatedNodes: 1_000, ...options.limits };
    this.runs = new RunLog({ db: options.stateDb.db, clock: this.#clock });
    this.records = new RecordIndex({ db: options.stateDb.db });
    this.iris = new RecordIris(options.baseUrl);
    this.writer = new RecordWriter({ store: options.store, index: this.records, iris: this.iris, ...(options.graceDays !== undefined && { graceDays: options.graceDays }), listeners: options.listeners ?? [] });
    if (options.mappings) this.#mappings = Promise.resolve(options.mappings);
  }

  /** Records a run as queued (the scheduler hands its id out at once) and returns the id. */
  queue(feed: Feed, trigger: RunTrigger): string {
    return this.runs.create(feed.id, { trigger }).id;
  }

  /** Performs a queued run (the scheduler's half of {@link FeedRunner}). */
  async execute(runId: string, feed: Feed): Promise<FinishedRun> {
    return this.run(feed, { runId });
  }

  /** True once the run's final status is recorded. */
  isFinished(runId: string): boolean {
    const run = this.runs.get(runId);
    return run !== undefined && FINAL_STATUSES.has(run.status);
  }

  /** True while a run of this feed is going in this process. */
  isRunning(feedId: string): boolean {
    return this.#active.has(feedId);
  }

  /**
   * Call once at start-up, before any run: every run left queued or running by a previous process is closed
   * as `interrupted` with the reason, and withdrawals it had begun are completed. No run stays stuck.
   */
  async recoverInterrupted(): Promise<RunSummary[]> {
    const closed: RunSummary[] = [];
    for (const run of this.runs.open()) {
      if (this.#active.has(run.feedId)) continue;
      const reason = run.status === 'running'
        ? `the process stopped during the run (last heartbeat ${run.heartbeatAt ?? run.startedAt ?? 'never'})`
        : 'the process stopped before the queued run started';
      if (!this.runs.interrupt(run.id, reason)) continue;
      await this.writer.reapplyTombstones(run.feedId, run.id, 'unknown');
      this.#log.warn({ run: run.id, feed: run.feedId }, `harvest run interrupted: ${reason}`);
      closed.push(this.runs.get(run.id)!);
    }
    return closed;
  }

  /** Withdraws what a held run would have withdrawn (records seen again since are spared); the run becomes succeeded. */
  async confirmHeld(runId: string, options: { readonly by?: string; readonly profile?: string } = {}): Promise<RunSummary> {
    const run = this.runs.get(runId);
    if (run === undefined) throw new CatErrors.NOT_FOUND(`run ${runId}`);
    if (run.status !== 'held') throw new CatErrors.CONFLICT(`run ${runId} is ${run.status}, not held`);
    const since = run.startedAt ?? run.queuedAt;
    const keys = this.records.heldKeys(runId).filter((k) => {
      const row = this.records.get(run.feedId, k);
      return row !== undefined && row.state !== 'withdrawn' && row.lastSeen < since;
    });
    const withdrawn = await this.writer.withdraw(run.feedId, keys, runId, this.#clock(), options.profile ?? 'unknown');
    this.records.release(runId);
    this.runs.resolveHeld(runId, 'succeeded', `withdrawals confirmed${options.by ? ` by ${options.by}` : ''}: ${withdrawn} withdrawn`,
      { ...run.counts, withdrawn: run.counts.withdrawn + withdrawn });
    const resolved = this.runs.get(runId)!;
    await this.#o.store.replaceGraph(this.iris.runGraph(runId), runActivityQuads(this.iris, resolved));
    return resolved;
  }

  /** One run of `feed`; resolves with its summary whatever happened (failures are statuses, not exceptions). */
  async run(feed: Feed, options: RunOptions = {}): Promise<RunSummary> {
    // A queued run that cannot start is closed at once, with the reason: it must not wait for a restart.
    const refuse = (error: Error): Error => {
      if (options.runId !== undefined) this.runs.interrupt(options.runId, `not started: ${error.message}`);
      return error;
    };
    const harvester = harvesters.get(feed.protocol);
    if (harvester === undefined) throw refuse(new CatErrors.BAD_REQUEST(`unknown protocol "${feed.protocol}" for feed ${feed.id}`));
    if (this.#active.has(feed.id)) throw refuse(new CatErrors.CONFLICT(`feed ${feed.id} is already being harvested`));
    this.#active.add(feed.id);
    const runId = options.runId ?? this.runs.create(feed.id).id;
    const state = new RunState({ startedAt: this.#clock().toISOString() });
    const last = this.runs.lastComplete(feed.id);
    const incremental = harvester.incremental === true && last?.startedAt !== undefined &&
      this.#clock().getTime() - Date.parse(last.startedAt) < (this.#o.fullEveryMs ?? 7 * 86_400_000);
    const mode = incremental ? 'incremental' : 'full';
    const timeout = AbortSignal.timeout(this.#o.runTimeoutMs ?? 2 * 3_600_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const fetcher = new SafeFetcher({ allowPrivateNetworks: this.#o.allowPrivateNetworks, ...this.#o.fetcher });
    const progress = (): RunProgress => ({ runId, pages: state.pages, records: state.records, errors: state.errors.length, counts: { ...state.counts } });
    let heartbeat: NodeJS.Timeout | undefined;
    try {
      this.runs.start(runId, mode);
      heartbeat = setInterval(() => this.runs.heartbeat(runId, progress()), this.#o.heartbeatMs ?? 3_000);
      heartbeat.unref();
      this.#log.info({ run: runId, feed: feed.id, mode }, 'harvest run started');
      await this.#adoptOrphans(feed, runId, state);
      const ontology = await this.#o.ontologyFor?.(feed.profile);
      const pooled = this.#o.validatorPool;
      const pool = pooled === undefined || !('get' in pooled) ? pooled : await pooled.get();
      const validator: RecordValidator = pool
        ? pool.validatorFor(feed.profile, ontology === undefined ? {} : { ontology })
        : await this.#o.profiles.validator(feed.profile, ontology === undefined ? {} : { ontology });
      // Records being validated by the pool; pages, ends and full batches wait for them (a page is stored whole).
      const inflight = new Set<Promise<void>>();
      const drain = async () => {
        await Promise.all(inflight);
      };
      // The same context as the dry runs (`sheaf validate`, POST /api/validate): hyperontology codes and EU tables.
      const [mappings, schemes] = await Promise.all([this.#mappings ??= loadBundledMappings(), loadBundledSchemes()]);
      const prepare: PrepareContext = {
        feedId: feed.id, feedUrl: feed.url, base: this.iris.base, normalise: { mappings, schemes },
        salt: `${feed.profile}|${mappings.version ?? ''}|${schemes.version}`, maxTriples: this.#limits.maxTriplesPerRecord,
      };
      const batchSize = this.#o.batchSize ?? 100;
      const memos = new SaltedMemo(prepare.salt);
      state.memoOf = (item) => memos.write(item);
      const items = harvester.harvest(
        { key: feed.id, url: feed.url, local: feed.local, ...feed.options },
        {
          fetcher, signal,
          memo: (url) => memos.read(this.records.memo(feed.id, url)),
          limits: { maxPages: this.#limits.maxPages, maxRecords: this.#limits.maxRecords },
          ...(incremental && { since: new Date(last!.startedAt!) }),
        },
      );
      // A pool given the record preparer maps, hashes, normalises and validates records in its workers, with the bundled
      // mappings it loads itself (the mappings a caller passed stay in this thread).
      const context: ThreadContext = {
        feedId: prepare.feedId, feedUrl: prepare.feedUrl, base: prepare.base, salt: prepare.salt, maxTriples: prepare.maxTriples,
        maxValidatedNodes: this.#limits.maxValidatedNodes,
      };
      const preparing = pool?.prepares === true && this.#o.mappings === undefined
        ? pool.recordsFor(feed.profile, { ...(ontology !== undefined && { ontology }), context: { key: JSON.stringify(context), value: context } })
        : undefined;
      const handler = new RunItems({
        feed, runId, state, validator, prepare, records: this.records, iris: this.iris, writer: this.writer, clock: this.#clock,
        maxValidatedNodes: this.#limits.maxValidatedNodes, batchSize, pooled: pool !== undefined, ...(preparing !== undefined && { preparing }),
      });
      // The run shares its thread with the server: it gives the event loop a turn every few milliseconds.
      const loop = new LoopYield();
      try {
        for await (const item of items) {
          await loop.turn();
          if (pool !== undefined && item.kind === 'record') {
            // The record's synchronous part (keys, duplicates, normalising) runs now, in item order; validation overlaps.
            const taking = handler.take(item);
            inflight.add(taking);
            void taking.then(() => inflight.delete(taking), () => inflight.delete(taking));
            if (inflight.size >= 4 * pool.size) await Promise.race(inflight);
            if (state.pending.length >= batchSize) await drain().then(() => handler.flush());
          } else {
            await drain();
            await handler.take(item);
          }
          if (item.kind === 'page' || state.records % 50 === 0) options.onProgress?.(progress());
          if (signal.aborted) break;
        }
      } catch (error) {
        // Adapters report page failures as items; a throw here is an abort or a bug: the gather is incomplete.
        state.complete = false;
        state.errors.push({ url: feed.url, stage: 'run', message: (error as Error).message });
      }
      if (signal.aborted) {
        state.complete = false;
        const why = timeout.aborted ? `run timeout of ${this.#o.runTimeoutMs ?? 7_200_000} ms reached` : 'run cancelled';
        state.errors.push({ url: feed.url, stage: 'run', message: why });
      }
      await drain().catch((error: Error) => state.errors.push({ url: feed.url, stage: 'validate', message: error.message }));
      await handler.flush();
      await state.writing;
      return await this.#finish(feed, runId, mode, state);
    } catch (error) {
      await state.writing;
      this.#log.error({ run: runId, feed: feed.id, err: error }, 'harvest run failed');
      const summary = this.runs.finish(runId, {
        ...this.#outcomeBase(mode, state), status: 'failed', reason: (error as Error).message, complete: false, heldWithdrawals: 0,
      });
      await this.#o.store.replaceGraph(this.iris.runGraph(runId), runActivityQuads(this.iris, summary)).catch(() => {});
      return summary;
    } finally {
      clearInterval(heartbeat);
      await fetcher.close().catch(() => {});
      this.#active.delete(feed.id);
      options.onProgress?.(progress());
    }
  }

  /** Records found in the store without a row join the run's live records (see adoptOrphans); a failure to look is a warning. */
  async #adoptOrphans(feed: Feed, runId: string, state: RunState): Promise<void> {
    try {
      const adopted = await adoptOrphans({ store: this.#o.store, index: this.records, iris: this.iris, feedId: feed.id, runId, now: this.#clock() });
      if (adopted.length === 0) return;
      state.warnings.push({ url: feed.url, stage: 'store', message: `${adopted.length} records were in the store without a state row (a write an older version left unfinished): rewritten if the source still lists them, withdrawn otherwise` });
    } catch (error) {
      state.warnings.push({ url: feed.url, stage: 'store', message: `could not look for records stored without a state row: ${(error as Error).message}` });
    }
  }

  #outcomeBase(mode: 'full' | 'incremental', state: RunState) {
    return {
      mode, pages: state.pages, notModifiedPages: state.notModifiedPages, records: state.records, counts: { ...state.counts },
      errors: state.errors, warnings: state.warnings, duplicates: state.duplicates,
    };
  }

  async #finish(feed: Feed, runId: string, mode: 'full' | 'incremental', state: RunState): Promise<RunSummary> {
    const now = this.#clock();
    // The source's own deletions (OAI-PMH) apply whatever the rest of the gather did.
    if (state.deletions.length > 0) state.counts.withdrawn += await this.writer.withdraw(feed.id, state.deletions, runId, now, feed.profile);
    const verdict = runVerdict({
      mode, clean: state.complete && state.counts.failed === 0, nothingRead: state.pages === 0 && state.records === 0,
      ...(state.errors[0] !== undefined && { firstError: state.errors[0] }),
      ...(state.incompleteBecause !== undefined && { incompleteBecause: state.incompleteBecause }),
      live: () => this.records.liveKeys(feed.id), seen: state.seen, maxWithdrawShare: feed.maxWithdrawShare ?? 0.3,
    });
    const { status, reason } = verdict;
    if (verdict.hold.length > 0) this.records.hold(runId, feed.id, verdict.hold);
    if (verdict.withdraw.length > 0) state.counts.withdrawn += await this.writer.withdraw(feed.id, verdict.withdraw, runId, now, feed.profile);
    // A gather cut short (cancelled, timed out, broken) may have had a page's item but not all its records: it saves
    // no memo, or a later run would walk past records it never read. Pages it wrote records of lost theirs already.
    const memos = new Map(state.ended ? [...state.memos].filter(([url]) => !state.badPages.has(url)) : []);
    this.records.saveMemos(feed.id, memos, state.badPages, state.startedAt);
    await this.writer.purge(feed.id, now);
    const summary = this.runs.finish(runId, {
      ...this.#outcomeBase(mode, state), status, ...(reason !== undefined && { reason }), complete: state.complete, heldWithdrawals: verdict.hold.length,
    });
    await this.#o.store.replaceGraph(this.iris.runGraph(runId), runActivityQuads(this.iris, summary));
    this.#log.info({ run: runId, feed: feed.id, status, counts: summary.counts }, 'harvest run finished');
    return summary;
  }
}
