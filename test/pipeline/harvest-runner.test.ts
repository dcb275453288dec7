// The harvest runner end to end: real HTTP on 127.0.0.1, a real OxigraphStore on disk, real validators.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HarvestRunner } from '../../src/pipeline/harvest-runner.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import type { ProfileRegistry } from '../../src/validate/profile-registry.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { DS, feedRoutes, mutableSource, testFeed, type MutableSource } from './feed-pages.js';

const BASE = 'https://sheaf.test';
let profiles: ProfileRegistry;
let server: FixtureServer;
let src: MutableSource;
let dir: string;
let store: OxigraphStore;
let state: StateDb;
let runner: HarvestRunner;

beforeAll(async () => {
  profiles = await loadProfiles();
  src = mutableSource();
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(() => server.close());

beforeEach(async () => {
  Object.assign(src, mutableSource());
  dir = mkdtempSync(path.join(tmpdir(), 'sheaf-runner-'));
  store = await OxigraphStore.open({ dataDir: dir });
  state = openStateDb(dir);
  runner = new HarvestRunner({ store, stateDb: state, profiles, baseUrl: BASE, allowPrivateNetworks: true, fetcher: { retries: 0 } });
});
afterEach(async () => {
  state.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const feed = () => testFeed(server.url('/feed?page=1'));
const recordGraphs = () => store.listGraphs({ prefix: `${BASE}/graph/record/feed-a/` });
const graphOf = (i: number) => `${BASE}/graph/record/feed-a/${encodeURIComponent(DS(i))}`;
/** Graph-log rows written after `since` (record, catalogue-record and report graphs only). */
const writesSince = (since: string): number =>
  (state.db.prepare(`SELECT count(*) AS n FROM graph_log WHERE updated_at > ? AND graph NOT LIKE ?`).get(since, `${BASE}/graph/run/%`) as { n: number }).n;
const activeInCatalogue = async (): Promise<string[]> =>
  (await store.select(`SELECT ?d WHERE { <${BASE}/catalog> <http://www.w3.org/ns/dcat#dataset> ?d }`)).rows.map((r) => r.get('d')!.value).sort();
const all = (n: number) => Array.from({ length: n }, (_, i) => DS(i)).sort();

describe('HarvestRunner', () => {
  it('creates every record on the first run, with provenance', async () => {
    const run = await runner.run(feed());
    expect(run).toMatchObject({ status: 'succeeded', complete: true, pages: 3, records: 12 });
    expect(run.counts).toMatchObject({ created: 12, updated: 0, unchanged: 0, withdrawn: 0, failed: 0 });
    expect(await recordGraphs()).toHaveLength(12);
    expect(await activeInCatalogue()).toEqual(all(12));
    const cr = await store.select(`PREFIX dct: <http://purl.org/dc/terms/> PREFIX sheaf: <https://w3id.org/sheaf/ns#>
      PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
      SELECT ?issued ?srcModified ?page ?run ?hash WHERE { ?cr foaf:primaryTopic <${DS(0)}> ; dct:issued ?issued ;
        sheaf:sourceModified ?srcModified ; sheaf:sourcePage ?page ; prov:wasGeneratedBy ?run ; sheaf:hash ?hash }`);
    expect(cr.rows).toHaveLength(1);
    const row = cr.rows[0]!;
    expect(row.get('srcModified')!.value).toBe('2026-01-01T08:00:00Z');
    expect(row.get('issued')!.value).not.toBe('2026-01-01T08:00:00Z');
    expect(row.get('page')!.value).toBe(server.url('/feed?page=1'));
    expect(row.get('run')!.value).toBe(`${BASE}/run/${run.id}`);
    // The contact point was a blank node: skolemised into the record, no blank node stored.
    expect(await store.ask(`ASK { GRAPH <${graphOf(0)}> { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }`)).toBe(false);
    expect(await store.ask(`ASK { <${BASE}/run/${run.id}> a <http://www.w3.org/ns/prov#Activity> ;
      <https://w3id.org/sheaf/ns#created> 12 }`)).toBe(true);
    expect(runner.runs.get(run.id)).toEqual(run);
  });

  it('writes nothing on an unchanged second run, with or without 304s', async () => {
    await runner.run(feed());
    const skolem = (await store.select(`SELECT ?o WHERE { GRAPH <${graphOf(1)}> { <${DS(1)}> <http://www.w3.org/ns/dcat#contactPoint> ?o } }`)).rows[0]!.get('o')!.value;
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const second = await runner.run(feed());
    expect(second).toMatchObject({ status: 'succeeded', notModifiedPages: 3, records: 12 });
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 12, withdrawn: 0 });
    src.conditional = false;
    // Pages re-sent whole are recognised by their digest: not read again either.
    const third = await runner.run(feed());
    expect(third).toMatchObject({ status: 'succeeded', notModifiedPages: 3 });
    expect(third.counts).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    expect(writesSince(before)).toBe(0);
    // Deterministic skolemisation: the re-parsed blank node got the same IRI.
    const again = (await store.select(`SELECT ?o WHERE { GRAPH <${graphOf(1)}> { <${DS(1)}> <http://www.w3.org/ns/dcat#contactPoint> ?o } }`)).rows[0]!.get('o')!.value;
    expect(again).toBe(skolem);
  });

  it('re-reads only a re-sent page that changed; records on identical pages stay seen, not withdrawn', async () => {
    src.conditional = false;
    await runner.run(feed());
    src.versions.set(5, 2);
    src.dropped.add(6);
    const run = await runner.run(feed());
    expect(run).toMatchObject({ status: 'succeeded', notModifiedPages: 2, records: 11 });
    expect(run.counts).toMatchObject({ created: 0, updated: 1, unchanged: 10, withdrawn: 1 });
    expect(await activeInCatalogue()).toEqual(all(12).filter((d) => d !== DS(6)));
    expect(runner.records.get('feed-a', DS(0))).toMatchObject({ state: 'active' });
    // Still identical next time: nothing read, nothing withdrawn.
    const again = await runner.run(feed());
    expect(again).toMatchObject({ status: 'succeeded', notModifiedPages: 3, records: 11 });
    expect(again.counts).toMatchObject({ unchanged: 11, withdrawn: 0 });
  });

  it('reads every page again, despite 304s, once the profile changed (records re-validated once)', async () => {
    await runner.run(feed());
    const run = await runner.run(testFeed(server.url('/feed?page=1'), { profile: 'healthdcat-ap' }));
    expect(run).toMatchObject({ status: 'succeeded', notModifiedPages: 0 });
    expect(run.counts).toMatchObject({ updated: 12, unchanged: 0 });
    const again = await runner.run(testFeed(server.url('/feed?page=1'), { profile: 'healthdcat-ap' }));
    expect(again).toMatchObject({ status: 'succeeded', notModifiedPages: 3 });
  });

  it('updates a changed record and withdraws a vanished one after a complete gather', async () => {
    await runner.run(feed());
    src.versions.set(5, 2);
    src.dropped.add(9);
    const run = await runner.run(feed());
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ created: 0, updated: 1, unchanged: 10, withdrawn: 1 });
    expect(await store.ask(`ASK { GRAPH <${graphOf(5)}> { <${DS(5)}> <http://purl.org/dc/terms/title> "Imaging cohort 5 v2"@en } }`)).toBe(true);
    expect(await recordGraphs()).not.toContain(graphOf(9));
    expect(await activeInCatalogue()).toEqual(all(12).filter((d) => d !== DS(9)));
    // The tombstone stays (until purge) and says when the record was withdrawn.
    expect(await store.ask(`PREFIX sheaf: <https://w3id.org/sheaf/ns#> ASK { ?cr <http://xmlns.com/foaf/0.1/primaryTopic> <${DS(9)}> ;
      sheaf:recordStatus sheaf:Withdrawn ; sheaf:purgeAfter ?t ; <http://www.w3.org/ns/prov#invalidatedAtTime> ?w }`)).toBe(true);
    expect(runner.records.get('feed-a', DS(9))).toMatchObject({ state: 'withdrawn' });
    // It comes back when the source lists it again.
    src.dropped.clear();
    const back = await runner.run(feed());
    expect(back.counts).toMatchObject({ created: 1, withdrawn: 0 });
    expect(await activeInCatalogue()).toEqual(all(12));
  });

  it('keeps pages 1–2 and withdraws nothing when page 3 answers 500 (partial)', async () => {
    src.failing.set(3, 500);
    const first = await runner.run(feed());
    expect(first).toMatchObject({ status: 'partial', complete: false });
    expect(first.counts.created).toBe(8);
    expect(first.errors[0]).toMatchObject({ url: server.url('/feed?page=3'), stage: 'fetch' });
    expect(await recordGraphs()).toHaveLength(8);
    src.failing.clear();
    await runner.run(feed());
    src.failing.set(3, 500);
    const partial = await runner.run(feed());
    expect(partial.status).toBe('partial');
    expect(partial.counts.withdrawn).toBe(0);
    expect(await activeInCatalogue()).toEqual(all(12));
  });

  it('fails and leaves the catalogue as it was when the source is down', async () => {
    await runner.run(feed());
    const before = new Date().toISOString();
    src.failing.set(1, 503);
    const run = await runner.run(feed());
    expect(run).toMatchObject({ status: 'failed', pages: 0, records: 0 });
    expect(run.errors[0]!.stage).toBe('fetch');
    expect(await activeInCatalogue()).toEqual(all(12));
    expect(writesSince(before)).toBe(0);
  });

  it('holds a mass deletion for a curator, then withdraws on confirmation', async () => {
    await runner.run(feed());
    for (let i = 4; i < 12; i++) src.dropped.add(i);
    const run = await runner.run(feed());
    expect(run).toMatchObject({ status: 'held', heldWithdrawals: 8 });
    expect(run.reason).toMatch(/8 of 12 records vanished/);
    expect(await activeInCatalogue()).toEqual(all(12));
    const confirmed = await runner.confirmHeld(run.id, { by: 'curator-1' });
    expect(confirmed).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ withdrawn: 8 }) });
    expect(await activeInCatalogue()).toEqual(all(4));
    await expect(runner.confirmHeld(run.id)).rejects.toMatchObject({ code: 'CAT_ERR_CONFLICT' });
  });

  it('lists runs per feed, newest first, and refuses a second concurrent run of one feed', async () => {
    src.delayMs = 50;
    const first = runner.run(feed());
    await expect(runner.run(feed())).rejects.toMatchObject({ code: 'CAT_ERR_CONFLICT' });
    // A run the scheduler queued meanwhile is closed at once, not left queued.
    const queued = runner.queue(feed(), 'manual');
    await expect(runner.execute(queued, feed())).rejects.toMatchObject({ code: 'CAT_ERR_CONFLICT' });
    expect(runner.runs.get(queued)).toMatchObject({ status: 'interrupted', reason: expect.stringMatching(/not started: .*already being harvested/) });
    expect(runner.isFinished(queued)).toBe(true);
    const a = await first;
    src.delayMs = 0;
    const b = await runner.run(feed());
    expect(runner.runs.listForFeed('feed-a').map((r) => r.id)).toEqual([b.id, queued, a.id]);
    expect(b.trigger).toBe('manual');
  });
});
