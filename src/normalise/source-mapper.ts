// **SourceMapper** is the contract of a mapping from one source record shape to DCAT: the payload in, the dataset's quads out.
import type { Quad } from '@rdfjs/types';
import type { RecordShape, ShapedPayload } from '../core/record-shape.js';

/** What a mapper may know of the record's feed besides the record itself. */
export interface MapContext {
  /** The feed URL (CKAN dataset IRIs are minted under its site). */
  readonly feedUrl: string;
}

/** One record as DCAT: the dataset node and every quad describing it (default graph). */
export interface DcatMapping {
  /** The dataset node: an IRI, or `_:label` for a blank node of `quads`. */
  readonly subject: string;
  readonly quads: readonly Quad[];
}

/**
 * Maps records of one shape. Pure and deterministic up to blank node labels: the same payload always maps to the
 * same graph, since the record's hash (and so "did it change?") is taken from the mapping. Throws on a payload it
 * cannot read; the run reports that record as failed at the `map` stage.
 */
export interface SourceMapper<S extends RecordShape = RecordShape> {
  readonly shape: S;
  map(payload: ShapedPayload<S>, ctx: MapContext): DcatMapping;
}
