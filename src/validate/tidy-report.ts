// **tidyReport** makes an engine report say each fault once, in words: duplicates merged, every result with a message.
//
// Composed profiles check some properties twice (DCAT-AP's shape and the profile's own, or a "recommended" Info shape
// beside a "mandatory" Violation one), so the engine reports one fault two or three times. Results with the same focus
// node, path, constraint component, value and constraint parameters from different shapes are one fault: the most severe is kept, at the
// place of the first.
import type { Term } from '@rdfjs/types';
import { rdf } from './rdf-factory.js';
import { NS } from '../core/namespaces.js';
import { termKey } from './indexed-graph.js';
import { pathText } from './summarise-report.js';
import { resultMessage, type WordedResult } from './result-message.js';

interface TidiedResult extends WordedResult {
  readonly severity: Term;
  readonly message: readonly Term[];
}

const ENGINE_TRACE = new Set(['https://schemas.link/shacl-next#Debug', 'https://schemas.link/shacl-next#Trace']);
// Higher is more severe; a custom severity counts as a violation, as summariseReport reads it.
const RANK: Record<string, number> = { [`${NS.sh}Info`]: 0, [`${NS.sh}Warning`]: 1 };
const rank = (severity: Term) => RANK[severity.value] ?? 2;

/** The constraint's parameters as the engine passes them (sh:minCount 1, the qualified value shape...). */
function parameters(args: Readonly<Record<string, unknown>>): string {
  return Object.entries(args).map(([name, v]) =>
    `${name}=${v !== null && typeof v === 'object' && 'termType' in (v as object) ? termKey(v as Term) : String(v)}`).sort().join(',');
}

function faultKey(r: TidiedResult): string {
  const path = r.path && r.path.length > 0 ? pathText(r.path) : '';
  return [termKey(r.focusNode.term), path, r.constraintComponent.value, r.value === undefined ? '' : termKey(r.value.term),
    parameters(r.args)].join('\u0000');
}

/**
 * Rewrites the report's result list in place (before its quads are built): one result per fault, each worded. Results
 * of one shape are never merged: two of its constraints (two sh:or values) may fail on the same node. With `merge`
 * false, results of different shapes are not merged either (the SHACL specification's report), only worded.
 */
export function tidyReport(report: { results: unknown[] }, opts: { readonly merge: boolean } = { merge: true }): void {
  const kept: (TidiedResult | undefined)[] = [];
  const byFault = new Map<string, number[]>();
  const trace: unknown[] = [];
  for (const raw of report.results) {
    const r = raw as TidiedResult;
    if (ENGINE_TRACE.has(r.severity.value)) {
      trace.push(raw);
      continue;
    }
    const key = faultKey(r);
    const places = byFault.get(key) ?? [];
    const other = opts.merge ? places.find((i) => !kept[i]!.shape.ptr.term.equals(r.shape.ptr.term)) : undefined;
    if (other === undefined) {
      places.push(kept.length);
      byFault.set(key, places);
      kept.push(r);
    } else if (rank(r.severity) > rank(kept[other]!.severity)) {
      // Another shape's report of the same fault: the more severe takes the first one's place.
      kept[other] = r;
    }
  }
  const results = kept.filter((r): r is TidiedResult => r !== undefined);
  report.results.length = 0;
  report.results.push(...results, ...trace);
  for (const r of results) word(r);
}

function word(r: TidiedResult): void {
  if (r.shape.message.length > 0) return;
  // SPARQL constraints carry their own sh:message when they have one.
  if (r.constraintComponent.value === `${NS.sh}SPARQLConstraintComponent` && r.message.length > 0) return;
  const text = resultMessage(r);
  if (text !== undefined) Object.defineProperty(r, 'message', { value: [rdf.literal(text)] });
}
