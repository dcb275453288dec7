// **Feed** is a registered source as the pipeline sees it: where to harvest, how often, and how to judge records.
import type { SourceConfig } from '../../harvesters/harvester.js';

/** What happens to a record that fails validation: stored and flagged (default), or held out of the catalogue. */
export type InvalidRecordPolicy = 'store-and-flag' | 'quarantine';

export interface FeedNotify {
  /** Webhook receiving the run summary as JSON. */
  readonly url: string;
  readonly on: 'on_error' | 'always';
}

export interface Feed {
  /** Short stable id, used in graph IRIs (`{base}/graph/record/{feed}/{key}`) and routes. */
  readonly id: string;
  readonly url: string;
  /** A key of the harvester registry (harvesters/index.ts). */
  readonly protocol: string;
  /** Cron expression (node-cron syntax); default daily. */
  readonly schedule: string;
  readonly title: string;
  /** Validation profile name from shapes/profiles.json. */
  readonly profile: string;
  readonly policy: InvalidRecordPolicy;
  readonly contact?: string;
  readonly notify?: FeedNotify;
  /** Name of the principal that registered the feed, for people to read; rights never follow it. */
  readonly owner: string;
  /**
   * Id of the token that registered the feed: a publisher may change only the feeds its own token id owns.
   * Absent when no publisher owns the feed (registered by the configured admin, the CLI or the demo).
   */
  readonly ownerToken?: string;
  /** Admin-registered local-file feed (the bundled demo); only then may `url` be a file: URL. */
  readonly local: boolean;
  /** Share of known records that may vanish in one run before it is held for a curator (default 0.3). */
  readonly maxWithdrawShare: number;
  /** Protocol-specific options passed to the adapter (page size, OAI metadataPrefix, set, graph, format). */
  readonly options: Omit<SourceConfig, 'key' | 'url' | 'local'>;
  readonly createdAt: string;
  readonly updatedAt: string;
}
