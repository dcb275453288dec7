// **reportQuads** writes a record's validation results as a compact SHACL report graph, capped and without blank nodes.
import type { NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { ResultRow, ValidationSummary } from '../validate/summarise-report.js';
import { isNormalisationResult, NORMALISATION_COMPONENT } from '../validate/with-normalisation.js';

const { namedNode, literal, quad } = DataFactory;
const n = namedNode;
const SH = NS.sh;
const int = (v: number) => literal(String(v), n(`${NS.xsd}integer`));
// Result rows render IRIs bare and blank nodes as `_:x`; only IRIs become terms again.
const asIri = (text: string | undefined) => (text !== undefined && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(text) && !text.startsWith('_:') ? n(text) : undefined);

/** Results kept per record: a dataset with 10,000 distributions can yield 70,000 of them. */
export const MAX_REPORT_RESULTS = 1_000;

// Store size matters (the embedded store tops out near 14 M quads): sh:Info results ("optional property
// absent") are only counted, and the implied `a sh:ValidationResult` is left out. Normalisation's Info results
// are kept: they are the publisher's only record of what sheaf changed in their record.
const kept = (row: ResultRow): boolean => row.severity !== 'Info' || isNormalisationResult(row);

/**
 * The sh:ValidationReport of one record, built from the summary rows (not from the engine's report dataset,
 * which costs more than the validation itself on big records). Results get IRIs under the report graph so the
 * graph also fits stores that refuse blank nodes in INSERT DATA. Violations and warnings are listed, infos only
 * counted. Paths other than a single predicate are kept as text (sheaf:resultPathText); values as text
 * (sheaf:valueText). Totals are always complete.
 */
export function reportQuads(graph: string, summary: ValidationSummary): Quad[] {
  const report = n(`${graph}#report`);
  const out: Quad[] = [];
  const add = (s: NamedNode, p: string, o: Quad_Object) => out.push(quad(s, n(p), o));
  add(report, `${NS.rdf}type`, n(`${SH}ValidationReport`));
  add(report, `${SH}conforms`, literal(String(summary.conforms), n(`${NS.xsd}boolean`)));
  add(report, `${NS.sheaf}violations`, int(summary.counts.violations));
  add(report, `${NS.sheaf}warnings`, int(summary.counts.warnings));
  add(report, `${NS.sheaf}infos`, int(summary.counts.infos));
  const listed = summary.results.filter(kept);
  if (listed.length > MAX_REPORT_RESULTS) add(report, `${NS.sheaf}resultsTruncatedAt`, int(MAX_REPORT_RESULTS));
  listed.slice(0, MAX_REPORT_RESULTS).forEach((row, i) => {
    const r = n(`${graph}#result-${i}`);
    add(report, `${SH}result`, r);
    add(r, `${SH}resultSeverity`, n(`${SH}${row.severity}`));
    add(r, `${SH}resultMessage`, literal(row.message));
    add(r, `${SH}sourceConstraintComponent`, n(row.sourceConstraintComponent));
    const focus = asIri(row.focusNode);
    if (focus) add(r, `${SH}focusNode`, focus);
    const shape = asIri(row.sourceShape);
    if (shape) add(r, `${SH}sourceShape`, shape);
    const simplePath = row.path && /^<[^<>]+>$/.test(row.path) ? n(row.path.slice(1, -1)) : undefined;
    if (simplePath) add(r, `${SH}resultPath`, simplePath);
    else if (row.path) add(r, `${NS.sheaf}resultPathText`, literal(row.path));
    if (row.value !== undefined) add(r, `${NS.sheaf}valueText`, literal(row.value));
  });
  return out;
}

const SEVERITY_OF: Readonly<Record<string, ResultRow['severity']>> = { [`${SH}Violation`]: 'Violation', [`${SH}Warning`]: 'Warning', [`${SH}Info`]: 'Info' };

/**
 * The normalisation results of a stored report graph, as reportQuads wrote them: a revalidation (impact analysis)
 * keeps them, since the stored record is already normalised and a second pass changes nothing.
 */
export function storedNormalisationResults(quads: Iterable<Quad>): ResultRow[] {
  const fields = new Map<string, Map<string, Quad_Object>>();
  for (const q of quads) {
    let f = fields.get(q.subject.value);
    if (f === undefined) fields.set(q.subject.value, (f = new Map()));
    if (!f.has(q.predicate.value)) f.set(q.predicate.value, q.object);
  }
  const rows: ResultRow[] = [];
  for (const f of fields.values()) {
    if (f.get(`${SH}sourceConstraintComponent`)?.value !== NORMALISATION_COMPONENT) continue;
    const path = f.get(`${SH}resultPath`)?.value ?? f.get(`${NS.sheaf}resultPathText`)?.value;
    const value = f.get(`${NS.sheaf}valueText`)?.value;
    rows.push({
      severity: SEVERITY_OF[f.get(`${SH}resultSeverity`)?.value ?? ''] ?? 'Info',
      focusNode: f.get(`${SH}focusNode`)?.value ?? '',
      ...(path !== undefined && { path: f.has(`${SH}resultPath`) ? `<${path}>` : path }),
      ...(value !== undefined && { value }),
      message: f.get(`${SH}resultMessage`)?.value ?? '',
      sourceShape: f.get(`${SH}sourceShape`)?.value ?? '',
      sourceConstraintComponent: NORMALISATION_COMPONENT,
    });
  }
  return rows;
}
