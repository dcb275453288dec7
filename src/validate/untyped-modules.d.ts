// **untyped-modules** declares the small surface sheaf uses of shacl-engine and rdf-ext, which ship no types.
declare module 'shacl-engine' {
  import type { DatasetCore, Quad, Term, DataFactory } from '@rdfjs/types';

  export interface EngineResult {
    readonly focusNode: { readonly term: Term };
    readonly value?: { readonly term: Term };
    readonly severity: Term;
    readonly constraintComponent: Term;
    readonly message: readonly Term[];
    readonly shape: { readonly ptr: { readonly term: Term } };
    readonly path?: ReadonlyArray<{ quantifier: string; start: string; end: string; predicates: Term[] }>;
  }
  export interface EngineReport {
    readonly conforms: boolean;
    readonly results: readonly EngineResult[];
    readonly dataset: DatasetCore & Iterable<Quad>;
    readonly term: Term;
  }
  export interface ValidatorOptions {
    factory: DataFactory & { dataset(quads?: Iterable<Quad>): DatasetCore };
    debug?: boolean;
    details?: boolean;
    validations?: Iterable<[Term, unknown]>;
    targetResolvers?: Iterable<[Term, unknown]>;
  }
  export class Validator {
    constructor(shapes: DatasetCore, options: ValidatorOptions);
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: { terms: Iterable<Term> }[]): Promise<EngineReport>;
  }
}

declare module 'shacl-engine/sparql.js' {
  export const validations: Iterable<[import('@rdfjs/types').Term, unknown]>;
  export const targetResolvers: Iterable<[import('@rdfjs/types').Term, unknown]>;
}

declare module 'shacl-engine/lib/resolveClasses.js' {
  /** The classes and their rdfs:subClassOf descendants in the pointer's graph (a TermSet). */
  export default function resolveClasses(classes: unknown): Iterable<import('@rdfjs/types').Term>;
}

declare module 'shacl-engine/lib/Context.js' {
  /** The engine's validation context: one per validation run, shared by every shape validated in it. */
  export default class Context {
    constructor(args: { factory: unknown; focusNode: unknown; options: unknown; validator: unknown });
    readonly report: import('shacl-engine').EngineReport;
  }
}

declare module 'shacl-engine/lib/Report.js' {
  export default class Report {
    constructor(args: { factory: unknown; options: unknown });
    readonly dataset: import('@rdfjs/types').DatasetCore & Iterable<import('@rdfjs/types').Quad>;
  }
}

declare module 'rdf-ext' {
  import type { DataFactory, DatasetCore, Quad } from '@rdfjs/types';
  interface RdfExt extends DataFactory {
    dataset(quads?: Iterable<Quad>): DatasetCore & Iterable<Quad>;
  }
  const rdf: RdfExt;
  export default rdf;
}

declare module 'shacl-engine/lib/sparql.js' {
  import type { DatasetCore, Term } from '@rdfjs/types';
  /** Runs a SELECT over a dataset with Comunica, `bindings` pre-bound; returns the solutions. */
  export function select(args: { bindings: [Term, Term][]; dataset: DatasetCore; factory: unknown; query: string }): Promise<Array<{ get(v: Term): Term | undefined }>>;
}
