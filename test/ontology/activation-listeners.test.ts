// OntologyActivation tells the record listeners about the records whose status changed, and then its followers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OntologyActivation } from '../../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../../src/ontology/ontology-versions.js';
import { RecordIndex } from '../../src/pipeline/record-index.js';
import { RecordIris } from '../../src/pipeline/record-iris.js';
import type { RecordListener, StoredRecord } from '../../src/pipeline/record-listener.js';
import { RecordWriter } from '../../src/pipeline/record-writer.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { ProfileRegistry } from '../../src/validate/profile-registry.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const FEED = 'f1';
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/HEAL';
const PREFIXES = `@prefix dcat: <${DCAT}> . @prefix dct: <http://purl.org/dc/terms/> .`;
const RECORDS: Record<string, string> = {
  theme: `<https://d.example/theme> a dcat:Dataset ; dct:title "with a theme"@en ; dct:description "d"@en ; dcat:theme <${THEME}> .`,
  plain: `<https://d.example/plain> a dcat:Dataset ; dct:title "plain"@en ; dct:description "d"@en ; dcat:keyword "k" .`,
};
const iris = new RecordIris('http://sheaf.test');
const fixture = async (name: string): Promise<Quad[]> => new Parser().parse(await readFile(new URL(`../fixtures/ontologies/${name}`, import.meta.url), 'utf8'));

let dir: string;
let store: OxigraphStore;
let stateDb: StateDb;
let records: RecordIndex;
let activation: OntologyActivation;
/** What the listener heard, with the record row's status at that moment (rows must be written by then). */
const heard: Array<{ key: string; validation: string; rowStatus: string | undefined; quads: number }> = [];
const followed: Array<readonly string[]> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheaf-activation-listeners-'));
  store = await OxigraphStore.open({ dataDir: dir });
  stateDb = openStateDb(dir);
  records = new RecordIndex({ db: stateDb.db });
  const profiles = await ProfileRegistry.load();
  const validator = await profiles.validator('dcat-ap');
  const now = new Date().toISOString();
  await new RecordWriter({ store, index: records, iris, graceDays: 30 }).write(await Promise.all(Object.entries(RECORDS).map(async ([key, ttl]) => {
    const quads = new Parser().parse(PREFIXES + ttl);
    return {
      existed: false, lastSeen: now, quads, report: [],
      record: {
        feedId: FEED, key, datasetIri: quads[0]!.subject.value, hash: key, pageUrl: 'https://source.example/page', runId: 'r1',
        state: 'active' as const, profile: 'dcat-ap', validation: (await validator.validate(quads)).status, firstSeen: now, lastChanged: now,
      },
    };
  })));
  const listener: RecordListener = {
    recordsStored(stored: readonly StoredRecord[]) {
      for (const r of stored) heard.push({ key: r.key, validation: r.validation, rowStatus: records.get(r.feedId, r.key)?.validation, quads: r.quads.length });
    },
    recordsWithdrawn() {},
  };
  activation = new OntologyActivation({
    versions: new OntologyVersions({ db: stateDb.db, store, baseUrl: 'http://sheaf.test' }), profiles, store, records, iris,
    profileOf: (f) => (f === FEED ? 'dcat-ap' : undefined), listeners: [listener],
    followers: [{ async ontologiesChanged({ loaded }) { followed.push([...loaded.keys()]); } }],
  });
});

afterAll(async () => {
  stateDb.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OntologyActivation listeners', () => {
  it('tells the record listeners only about records whose status changed, with their rows written, then its followers', async () => {
    const r = await activation.load({ quads: await fixture('dcat2-like.ttl'), format: 'turtle', loadedBy: 'curator' });
    // Both records are revalidated (they use dcat terms); only the theme record changes status.
    expect(r.impact).toMatchObject({ revalidated: 2, changed: 1 });
    expect(heard).toEqual([{ key: 'theme', validation: 'non-conformant', rowStatus: 'non-conformant', quads: expect.any(Number) }]);
    expect(heard[0]!.quads).toBeGreaterThan(0);
    expect(followed).toEqual([['http://www.w3.org/ns/dcat']]);

    heard.length = 0;
    await activation.load({ quads: await fixture('dcat3-like.ttl'), format: 'turtle', loadedBy: 'curator' });
    expect(heard.map((h) => [h.key, h.validation === 'non-conformant'])).toEqual([['theme', false]]);
    expect(followed).toHaveLength(2);
  });

  it('keeps a version current when a follower fails (the index it keeps can be rebuilt)', async () => {
    const failing = new OntologyActivation({
      versions: activation.versions, profiles: await ProfileRegistry.load(), store, records, iris, profileOf: () => 'dcat-ap',
      followers: [{ async ontologiesChanged() { throw new Error('index unavailable'); } }],
      logger: { error: (obj) => followed.push([String((obj as { err: Error }).err.message)]) },
    });
    const r = await failing.restore('v1');
    expect(r.version).toMatchObject({ id: 'v1', current: true });
    expect(followed.at(-1)).toEqual(['index unavailable']);
  });
});
