// codeValuesToIris: code literals of healthdcatap:hasCodeValues become code IRIs; ambiguous text stays text.
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { NS } from '../../src/core/namespaces.js';
import { loadBundledMappings, normalise } from '../../src/normalise/index.js';
import { codeValuesToIris, codeIriForText } from '../../src/normalise/code-values-to-iris.js';
import { RecordDataset } from '../../src/normalise/record-dataset.js';

const { namedNode, literal, quad } = DataFactory;

describe('codeValuesToIris', () => {
  it.each([
    ['SNOMED CT: 399068003', 'http://snomed.info/id/399068003'],
    ['SCTID 254637007', 'http://snomed.info/id/254637007'],
    ['363358000', 'http://snomed.info/id/363358000'],
    ['NCIt:C4878', 'http://purl.obolibrary.org/obo/NCIT_C4878'],
    ['RadLex RID10312', 'http://radlex.org/RID/RID10312'],
  ])('%s → <%s>', (text, iri) => {
    expect(codeIriForText(text)).toBe(iri);
  });

  it.each([['C50'], ['C34.9'], ['lung cancer'], ['ICD-10 C34']])('keeps %j as text', (text) => {
    expect(codeIriForText(text)).toBeUndefined();
  });

  it('rewrites hasCodeValues only, keeping the text as a raw value', async () => {
    const s = namedNode('https://records.example.org/ds');
    const input = new RecordDataset([
      quad(s, namedNode(`${NS.healthdcatap}hasCodeValues`), literal('SNOMED CT: 399068003')),
      quad(s, namedNode(`${NS.dct}description`), literal('SNOMED CT: 399068003')),
    ]);
    const { dataset, report } = normalise(input, { mappings: await loadBundledMappings() }, [codeValuesToIris]);
    expect([...dataset.match(s, namedNode(`${NS.healthdcatap}hasCodeValues`))].map((q) => q.object.value)).toEqual([
      'http://snomed.info/id/399068003',
    ]);
    expect([...dataset.match(null, namedNode(`${NS.rdf}value`))].map((q) => q.object.value)).toEqual(['SNOMED CT: 399068003']);
    expect(report[0]!.counts).toEqual({ 'code-iri': 1 });
  });
});
