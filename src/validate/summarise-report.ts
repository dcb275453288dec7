// **summariseReport** condenses a shacl-engine report into the JSON sheaf returns: counts, status, one row per result.
import type { Term } from '@rdfjs/types';
import type { EngineReport, EngineResult } from 'shacl-engine';
import { NS } from '../core/namespaces.js';

export type Severity = 'Violation' | 'Warning' | 'Info';
export type RecordStatus = 'conformant' | 'with-warnings' | 'non-conformant';

export interface ResultRow {
  readonly severity: Severity;
  readonly focusNode: string;
  /** The result path in SPARQL property-path syntax, e.g. `<p>` or `^<p>`; absent for node constraints. */
  readonly path?: string;
  readonly value?: string;
  readonly message: string;
  readonly sourceShape: string;
  readonly sourceConstraintComponent: string;
}

export interface ValidationSummary {
  /** SHACL's sh:conforms: true only when there are no results of any severity. */
  readonly conforms: boolean;
  /** Violations make a record non-conformant; warnings alone make it conformant with warnings; info is advice. */
  readonly status: RecordStatus;
  readonly counts: Readonly<Record<'violations' | 'warnings' | 'infos', number>>;
  readonly results: readonly ResultRow[];
}

/** Renders a term the way people read it in a report: IRIs bare, blank nodes `_:b`, literals quoted. */
export function termText(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return term.value;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const lit = term as Term & { language: string; datatype: { value: string } };
      if (lit.language) return `"${lit.value}"@${lit.language}`;
      if (lit.datatype.value === `${NS.xsd}string`) return `"${lit.value}"`;
      return `"${lit.value}"^^<${lit.datatype.value}>`;
    }
    default:
      return term.value;
  }
}

type Step = NonNullable<EngineResult['path']>[number];

function stepText(step: Step): string {
  const preds = step.predicates.map((p) => `<${p.value}>`);
  const base = preds.length > 1 ? `(${preds.join('|')})` : preds[0]!;
  const inv = step.start === 'object' ? `^${base}` : base;
  const quant = { one: '', zeroOrMore: '*', oneOrMore: '+', zeroOrOne: '?' }[step.quantifier] ?? '';
  return `${inv}${quant}`;
}

/** A result or shape path in SPARQL property-path syntax, e.g. `<p>/^<q>`. */
export function pathText(path: readonly Step[]): string {
  return path.map(stepText).join('/');
}

const ENGINE_TRACE = new Set(['https://schemas.link/shacl-next#Debug', 'https://schemas.link/shacl-next#Trace']);

// Custom severities (SHACL allows any IRI) count as violations: the safe reading for a record's status.
function severityOf(term: Term): Severity {
  const local = term.value.slice(NS.sh.length);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
}

function resultRow(result: EngineResult): ResultRow {
  const path = result.path && result.path.length > 0 ? pathText(result.path) : undefined;
  return {
    severity: severityOf(result.severity),
    focusNode: termText(result.focusNode.term),
    ...(path !== undefined && { path }),
    ...(result.value !== undefined && { value: termText(result.value.term) }),
    message: result.message.map((m) => m.value).join(' / '),
    sourceShape: termText(result.shape.ptr.term),
    sourceConstraintComponent: result.constraintComponent.value,
  };
}

export function summariseReport(report: EngineReport): ValidationSummary {
  // shacl-engine's debug/trace entries (its own namespace) are not validation results.
  const results = report.results.filter((r) => !ENGINE_TRACE.has(r.severity.value)).map(resultRow);
  const counts = { violations: 0, warnings: 0, infos: 0 };
  for (const r of results) {
    if (r.severity === 'Violation') counts.violations++;
    else if (r.severity === 'Warning') counts.warnings++;
    else counts.infos++;
  }
  const status: RecordStatus =
    counts.violations > 0 ? 'non-conformant' : counts.warnings > 0 ? 'with-warnings' : 'conformant';
  // SHACL: a graph conforms when there is no result at all; shacl-engine's flag ignores custom severities.
  return { conforms: results.length === 0, status, counts, results };
}
