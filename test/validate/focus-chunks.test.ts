// A large data graph validated in chunks of focus nodes gives exactly the whole graph's results.
import { beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { chunkPlan, focusChunks } from '../../src/validate/focus-chunks.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import type { ResultRow } from '../../src/validate/summarise-report.js';

const PREFIXES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://shapes.example/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
`;

/** Shapes that read past the focus node: an inverse path, a nested node shape two steps out, sh:class on values. */
const READING_SHAPES = `${PREFIXES}
ex:Series a sh:NodeShape ; sh:targetClass dcat:DatasetSeries ;
  sh:property [ sh:path [ sh:inversePath dcat:inSeries ] ; sh:minCount 2 ; sh:class dcat:Dataset ] .
ex:Dataset a sh:NodeShape ; sh:targetClass dcat:Dataset ;
  sh:property [ sh:path dcat:distribution ; sh:node ex:Distribution ] ;
  sh:property [ sh:path dct:publisher ; sh:class foaf:Agent ; sh:node ex:NamedAgent ] ;
  sh:property [ sh:path dcat:contactPoint ; sh:node ex:Contact ] .
ex:Distribution a sh:NodeShape ; sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ] ;
  sh:property [ sh:path dct:format ; sh:node ex:Typed ] .
ex:Typed a sh:NodeShape ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .
ex:NamedAgent a sh:NodeShape ; sh:property [ sh:path foaf:name ; sh:minCount 1 ; sh:datatype xsd:string ] .
ex:Contact a sh:NodeShape ; sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) ;
  sh:property [ sh:path vcard:fn ; sh:minCount 1 ] .
ex:Catalogue a sh:NodeShape ; sh:targetClass dcat:Catalog ; sh:property [ sh:path dcat:dataset ; sh:class dcat:Dataset ; sh:minCount 1 ] .
`;

/** A catalogue of `n` datasets with shared publishers and formats, series, blank contact points and faults. */
function catalogue(n: number): Quad[] {
  const lines = [PREFIXES, '<https://c.example/> a dcat:Catalog ; dct:title "C"@en .'];
  for (let p = 0; p < 7; p++) lines.push(`<https://c.example/agent/${p}> a foaf:Agent ${p % 3 === 0 ? '' : `; foaf:name "Agent ${p}"`} .`);
  for (let f = 0; f < 4; f++) lines.push(`<https://c.example/format/${f}> ${f === 3 ? '' : `rdfs:label "F${f}" ;`} a dct:MediaType .`);
  lines.push('<https://c.example/series/0> a dcat:DatasetSeries . <https://c.example/series/1> a dcat:DatasetSeries .');
  for (let i = 0; i < n; i++) {
    const d = `<https://c.example/d/${i}>`;
    lines.push(`<https://c.example/> dcat:dataset ${d} .`);
    lines.push(`${d} ${i % 11 === 0 ? '' : 'a dcat:Dataset ;'} dct:title "D ${i}"@en ; dct:description "About ${i}"@en ;
      dct:publisher <https://c.example/agent/${i % 7}> ; dcat:distribution ${d.slice(0, -1)}/x> ;
      dcat:contactPoint [ a vcard:Kind ; vcard:fn "Desk" ${i % 13 === 0 ? '; vcard:hasEmail <mailto:x@y.example>' : ''} ]
      ${i % 5 === 0 ? '; dcat:inSeries <https://c.example/series/0>' : ''} ${i === 3 ? '; dcat:inSeries <https://c.example/series/1>' : ''} .`);
    lines.push(`${d.slice(0, -1)}/x> a dcat:Distribution ; dct:format <https://c.example/format/${i % 4}> ${i % 9 === 0 ? '' : `; dcat:accessURL <https://files.example/${i}>`} .`);
  }
  return new Parser().parse(lines.join('\n'));
}

const key = (r: ResultRow) => JSON.stringify([r.focusNode, r.path, r.value, r.sourceShape.startsWith('_:') ? '_:' : r.sourceShape, r.sourceConstraintComponent, r.severity, r.message]);
const keys = (results: readonly ResultRow[]) => results.map(key).sort();

async function bothWays(shapes: Quad[], data: Quad[]) {
  const whole = await (await ShaclValidator.compile({ shapes, chunkAbove: Infinity })).validate(data);
  const chunked = await (await ShaclValidator.compile({ shapes, chunkAbove: 100 })).validate(data);
  return { whole, chunked };
}

describe('chunked validation of a large data graph', () => {
  let data: Quad[];
  beforeAll(() => {
    data = catalogue(2_600);
  });

  it('plans the reach of shapes that read past their focus node, and refuses unbounded ones', () => {
    const shapes = new Parser().parse(READING_SHAPES);
    const plan = chunkPlan(shapes)!;
    expect(plan.steps).toBe(3);
    expect(plan.inverse.map((p) => p.value)).toEqual(['http://www.w3.org/ns/dcat#inSeries']);
    expect(chunkPlan(new Parser().parse(`${PREFIXES} ex:S sh:targetClass dcat:Dataset ; sh:property [ sh:path [ sh:zeroOrMorePath dct:hasPart ] ; sh:minCount 1 ] .`))).toBeUndefined();
    expect(chunkPlan(new Parser().parse(`${PREFIXES} ex:S sh:targetNode ex:x ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .`))).toBeUndefined();
    expect(chunkPlan(new Parser().parse(`${PREFIXES} ex:S sh:targetClass dcat:Dataset ; sh:node ex:S ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .`))).toBeUndefined();
    // The data is cut into several chunks; all but the catalogue's (three steps from it reach every dataset) are small.
    const chunks = [...focusChunks(data, plan, { size: 2_000 })];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.filter((c) => c.quads.length < data.length / 2).length).toBe(chunks.length - 1);
  });

  it('gives the whole graph\'s results with shapes that read inverse paths, nested shapes, classes and closed shapes', async () => {
    const { whole, chunked } = await bothWays(new Parser().parse(READING_SHAPES), data);
    expect(whole.counts.violations).toBeGreaterThan(100);
    expect(keys(chunked.results)).toEqual(keys(whole.results));
    expect(chunked.counts).toEqual(whole.counts);
    expect(chunked.status).toBe(whole.status);
    // One report, one sh:result per result.
    const report = chunked.reportQuads();
    expect(report.filter((q) => q.object.value === 'http://www.w3.org/ns/shacl#ValidationReport')).toHaveLength(1);
    expect(report.filter((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#result')).toHaveLength(chunked.results.length);
  }, 240_000);

  it('gives the whole graph\'s results under the dcat-ap profile', async () => {
    const registry = await loadProfiles();
    const shapes = await registry.composeShapes(registry.get('dcat-ap'));
    expect(chunkPlan(shapes)).toBeDefined();
    const { whole, chunked } = await bothWays(shapes, data);
    expect(whole.results.length).toBeGreaterThan(1_000);
    expect(keys(chunked.results)).toEqual(keys(whole.results));
  }, 240_000);
});
