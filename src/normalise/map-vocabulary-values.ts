// **mapVocabularyValues** rewrites text and misspelled IRIs of SKOS-bound properties to the EU / EUCAIM concept IRIs.
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { rawValueQuads } from './raw-value.js';
import { RecordDataset } from './record-dataset.js';
import { subjectText, type NormaliseStep } from './normalise-step.js';

const { namedNode, quad } = DataFactory;
const EU = 'http://publications.europa.eu/resource/authority/';

/** The scheme each property takes its values from, as the profiles in shapes/ bind them (sheaf:inScheme). */
export const PROPERTY_SCHEMES: ReadonlyMap<string, string> = new Map([
  [`${NS.dct}accessRights`, `${EU}access-right`],
  [`${NS.dct}accrualPeriodicity`, `${EU}frequency`],
  [`${NS.dct}language`, `${EU}language`],
  [`${NS.dct}format`, `${EU}file-type`],
  [`${NS.dcat}theme`, `${EU}data-theme`],
  [`${NS.dct}spatial`, `${EU}country`],
  [`${NS.dct}license`, `${EU}licence`],
]);

/**
 * Literals ("CSV", "text/csv", "en", "Spain", "public") and IRIs that name a concept another way
 * (`…/file-type/csv`, `http://id.loc.gov/vocabulary/iso639-1/en`) become the concept's IRI. Other IRIs
 * (a GeoNames place, a EuroVoc theme) are left alone: they may be right, and the profile judges them.
 * Without `ctx.schemes` the step changes nothing.
 */
export const mapVocabularyValues: NormaliseStep = {
  name: 'map-vocabulary-values',
  apply(dataset, ctx) {
    const { schemes } = ctx;
    if (schemes === undefined) return dataset;
    const out = RecordDataset.after(dataset);
    for (const q of dataset) {
      const scheme = PROPERTY_SCHEMES.get(q.predicate.value);
      const o = q.object;
      if (scheme === undefined || (o.termType !== 'Literal' && o.termType !== 'NamedNode') || (o.termType === 'NamedNode' && schemes.hasConcept(scheme, o.value))) {
        out.add(q);
        continue;
      }
      const r = schemes.resolve(scheme, o);
      if (r?.kind !== 'mapped') {
        if (r?.kind === 'ambiguous') ctx.note({ kind: 'ambiguous', subject: subjectText(q.subject), predicate: q.predicate.value, from: o.value, to: r.candidates.join(' | ') });
        out.add(q);
        continue;
      }
      ctx.note({ kind: 'vocabulary-concept', subject: subjectText(q.subject), predicate: q.predicate.value, from: o.value, to: r.iri, literal: o.termType === 'Literal' });
      out.add(quad(q.subject, q.predicate, namedNode(r.iri), q.graph));
      if (ctx.keepRawValues !== false) for (const raw of rawValueQuads(q)) out.add(raw);
    }
    return out;
  },
};
