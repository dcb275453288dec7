// **normalisationResults** turns what normalisation changed into Info results, so every report tells the publisher.
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { loadBundledContext, normalise, type NormaliseContext, type StepChange } from '../normalise/index.js';
import { RecordDataset } from '../normalise/record-dataset.js';
import type { ResultRow } from '../validate/summarise-report.js';
import type { DocumentNormaliser } from '../validate/validate-document.js';
import { NORMALISATION_COMPONENT } from '../validate/with-normalisation.js';

/** The "shape" of a normalisation result names the kind of change. */
const STEP_SHAPE = `${NS.sheaf}normalisation-`;

function message(c: StepChange): string {
  const to = c.to ?? '';
  switch (c.kind) {
    case 'namespace-alias':
    case 'property-alias':
      return `rewrote ${c.from} to ${to}`;
    case 'vocabulary-concept':
    case 'code-iri':
      return `mapped ${c.literal ? 'literal ' : ''}${c.from} to ${to}`;
    case 'ambiguous':
      return `left ${c.from} as it is: it names several concepts (${to})`;
    case 'unmapped':
      return `found no concept for ${c.from}`;
    case 'empty-literal-dropped':
      return `dropped the empty literal ${c.from}`;
    case 'language-tag-cleaned':
      return `rewrote language tag ${c.from} to ${to}`;
    case 'language-tag-dropped':
      return `dropped the malformed language tag ${c.from}`;
    case 'whitespace-trimmed':
      return `trimmed the white space around ${c.from}`;
    case 'date-typed':
      return `typed ${c.from} as ${to}`;
    case 'date-retyped':
      return `rewrote the date ${c.from} to ${to}`;
    case 'not-a-date':
      return `could not read "${c.from}" as a date`;
    default:
      // The code mappings' kinds are `<system>-code` (dicom-code, snomed-code…).
      if (c.kind.endsWith('-code')) return `mapped ${c.literal ? 'literal ' : ''}${c.from} to ${to} (${c.kind.slice(0, -5)} code)`;
      return `${c.kind}: ${c.from}${c.to !== undefined ? ` to ${c.to}` : ''}`;
  }
}

export interface NormalisationResultOptions {
  /** Renames a focus node (`_:label` → the skolem IRI the stored record uses). */
  readonly focus?: (node: string) => string;
}

/**
 * One Info result per distinct change (a namespace rewritten in ten triples of one node is one result). The
 * result's path is the property whose value changed, when the change was to a value.
 */
export function normalisationResults(changes: readonly StepChange[], opts: NormalisationResultOptions = {}): ResultRow[] {
  const seen = new Set<string>();
  const rows: ResultRow[] = [];
  for (const c of changes) {
    const focus = c.subject === undefined ? '' : (opts.focus?.(c.subject) ?? c.subject);
    const key = [c.kind, focus, c.predicate ?? '', c.from, c.to ?? ''].join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      severity: 'Info',
      focusNode: focus,
      ...(c.predicate !== undefined && { path: `<${c.predicate}>` }),
      value: c.from,
      message: message(c),
      sourceShape: `${STEP_SHAPE}${c.kind}`,
      sourceConstraintComponent: NORMALISATION_COMPONENT,
    });
  }
  return rows;
}

export interface NormalisedForValidation {
  readonly quads: Quad[];
  /** What normalisation changed; `normalisationResults` makes them Info results. */
  readonly changes: readonly StepChange[];
}

/**
 * Normalises one record (or a document) as a harvest does: the one function the harvest (per record) and the dry
 * runs (`sheaf validate`, `POST /api/validate`) share. `distinct`: the caller knows no two quads are equal.
 */
export function normaliseForValidation(quads: readonly Quad[], ctx: NormaliseContext, opts: { readonly distinct?: boolean } = {}): NormalisedForValidation {
  // The normalisation steps' own array-backed dataset: an indexed N3 Store cost ~6 µs per quad to build.
  const input = opts.distinct ? RecordDataset.ofDistinct(quads) : new RecordDataset(quads);
  const { dataset, changes } = normalise(input, ctx);
  return { quads: [...dataset], changes };
}

/** A dry run's normaliser for validateDocument: normalise, and the changes as Info results. */
export function dryRunNormaliser(ctx: NormaliseContext): DocumentNormaliser {
  return (quads) => {
    const { quads: out, changes } = normaliseForValidation(quads, ctx);
    return { quads: out, results: normalisationResults(changes) };
  };
}

/** The dry runs' normaliser over the bundled mappings and schemes, as a validator worker thread loads it. */
export async function loadDocumentNormaliser(): Promise<DocumentNormaliser> {
  return dryRunNormaliser(await loadBundledContext());
}

/** This module, for ValidatorPool's `normaliser` option: worker threads import it by URL (a function cannot cross). */
export const DOCUMENT_NORMALISER_MODULE = import.meta.url;
