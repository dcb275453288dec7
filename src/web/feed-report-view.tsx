// **FeedReport** shows a feed's report for its publisher: validation results grouped by message with what to change, and quality.
import type { FastifyInstance } from 'fastify';
import { searchKey } from '../search/search-sync.js';
import { compactIri, datasetHref } from './links.js';
import { S } from './strings.js';

interface ResultRow { readonly severity: string; readonly message?: string; readonly path?: string; readonly focusNode?: string; readonly value?: string }
interface Raise { readonly metric: string; readonly dimension: string; readonly points: number; readonly pending: boolean }
interface RecordRow {
  readonly key: string; readonly datasetIri: string; readonly state: string; readonly validation: string; readonly pageUrl: string;
  readonly counts?: { readonly violations: number; readonly warnings: number; readonly infos: number };
  readonly results: readonly ResultRow[];
  readonly quality?: { readonly points: number; readonly max: number; readonly band: string; readonly raise?: readonly Raise[] };
}
export interface ReportBody {
  readonly feed: { readonly id: string; readonly title: string; readonly profile: string };
  readonly totals: Readonly<Record<'records' | 'active' | 'quarantined' | 'withdrawn' | 'conformant' | 'withWarnings' | 'nonConformant', number>>;
  readonly quality?: { readonly records: number; readonly averagePoints: number; readonly max: number; readonly bands: Readonly<Record<string, number>> };
  readonly records: readonly RecordRow[];
}

export interface Group {
  readonly severity: string; readonly path?: string; readonly message: string;
  readonly records: Set<string>; readonly example: { readonly record: RecordRow; readonly result: ResultRow };
  /** The example record's values of the property: the result's own `sh:value`, else read from the record as harvested. */
  values: string[];
}

const SEVERITY_ORDER = ['Violation', 'Warning', 'Info'];

/** One group per (severity, property, message): a thousand records failing one rule read as one line to fix. */
export function groupResults(records: readonly RecordRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const record of records) {
    for (const result of record.results) {
      const message = result.message ?? S.console.problems;
      const key = `${result.severity}\u0000${result.path ?? ''}\u0000${message}`;
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { severity: result.severity, ...(result.path && { path: result.path }), message, records: new Set(), example: { record, result }, values: result.value !== undefined ? [result.value] : [] }));
      group.records.add(record.key);
    }
  }
  return [...groups.values()].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.records.size - a.records.size);
}

/**
 * What the publisher changes in its source: the property, the record, and the rule's own words. An offending
 * value is to be replaced; without one, the property is missing (or has too few values) and is to be added.
 */
export function fixFor(group: Group): string {
  const property = group.path ? compactIri(group.path) : 'the record';
  return group.values.length > 0
    ? `Replace ${group.values.map((v) => `“${v}”`).join(', ')} in ${property} (and the like in each listed record) with a value that meets the rule: ${group.message}`
    : `Add ${property} to each listed record: ${group.message}`;
}

/**
 * The report's results grouped, each group with the offending values of its example record. Many shapes (an
 * `sh:or` of datatypes, a count) report no `sh:value`: those values are read from the record's graph by name.
 */
export async function reportGroups(app: FastifyInstance, report: ReportBody): Promise<Group[]> {
  const groups = groupResults(report.records);
  for (const g of groups) {
    const { result, record } = g.example;
    if (g.values.length > 0 || g.path === undefined || result.focusNode === undefined) continue;
    const quads = await app.store.readGraphs([app.pipeline.iris.recordGraph(report.feed.id, record.key)]);
    g.values = quads.filter((q) => q.subject.value === result.focusNode && q.predicate.value === g.path).map((q) => q.object.value).slice(0, 3);
  }
  return groups;
}

/** One metric's shortfall over the records: how many miss it, and what meeting it everywhere adds to the average. */
export interface RaiseRow { readonly metric: string; readonly records: number; readonly pending: number; readonly averageGain: number }

/** The metrics to work on first for the feed (or run): the most average points to gain across its scored records. */
export function raiseFeed(records: readonly RecordRow[]): RaiseRow[] {
  const scored = records.filter((r) => r.quality !== undefined);
  const by = new Map<string, { records: number; pending: number; points: number }>();
  for (const r of scored) {
    for (const m of r.quality!.raise ?? []) {
      let row = by.get(m.metric);
      if (row === undefined) by.set(m.metric, (row = { records: 0, pending: 0, points: 0 }));
      row.records += 1;
      if (m.pending) row.pending += 1;
      row.points += m.points;
    }
  }
  return [...by].map(([metric, r]) => ({ metric, records: r.records, pending: r.pending, averageGain: Math.round((r.points / scored.length) * 10) / 10 }))
    .sort((a, b) => b.averageGain - a.averageGain || a.metric.localeCompare(b.metric));
}

