// SearchSync.applyTerms: another ontology version re-indexes only the documents holding a changed term, newest content winning.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { RecordIndex } from '../../src/pipeline/record-index.js';
import { RecordIris } from '../../src/pipeline/record-iris.js';
import { RecordWriter } from '../../src/pipeline/record-writer.js';
import { loadTerms } from '../../src/search/load-terms.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { SearchSync } from '../../src/search/search-sync.js';
import { TermIndex } from '../../src/search/term-index.js';
import type { CatalogueStore } from '../../src/store/catalogue-store.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';

const { namedNode, quad } = DataFactory;
const E = 'https://cancerimage.eu/ontology/EUCAIM#';
const NSCLC = `${E}CLIN1063178`;
const BREAST = `${E}CLIN1000060`;
const iris = new RecordIris('http://sheaf.test');

const record = (id: string, title: string, condition: string): Quad[] => new Parser().parse(`
  @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix eucaim: <${E}> .
  <https://d.example/${id}> a dcat:Dataset ; dct:title "${title}"@en ; eucaim:hasCondition <${condition}> .`);

/** The bundled hyperontology with NSCLC (and so its subtree) moved under breast cancer. */
async function movedTerms(): Promise<TermIndex> {
  const file = new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url);
  const quads = new Parser().parse(await readFile(file, 'utf8'))
    .filter((q) => !(q.subject.value === NSCLC && q.predicate.value === `${NS.rdfs}subClassOf`));
  quads.push(quad(namedNode(NSCLC), namedNode(`${NS.rdfs}subClassOf`), namedNode(BREAST)));
  return loadTerms({ loaded: new Map([['https://cancerimage.eu/ontology/EUCAIM', quads]]) });
}

let dir: string;
let store: OxigraphStore;
let state: StateDb;
let index: SearchIndex;
let sync: SearchSync;
let writer: RecordWriter;

async function write(id: string, title: string, condition: string): Promise<void> {
  const now = new Date().toISOString();
  const quads = record(id, title, condition);
  await writer.write([{
    existed: true, lastSeen: now, quads, report: [],
    record: { feedId: 'f1', key: id, datasetIri: quads[0]!.subject.value, hash: `${id}-${title}`, pageUrl: 'urn:p', runId: 'r1',
      state: 'active', profile: 'eucaim', validation: 'conformant', firstSeen: now, lastChanged: now },
  }]);
}

const titles = (filter: string) => index.search({ filters: { condition: [filter] } }).items.map((i) => i.title);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sheaf-search-sync-'));
  store = await OxigraphStore.open({ dataDir: dir });
  state = openStateDb(dir);
  const terms = await loadTerms();
  index = new SearchIndex({ db: state.db, terms });
  sync = new SearchSync({ index, terms });
  writer = new RecordWriter({ store, index: new RecordIndex({ db: state.db }), iris, graceDays: 30, listeners: [sync] });
  await write('adeno', 'Adenocarcinoma cohort', `${E}CLIN1062977`);
  await write('prostate', 'Prostate archive', `${E}CLIN1000075`);
});

afterEach(async () => {
  state.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SearchSync.applyTerms', () => {
  it('re-indexes only the documents under a moved class, and filters and roll-up follow', async () => {
    expect(titles(BREAST)).toEqual([]);
    expect(await sync.applyTerms(await movedTerms(), { store, iris })).toBe(1);
    expect(titles(BREAST)).toEqual(['Adenocarcinoma cohort']);
    const facet = index.search({}).facets.condition!;
    expect(facet.find((f) => f.value === BREAST)).toMatchObject({ count: 1, direct: 0 });
    // Back to the bundled terms: the same document again, nothing else.
    expect(await sync.applyTerms(await loadTerms(), { store, iris })).toBe(1);
    expect(titles(BREAST)).toEqual([]);
    expect(titles(NSCLC)).toEqual(['Adenocarcinoma cohort']);
    expect(await sync.applyTerms(await loadTerms(), { store, iris })).toBe(0);
  });

  it('keeps what the record writer indexed while the re-index read an older graph', async () => {
    // The store answers the re-index's read with the graph as it was, after a harvest stored a newer one.
    const racing: CatalogueStore = Object.create(store, {
      readGraphs: {
        value: async (graphs: readonly string[]) => {
          const old = await store.readGraphs(graphs);
          await write('adeno', 'Adenocarcinoma cohort, second release', `${E}CLIN1062977`);
          return old;
        },
      },
    });
    await sync.applyTerms(await movedTerms(), { store: racing, iris });
    expect(titles(BREAST)).toEqual(['Adenocarcinoma cohort, second release']);
  });
});

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
