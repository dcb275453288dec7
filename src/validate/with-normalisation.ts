// **withNormalisation** adds the Info results of what normalisation changed to a validation summary.
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { ResultRow, ValidationSummary } from './summarise-report.js';

const { blankNode, literal, namedNode, quad } = DataFactory;

/** The constraint component of a normalisation result: not a SHACL constraint, a note of what sheaf changed. */
export const NORMALISATION_COMPONENT = `${NS.sheaf}NormalisationComponent`;

/** True for a result that reports a normalisation change rather than a constraint. */
export function isNormalisationResult(row: Pick<ResultRow, 'sourceConstraintComponent'>): boolean {
  return row.sourceConstraintComponent === NORMALISATION_COMPONENT;
}

/**
 * The summary with the normalisation results first, counted as infos. Status and `conforms` stay the validator's:
 * a change normalisation made is advice to the publisher, not a fault of the record.
 */
export function withNormalisation<T extends ValidationSummary>(summary: T, rows: readonly ResultRow[]): T {
  if (rows.length === 0) return summary;
  const kept = summary.results.filter((r) => !isNormalisationResult(r));
  return {
    ...summary,
    counts: { ...summary.counts, infos: summary.counts.infos - (summary.results.length - kept.length) + rows.length },
    results: [...rows, ...kept],
  };
}


/**
 * The W3C report graph with the normalisation results added as `sh:result`s of its sh:ValidationReport. Values are
 * the original text (a literal), since the original term may be gone from the record.
 */
export function withNormalisationQuads(report: readonly Quad[], rows: readonly ResultRow[]): Quad[] {
  const root = report.find((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.sh}ValidationReport`)?.subject;
  if (root === undefined || rows.length === 0) return [...report];
  const out = [...report];
  const node = (text: string) => (text.startsWith('_:') ? blankNode(text.slice(2)) : namedNode(text));
  for (const row of rows) {
    const r = blankNode();
    const add = (p: string, o: Quad_Object) => out.push(quad(r, namedNode(p), o));
    out.push(quad(root, namedNode(`${NS.sh}result`), r));
    add(`${NS.rdf}type`, namedNode(`${NS.sh}ValidationResult`));
    add(`${NS.sh}resultSeverity`, namedNode(`${NS.sh}${row.severity}`));
    if (row.focusNode !== '') add(`${NS.sh}focusNode`, node(row.focusNode));
    if (row.path !== undefined && /^<[^<>]+>$/.test(row.path)) add(`${NS.sh}resultPath`, namedNode(row.path.slice(1, -1)));
    if (row.value !== undefined) add(`${NS.sh}value`, literal(row.value));
    add(`${NS.sh}resultMessage`, literal(row.message));
    add(`${NS.sh}sourceShape`, namedNode(row.sourceShape));
    add(`${NS.sh}sourceConstraintComponent`, namedNode(row.sourceConstraintComponent));
  }
  return out;
}
