// **index-protocol** types the messages between the embedded store and its Oxigraph worker thread.

/** `isNew`: the graph had no content before, so the index can skip dropping it. */
/** `''` names the default graph; every other graph key is an absolute IRI checked by nquads.ts. */
export type GraphText = readonly [graph: string, ntriples: string, isNew?: boolean];

export type IndexRequest =
  | { readonly id: number; readonly op: 'replace'; readonly rows: readonly GraphText[]; readonly fresh?: boolean }
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
