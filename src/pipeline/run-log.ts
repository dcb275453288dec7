// **RunLog** keeps harvest runs in the state database: queued → running (heartbeats) → a final status.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CatErrors } from '../core/errors.js';
import { ZERO_COUNTS, type CrossFeedDuplicate, type RunCounts, type RunProblem, type RunStatus, type RunSummary } from './run-summary.js';

/** Problems kept per run; a source with a million broken records must not make a million-row report. */
export const MAX_PROBLEMS = 500;

interface RunRow {
  id: string;
  feed_id: string;
  status: RunStatus;
  reason: string | null;
  mode: 'full' | 'incremental';
  complete: number;
  queued_at: string;
  started_at: string | null;
  heartbeat_at: string | null;
  finished_at: string | null;
  pages: number;
  not_modified_pages: number;
  records: number;
  counts: string;
  held_withdrawals: number;
  errors: string;
  warnings: string;
  duplicates: string;
  trigger: string;
}

/** The final figures of a run, written once by `finish`. */
export type RunOutcome = Omit<RunSummary, 'id' | 'feedId' | 'trigger' | 'queuedAt' | 'startedAt' | 'heartbeatAt' | 'finishedAt'>;

export class RunLog {
  readonly #db: Database.Database;
  readonly #clock: () => Date;
  readonly #stmts;

  constructor(options: { readonly db: Database.Database; readonly clock?: () => Date }) {
    this.#db = options.db;
    this.#clock = options.clock ?? (() => new Date());
    this.#db.exec(`CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      feed_id TEXT NOT NULL,
      status TEXT NOT NULL,
      reason TEXT,
      mode TEXT NOT NULL DEFAULT 'full',
      complete INTEGER NOT NULL DEFAULT 0,
      queued_at TEXT NOT NULL,
      started_at TEXT,
      heartbeat_at TEXT,
      finished_at TEXT,
      pages INTEGER NOT NULL DEFAULT 0,
      not_modified_pages INTEGER NOT NULL DEFAULT 0,
      records INTEGER NOT NULL DEFAULT 0,
      counts TEXT NOT NULL DEFAULT '{}',
      held_withdrawals INTEGER NOT NULL DEFAULT 0,
      errors TEXT NOT NULL DEFAULT '[]',
      warnings TEXT NOT NULL DEFAULT '[]',
      duplicates TEXT NOT NULL DEFAULT '[]',
      trigger TEXT NOT NULL DEFAULT 'manual'
    );
    CREATE INDEX IF NOT EXISTS runs_feed ON runs (feed_id, queued_at);
    CREATE INDEX IF NOT EXISTS runs_status ON runs (status)`);
    const db = this.#db;
    this.#stmts = {
      insert: db.prepare('INSERT INTO runs (id, feed_id, status, queued_at, trigger) VALUES (?, ?, ?, ?, ?)'),
      start: db.prepare(`UPDATE runs SET status = 'running', mode = ?, started_at = ?, heartbeat_at = ? WHERE id = ? AND status = 'queued'`),
      beat: db.prepare(`UPDATE runs SET heartbeat_at = ?, pages = ?, records = ?, counts = ? WHERE id = ? AND status = 'running'`),
      finish: db.prepare(`UPDATE runs SET status = @status, reason = @reason, mode = @mode, complete = @complete, finished_at = @finished,
        heartbeat_at = @finished, pages = @pages, not_modified_pages = @notModifiedPages, records = @records, counts = @counts,
        held_withdrawals = @heldWithdrawals, errors = @errors, warnings = @warnings, duplicates = @duplicates
        WHERE id = @id AND status IN ('queued', 'running')`),
      resolve: db.prepare(`UPDATE runs SET status = ?, reason = ?, counts = ?, held_withdrawals = 0 WHERE id = ? AND status = 'held'`),
      get: db.prepare('SELECT * FROM runs WHERE id = ?'),
      forFeed: db.prepare('SELECT * FROM runs WHERE feed_id = ? ORDER BY queued_at DESC, rowid DESC LIMIT ?'),
      open: db.prepare(`SELECT * FROM runs WHERE status IN ('queued', 'running')`),
      lastComplete: db.prepare(`SELECT * FROM runs WHERE feed_id = ? AND complete = 1 AND status IN ('succeeded', 'held')
        ORDER BY started_at DESC LIMIT 1`),
      close: db.prepare(`UPDATE runs SET status = 'interrupted', reason = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`),
    };
  }

  /** A new run in `queued`; the scheduler queues, the runner starts it. */
  create(feedId: string, options: { readonly trigger?: string } = {}): RunSummary {
    const id = `${this.#clock().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
    this.#stmts.insert.run(id, feedId, 'queued', this.#clock().toISOString(), options.trigger ?? 'manual');
    return this.get(id)!;
  }

