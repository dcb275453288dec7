// **codeValuesToIris** turns code literals of healthdcatap:hasCodeValues ("SNOMED CT: 399068003") into the codes' IRIs.
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { keysForText } from './code-keys.js';
import { rawValueQuads } from './raw-value.js';
import { RecordDataset } from './record-dataset.js';
import { subjectText, type NormaliseStep } from './normalise-step.js';

const { namedNode, quad } = DataFactory;

// HealthDCAT-AP gives hasCodeValues a skos:Concept range; publishers often write the code as text instead.
const CODE_VALUE_PROPERTIES: ReadonlySet<string> = new Set([`${NS.healthdcatap}hasCodeValues`]);

const IRI_OF: Readonly<Record<string, (code: string) => string>> = {
  snomed: (c) => `http://snomed.info/id/${c}`,
  ncit: (c) => `http://purl.obolibrary.org/obo/NCIT_${c}`,
  radlex: (c) => `http://radlex.org/RID/${c}`,
};

/**
 * The IRI for a code literal, or undefined. An NCIt code must say "NCIt": a bare "C50" is far more often an
 * ICD-10 code, which has no IRI scheme sheaf mints.
 */
export function codeIriForText(text: string): string | undefined {
  for (const key of keysForText(text)) {
    const system = key.slice(0, key.indexOf(':'));
    const iri = IRI_OF[system];
    if (iri === undefined || (system === 'ncit' && !/ncit?/i.test(text))) continue;
    return iri(key.slice(system.length + 1));
  }
  return undefined;
}

export const codeValuesToIris: NormaliseStep = {
  name: 'code-values-to-iris',
  apply(dataset, ctx) {
    const out = RecordDataset.after(dataset);
    for (const q of dataset) {
      const iri = q.object.termType === 'Literal' && CODE_VALUE_PROPERTIES.has(q.predicate.value) ? codeIriForText(q.object.value) : undefined;
      if (iri === undefined) {
        out.add(q);
        continue;
      }
      ctx.note({ kind: 'code-iri', subject: subjectText(q.subject), predicate: q.predicate.value, from: q.object.value, to: iri, literal: true });
      out.add(quad(q.subject, q.predicate, namedNode(iri), q.graph));
      if (ctx.keepRawValues !== false) for (const r of rawValueQuads(q)) out.add(r);
    }
    return out;
  },
};
