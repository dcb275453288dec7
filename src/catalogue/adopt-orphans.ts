// **adoptOrphans** gives a state row to every record of a feed that the store holds without one, so it can be withdrawn.
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { UNWRITTEN, type RecordIndex, type RecordWrite } from './record-index.js';
import type { RecordIris } from './record-iris.js';

export interface AdoptOrphansOptions {
  readonly store: CatalogueStore;
  readonly index: RecordIndex;
  readonly iris: RecordIris;
  readonly feedId: string;
  /** The run that found them (their rows' last run). */
  readonly runId: string;
  readonly now: Date;
}

// A row that was never seen by a run: older than any run's start, so a held run's confirmation counts it vanished.
const NEVER = '1970-01-01T00:00:00.000Z';
const READ_BATCH = 200;

/**
 * Earlier versions wrote a batch's graphs before its rows, so a `kill -9` in between left records in the store,
 * listed as active in the catalogue, with no row: no run saw them as vanished and deleting the feed did not
 * withdraw them. They are found by the feed's graph IRI prefixes and get a row under a hash no content has (the
 * state a claimed-but-unfinished write leaves today): a run that sees them in the source rewrites them, a complete
 * run that does not withdraws them, and deleting the feed withdraws them. Returns the keys adopted.
 */
export async function adoptOrphans(o: AdoptOrphansOptions): Promise<string[]> {
  const { iris, feedId } = o;
  const found = new Set<string>();
  for (const prefix of iris.feedGraphPrefixes(feedId)) {
    for (const graph of await o.store.listGraphs({ prefix })) {
      const rest = graph.slice(prefix.length);
      // Keys are percent-encoded: a slash belongs to another feed's prefix that starts like this one.
      if (rest === '' || rest.includes('/')) continue;
      found.add(decodeURIComponent(rest));
    }
  }
  const orphans = [...found].filter((key) => o.index.get(feedId, key) === undefined);
  const rows: RecordWrite[] = [];
  for (let i = 0; i < orphans.length; i += READ_BATCH) {
    const keys = orphans.slice(i, i + READ_BATCH);
    const described = await o.store.readGraphs(keys.map((k) => iris.catalogRecordGraph(feedId, k)));
    for (const key of keys) {
      const cr = iris.catalogRecord(feedId, key);
      const about = (p: string): string | undefined => described.find((q) => q.subject.value === cr && q.predicate.value === p)?.object.value;
      const firstSeen = about(`${NS.dct}issued`) ?? o.now.toISOString();
      rows.push({
        feedId, key, datasetIri: about(`${NS.foaf}primaryTopic`) ?? (await datasetOf(o, key)) ?? iris.recordGraph(feedId, key),
        hash: UNWRITTEN, state: 'active', validation: about(`${NS.sheaf}validationStatus`) ?? 'unknown', pageUrl: about(`${NS.sheaf}sourcePage`) ?? '',
        firstSeen, lastSeen: NEVER, lastChanged: about(`${NS.dct}modified`) ?? firstSeen, lastRun: o.runId,
      });
    }
  }
  if (rows.length === 0) return [];
  // Their pages may be walked past as unchanged (same digest as when they were written): read every page once.
  o.index.atomically(() => {
    o.index.write(rows);
    o.index.forgetMemos(feedId);
  });
  return orphans;
}

/** The dcat:Dataset of an orphan without a catalogue record, read from its record or quarantine graph. */
async function datasetOf(o: AdoptOrphansOptions, key: string): Promise<string | undefined> {
  const quads: Quad[] = await o.store.readGraphs([o.iris.recordGraph(o.feedId, key), o.iris.quarantineGraph(o.feedId, key)]);
  return quads.find((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dcat}Dataset` && q.subject.termType === 'NamedNode')?.subject.value;
}
