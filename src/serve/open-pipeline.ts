// **openPipeline** builds the harvesting services of one process on the data directory's state database.
import type { SheafConfig } from '../core/config.js';
import { SafeFetcher, type SafeFetcherOptions } from '../core/safe-fetch.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { openStateDb } from '../store/state-db.js';
import { loadProfiles } from '../ontology/profile-composer.js';
import { OntologyActivation } from '../ontology/ontology-activation.js';
import type { OntologyListener } from '../catalogue/ontology-listener.js';
import { OntologyVersions } from '../ontology/ontology-versions.js';
import { FeedRegistry } from '../pipeline/feed-registry.js';
import { HarvestRunner, type HarvestRunnerOptions, type RunnerLogger } from '../pipeline/harvest-runner.js';
import type { RecordIndex } from '../catalogue/record-index.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { RunLog } from '../pipeline/run-log.js';
import type { RunSummary } from '../pipeline/run-summary.js';

/** The MQA scores kept per record, as feed reports read them (src/quality/quality-store.ts implements it). */
export interface QualitySource {
  get(feedId: string, key: string): {
    readonly points: number; readonly max: number; readonly band: string; readonly computedAt: string;
    /** Points per MQA metric: those short of their maximum say what would raise the score. */
    readonly metrics?: ReadonlyArray<{ readonly id: string; readonly dimension: string; readonly points: number; readonly max: number; readonly pending: boolean }>;
  } | undefined;
  feedSummary(feedId: string): { readonly records: number; readonly averagePoints: number; readonly max: number; readonly bands: Readonly<Record<string, number>> };
  /** Keeps the feed's quality as a run left it, for the trend over runs. */
  recordRun(feedId: string, runId: string, at: string): unknown;
  runHistory(feedId: string, limit?: number): ReadonlyArray<{ readonly runId: string; readonly at: string; readonly records: number; readonly averagePoints: number; readonly bands: Readonly<Record<string, number>> }>;
}
import { seedDemoFeed, type SeededDemo } from '../pipeline/demo-feed.js';
import { Scheduler } from '../pipeline/scheduler.js';
import { withdrawFeed } from '../pipeline/withdraw-feed.js';
import { TokenStore, type CreatedToken } from '../pipeline/tokens.js';
import { postRunWebhook } from '../pipeline/webhook.js';
import type { ProcessRole } from './process-role.js';
import { DOCUMENT_NORMALISER_MODULE } from '../pipeline/normalisation-results.js';
import { RECORD_PREPARER_MODULE } from '../pipeline/worker-record-preparer.js';
import { LazyValidatorPool } from '../validate/lazy-validator-pool.js';

export type { ProcessRole } from './process-role.js';

export interface PipelineServices {
  readonly feeds: FeedRegistry;
  readonly tokens: TokenStore;
  readonly runs: RunLog;
  readonly records: RecordIndex;
  readonly iris: RecordIris;
  readonly scheduler: Scheduler;
  /** Probes feed URLs at registration (guarded like harvests; one retry, so a dead URL answers fast). */
  readonly probeFetcher: SafeFetcher;
  /** Validation profile names a feed may choose, and the default. */
  readonly profiles: { readonly names: readonly string[]; readonly default: string };
  /** MQA scores per record (the quality service), shown in feed reports when present. */
  readonly quality?: QualitySource;
  /** Loads and restores ontology versions, telling the runner's listeners and the ontology listeners (one per process). */
  readonly ontologies: OntologyActivation;
  /** The validator workers harvests use, for POST /api/validate to share (absent: the app starts one of its own). */
  readonly validators?: LazyValidatorPool;
  /** Withdraws the feed's records (one recorded run), then deletes the registration. */
  deleteFeed(feedId: string): Promise<RunSummary>;
  /** A curator confirms the withdrawals a held run (mass-deletion guard) is waiting for. */
  confirmHeld(runId: string, opts: { readonly by: string; readonly profile?: string }): Promise<RunSummary>;
}

