// diffOntologies: classes, properties, new targets and tightened / loosened constraints between two versions.
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { diffOntologies, OntologyView } from '../../src/ontology/ontology-diff.js';
import { suggestReplacements } from '../../src/ontology/impact-analysis.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const SH = 'http://www.w3.org/ns/shacl#';
const EX = 'https://example.org/imaging#';
const SKOS_CONCEPT = 'http://www.w3.org/2004/02/skos/core#Concept';

const fixture = (name: string): Quad[] => new Parser().parse(readFileSync(new URL(`../fixtures/ontologies/${name}`, import.meta.url), 'utf8'));
const view = (name: string) => new OntologyView(fixture(name));
const PREFIXES = `@prefix ex: <https://example.org/t#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`;
const inline = (ttl: string) => new OntologyView(new Parser().parse(PREFIXES + ttl));

describe('diffOntologies', () => {
  it('DCAT 2 → DCAT 3: the new dcat:DatasetSeries ⊑ dcat:Dataset target and the removed dcat:theme range', () => {
    const d = diffOntologies(view('dcat2-like.ttl'), view('dcat3-like.ttl'));
    expect(d.classes.added).toEqual([`${DCAT}DatasetSeries`]);
    expect(d.classes.removed).toEqual([]);
    expect(d.targets.added).toContainEqual({ class: `${DCAT}DatasetSeries`, via: `${DCAT}Dataset` });
    expect(d.properties.changed).toEqual([{ iri: `${DCAT}theme`, axiom: 'range', added: [], removed: [SKOS_CONCEPT] }]);
    expect(d.constraints.loosened).toEqual([expect.objectContaining({
      target: `subjectsOf <${DCAT}theme>`, path: `<${DCAT}theme>`, constraint: `${SH}class`, before: `<${SKOS_CONCEPT}>`,
    })]);
    // The range-less object property still demands a node, which sh:class already did: nothing tightened.
    expect(d.constraints.tightened).toEqual([]);
    // Only records typed with the new class or using dcat:theme can change.
    expect(d.touched.classes).toEqual([`${DCAT}DatasetSeries`]);
    expect(d.touched.properties).toEqual([`${DCAT}theme`]);
    expect(d.touched.values).toEqual([`${DCAT}DatasetSeries`]);
  });

  it('value sets: a removed class tightens, a new class loosens, a deprecation names its replacement', () => {
    const d = diffOntologies(view('modality-v1.ttl'), view('modality-v2.ttl'));
    expect(d.classes).toMatchObject({ added: [`${EX}MRI`], removed: [`${EX}SpiralCT`], deprecated: [{ iri: `${EX}MR`, replacedBy: `${EX}MRI` }] });
    const inMembers = (list: typeof d.constraints.tightened, key: 'before' | 'after') =>
      list.filter((c) => c.constraint === `${SH}in`).map((c) => c[key]);
    expect(inMembers(d.constraints.tightened, 'before')).toEqual([`<${EX}SpiralCT>`]);
    expect(inMembers(d.constraints.loosened, 'after')).toEqual([`<${EX}MRI>`]);
    expect(d.touched.values).toEqual(expect.arrayContaining([`${EX}SpiralCT`, `${EX}MR`, `${EX}MRI`]));
    // Members of a value set both versions have change the verdict only where the member is used: found by the value,
    // not by every node the value set applies to.
    expect(d.touched.properties).not.toContain(`${EX}modality`);
  });

  it.each([
    ['a new FunctionalProperty tightens with sh:maxCount 1', '', 'ex:p a owl:FunctionalProperty .', 'tightened', `${SH}maxCount`],
    ['a dropped domain constraint loosens',
      'ex:C a owl:Class . ex:p a owl:DatatypeProperty ; rdfs:domain ex:C ; rdfs:range xsd:integer .',
      'ex:C a owl:Class . ex:p a owl:DatatypeProperty ; rdfs:domain ex:C .', 'loosened', `${SH}datatype`],
    ['a raised minimum cardinality tightens',
      'ex:C a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:minCardinality 1 ] . ex:p a owl:ObjectProperty .',
      'ex:C a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:minCardinality 2 ] . ex:p a owl:ObjectProperty .',
      'tightened', `${SH}minCount`],
    ['a raised maximum cardinality loosens',
      'ex:C a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:maxCardinality 1 ] . ex:p a owl:ObjectProperty .',
      'ex:C a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:maxCardinality 3 ] . ex:p a owl:ObjectProperty .',
      'loosened', `${SH}maxCount`],
  ] as const)('%s', (_name, before, after, direction, constraint) => {
    const d = diffOntologies(inline(before), inline(after));
    expect(d.constraints[direction].map((c) => c.constraint)).toContain(constraint);
    const other = direction === 'tightened' ? 'loosened' : 'tightened';
    expect(d.constraints[other].map((c) => c.constraint)).not.toContain(constraint);
  });

  it('moved classes: a changed superclass is reported with both parents and touches the class and its subclasses', () => {
    const d = diffOntologies(
      inline('ex:A a owl:Class . ex:B a owl:Class . ex:C a owl:Class ; rdfs:subClassOf ex:A . ex:D a owl:Class ; rdfs:subClassOf ex:C .'),
      inline('ex:A a owl:Class . ex:B a owl:Class . ex:C a owl:Class ; rdfs:subClassOf ex:B . ex:D a owl:Class ; rdfs:subClassOf ex:C .'),
    );
    expect(d.classes.moved).toEqual([{ iri: 'https://example.org/t#C', before: ['https://example.org/t#A'], after: ['https://example.org/t#B'] }]);
    expect(d.touched.classes).toEqual(['https://example.org/t#C', 'https://example.org/t#D']);
  });

  it('the same ontology twice differs in nothing and touches nothing', () => {
    const d = diffOntologies(view('dcat3-like.ttl'), view('dcat3-like.ttl'));
    expect(d.constraints).toEqual({ tightened: [], loosened: [] });
    expect(d.targets).toEqual({ added: [], removed: [] });
    expect(d.touched).toEqual({ classes: [], properties: [], values: [] });
  });

  it('suggests the nearest ancestor the new version keeps for a removed term (past deprecated ones), and dct:isReplacedBy for a deprecated one', () => {
    const before = inline(`ex:Root a owl:Class . ex:Mid a owl:Class ; rdfs:subClassOf ex:Root . ex:Leaf a owl:Class ; rdfs:subClassOf ex:Mid .
      ex:old a owl:ObjectProperty . ex:p a owl:ObjectProperty ; rdfs:subPropertyOf ex:old .`);
    const after = inline(`@prefix dct: <http://purl.org/dc/terms/> . ex:Root a owl:Class .
      ex:old a owl:ObjectProperty ; owl:deprecated true ; dct:isReplacedBy ex:new . ex:new a owl:ObjectProperty .`);
    const record = new Parser().parse(`${PREFIXES} ex:r ex:old ex:Leaf ; ex:p ex:Mid ; ex:unknown ex:Elsewhere .`);
    const T = 'https://example.org/t#';
    expect(suggestReplacements(record, before, after)).toEqual([
      { term: `${T}Leaf`, reason: 'removed', replacement: `${T}Root` },
      { term: `${T}Mid`, reason: 'removed', replacement: `${T}Root` },
      { term: `${T}old`, reason: 'deprecated', replacement: `${T}new` },
      { term: `${T}p`, reason: 'removed', replacement: `${T}new` },
    ]);
  });
});
