// **buildFeedReport** assembles a feed's report for its publisher: per record its state, validation results, conformance and MQA quality.
import type { Static } from 'typebox';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import type { Feed } from '../pipeline/feed.js';
import type { QualitySource } from './open-pipeline.js';
import type { RecordIndex } from '../catalogue/record-index.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { RunLog } from '../pipeline/run-log.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { runView, type FeedReportSchema } from './schemas/runs.js';

type FeedReport = Static<typeof FeedReportSchema>;
type RecordReport = FeedReport['records'][number];
type ResultRow = RecordReport['results'][number];

const SH_RESULT = {
  [`${NS.sh}resultSeverity`]: 'severity', [`${NS.sh}resultPath`]: 'path', [`${NS.sh}resultMessage`]: 'message',
  [`${NS.sh}focusNode`]: 'focusNode', [`${NS.sh}value`]: 'value',
} as const;

/** The results of one report graph, in the order written: every node with a severity, and its path (an IRI only), message, focus node and value. */
function reportResults(quads: readonly Quad[]): ResultRow[] {
  const nodes = new Map<string, Record<string, string>>();
  for (const q of quads) {
    const field = SH_RESULT[q.predicate.value as keyof typeof SH_RESULT];
    if (field === undefined || (field === 'path' && q.object.termType !== 'NamedNode')) continue;
    const key = `${q.subject.termType}:${q.subject.value}`;
    let node = nodes.get(key);
    if (node === undefined) nodes.set(key, (node = {}));
    node[field] ??= q.object.value;
  }
  return [...nodes.values()].filter((n) => n.severity !== undefined) as unknown as ResultRow[];
}

export interface FeedReportOptions {
  readonly feed: Feed;
  readonly records: RecordIndex;
  readonly runs: RunLog;
  readonly iris: RecordIris;
  readonly store: CatalogueStore;
  readonly limit: number;
  readonly offset: number;
  readonly validation?: string;
  /** Only the records this run created, updated or withdrew (and no later run changed since). */
  readonly run?: string;
  readonly quality?: QualitySource;
}

/** The metrics a record scores less than their maximum on, most points to gain first: what would raise its score. */
function raiseBy(metrics: NonNullable<ReturnType<QualitySource['get']>>['metrics']): Array<{ metric: string; dimension: string; points: number; pending: boolean }> {
  return (metrics ?? []).filter((m) => m.points < m.max)
    .map((m) => ({ metric: m.id, dimension: m.dimension, points: Math.round((m.max - m.points) * 100) / 100, pending: m.pending }))
    .sort((a, b) => b.points - a.points || a.metric.localeCompare(b.metric));
}

/** 1 for a conformant record, falling with each violation (and, a quarter as much, each warning). */
export function recordConformance(counts: { readonly violations: number; readonly warnings: number }): number {
  return Math.round((1 / (1 + counts.violations + counts.warnings / 4)) * 1000) / 1000;
}

function severityName(iri: string): 'violations' | 'warnings' | 'infos' {
  const local = iri.startsWith(NS.sh) ? iri.slice(NS.sh.length) : '';
  return local === 'Warning' ? 'warnings' : local === 'Info' ? 'infos' : 'violations';
}

/**
 * The records come from the record index (state, validation status, dates); the SHACL results of the
 * requested page come from the records' report graphs, read by name.
 */
export async function buildFeedReport(opts: FeedReportOptions): Promise<FeedReport> {
  const { feed } = opts;
  const all = opts.records.forFeed(feed.id).filter((r) => opts.run === undefined || r.lastRun === opts.run);
  const page = all.filter((r) => opts.validation === undefined || r.validation === opts.validation).slice(opts.offset, opts.offset + opts.limit);
  const byGraph = new Map(page.map((r) => [opts.iris.reportGraph(feed.id, r.key), { results: [] as ResultRow[], counts: { violations: 0, warnings: 0, infos: 0 } }]));
  // Read by name: the embedded store keeps report graphs out of its SPARQL index (src/catalogue/log-only-graphs.ts).
  for (const [graph, entry] of byGraph) {
    for (const result of reportResults(await opts.store.readGraphs([graph]))) {
      entry.counts[severityName(result.severity)] += 1;
      entry.results.push({ ...result, severity: result.severity.startsWith(NS.sh) ? result.severity.slice(NS.sh.length) : result.severity });
    }
  }
  const records: RecordReport[] = page.map((r) => {
    const entry = byGraph.get(opts.iris.reportGraph(feed.id, r.key))!;
    const mqa = opts.quality?.get(feed.id, r.key);
    return {
      key: r.key,
      datasetIri: r.datasetIri,
      state: r.state,
      validation: r.validation,
      conformance: recordConformance(entry.counts),
      ...(mqa && { quality: { points: mqa.points, max: mqa.max, band: mqa.band, computedAt: mqa.computedAt, raise: raiseBy(mqa.metrics) } }),
      counts: entry.counts,
      results: entry.results,
      pageUrl: r.pageUrl,
      alsoIn: opts.records.sameDataset(r.datasetIri, feed.id),
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      lastChanged: r.lastChanged,
      ...(r.withdrawnAt !== undefined && { withdrawnAt: r.withdrawnAt }),
    };
  });
  const count = (pred: (r: (typeof all)[number]) => boolean): number => all.filter(pred).length;
  const live = all.filter((r) => r.state !== 'withdrawn');
  const lastRun = opts.runs.listForFeed(feed.id, { limit: 1 })[0];
  return {
    feed: { id: feed.id, title: feed.title, profile: feed.profile, policy: feed.policy },
    ...(lastRun && { lastRun: runView(lastRun) }),
    totals: {
      records: all.length,
      active: count((r) => r.state === 'active'),
      quarantined: count((r) => r.state === 'quarantined'),
      withdrawn: count((r) => r.state === 'withdrawn'),
      conformant: live.filter((r) => r.validation === 'conformant').length,
      withWarnings: live.filter((r) => r.validation === 'with-warnings').length,
      nonConformant: live.filter((r) => r.validation === 'non-conformant').length,
      // Over this page's records only: the others' results are not read.
      meanConformance: records.length === 0 ? 1 : Math.round((records.reduce((s, r) => s + r.conformance, 0) / records.length) * 1000) / 1000,
    },
    ...(opts.quality && { quality: opts.quality.feedSummary(feed.id) }),
    limit: opts.limit,
    offset: opts.offset,
    records,
  };
}