  start(id: string, mode: 'full' | 'incremental'): void {
    const now = this.#clock().toISOString();
    if (this.#stmts.start.run(mode, now, now, id).changes !== 1) throw new CatErrors.CONFLICT(`run ${id} is not queued`);
  }

  /** Proves the run is alive and publishes its progress so far. */
  heartbeat(id: string, progress: { pages: number; records: number; counts: RunCounts }): void {
    this.#stmts.beat.run(this.#clock().toISOString(), progress.pages, progress.records, JSON.stringify(progress.counts), id);
  }

  /** Records the final figures; a run that already ended (or was closed as interrupted) keeps what it had. */
  finish(id: string, outcome: RunOutcome): RunSummary {
    this.#stmts.finish.run({
      id,
      status: outcome.status,
      reason: outcome.reason ?? null,
      mode: outcome.mode,
      complete: outcome.complete ? 1 : 0,
      finished: this.#clock().toISOString(),
      pages: outcome.pages,
      notModifiedPages: outcome.notModifiedPages,
      records: outcome.records,
      counts: JSON.stringify(outcome.counts),
      heldWithdrawals: outcome.heldWithdrawals,
      errors: JSON.stringify(outcome.errors.slice(0, MAX_PROBLEMS)),
      warnings: JSON.stringify(outcome.warnings.slice(0, MAX_PROBLEMS)),
      duplicates: JSON.stringify(outcome.duplicates.slice(0, MAX_PROBLEMS)),
    });
    return this.get(id)!;
  }

  /** A held run after the curator's decision: `succeeded` with its withdrawals, or `failed` when rejected. */
  resolveHeld(id: string, status: 'succeeded' | 'failed', reason: string, counts: RunCounts): void {
    if (this.#stmts.resolve.run(status, reason, JSON.stringify(counts), id).changes !== 1) {
      throw new CatErrors.CONFLICT(`run ${id} is not held`);
    }
  }

  get(id: string): RunSummary | undefined {
    const row = this.#stmts.get.get(id) as RunRow | undefined;
    return row === undefined ? undefined : summaryOf(row);
  }

  /** Newest first. */
  listForFeed(feedId: string, options: { readonly limit?: number } = {}): RunSummary[] {
    return (this.#stmts.forFeed.all(feedId, options.limit ?? 50) as RunRow[]).map(summaryOf);
  }

  /** The latest run whose gather was complete: its start bounds the next incremental request. */
  lastComplete(feedId: string): RunSummary | undefined {
    const row = this.#stmts.lastComplete.get(feedId) as RunRow | undefined;
    return row === undefined ? undefined : summaryOf(row);
  }

  /** Runs still queued or running (after a crash: the ones to close). */
  open(): RunSummary[] {
    return (this.#stmts.open.all() as RunRow[]).map(summaryOf);
  }

  /** Closes a queued or running run as `interrupted`; false when it had already ended. */
  interrupt(id: string, reason: string): boolean {
    return this.#stmts.close.run(reason, this.#clock().toISOString(), id).changes === 1;
  }
}

function summaryOf(row: RunRow): RunSummary {
  return Object.freeze({
    id: row.id,
    feedId: row.feed_id,
    trigger: row.trigger,
    status: row.status,
    ...(row.reason !== null && { reason: row.reason }),
    mode: row.mode,
    complete: row.complete === 1,
    queuedAt: row.queued_at,
    ...(row.started_at !== null && { startedAt: row.started_at }),
    ...(row.heartbeat_at !== null && { heartbeatAt: row.heartbeat_at }),
    ...(row.finished_at !== null && { finishedAt: row.finished_at }),
    pages: row.pages,
    notModifiedPages: row.not_modified_pages,
    records: row.records,
    counts: { ...ZERO_COUNTS, ...(JSON.parse(row.counts) as Partial<RunCounts>) },
    heldWithdrawals: row.held_withdrawals,
    errors: JSON.parse(row.errors) as RunProblem[],
    warnings: JSON.parse(row.warnings) as RunProblem[],
    duplicates: JSON.parse(row.duplicates) as CrossFeedDuplicate[],
  });
}