export interface OpenPipelineOptions {
  readonly config: SheafConfig;
  readonly store: CatalogueStore;
  readonly logger?: RunnerLogger;
  /** Fetcher settings for harvests, probes and webhooks on top of the config's private-network switch. */
  readonly fetcher?: SafeFetcherOptions;
  /** Runs at once across all feeds (default: the config's, SHEAF_MAX_CONCURRENT_RUNS, 2). */
  readonly maxConcurrentRuns?: number;
  /** The quality service's scores, for feed reports (src/quality/quality-store.ts implements it). */
  readonly quality?: QualitySource;
  /** Passed through to the run engine (limits, timeouts, heartbeat). */
  readonly runner?: Partial<Omit<HarvestRunnerOptions, 'store' | 'stateDb' | 'profiles' | 'baseUrl' | 'logger'>>;
  /** Told when a curator makes another ontology version current (search follows the terms). */
  readonly ontologyListeners?: readonly OntologyListener[];
  /**
   * Worker threads that validate harvested records and posted documents off the event loop (`sheaf serve` passes
   * SHEAF_VALIDATOR_WORKERS), started with the first validation; 0 or absent: harvests validate in this thread.
   */
  readonly validatorWorkers?: number;
}

export interface StartReport {
  /** The admin token generated on this first start (shown once by the caller), when there was none. */
  readonly generatedAdmin?: CreatedToken;
  /** The demo feed registered on this fresh data directory, with its first run under way. */
  readonly demo?: SeededDemo;
}

export interface Pipeline {
  readonly services: PipelineServices;
  readonly runner: HarvestRunner;
  /**
   * Start-up, once the server listens (a start that cannot listen must leave a fresh data directory fresh):
   * closes runs a previous process left open (as interrupted; a scheduling role re-runs their
   * feeds at once), makes sure an admin exists
   * (returns the generated token once, when there was none and no SHEAF_ADMIN_TOKEN), and installs the
   * cron tasks when the role schedules. On a fresh data directory it registers the demo feed (unless
   * SHEAF_DEMO=false) and starts its first harvest in the background.
   */
  start(opts: { readonly role: ProcessRole }): Promise<StartReport>;
  /**
   * The part of start-up that must come before the server listens: runs a previous process left open are closed
   * as interrupted, and nothing new starts. `start` (once listening) does it too when it was not called.
   */
  recover(): Promise<void>;
  /** Stops scheduling, cancels runs in flight (they end as failed/partial, nothing withdrawn), closes handles. */
  close(): Promise<void>;
}

const SILENT: RunnerLogger = { info() {}, warn() {}, error() {} };

