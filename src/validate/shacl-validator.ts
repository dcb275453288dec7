// **ShaclValidator** compiles a shapes graph once (shacl-engine) and validates many data graphs against it.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
import { rdf } from './rdf-factory.js';
import { Validator, type EngineReport } from 'shacl-engine';
import Context from 'shacl-engine/lib/Context.js';
import Report from 'shacl-engine/lib/Report.js';
import { summariseReport, type ValidationSummary } from './summarise-report.js';
import { FAST_VALIDATIONS } from './fast-validations.js';
import { IndexedGraph, termKey } from './indexed-graph.js';
import { reportsPassingChecks } from './compile-property.js';
import { compileTargets, type Targets } from './compile-targets.js';
import { CORRECTED_VALIDATIONS } from './corrected-validations.js';
import { IN_SCHEME_VALIDATIONS } from './compile-in-scheme.js';
import { targetShapes } from './target-shapes.js';
import { preCheck, type Check } from './pre-check.js';
import { needsSparql } from './needs-sparql.js';
import { tidyReport } from './tidy-report.js';
import type { EngineContext, EngineShape, EngineValidator, Ptr } from './engine-internals.js';
import { CatErrors } from '../core/errors.js';
import { chunkPlan, focusChunks, type ChunkPlan } from './focus-chunks.js';
import { mergeOutcomes } from './merge-outcomes.js';

export interface ShaclValidatorOptions {
  /** The complete shapes graph: profile shapes, derived shapes and the ontology's class hierarchy. */
  readonly shapes: Iterable<Quad>;
  /**
   * Loads shacl-engine's SPARQL plugin (sh:sparql, SPARQL targets); off the hot path unless the shapes need it.
   * Default: when the shapes use SHACL-SPARQL (needsSparql), since without the plugin the engine ignores it silently.
   */
  readonly sparql?: boolean;
  /**
   * Reports a fault that several shapes find (a composed profile checks some properties twice) once, the most severe
   * kept. Default true; false keeps one result per shape as the SHACL specification and its test suite expect, for
   * shapes a user brings (`sheaf validate --shapes`) and the conformance suite.
   */
  readonly mergeShapeDuplicates?: boolean;
  /**
   * A data graph of more quads than this is validated in chunks of focus nodes (focusChunks), when the shapes allow
   * it: time and memory then grow with the graph, not faster. Default 50,000; Infinity validates every graph whole.
   */
  readonly chunkAbove?: number;
}

/** Subjects per chunk: large enough that per-validation overhead is small, small enough to keep each chunk cheap. */
const CHUNK_SUBJECTS = 2_000;

/** A validation's outcome: the JSON summary now, the sh:ValidationReport quads on demand. */
export interface ValidationOutcome extends ValidationSummary {
  /** The W3C sh:ValidationReport graph (built lazily: most callers only need the summary). */
  reportQuads(): Quad[];
}

/** A shape with targets, compiled for sheaf's driver: its focus nodes in a data graph, and its pre-check. */
interface Root {
  readonly shape: EngineShape;
  readonly targets: Targets;
  readonly check: Check | undefined;
}

const EMPTY: ValidationSummary = Object.freeze({
  conforms: true, status: 'conformant', counts: Object.freeze({ violations: 0, warnings: 0, infos: 0 }), results: Object.freeze([]),
});

export class ShaclValidator {
  readonly #engine: EngineValidator;
  readonly #roots: readonly Root[];
  readonly #sparql: boolean;
  readonly #merge: boolean;
  readonly #plan: ChunkPlan | undefined;
  readonly #chunkAbove: number;

