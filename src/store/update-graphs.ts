// **updateGraphs** reads a SPARQL Update and names the graphs it may change, so only those are re-logged.
import sparqljs from 'sparqljs';
import { CatErrors } from '../core/errors.js';

/** Graph keys an update may change (`''` = default graph), or `null` when it may change any graph. */
export type TouchedGraphs = string[] | null;

interface GraphRef {
  readonly type?: string;
  readonly name?: { readonly termType: string; readonly value: string };
  readonly termType?: string;
  readonly value?: string;
  readonly default?: boolean;
  readonly named?: boolean;
  readonly all?: boolean;
}

interface Operation {
  readonly type?: string;
  readonly updateType?: string;
  readonly graph?: GraphRef;
  readonly source?: GraphRef;
  readonly destination?: GraphRef;
  readonly insert?: readonly GraphRef[];
  readonly delete?: readonly GraphRef[];
}

const ANY = Symbol('any graph');

// A graph reference: `{type:'graph', name}`, `{default|named|all: true}`, or (LOAD INTO) a bare term.
function target(ref: GraphRef | undefined): string | typeof ANY {
  if (ref === undefined || ref.default) return '';
  if (ref.named || ref.all) return ANY;
  const term = ref.name ?? (ref.termType ? (ref as { termType: string; value: string }) : undefined);
  if (term === undefined) return '';
  return term.termType === 'NamedNode' ? term.value : ANY;
}

function templateTargets(op: Operation): (string | typeof ANY)[] {
  // Triples outside GRAPH in a template go to the WITH graph, or else to the default graph.
  const outside = op.graph ? target(op.graph) : '';
  return [...(op.insert ?? []), ...(op.delete ?? [])].map((pattern) =>
    pattern.type === 'graph' ? target(pattern) : outside,
  );
}

function targets(op: Operation): (string | typeof ANY)[] {
  if (op.updateType !== undefined) return templateTargets(op);
  switch (op.type) {
    case 'clear':
    case 'drop':
    case 'create':
      return [target(op.graph)];
    case 'load':
      return [op.destination ? target(op.destination) : ''];
    case 'move':
      return [target(op.source), target(op.destination)];
    default:
      return [target(op.destination)];
  }
}

/** Throws CAT_ERR_BAD_QUERY when the text is not a SPARQL 1.1 Update. */
export function updateGraphs(update: string): TouchedGraphs {
  let parsed: { updates?: readonly Operation[]; type?: string };
  try {
    parsed = new sparqljs.Parser().parse(update) as typeof parsed;
  } catch (error) {
    throw new CatErrors.BAD_QUERY((error as Error).message);
  }
  if (parsed.type !== 'update' || parsed.updates === undefined) throw new CatErrors.BAD_QUERY('not a SPARQL Update');
  const graphs = new Set<string>();
  for (const op of parsed.updates) {
    for (const graph of targets(op)) {
      if (graph === ANY) return null;
      graphs.add(graph);
    }
  }
  return [...graphs];
}
