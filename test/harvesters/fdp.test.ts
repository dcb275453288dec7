// The fdp adapter: the shared contract, then the crawl shape (several parents, distributions as documents).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fdp } from '../../harvesters/fdp/index.js';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { runHarvesterContract } from './contract.js';
import { SafeFetcher } from '../../src/core/safe-fetch.js';
import { probeFeed } from '../../src/pipeline/probe-feed.js';
import { TEST_FETCH, harvestAll, recordKey } from './harvest-all.js';

const ds = (...ids: string[]): string[] => ids.map((id) => `{{base}}/fdp/dataset/${id}`);
const node: Record<string, RouteSpec> = {
  '/fdp': { file: 'fdp/root.ttl', conditional: true },
  '/fdp/catalog/c1': { file: 'fdp/catalog-c1.ttl', conditional: true },
  '/fdp/catalog/c2': { file: 'fdp/catalog-c2.ttl', conditional: true },
  '/fdp/dataset/d1': { file: 'fdp/dataset-d1.ttl' },
  '/fdp/dataset/d2': { file: 'fdp/dataset-d2.ttl' },
  '/fdp/dataset/d3': { file: 'fdp/dataset-d3.ttl' },
  '/fdp/distribution/dist1': { file: 'fdp/distribution-dist1.ttl' },
  '/fdp/distribution/dist2': { file: 'fdp/distribution-dist2.ttl' },
  '/fdp/distribution/dist3': { file: 'fdp/distribution-dist3.ttl' },
};
const source = (s: FixtureServer) => ({ key: 'fdp-feed', url: s.url('/fdp') });

runHarvesterContract({
  make: () => fdp,
  fixtures: {
    paged: { routes: node, source, keys: ds('d1', 'd2', 'd3'), pages: 9 },
    loop: { routes: { ...node, '/fdp/catalog/c2': { file: 'fdp/catalog-c2-cycle.ttl' } }, source, keys: ds('d1', 'd2', 'd3'),
      harmless: 'a crawl reads every resource once: a container linking back to one already read hides nothing' },
    failing: { routes: { ...node, '/fdp/catalog/c2': { status: 500 } }, source, keys: ds('d1', 'd2') },
  },
});

describe('fdp adapter', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({
      ...node,
      '/fdp/distribution/dist3': { status: 503, headers: { 'retry-after': '0' } },
      '/tree': { file: 'fdp/one-document-tree.ttl' },
    });
  });
  afterAll(() => server.close());

  it('fetches a dataset listed by two catalogues once and yields it once', async () => {
    const before = server.log.length;
    const got = await harvestAll(fdp, source(server));
    expect(got.records.map(recordKey).filter((k) => k?.endsWith('/d2'))).toHaveLength(1);
    expect(server.log.slice(before).filter((r) => r.url.pathname === '/fdp/dataset/d2')).toHaveLength(1);
    expect(got.warnings).toEqual([]);
  });

  it('joins distributions from their own documents into the dataset record', async () => {
    const got = await harvestAll(fdp, source(server));
    const d1 = got.records.find((r) => recordKey(r) === server.url('/fdp/dataset/d1'))!;
    if (d1.shape !== 'quads') throw new Error('expected quads');
    const titles = d1.quads.filter((q) => q.predicate.value === 'http://purl.org/dc/terms/title').map((q) => q.object.value);
    expect(titles).toEqual(expect.arrayContaining(['Neuroblastoma MRI at diagnosis', 'DICOM archive', 'Clinical data']));
    expect(d1.quads.some((q) => q.object.value === 'http://www.w3.org/ns/ldp#DirectContainer')).toBe(false);
    expect(d1).toMatchObject({ keyHints: { identifier: 'FDP-d1' }, modified: '2026-02-01T12:00:00Z' });
  });

  it('fetches a distribution shared by two datasets once and describes it in both records', async () => {
    const before = server.log.length;
    const got = await harvestAll(fdp, source(server));
    expect(server.log.slice(before).filter((r) => r.url.pathname === '/fdp/distribution/dist1')).toHaveLength(1);
    for (const id of ['d1', 'd3']) {
      const record = got.records.find((r) => recordKey(r) === server.url(`/fdp/dataset/${id}`))!;
      if (record.shape !== 'quads') throw new Error('expected quads');
      expect(record.quads.some((q) => q.subject.value === server.url('/fdp/distribution/dist1') && q.object.value === 'DICOM archive')).toBe(true);
    }
  });

  it('reports a distribution that cannot be fetched, still yields its dataset, and ends incomplete', async () => {
    const got = await harvestAll(fdp, source(server));
    expect(got.records.map(recordKey)).toContain(server.url('/fdp/dataset/d3'));
    expect(got.errors).toMatchObject([{ url: server.url('/fdp/distribution/dist3'), stage: 'fetch', message: expect.stringMatching(/503/) }]);
    expect(got.end.complete).toBe(false);
  });

  it('takes datasets and series described inline in a container document as records', async () => {
    const got = await harvestAll(fdp, { key: 'k', url: server.url('/tree') });
    expect(got.records.map(recordKey)).toEqual(['https://registry.example.net/series/ms-followup', 'https://registry.example.net/dataset/ms-2025']);
    expect(got.pages).toHaveLength(1);
    expect(got.end.complete).toBe(true);
  });

  it('walks containers that answer 304 through the children remembered from the last run', async () => {
    const first = await harvestAll(fdp, source(server));
    const memo = new Map(first.pages.map((p) => [p.url, { etag: p.etag, lastModified: p.lastModified, links: p.links }]));
    const again = await harvestAll(fdp, source(server), { memo: (u) => memo.get(u) });
    expect(again.pages.filter((p) => p.notModified).map((p) => new URL(p.url).pathname)).toEqual(['/fdp', '/fdp/catalog/c1', '/fdp/catalog/c2']);
    expect(again.records.map(recordKey)).toEqual(first.records.map(recordKey));
  });
});

