// **compileIn** replaces shacl-engine's sh:in check: same verdict and message, without per-value string building.
//
// The engine formats the whole allowed list into the result arguments on every check, passing or not; value sets
// from the ontology closure hold hundreds of IRIs, so that cost dominated records with coded values. Here the list
// is only formatted when a value actually fails.
import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { termKey } from './indexed-graph.js';

interface EngineShape {
  readonly ptr: { out(predicates: Term[]): { list(): Iterable<{ term: Term }> | undefined } };
}
interface EngineContext {
  readonly valueOrNode: { readonly term: Term };
  readonly factory: { literal(value: string): Term };
  debug(component: Term, args?: object): void;
  violation(component: Term, args: object): void;
}

const SH_IN = DataFactory.namedNode(`${NS.sh}in`);
const IN_COMPONENT = DataFactory.namedNode(`${NS.sh}InConstraintComponent`);

function compileIn(shape: EngineShape) {
  const members = [...(shape.ptr.out([SH_IN]).list() ?? [])].map((item) => item.term);
  const allowed = new Set(members.map(termKey));
  // Formatted on the first failure, then reused: a value set from the ontology closure lists hundreds of IRIs.
  let listed: string | undefined;
  return {
    generic: (context: EngineContext) => {
      if (allowed.has(termKey(context.valueOrNode.term))) {
        context.debug(IN_COMPONENT);
        return;
      }
      context.violation(IN_COMPONENT, {
        args: { in: (listed ??= members.map((m) => m.value).join(', ')) },
        message: [context.factory.literal('Value is not in {$in}')],
        value: context.valueOrNode,
      });
    },
  };
}

/** The entry for shacl-engine's `validations` option. */
export const IN_VALIDATION: [Term, unknown] = [SH_IN, compileIn];
