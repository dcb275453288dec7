// Ontology versions end to end on a real store: load, diff, targeted revalidation written back, restore, reopen.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OntologyActivation } from '../../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../../src/ontology/ontology-versions.js';
import { RecordIndex } from '../../src/catalogue/record-index.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { reportQuads } from '../../src/catalogue/report-quads.js';
import { RecordWriter } from '../../src/catalogue/record-writer.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';

const BASE = 'http://sheaf.test';
const DCAT = 'http://www.w3.org/ns/dcat#';
const EX = 'https://example.org/imaging#';
const FEED = 'f1';
const PREFIXES = `@prefix dcat: <${DCAT}> . @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <${EX}> .`;
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/HEAL';

const RECORDS: Record<string, string> = {
  theme: `<https://d.example/theme> a dcat:Dataset ; dct:title "with a theme"@en ; dct:description "d"@en ; dcat:theme <${THEME}> .`,
  series: `<https://d.example/series> a dcat:Dataset, dcat:DatasetSeries ; dct:title "a series"@en ; dct:description "d"@en .`,
  plain: `<https://d.example/plain> a dcat:Dataset ; dct:title "plain"@en ; dct:description "d"@en ; dcat:keyword "k" .`,
  spiral: `<https://d.example/spiral> a dcat:Dataset ; dct:title "spiral"@en ; dct:description "d"@en ; ex:modality ex:SpiralCT, ex:MR .`,
  ct: `<https://d.example/ct> a dcat:Dataset ; dct:title "ct"@en ; dct:description "d"@en ; ex:modality ex:CT .`,
};

const fixture = (name: string): Quad[] => new Parser().parse(readFileSync(new URL(`../fixtures/ontologies/${name}`, import.meta.url), 'utf8'));

let dir: string;
let store: OxigraphStore;
let stateDb: StateDb;
let records: RecordIndex;
let versions: OntologyVersions;
let activation: OntologyActivation;
const iris = new RecordIris(BASE);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheaf-ontology-versions-'));
  store = await OxigraphStore.open({ dataDir: dir });
  stateDb = openStateDb(dir);
  records = new RecordIndex({ db: stateDb.db });
  const profiles = await loadProfiles();
  // Records stored as a harvest stores them: validated against the bundled profile, written by the pipeline's writer.
  const validator = await profiles.validator('dcat-ap');
  const writer = new RecordWriter({ store, index: records, iris, graceDays: 30 });
  const now = new Date().toISOString();
  await writer.write(await Promise.all(Object.entries(RECORDS).map(async ([key, ttl]) => {
    const quads = new Parser().parse(PREFIXES + ttl);
    const outcome = await validator.validate(quads);
    return {
      existed: false, lastSeen: now, quads, report: outcome.results.length > 0 ? reportQuads(iris.reportGraph(FEED, key), outcome) : [],
      record: {
        feedId: FEED, key, datasetIri: quads[0]!.subject.value, hash: key, pageUrl: 'https://source.example/page', runId: 'r1',
        state: 'active' as const, profile: 'dcat-ap', validation: outcome.status, firstSeen: now, lastChanged: now,
      },
    };
  })));
  versions = new OntologyVersions({ db: stateDb.db, store, baseUrl: BASE });
  activation = new OntologyActivation({ versions, profiles, store, records, iris, profileOf: (f) => (f === FEED ? 'dcat-ap' : undefined) });
});

