// SearchIndex: ontology-aware full text, facets with roll-up counts, code resolution, ranges — on real SQLite.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FacetMemory } from '../../src/search/facet-memory.js';
import { extractSearchDocument } from '../../src/search/search-document.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { TermIndex } from '../../src/search/term-index.js';

const E = 'https://cancerimage.eu/ontology/EUCAIM#';
const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix eucaim: <${E}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix h: <http://healthdataportal.eu/ns/health#> . @prefix ex: <https://example.org/> .`;

function record(id: string, body: string): string {
  return `${PREFIXES}
ex:${id} a dcat:Dataset ; ${body} .
ex:h1 foaf:name "Hospital One"@en . ex:h2 foaf:name "Hospital Two"@en .`;
}

const RECORDS: Record<string, string> = {
  nsclc: record('nsclc', `dct:title "NSCLC staging cohort"@en ; dct:description "Chest CT of patients before surgery."@en ;
    eucaim:hasCondition eucaim:CLIN1063178 ; eucaim:hasImageModality eucaim:IMG1000042 ; dct:publisher ex:h1 ;
    h:numberOfUniqueIndividuals "412"^^xsd:nonNegativeInteger ; h:numberOfRecords "830"^^xsd:nonNegativeInteger ;
    h:minTypicalAge "38"^^xsd:nonNegativeInteger ; h:maxTypicalAge "88"^^xsd:nonNegativeInteger ;
    dct:temporal [ dcat:startDate "2019-01-01"^^xsd:date ; dcat:endDate "2023-12-31"^^xsd:date ]`),
  prostate: record('prostate', `dct:title "Prostate MRI archive"@en ; dct:description "Biparametric MRI with biopsy outcome."@en ;
    eucaim:hasCondition eucaim:CLIN1000075 ; eucaim:hasImageModality eucaim:IMG1000038 ; dct:publisher ex:h2 ;
    dcat:keyword "PI-RADS"@en ;
    h:numberOfUniqueIndividuals "1500"^^xsd:nonNegativeInteger ; h:numberOfRecords "1520"^^xsd:nonNegativeInteger ;
    dct:temporal [ dcat:startDate "2012-01-01"^^xsd:date ; dcat:endDate "2016-12-31"^^xsd:date ]`),
  thorax: record('thorax', `dct:title "Thoracic MRI feasibility study"@en ; dct:description "Free-breathing sequences."@en ;
    eucaim:hasCondition eucaim:CLIN1000065 ; eucaim:hasImageModality eucaim:IMG1000038 ; dct:publisher ex:h1 ;
    h:numberOfUniqueIndividuals "100"^^xsd:nonNegativeInteger ; h:numberOfRecords "200"^^xsd:nonNegativeInteger`),
};

let dir: string;
let db: Database.Database;
let index: SearchIndex;
let terms: TermIndex;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sheaf-search-'));
  db = new Database(path.join(dir, 'search.db'));
  const ontology = readFileSync(new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url), 'utf8');
  terms = TermIndex.fromQuads(new Parser().parse(ontology));
  index = new SearchIndex({ db, terms });
  for (const [key, ttl] of Object.entries(RECORDS)) {
    const doc = extractSearchDocument(new Parser().parse(ttl), { key, feed: 'f1', terms });
    if (!doc) throw new Error(`fixture ${key} has no dataset`);
    index.upsert(doc);
  }
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys = (r: { items: readonly { key: string }[] }): string[] => r.items.map((i) => i.key).sort();