export async function openPipeline(opts: OpenPipelineOptions): Promise<Pipeline> {
  const { config, store } = opts;
  const log = opts.logger ?? SILENT;
  const stateDb = openStateDb(config.dataDir);
  const fetch: SafeFetcherOptions = { allowPrivateNetworks: config.allowPrivateNetworks, ...opts.fetcher };
  const profiles = await loadProfiles();
  const feeds = new FeedRegistry({ db: stateDb.db });
  // Harvests validate with the ontology versions curators made current (POST /api/ontologies), read from the
  // same tables the ontologies API writes, so a new version applies to the next run without a restart.
  let activation: OntologyActivation | undefined;
  const validators = (opts.validatorWorkers ?? 0) > 0
    ? new LazyValidatorPool({ registry: profiles, size: opts.validatorWorkers, normaliser: DOCUMENT_NORMALISER_MODULE, preparer: RECORD_PREPARER_MODULE })
    : undefined;
  const runner = new HarvestRunner({
    ontologyFor: (profile) => activation!.overrideFor(profile),
    ...(validators && { validatorPool: validators }),
    ...opts.runner,
    store, stateDb, profiles, baseUrl: config.baseUrl, logger: log, fetcher: fetch, allowPrivateNetworks: fetch.allowPrivateNetworks,
  });
  // Feed deletion withdraws through the runner's writer (its listeners included), so search and quality forget the records too.
  const writer = runner.writer;
  activation = new OntologyActivation({
    versions: new OntologyVersions({ db: stateDb.db, store, baseUrl: config.baseUrl }),
    profiles, store, records: runner.records, iris: runner.iris, profileOf: (feedId) => feeds.get(feedId)?.profile,
    // Revalidated records whose status changed reach quality (and search) as harvested ones do.
    listeners: opts.runner?.listeners ?? [], followers: opts.ontologyListeners ?? [], logger: log,
  });
  const tokens = new TokenStore({ db: stateDb.db });
  const probeFetcher = new SafeFetcher({ ...fetch, retries: Math.min(fetch.retries ?? 1, 1), timeoutMs: Math.min(fetch.timeoutMs ?? 20_000, 20_000) });
  const webhookFetcher = new SafeFetcher({ ...fetch, timeoutMs: Math.min(fetch.timeoutMs ?? 15_000, 15_000) });
  const shutdown = new AbortController();

  const scheduler = new Scheduler({
    feeds,
    maxConcurrentRuns: opts.maxConcurrentRuns ?? config.maxConcurrentRuns,
    logger: log,
    runner: {
      queue: (feed, trigger) => runner.queue(feed, trigger),
      // Through run() rather than execute(): a shutdown cancels runs in flight (nothing withdrawn).
      execute: (runId, feed) => runner.run(feed, { runId, signal: shutdown.signal }),
      isFinished: (runId) => runner.isFinished(runId),
    },
    afterRun: async (feed, run) => {
      const summary = runner.runs.get(run.id);
      // First, before the webhook's wait: the quality the run left, one point of the feed's trend.
      opts.quality?.recordRun(feed.id, run.id, summary?.finishedAt ?? new Date().toISOString());
      if (summary && (await postRunWebhook({ fetcher: webhookFetcher, feed, summary: summary as unknown as { status: string } & Record<string, unknown> }))) {
        log.info({ feed: feed.id, run: run.id, webhook: feed.notify?.url }, 'run webhook posted');
      }
    },
  });

  const services: PipelineServices = Object.freeze({
    feeds, tokens, scheduler, probeFetcher,
    ontologies: activation,
    runs: runner.runs,
    records: runner.records,
    iris: runner.iris,
    profiles: Object.freeze({ names: Object.freeze(profiles.names()), default: profiles.defaultProfile }),
    ...(opts.quality && { quality: opts.quality }),
    ...(validators && { validators }),
    deleteFeed: async (feedId: string) => {
      const feed = feeds.require(feedId);
      const run = await withdrawFeed({ feed, runs: runner.runs, records: runner.records, writer, iris: runner.iris, store });
      feeds.delete(feedId);
      return run;
    },
    confirmHeld: (runId: string, o: { readonly by: string; readonly profile?: string }) => runner.confirmHeld(runId, o),
  });

  let closed = false;
  let recovered: Promise<RunSummary[]> | undefined;
  const recover = (): Promise<RunSummary[]> => (recovered ??= runner.recoverInterrupted());
  return Object.freeze({
    services,
    runner,
    async recover() {
      await recover();
    },
    async start({ role }: { readonly role: ProcessRole }) {
      const interrupted = await recover();
      if (interrupted.length > 0) log.warn({ runs: interrupted.map((r) => r.id) }, 'closed runs left open by the previous process');
      const generatedAdmin = config.adminToken ? undefined : tokens.ensureAdmin();
      if (role !== 'api') {
        scheduler.start();
        // A feed whose run was cut short gets a new run now rather than at its next tick, maybe a day away.
        for (const feedId of new Set(interrupted.map((r) => r.feedId))) {
          if (feeds.get(feedId)) scheduler.runNow(feedId, 'recovery');
        }
      }
      const demo = seedDemoFeed({ db: stateDb.db, feeds, scheduler, enabled: config.demo });
      if (demo) log.info({ feed: demo.feed.id, run: demo.run.runId }, 'fresh data directory: demo feed registered, first harvest started');
      return { ...(generatedAdmin && { generatedAdmin }), ...(demo && { demo }) };
    },
    async close() {
      if (closed) return;
      closed = true;
      await scheduler.stop();
      shutdown.abort();
      await scheduler.idle();
      await Promise.allSettled([probeFetcher.close(), webhookFetcher.close(), validators?.close()]);
      stateDb.close();
    },
  });
}
