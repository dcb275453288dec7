// Pre-checks and sheaf's validation driver skip only work that gives no result: results equal the plain engine's, in order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import rdf from 'rdf-ext';
import { Validator } from 'shacl-engine';
import type { Quad, Term } from '@rdfjs/types';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { CORRECTED_VALIDATIONS } from '../../src/validate/corrected-validations.js';
import { tidyReport } from '../../src/validate/tidy-report.js';
import { summariseReport } from '../../src/validate/summarise-report.js';
import { targetShapes } from '../../src/validate/target-shapes.js';

const P = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`;
const ttl = (text: string) => parseRdf(`${P} ${text}`, { format: 'turtle' });

/**
 * The engine with sheaf's corrected validations but none of its speed-ups (an rdf-ext dataset, the engine's own
 * driver), over the same shapes with targets, in the same order, its report tidied as sheaf tidies.
 */
async function plainRows(shapes: Quad[], data: Quad[]) {
  const plain = new Validator(rdf.dataset(shapes), { factory: rdf, validations: CORRECTED_VALIDATIONS });
  const report = await plain.validate({ dataset: rdf.dataset(data) }, targetShapes(shapes).map((t) => ({ terms: [t] })));
  tidyReport(report as unknown as { results: unknown[] });
  return summariseReport(report).results;
}

/** Both paths on the same parsed quads (so blank-node labels agree): sheaf's rows must be the plain engine's, in order. */
async function expectEngineResults(shapesText: string, dataText: string) {
  const shapes = await ttl(shapesText);
  const data = await ttl(dataText);
  const want = await plainRows(shapes, data);
  const got = (await (await ShaclValidator.compile({ shapes })).validate(data)).results;
  expect(got).toEqual(want);
  return want;
}

const QUALIFIED = `
ex:S a sh:NodeShape ; sh:targetClass ex:A ;
  sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:Good ] ; sh:qualifiedMinCount 1 ] .
