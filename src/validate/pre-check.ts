// **preCheck** compiles a shape into a cheap test over the record index: "the engine gives no result here", or "ask it".
//
// A profile gives each focus node dozens of shapes, and most of them pass: an optional property that is absent, a
// datatype that is right. The engine pays the same per shape either way (grapoi pointers, contexts, string ids). For a
// shape whose path is one step and whose constraints read only the values themselves (counts, datatype, node kind,
// sh:in, sh:class, patterns, lengths, ranges, and sh:node / sh:and / sh:or / sh:property / qualified minimum counts
// over such shapes) a pre-check answers "passes" without the engine. A pre-check never produces results: where it
// cannot pass a shape, the engine validates it, so results (and their order) stay exactly the engine's. Its only
// answers are "no result" (true) and "the engine decides" (false), and value-only constraints run the engine's own
// compiled check on each value, so its verdicts are the engine's.
import type { Quad, Term } from '@rdfjs/types';
import resolveClasses from 'shacl-engine/lib/resolveClasses.js';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { IndexedGraph, termKey } from './indexed-graph.js';
import type { CompiledCheck, EngineShape, Step } from './engine-internals.js';
import { IN_SCHEME_PARAMETERS } from './compile-in-scheme.js';

/** True when the shape, validated with this node as its focus node, gives no result at all. */
export type Check = (graph: IndexedGraph, node: Term) => boolean;

/**
 * Whether a pre-check may assume the engine's context has no current value. shacl-engine validates a qualified value
 * shape on the context's current value when there is one (inside a property shape's values) instead of on the
 * qualified value, so a qualified pre-check only holds where there is none: a target's shape and whatever it reaches
 * through sh:property, sh:node, logical constraints and qualified value shapes ('unset'). 'any' holds everywhere.
 */
export type CheckMode = 'unset' | 'any';

const sh = (local: string) => DataFactory.namedNode(NS.sh + local);
const SH_PROPERTY = sh('property');
const SH_CLASS = sh('class');
const SH_MIN_COUNT = sh('minCount');
const SH_MAX_COUNT = sh('maxCount');
const SH_SPARQL = sh('sparql');
const SH_NODE = sh('node');
const SH_AND = sh('and');
const SH_OR = sh('or');
const SH_NOT = sh('not');
const SH_HAS_VALUE = sh('hasValue');
const SH_QUALIFIED = sh('qualifiedValueShape');
const SH_QUALIFIED_MIN = sh('qualifiedMinCount');
const SH_QUALIFIED_MAX = sh('qualifiedMaxCount');
const SH_QUALIFIED_DISJOINT = sh('qualifiedValueShapesDisjoint');
const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);

// Constraint components whose engine check reads nothing but the value term (and the shape): the pre-check runs the
// engine's own compiled check on each value, so its verdict is the engine's.
const VALUE_ONLY = new Set(['datatype', 'nodeKind', 'in', 'pattern', 'languageIn', 'minLength', 'maxLength',
  'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'].map((local) => NS.sh + local).concat(IN_SCHEME_PARAMETERS));
// Cardinalities: checked on property shapes, ignored on node shapes (as the engine does).
const COUNTED = new Set([SH_MIN_COUNT.value, SH_MAX_COUNT.value]);
const MEMBERS = new Set([SH_PROPERTY.value, SH_NODE.value, SH_AND.value, SH_OR.value]);
// Severities that make a report non-conforming (shacl-engine's sh:not reads conformance; custom severities do not count).
const CONFORMANCE_SEVERITIES = new Set(['Violation', 'Warning', 'Info'].map((local) => NS.sh + local));

const PASS: Check = () => true;

