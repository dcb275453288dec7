// **RecordListener** hears what the record writer stored or withdrew, so derived indexes (search) stay in step.
import type { Quad } from '@rdfjs/types';

export interface StoredRecord {
  readonly feedId: string;
  readonly key: string;
  readonly datasetIri: string;
  /** Only `active` records are in catalogue views; quarantined ones are stored but hidden. */
  readonly state: 'active' | 'quarantined' | 'withdrawn';
  /** conformant | with-warnings | non-conformant */
  readonly validation: string;
  readonly quads: readonly Quad[];
  /**
   * Only `validation` changed: the triples are those the listeners were last told (an ontology version revalidated the
   * record). A listener whose output does not read the status may skip the record; one that does may update only what
   * reads it. `quads` still holds the triples, for a listener that has nothing of the record to update from.
   */
  readonly statusOnly?: true;
}

/**
 * Called after the store write and the state rows are durable, in the writer's order. A listener must not
 * throw for bad data (index what it can); if it fails anyway the harvest still stands, and the listener's
 * own rebuild (e.g. `SearchSync.rebuild`) repairs it from the store.
 */
export interface RecordListener {
  recordsStored(records: readonly StoredRecord[]): void | Promise<void>;
  recordsWithdrawn(feedId: string, keys: readonly string[]): void | Promise<void>;
}