afterAll(async () => {
  stateDb.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const status = (key: string) => records.get(FEED, key)!.validation;
const keys = (list: ReadonlyArray<{ key: string }>) => list.map((r) => r.key).sort();

async function catalogStatus(key: string): Promise<string | undefined> {
  const { rows } = await store.select(`SELECT ?s WHERE { GRAPH <${iris.catalogRecordGraph(FEED, key)}> { ?r <https://w3id.org/sheaf/ns#validationStatus> ?s } }`);
  return rows[0]?.get('s')?.value;
}

describe('ontology versions', () => {
  it('a first version is compared with nothing and revalidates every record using its terms', async () => {
    const r = await activation.load({ quads: fixture('dcat2-like.ttl'), format: 'turtle', loadedBy: 'curator' });
    expect(r.version).toMatchObject({ id: 'v1', ontologyIri: 'http://www.w3.org/ns/dcat', current: true, loadedBy: 'curator' });
    expect(r.comparedWith).toBe('none');
    expect(r.impact.candidates).toBe(5);
    // DCAT 2's range makes an untyped theme value fail sh:class skos:Concept.
    expect(keys(r.impact.newlyInvalid)).toEqual(['theme']);
    expect(status('theme')).toBe('non-conformant');
    expect(await catalogStatus('theme')).toBe('non-conformant');
    expect(await store.ask(`ASK { GRAPH <${iris.reportGraph(FEED, 'theme')}> { ?r <http://www.w3.org/ns/shacl#resultPath> <${DCAT}theme> ; <http://www.w3.org/ns/shacl#resultSeverity> <http://www.w3.org/ns/shacl#Violation> } }`)).toBe(true);
  });

  it('DCAT 3 after DCAT 2: reports the new DatasetSeries target and the removed theme range, revalidates only the records concerned', async () => {
    const plainReport = await store.select(`SELECT * WHERE { GRAPH <${iris.reportGraph(FEED, 'plain')}> { ?s ?p ?o } }`);
    const r = await activation.load({ quads: fixture('dcat3-like.ttl'), format: 'turtle', loadedBy: 'curator', label: 'DCAT 3' });
    expect(r.comparedWith).toBe('v1');
    expect(r.version).toMatchObject({ id: 'v2', versionIri: 'http://www.w3.org/ns/dcat3', label: 'DCAT 3', previous: 'v1', current: true });
    expect(r.diff.targets.added).toContainEqual({ class: `${DCAT}DatasetSeries`, via: `${DCAT}Dataset` });
    expect(r.diff.properties.changed).toContainEqual(expect.objectContaining({ iri: `${DCAT}theme`, axiom: 'range', removed: ['http://www.w3.org/2004/02/skos/core#Concept'] }));
    expect(r.diff.constraints.loosened).toContainEqual(expect.objectContaining({ target: `subjectsOf <${DCAT}theme>`, constraint: 'http://www.w3.org/ns/shacl#class' }));
    // Only the theme and series records use a touched term; the other three are not even read.
    expect(r.impact).toMatchObject({ candidates: 2, revalidated: 2, changed: 1, newlyInvalidCount: 0 });
    expect(r.impact.nowValid).toEqual([expect.objectContaining({ key: 'theme', before: 'non-conformant' })]);
    expect(status('theme')).not.toBe('non-conformant');
    expect(await catalogStatus('theme')).toBe(status('theme'));
    expect(await store.select(`SELECT * WHERE { GRAPH <${iris.reportGraph(FEED, 'plain')}> { ?s ?p ?o } }`)).toEqual(plainReport);
    expect(versions.list().map((v) => [v.id, v.current])).toEqual([['v1', false], ['v2', true]]);
  });

  it('restoring DCAT 2 flips the theme record back and keeps one current version per ontology', async () => {
    const r = await activation.restore('v1');
    expect(r.comparedWith).toBe('v2');
    expect(r.diff.classes.removed).toEqual([`${DCAT}DatasetSeries`]);
    expect(r.impact.candidates).toBe(2);
    expect(keys(r.impact.newlyInvalid)).toEqual(['theme']);
    expect(versions.current().map((v) => v.id)).toEqual(['v1']);
    await expect(activation.restore('v1')).rejects.toMatchObject({ code: 'CAT_ERR_CONFLICT' });
    await expect(activation.restore('v9')).rejects.toMatchObject({ code: 'CAT_ERR_NOT_FOUND' });
  });

  it('a value-set ontology: a removed and a deprecated value make a record invalid, with replacements suggested', async () => {
    const first = await activation.load({ quads: fixture('modality-v1.ttl'), format: 'turtle', loadedBy: 'curator' });
    expect(first.comparedWith).toBe('none');
    expect(status('spiral')).not.toBe('non-conformant');
    const r = await activation.load({ quads: fixture('modality-v2.ttl'), format: 'turtle', loadedBy: 'curator' });
    expect(r.comparedWith).toBe(first.version.id);
    expect(keys(r.impact.newlyInvalid)).toEqual(['spiral']);
    expect(r.impact.newlyInvalid[0]!.suggestions).toEqual([
      { term: `${EX}MR`, reason: 'deprecated', replacement: `${EX}MRI` },
      { term: `${EX}SpiralCT`, reason: 'removed', replacement: `${EX}CT` },
    ]);
    expect(r.impact.newlyInvalid[0]!.violations[0]!.message).toMatch(/Imaging modality/);
    // Only the record holding a changed value was revalidated (the one using ex:CT cannot change); the DCAT series
    // (still v1) stays current beside it.
    expect(r.impact.candidates).toBe(1);
    expect(status('ct')).not.toBe('non-conformant');
    expect(versions.current().map((v) => v.ontologyIri).sort()).toEqual(['http://www.w3.org/ns/dcat', 'https://example.org/imaging']);
  });

  it('versions survive a reopen: rows from the state DB, quads from the ontology graph', async () => {
    const again = new OntologyVersions({ db: stateDb.db, store, baseUrl: BASE });
    expect(again.list().map((v) => v.id)).toEqual(['v1', 'v2', 'v3', 'v4']);
    const quads = await again.quads('v2');
    expect(quads).toHaveLength(fixture('dcat3-like.ttl').length);
    expect(await store.listGraphs({ prefix: `${BASE}/graph/ontology/` })).toHaveLength(4);
    expect(again.report('v2')).toMatchObject({ comparedWith: 'v1' });
  });

  it('refuses a version whose derived shapes do not compile, keeping the current one and no trace of the new one', async () => {
    const before = versions.current().map((v) => v.id);
    const broken = new Parser().parse(`@prefix ex: <${EX}> . @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      <https://example.org/imaging> a owl:Ontology .
      ex:Modality a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:modality ; owl:maxCardinality "many" ] .`);
    await expect(activation.load({ quads: broken, format: 'turtle', loadedBy: 'c' })).rejects.toMatchObject({
      code: 'CAT_ERR_BAD_REQUEST', message: expect.stringMatching(/do not compile.*maxCount/),
    });
    expect(versions.current().map((v) => v.id)).toEqual(before);
    expect(versions.list()).toHaveLength(4);
    expect(await store.listGraphs({ prefix: `${BASE}/graph/ontology/` })).toHaveLength(4);
  });

  it('refuses an empty ontology and leaves no version behind', async () => {
    await expect(activation.load({ quads: [], format: 'turtle', loadedBy: 'c' })).rejects.toMatchObject({ code: 'CAT_ERR_BAD_RDF' });
    expect(versions.list()).toHaveLength(4);
  });
});
