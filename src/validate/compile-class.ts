// **compileClass** replaces shacl-engine's sh:class: SHACL instances through the data graph's rdfs:subClassOf too, and a message.
//
// The engine resolves a class's subclasses in the shapes graph only, so a record declaring its own subclass of an
// expected class gets a false violation; and its sh:class results carry no message at all.
import type { DatasetCore, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import resolveClasses from 'shacl-engine/lib/resolveClasses.js';
import { NS } from '../core/namespaces.js';
import { termKey } from './indexed-graph.js';
import { SubclassClosure } from './subclass-closure.js';
import { describeValue } from './result-message.js';
import type { EngineShape, EngineValidator, Ptr } from './engine-internals.js';

interface ClassContext {
  readonly valueOrNode: Ptr & { readonly dataset: DatasetCore };
  readonly shape: EngineShape;
  readonly factory: { literal(value: string): Term };
  test(success: boolean, component: Term, args: object): void;
}

const SH_CLASS = DataFactory.namedNode(`${NS.sh}class`);
const CLASS_COMPONENT = DataFactory.namedNode(`${NS.sh}ClassConstraintComponent`);
const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);

// One closure per compiled engine (its shapes graph), built on the first sh:class or class target that needs it.
const CLOSURES = new WeakMap<EngineValidator, SubclassClosure>();

/** The shapes graph's subclass closure of an engine, shared by its sh:class checks and class targets. */
export function subclassClosureOf(validator: EngineValidator): SubclassClosure {
  let closure = CLOSURES.get(validator);
  if (closure === undefined) {
    closure = new SubclassClosure((validator.shapesPtr as unknown as { dataset: DatasetCore }).dataset);
    CLOSURES.set(validator, closure);
  }
  return closure;
}

function compileClass(shape: EngineShape) {
  const classes = [...shape.ptr.out([SH_CLASS])].map((ptr) => ({
    term: ptr.term,
    // The class and its subclasses in the shapes graph, as the engine resolves them.
    keys: new Set([...resolveClasses(ptr)].map(termKey)),
  }));
  const closure = subclassClosureOf(shape.validator);
  return {
    generic: (context: ClassContext) => {
      const node = context.valueOrNode;
      const types = node.out([RDF_TYPE]).terms;
      for (const c of classes) {
        let ok = types.some((t) => c.keys.has(termKey(t)));
        if (!ok && SubclassClosure.declaresClasses(node.dataset)) ok = closure.reaches(types, c.keys, node.dataset);
        context.test(ok, CLASS_COMPONENT, {
          args: { class: c.term },
          message: [context.factory.literal(`${describeValue(context.shape, node.term)} is not an instance of <${c.term.value}>` +
            (types.length === 0 ? ' (it has no rdf:type)' : ` (its rdf:type: ${types.map((t) => `<${t.value}>`).join(', ')})`))],
          value: node,
        });
      }
    },
  };
}

/** The entry for shacl-engine's `validations` option. */
export const CLASS_VALIDATION: [Term, unknown] = [SH_CLASS, compileClass];
