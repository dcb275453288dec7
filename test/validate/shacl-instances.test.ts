// SHACL instances and subclasses: rdfs:subClassOf in the data graph counts for sh:targetClass and sh:class, as SHACL says.
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';

const P = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
  @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
  @prefix dcatde: <http://dcat-ap.de/def/dcatde/> . @prefix ex: <https://shapes.example.org/> .`;

// A DCAT-AP-like profile: datasets need a title; a publisher must be a foaf:Agent, whose subclasses the shapes graph
// declares (as sheaf's profiles carry the ontology's hierarchy there).
const SHAPES = `${P}
foaf:Organization rdfs:subClassOf foaf:Agent .
ex:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ] ,
              [ sh:path dct:publisher ; sh:class foaf:Agent ] .`;

const validator = await ShaclValidator.compile({ shapes: await parseRdf(SHAPES, { format: 'turtle' }) });
const run = async (data: string) => validator.validate(await parseRdf(`${P} ${data}`, { format: 'turtle' }));
const keys = (rows: readonly { focusNode: string; path?: string; sourceConstraintComponent: string; value?: string }[]) =>
  rows.map((r) => `${r.focusNode} ${r.path ?? ''} ${r.sourceConstraintComponent.replace(/^.*#/, '')} ${r.value ?? ''}`.trim()).sort();

describe('SHACL instances through the data graph', () => {
  it('targets instances of a subclass the data declares (sh:targetClass)', async () => {
    const outcome = await run(`
      dcatde:OpenDataset rdfs:subClassOf dcat:Dataset .
      <https://daten.example.de/dataset/baumkataster> a dcatde:OpenDataset .`);
    expect(keys(outcome.results)).toEqual(['https://daten.example.de/dataset/baumkataster <http://purl.org/dc/terms/title> MinCountConstraintComponent']);
  });

  it('follows a chain of data subclasses, and chains that mix the data and the shapes graph (sh:class)', async () => {
    const outcome = await run(`
      dcatde:Kommune rdfs:subClassOf dcatde:Behoerde . dcatde:Behoerde rdfs:subClassOf foaf:Organization .
      <https://daten.example.de/dataset/a> a dcat:Dataset ; dct:title "A" ; dct:publisher <https://daten.example.de/org/stadt> .
      <https://daten.example.de/org/stadt> a dcatde:Kommune .`);
    expect(outcome.results).toEqual([]);
  });

  it('still reports a publisher whose classes reach no foaf:Agent, with a message naming value, property and class', async () => {
    const outcome = await run(`
      dcatde:Kommune rdfs:subClassOf dcatde:Gebiet .
      <https://daten.example.de/dataset/a> a dcat:Dataset ; dct:title "A" ; dct:publisher <https://daten.example.de/org/stadt> .
      <https://daten.example.de/org/stadt> a dcatde:Kommune .`);
    expect(keys(outcome.results)).toEqual(['https://daten.example.de/dataset/a <http://purl.org/dc/terms/publisher> ClassConstraintComponent https://daten.example.de/org/stadt']);
    expect(outcome.results[0]!.message).toBe('Value <https://daten.example.de/org/stadt> of <http://purl.org/dc/terms/publisher> ' +
      'is not an instance of <http://xmlns.com/foaf/0.1/Agent> (its rdf:type: <http://dcat-ap.de/def/dcatde/Kommune>)');
  });

  it('keeps the subclasses of one record out of the next record validated with the same compiled validator', async () => {
    await run(`dcatde:OpenDataset rdfs:subClassOf dcat:Dataset . dcatde:Kommune rdfs:subClassOf foaf:Agent .
      <https://daten.example.de/dataset/b> a dcatde:OpenDataset ; dct:title "B" .`);
    const outcome = await run(`
      <https://daten.example.de/dataset/c> a dcatde:OpenDataset .
      <https://daten.example.de/dataset/d> a dcat:Dataset ; dct:title "D" ; dct:publisher <https://daten.example.de/org/x> .
      <https://daten.example.de/org/x> a dcatde:Kommune .`);
    expect(keys(outcome.results)).toEqual(['https://daten.example.de/dataset/d <http://purl.org/dc/terms/publisher> ClassConstraintComponent https://daten.example.de/org/x']);
  });
});

describe('implicit class targets', () => {
  it('are shapes that are rdfs:Class, not shapes that are only owl:Class (as Apache Jena)', async () => {
    const shapes = await parseRdf(`${P}
      ex:Rdfs a rdfs:Class, sh:NodeShape ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .
      ex:Owl a owl:Class, sh:NodeShape ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .
      ex:OwlOnly a owl:Class ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .`, { format: 'turtle' });
    const v = await ShaclValidator.compile({ shapes });
    const outcome = await v.validate(await parseRdf(`${P} ex:r a ex:Rdfs . ex:o a ex:Owl . ex:p a ex:OwlOnly .`, { format: 'turtle' }));
    expect(keys(outcome.results)).toEqual(['https://shapes.example.org/r <http://purl.org/dc/terms/title> MinCountConstraintComponent']);
  });

  it('do not make a node shape with other targets a class target of itself', async () => {
    const shapes = await parseRdf(`${P}
      ex:DatasetShape a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .`, { format: 'turtle' });
    const v = await ShaclValidator.compile({ shapes });
    const outcome = await v.validate(await parseRdf(`${P} ex:x a ex:DatasetShape . ex:y a dcat:Dataset .`, { format: 'turtle' }));
    expect(keys(outcome.results)).toEqual(['https://shapes.example.org/y <http://purl.org/dc/terms/title> MinCountConstraintComponent']);
  });
});
