// **compileProperty** replaces shacl-engine's sh:property: property shapes a record plainly passes are skipped cheaply.
//
// A profile gives each focus node dozens of property shapes, and most of them pass: an optional property that is
// absent, a datatype that is right. The engine pays the same per shape either way (grapoi pointers, contexts, string
// ids). For a property shape whose path is one step and whose constraints read only the values themselves (counts,
// datatype, node kind, sh:in, sh:class, patterns, lengths, ranges) a pre-check over the record index answers
// "passes" without the engine. Anything else, and every shape the pre-check cannot pass, goes to the engine's own
// validation, so results (and their order) are exactly the engine's: the pre-check only ever skips shapes that
// would produce no result. Debug, details, trace and coverage runs report passing checks too, so they skip nothing.
import type { Quad, Term } from '@rdfjs/types';
import resolveClasses from 'shacl-engine/lib/resolveClasses.js';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { IndexedGraph, termKey } from './indexed-graph.js';

const sh = (local: string) => DataFactory.namedNode(NS.sh + local);
const SH_PROPERTY = sh('property');
const SH_CLASS = sh('class');
const SH_MIN_COUNT = sh('minCount');
const SH_MAX_COUNT = sh('maxCount');
const SH_SPARQL = sh('sparql');
const SH_NODE = sh('node');
const SH_AND = sh('and');
const SH_OR = sh('or');
const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);

// Constraint components whose engine check reads nothing but the value term (and the shape): the pre-check runs the
// engine's own compiled check on each value, so its verdict is the engine's.
const VALUE_ONLY = new Set(['datatype', 'nodeKind', 'in', 'pattern', 'languageIn', 'minLength', 'maxLength',
  'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'].map((local) => NS.sh + local));
// Cardinalities: checked on property shapes, ignored on node shapes (as the engine does).
const COUNTED = new Set([SH_MIN_COUNT.value, SH_MAX_COUNT.value]);

// ---- the slice of shacl-engine's internals this file uses (the engine ships no types) -------------------------------

interface Ptr extends Iterable<Ptr> {
  readonly term: Term;
  readonly value: string;
  readonly ptrs: ReadonlyArray<{ readonly term: Term; readonly dataset: unknown }>;
  out(predicates: Term[]): Ptr;
  list(): Iterable<Ptr>;
  map<T>(fn: (ptr: Ptr) => T): T[];
  execute(step: { start: string; end: string }): Iterable<{ readonly term: Term }>;
}
interface Step {
  readonly quantifier: string;
  readonly start: 'subject' | 'object';
  readonly predicates: readonly Term[];
}
interface EngineContext {
  readonly valueOrNode: Ptr;
  create(args: { focusNode: Ptr }): EngineContext;
}
interface EngineShape {
  readonly ptr: Ptr;
  readonly path: readonly Step[] | null | undefined;
  readonly deactivated: unknown;
  readonly validator: {
    readonly options: Readonly<Record<string, unknown>>;
    readonly registry: { readonly validations: { get(term: Term): ((shape: EngineShape) => CompiledCheck | null) | undefined } };
    shape(ptr: Ptr): EngineShape;
  };
  validate(context: EngineContext): Promise<unknown>;
}
interface CompiledCheck {
  generic?: (probe: Probe) => unknown;
  property?: unknown;
  node?: unknown;
}

/** Stands in for an engine context when running a value-only check: it only records whether the check failed. */
class Probe {
  failed = false;
  valueOrNode: { term: Term; value: string } = { term: RDF_TYPE, value: '' };
  // The checks build their message literals before reporting; nothing reads them when the check passes.
  readonly factory = { literal: () => null };
  test(success: boolean): void {
    if (!success) this.failed = true;
  }
  violation(): void {
    this.failed = true;
  }
  debug(): void {}
}

type Check = (graph: IndexedGraph, term: Term) => boolean;

// Pre-checks are compiled once per shape; `null` marks a shape that always goes to the engine, IN_PROGRESS a shape
// whose check is being compiled (a recursive shape: left to the engine).
const COMPILED = new WeakMap<EngineShape, Check | null>();
const IN_PROGRESS: Check = () => false;

/** A shape's pre-check for one node (a node shape's focus node, a property shape's focus node), or undefined. */
function preCheck(shape: EngineShape): Check | undefined {
  const known = COMPILED.get(shape);
  if (known !== undefined) return known === IN_PROGRESS ? undefined : known ?? undefined;
  COMPILED.set(shape, IN_PROGRESS);
  const check = compileCheck(shape);
  COMPILED.set(shape, check ?? null);
  return check;
}

const shapesIn = (shape: EngineShape, predicate: Term) => [...shape.ptr.out([predicate])].map((ptr) => shape.validator.shape(ptr));
const listMembers = (shape: EngineShape, predicate: Term) =>
  [...shape.ptr.out([predicate])].flatMap((ptr) => [...ptr.list()]).map((ptr) => shape.validator.shape(ptr));

