// mapCodedValues: each code system, scoped to the property's facet root, against the bundled hyperontology.
import { beforeAll, describe, expect, it } from 'vitest';
import { DataFactory, Parser, Store } from 'n3';
import { NS } from '../../src/core/namespaces.js';
import { loadBundledMappings, normalise, ValueMappings } from '../../src/normalise/index.js';
import { mapCodedValues } from '../../src/normalise/map-coded-values.js';

const { namedNode, literal, quad } = DataFactory;
const E = (local: string) => `${NS.eucaim}${local}`;
const DS = namedNode('https://records.example.org/ds');

let mappings: ValueMappings;
beforeAll(async () => {
  mappings = await loadBundledMappings();
});

/** The objects of `property` after mapping one value, or the unchanged value when nothing mapped. */
function mapOne(property: string, value: ReturnType<typeof literal> | ReturnType<typeof namedNode>, m = mappings) {
  const input = new Store([quad(DS, namedNode(E(property)), value)]);
  const { dataset, report } = normalise(input, { mappings: m, keepRawValues: false }, [mapCodedValues]);
  return { values: [...dataset].map((q) => q.object.value).sort(), counts: report[0]!.counts };
}

describe('mapCodedValues', () => {
  it.each([
    ['hasImageModality', literal('CT'), [E('IMG1000042')], 'dicom-code'],
    ['hasImageModality', literal('mr'), [E('IMG1000038')], 'dicom-code'],
    ['hasImageModality', literal('PT'), [E('IMG1000062')], 'dicom-code'],
    ['hasImageModality', literal('MG'), [E('IMG1004455')], 'dicom-code'],
    ['hasImageModality', literal('RID10312'), [E('IMG1000038')], 'radlex-code'],
    ['hasImageModality', namedNode('http://radlex.org/RID/RID10321'), [E('IMG1000042')], 'radlex-code'],
    ['hasImageModality', literal('Computed tomography'), [E('IMG1000042')], 'label-code'],
    ['hasImageModality', literal('CT, MR'), [E('IMG1000038'), E('IMG1000042')], 'dicom-code'],
    ['hasImageBodyPart', literal('CHEST'), [E('BP1000067')], 'dicom-code'],
    ['hasImageBodyPart', literal('PROSTATE'), [E('BP1000021')], 'dicom-code'],
    ['hasImageBodyPart', namedNode('http://purl.bioontology.org/ontology/SNOMEDCT/41216001'), [E('BP1000021')], 'snomed-code'],
    ['hasCondition', namedNode('http://snomed.info/id/363358000'), [E('CLIN1000065')], 'snomed-code'],
    ['hasCondition', literal('SNOMED CT: 254637007'), [E('CLIN1063178')], 'snomed-code'],
    ['hasCondition', literal('NCIT:C3512'), [E('CLIN1062977')], 'ncit-code'],
    ['hasCondition', namedNode('http://purl.obolibrary.org/obo/NCIT_C2926'), [E('CLIN1063178')], 'ncit-code'],
    ['hasCondition', literal('C34.9'), [E('CLIN1000065')], 'icdo3-code'],
    ['hasCondition', literal('8140/3'), [E('CLIN1062977')], 'icdo3-code'],
    ['hasCondition', literal('NSCLC'), [E('CLIN1063178')], 'label-code'],
    ['hasBirthSex', literal('Female'), [E('COM1001370')], 'label-code'],
    ['interoperabilityLevel', literal('Tier 2'), [E('SPEC1000011')], 'label-code'],
    ['collectionMethod', literal('spec1000007'), [E('SPEC1000007')], 'code-code'],
  ] as const)('%s %s → %j', (property, value, expected, kind) => {
    const { values, counts } = mapOne(property, value);
    expect(values).toEqual(expected);
    expect(Object.keys(counts)).toEqual([kind]);
  });

  it.each([
    // A DICOM modality string is no body part, and a body-part string no modality: the lookup is scoped.
    ['hasImageBodyPart', literal('CT')],
    ['hasImageModality', literal('CHEST')],
    ['hasImageModality', literal('CT, banana')],
    ['hasCondition', literal('not a code')],
  ] as const)('leaves %s %s unmapped and says so', (property, value) => {
    const { values, counts } = mapOne(property, value);
    expect(values).toEqual([value.value]);
    expect(counts).toEqual({ unmapped: 1 });
  });

  it('leaves a class IRI of the ontology alone, even under the wrong root, for the validator to report', () => {
    const { values, counts } = mapOne('hasImageModality', namedNode(E('BP1000021')));
    expect(values).toEqual([E('BP1000021')]);
    expect(counts).toEqual({});
  });

  it('does not touch properties without a facet root', () => {
    const input = new Store([quad(DS, namedNode(`${NS.dct}type`), literal('CT'))]);
    const { report } = normalise(input, { mappings }, [mapCodedValues]);
    expect(report[0]!.changed).toBe(0);
  });

  it('reports a code that two unrelated classes claim as ambiguous and keeps the value', () => {
    const tiny = ValueMappings.fromQuads(
      new Parser().parse(`
        @prefix sheaf: <https://w3id.org/sheaf/ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix e: <${NS.eucaim}> .
        e:hasImageModality sheaf:valuesUnder e:Root .
        e:Root a owl:Class . e:A a owl:Class ; rdfs:subClassOf e:Root ; sheaf:dicomCode "XX" .
        e:B a owl:Class ; rdfs:subClassOf e:Root ; sheaf:dicomCode "XX" .
        e:C a owl:Class ; rdfs:subClassOf e:A ; sheaf:dicomCode "YY" . e:D a owl:Class ; rdfs:subClassOf e:C ; sheaf:dicomCode "YY" .`),
    );
    expect(mapOne('hasImageModality', literal('XX'), tiny)).toEqual({ values: ['XX'], counts: { ambiguous: 1 } });
    // Two matches where one is the other's ancestor resolve to the broader class.
    expect(mapOne('hasImageModality', literal('YY'), tiny).values).toEqual([E('C')]);
  });
});
