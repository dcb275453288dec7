// A small stored catalogue for activation tests: DCAT records in a real embedded store, validated with dcat-ap.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { OntologyActivation, type OntologyActivationOptions } from '../../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../../src/ontology/ontology-versions.js';
import { RecordIndex } from '../../src/catalogue/record-index.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { RecordWriter } from '../../src/catalogue/record-writer.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';

export const FEED = 'f1';
export const THEME = 'http://publications.europa.eu/resource/authority/data-theme/HEAL';
const PREFIXES = '@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .';
export const iris = new RecordIris('http://sheaf.test');

/** Quads of a fixture ontology in test/fixtures/ontologies. */
export const ontologyFixture = async (name: string): Promise<Quad[]> =>
  new Parser().parse(await readFile(new URL(`../fixtures/ontologies/${name}`, import.meta.url), 'utf8'));

export interface DcatCatalogue {
  readonly store: OxigraphStore;
  readonly stateDb: StateDb;
  readonly records: RecordIndex;
  /** An activation over this catalogue; feed FEED validates with dcat-ap. */
  activation(options?: Partial<OntologyActivationOptions>): OntologyActivation;
  close(): Promise<void>;
}

/** `records` (key → Turtle body using the dcat: and dct: prefixes) stored in feed FEED as a harvest stores them. */
export async function dcatCatalogue(records: Readonly<Record<string, string>>): Promise<DcatCatalogue> {
  const dir = await mkdtemp(join(tmpdir(), 'sheaf-activation-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const stateDb = openStateDb(dir);
  const index = new RecordIndex({ db: stateDb.db });
  const profiles = await loadProfiles();
  const validator = await profiles.validator('dcat-ap');
  const now = new Date().toISOString();
  await new RecordWriter({ store, index, iris, graceDays: 30 }).write(await Promise.all(Object.entries(records).map(async ([key, ttl]) => {
    const quads = new Parser().parse(PREFIXES + ttl);
    return {
      existed: false, lastSeen: now, quads, report: [],
      record: {
        feedId: FEED, key, datasetIri: quads[0]!.subject.value, hash: key, pageUrl: 'https://source.example/page', runId: 'r1',
        state: 'active' as const, profile: 'dcat-ap', validation: (await validator.validate(quads)).status, firstSeen: now, lastChanged: now,
      },
    };
  })));
  return {
    store, stateDb, records: index,
    activation: (options = {}) => new OntologyActivation({
      versions: new OntologyVersions({ db: stateDb.db, store, baseUrl: 'http://sheaf.test' }), profiles, store, records: index, iris,
      profileOf: (f) => (f === FEED ? 'dcat-ap' : undefined), ...options,
    }),
    async close() {
      stateDb.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