describe('SearchIndex', () => {
  it('loads its facet memory when warmed, so that the first search does not wait for it', () => {
    // Another connection: the memory is kept per connection, and this one has none yet.
    const other = new Database(path.join(dir, 'search.db'));
    const warmed = new SearchIndex({ db: other, terms });
    const loads = vi.spyOn(FacetMemory, 'load');
    try {
      warmed.warm();
      expect(loads).toHaveBeenCalledTimes(1);
      expect(warmed.search({ filters: { condition: [`${E}CLIN1000075`] } }).total).toBe(1);
      expect(loads).toHaveBeenCalledTimes(1);
    } finally {
      loads.mockRestore();
      other.close();
    }
  });

  it('finds datasets tagged with a narrower condition when filtering on the broad one', () => {
    expect(keys(index.search({ filters: { condition: [`${E}CLIN1000065`] } }))).toEqual(['nsclc', 'thorax']);
  });

  it('resolves a SNOMED CT code (IRI or bare) to the hyperontology term mapped to it', () => {
    const byIri = index.search({ filters: { condition: ['http://snomed.info/id/363358000'] } });
    expect(keys(byIri)).toEqual(['nsclc', 'thorax']);
    expect(byIri.resolved.condition).toEqual([`${E}CLIN1000065`]);
    expect(keys(index.search({ filters: { condition: ['254637007'] } }))).toEqual(['nsclc']);
    expect(keys(index.search({ filters: { condition: ['SNOMED CT: 399068003'] } }))).toEqual(['prostate']);
  });

  it('matches free text against labels, synonyms and codes of the terms and their ancestors', () => {
    expect(keys(index.search({ q: 'lung cancer' }))).toEqual(['nsclc', 'thorax']);
    expect(keys(index.search({ q: '363358000' }))).toEqual(['nsclc', 'thorax']);
    expect(keys(index.search({ q: 'MRI' }))).toEqual(['prostate', 'thorax']);
    expect(keys(index.search({ q: 'pi-rads' }))).toEqual(['prostate']);
  });

  it('ranks a title match above a match only in ontology terms', () => {
    const r = index.search({ q: 'thoracic' });
    expect(r.items[0]?.key).toBe('thorax');
  });

  it('rolls facet counts up the hierarchy, with direct counts and sums of subjects and studies', () => {
    const r = index.search({});
    const condition = new Map(r.facets.condition!.map((v) => [v.value.replace(E, ''), v]));
    expect(condition.get('CLIN1007977')?.count).toBe(3);
    expect(condition.get('CLIN1000065')).toMatchObject({ count: 2, direct: 1, subjects: 512, studies: 1030, label: 'Malignant tumor of lung' });
    expect(condition.get('CLIN1063178')).toMatchObject({ count: 1, direct: 1 });
    expect(condition.get('CLIN1063178')?.broader).toEqual([`${E}CLIN1051722`]);
    const publisher = new Map(r.facets.publisher!.map((v) => [v.label, v.count]));
    expect(publisher).toEqual(new Map([['Hospital One', 2], ['Hospital Two', 1]]));
  });

  it('ORs values within a facet, ANDs across facets, and counts a filtered facet without its own filter', () => {
    expect(index.search({ filters: { modality: [`${E}IMG1000042`, `${E}IMG1000038`] } }).total).toBe(3);
    const r = index.search({ filters: { condition: ['Lung cancer'], modality: [`${E}IMG1000038`] } });
    expect(keys(r)).toEqual(['thorax']);
    const modality = new Map(r.facets.modality!.map((v) => [v.value.replace(E, ''), v.count]));
    expect(modality.get('IMG1000042')).toBe(1); // CT stays selectable: counted under the condition filter only
    expect(modality.get('IMG1000038')).toBe(1);
  });

  it('filters by numeric ranges and by overlapping year and age intervals', () => {
    expect(keys(index.search({ subjects: { min: 400 } }))).toEqual(['nsclc', 'prostate']);
    expect(keys(index.search({ years: { min: 2017, max: 2018 } }))).toEqual([]);
    expect(keys(index.search({ years: { min: 2015, max: 2018 } }))).toEqual(['prostate']);
    expect(keys(index.search({ age: { min: 80 } }))).toEqual(['nsclc']);
  });

  it('sorts and pages', () => {
    const first = index.search({ sort: 'subjects', pageSize: 2 });
    expect(first.items.map((i) => i.key)).toEqual(['prostate', 'nsclc']);
    expect(first.total).toBe(3);
    expect(index.search({ sort: 'subjects', pageSize: 2, page: 2 }).items.map((i) => i.key)).toEqual(['thorax']);
  });

  it('treats query syntax as text and never fails on it', () => {
    expect(() => index.search({ q: 'title:" OR * NEAR(' })).not.toThrow();
    expect(index.search({ q: '***' }).total).toBe(0);
  });

  it('replaces and removes records', () => {
    const doc = extractSearchDocument(new Parser().parse(RECORDS.thorax!.replace('feasibility', 'pilot')), { key: 'thorax', feed: 'f1', terms })!;
    index.upsert(doc);
    expect(keys(index.search({ q: 'pilot' }))).toEqual(['thorax']);
    expect(index.search({ q: 'feasibility' }).total).toBe(0);
    index.remove('thorax');
    expect(index.size).toBe(2);
    expect(keys(index.search({ filters: { condition: [`${E}CLIN1000065`] } }))).toEqual(['nsclc']);
  });

  // Filters and facet counts run on an in-memory copy of the facet rows: it must never show a stale index.
  it('keeps searches true to the tables after a rolled-back write and after a write from another connection', () => {
    const prostate = () => index.search({ filters: { modality: [`${E}IMG1000038`] } });
    expect(keys(prostate())).toEqual(['prostate']);
    const renamed = extractSearchDocument(new Parser().parse(RECORDS.prostate!.replace('eucaim:IMG1000038', 'eucaim:IMG1000042')), { key: 'prostate', feed: 'f1', terms })!;
    // The record writer runs listeners inside its own transaction; a later failure rolls the upsert back.
    expect(() => db.transaction(() => {
      index.upsert(renamed);
      throw new Error('a later listener failed');
    })()).toThrow('a later listener failed');
    expect(keys(prostate())).toEqual(['prostate']);
    expect(prostate().facets.modality!.find((v) => v.value === `${E}IMG1000038`)?.count).toBe(1);

    const other = new Database(path.join(dir, 'search.db'));
    try {
      new SearchIndex({ db: other, terms }).upsert(renamed);
    } finally {
      other.close();
    }
    expect(keys(prostate())).toEqual([]);
    expect(keys(index.search({ filters: { modality: [`${E}IMG1000042`] } }))).toEqual(['nsclc', 'prostate']);
  });
});
