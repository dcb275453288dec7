// **Scheduler** runs each feed's harvest on its cron schedule (node-cron), one run per feed, a global cap on all.
import cron, { type ScheduledTask } from 'node-cron';
import { CatErrors } from '../core/errors.js';
import type { Feed } from './feed.js';
import type { FeedRegistry } from './feed-registry.js';
import { SlotPool } from './slot-pool.js';

export type RunTrigger = 'schedule' | 'manual' | 'demo' | 'recovery';

/** What the scheduler needs to know about a finished run. */
export interface FinishedRun {
  readonly id: string;
  readonly status: string;
}

/**
 * The run engine as the scheduler drives it: a run is recorded as queued first (so an API caller gets
 * its id at once), then performed when a global slot is free.
 */
export interface FeedRunner {
  queue(feed: Feed, trigger: RunTrigger): string;
  /** Performs a queued run to its end; harvest failures end in the run's status, not in a rejection. */
  execute(runId: string, feed: Feed): Promise<FinishedRun>;
  /** True once the run's final status is recorded (it may still be releasing its resources). */
  isFinished(runId: string): boolean;
}

export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SchedulerOptions {
  readonly feeds: FeedRegistry;
  readonly runner: FeedRunner;
  /** Runs allowed at once across all feeds (default 2); the rest wait queued. */
  readonly maxConcurrentRuns?: number;
  readonly timezone?: string;
  readonly logger?: SchedulerLogger;
  /** Told after every run ends (the webhook hangs here); its failures are logged, never thrown. */
  readonly afterRun?: (feed: Feed, run: FinishedRun) => Promise<void> | void;
}

export interface StartedRun {
  readonly runId: string;
  /** Settles when the run (and `afterRun`) ended. */
  readonly done: Promise<FinishedRun>;
}

const SILENT: SchedulerLogger = { info() {}, warn() {}, error() {} };

/** Throws CAT_ERR_BAD_REQUEST when `expression` is not a node-cron expression. */
export function assertSchedule(expression: string): void {
  const check = cron.validateDetailed(expression);
  if (!check.valid) {
    const why = check.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new CatErrors.BAD_REQUEST(`schedule "${expression}" is not a cron expression (${why || 'unparseable'})`);
  }
}

export class Scheduler {
  readonly #opts: SchedulerOptions;
  readonly #log: SchedulerLogger;
  readonly #slots: SlotPool;
  readonly #tasks = new Map<string, ScheduledTask>();
  /** Runs queued or running, by feed id: the one-run-per-feed rule, for scheduled and manual runs alike. */
  readonly #active = new Map<string, StartedRun>();
  /** After-run hooks (webhooks) still going. */
  readonly #hooks = new Set<Promise<void>>();
  #unsubscribe?: () => void;

  constructor(opts: SchedulerOptions) {
    this.#opts = Object.freeze({ ...opts });
    this.#log = opts.logger ?? SILENT;
    this.#slots = new SlotPool({ size: opts.maxConcurrentRuns ?? 2 });
  }

  /** True while cron tasks are installed (harvester and all roles). */
  get scheduling(): boolean {
    return this.#unsubscribe !== undefined;
  }