function compileCheck(shape: EngineShape): Check | undefined {
  if (shape.deactivated) return undefined;
  const validations = shape.validator.registry.validations;
  const keys = new Set<string>();
  for (const p of shape.ptr.execute({ start: 'subject', end: 'predicate' })) {
    if (p.term.equals(SH_SPARQL)) return undefined;
    if (validations.get(p.term) !== undefined) keys.add(p.term.value);
  }
  const path = shape.path;
  if (path && (path.length !== 1 || path[0]!.quantifier !== 'one')) return undefined;
  // Checks on one term: the node itself for a node shape, each value for a property shape.
  const checks: Check[] = [];
  const probe = new Probe();
  for (const key of keys) {
    const term = DataFactory.namedNode(key);
    if (VALUE_ONLY.has(key)) {
      const compiled = validations.get(term)!(shape);
      if (!compiled) continue;
      if (compiled.property !== undefined || compiled.node !== undefined || compiled.generic === undefined) return undefined;
      const generic = compiled.generic;
      checks.push((_graph, value) => {
        probe.failed = false;
        probe.valueOrNode = { term: value, value: value.value };
        const outcome = generic(probe);
        // An asynchronous check cannot be trusted to have finished: let the engine run it.
        return !probe.failed && (outcome as Promise<unknown> | undefined)?.then === undefined;
      });
    } else if (key === SH_CLASS.value) {
      for (const set of shape.ptr.out([SH_CLASS]).map((ptr) => new Set([...resolveClasses(ptr)].map(termKey)))) {
        checks.push((graph, value) => graph.outQuads(value, RDF_TYPE).some((q) => set.has(termKey(q.object))));
      }
    } else if (key === SH_PROPERTY.value || key === SH_NODE.value || key === SH_AND.value || key === SH_OR.value) {
      const members = key === SH_PROPERTY.value || key === SH_NODE.value ? shapesIn(shape, term) : listMembers(shape, term);
      const memberChecks = members.map(preCheck);
      if (memberChecks.some((c) => c === undefined)) return undefined;
      const all = memberChecks as Check[];
      // sh:or passes when one member does; the others need every member (a member the pre-check cannot pass sends
      // the whole shape to the engine, which decides).
      checks.push(key === SH_OR.value
        ? (graph, value) => all.some((c) => c(graph, value))
        : (graph, value) => all.every((c) => c(graph, value)));
    } else if (!COUNTED.has(key)) {
      return undefined;
    }
  }
  const perTerm: Check = (graph, value) => {
    for (const c of checks) if (!c(graph, value)) return false;
    return true;
  };
  // A node shape checks its focus node; sh:minCount and sh:maxCount only apply to property shapes (as in the engine).
  if (!path) return perTerm;
  const { start, predicates } = path[0]!;
  const min = keys.has(SH_MIN_COUNT.value) ? parseInt(shape.ptr.out([SH_MIN_COUNT]).value) : undefined;
  const max = keys.has(SH_MAX_COUNT.value) ? parseInt(shape.ptr.out([SH_MAX_COUNT]).value) : undefined;
  const value = (q: Quad) => (start === 'subject' ? q.object : q.subject);
  const valuesOf = (graph: IndexedGraph, focus: Term): readonly Term[] => {
    const at = (p: Term) => (start === 'subject' ? graph.outQuads(focus, p) : graph.inQuads(focus, p));
    // One predicate: the index already holds each value once (no duplicate quads, graphs aside).
    if (predicates.length === 1) {
      const quads = at(predicates[0]!);
      if (quads.length <= 1 || quads.every((q) => q.graph.termType === 'DefaultGraph')) return quads.map(value);
    }
    const values = new Map<string, Term>();
    for (const p of predicates) for (const q of at(p)) values.set(termKey(value(q)), value(q));
    return [...values.values()];
  };
  return (graph, focus) => {
    const values = valuesOf(graph, focus);
    if (min !== undefined && !(values.length >= min)) return false;
    if (max !== undefined && !(values.length <= max)) return false;
    for (const v of values) if (!perTerm(graph, v)) return false;
    return true;
  };
}

function compileProperty(shape: EngineShape) {
  const properties = [...shape.ptr.out([SH_PROPERTY])].map((ptr) => shape.validator.shape(ptr));
  const { debug, details, trace, coverage } = shape.validator.options;
  const exhaustive = Boolean(debug || details || trace || coverage);
  const checks = properties.map((child) => (exhaustive ? undefined : preCheck(child)));

  return {
    generic: async (context: EngineContext) => {
      const ptrs = context.valueOrNode.ptrs;
      const graph = ptrs.length === 1 && ptrs[0]!.dataset instanceof IndexedGraph ? ptrs[0]!.dataset : undefined;
      const focus = ptrs[0]?.term;
      let propertyContext: EngineContext | undefined;
      for (let i = 0; i < properties.length; i++) {
        const check = checks[i];
        if (graph !== undefined && check !== undefined && check(graph, focus!)) continue;
        propertyContext ??= context.create({ focusNode: context.valueOrNode });
        await properties[i]!.validate(propertyContext);
      }
    },
  };
}

/** The entry for shacl-engine's `validations` option. */
export const PROPERTY_VALIDATION: [Term, unknown] = [SH_PROPERTY, compileProperty];
