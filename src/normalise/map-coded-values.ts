// **mapCodedValues** rewrites DICOM strings and SNOMED / NCIt / RadLex / ICD-O-3 codes to hyperontology class IRIs.
import { DataFactory } from 'n3';
import { RecordDataset } from './record-dataset.js';
import type { Quad, Term } from '@rdfjs/types';
import { subjectText, type NormaliseStep, type StepContext } from './normalise-step.js';
import type { Resolution } from './value-mappings.js';
import { rawValueQuads } from './raw-value.js';

const { namedNode, quad } = DataFactory;

// DICOM multi-valued strings use a backslash; spreadsheets and CKAN fields use commas, semicolons or pipes.
const LIST_SEPARATOR = /\s*[\\,;|]\s*/;

/**
 * Only values of properties with a `sheaf:valuesUnder` root are touched, and each is looked up inside that
 * root's subtree, so "CT" under a modality property can never become a body part. A value that is already a
 * class of the ontology is left alone, even when it sits under the wrong root: the validator reports that.
 */
export const mapCodedValues: NormaliseStep = {
  name: 'map-coded-values',
  apply(dataset, ctx) {
    const out = RecordDataset.after(dataset);
    const keepRaw = ctx.keepRawValues !== false;
    for (const q of dataset) {
      const targets = mapValue(q, ctx);
      if (targets === undefined) {
        out.add(q);
        continue;
      }
      for (const iri of targets) out.add(quad(q.subject, q.predicate, namedNode(iri), q.graph));
      if (keepRaw) for (const r of rawValueQuads(q)) out.add(r);
    }
    return out;
  },
};

function mapValue(q: Quad, ctx: StepContext): string[] | undefined {
  const { mappings } = ctx;
  const property = q.predicate.value;
  if (mappings.rootOf(property) === undefined) return undefined;
  const value = q.object;
  if (value.termType === 'NamedNode' && mappings.isClass(value.value)) return undefined;
  if (value.termType !== 'NamedNode' && value.termType !== 'Literal') return undefined;

  const whole = mappings.resolve(property, value);
  if (whole?.kind === 'mapped') return [noted(ctx, q, value, whole)];
  if (whole?.kind === 'ambiguous') return ambiguous(ctx, q, value, whole);

  // "CT\PT" or "CT, MR": map when every part maps, else leave the literal for the validator to report.
  const parts = value.termType === 'Literal' ? value.value.split(LIST_SEPARATOR).filter((p) => p !== '') : [];
  if (parts.length > 1) {
    const resolved = parts.map((p) => mappings.resolve(property, { termType: 'Literal', value: p }));
    if (resolved.every((r) => r?.kind === 'mapped')) {
      return [...new Set(resolved.map((r) => noted(ctx, q, value, r as Extract<Resolution, { kind: 'mapped' }>)))];
    }
  }
  ctx.note({ kind: 'unmapped', subject: subjectText(q.subject), predicate: property, from: value.value });
  return undefined;
}

function noted(ctx: StepContext, q: Quad, from: Term, r: Extract<Resolution, { kind: 'mapped' }>): string {
  const system = r.key.slice(0, r.key.indexOf(':'));
  ctx.note({ kind: `${system}-code`, subject: subjectText(q.subject), predicate: q.predicate.value, from: from.value, to: r.iri, literal: from.termType === 'Literal' });
  return r.iri;
}

function ambiguous(ctx: StepContext, q: Quad, from: Term, r: Extract<Resolution, { kind: 'ambiguous' }>): undefined {
  ctx.note({
    kind: 'ambiguous',
    subject: subjectText(q.subject),
    predicate: q.predicate.value,
    from: from.value,
    to: r.candidates.join(' | '),
  });
  return undefined;
}