  private constructor(engine: Validator, roots: readonly Term[], sparql: boolean, merge: boolean, chunking: { plan: ChunkPlan | undefined; above: number }) {
    this.#engine = engine as unknown as EngineValidator;
    this.#plan = chunking.plan;
    this.#chunkAbove = chunking.above;
    this.#sparql = sparql;
    this.#merge = merge;
    // Pre-checks read the record index, which SPARQL-based constraints cannot use; runs that report passing checks
    // (debug, details, trace, coverage) may skip nothing.
    const fast = !sparql && !reportsPassingChecks(this.#engine.options);
    this.#roots = roots.map((term) => {
      // The Shape instance the engine's own validate() would use for this term.
      const shape = this.#engine.shape(this.#engine.shapesPtr.node([term]));
      return { shape, targets: compileTargets(shape), check: fast ? preCheck(shape, 'unset') : undefined };
    });
  }

  /** Compiles the shapes; do this once per profile and ontology version, then reuse the instance. */
  static async compile(opts: ShaclValidatorOptions): Promise<ShaclValidator> {
    const shapes = [...opts.shapes];
    let targetResolvers: ReadonlyArray<[Term, unknown]> | undefined;
    const plugin = (opts.sparql ?? needsSparql(shapes)) ? await import('shacl-engine/sparql.js') : undefined;
    if (plugin !== undefined) {
      // Imported lazily with the SPARQL plugin: only profiles with SPARQL-based shapes pay for sparqljs here.
      const { checkSparqlPrebinding } = await import('./check-sparql-prebinding.js');
      ({ SPARQL_TARGET_RESOLVERS: targetResolvers } = await import('./sparql-target.js'));
      const problems = checkSparqlPrebinding(shapes);
      if (problems.length > 0) throw new CatErrors.BAD_REQUEST(`ill-formed SPARQL-based shapes: ${problems.join('; ')}`);
    }
    // The shapes graph is only read, as a record is: the same prebuilt index serves it (building an @rdfjs/dataset
    // index of a composed profile was a large part of compiling one, measured).
    const engine = new Validator(new IndexedGraph(shapes), {
      factory: rdf,
      validations: [...FAST_VALIDATIONS, ...CORRECTED_VALIDATIONS, ...IN_SCHEME_VALIDATIONS, ...(plugin?.validations ?? [])],
      ...(targetResolvers !== undefined && { targetResolvers }),
    });
    const chunking = { plan: plugin === undefined ? chunkPlan(shapes) : undefined, above: opts.chunkAbove ?? 50_000 };
    return new ShaclValidator(engine, targetShapes(shapes), plugin !== undefined, opts.mergeShapeDuplicates ?? true, chunking);
  }

  /** Validates a record given as N-Triples text (as the store's log holds it), as `validate` does its triples. */
  validateNTriples(ntriples: string): Promise<ValidationOutcome> {
    return this.validate(new Parser({ format: 'N-Triples' }).parse(ntriples));
  }

  /**
   * Validates one data graph (a record, a posted document). With `focusNodes`, only those of the shapes' focus nodes
   * are validated (a record too large to check whole). Async so it can move to worker threads.
   */
  async validate(data: Iterable<Quad>, opts: { focusNodes?: Iterable<Term> } = {}): Promise<ValidationOutcome> {
    if (opts.focusNodes === undefined && this.#plan !== undefined) {
      const quads = Array.isArray(data) ? (data as Quad[]) : [...data];
      if (quads.length > this.#chunkAbove) {
        const outcomes: ValidationOutcome[] = [];
        for (const chunk of focusChunks(quads, this.#plan, { size: CHUNK_SUBJECTS })) {
          outcomes.push(await this.validate(chunk.quads, { focusNodes: chunk.focusNodes }));
        }
        return mergeOutcomes(outcomes);
      }
      data = quads;
    }
    const only = opts.focusNodes === undefined ? undefined : new Set([...opts.focusNodes].map(termKey));
    // SPARQL-based constraints query the data through Comunica, which wants a full dataset; the core constraints only
    // traverse, which the prebuilt record index answers without building a dataset per lookup.
    const report = await this.#drive(this.#sparql ? rdf.dataset(data) : new IndexedGraph(data), only);
    if (report === undefined) return { ...EMPTY, reportQuads: () => [...this.#emptyReport().dataset] };
    tidyReport(report as unknown as { results: unknown[] }, { merge: this.#merge });
    const summary = summariseReport(report);
    let quads: Quad[] | undefined;
    return { ...summary, reportQuads: () => (quads ??= [...report.dataset]) };
  }

  /**
   * The engine's validate() loop (each shape with targets, in order; each of its focus nodes, in the engine's order),
   * with one difference: a focus node whose pre-check passes is not handed to the engine, as it would give no result
   * there. Skipping it changes no other result: the engine caches results per shape, focus node and value path, and a
   * cached result is the one a fresh validation of the same shape, node and path gives. Returns undefined when the
   * engine was not needed at all (no result).
   */
  async #drive(dataset: DatasetCore, only: ReadonlySet<string> | undefined): Promise<EngineReport | undefined> {
    const graph = dataset instanceof IndexedGraph ? dataset : undefined;
    let context: (Context & EngineContext) | undefined;
    for (const root of this.#roots) {
      let shapeContext: EngineContext | undefined;
      let focusNodes = root.targets(dataset);
      if (root.shape.targetResolver.targets.length > 0) {
        // sh:target values (SPARQL-based targets) are the engine's target resolvers' to resolve.
        context ??= this.#context(dataset);
        shapeContext = context.create({ shape: root.shape });
        focusNodes = await this.#withEngineTargets(root.shape, shapeContext, focusNodes);
      }
      for (const focus of focusNodes) {
        if (only !== undefined && !only.has(termKey(focus))) continue;
        if (root.check !== undefined && graph !== undefined && root.check(graph, focus)) continue;
        context ??= this.#context(dataset);
        shapeContext ??= context.create({ shape: root.shape });
        await root.shape.validate(shapeContext.create({ focusNode: context.focusNode.node([focus]) }));
      }
    }
    return context?.report;
  }

  /** The focus nodes with those of the shape's sh:target values appended (each node once, at its first place). */
  async #withEngineTargets(shape: EngineShape, context: EngineContext, focusNodes: Term[]): Promise<Term[]> {
    const all = [...focusNodes];
    const seen = new Set(all.map(termKey));
    for (const target of shape.targetResolver.targets) {
      for (const [, resolve] of this.#engine.targetResolverRegistry.targetResolvers) {
        for (const term of await resolve(target, context)) {
          if (!seen.has(termKey(term))) all.push(term);
          seen.add(termKey(term));
        }
      }
    }
    return all;
  }

  /** A validation context as the engine's validate() makes it. */
  #context(dataset: DatasetCore): Context & EngineContext {
    const engine = this.#engine;
    // grapoi's PathList, taken from the engine so the pointers are the very class it uses.
    const PathList = engine.shapesPtr.constructor as new (args: { dataset: DatasetCore; factory: unknown }) => Ptr;
    const focusNode = new PathList({ dataset, factory: engine.factory });
    return new Context({ factory: engine.factory, focusNode, options: engine.options, validator: engine }) as Context & EngineContext;
  }

  #emptyReport(): Report {
    return new Report({ factory: this.#engine.factory, options: this.#engine.options });
  }
}