/** The reference FDP answers its single-page web client unless asked for RDF: Turtle only when the Accept header names it. */
const negotiated = (file: string): RouteSpec => ({
  handler: (req) => (/text\/turtle/.test(String(req.headers.accept))
    ? { file, type: 'text/turtle' }
    : { body: '<!doctype html><html><head><title>FAIR Data Point</title></head><body><div id="app"></div></body></html>', type: 'text/html' }),
});
const EUCAIM_SETS = ['prostate-mri-2023', 'prostate-mri-2024', 'lung-ct-2024'];
const reference: Record<string, RouteSpec> = {
  '/eucaim': negotiated('fdp/eucaim-root.ttl'),
  '/eucaim/series/prostate-mri': negotiated('fdp/eucaim-series.ttl'),
  ...Object.fromEntries(EUCAIM_SETS.flatMap((s) => [
    [`/eucaim/dataset/${s}`, negotiated(`fdp/eucaim-dataset-${s}.ttl`)],
    [`/eucaim/distribution/${s}-dicom`, negotiated(`fdp/eucaim-distribution-${s}.ttl`)],
  ])),
  '/dtl': negotiated('fdp/dtl-root.ttl'),
  '/r3d': negotiated('fdp/r3d-root.ttl'),
  '/catalogs': negotiated('fdp/catalogs-root.ttl'),
  '/dtl/textmining': negotiated('fdp/dtl-catalog.ttl'),
  '/dtl/textmining/gene-disease-association': negotiated('fdp/dtl-dataset-gene-disease-association.ttl'),
  '/dtl/textmining/variant-disease-association': negotiated('fdp/dtl-dataset-variant-disease-association.ttl'),
};

describe('fdp adapter on the reference shapes', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer(reference);
  });
  afterAll(() => server.close());

  it('crawls an EUCAIM node: catalogue container → series container → datasets → distributions, Turtle negotiated', async () => {
    const got = await harvestAll(fdp, { key: 'eucaim', url: server.url('/eucaim') });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey).sort()).toEqual(EUCAIM_SETS.map((s) => server.url(`/eucaim/dataset/${s}`)).sort());
    expect(got.end.complete).toBe(true);
    const lung = got.records.find((r) => recordKey(r) === server.url('/eucaim/dataset/lung-ct-2024'))!;
    if (lung.shape !== 'quads') throw new Error('expected quads');
    // The distribution document joined the record; literals keep their datatypes.
    expect(lung.quads.some((q) => q.subject.value === server.url('/eucaim/distribution/lung-ct-2024-dicom') && q.predicate.value.endsWith('#accessURL'))).toBe(true);
    const records = lung.quads.find((q) => q.predicate.value === 'http://healthdataportal.eu/ns/health#numberOfRecords')!;
    expect(records.object).toMatchObject({ value: '900', datatype: { value: 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger' } });
    expect(server.log.filter((r) => r.url.pathname.startsWith('/eucaim')).every((r) => /^text\/turtle/.test(String(r.headers.accept)))).toBe(true);
  });

  it.each([
    ['an early FDP root (ldp:Container)', '/dtl'],
    ['an FDP 1.x root (r3d:Repository, r3d:dataCatalog)', '/r3d'],
    ['a dcat:Catalog root linking its catalogues', '/catalogs'],
  ])('crawls %s down to its datasets', async (_name, path) => {
    const got = await harvestAll(fdp, { key: 'k', url: server.url(path) });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey).sort()).toEqual(
      ['gene-disease-association', 'variant-disease-association'].map((s) => server.url(`/dtl/textmining/${s}`)));
    expect(got.end.complete).toBe(true);
  });

  it.each(['/eucaim', '/dtl', '/r3d', '/catalogs'])('is what the feed probe finds at %s, and a feed naming fdp is accepted there', async (path) => {
    const fetcher = new SafeFetcher(TEST_FETCH);
    try {
      expect(await probeFeed({ fetcher, url: server.url(path) })).toEqual({ protocol: 'fdp', probedUrl: server.url(path) });
      expect(await probeFeed({ fetcher, url: server.url(path), protocol: 'fdp' })).toMatchObject({ protocol: 'fdp' });
    } finally {
      await fetcher.close();
    }
  });
});
