// **feedReport** gathers, for a publisher, every record of a feed: its state, validation status, times and cross-feed twins.
import type { RecordIndex, RecordState } from './record-index.js';
import type { RecordIris } from './record-iris.js';

export interface FeedReportRecord {
  readonly key: string;
  readonly datasetIri: string;
  readonly state: RecordState;
  /** conformant | with-warnings | non-conformant */
  readonly validation: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly lastChanged: string;
  readonly withdrawnAt?: string;
  /** Graph holding the record's sh:ValidationReport (empty when it had no results). */
  readonly reportGraph: string;
  /** The same dataset IRI harvested by other feeds: both records are kept and linked. */
  readonly alsoIn: ReadonlyArray<{ readonly feedId: string; readonly key: string }>;
}

export interface FeedReport {
  readonly feedId: string;
  readonly counts: Readonly<Record<'records' | 'active' | 'quarantined' | 'withdrawn' | 'conformant' | 'withWarnings' | 'nonConformant' | 'sharedWithOtherFeeds', number>>;
  readonly records: readonly FeedReportRecord[];
}

/** The report of one feed, from the state database (no store query: cheap enough for every request). */
export function feedReport(options: { readonly records: RecordIndex; readonly iris: RecordIris; readonly feedId: string }): FeedReport {
  const { records, iris, feedId } = options;
  const rows = records.forFeed(feedId).map((r): FeedReportRecord => ({
    key: r.key, datasetIri: r.datasetIri, state: r.state, validation: r.validation,
    firstSeen: r.firstSeen, lastSeen: r.lastSeen, lastChanged: r.lastChanged,
    ...(r.withdrawnAt !== undefined && { withdrawnAt: r.withdrawnAt }),
    reportGraph: iris.reportGraph(feedId, r.key),
    alsoIn: r.state === 'withdrawn' ? [] : records.sameDataset(r.datasetIri, feedId),
  }));
  const live = rows.filter((r) => r.state !== 'withdrawn');
  const count = (pick: (r: FeedReportRecord) => boolean, from = live) => from.filter(pick).length;
  return {
    feedId,
    counts: {
      records: rows.length,
      active: count((r) => r.state === 'active'),
      quarantined: count((r) => r.state === 'quarantined'),
      withdrawn: count((r) => r.state === 'withdrawn', rows),
      conformant: count((r) => r.validation === 'conformant'),
      withWarnings: count((r) => r.validation === 'with-warnings'),
      nonConformant: count((r) => r.validation === 'non-conformant'),
      sharedWithOtherFeeds: count((r) => r.alsoIn.length > 0),
    },
    records: rows,
  };
}