  /** Installs one cron task per feed and follows registry changes, so edits apply without a restart. */
  start(): void {
    if (this.#unsubscribe) return;
    for (const feed of this.#opts.feeds.list()) this.#install(feed);
    this.#unsubscribe = this.#opts.feeds.subscribe(({ kind, feed }) => {
      if (kind === 'deleted') this.#uninstall(feed.id);
      else if (kind === 'created' || this.#tasks.get(feed.id)?.getPattern() !== feed.schedule) this.#install(feed);
    });
  }

  /** Removes every cron task; runs in flight go on (await `idle()` to wait for them). */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const id of [...this.#tasks.keys()]) this.#uninstall(id);
  }

  /** The pattern of a feed's installed task, or undefined when none is installed. */
  scheduleOf(feedId: string): string | undefined {
    return this.#tasks.get(feedId)?.getPattern();
  }

  nextRunOf(feedId: string): Date | undefined {
    return this.#tasks.get(feedId)?.getNextRun() ?? undefined;
  }

  /** The id of the feed's queued or running run, if any. */
  activeRun(feedId: string): string | undefined {
    return this.#active.get(feedId)?.runId;
  }

  /**
   * For changes that must not overlap a run (deleting the feed): throws CAT_ERR_CONFLICT while a run is
   * queued or running, and waits for one whose final status is recorded to let go of its resources.
   */
  async whenIdle(feedId: string): Promise<void> {
    const active = this.#active.get(feedId);
    if (!active) return;
    if (!this.#opts.runner.isFinished(active.runId)) {
      throw new CatErrors.CONFLICT(`feed "${feedId}" has run ${active.runId} in progress; try again when it ended`);
    }
    await active.done;
  }

  /**
   * Queues a run of `feedId` now. Throws CAT_ERR_CONFLICT when the feed already has a run queued or
   * running: one run per feed at a time, whoever started it.
   */
  runNow(feedId: string, trigger: RunTrigger = 'manual'): StartedRun {
    const feed = this.#opts.feeds.require(feedId);
    const active = this.#active.get(feed.id);
    // A run whose final status is already recorded is only closing its connections: a client that saw that
    // status may start the next run, which then waits for the previous one to let go.
    if (active && !this.#opts.runner.isFinished(active.runId)) {
      throw new CatErrors.CONFLICT(`feed "${feed.id}" already has run ${active.runId} in progress`);
    }
    const runId = this.#opts.runner.queue(feed, trigger);
    const done = active ? active.done.then(() => this.#perform(runId, feed)) : this.#perform(runId, feed);
    const started = Object.freeze({ runId, done });
    this.#active.set(feed.id, started);
    return started;
  }

  /** Resolves when no run is queued or running and every after-run hook has finished. */
  async idle(): Promise<void> {
    while (this.#active.size > 0 || this.#hooks.size > 0) {
      await Promise.allSettled([...[...this.#active.values()].map((r) => r.done), ...this.#hooks]);
    }
  }

  async #perform(runId: string, feed: Feed): Promise<FinishedRun> {
    let run: FinishedRun;
    try {
      const release = await this.#slots.acquire();
      try {
        // Read the feed again: it may have been edited while the run waited for a slot.
        run = await this.#opts.runner.execute(runId, this.#opts.feeds.get(feed.id) ?? feed);
      } finally {
        release();
      }
      this.#log.info({ feed: feed.id, run: run.id, status: run.status }, 'harvest run ended');
    } catch (error) {
      this.#log.error({ feed: feed.id, run: runId, err: error }, 'harvest run crashed');
      run = { id: runId, status: 'failed' };
    } finally {
      // Free the feed as soon as its run has ended (unless a successor already took its place): a client
      // that saw the final status may start the next run while this one's webhook is still being posted.
      if (this.#active.get(feed.id)?.runId === runId) this.#active.delete(feed.id);
    }
    if (this.#opts.afterRun) {
      const hook = (async () => {
        try {
          await this.#opts.afterRun!(feed, run);
        } catch (error) {
          this.#log.warn({ feed: feed.id, run: runId, err: error }, 'after-run hook failed');
        }
      })();
      this.#hooks.add(hook);
      await hook;
      this.#hooks.delete(hook);
    }
    return run;
  }

  #install(feed: Feed): void {
    this.#uninstall(feed.id);
    if (!cron.validate(feed.schedule)) {
      this.#log.warn({ feed: feed.id, schedule: feed.schedule }, 'feed has an invalid schedule; not scheduled');
      return;
    }
    const task = cron.createTask(feed.schedule, () => this.#tick(feed.id), {
      name: `feed:${feed.id}`,
      // One run per feed: a tick that comes while the previous scheduled run still works is skipped.
      noOverlap: true,
      // node-cron logs to the console by default; its notes (a skipped overlap, a tick missed while the event
      // loop was busy) are expected under load, so they go to our log at info level.
      logger: {
        info: (msg) => this.#log.info({ feed: feed.id }, `cron: ${msg}`),
        debug: () => {},
        warn: (msg) => this.#log.info({ feed: feed.id }, `cron: ${msg}`),
        error: (msg, err) => this.#log.error({ feed: feed.id, err: err ?? msg }, 'cron task error'),
      },
      ...(this.#opts.timezone !== undefined && { timezone: this.#opts.timezone }),
    });
    task.on('execution:overlap', () => this.#log.info({ feed: feed.id }, 'scheduled harvest skipped: previous run still in progress'));
    this.#tasks.set(feed.id, task);
    void task.start();
  }

  #uninstall(feedId: string): void {
    const task = this.#tasks.get(feedId);
    if (!task) return;
    this.#tasks.delete(feedId);
    void task.destroy();
  }

  async #tick(feedId: string): Promise<void> {
    // A manual run in progress counts too: skip rather than queue a second run of the same feed.
    if (this.#active.has(feedId)) {
      this.#log.info({ feed: feedId }, 'scheduled harvest skipped: a run is already in progress');
      return;
    }
    try {
      await this.runNow(feedId, 'schedule').done;
    } catch (error) {
      this.#log.warn({ feed: feedId, err: error }, 'scheduled harvest not started');
    }
  }
}
