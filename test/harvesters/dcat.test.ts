// The dcat adapter: the shared contract, then syntaxes, legacy Hydra paging and conditional GET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcat } from '../../harvesters/dcat/index.js';
import type { PageMemo } from '../../harvesters/harvester.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { runHarvesterContract } from './contract.js';
import { SafeFetcher } from '../../src/core/safe-fetch.js';
import { TEST_FETCH, harvestAll, recordKey } from './harvest-all.js';

const ds = (...n: number[]): string[] => n.map((i) => `https://catalogue.example.eu/dataset/eucaim-${String(i).padStart(3, '0')}`);
const paged = {
  '/dcat/catalog?page=1': { file: 'dcat/paged-1.ttl' },
  '/dcat/catalog?page=2': { file: 'dcat/paged-2.ttl' },
  '/dcat/catalog?page=3': { file: 'dcat/paged-3.ttl' },
};
const source = (path: string) => (s: FixtureServer) => ({ key: 'dcat-feed', url: s.url(path) });

runHarvesterContract({
  make: () => dcat,
  fixtures: {
    paged: { routes: paged, source: source('/dcat/catalog?page=1'), keys: ds(0, 1, 2, 3, 4, 5), pages: 3 },
    loop: {
      routes: { '/dcat/loop?page=1': { file: 'dcat/loop-1.ttl' }, '/dcat/loop?page=2': { file: 'dcat/loop-2.ttl' } },
      source: source('/dcat/loop?page=1'),
      keys: ds(20, 21, 22),
    },
    failing: { routes: { ...paged, '/dcat/catalog?page=3': { status: 500, body: 'boom' } }, source: source('/dcat/catalog?page=1'), keys: ds(0, 1, 2, 3) },
  },
});

