// SearchSync.applyTerms: another ontology version re-derives only the documents holding a changed term, as a full re-index would.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import Database from 'better-sqlite3';
import { DataFactory, Parser } from 'n3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syntheticEucaimRecord } from '../../bench/synthetic-eucaim.js';
import { NS } from '../../src/core/namespaces.js';
import { RecordIndex } from '../../src/catalogue/record-index.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { RecordWriter } from '../../src/catalogue/record-writer.js';
import { FacetMemory } from '../../src/search/facet-memory.js';
import { loadTerms } from '../../src/search/load-terms.js';
import { extractSearchDocument } from '../../src/search/search-document.js';
import { searchFollowsOntologies } from '../../src/search/search-follows-ontologies.js';
import { SearchIndex } from '../../src/search/search-index.js';
import type { SearchQuery } from '../../src/search/search-query.js';
import { searchKey, SearchSync } from '../../src/search/search-sync.js';
import { SearchTermsState } from '../../src/search/search-terms-state.js';
import { TermIndex } from '../../src/search/term-index.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';

const { literal, namedNode, quad } = DataFactory;
const E = 'https://cancerimage.eu/ontology/EUCAIM#';
const NSCLC = `${E}CLIN1063178`;
const BREAST = `${E}CLIN1000060`;
const ONTOLOGY = 'https://cancerimage.eu/ontology/EUCAIM';
const iris = new RecordIris('http://sheaf.test');

const record = (id: string, title: string, ...conditions: string[]): Quad[] => new Parser().parse(`
  @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix eucaim: <${E}> .
  <https://d.example/${id}> a dcat:Dataset ; dct:title "${title}"@en ; eucaim:hasCondition ${conditions.map((c) => `<${c}>`).join(', ')} .`);

/** The bundled hyperontology, changed by `edit`. */
async function hyperontology(edit: (quads: Quad[]) => Quad[]): Promise<ReadonlyMap<string, readonly Quad[]>> {
  const file = new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url);
  return new Map([[ONTOLOGY, edit(new Parser().parse(await readFile(file, 'utf8')))]]);
}

/** NSCLC (and so its subtree) moved under breast cancer. */
const moved = (quads: Quad[]): Quad[] => [
  ...quads.filter((q) => !(q.subject.value === NSCLC && q.predicate.value === `${NS.rdfs}subClassOf`)),
  quad(namedNode(NSCLC), namedNode(`${NS.rdfs}subClassOf`), namedNode(BREAST)),
];

/** Breast cancer given another label and synonym: only the term text of the documents under it changes. */
const relabelled = (quads: Quad[]): Quad[] => [
  ...quads.filter((q) => !(q.subject.value === BREAST && [`${NS.rdfs}label`, `${NS.skos}prefLabel`, `${NS.skos}altLabel`].includes(q.predicate.value))),
  quad(namedNode(BREAST), namedNode(`${NS.rdfs}label`), literal('Mammary gland malignancy', 'en')),
  quad(namedNode(BREAST), namedNode(`${NS.skos}altLabel`), literal('Mammacarcinoma', 'en')),
];

async function movedTerms(): Promise<TermIndex> {
  return loadTerms({ loaded: await hyperontology(moved) });
}

let dir: string;
let store: OxigraphStore;
let state: StateDb;
let index: SearchIndex;
let sync: SearchSync;
let writer: RecordWriter;

/** Records as harvested (key → quads): what a full re-index reads. */
let written: Map<string, Quad[]>;

async function writeRecords(records: ReadonlyArray<{ readonly key: string; readonly quads: Quad[] }>): Promise<void> {
  const now = new Date().toISOString();
  await writer.write(records.map(({ key, quads }) => {
    written.set(key, quads);
    return {
      existed: true, lastSeen: now, quads, report: [],
      record: { feedId: 'f1', key, datasetIri: quads[0]!.subject.value, hash: `${key}-${quads.length}`, pageUrl: 'urn:p', runId: 'r1',
        state: 'active' as const, profile: 'eucaim', validation: 'conformant' as const, firstSeen: now, lastChanged: now },
    };
  }));
}

const write = (id: string, title: string, condition: string): Promise<void> => writeRecords([{ key: id, quads: record(id, title, condition) }]);

const titles = (filter: string) => index.search({ filters: { condition: [filter] } }).items.map((i) => i.title);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sheaf-search-sync-'));
  store = await OxigraphStore.open({ dataDir: dir });
  state = openStateDb(dir);
  written = new Map();
  const terms = await loadTerms();
  index = new SearchIndex({ db: state.db, terms });
  sync = new SearchSync({ index, terms });
  writer = new RecordWriter({ store, index: new RecordIndex({ db: state.db }), iris, graceDays: 30, listeners: [sync] });
  await write('adeno', 'Adenocarcinoma cohort', `${E}CLIN1062977`);
  await write('prostate', 'Prostate archive', `${E}CLIN1000075`);
});

