// **normalise** runs a record through the ordered normalisation steps and reports what each one changed.
import type { DatasetCore, Quad } from '@rdfjs/types';
import { aliasNamespaces } from './alias-namespaces.js';
import { cleanLiterals } from './clean-literals.js';
import { typeDates } from './type-dates.js';
import { mapCodedValues } from './map-coded-values.js';
import { codeValuesToIris } from './code-values-to-iris.js';
import { mapVocabularyValues } from './map-vocabulary-values.js';
import { loadBundledMappings } from './value-mappings.js';
import { loadBundledSchemes } from './scheme-mappings.js';
import type { NormaliseContext, NormaliseStep, StepChange, StepReport } from './normalise-step.js';

export type { NormaliseContext, NormaliseStep, StepChange, StepReport } from './normalise-step.js';
export { subjectText } from './normalise-step.js';
export { ValueMappings, loadBundledMappings } from './value-mappings.js';
export { SchemeMappings, loadBundledSchemes } from './scheme-mappings.js';

/**
 * The steps, in order. Order matters: aliases first (so later steps see canonical property IRIs), literals
 * cleaned before dates are typed and codes are looked up (" CT " must match "CT").
 */
export const NORMALISE_STEPS: readonly NormaliseStep[] = Object.freeze([
  aliasNamespaces,
  cleanLiterals,
  typeDates,
  mapCodedValues,
  codeValuesToIris,
  mapVocabularyValues,
]);

/** The context for the bundled hyperontology and vocabularies (parsed once per process). */
export async function loadBundledContext(): Promise<NormaliseContext> {
  const [mappings, schemes] = await Promise.all([loadBundledMappings(), loadBundledSchemes()]);
  return { mappings, schemes };
}

export interface NormaliseResult {
  readonly dataset: DatasetCore<Quad>;
  readonly report: readonly StepReport[];
  /** Every change, in step order, up to CHANGE_LIMIT (what the publisher is told, one Info result each). */
  readonly changes: readonly StepChange[];
}

const SAMPLE_LIMIT = 20;
/** Changes kept per record: a stored report lists at most MAX_REPORT_RESULTS results anyway. */
export const CHANGE_LIMIT = 2_000;

/** Runs `steps` (default: all) over one record's dataset; the input dataset is left untouched. */
export function normalise(
  dataset: DatasetCore<Quad>,
  ctx: NormaliseContext,
  steps: readonly NormaliseStep[] = NORMALISE_STEPS,
): NormaliseResult {
  const report: StepReport[] = [];
  const changes: StepChange[] = [];
  let current = dataset;
  for (const step of steps) {
    const counts: Record<string, number> = {};
    const samples: StepChange[] = [];
    let changed = 0;
    const note = (change: StepChange): void => {
      changed += 1;
      counts[change.kind] = (counts[change.kind] ?? 0) + 1;
      if (samples.length < SAMPLE_LIMIT) samples.push(change);
      if (changes.length < CHANGE_LIMIT) changes.push(change);
    };
    current = step.apply(current, { ...ctx, note });
    report.push({ step: step.name, changed, counts, samples });
  }
  return { dataset: current, report, changes };
}