/** Stands in for an engine context when running a value-only check: it only records whether the check failed. */
class Probe {
  failed = false;
  readonly valueOrNode = new ProbeNode();
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

/** The value under check; `value` is read only by the string checks, so it is not computed otherwise. */
class ProbeNode {
  term: Term = RDF_TYPE;
  get value(): string {
    return this.term.value;
  }
}

// One probe serves every value-only check: they are synchronous and call no other shape.
const PROBE = new Probe();

function valueOnlyCheck(generic: (probe: Probe) => unknown): Check {
  return (_graph, value) => {
    PROBE.failed = false;
    PROBE.valueOrNode.term = value;
    const outcome = generic(PROBE);
    // An asynchronous check cannot be trusted to have finished: let the engine run it.
    return !PROBE.failed && (outcome as Promise<unknown> | undefined)?.then === undefined;
  };
}

function classCheck(classes: ReadonlySet<string>): Check {
  return (graph, value) => {
    for (const q of graph.outQuads(value, RDF_TYPE)) if (classes.has(termKey(q.object))) return true;
    return false;
  };
}

function allOf(checks: readonly Check[]): Check {
  if (checks.length === 0) return PASS;
  if (checks.length === 1) return checks[0]!;
  return (graph, value) => {
    for (const c of checks) if (!c(graph, value)) return false;
    return true;
  };
}

function anyOf(checks: readonly Check[]): Check {
  return (graph, value) => {
    for (const c of checks) if (c(graph, value)) return true;
    return false;
  };
}

// Pre-checks are compiled once per shape and mode; `null` marks a shape that always goes to the engine, IN_PROGRESS a
// shape whose check is being compiled (a recursive shape: left to the engine).
const COMPILED: Record<CheckMode, WeakMap<EngineShape, Check | null>> = { unset: new WeakMap(), any: new WeakMap() };
const IN_PROGRESS: Check = () => false;

/** A shape's pre-check for one focus node (a node shape's node, a property shape's focus), or undefined. */
export function preCheck(shape: EngineShape, mode: CheckMode): Check | undefined {
  const compiled = COMPILED[mode];
  const known = compiled.get(shape);
  if (known !== undefined) return known === IN_PROGRESS || known === null ? undefined : known;
  compiled.set(shape, IN_PROGRESS);
  const check = compileCheck(shape, mode);
  compiled.set(shape, check ?? null);
  return check;
}

const shapesIn = (shape: EngineShape, predicate: Term) => [...shape.ptr.out([predicate])].map((ptr) => shape.validator.shape(ptr));
const listsOf = (shape: EngineShape, predicate: Term) =>
  [...shape.ptr.out([predicate])].map((ptr) => [...(ptr.list() ?? [])].map((member) => shape.validator.shape(member)));

function compileCheck(shape: EngineShape, mode: CheckMode): Check | undefined {
  // The engine compiles no constraint for a deactivated shape.
  if (shape.deactivated) return PASS;
  const validations = shape.validator.registry.validations;
  const keys = new Set<string>();
  for (const p of shape.ptr.execute({ start: 'subject', end: 'predicate' })) {
    if (p.term.equals(SH_SPARQL)) return undefined;
    if (validations.get(p.term) !== undefined) keys.add(p.term.value);
  }
  const path = shape.path;
  if (path && (path.length !== 1 || path[0]!.quantifier !== 'one')) return undefined;
  // A node shape's constraints apply to its node in the same context; a property shape's to each value, inside the
  // value's context (which has a current value).
  const memberMode: CheckMode = path ? 'any' : mode;
  const checks: Check[] = [];
  let qualified: QualifiedCheck | undefined;
  for (const key of keys) {
    const term = DataFactory.namedNode(key);
    if (VALUE_ONLY.has(key)) {
      const compiled: CompiledCheck | null = validations.get(term)!(shape);
      if (!compiled) continue;
      if (compiled.property !== undefined || compiled.node !== undefined || compiled.generic === undefined) return undefined;
      checks.push(valueOnlyCheck(compiled.generic as (probe: Probe) => unknown));
    } else if (key === SH_CLASS.value) {
      for (const ptr of shape.ptr.out([SH_CLASS])) checks.push(classCheck(new Set([...resolveClasses(ptr)].map(termKey))));
    } else if (MEMBERS.has(key)) {
      // Each sh:or / sh:and value is a list of its own: sh:or passes when one member of each list does; the others
      // need every member (a member the pre-check cannot pass sends the whole shape to the engine, which decides).
      const groups = key === SH_PROPERTY.value || key === SH_NODE.value ? [shapesIn(shape, term)] : listsOf(shape, term);
      for (const members of groups) {
        const memberChecks: Check[] = [];
        for (const member of members) {
          const c = preCheck(member, memberMode);
          if (c === undefined) return undefined;
          memberChecks.push(c);
        }
        checks.push(key === SH_OR.value ? anyOf(memberChecks) : allOf(memberChecks));
      }
    } else if (key === SH_NOT.value) {
      const fails = notCheck(shape);
      if (fails === undefined) return undefined;
      checks.push(fails);
    } else if (key === SH_QUALIFIED.value) {
      // The engine checks qualified shapes on property shapes only.
      if (!path) continue;
      if (mode !== 'unset') return undefined;
      qualified = qualifiedCheck(shape);
      if (qualified === undefined) return undefined;
    } else if (!COUNTED.has(key)) {
      return undefined;
    }
  }
  const perTerm = allOf(checks);
  // A node shape checks its focus node; sh:minCount and sh:maxCount only apply to property shapes (as in the engine).
  if (!path) return perTerm;
  return propertyCheck({
    step: path[0]!,
    min: keys.has(SH_MIN_COUNT.value) ? parseInt(shape.ptr.out([SH_MIN_COUNT]).value) : undefined,
    max: keys.has(SH_MAX_COUNT.value) ? parseInt(shape.ptr.out([SH_MAX_COUNT]).value) : undefined,
    perValue: perTerm === PASS ? undefined : perTerm,
    qualified,
  });
}

/**
 * sh:not [S] passes when S gives a result. A pre-check cannot show that of most shapes, but it can of a node shape
 * whose constraints all read the node alone (e.g. the derived "must not be this deprecated value", sh:not [sh:hasValue
 * X]): the engine's own checks then tell whether S fails. S's results must be of a severity that breaks conformance.
 */
function notCheck(shape: EngineShape): Check | undefined {
  const ptr = shape.ptr.out([SH_NOT]);
  if (ptr.ptrs.length !== 1) return undefined;
  const member = shape.validator.shape(ptr);
  if (member.deactivated || member.path) return undefined;
  if (member.severity !== undefined && !CONFORMANCE_SEVERITIES.has(member.severity.value)) return undefined;
  const validations = member.validator.registry.validations;
  const keys = new Map<string, Term>();
  for (const p of member.ptr.execute({ start: 'subject', end: 'predicate' })) {
    if (validations.get(p.term) === undefined) continue;
    if (!VALUE_ONLY.has(p.term.value) && !p.term.equals(SH_HAS_VALUE)) return undefined;
    keys.set(p.term.value, p.term);
  }
  const probes: ((probe: Probe) => unknown)[] = [];
  for (const term of keys.values()) {
    const compiled = validations.get(term)!(member);
    if (!compiled) continue;
    // A node shape runs a component's node and generic checks; for these components they read the node alone.
    for (const run of [compiled.node, compiled.generic]) if (run !== undefined) probes.push(run as (probe: Probe) => unknown);
  }
  if (probes.length === 0) return undefined;
  return (graph, node) => {
    // The engine skips validation of an empty data graph altogether: there S gives nothing.
    if (graph.size === 0) return false;
    for (const run of probes) {
      PROBE.failed = false;
      PROBE.valueOrNode.term = node;
      const outcome = run(PROBE);
      if ((outcome as Promise<unknown> | undefined)?.then !== undefined) return false;
      if (PROBE.failed) return true;
    }
    return false;
  };
}

type QualifiedCheck = (graph: IndexedGraph, values: readonly Term[]) => boolean;

/**
 * sh:qualifiedValueShape with a minimum only: at least that many values pass the value shape's pre-check. A value the
 * pre-check passes conforms in the engine too, so the engine's count is at least as high. Maximum counts and disjoint
 * siblings need values proven not to conform, which a pre-check cannot do: those go to the engine.
 */
function qualifiedCheck(shape: EngineShape): QualifiedCheck | undefined {
  const valuePtr = shape.ptr.out([SH_QUALIFIED]);
  if (valuePtr.ptrs.length !== 1) return undefined;
  if (shape.ptr.out([SH_QUALIFIED_MAX]).ptrs.length > 0 || shape.ptr.out([SH_QUALIFIED_DISJOINT]).ptrs.length > 0) return undefined;
  const minPtr = shape.ptr.out([SH_QUALIFIED_MIN]);
  if (minPtr.ptrs.length === 0) return () => true;
  if (minPtr.ptrs.length !== 1) return undefined;
  const min = parseInt(minPtr.value);
  // The value shape is validated with each value as focus node, in a child of a context with no current value.
  const valueCheck = preCheck(shape.validator.shape(valuePtr), 'unset');
  if (valueCheck === undefined) return undefined;
  return (graph, values) => {
    let count = 0;
    for (const v of values) if (valueCheck(graph, v)) count++;
    return count >= min;
  };
}

interface PropertyParts {
  readonly step: Step;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly perValue: Check | undefined;
  readonly qualified: QualifiedCheck | undefined;
}

const valueOf = (q: Quad, start: 'subject' | 'object'): Term => (start === 'subject' ? q.object : q.subject);

function quadsAt(graph: IndexedGraph, focus: Term, predicate: Term, start: 'subject' | 'object'): readonly Quad[] {
  return start === 'subject' ? graph.outQuads(focus, predicate) : graph.inQuads(focus, predicate);
}

/** The distinct values of a one-step path (the engine counts a value once, whatever graphs or predicates give it). */
function distinctValues(graph: IndexedGraph, focus: Term, step: Step): Term[] {
  const values = new Map<string, Term>();
  for (const p of step.predicates) {
    for (const q of quadsAt(graph, focus, p, step.start)) {
      const v = valueOf(q, step.start);
      values.set(termKey(v), v);
    }
  }
  return [...values.values()];
}

function inDefaultGraph(quads: readonly Quad[]): boolean {
  for (const q of quads) if (q.graph.termType !== 'DefaultGraph') return false;
  return true;
}

function propertyCheck({ step, min, max, perValue, qualified }: PropertyParts): Check {
  const { start, predicates } = step;
  const single = predicates.length === 1 ? predicates[0]! : undefined;
  return (graph, focus) => {
    // One predicate in one graph: the index already holds each value once, so its quads are the values.
    let quads: readonly Quad[] | undefined = single === undefined ? undefined : quadsAt(graph, focus, single, start);
    if (quads !== undefined && quads.length > 1 && !inDefaultGraph(quads)) quads = undefined;
    const values = quads === undefined ? distinctValues(graph, focus, step) : undefined;
    const n = quads !== undefined ? quads.length : values!.length;
    if (min !== undefined && !(n >= min)) return false;
    if (max !== undefined && !(n <= max)) return false;
    if (perValue !== undefined) {
      for (let i = 0; i < n; i++) if (!perValue(graph, quads !== undefined ? valueOf(quads[i]!, start) : values![i]!)) return false;
    }
    if (qualified !== undefined) return qualified(graph, values ?? quads!.map((q) => valueOf(q, start)));
    return true;
  };
}