ex:Better rdfs:subClassOf ex:Good .`;

describe('pre-checks give the engine\'s results', () => {
  it.each([
    ['one qualified value', 'ex:a a ex:A ; ex:p ex:b . ex:b a ex:Good .', 0],
    ['a qualified value of a subclass', 'ex:a a ex:A ; ex:p ex:b . ex:b a ex:Better .', 0],
    ['one qualified value among others', 'ex:a a ex:A ; ex:p ex:b , ex:c . ex:b a ex:Other . ex:c a ex:Good .', 0],
    ['no qualified value', 'ex:a a ex:A ; ex:p ex:b . ex:b a ex:Other .', 1],
    ['no value at all', 'ex:a a ex:A .', 1],
  ])('sh:qualifiedMinCount: %s', async (_name, data, results) => {
    expect(await expectEngineResults(QUALIFIED, data)).toHaveLength(results);
  });

  it('sh:qualifiedMaxCount and disjoint siblings are left to the engine', async () => {
    const shapes = `ex:S a sh:NodeShape ; sh:targetClass ex:A ;
      sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:Good ] ; sh:qualifiedMaxCount 1 ] ,
        [ sh:path ex:q ; sh:qualifiedValueShape [ sh:class ex:Good ] ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ] ,
        [ sh:path ex:q ; sh:qualifiedValueShape [ sh:class ex:Other ] ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ] .`;
    const results = await expectEngineResults(shapes, 'ex:a a ex:A ; ex:p ex:b , ex:c ; ex:q ex:b . ex:b a ex:Good , ex:Other . ex:c a ex:Good .');
    expect(results.map((r) => r.sourceConstraintComponent.replace(/.*#/, ''))).toEqual(
      ['QualifiedMaxCountConstraintComponent', 'QualifiedMinCountConstraintComponent', 'QualifiedMinCountConstraintComponent']);
  });

  it('a qualified shape inside a value\'s node shape gets the engine\'s verdict (it checks the outer value there)', async () => {
    // shacl-engine validates the qualified value shape on the context's current value (ex:b), not on ex:c: the record
    // fails in the engine although ex:c is Good. A pre-check must not pass it.
    const shapes = `ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:node ex:N ] .
      ex:N a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:qualifiedValueShape [ sh:class ex:Good ] ; sh:qualifiedMinCount 1 ] .`;
    const results = await expectEngineResults(shapes, 'ex:a a ex:A ; ex:p ex:b . ex:b ex:q ex:c . ex:c a ex:Good .');
    expect(results.map((r) => r.sourceConstraintComponent.replace(/.*#/, ''))).toEqual(['NodeConstraintComponent']);
  });

  it.each([
    ['passing', 'ex:a a ex:A ; ex:d "2024-01-01"^^xsd:date ; ex:k ex:b . ex:b a ex:K .', 0],
    ['failing sh:or', 'ex:a a ex:A ; ex:d "yesterday" ; ex:k ex:b . ex:b a ex:K .', 1],
    ['failing sh:node and sh:and', 'ex:a a ex:A ; ex:d "2024-01-01"^^xsd:date ; ex:k "b" .', 2],
  ])('logical constraints and sh:node at the root: %s', async (_name, data, results) => {
    const shapes = `ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:node ex:HasK ;
        sh:and ( [ sh:property [ sh:path ex:k ; sh:nodeKind sh:IRI ] ] ) ;
        sh:property [ sh:path ex:d ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:dateTime ] ) ] .
      ex:HasK a sh:NodeShape ; sh:property [ sh:path ex:k ; sh:minCount 1 ; sh:class ex:K ] .`;
    expect(await expectEngineResults(shapes, data)).toHaveLength(results);
  });

  it.each([
    ['no value is the deprecated one', 'ex:a a ex:A ; ex:m ex:New , ex:Other .', 0],
    ['one value is the deprecated one', 'ex:a a ex:A ; ex:m ex:New , ex:Old .', 1],
    ['a literal with a right datatype', 'ex:a a ex:A ; ex:d "2024-01-01"^^xsd:date .', 1],
    ['a literal with another datatype', 'ex:a a ex:A ; ex:d "x" .', 0],
    ['a value of a custom-severity shape', 'ex:a a ex:A ; ex:c ex:Old .', 1],
    ['a node typed with the deprecated class', 'ex:a a ex:A , ex:Old .', 1],
  ])('sh:not over node-only checks: %s', async (_name, data, results) => {
    const shapes = `ex:S a sh:NodeShape ; sh:targetClass ex:A ;
        sh:property [ sh:path ex:m ; sh:not [ sh:hasValue ex:Old ] ; sh:severity sh:Warning ] ,
          [ sh:path ex:d ; sh:not [ sh:datatype xsd:date ; sh:severity sh:Info ] ] ,
          [ sh:path ex:c ; sh:not [ sh:hasValue ex:Other ; sh:severity ex:Custom ] ] ,
          [ sh:path <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ; sh:not [ sh:in ( ex:Old ) ] ] .`;
    expect(await expectEngineResults(shapes, data)).toHaveLength(results);
  });

  it('a deactivated shape gives nothing, as in the engine', async () => {
    const shapes = 'ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:deactivated true ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .';
    expect(await expectEngineResults(shapes, 'ex:a a ex:A .')).toEqual([]);
  });

  it('alternative and inverse paths, counted over distinct values', async () => {
    const shapes = `ex:S a sh:PropertyShape ; sh:targetSubjectsOf ex:p , ex:q ;
        sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:maxCount 2 ; sh:nodeKind sh:IRI .
      ex:T a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 1 ] .`;
    expect(await expectEngineResults(shapes, 'ex:a ex:p ex:b ; ex:q ex:b . ex:c ex:p ex:b , ex:d ; ex:q ex:e .')).toHaveLength(1);
    expect(await expectEngineResults(shapes, 'ex:a ex:p ex:b ; ex:q "x" . ex:c ex:p ex:b . ex:b a ex:A .')).toHaveLength(2);
  });
});

describe('the driver finds the engine\'s focus nodes in the engine\'s order', () => {
  it('class (with subclasses), node, objects-of and subjects-of targets, a node hit by several kept once', async () => {
    const shapes = `ex:S a sh:NodeShape ; sh:targetClass ex:A , ex:B ; sh:targetNode ex:n , ex:b ;
        sh:targetObjectsOf ex:o ; sh:targetSubjectsOf ex:s ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
      ex:Sub rdfs:subClassOf ex:A .
      ex:C a rdfs:Class , sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:severity sh:Warning ] .`;
    const data = `ex:z ex:s ex:y . ex:b a ex:B . ex:a a ex:A . ex:sub a ex:Sub . ex:x ex:o ex:a , ex:w . ex:good a ex:A ; ex:name "g" .
      ex:c a ex:C . ex:s2 ex:s "v" . ex:w2 ex:o "lit" .`;
    const results = await expectEngineResults(shapes, data);
    expect(results.map((r) => r.focusNode.replace('http://example.org/', ''))).toEqual(
      ['a', 'sub', 'b', 'n', 'w', '"lit"', 'z', 's2', 'c']);
  });

  it('validates only the focus nodes it is given, with the engine\'s results for them', async () => {
    const shapes = await ttl(`ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .`);
    const data = await ttl('ex:a a ex:A . ex:b a ex:A . ex:c a ex:A ; ex:name "c" .');
    const validator = await ShaclValidator.compile({ shapes });
    const all = (await validator.validate(data)).results;
    const only = await validator.validate(data, { focusNodes: [DataFactory.namedNode('http://example.org/b')] });
    expect(only.results).toEqual(all.filter((r) => r.focusNode === 'http://example.org/b'));
    expect(only.results).toHaveLength(1);
  });

  it('a record that gives no result has the engine\'s empty report graph', async () => {
    const shapes = await ttl('ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .');
    const data = await ttl('ex:a a ex:A ; ex:name "a" .');
    const plain = await new Validator(rdf.dataset(shapes), { factory: rdf, validations: CORRECTED_VALIDATIONS }).validate({ dataset: rdf.dataset(data) });
    const shape = (quads: Iterable<Quad>) => [...quads].map((q) => [q.predicate.value, q.object.termType === 'BlankNode' ? '_' : q.object.value]).sort();
    const outcome = await (await ShaclValidator.compile({ shapes })).validate(data);
    expect(outcome.conforms).toBe(true);
    expect(shape(outcome.reportQuads())).toEqual(shape(plain.dataset));
  });
});

describe('the EUCAIM profile gives the engine\'s results on dct:type variants (qualified value shape)', () => {
  const DCT_TYPE = 'http://purl.org/dc/terms/type';
  const EUCAIM = 'https://cancerimage.eu/ontology/EUCAIM#';
  const variants: [string, (record: Quad[], dataset: Term) => Quad[]][] = [
    ['as published', (r) => r],
    ['without dct:type', (r, d) => r.filter((q) => !(q.subject.equals(d) && q.predicate.value === DCT_TYPE))],
    ['with a body part as dct:type', (r, d) => r.map((q) => (q.subject.equals(d) && q.predicate.value === DCT_TYPE
      ? DataFactory.quad(q.subject, q.predicate, DataFactory.namedNode(`${EUCAIM}BP1000113`)) : q))],
    ['with a second, wrong dct:type', (r, d) => [...r, DataFactory.quad(d as Quad['subject'], DataFactory.namedNode(DCT_TYPE), DataFactory.literal('cohort'))]],
  ];

  it.each(variants)('%s', async (_name, change) => {
    const registry = await loadProfiles();
    const shapes = await registry.composeShapes(registry.get('eucaim'));
    const text = readFileSync(join(import.meta.dirname, '../fixtures/records/eucaim-conformant.ttl'), 'utf8');
    const record = await parseRdf(text, { format: 'turtle' });
    const dataset = record.find((q) => q.object.value === 'http://www.w3.org/ns/dcat#Dataset')!.subject;
    const data = change(record, dataset);
    const got = (await (await registry.validator('eucaim')).validate(data)).results;
    expect(got).toEqual(await plainRows(shapes, data));
  }, 60_000);
});
