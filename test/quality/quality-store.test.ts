// Quality end to end: harvested records scored as DQV, links checked over real HTTP, scores updated with dated checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { SafeFetcher } from '../../src/core/safe-fetch.js';
import { checkLinks } from '../../src/quality/link-checker.js';
import { QualityStore } from '../../src/quality/quality-store.js';
import type { OxigraphStore } from '../../src/store/oxigraph.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { testFeed } from '../pipeline/feed-pages.js';
import { openHarvestedCatalogue, type HarvestedCatalogue } from '../harvested-catalogue.js';

const BASE = 'https://sheaf.test';
const FEED = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix ft: <http://publications.europa.eu/resource/authority/file-type/> .
<https://data.example.org/ds/a> a dcat:Dataset ; dct:title "A"@en ; dct:description "Dataset A"@en ; dcat:keyword "x" ;
  dcat:distribution <https://data.example.org/ds/a/csv> .
<https://data.example.org/ds/a/csv> a dcat:Distribution ; dcat:accessURL <{{base}}/files/ok> ; dct:format ft:CSV .
<https://data.example.org/ds/b> a dcat:Dataset ; dct:title "B"@en ; dct:description "Dataset B"@en ;
  dcat:distribution <https://data.example.org/ds/b/pdf>, <https://data.example.org/ds/b/zip> .
<https://data.example.org/ds/b/pdf> a dcat:Distribution ; dcat:accessURL <{{base}}/files/gone> ; dct:format ft:PDF .
<https://data.example.org/ds/b/zip> a dcat:Distribution ; dcat:accessURL <{{base}}/files/nohead> .
`;

let server: FixtureServer;
let catalogue: HarvestedCatalogue;
let store: OxigraphStore;
let quality: QualityStore;
let fetcher: SafeFetcher;

beforeAll(async () => {
  server = await startFixtureServer({
    '/feed.ttl': { body: FEED, type: 'text/turtle' },
    '/files/ok': { body: 'a,b\n1,2\n', type: 'text/csv' },
    '/files/gone': { status: 404, body: 'no' },
    '/files/nohead': { handler: (req) => (req.method === 'HEAD' ? { status: 405, body: '' } : { body: 'PK', type: 'application/zip' }) },
  });
  catalogue = await openHarvestedCatalogue({
    base: BASE, prefix: 'sheaf-quality-',
    listeners: (discovery, s, state) => [(quality = new QualityStore({ db: state.db, store: s, iris: discovery.iris }))],
  });
  store = catalogue.store;
  expect((await catalogue.runner.run(testFeed(server.url('/feed.ttl')))).counts.created).toBe(2);
  fetcher = new SafeFetcher({ allowPrivateNetworks: true, retries: 0, perHostDelayMs: 0 });
});

afterAll(async () => {
  await fetcher?.close();
  await catalogue?.close();
  await server?.close();
});

describe('QualityStore', () => {
  it('scores each harvested record and stores the score as DQV measurements', async () => {
    const a = quality.get('feed-a', 'https://data.example.org/ds/a')!;
    expect(a.metrics.find((m) => m.id === 'accessUrlStatus')).toMatchObject({ points: 0, pending: true });
    // The DQV graphs are read by name: the store keeps them out of its SPARQL index, as `sheaf serve` does.
    const dqv = await store.readGraphs(await store.listGraphs({ prefix: `${BASE}/graph/quality/` }));
    const one = (s: string, p: string) => dqv.find((q) => q.subject.value === s && q.predicate.value === `${NS.dqv}${p}`)?.object.value;
    const totals = dqv.filter((q) => q.predicate.value === `${NS.dqv}isMeasurementOf` && q.object.value === `${NS.sheaf}mqaScore`).map((q) => q.subject.value);
    const byDataset = new Map(totals.map((m) => [one(m, 'computedOn')!, Number(one(m, 'value'))]));
    expect(byDataset.get('https://data.example.org/ds/a')).toBe(a.points);
    expect(byDataset.size).toBe(2);
  });

  it('checks links with HEAD, falls back to GET, dates each outcome and rescores the records using them', async () => {
    const urls = quality.feedUrls('feed-a').sort();
    expect(urls).toEqual(['/files/gone', '/files/nohead', '/files/ok'].map((p) => server.url(p)).sort());
    const before = quality.get('feed-a', 'https://data.example.org/ds/a')!.points;
    const checks = await checkLinks(urls, { fetcher });
    const byUrl = new Map(checks.map((c) => [c.url.replace(server.origin, ''), c]));
    expect(byUrl.get('/files/ok')).toMatchObject({ ok: true, status: 200 });
    expect(byUrl.get('/files/gone')).toMatchObject({ ok: false, status: 404 });
    expect(byUrl.get('/files/nohead')).toMatchObject({ ok: true, status: 200 });
    expect(server.log.filter((r) => r.url.pathname === '/files/nohead').map((r) => r.method)).toEqual(['HEAD', 'GET']);
    expect(await quality.saveLinkChecks(checks)).toBe(2);
    const a = quality.get('feed-a', 'https://data.example.org/ds/a')!;
    expect(a.points).toBe(before + 50);
    // B: one of two access URLs works, so half of the 50 points under the default share roll-up.
    expect(quality.get('feed-a', 'https://data.example.org/ds/b')!.metrics.find((m) => m.id === 'accessUrlStatus')!.points).toBe(25);
    expect(Date.parse(quality.linkCheck(server.url('/files/gone'))!.checkedAt)).not.toBeNaN();
  });

  it('rescores only the status metrics of a record whose validation status alone changed (an ontology version)', async () => {
    const a = quality.get('feed-a', 'https://data.example.org/ds/a')!;
    const urls = quality.feedUrls('feed-a');
    // No triples told: a full rescoring would lose every point the record's content earns, links included.
    await quality.recordsStored([{ feedId: 'feed-a', key: 'https://data.example.org/ds/a', datasetIri: 'https://data.example.org/ds/a',
      state: 'active', validation: 'non-conformant', quads: [], statusOnly: true }]);
    const restated = quality.get('feed-a', 'https://data.example.org/ds/a')!;
    expect(restated.metrics.find((m) => m.id === 'dcatApCompliance')!.points).toBe(0);
    expect(restated.metrics.find((m) => m.id === 'accessUrlStatus')).toMatchObject({ points: 50, pending: false });
    expect(restated.points).toBe(a.points - 30);
    expect(quality.feedUrls('feed-a')).toEqual(urls);
    const dqv = await store.readGraphs([catalogue.discovery.iris.qualityGraph('feed-a', 'https://data.example.org/ds/a')]);
    const total = dqv.find((q) => q.predicate.value === `${NS.dqv}isMeasurementOf` && q.object.value === `${NS.sheaf}mqaScore`)!.subject;
    expect(Number(dqv.find((q) => q.subject.equals(total) && q.predicate.value === `${NS.dqv}value`)!.object.value)).toBe(a.points - 30);
  });

  it('summarises a feed for its publisher', () => {
    const s = quality.feedSummary('feed-a');
    expect(s.records).toBe(2);
    expect(s.max).toBe(405);
    expect(Object.values(s.bands).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
