// **RunSummary** is what one harvest run reports: status, timestamps, counts, errors and warnings.

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'held' | 'interrupted';

export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'partial', 'failed', 'held', 'interrupted']);

/** Pipeline stages beyond the adapters' own (fetch, parse, paging, split). */
export type RunStage = 'fetch' | 'parse' | 'paging' | 'split' | 'map' | 'normalise' | 'limit' | 'validate' | 'store' | 'withdraw' | 'run';

export interface RunProblem {
  readonly url: string;
  readonly stage: RunStage;
  readonly message: string;
  /** The record concerned, when there is one. */
  readonly key?: string;
}

export interface RunCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly withdrawn: number;
  /** Changed records that validated non-conformant in this run (stored and flagged, or quarantined). */
  readonly invalid: number;
  /** Records that could not be processed (mapping, cap, validation or store failure). */
  readonly failed: number;
}

/** A dataset this feed shares with another feed: both records are kept and linked. */
export interface CrossFeedDuplicate {
  readonly key: string;
  readonly datasetIri: string;
  readonly otherFeed: string;
  readonly otherKey: string;
}

export interface RunSummary {
  readonly id: string;
  readonly feedId: string;
  /** What started the run: schedule, manual (API, CLI), demo. */
  readonly trigger: string;
  readonly status: RunStatus;
  /** Why a run ended other than succeeded (or how a held run was resolved). */
  readonly reason?: string;
  /** `incremental` runs asked the source only for changes (ckan/oai-pmh) and never withdraw by absence. */
  readonly mode: 'full' | 'incremental';
  readonly complete: boolean;
  readonly queuedAt: string;
  readonly startedAt?: string;
  readonly heartbeatAt?: string;
  readonly finishedAt?: string;
  readonly pages: number;
  /** Pages not read again: answered 304, or re-sent identical to the last run's (same digest). */
  readonly notModifiedPages: number;
  /** Records gathered (including those on pages not read again, counted from the previous run). */
  readonly records: number;
  readonly counts: RunCounts;
  /** Vanished records a held run would withdraw once a curator confirms. */
  readonly heldWithdrawals: number;
  readonly errors: readonly RunProblem[];
  readonly warnings: readonly RunProblem[];
  readonly duplicates: readonly CrossFeedDuplicate[];
}

export const ZERO_COUNTS: RunCounts = Object.freeze({ created: 0, updated: 0, unchanged: 0, withdrawn: 0, invalid: 0, failed: 0 });

/** What `onProgress` receives while a run is going. */
export interface RunProgress {
  readonly runId: string;
  readonly pages: number;
  readonly records: number;
  readonly errors: number;
  readonly counts: RunCounts;
}
