// **checkSparqlPrebinding** refuses SPARQL-based shapes whose queries break SHACL's pre-binding rules (SHACL §5.3.1).
//
// Pre-bound variables ($this, $value, $shapesGraph, $currentShape, $PATH and component parameters) are substituted
// into the query; MINUS, VALUES, SERVICE, sub-SELECTs that do not project them and re-binding them with AS make that substitution ill-defined,
// so the specification requires a processor to fail on such shapes instead of validating with them.
import sparqljs from 'sparqljs';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

const SH = (local: string) => NS.sh + local;
const ALWAYS_PREBOUND = ['this', 'value', 'shapesGraph', 'currentShape', 'PATH'];

/** Returns one message per offending query; empty when every query may be pre-bound. */
export function checkSparqlPrebinding(shapes: readonly Quad[]): string[] {
  const queries = shapes.filter((q) => q.predicate.value === SH('select') || q.predicate.value === SH('ask'));
  if (queries.length === 0) return [];
  const prefixes: Record<string, string> = {};
  const prefixOf = new Map<string, string>();
  const namespaceOf = new Map<string, string>();
  for (const q of shapes) {
    if (q.predicate.value === SH('prefix')) prefixOf.set(q.subject.value, q.object.value);
    if (q.predicate.value === SH('namespace')) namespaceOf.set(q.subject.value, q.object.value);
  }
  for (const [node, prefix] of prefixOf) {
    const ns = namespaceOf.get(node);
    if (ns !== undefined) prefixes[prefix] = ns;
  }
  // Parameters of SPARQL-based constraint components are pre-bound under their local names.
  const paramNodes = new Set(shapes.filter((q) => q.predicate.value === SH('parameter')).map((q) => q.object.value));
  const prebound = new Set([
    ...ALWAYS_PREBOUND,
    ...shapes.filter((q) => paramNodes.has(q.subject.value) && q.predicate.value === SH('path')).map((q) => q.object.value.replace(/^.*[#/]/, '')),
  ]);
  const problems: string[] = [];
  for (const q of queries) {
    let parsed: unknown;
    try {
      parsed = new sparqljs.Parser({ prefixes }).parse(q.object.value);
    } catch (error) {
      problems.push(`${q.subject.value}: unparsable SPARQL (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    const found = offences(parsed, prebound, true);
    if (found.length > 0) problems.push(`${q.subject.value}: ${[...new Set(found)].join(', ')} not allowed with pre-bound variables`);
  }
  return problems;
}

// Walks the sparqljs syntax tree; `top` is true for the outermost query, where a SELECT is expected.
function offences(node: unknown, prebound: ReadonlySet<string>, top: boolean): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => offences(n, prebound, false));
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const found: string[] = [];
  if (n.type === 'minus') found.push('MINUS');
  if (n.type === 'values' || (n.type === 'query' && n.values !== undefined)) found.push('VALUES');
  if (n.type === 'service') found.push('SERVICE');
  // A sub-SELECT must hand $this back: it is projected explicitly, or by `*` where a triple pattern binds it.
  if (n.type === 'query' && !top) {
    const star = Array.isArray(n.variables) && n.variables.some((v) => (v as { termType?: string }).termType === 'Wildcard');
    const projected = star
      ? usedVariables(collect(n.where, 'bgp'))
      : new Set((Array.isArray(n.variables) ? n.variables : [])
        .map((v) => (v as { value?: string; variable?: { value: string } }).variable?.value ?? (v as { value?: string }).value));
    if (!projected.has('this')) found.push('a nested SELECT that does not return $this');
  }
  if (n.type === 'bind' && prebound.has((n.variable as { value?: string } | undefined)?.value ?? '')) found.push(`BIND … AS ?${(n.variable as { value: string }).value}`);
  if (n.expression !== undefined && (n.variable as { termType?: string } | undefined)?.termType === 'Variable' &&
      prebound.has((n.variable as { value: string }).value)) found.push(`AS ?${(n.variable as { value: string }).value}`);
  for (const [k, v] of Object.entries(n)) if (k !== 'prefixes' && v !== null && typeof v === 'object') found.push(...offences(v, prebound, false));
  return found;
}

function usedVariables(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) usedVariables(n, into);
  else if (node !== null && typeof node === 'object') {
    const n = node as { termType?: string; value?: string };
    if (n.termType === 'Variable' && n.value !== undefined) into.add(n.value);
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') usedVariables(v, into);
  }
  return into;
}

function collect(node: unknown, type: string, into: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const n of node) collect(n, type, into);
  else if (node !== null && typeof node === 'object') {
    if ((node as { type?: string }).type === type) into.push(node);
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') collect(v, type, into);
  }
  return into;
}
