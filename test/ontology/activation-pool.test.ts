// A version's revalidation gives the same outcome in a worker pool as in this thread (the pool is used for big ones).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { afterAll, describe, expect, it } from 'vitest';
import { OntologyActivation, type OntologyActivationOptions } from '../../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../../src/ontology/ontology-versions.js';
import { RecordIndex } from '../../src/pipeline/record-index.js';
import { RecordIris } from '../../src/pipeline/record-iris.js';
import { RecordWriter } from '../../src/pipeline/record-writer.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { ProfileRegistry } from '../../src/validate/profile-registry.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const FEED = 'f1';
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/HEAL';
const PREFIXES = `@prefix dcat: <${DCAT}> . @prefix dct: <http://purl.org/dc/terms/> .`;
const RECORDS = Array.from({ length: 12 }, (_, i) => [`r${i}`, i % 3 === 0
  ? `<https://d.example/r${i}> a dcat:Dataset ; dct:title "themed ${i}"@en ; dct:description "d"@en ; dcat:theme <${THEME}> .`
  : `<https://d.example/r${i}> a dcat:Dataset ; dct:title "plain ${i}"@en ; dct:description "d"@en ; dcat:keyword "k" .`] as const);
const iris = new RecordIris('http://sheaf.test');
const cleanup: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const c of cleanup) await c();
});

/** A catalogue of RECORDS in its own store; a DCAT 2-like version loaded into it with the given activation options. */
async function activate(options: Pick<OntologyActivationOptions, 'impactWorkers' | 'impactPoolFrom'>) {
  const dir = await mkdtemp(join(tmpdir(), 'sheaf-activation-pool-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const stateDb = openStateDb(dir);
  cleanup.push(async () => { stateDb.close(); await store.close(); await rm(dir, { recursive: true, force: true }); });
  const records = new RecordIndex({ db: stateDb.db });
  const profiles = await ProfileRegistry.load();
  const validator = await profiles.validator('dcat-ap');
  const now = new Date().toISOString();
  await new RecordWriter({ store, index: records, iris, graceDays: 30 }).write(await Promise.all(RECORDS.map(async ([key, ttl]) => {
    const quads = new Parser().parse(PREFIXES + ttl);
    return {
      existed: false, lastSeen: now, quads, report: [],
      record: {
        feedId: FEED, key, datasetIri: quads[0]!.subject.value, hash: key, pageUrl: 'https://source.example/page', runId: 'r1',
        state: 'active' as const, profile: 'dcat-ap', validation: (await validator.validate(quads)).status, firstSeen: now, lastChanged: now,
      },
    };
  })));
  const activation = new OntologyActivation({
    versions: new OntologyVersions({ db: stateDb.db, store, baseUrl: 'http://sheaf.test' }), profiles, store, records, iris,
    profileOf: (f) => (f === FEED ? 'dcat-ap' : undefined), ...options,
  });
  const version = new Parser().parse(await readFile(new URL('../fixtures/ontologies/dcat2-like.ttl', import.meta.url), 'utf8')) as Quad[];
  const { impact } = await activation.load({ quads: version, format: 'turtle', loadedBy: 'curator' });
  const reports = await Promise.all(RECORDS.map(async ([key]) => (await store.readGraphs([iris.reportGraph(FEED, key)])).length));
  const statuses = RECORDS.map(([key]) => records.get(FEED, key)?.validation);
  return { impact, reports, statuses };
}

describe('OntologyActivation with a validator pool', () => {
  it('revalidates in worker threads with the same report, report graphs and statuses as in this thread', async () => {
    const here = await activate({ impactWorkers: 0 });
    const pooled = await activate({ impactWorkers: 1, impactPoolFrom: 1 });
    expect(here.impact).toMatchObject({ candidates: 12, revalidated: 12, changed: 4, newlyInvalidCount: 4 });
    expect(pooled.impact).toEqual(here.impact);
    expect(pooled.reports).toEqual(here.reports);
    expect(pooled.statuses).toEqual(here.statuses);
    expect(here.statuses.filter((s) => s === 'non-conformant')).toHaveLength(4);
  });
});
