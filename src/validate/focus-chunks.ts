// **focusChunks** cuts a large data graph into chunks of focus nodes, each with the neighbourhood its shapes can read.
//
// Validating a whole national dump as one data graph made the engine's per-validation state (contexts, result ids,
// pointers) grow with the file, and time and memory grew faster than the file. A shape reads a bounded neighbourhood
// of its focus node when its paths have no `*`/`+` and its nested shapes do not recurse: so many path steps out from
// the focus node (and in, along the predicates of inverse paths), plus the rdf:type of every node reached (sh:class,
// class targets) and the data's rdfs:subClassOf statements (which the validator counts). Each chunk owns a disjoint
// set of subjects, is validated with those as its only focus nodes, and holds exactly what their shapes can read, so
// the results are the whole graph's, in chunk order. Shapes whose reach is not bounded, or whose focus nodes need not
// be subjects (sh:targetNode, sh:targetObjectsOf, SPARQL targets and constraints), get no plan: validate whole.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { IndexedGraph, termKey } from './indexed-graph.js';
import { targetShapes } from './target-shapes.js';

export interface ChunkPlan {
  /** How many path steps out of a focus node its shapes can read. */
  readonly steps: number;
  /** Predicates of inverse path steps: a chunk holds their quads into its nodes too. */
  readonly inverse: readonly Term[];
}

const sh = (local: string) => DataFactory.namedNode(NS.sh + local);
const RDF_TYPE = DataFactory.namedNode(`${NS.rdf}type`);
const SUBCLASS = DataFactory.namedNode(`${NS.rdfs}subClassOf`);
const RDF_FIRST = DataFactory.namedNode(`${NS.rdf}first`);
const RDF_REST = DataFactory.namedNode(`${NS.rdf}rest`);
const UNPLANNABLE = new Set(['targetNode', 'targetObjectsOf', 'target', 'sparql'].map((l) => NS.sh + l));
const NESTED = ['node', 'property', 'not', 'qualifiedValueShape'].map(sh);
const NESTED_LISTS = ['and', 'or', 'xone'].map(sh);
const COMPARISONS = ['equals', 'disjoint', 'lessThan', 'lessThanOrEquals'].map(sh);

/** The plan for these shapes, or undefined when a shape's reach is not bounded (then validate the graph whole). */
export function chunkPlan(shapes: readonly Quad[]): ChunkPlan | undefined {
  if (shapes.some((q) => UNPLANNABLE.has(q.predicate.value))) return undefined;
  const graph = new IndexedGraph(shapes);
  const inverse = new Map<string, Term>();
  const memo = new Map<string, number>();
  const list = (head: Term): Term[] => {
    const items: Term[] = [];
    for (let node = head, n = 0; node.value !== `${NS.rdf}nil` && n < 10_000; n++) {
      const first = graph.outQuads(node, RDF_FIRST)[0];
      const rest = graph.outQuads(node, RDF_REST)[0];
      if (first === undefined || rest === undefined) break;
      items.push(first.object);
      node = rest.object;
    }
    return items;
  };
  const pathSteps = (path: Term): number => {
    if (path.termType === 'NamedNode') return 1;
    const inv = graph.outQuads(path, sh('inversePath'))[0]?.object;
    if (inv !== undefined) {
      if (inv.termType !== 'NamedNode') return Infinity;
      inverse.set(inv.value, inv);
      return 1;
    }
    if (graph.outQuads(path, sh('zeroOrMorePath')).length > 0 || graph.outQuads(path, sh('oneOrMorePath')).length > 0) return Infinity;
    const optional = graph.outQuads(path, sh('zeroOrOnePath'))[0]?.object;
    if (optional !== undefined) return pathSteps(optional);
    const alternatives = graph.outQuads(path, sh('alternativePath'))[0]?.object;
    if (alternatives !== undefined) return Math.max(0, ...list(alternatives).map(pathSteps));
    if (graph.outQuads(path, RDF_FIRST).length > 0) return list(path).reduce((sum, step) => sum + pathSteps(step), 0);
    return Infinity;
  };
  const depth = (shape: Term, open: Set<string>): number => {
    const key = termKey(shape);
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (open.has(key)) return Infinity;
    open.add(key);
    const path = graph.outQuads(shape, sh('path'))[0]?.object;
    const steps = path === undefined ? 0 : pathSteps(path);
    // sh:closed reads the properties of the node it applies to (each value, on a property shape); the comparisons
    // read the focus node's values of another property.
    const closed = graph.outQuads(shape, sh('closed')).length > 0;
    const nodeReads = COMPARISONS.some((p) => graph.outQuads(shape, p).length > 0) || (closed && path === undefined) ? 1 : 0;
    let nested = closed && path !== undefined ? 1 : 0;
    for (const p of NESTED) for (const q of graph.outQuads(shape, p)) nested = Math.max(nested, depth(q.object, open));
    for (const p of NESTED_LISTS) for (const q of graph.outQuads(shape, p)) for (const m of list(q.object)) nested = Math.max(nested, depth(m, open));
    const inner = Math.max(nodeReads, steps + nested);
    open.delete(key);
    memo.set(key, inner);
    return inner;
  };
  const steps = Math.max(0, ...targetShapes(shapes).map((root) => depth(root, new Set())));
  return Number.isFinite(steps) ? { steps, inverse: [...inverse.values()] } : undefined;
}

export interface FocusChunk {
  /** The subjects this chunk validates (no other chunk does). */
  readonly focusNodes: readonly Term[];
  /** What their shapes can read. */
  readonly quads: readonly Quad[];
}

/** Cuts `quads` into chunks of `size` subjects (in document order), each with its neighbourhood under `plan`. */
export function* focusChunks(quads: readonly Quad[], plan: ChunkPlan, opts: { readonly size: number }): Generator<FocusChunk> {
  const graph = new IndexedGraph(quads);
  const subjects = new Map<string, Term>();
  for (const q of graph) if (!subjects.has(termKey(q.subject))) subjects.set(termKey(q.subject), q.subject);
  const hierarchy = graph.withPredicate(SUBCLASS);
  const owned = [...subjects.values()];
  for (let start = 0; start < owned.length; start += opts.size) {
    const focusNodes = owned.slice(start, start + opts.size);
    const out = new Set<Quad>(hierarchy);
    const reached = new Set(focusNodes.map(termKey));
    let frontier: Term[] = [...focusNodes];
    for (let step = 0; step < plan.steps && frontier.length > 0; step++) {
      const next: Term[] = [];
      const reach = (node: Term) => {
        if (node.termType === 'Literal' || reached.has(termKey(node))) return;
        reached.add(termKey(node));
        next.push(node);
      };
      for (const node of frontier) {
        for (const q of graph.match(node)) {
          out.add(q);
          reach(q.object);
        }
        for (const p of plan.inverse) {
          for (const q of graph.inQuads(node, p)) {
            out.add(q);
            reach(q.subject);
          }
        }
      }
      frontier = next;
    }
    // The last ring is only looked at, never walked from: its types decide sh:class and class targets.
    for (const node of frontier) for (const q of graph.outQuads(node, RDF_TYPE)) out.add(q);
    if (plan.steps === 0) for (const node of focusNodes) for (const q of graph.outQuads(node, RDF_TYPE)) out.add(q);
    yield { focusNodes, quads: [...out] };
  }
}
