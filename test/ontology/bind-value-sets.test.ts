// Value-set bindings (sheaf:valuesUnder) checked against one ontology version's closure, SKOS schemes, deprecations.
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { OntologyIndex } from '../../src/ontology/ontology-index.js';
import { bindValueSets } from '../../src/ontology/bind-value-sets.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { PREFIXES, validateWithDerived } from './validate-with-derived.js';

const ONTOLOGY = `
ex:Dataset a owl:Class .
ex:modality a owl:ObjectProperty ; rdfs:domain ex:Dataset ; sheaf:valuesUnder ex:Modality .
ex:Modality a owl:Class ; rdfs:label "Imaging modality"@en .
ex:CT a owl:Class ; rdfs:subClassOf ex:Modality ; rdfs:label "CT"@en .
ex:SpiralCT a owl:Class ; rdfs:subClassOf ex:CT ; rdfs:label "Spiral CT"@en .
ex:ComputedTomography a owl:Class ; owl:equivalentClass ex:CT .
ex:OldCT a owl:Class ; rdfs:subClassOf ex:CT ; rdfs:label "Old CT"@en ; owl:deprecated true ; obo:IAO_0100001 ex:SpiralCT .
ex:BodyPart a owl:Class ; rdfs:label "Body structure"@en .
ex:Lung a owl:Class ; rdfs:subClassOf ex:BodyPart .
ex:access a owl:ObjectProperty ; rdfs:domain ex:Dataset ; sheaf:valuesUnder ex:AccessRights .
ex:AccessRights a skos:ConceptScheme ; rdfs:label "Access right"@en ; skos:hasTopConcept ex:PUBLIC .
ex:PUBLIC a skos:Concept ; skos:topConceptOf ex:AccessRights .
ex:RESTRICTED a skos:Concept ; skos:inScheme ex:AccessRights .
ex:OTHER a skos:Concept .
ex:vendor a owl:ObjectProperty ; owl:deprecated true ; dct:isReplacedBy ex:manufacturer ; rdfs:label "vendor"@en .
ex:manufacturer a owl:ObjectProperty ; rdfs:label "manufacturer"@en .
`;

const check = (data: string) => validateWithDerived(ONTOLOGY, data);

describe('bindValueSets', () => {
  it('accepts the root, a narrower class and an equivalent class', async () => {
    const r = await check(`ex:d a ex:Dataset ; ex:modality ex:Modality, ex:SpiralCT, ex:ComputedTomography .`);
    expect(r.results).toEqual([]);
  });

  it('rejects a class from another subtree, naming the expected root by label and IRI and the version', async () => {
    const r = await check(`ex:d a ex:Dataset ; ex:modality ex:Lung .`);
    expect(r.status).toBe('non-conformant');
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.value).toBe('http://example.org/o#Lung');
    expect(r.results[0]!.message).toContain('"Imaging modality" (<http://example.org/o#Modality>)');
    expect(r.results[0]!.message).toContain('http://example.org/o/v1');
  });

  it('checks SKOS schemes: top concepts and inScheme members pass, others fail naming the scheme', async () => {
    expect((await check(`ex:d a ex:Dataset ; ex:access ex:PUBLIC, ex:RESTRICTED .`)).results).toEqual([]);
    const r = await check(`ex:d a ex:Dataset ; ex:access ex:OTHER .`);
    expect(r.results[0]!.message).toContain('scheme "Access right" (<http://example.org/o#AccessRights>)');
  });

  it('warns on a deprecated member, naming its replacement, without failing the record', async () => {
    const r = await check(`ex:d a ex:Dataset ; ex:modality ex:OldCT .`);
    expect(r.status).toBe('with-warnings');
    expect(r.results.map((x) => x.message)).toEqual([
      'Value "Old CT" (<http://example.org/o#OldCT>) is deprecated; use "Spiral CT" (<http://example.org/o#SpiralCT>) instead',
    ]);
  });

  it('warns on a deprecated property, naming its replacement', async () => {
    const r = await check(`ex:d ex:vendor ex:acme .`);
    expect(r.status).toBe('with-warnings');
    expect(r.results[0]!.message).toContain('use "manufacturer" (<http://example.org/o#manufacturer>)');
  });

  it('warns on an instance of a deprecated class, naming its replacement', async () => {
    const r = await check(`ex:scan a ex:OldCT .`);
    expect(r.status).toBe('with-warnings');
    expect(r.results[0]!.message).toBe(
      'Class "Old CT" (<http://example.org/o#OldCT>) is deprecated; use "Spiral CT" (<http://example.org/o#SpiralCT>) instead');
    expect((await check(`ex:scan a ex:SpiralCT .`)).results).toEqual([]);
  });

  it('binds a hand-written shape in a sibling shape, keeping the shape\'s own message and severity', async () => {
    const index = new OntologyIndex(await parseRdf(PREFIXES + ONTOLOGY, { format: 'turtle' }));
    const shapes = await parseRdf(`${PREFIXES} @prefix sh: <http://www.w3.org/ns/shacl#> .
      ex:DatasetShape a sh:NodeShape ; sh:targetClass ex:Dataset ; sh:property ex:ModalityShape .
      ex:ModalityShape sh:path ex:modality ; sh:minCount 1 ; sh:message "modality is mandatory" ;
        sh:severity sh:Warning ; sheaf:valuesUnder ex:Modality .`, { format: 'turtle' });
    const validator = await ShaclValidator.compile({ shapes: [...shapes, ...bindValueSets(shapes, index, {})] });
    const missing = await validator.validate(await parseRdf(`${PREFIXES} ex:d a ex:Dataset .`, { format: 'turtle' }));
    expect(missing.results.map((x) => x.message)).toEqual(['modality is mandatory']);
    const wrong = await validator.validate(await parseRdf(`${PREFIXES} ex:d a ex:Dataset ; ex:modality ex:Lung .`, { format: 'turtle' }));
    expect(wrong.results).toHaveLength(1);
    expect(wrong.results[0]!.severity).toBe('Warning');
    expect(wrong.results[0]!.message).toContain('"Imaging modality"');
  });
});
