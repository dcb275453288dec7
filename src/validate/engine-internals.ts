// **EngineShape** and its neighbours type the slice of shacl-engine's internals sheaf's fast paths use (it ships no types).
import type { Term } from '@rdfjs/types';

/** A grapoi pointer list (shapes graph or data graph). */
export interface Ptr extends Iterable<Ptr> {
  readonly term: Term;
  readonly terms: Term[];
  readonly value: string;
  readonly ptrs: ReadonlyArray<{ readonly term: Term; readonly dataset: unknown }>;
  out(predicates: Term[]): Ptr;
  node(terms: Iterable<Term>): Ptr;
  list(): Iterable<Ptr> | undefined;
  map<T>(fn: (ptr: Ptr) => T): T[];
  execute(step: { start: string; end: string }): Iterable<{ readonly term: Term }>;
}

/** One step of a parsed sh:path. */
export interface Step {
  readonly quantifier: string;
  readonly start: 'subject' | 'object';
  readonly predicates: readonly Term[];
}

export interface EngineReport {
  readonly results: unknown[];
}

export interface EngineContext {
  readonly focusNode: Ptr;
  readonly value: Ptr | undefined;
  readonly valueOrNode: Ptr;
  readonly report: EngineReport;
  create(args: { focusNode?: Ptr; shape?: EngineShape }): EngineContext;
}

/** The engine's Validator, as far as sheaf's driver needs it. */
export interface EngineValidator {
  readonly factory: unknown;
  readonly options: Readonly<Record<string, unknown>>;
  readonly shapesPtr: Ptr;
  readonly registry: { readonly validations: { get(term: Term): ((shape: EngineShape) => CompiledCheck | null) | undefined } };
  /** sh:target resolvers (the SPARQL plugin's), constraint IRI → resolver. */
  readonly targetResolverRegistry: { readonly targetResolvers: Iterable<[Term, (target: Ptr, context: EngineContext) => Promise<Term[]>]> };
  shape(ptr: Ptr): EngineShape;
}

export interface EngineShape {
  readonly ptr: Ptr;
  readonly path: readonly Step[] | null | undefined;
  readonly deactivated: unknown;
  readonly severity: Term | undefined;
  readonly validator: EngineValidator;
  readonly targetResolver: {
    readonly targetClass: Iterable<Term>;
    readonly targetNode: readonly Term[];
    readonly targetObjectsOf: readonly Term[];
    readonly targetSubjectsOf: readonly Term[];
    readonly targets: readonly Ptr[];
  };
  validate(context: EngineContext): Promise<unknown>;
  resolveTargets(context: EngineContext): Promise<Iterable<Ptr>>;
}

/** What a constraint component's compile function returns. */
export interface CompiledCheck {
  generic?: (context: never) => unknown;
  property?: unknown;
  node?: unknown;
}