afterEach(async () => {
  vi.restoreAllMocks();
  state.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SearchSync.applyTerms', () => {
  it('re-derives only the documents under a moved class, and filters and roll-up follow', async () => {
    expect(titles(BREAST)).toEqual([]);
    expect(await sync.applyTerms(await movedTerms())).toBe(1);
    expect(titles(BREAST)).toEqual(['Adenocarcinoma cohort']);
    const facet = index.search({}).facets.condition!;
    expect(facet.find((f) => f.value === BREAST)).toMatchObject({ count: 1, direct: 0 });
    // Back to the bundled terms: the same document again, nothing else.
    expect(await sync.applyTerms(await loadTerms())).toBe(1);
    expect(titles(BREAST)).toEqual([]);
    expect(titles(NSCLC)).toEqual(['Adenocarcinoma cohort']);
    expect(await sync.applyTerms(await loadTerms())).toBe(0);
  });

  it('finds a moved document by a word of its new ancestor\'s label', async () => {
    const found = () => index.search({ q: 'breast' }).items.map((i) => i.title);
    expect(found()).toEqual([]);
    expect(index.search({ q: 'CLIN1051722' }).items.map((i) => i.title)).toEqual(['Adenocarcinoma cohort']);
    await sync.applyTerms(await movedTerms());
    expect(found()).toEqual(['Adenocarcinoma cohort']);
    // And no longer by the code of the ancestor it left (primary malignant neoplasm of lung).
    expect(index.search({ q: 'CLIN1051722' }).items).toEqual([]);
  });

  it('leaves each document as a full re-index with the new terms would: facet rows, term text, results, counts', async () => {
    await writeRecords(Array.from({ length: 120 }, (_, i) => syntheticEucaimRecord(i, { base: 'http://sheaf.test' })));
    // Tagged both with a class that moves and with the class it moves under: that row stays direct.
    await writeRecords([{ key: 'both', quads: record('both', 'Two conditions', `${E}CLIN1062977`, BREAST) }]);
    // Nothing searched yet: the first re-derivation reads the rows from SQL, the next ones from the facet memory.
    const loads = vi.spyOn(FacetMemory, 'load');
    for (const [n, edit] of [moved, relabelled, (q: Quad[]) => q].entries()) {
      const loaded = await hyperontology(edit);
      await sync.applyTerms(await loadTerms({ loaded }));
      const terms = await loadTerms({ loaded });
      const fresh = new Database(path.join(dir, `reindexed-${n}.db`));
      const other = new Database(path.join(dir, 'sheaf.db'));
      try {
        const reindexed = new SearchIndex({ db: fresh, terms });
        for (const [key, quads] of written) reindexed.upsert(extractSearchDocument(quads, { key: searchKey('f1', key), feed: 'f1', terms })!);
        expect(documents(state.db)).toEqual(documents(fresh));
        for (const query of QUERIES) expect(index.search(query), JSON.stringify(query)).toEqual(reindexed.search(query));
        // The facet memory, kept in step write by write, counts as one loaded from the tables afresh does.
        const reloaded = new SearchIndex({ db: other, terms });
        for (const query of QUERIES) expect(reloaded.search(query), JSON.stringify(query)).toEqual(index.search(query));
      } finally {
        fresh.close();
        other.close();
      }
    }
    // Loaded by the first search; told every change after that, never rebuilt from the tables.
    expect(loads.mock.calls.filter(([db]) => db === state.db)).toHaveLength(1);
  });

  it('does not read record graphs', async () => {
    const reads = vi.spyOn(store, 'readGraphs').mockRejectedValue(new Error('applyTerms must not read record graphs'));
    const follower = searchFollowsOntologies({ sync, state: new SearchTermsState({ db: state.db }) });
    await follower.ontologiesChanged({ loaded: await hyperontology(moved) });
    expect(titles(BREAST)).toEqual(['Adenocarcinoma cohort']);
    expect(reads).not.toHaveBeenCalled();
  });
});

const QUERIES: readonly SearchQuery[] = [
  {}, { q: 'breast' }, { q: 'lung carcinoma' }, { q: 'mammacarcinoma' }, { q: 'cohort', sort: 'relevance' },
  { filters: { condition: [BREAST] } }, { filters: { condition: [`${E}CLIN1007988`], modality: [`${E}IMG1000042`] } },
  { q: 'imaging', filters: { condition: [NSCLC] }, facetLimit: 5 },
];

/** Every document's facet rows and term-text entries, by key, in a fixed order. */
function documents(db: Database.Database): Record<string, { rows: string[]; terms: string[] }> {
  const out: Record<string, { rows: string[]; terms: string[] }> = {};
  const rows = db.prepare<[number], [string, string, number]>('SELECT facet, value, direct FROM search_facet WHERE doc = ?').raw();
  const terms = db.prepare<[number], string>('SELECT terms FROM search_fts WHERE rowid = ?').pluck();
  for (const { id, key } of db.prepare('SELECT id, key FROM search_doc').all() as Array<{ id: number; key: string }>) {
    out[key] = { rows: rows.all(id).map((r) => r.join(' ')).sort(), terms: terms.get(id)!.split(' ; ').sort() };
  }
  return out;
}

describe('SearchSync.recordsStored', () => {
  it('leaves a document as it is when only the record\'s validation status changed (search does not read it)', () => {
    const told = (statusOnly: boolean) => sync.recordsStored([{
      feedId: 'f1', key: 'adeno', datasetIri: 'https://d.example/adeno', state: 'active', validation: 'non-conformant',
      quads: record('adeno', 'Renamed cohort', `${E}CLIN1062977`), ...(statusOnly && { statusOnly: true as const }),
    }]);
    told(true);
    expect(index.search({ q: 'adenocarcinoma' }).items.map((i) => i.title)).toEqual(['Adenocarcinoma cohort']);
    // The same record told as a content change is re-indexed: the status-only path is what skipped it.
    told(false);
    expect(index.search({ q: 'renamed' }).items.map((i) => i.title)).toEqual(['Renamed cohort']);
  });
});
