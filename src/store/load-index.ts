// **loadIndex** builds an index replica from the graph log: the log's rows, in batches, into a fresh index worker.
import { CatErrors } from '../core/errors.js';
import { batchTransfer, graphBatch } from './graph-batch.js';
import { DEFAULT_GRAPH_KEY, type GraphBytesRow, type GraphLog } from './graph-log.js';
import type { IndexWorker } from './index-worker.js';

/** What the last index build loaded from the log. */
export interface RebuildStats {
  readonly graphs: number;
  readonly quads: number;
  readonly ms: number;
}

// The rebuild hands rows to the worker in batches of about this many bytes: big enough that messaging costs
// nothing, small enough that the log is never held in memory whole (stack-notes: ~4 MB chunks load fastest).
const BATCH_BYTES = 4_000_000;

/**
 * Loads the whole log (but graphs under the `skip` prefixes, which live in the log only) into a fresh index worker,
 * and says what it loaded. CAT_ERR_STORE_CORRUPT when the log cannot be loaded.
 */
export async function loadIndex(worker: IndexWorker, options: { readonly log: GraphLog; readonly skip: readonly string[]; readonly path: string }): Promise<RebuildStats> {
  const started = performance.now();
  let graphs = 0;
  let quads = 0;
  let parts: GraphBytesRow[] = [];
  let bytes = 0;
  const inFlight: Promise<unknown>[] = [];
  const send = async (): Promise<void> => {
    const batch = graphBatch(parts);
    inFlight.push(worker.request({ op: 'replace', batch }, { transfer: batchTransfer(batch) }));
    parts = [];
    bytes = 0;
    // Two batches in flight: the worker loads one while this thread reads the next from SQLite.
    if (inFlight.length >= 2) await inFlight.shift();
  };
  try {
    for (const page of options.log.bytePages({ skip: options.skip })) {
      for (const row of page) {
        parts.push(row);
        bytes += row.ntriples.length;
        graphs += row.graph === DEFAULT_GRAPH_KEY ? 0 : 1;
        quads += row.quads;
        if (bytes >= BATCH_BYTES) await send();
      }
    }
    if (parts.length > 0) await send();
    await Promise.all(inFlight);
  } catch (error) {
    await Promise.allSettled(inFlight);
    if ((error as { code?: string }).code === 'CAT_ERR_STORE_CORRUPT') throw error;
    throw new CatErrors.STORE_CORRUPT(`${options.path}: the graph log cannot be loaded (${(error as Error).message})`);
  }
  return { graphs, quads, ms: Math.round(performance.now() - started) };
}
