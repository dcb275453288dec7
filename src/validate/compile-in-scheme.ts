// **compileInScheme** checks membership of large SKOS schemes (the EU tables) with one hash set per scheme, not an sh:in list.
//
// A profile's `sheaf:inScheme <scheme>` once became an sh:in list of every concept, written, checked (SHACL for SHACL)
// and compiled per shape: the EU language table alone has thousands of codes, which made composing a profile slow.
// The composer (src/ontology/bind-value-sets.ts) now writes, once per scheme, `<concept> skos:inScheme <scheme>` into
// the shapes graph and, on each checking shape, one of two parameters; the sets are built from the shapes graph once
// per graph and scheme. Results read as sh:in's would (sh:InConstraintComponent, the value, the shape's severity and
// message), so a report does not depend on which of the two forms a profile used.
//
//   sheaf:inAnyScheme ( <s1> … )      every value is a concept of one of the schemes, or an IRI in the namespace of a
//                                       scheme that grows (`<s> sheaf:namespace "…/"`): the bundled copy may be older.
//   sheaf:newerThanCopyOf ( <s1> … )  the warning for the latter case: an IRI in a growing scheme's namespace that the
//                                       copy lacks (the shape's message names the copy's date).
import { DataFactory } from 'n3';
import type { DatasetCore, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { termKey } from './indexed-graph.js';

interface EngineShape {
  readonly ptr: {
    out(predicates: Term[]): { list(): Iterable<{ term: Term }> | undefined };
    readonly ptrs: ReadonlyArray<{ readonly dataset: DatasetCore }>;
  };
}
interface EngineContext {
  readonly valueOrNode: { readonly term: Term };
  readonly factory: { literal(value: string): Term };
  debug(component: Term): void;
  violation(component: Term, args: object): void;
}

const IN_ANY_SCHEME = DataFactory.namedNode(`${NS.sheaf}inAnyScheme`);
const NEWER_THAN_COPY_OF = DataFactory.namedNode(`${NS.sheaf}newerThanCopyOf`);
const NAMESPACE = DataFactory.namedNode(`${NS.sheaf}namespace`);
const IN_SCHEME = DataFactory.namedNode(`${NS.skos}inScheme`);
const IN_COMPONENT = DataFactory.namedNode(`${NS.sh}InConstraintComponent`);

/** One scheme as the shapes graph states it: its concepts (term keys) and, for a growing table, its namespace. */
interface Scheme {
  readonly members: ReadonlySet<string>;
  readonly namespace: string | undefined;
}

// Several shapes check the same scheme (the language table: catalogue, dataset, distribution…): one set per graph.
const SCHEMES = new WeakMap<DatasetCore, Map<string, Scheme>>();

function schemeOf(dataset: DatasetCore, scheme: Term): Scheme {
  const byScheme = SCHEMES.get(dataset) ?? SCHEMES.set(dataset, new Map()).get(dataset)!;
  let found = byScheme.get(termKey(scheme));
  if (found === undefined) {
    const members = new Set<string>();
    for (const q of dataset.match(null, IN_SCHEME, scheme)) members.add(termKey(q.subject));
    let namespace: string | undefined;
    for (const q of dataset.match(scheme, NAMESPACE, null)) namespace = q.object.value;
    byScheme.set(termKey(scheme), (found = { members, namespace }));
  }
  return found;
}

function schemesOf(shape: EngineShape, parameter: Term): Scheme[] {
  const dataset = shape.ptr.ptrs[0]!.dataset;
  return [...(shape.ptr.out([parameter]).list() ?? [])].map((item) => schemeOf(dataset, item.term));
}

const isMember = (schemes: readonly Scheme[], key: string) => schemes.some((s) => s.members.has(key));
const inNamespace = (schemes: readonly Scheme[], term: Term) =>
  term.termType === 'NamedNode' && schemes.some((s) => s.namespace !== undefined && term.value.startsWith(s.namespace));

function compileInAnyScheme(shape: EngineShape) {
  const schemes = schemesOf(shape, IN_ANY_SCHEME);
  return {
    generic: (context: EngineContext) => {
      const term = context.valueOrNode.term;
      if (isMember(schemes, termKey(term)) || inNamespace(schemes, term)) {
        context.debug(IN_COMPONENT);
        return;
      }
      context.violation(IN_COMPONENT, { message: [context.factory.literal('Value is not a concept of the scheme')], value: context.valueOrNode });
    },
  };
}

function compileNewerThanCopyOf(shape: EngineShape) {
  const schemes = schemesOf(shape, NEWER_THAN_COPY_OF);
  return {
    generic: (context: EngineContext) => {
      const term = context.valueOrNode.term;
      if (!inNamespace(schemes, term) || isMember(schemes, termKey(term))) {
        context.debug(IN_COMPONENT);
        return;
      }
      context.violation(IN_COMPONENT, { message: [context.factory.literal('Value is not in the bundled copy of the scheme')], value: context.valueOrNode });
    },
  };
}

/** Entries for shacl-engine's `validations` option. */
export const IN_SCHEME_VALIDATIONS: ReadonlyArray<[Term, unknown]> = [
  [IN_ANY_SCHEME, compileInAnyScheme],
  [NEWER_THAN_COPY_OF, compileNewerThanCopyOf],
];

/** The parameters above: value-only checks, which the pre-check may run itself. */
export const IN_SCHEME_PARAMETERS: readonly string[] = [IN_ANY_SCHEME.value, NEWER_THAN_COPY_OF.value];
