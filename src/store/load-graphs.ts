// **loadGraphs** groups a quad stream into whole graphs and commits them in batches, for bulk import.
import type { Quad } from '@rdfjs/types';
import { CatErrors } from '../core/errors.js';
import { graphIriRef, tripleLine } from '../core/nquads.js';
import type { LoadProgress } from './catalogue-store.js';
import { DEFAULT_GRAPH_KEY, type GraphRow } from './graph-log.js';

export interface LoadGraphsOptions {
  readonly quads: AsyncIterable<Quad> | Iterable<Quad>;
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * Durably replaces the batch's graphs; `merge` names graphs an earlier batch of this load already wrote,
   * whose rows must be appended to instead. Resolves once the batch is durable.
   */
  readonly commit: (rows: readonly GraphRow[], merge: ReadonlySet<string>) => Promise<void>;
  readonly batchChars?: number;
}

const BATCH_CHARS = 4_000_000;

function graphKey(quad: Quad): string {
  const graph = quad.graph;
  if (graph.termType === 'DefaultGraph') return DEFAULT_GRAPH_KEY;
  if (graph.termType !== 'NamedNode') throw new CatErrors.BAD_RDF(`a graph name must be an IRI, got a ${graph.termType}`);
  return graph.value;
}

/**
 * A graph is committed only once the stream moves on to another graph, and never split across batches,
 * so after a crash every graph a committed batch holds is whole. Streams that keep each graph together
 * (N-Quads written graph by graph, TriG) are atomic per graph; a graph that reappears after others is
 * appended to its earlier part, and only such a graph can be seen partial after a crash mid-load.
 */
export async function loadGraphs(options: LoadGraphsOptions): Promise<LoadProgress> {
  const batchChars = options.batchChars ?? BATCH_CHARS;
  const written = new Set<string>();
  let batch = new Map<string, GraphRow>();
  let chars = 0;
  let current: string | null = null;
  let lines = new Set<string>();
  let committed = { quads: 0, graphs: 0 };
  let inFlight: Promise<void> | null = null;

  const closeGraph = (): void => {
    if (current === null) return;
    const previous = batch.get(current);
    const all = previous === undefined ? lines : new Set([...previous.ntriples.split(/(?<=\n)/), ...lines]);
    const ntriples = [...all].join('');
    batch.set(current, { graph: current, ntriples, quads: all.size });
    chars += ntriples.length - (previous?.ntriples.length ?? 0);
    lines = new Set();
    current = null;
  };

  const flush = async (): Promise<void> => {
    if (batch.size === 0) return;
    const rows = [...batch.values()];
    const merge = new Set(rows.filter((r) => written.has(r.graph)).map((r) => r.graph));
    for (const row of rows) written.add(row.graph);
    batch = new Map();
    chars = 0;
    // One batch is committed while the next is parsed; wait for the previous before queueing another.
    const previous = inFlight;
    const next = options.commit(rows, merge).then(() => {
      committed = {
        quads: committed.quads + rows.reduce((n, r) => n + r.quads, 0),
        graphs: committed.graphs + rows.filter((r) => r.graph !== DEFAULT_GRAPH_KEY && !merge.has(r.graph)).length,
      };
      options.onProgress?.(committed);
    });
    next.catch(() => {});
    inFlight = next;
    if (previous !== null) await previous;
  };

  // A plain iterable is walked without `for await`, which costs a promise and a microtask per quad (measured:
  // the largest share of this function's own time in a bulk load); only an async iterator's steps are awaited.
  const quads = options.quads;
  const isAsync = Symbol.asyncIterator in quads;
  const iterator: Iterator<Quad> | AsyncIterator<Quad> = isAsync ? quads[Symbol.asyncIterator]() : quads[Symbol.iterator]();
  let finished = false;
  try {
    for (;;) {
      const step = isAsync ? await iterator.next() : (iterator.next() as IteratorResult<Quad>);
      if (step.done) break;
      const quad = step.value;
      const key = graphKey(quad);
      if (key !== current) {
        closeGraph();
        if (chars >= batchChars) await flush();
        if (key !== DEFAULT_GRAPH_KEY) graphIriRef(key);
        current = key;
      }
      lines.add(tripleLine(quad));
    }
    finished = true;
  } finally {
    // As `for … of` would: a source left early (a bad quad, a failed batch) is closed.
    if (!finished) await iterator.return?.();
  }
  closeGraph();
  await flush();
  if (inFlight !== null) await inFlight;
  return committed;
}
