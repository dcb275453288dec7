// Vocabulary-valued facets accept the authority code as well as the full IRI (`theme=HEAL`, `format=CSV`, `country=ESP`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSearchDocument } from '../../src/search/search-document.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { TermIndex } from '../../src/search/term-index.js';

const EU = 'http://publications.europa.eu/resource/authority/';
const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix eucaim: <https://cancerimage.eu/ontology/EUCAIM#> . @prefix ex: <https://example.org/> .
@prefix theme: <${EU}data-theme/> . @prefix ft: <${EU}file-type/> . @prefix country: <${EU}country/> .
@prefix ar: <${EU}access-right/> . @prefix lic: <${EU}licence/> .`;

const RECORDS: Record<string, string> = {
  health: `ex:health a dcat:Dataset ; dct:title "Screening cohort" ; dcat:theme theme:HEAL ; dct:spatial country:ESP ;
    dct:accessRights ar:RESTRICTED ; eucaim:hasImageModality eucaim:IMG1000042 ;
    dcat:distribution [ a dcat:Distribution ; dct:format ft:CSV ; dct:license lic:CC_BY_4_0 ] .`,
  both: `ex:both a dcat:Dataset ; dct:title "Air and health" ; dcat:theme theme:HEAL, theme:ENVI ; dct:spatial country:DEU ;
    dct:accessRights ar:PUBLIC ; dcat:distribution [ a dcat:Distribution ; dct:format ft:JSON ] .`,
  envi: `ex:envi a dcat:Dataset ; dct:title "Air quality" ; dcat:theme theme:ENVI ; dct:spatial country:DEU ;
    dcat:distribution [ a dcat:Distribution ; dct:format ft:CSV ] .`,
};

let dir: string;
let db: Database.Database;
let index: SearchIndex;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sheaf-codes-'));
  db = new Database(path.join(dir, 'search.db'));
  const ontology = readFileSync(new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url), 'utf8');
  const terms = TermIndex.fromQuads(new Parser().parse(ontology));
  index = new SearchIndex({ db, terms });
  for (const [key, ttl] of Object.entries(RECORDS)) index.upsert(extractSearchDocument(new Parser().parse(`${PREFIXES}\n${ttl}`), { key, feed: 'f', terms })!);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys = (filters: Record<string, string[]>): string[] => index.search({ filters }).items.map((i) => i.key).sort();

describe('authority codes in facet filters', () => {
  it.each([
    ['theme', 'HEAL', `${EU}data-theme/HEAL`, ['both', 'health']],
    ['theme', 'ENVI', `${EU}data-theme/ENVI`, ['both', 'envi']],
    ['format', 'CSV', `${EU}file-type/CSV`, ['envi', 'health']],
    ['country', 'DEU', `${EU}country/DEU`, ['both', 'envi']],
    ['accessRights', 'PUBLIC', `${EU}access-right/PUBLIC`, ['both']],
    ['licence', 'CC_BY_4_0', `${EU}licence/CC_BY_4_0`, ['health']],
  ])('%s=%s finds what the full IRI finds', (facet, code, iri, expected) => {
    expect(keys({ [facet]: [iri] })).toEqual(expected);
    expect(keys({ [facet]: [code] })).toEqual(expected);
    expect(keys({ [facet]: [code.toLowerCase()] })).toEqual(expected);
    expect(index.search({ filters: { [facet]: [code] } }).resolved).toEqual({ [facet]: [iri] });
  });

  it('combines codes and IRIs, and an unknown code still filters to nothing', () => {
    expect(keys({ theme: ['HEAL', `${EU}data-theme/ENVI`] })).toEqual(['both', 'envi', 'health']);
    expect(keys({ theme: ['HEAL'], country: ['ESP'] })).toEqual(['health']);
    expect(keys({ theme: ['AGRI'] })).toEqual([]);
  });

  it('keeps ontology facets resolving their own codes (modality=CT)', () => {
    expect(keys({ modality: ['CT'] })).toEqual(['health']);
  });
});
