// **SPARQL_TARGET_RESOLVERS** resolves SPARQL-based targets (sh:target with sh:select) with their sh:prefixes.
//
// shacl-engine's own resolver (shacl-engine/sparql.js) sends the query without the prefixes the target declares, so
// every target written with prefixed names fails with "Unknown prefix"; sh:sparql constraints do get them.
import type { DatasetCore, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { select } from 'shacl-engine/lib/sparql.js';
import { NS } from '../core/namespaces.js';

interface TargetPtr {
  readonly value: string | undefined;
  out(predicates: Term[]): TargetPtr & Iterable<TargetPtr>;
}
interface TargetContext {
  readonly factory: { variable(name: string): Term };
  readonly focusNode: { readonly dataset: DatasetCore };
}

const { namedNode } = DataFactory;
const SH_SELECT = namedNode(`${NS.sh}select`);
const SH_PREFIXES = namedNode(`${NS.sh}prefixes`);
const SH_DECLARE = namedNode(`${NS.sh}declare`);
const SH_PREFIX = namedNode(`${NS.sh}prefix`);
const SH_NAMESPACE = namedNode(`${NS.sh}namespace`);
const OWL_IMPORTS = namedNode(`${NS.owl}imports`);

/** PREFIX lines of the nodes' sh:declare values, following owl:imports as the SHACL spec says (cycles stop). */
function prefixLines(nodes: Iterable<TargetPtr>, seen = new Set<string>()): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    if (node.value === undefined || seen.has(node.value)) continue;
    seen.add(node.value);
    lines.push(...prefixLines(node.out([OWL_IMPORTS]), seen));
    for (const declare of node.out([SH_DECLARE])) {
      lines.push(`PREFIX ${declare.out([SH_PREFIX]).value ?? ''}: <${declare.out([SH_NAMESPACE]).value ?? ''}>`);
    }
  }
  return lines;
}

async function resolveSparqlTarget(target: TargetPtr, context: TargetContext): Promise<Term[]> {
  const query = target.out([SH_SELECT]).value;
  if (!query) return [];
  const rows = await select({
    dataset: context.focusNode.dataset,
    factory: context.factory,
    query: [...prefixLines(target.out([SH_PREFIXES])), query].join('\n'),
    bindings: [],
  });
  const thisVar = context.factory.variable('this');
  return rows.map((row) => row.get(thisVar)).filter((t): t is Term => t !== undefined);
}

/** The entry for shacl-engine's `targetResolvers` option, in place of the plugin's own. */
export const SPARQL_TARGET_RESOLVERS: ReadonlyArray<[Term, unknown]> = [[namedNode(`${NS.sh}target`), resolveSparqlTarget]];
