// The fdp adapter: the shared contract, then the crawl shape (several parents, distributions as documents).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fdp } from '../../harvesters/fdp/index.js';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { runHarvesterContract } from './contract.js';
import { harvestAll, recordKey } from './harvest-all.js';

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
