// **ShaclValidator** compiles a shapes graph once (shacl-engine) and validates many data graphs against it.
import type { Quad, Term } from '@rdfjs/types';
import rdf from 'rdf-ext';
import { Validator, type EngineReport } from 'shacl-engine';
import { summariseReport, type ValidationSummary } from './summarise-report.js';
import { FAST_VALIDATIONS } from './fast-validations.js';
import { IndexedGraph } from './indexed-graph.js';
import { CatErrors } from '../core/errors.js';
import { NS } from '../core/namespaces.js';

export interface ShaclValidatorOptions {
  /** The complete shapes graph: profile shapes, derived shapes and the ontology's class hierarchy. */
  readonly shapes: Iterable<Quad>;
  /** Loads shacl-engine's SPARQL plugin (sh:sparql, SPARQL targets); off the hot path unless a profile needs it. */
  readonly sparql?: boolean;
}

/** A validation's outcome: the JSON summary now, the sh:ValidationReport quads on demand. */
export interface ValidationOutcome extends ValidationSummary {
  /** The W3C sh:ValidationReport graph (built lazily: most callers only need the summary). */
  reportQuads(): Quad[];
}

const TARGET_PREDICATES = new Set(['targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'target'].map((t) => NS.sh + t));
const CLASS_TYPES = new Set([`${NS.rdfs}Class`, `${NS.owl}Class`]);

/**
 * The shapes that can have focus nodes of their own: explicit targets, or implicit class targets (a shape that is
 * also a class). shacl-engine would otherwise resolve targets for every shape, nested property shapes included,
 * on every record; profiles declare hundreds of those.
 */
function targetShapes(shapes: readonly Quad[]): Term[] {
  const roots = new Map<string, Term>();
  const types = new Map<string, Set<string>>();
  for (const q of shapes) {
    const k = `${q.subject.termType}:${q.subject.value}`;
    if (TARGET_PREDICATES.has(q.predicate.value)) roots.set(k, q.subject);
    if (q.predicate.value === `${NS.rdf}type`) (types.get(k) ?? types.set(k, new Set()).get(k)!).add(q.object.value);
  }
  for (const q of shapes) {
    const t = types.get(`${q.subject.termType}:${q.subject.value}`);
    if (t && [...t].some((x) => CLASS_TYPES.has(x)) && (t.has(`${NS.sh}NodeShape`) || t.has(`${NS.sh}PropertyShape`))) {
      roots.set(`${q.subject.termType}:${q.subject.value}`, q.subject);
    }
  }
  return [...roots.values()];
}

export class ShaclValidator {
  readonly #engine: Validator;
  readonly #roots: { terms: Term[] }[];
  readonly #sparql: boolean;

  private constructor(engine: Validator, roots: readonly Term[], sparql: boolean) {
    this.#engine = engine;
    this.#roots = roots.map((term) => ({ terms: [term] }));
    this.#sparql = sparql;
  }

  /** Compiles the shapes; do this once per profile and ontology version, then reuse the instance. */
  static async compile(opts: ShaclValidatorOptions): Promise<ShaclValidator> {
    const shapes = [...opts.shapes];
    const plugin = opts.sparql === true ? await import('shacl-engine/sparql.js') : undefined;
    if (plugin !== undefined) {
      // Imported lazily with the SPARQL plugin: only profiles with SPARQL-based shapes pay for sparqljs here.
      const { checkSparqlPrebinding } = await import('./check-sparql-prebinding.js');
      const problems = checkSparqlPrebinding(shapes);
      if (problems.length > 0) throw new CatErrors.BAD_REQUEST(`ill-formed SPARQL-based shapes: ${problems.join('; ')}`);
    }
    const engine = new Validator(rdf.dataset(shapes), {
      factory: rdf,
      validations: [...FAST_VALIDATIONS, ...(plugin?.validations ?? [])],
      ...(plugin !== undefined && { targetResolvers: plugin.targetResolvers }),
    });
    return new ShaclValidator(engine, targetShapes(shapes), plugin !== undefined);
  }

  /** Validates one data graph (a record, a posted document). Async so it can move to worker threads later. */
  async validate(data: Iterable<Quad>, opts: { focusNodes?: Iterable<Term> } = {}): Promise<ValidationOutcome> {
    const report: EngineReport = await this.#engine.validate({
      // SPARQL-based constraints query the data through Comunica, which wants a full dataset; the core constraints
      // only traverse, which the prebuilt record index answers without building a dataset per lookup.
      dataset: this.#sparql ? rdf.dataset(data) : new IndexedGraph(data),
      ...(opts.focusNodes !== undefined && { terms: opts.focusNodes }),
    }, opts.focusNodes === undefined ? this.#roots : undefined);
    const summary = summariseReport(report);
    let quads: Quad[] | undefined;
    return {
      ...summary,
      reportQuads: () => (quads ??= [...report.dataset]),
    };
  }
}
