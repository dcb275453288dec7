// analyseImpact revalidates a stored record exactly as it was harvested: the same content gives the same status.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseImpact } from '../../src/ontology/impact-analysis.js';
import { diffOntologies, OntologyView } from '../../src/ontology/ontology-diff.js';
import { RecordIndex } from '../../src/catalogue/record-index.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { RecordWriter } from '../../src/catalogue/record-writer.js';
import { reportQuads } from '../../src/catalogue/report-quads.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { type ProfileRegistry, readRdfFile } from '../../src/validate/profile-registry.js';

const BASE = 'http://sheaf.test';
const FEED = 'eucaim';
const CONDITION = 'https://cancerimage.eu/ontology/EUCAIM#CLIN1063178';

let dir: string;
let store: OxigraphStore;
let stateDb: StateDb;
let records: RecordIndex;
let profiles: ProfileRegistry;
const iris = new RecordIris(BASE);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheaf-impact-analysis-'));
  store = await OxigraphStore.open({ dataDir: dir });
  stateDb = openStateDb(dir);
  records = new RecordIndex({ db: stateDb.db });
  profiles = await loadProfiles();
  // The published example: its counts are xsd:nonNegativeInteger literals, which the store's queries answer as
  // xsd:integer (canonical form).
  const text = readFileSync(new URL('../fixtures/records/eucaim-conformant.ttl', import.meta.url), 'utf8');
  const quads = new Parser().parse(text);
  const outcome = await (await profiles.validator('eucaim')).validate(quads);
  expect(outcome.counts.violations).toBe(0);
  const now = new Date().toISOString();
  await new RecordWriter({ store, index: records, iris, graceDays: 30 }).write([{
    existed: false, lastSeen: now, quads, report: outcome.results.length > 0 ? reportQuads(iris.reportGraph(FEED, 'lung'), outcome) : [],
    record: { feedId: FEED, key: 'lung', datasetIri: 'https://records.example.org/lung/nsclc-ct-pet', hash: 'h', pageUrl: 'urn:page', runId: 'r1',
      state: 'active', profile: 'eucaim', validation: outcome.status, firstSeen: now, lastChanged: now },
  }]);
}, 60_000);

afterAll(async () => {
  stateDb?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('analyseImpact', () => {
  it('revalidates the stored content exactly: an unchanged ontology leaves a record\'s status as it was', async () => {
    const ontology = new OntologyView(await readRdfFile(join(import.meta.dirname, '../../ontologies/eucaim-hyperontology.ttl')));
    // A diff that names a term the record uses, so the record is a candidate; the validator is the bundled one.
    const diff = { ...diffOntologies(ontology, ontology), touched: { classes: [], properties: [], values: [CONDITION] } };
    const before = records.get(FEED, 'lung')!.validation;
    const impact = await analyseImpact({
      store, records, iris, diff, before: ontology, after: ontology, validatorFor: () => profiles.validator('eucaim'),
    });
    expect(impact).toMatchObject({ candidates: 1, revalidated: 1, changed: 0, newlyInvalidCount: 0 });
    expect(records.get(FEED, 'lung')!.validation).toBe(before);
  }, 60_000);
});
