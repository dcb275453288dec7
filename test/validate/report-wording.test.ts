// Reports say each fault once, in words naming property and value; the EUCAIM profile allows one hasCondition.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { validateDocument } from '../../src/validate/validate-document.js';

const RECORDS = join(import.meta.dirname, '../fixtures/records');
const registry = await loadProfiles();
const P = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
  @prefix dct: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://shapes.example.org/> .`;
const compile = async (shapes: string) => ShaclValidator.compile({ shapes: await parseRdf(`${P} ${shapes}`, { format: 'turtle' }) });
const data = async (turtle: string) => parseRdf(`${P} ${turtle}`, { format: 'turtle' });

describe('EUCAIM profile', () => {
  it('allows one eucaim:hasCondition (the primary cancer condition), as EUCAIM\u2019s own shapes and model do', async () => {
    const record = await readFile(join(RECORDS, 'eucaim-conformant.ttl'), 'utf8');
    const two = record.replace('eucaim:hasCondition eucaim:CLIN1063178 ;', 'eucaim:hasCondition eucaim:CLIN1063178 , eucaim:CLIN1000065 ;');
    expect(two).not.toBe(record);
    const outcome = await (await registry.validator('eucaim')).validate(await parseRdf(two, { format: 'turtle' }));
    const max = outcome.results.filter((r) => r.sourceConstraintComponent.endsWith('#MaxCountConstraintComponent'));
    expect(max.map((r) => [r.severity, r.path])).toEqual([['Violation', '<https://cancerimage.eu/ontology/EUCAIM#hasCondition>']]);
    expect(max[0]!.message).toMatch(/hasCondition .*at most 1/);
  });
});

describe('result messages', () => {
  it('word every result without a sh:message, naming the property and the value, never the engine\u2019s default text', async () => {
    const v = await compile(`ex:D a sh:NodeShape ; sh:targetClass dcat:Dataset ;
      sh:property [ sh:path dct:publisher ; sh:nodeKind sh:IRI ] , [ sh:path dct:issued ; sh:datatype xsd:date ] ,
                  [ sh:path dct:title ; sh:minCount 1 ] , [ sh:path dct:identifier ; sh:maxCount 1 ] ,
                  [ sh:path dcat:keyword ; sh:in ( "aire" "agua" ) ] , [ sh:path dct:publisher ; sh:class foaf:Agent ] .`);
    const outcome = await v.validate(await data(`<https://d.example.es/ds/1> a dcat:Dataset ;
      dct:publisher [ foaf:name "Ayto." ] ; dct:issued "2024-13-01"^^xsd:date ; dct:identifier "a", "b" ; dcat:keyword "ruido" .`));
    const messages = Object.fromEntries(outcome.results.map((r) => [r.sourceConstraintComponent.replace(/^.*#/, ''), r.message]));
    expect(messages).toEqual({
      NodeKindConstraintComponent: expect.stringMatching(/^Value _:\S+ of <http:\/\/purl.org\/dc\/terms\/publisher> is not an IRI$/),
      DatatypeConstraintComponent: 'Value "2024-13-01"^^<http://www.w3.org/2001/XMLSchema#date> of <http://purl.org/dc/terms/issued> is not a valid literal of datatype <http://www.w3.org/2001/XMLSchema#date>',
      MinCountConstraintComponent: '<https://d.example.es/ds/1> has fewer than 1 value of <http://purl.org/dc/terms/title>',
      MaxCountConstraintComponent: '<https://d.example.es/ds/1> has more than 1 value of <http://purl.org/dc/terms/identifier>',
      InConstraintComponent: 'Value "ruido" of <http://www.w3.org/ns/dcat#keyword> is not one of the allowed values',
      ClassConstraintComponent: expect.stringMatching(/^Value _:\S+ of <http:\/\/purl.org\/dc\/terms\/publisher> is not an instance of <http:\/\/xmlns.com\/foaf\/0.1\/Agent> \(it has no rdf:type\)$/),
    });
    expect(outcome.reportQuads().filter((q) => q.predicate.value.endsWith('#resultMessage')).map((q) => q.object.value))
      .not.toContainEqual(expect.stringMatching(/^(Value does not have|Less than|More than)/));
  });

  it('keep a shape\u2019s own sh:message', async () => {
    const v = await compile('ex:D a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "Falta el título"@es ] .');
    const outcome = await v.validate(await data('<https://d.example.es/ds/1> a dcat:Dataset .'));
    expect(outcome.results.map((r) => r.message)).toEqual(['Falta el título']);
  });
});

describe('one fault, one result', () => {
  it('reports a property two composed shapes require once', async () => {
    const v = await compile(`ex:DcatAp a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .
      ex:Profile a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "title is mandatory" ] .`);
    const outcome = await v.validate(await data('<https://d.example.es/ds/1> a dcat:Dataset .'));
    expect(outcome.results.map((r) => [r.severity, r.path])).toEqual([['Violation', '<http://purl.org/dc/terms/title>']]);
    expect(outcome.reportQuads().filter((q) => q.predicate.value.endsWith('#result'))).toHaveLength(1);
  });

  it('gives no Info "optional" beside the Violation "mandatory" for the same property', async () => {
    const v = await compile(`ex:DcatAp a sh:NodeShape ; sh:targetClass dcat:Dataset ;
        sh:property [ sh:path dcat:contactPoint ; sh:minCount 1 ; sh:severity sh:Info ; sh:message "contact point is optional; recommended" ] .
      ex:Profile a sh:NodeShape ; sh:targetClass dcat:Dataset ;
        sh:property [ sh:path dcat:contactPoint ; sh:minCount 1 ; sh:message "contact point is mandatory" ] .`);
    const outcome = await v.validate(await data('<https://d.example.es/ds/1> a dcat:Dataset .'));
    expect(outcome.results.map((r) => [r.severity, r.message])).toEqual([['Violation', 'contact point is mandatory']]);
    expect(outcome.counts).toEqual({ violations: 1, warnings: 0, infos: 0 });
  });

  it('still reports distinct values and distinct components separately', async () => {
    const v = await compile('ex:D a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property [ sh:path dct:publisher ; sh:nodeKind sh:IRI ; sh:class foaf:Agent ] .');
    const outcome = await v.validate(await data('<https://d.example.es/ds/1> a dcat:Dataset ; dct:publisher "a", "b" .'));
    expect(outcome.results).toHaveLength(4);
  });
});

describe('an empty document', () => {
  it('gets a report, not a parse error: an empty graph conforms to a profile', async () => {
    const outcome = await validateDocument({ text: '', name: 'empty.ttl', registry, profile: 'eucaim' });
    expect(outcome).toMatchObject({ conforms: true, status: 'conformant', quadCount: 0, profile: 'eucaim' });
  });
});
