// Search honours owl:equivalentClass of the current ontology: either of two equivalent classes finds, and counts, the datasets of both.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Parser } from 'n3';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSearchDocument } from '../../src/search/search-document.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { TermIndex } from '../../src/search/term-index.js';

const E = 'https://cancerimage.eu/ontology/EUCAIM#';
const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix eucaim: <${E}> . @prefix ex: <https://example.org/> .`;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function indexOf(ontology: string, records: Record<string, string>): SearchIndex {
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-equiv-'));
  dirs.push(dir);
  const terms = TermIndex.fromQuads(new Parser().parse(ontology));
  const index = new SearchIndex({ db: new Database(path.join(dir, 'search.db')), terms });
  for (const [key, body] of Object.entries(records)) {
    index.upsert(extractSearchDocument(new Parser().parse(`${PREFIXES}\nex:${key} a dcat:Dataset ; dct:title "${key}" ; ${body} .`), { key, feed: 'f', terms })!);
  }
  return index;
}
const keys = (index: SearchIndex, filters: Record<string, string[]>) => index.search({ filters }).items.map((i) => i.key).sort();
const count = (index: SearchIndex, value: string) => index.search({}).facets.modality?.find((f) => f.value === value)?.count;

describe('owl:equivalentClass in search', () => {
  // The bundled hyperontology: IMG1000026 ("Computed tomography") is stated equivalent to CT (IMG1000042).
  const hyper = indexOf(readFileSync(new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url), 'utf8'), {
    ct: 'eucaim:hasImageModality eucaim:IMG1000042',
    ct2: 'eucaim:hasImageModality eucaim:IMG1000042',
    ldct: 'eucaim:hasImageModality eucaim:IMG1000086',
    img26: 'eucaim:hasImageModality eucaim:IMG1000026',
    mri: 'eucaim:hasImageModality eucaim:IMG1000038',
  });

  it.each([['IMG1000026'], [`${E}IMG1000026`], ['IMG1000042'], ['CT']])('modality=%s finds every CT dataset, under either class', (value) => {
    expect(keys(hyper, { modality: [value] })).toEqual(['ct', 'ct2', 'img26', 'ldct']);
  });

  it('counts the two equivalent classes alike in the facet', () => {
    expect(count(hyper, `${E}IMG1000026`)).toBe(4);
    expect(count(hyper, `${E}IMG1000042`)).toBe(4);
  });

  // Equivalence alone (no subClassOf either way), stated once, holds both ways and transitively.
  const plain = indexOf(`@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix eucaim: <${E}> .
    eucaim:A a owl:Class ; rdfs:label "A" . eucaim:B a owl:Class ; rdfs:label "B" ; owl:equivalentClass eucaim:A .
    eucaim:C a owl:Class ; rdfs:label "C" ; owl:equivalentClass eucaim:B . eucaim:D a owl:Class ; rdfs:label "D" ; rdfs:subClassOf eucaim:C .
    eucaim:Z a owl:Class ; rdfs:label "Z" .`, {
    a: 'eucaim:hasImageModality eucaim:A', b: 'eucaim:hasImageModality eucaim:B', d: 'eucaim:hasImageModality eucaim:D', z: 'eucaim:hasImageModality eucaim:Z',
  });

  it.each([['A'], ['B'], ['C']])('finds the datasets of every equivalent class from %s, and their subclasses', (label) => {
    expect(keys(plain, { modality: [`${E}${label}`] })).toEqual(['a', 'b', 'd']);
    expect(count(plain, `${E}${label}`)).toBe(3);
  });

  it('keeps a subclass narrower than its equivalent parents', () => {
    expect(keys(plain, { modality: [`${E}D`] })).toEqual(['d']);
    expect(keys(plain, { modality: [`${E}Z`] })).toEqual(['z']);
  });
});
