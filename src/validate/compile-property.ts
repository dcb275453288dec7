// **compileProperty** replaces shacl-engine's sh:property: property shapes a node plainly passes are skipped cheaply.
//
// Each property shape the pre-check (pre-check.ts) passes gives no result, so skipping it changes nothing; every other
// one is validated by the engine, in the engine's order. Debug, details, trace and coverage runs report passing
// checks too, so they skip nothing.
import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { IndexedGraph } from './indexed-graph.js';
import { preCheck, type Check } from './pre-check.js';
import type { EngineContext, EngineShape } from './engine-internals.js';

const SH_PROPERTY = DataFactory.namedNode(`${NS.sh}property`);

/** Whether the engine's options ask it to report passing checks too (then nothing may be skipped). */
export function reportsPassingChecks(options: Readonly<Record<string, unknown>>): boolean {
  const { debug, details, trace, coverage } = options;
  return Boolean(debug || details || trace || coverage);
}

function compileProperty(shape: EngineShape) {
  const properties = [...shape.ptr.out([SH_PROPERTY])].map((ptr) => shape.validator.shape(ptr));
  const exhaustive = reportsPassingChecks(shape.validator.options);
  // Compiled on first use: the pre-checks of a shape's children may need shapes the engine has not built yet.
  let unset: (Check | undefined)[] | undefined;
  let any: (Check | undefined)[] | undefined;

  return {
    generic: async (context: EngineContext) => {
      const ptrs = context.valueOrNode.ptrs;
      const graph = !exhaustive && ptrs.length === 1 && ptrs[0]!.dataset instanceof IndexedGraph ? ptrs[0]!.dataset : undefined;
      // The children inherit this context's current value; with none, qualified pre-checks hold too.
      const checks = graph === undefined
        ? undefined
        : context.value === undefined
          ? (unset ??= properties.map((child) => preCheck(child, 'unset')))
          : (any ??= properties.map((child) => preCheck(child, 'any')));
      const focus = ptrs[0]?.term;
      let propertyContext: EngineContext | undefined;
      for (let i = 0; i < properties.length; i++) {
        const check = checks?.[i];
        if (check !== undefined && check(graph!, focus!)) continue;
        propertyContext ??= context.create({ focusNode: context.valueOrNode });
        await properties[i]!.validate(propertyContext);
      }
    },
  };
}

/** The entry for shacl-engine's `validations` option. */
export const PROPERTY_VALIDATION: [Term, unknown] = [SH_PROPERTY, compileProperty];
