// **graphBatch** packs graphs' N-Triples into one transferable UTF-8 buffer for the index worker.
import type { GraphBatch } from './index-protocol.js';

/** One graph's content: N-Triples text (a write) or its UTF-8 bytes as read from the log (a rebuild). */
export interface GraphPart {
  readonly graph: string;
  readonly ntriples: string | Uint8Array;
}

/**
 * `known[i]`: graph `i` may already be in the index. The buffer is allocated unpooled: transferring a
 * pooled Buffer's memory would detach every other Buffer sharing the pool.
 */
export function graphBatch(parts: readonly GraphPart[], known?: readonly boolean[]): GraphBatch {
  let size = 0;
  for (const { ntriples } of parts) size += typeof ntriples === 'string' ? Buffer.byteLength(ntriples) : ntriples.length;
  const bytes = Buffer.allocUnsafeSlow(size);
  const ends: number[] = [];
  let at = 0;
  for (const { ntriples } of parts) {
    if (typeof ntriples === 'string') at += bytes.write(ntriples, at);
    else {
      bytes.set(ntriples, at);
      at += ntriples.length;
    }
    ends.push(at);
  }
  return { graphs: parts.map((p) => p.graph), bytes, ends, ...(known && { known }) };
}

/** What to list in postMessage's transfer list so the batch moves without a copy. */
export function batchTransfer(batch: GraphBatch): ArrayBuffer[] {
  return [batch.bytes.buffer as ArrayBuffer];
}
