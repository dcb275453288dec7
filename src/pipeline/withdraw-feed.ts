// **withdrawFeed** withdraws every record of a feed that is being deleted, as one recorded run.
import type { CatalogueStore } from '../store/catalogue-store.js';
import { adoptOrphans } from '../catalogue/adopt-orphans.js';
import type { Feed } from './feed.js';
import { runActivityQuads } from './run-activity-quads.js';
import type { RecordIndex } from '../catalogue/record-index.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { RecordWriter } from '../catalogue/record-writer.js';
import type { RunLog } from './run-log.js';
import { ZERO_COUNTS, type RunSummary } from './run-summary.js';

export interface WithdrawFeedOptions {
  readonly feed: Feed;
  readonly runs: RunLog;
  readonly records: RecordIndex;
  /** The writer the runner's listeners (search, quality) hang on, so they see the withdrawals too. */
  readonly writer: RecordWriter;
  readonly iris: RecordIris;
  readonly store: CatalogueStore;
}

/**
 * A deleted feed must not leave records nobody will ever update or withdraw (found by row and by graph IRI
 * prefix): they leave every catalogue view now (tombstones tell incremental clients), under a run of their own whose summary says why.
 */
export async function withdrawFeed(opts: WithdrawFeedOptions): Promise<RunSummary> {
  const { feed, runs } = opts;
  const run = runs.create(feed.id, { trigger: 'delete' });
  runs.start(run.id, 'full');
  // Records the store holds without a row (left by an older version's interrupted write) are withdrawn too.
  await adoptOrphans({ store: opts.store, index: opts.records, iris: opts.iris, feedId: feed.id, runId: run.id, now: new Date() });
  const keys = opts.records.liveKeys(feed.id);
  const withdrawn = await opts.writer.withdraw(feed.id, keys, run.id, new Date(), feed.profile);
  const summary = runs.finish(run.id, {
    status: 'succeeded', reason: `feed deleted: its ${withdrawn} records were withdrawn`, mode: 'full', complete: true,
    pages: 0, notModifiedPages: 0, records: 0, counts: { ...ZERO_COUNTS, withdrawn }, heldWithdrawals: 0,
    errors: [], warnings: [], duplicates: [],
  });
  await opts.store.replaceGraph(opts.iris.runGraph(run.id), runActivityQuads(opts.iris, summary));
  return summary;
}