describe('dcat adapter', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({
      ...Object.fromEntries(Object.entries(paged).map(([k, v]) => [k, { ...v, conditional: true }])),
      '/moved': { redirect: '/dcat/loop?page=1', status: 301 },
      '/dcat/loop?page=1': { file: 'dcat/loop-1.ttl' },
      '/dcat/loop?page=2': { file: 'dcat/loop-2.ttl' },
      '/dcat/legacy?page=1': { file: 'dcat/legacy-1.ttl' },
      '/dcat/legacy?page=2': { file: 'dcat/legacy-2.ttl' },
      '/syntax/catalog.jsonld': { file: 'dcat/catalog.jsonld' },
      '/syntax/catalog.rdf': { file: 'dcat/catalog.rdf' },
      '/syntax/catalog.trig': { file: 'dcat/catalog.trig' },
      '/syntax/catalog.nt': { file: 'dcat/catalog.nt' },
      '/syntax/mislabelled': { file: 'dcat/catalog.rdf', type: 'application/octet-stream' },
      '/syntax/override': { file: 'dcat/catalog.nt', type: 'text/html' },
      '/catalog.ttl': { file: 'dcat/ckan-literal-1.ttl' },
      '/catalog.ttl?page=1': { file: 'dcat/ckan-literal-1.ttl' },
      '/catalog.ttl?page=2': { file: 'dcat/ckan-literal-2.ttl' },
      '/catalog.ttl?page=3': { file: 'dcat/ckan-literal-3.ttl' },
      '/catalog.rdf': { file: 'dcat/ckan-literal-1.rdf' },
      '/catalog.rdf?page=2': { file: 'dcat/ckan-literal-2.rdf' },
      '/catalog.jsonld': { file: 'dcat/ckan-literal-1.jsonld' },
      '/catalog.jsonld?page=2': { file: 'dcat/ckan-literal-2.jsonld' },
      '/view.nt': { file: 'dcat/view-literal-1.nt' },
      '/view.nt?page=2': { file: 'dcat/view-literal-2.nt' },
      '/syntax/link-header': { file: 'dcat/catalog.nt', type: 'application/n-triples', headers: { link: '</syntax/catalog.trig>; rel="next"' } },
    });
  });
  afterAll(() => server.close());

  it.each([
    ['JSON-LD', '/syntax/catalog.jsonld', ['https://imaging.example.org/dataset/liver-ct', 'https://imaging.example.org/dataset/head-neck-pet']],
    ['RDF/XML', '/syntax/catalog.rdf', ['https://registry.example.net/dataset/neuroblastoma-mri', 'RD-EWING-CT']],
    ['TriG', '/syntax/catalog.trig', ['https://trig.example.org/dataset/1', 'https://trig.example.org/dataset/2']],
    ['N-Triples', '/syntax/catalog.nt', ['https://nt.example.org/dataset/a']],
    ['RDF/XML sniffed behind a generic media type', '/syntax/mislabelled', ['https://registry.example.net/dataset/neuroblastoma-mri', 'RD-EWING-CT']],
  ])('reads %s', async (_name, path, keys) => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url(path) });
    expect(got.errors).toEqual([]);
    // Order within one document is the parser's (JSON-LD emits sorted), so compare as sets.
    expect(got.records.map(recordKey).sort()).toEqual([...keys].sort());
  });

  const city = ['baumkataster', 'parkhaeuser-belegung', 'wahlergebnisse-2025', 'haushaltsplan-2026', 'kitas']
    .map((slug) => `https://opendata.example-stadt.de/dataset/${slug}`);
  it.each([
    ['Turtle, legacy hydra:PagedCollection (ckanext-dcat catalog.ttl)', '/catalog.ttl', 3],
    ['RDF/XML, legacy hydra:PagedCollection (ckanext-dcat catalog.rdf)', '/catalog.rdf', 2],
    ['JSON-LD, legacy hydra:PagedCollection (ckanext-dcat catalog.jsonld)', '/catalog.jsonld', 2],
    ['N-Triples, hydra:PartialCollectionView with xsd:anyURI literals', '/view.nt', 2],
  ])('follows Hydra links written as literals: %s', async (_name, path, pages) => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url(path) });
    expect(got.errors).toEqual([]);
    expect(got.pages).toHaveLength(pages);
    expect(got.records.map(recordKey).sort()).toEqual([...city].sort());
    // The walk reached the last page the source named and counted what the source says it holds.
    expect(got.end).toMatchObject({ complete: true, stated: { total: 5 } });
    expect(got.warnings).toEqual([]);
  });

  it('walks from the first page when registered with a middle page (hydra:firstPage literal)', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/catalog.ttl?page=2') });
    expect(got.records.map(recordKey).sort()).toEqual([...city].sort());
    expect(got.end.complete).toBe(true);
    expect(got.warnings).toMatchObject([{ stage: 'paging', message: expect.stringMatching(/not the first page/) }]);
  });

  it('uses the source format override over a wrong Content-Type', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/syntax/override'), format: 'n-triples' });
    expect(got.records.map(recordKey)).toEqual(['https://nt.example.org/dataset/a']);
  });

  it('sends an RDF Accept header (content negotiation)', async () => {
    await harvestAll(dcat, { key: 'f', url: server.url('/syntax/catalog.nt') });
    const req = server.log.findLast((r) => r.url.pathname === '/syntax/catalog.nt')!;
    expect(req.headers.accept).toMatch(/^text\/turtle/);
    expect(req.headers['user-agent']).toMatch(/^sheaf\/\d/);
  });

  it('follows a Link rel="next" header', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/syntax/link-header') });
    expect(got.records.map(recordKey)).toEqual(['https://nt.example.org/dataset/a', 'https://trig.example.org/dataset/1', 'https://trig.example.org/dataset/2']);
  });

  it('reads a file: URL only for a source marked local (admin-only demo feeds)', async () => {
    const url = new URL('../fixtures/dcat/catalog.trig', import.meta.url).href;
    const refused = await harvestAll(dcat, { key: 'f', url });
    expect(refused.errors).toMatchObject([{ stage: 'fetch', code: 'CAT_ERR_FETCH_REFUSED' }]);
    const local = await harvestAll(dcat, { key: 'f', url, local: true });
    expect(local.records.map(recordKey)).toEqual(['https://trig.example.org/dataset/1', 'https://trig.example.org/dataset/2']);
  });

  it('requests the next page while the caller is still on the current one', async () => {
    const fetcher = new SafeFetcher(TEST_FETCH);
    const items = dcat.harvest({ key: 'f', url: server.url('/dcat/catalog?page=1') }, { fetcher })[Symbol.asyncIterator]();
    const before = server.log.length;
    let first = await items.next();
    while (!first.done && first.value.kind !== 'record') first = await items.next();
    // The generator is paused on page 1's first record; page 2 must still arrive without a pull.
    for (let i = 0; i < 100 && !server.log.slice(before).some((r) => r.url.search === '?page=2'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(server.log.slice(before).map((r) => r.url.search)).toEqual(['?page=1', '?page=2']);
    await items.return?.();
    await fetcher.close();
  });

  it('counts the URL a redirect led to as visited', async () => {
    // /moved → page 1; page 2 links back to page 1 by its final URL: a repeat, not a third page.
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/moved') });
    expect(got.pages.map((p) => new URL(p.url).search)).toEqual(['?page=1', '?page=2']);
    expect(got.warnings).toMatchObject([{ stage: 'paging', message: expect.stringMatching(/already visited/) }]);
  });

  it('pages through legacy hydra:PagedCollection / hydra:nextPage', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/legacy?page=1') });
    expect(got.pages).toHaveLength(2);
    expect(got.records.map(recordKey)).toEqual(ds(10, 11, 12, 13));
  });

  it('keeps a dataset with its distribution, contact point and publisher, and its own dates', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/catalog?page=1') });
    const first = got.records[0]!;
    if (first.shape !== 'quads') throw new Error('expected quads');
    const subjects = new Set(first.quads.map((q) => q.subject.value));
    expect(subjects).toContain('https://catalogue.example.eu/dataset/eucaim-000/dicom');
    expect(subjects).toContain('https://catalogue.example.eu/agent/site-0');
    expect(subjects).not.toContain('https://catalogue.example.eu/catalog');
    expect(subjects).not.toContain('https://catalogue.example.eu/dataset/eucaim-001');
    expect(first.quads.some((q) => q.predicate.value === 'http://www.w3.org/2006/vcard/ns#fn')).toBe(true);
    expect(first).toMatchObject({ keyHints: { identifier: 'EUCAIM-DS-000' }, issued: '2025-01-12', modified: '2026-01-01T08:30:00Z' });
  });

  it('answers unchanged pages with 304 and walks on through the remembered links', async () => {
    const first = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/catalog?page=1') });
    const memo = new Map<string, PageMemo>(first.pages.map((p) => [p.url, { etag: p.etag, lastModified: p.lastModified, links: p.links }]));
    expect(first.pages.every((p) => p.etag !== undefined)).toBe(true);
    const again = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/catalog?page=1') }, { memo: (u) => memo.get(u) });
    expect(again.pages.map((p) => p.notModified)).toEqual([true, true, true]);
    expect(again.records).toEqual([]);
    expect(again.end.complete).toBe(true);
  });

  it('walks past pages re-sent identical (200, no validators) without reading them, and reads a changed one', async () => {
    const first = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/legacy?page=1') });
    expect(first.pages.every((p) => p.bodyHash !== undefined && p.etag === undefined)).toBe(true);
    const memo = new Map<string, PageMemo>(first.pages.map((p) => [p.url, { links: p.links, bodyHash: p.bodyHash }]));
    const again = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/legacy?page=1') }, { memo: (u) => memo.get(u) });
    expect(again.pages.map((p) => [p.notModified, p.sameBody])).toEqual([[false, true], [false, true]]);
    expect(again.pages.map((p) => p.bodyHash)).toEqual(first.pages.map((p) => p.bodyHash));
    expect(again.records).toEqual([]);
    expect(again.end.complete).toBe(true);
    // Page 2 changed since (another digest remembered): it is read, page 1 is not.
    memo.set(first.pages[1]!.url, { links: [], bodyHash: 'another' });
    const changed = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/legacy?page=1') }, { memo: (u) => memo.get(u) });
    expect(changed.pages.map((p) => p.sameBody ?? false)).toEqual([true, false]);
    expect(changed.records.map(recordKey)).toEqual(ds(12, 13));
  });
});
