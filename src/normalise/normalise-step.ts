// **NormaliseStep** is one pure record transformation `(dataset, ctx) => dataset`, with the context it reads.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import type { ValueMappings } from './value-mappings.js';
import type { SchemeMappings } from './scheme-mappings.js';

/** One change a step made, for the run report ("what it changed"). */
export interface StepChange {
  /** A stable, short kind such as `namespace-alias` or `dicom-code`; the report counts by kind. */
  readonly kind: string;
  /** The subject as reports write nodes: an IRI bare, a blank node `_:label` (see subjectText). */
  readonly subject?: string;
  readonly predicate?: string;
  readonly from: string;
  readonly to?: string;
  /** True when `from` was a literal (a literal can spell an IRI: `"http://…/language/DEU"`). */
  readonly literal?: boolean;
}

/** A change's subject as reports write nodes: IRIs bare, blank nodes `_:label`. */
export function subjectText(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

export interface NormaliseContext {
  /** Code → hyperontology-class mappings, built once per ontology version (see ValueMappings). */
  readonly mappings: ValueMappings;
  /** SKOS vocabularies for SKOS-bound properties (dct:format, dct:language...); without them that step is a no-op. */
  readonly schemes?: SchemeMappings;
  /** Keep each rewritten value in the record as a `sheaf:rawValue` node (default true). */
  readonly keepRawValues?: boolean;
}

/** What a step sees: the run's context plus the sink for its changes (the runner tallies them). */
export interface StepContext extends NormaliseContext {
  readonly note: (change: StepChange) => void;
}

export interface NormaliseStep {
  /** Stable name: the report key, and what logs and the admin API show. */
  readonly name: string;
  /** Returns a new dataset; never mutates its input. Pure apart from `ctx.note`. */
  readonly apply: (dataset: DatasetCore<Quad>, ctx: StepContext) => DatasetCore<Quad>;
}

export interface StepReport {
  readonly step: string;
  /** Number of changes the step noted (a rewritten quad, a dropped literal, a typed date...). */
  readonly changed: number;
  readonly counts: Readonly<Record<string, number>>;
  /** The first changes, enough to explain the counts without copying the record. */
  readonly samples: readonly StepChange[];
}