const metricName = (id: string): string => S.mqa[id] ?? id;
const raiseText = (raise: readonly Raise[] | undefined): string =>
  (raise ?? []).slice(0, 3).map((m) => `${metricName(m.metric)} +${m.points}${m.pending ? ` ${S.dataset.pending}` : ''}`).join('; ') || '—';

/** Records of the report, problems and low scores first, each with its validation and what would raise its quality. */
function RecordsTable({ report }: { report: ReportBody }): JSX.Element {
  const rank = (r: RecordRow) => (r.validation === 'non-conformant' ? 0 : r.validation === 'with-warnings' ? 1 : 2);
  const rows = [...report.records].sort((a, b) => rank(a) - rank(b) || (a.quality?.points ?? 0) - (b.quality?.points ?? 0)).slice(0, RECORD_ROWS);
  return (
    <div class="table-wrap"><table id="report-records">
      <caption safe>{S.console.perRecord(rows.length, report.records.length)}</caption>
      <thead><tr><th scope="col">{S.console.example}</th><th scope="col">{S.console.state}</th><th scope="col">{S.dataset.validation}</th>
        <th scope="col">{S.console.points}</th><th scope="col">{S.console.raiseRecord}</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr>
          <td><a href={datasetHref(searchKey(report.feed.id, r.key))} safe>{r.datasetIri}</a></td>
          <td safe>{r.state}</td>
          <td safe>{r.counts ? `${r.validation} ${S.dataset.counts(r.counts.violations, r.counts.warnings, r.counts.infos)}` : r.validation}</td>
          {/* Numbers, MQA's band names and metric names of our own: nothing harvested, nothing to escape. */}
          <td>{r.quality ? `${r.quality.points} / ${r.quality.max} (${r.quality.band})` : '—'}</td>
          <td>{r.quality ? raiseText(r.quality.raise) : '—'}</td>
        </tr>
      ))}</tbody>
    </table></div>
  );
}

/** How many per-record rows a report page shows; the JSON report (`/api/feeds/{id}/report`) pages through all. */
const RECORD_ROWS = 50;

export function FeedReport({ report, groups, run }: { report: ReportBody; groups: readonly Group[]; run?: string }): JSX.Element {
  const t = report.totals;
  const raise = raiseFeed(report.records);
  return (
    <section aria-labelledby="report-heading" id="report">
      <h2 id="report-heading">{run ? S.console.runReport : S.console.report}</h2>
      {run ? <p class="hint">{S.console.runReportScope}</p> : ''}
      <p safe>{`${t.records} records: ${t.conformant} conformant, ${t.withWarnings} with warnings, ${t.nonConformant} non-conformant; ${t.quarantined} quarantined, ${t.withdrawn} withdrawn.`}</p>
      <h3>{S.console.byMessage}</h3>
      {groups.length === 0 ? <p>{S.console.noResults}</p> : (
        <div class="table-wrap"><table id="problems">
          <thead><tr><th scope="col">{S.console.severity}</th><th scope="col">{S.console.path}</th><th scope="col">{S.console.message}</th>
            <th scope="col">{S.console.recordsAffected}</th><th scope="col">{S.console.example}</th><th scope="col">{S.console.value}</th><th scope="col">{S.console.fix}</th></tr></thead>
          <tbody>{groups.map((g) => (
            <tr class={`severity-${g.severity.toLowerCase()}`}>
              <td safe>{g.severity}</td>
              <td>{g.path ? <code title={g.path} safe>{compactIri(g.path)}</code> : '—'}</td>
              <td safe>{g.message}</td>
              <td>{g.records.size}</td>
              <td><a href={datasetHref(searchKey(report.feed.id, g.example.record.key))} safe>{g.example.record.datasetIri}</a></td>
              <td>{g.values.length > 0 ? g.values.map((v) => <code safe>{v}</code>) : '—'}</td>
              <td class="fix" safe>{fixFor(g)}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {report.records.length === 0 ? '' : <RecordsTable report={report} />}
      {report.quality ? (
        <>
          <h3>{S.console.quality}</h3>
          <p safe>{S.console.qualityFeed(report.quality.averagePoints, report.quality.max)}</p>
          {raise.length === 0 ? '' : (
            <div class="table-wrap"><table id="raise-quality">
              <caption>{run ? S.console.raiseRunCaption : S.console.raiseFeedCaption}</caption>
              <thead><tr><th scope="col">{S.dataset.metric}</th><th scope="col">{S.console.recordsShort}</th><th scope="col">{S.console.averageGain}</th></tr></thead>
              <tbody>{raise.map((m) => (
                <tr><td safe>{metricName(m.metric)}</td>
                  <td safe>{m.pending > 0 ? `${m.records} ${S.console.pendingOf(m.pending)}` : String(m.records)}</td>
                  <td safe>{`+${m.averageGain}`}</td></tr>
              ))}</tbody>
            </table></div>
          )}
        </>
      ) : ''}
    </section>
  );
}
