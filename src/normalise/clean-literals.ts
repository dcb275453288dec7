// **cleanLiterals** trims whitespace from literals, drops ones left empty, and lower-cases and repairs language tags.
import { DataFactory } from 'n3';
import { RecordDataset } from './record-dataset.js';
import type { Literal, Quad } from '@rdfjs/types';
import { subjectText, type NormaliseStep, type StepContext } from './normalise-step.js';

const { literal, quad } = DataFactory;

// BCP 47 in the shape records use: a 2-3 letter language, then subtags of 1-8 letters or digits.
const LANG_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;

/** The cleaned tag ("EN_gb " → "en-gb"), or '' when nothing usable is left. */
export function cleanLanguageTag(tag: string): string {
  const cleaned = tag.trim().toLowerCase().replace(/_/g, '-').replace(/-+$/, '');
  return LANG_TAG.test(cleaned) ? cleaned : '';
}

export const cleanLiterals: NormaliseStep = {
  name: 'clean-literals',
  apply(dataset, ctx) {
    const out = RecordDataset.after(dataset);
    for (const q of dataset) {
      if (q.object.termType !== 'Literal') {
        out.add(q);
        continue;
      }
      const cleaned = cleanLiteral(q, q.object as Literal, ctx);
      if (cleaned === undefined) continue;
      out.add(cleaned === q.object ? q : quad(q.subject, q.predicate, cleaned, q.graph));
    }
    return out;
  },
};

function cleanLiteral(q: Quad, lit: Literal, ctx: StepContext): Literal | undefined {
  const value = lit.value.trim();
  if (value === '') {
    // An empty title satisfies minCount while saying nothing; dropping it lets the profile report the gap.
    ctx.note({ kind: 'empty-literal-dropped', subject: subjectText(q.subject), predicate: q.predicate.value, from: JSON.stringify(lit.value) });
    return undefined;
  }
  let language = lit.language;
  if (language !== '') {
    language = cleanLanguageTag(lit.language);
    if (language !== lit.language) {
      ctx.note({
        kind: language === '' ? 'language-tag-dropped' : 'language-tag-cleaned',
        subject: subjectText(q.subject),
        predicate: q.predicate.value,
        from: lit.language,
        ...(language !== '' && { to: language }),
      });
    }
  }
  if (value !== lit.value) {
    ctx.note({ kind: 'whitespace-trimmed', subject: subjectText(q.subject), predicate: q.predicate.value, from: JSON.stringify(lit.value) });
  }
  if (value === lit.value && language === lit.language) return lit;
  return language !== '' ? literal(value, language) : lit.language !== '' ? literal(value) : literal(value, lit.datatype);
}
