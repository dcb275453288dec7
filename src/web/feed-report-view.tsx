// **FeedReport** shows a feed's report for its publisher: validation results grouped by message with what to change, and quality.
import type { FastifyInstance } from 'fastify';
import { searchKey } from '../search/search-sync.js';
import { compactIri, datasetHref } from './links.js';
import { S } from './strings.js';

interface ResultRow { readonly severity: string; readonly message?: string; readonly path?: string; readonly focusNode?: string; readonly value?: string }
interface RecordRow {
  readonly key: string; readonly datasetIri: string; readonly state: string; readonly validation: string; readonly pageUrl: string;
  readonly results: readonly ResultRow[]; readonly quality?: { readonly points: number; readonly max: number; readonly band: string };
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

export function FeedReport({ report, groups }: { report: ReportBody; groups: readonly Group[] }): JSX.Element {
  const t = report.totals;
  const worst = report.records.filter((r) => r.quality !== undefined).sort((a, b) => a.quality!.points - b.quality!.points).slice(0, 5);
  return (
    <section aria-labelledby="report-heading" id="report">
      <h2 id="report-heading">{S.console.report}</h2>
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
      {report.quality ? (
        <>
          <h3>{S.console.quality}</h3>
          <p safe>{S.console.qualityFeed(report.quality.averagePoints, report.quality.max)}</p>
          {worst.length === 0 ? '' : (
            <div class="table-wrap"><table>
              <caption>{S.console.worstRecords}</caption>
              <thead><tr><th scope="col">{S.console.example}</th><th scope="col">{S.console.points}</th><th scope="col">{S.console.band}</th></tr></thead>
              <tbody>{worst.map((r) => (
                <tr><td><a href={datasetHref(searchKey(report.feed.id, r.key))} safe>{r.datasetIri}</a></td>
                  <td safe>{`${r.quality!.points} / ${r.quality!.max}`}</td><td safe>{r.quality!.band}</td></tr>
              ))}</tbody>
            </table></div>
          )}
        </>
      ) : ''}
    </section>
  );
}
