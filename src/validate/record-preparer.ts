// **RecordPreparer** is what a validator worker needs to prepare harvested records itself: named by module URL, loaded in the thread.
import type { Quad, Term } from '@rdfjs/types';

/**
 * A harvest prepares each record (maps it to DCAT, hashes it, then normalises and skolemises it when it changed) before
 * validating it: CPU work that grows with the record, which a worker does off the event loop. That code lives above
 * this layer (src/pipeline), so the pool names a module exporting `loadRecordPreparer(): Promise<RecordPreparer>` that
 * each worker imports. Records, contexts and answers cross the thread structured-cloned; their shapes are the
 * preparer's business, not the pool's. An error the preparer throws may carry a cloneable `detail` (what failed).
 */
export interface RecordPreparer {
  /** Builds a run's context (mappings, limits) from what the harvest sent; once per worker and context. */
  context(value: unknown): Promise<unknown>;
  /** The cheap first step, for every record: `answer` goes back to the harvest, `kept` stays for `prepare`. */
  fingerprint(record: unknown, context: unknown): { readonly answer: unknown; readonly kept: unknown };
  /** The full form of a changed record, to validate here (on `focusNodes` only, when given) and store. */
  prepare(kept: unknown, context: unknown): { readonly answer: unknown; readonly quads: readonly Quad[]; readonly focusNodes?: readonly Term[] };
}
