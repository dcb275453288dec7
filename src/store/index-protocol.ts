// **index-protocol** types the messages between the embedded store and its Oxigraph worker thread.

/**
 * Graphs' N-Triples as one UTF-8 buffer, handed to the worker without a copy (its memory is transferred):
 * graph `i` is `bytes[ends[i-1] ?? 0 … ends[i])`; an empty range empties the graph. Oxigraph reads the
 * bytes directly, so the text is encoded once, not once per hop.
 * `''` names the default graph; every other graph key is an absolute IRI checked by nquads.ts.
 */
export interface GraphBatch {
  readonly graphs: readonly string[];
  readonly bytes: Uint8Array;
  readonly ends: readonly number[];
  /** Per graph: it may have content in the index, so the index drops it first. Absent: none has any. */
  readonly known?: readonly boolean[];
}

export type IndexRequest =
  | { readonly id: number; readonly op: 'replace'; readonly batch: GraphBatch }
  | {
      readonly id: number;
      readonly op: 'query';
      readonly form: 'select' | 'ask' | 'construct';
      readonly query: string;
      readonly defaultGraphs?: readonly string[];
      readonly namedGraphs?: readonly string[];
    }
  /** `graphs` lists what the update may touch (from its parse); `null` means it may touch any graph. */
  | { readonly id: number; readonly op: 'update'; readonly update: string; readonly graphs: readonly string[] | null };

export type IndexReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** A request before the IndexWorker numbers it. */
export type IndexCall = IndexRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
