// Fault cases at adapter level: bad pages, huge pages, guarded redirects and giant records, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcat } from '../../harvesters/dcat/index.js';
import { giantDataset } from '../fixtures/giant-dataset.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { harvestAll, recordKey } from './harvest-all.js';

const ds = (...n: number[]): string[] => n.map((i) => `https://catalogue.example.eu/dataset/eucaim-${String(i).padStart(3, '0')}`);
const DISTRIBUTIONS = 10_000;

describe('harvest faults', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/dcat/catalog?page=1': { file: 'dcat/paged-1.ttl' },
      '/dcat/catalog?page=2': { file: 'dcat/broken-2.ttl' },
      '/dcat/catalog?page=3': { file: 'dcat/paged-3.ttl' },
      '/huge.ttl': { hugeBytes: 200 * 1024 * 1024 },
      '/slow.ttl': { file: 'dcat/catalog.nt', delayMs: 2_000 },
      '/hop': { handler: (req) => ({ redirect: `http://127.0.0.1:${req.url.port}/dcat/catalog?page=1` }) },
      '/giant.ttl': { body: giantDataset(DISTRIBUTIONS), type: 'text/turtle' },
      '/entity.rdf': { file: 'dcat/entity-bomb.rdf' },
      '/amplified.rdf': { file: 'hostile/entity-amplification.rdf' },
      '/broken.jsonld': { body: '{\n  "@id": "https://x.example/ds",\n  "@type": "http://www.w3.org/ns/dcat#Dataset",,\n}', type: 'application/ld+json' },
      // As a real DCAT-AP-ES export has it: rdf:about on the property element, which no RDF/XML production allows.
      '/about-on-property.rdf': { body: '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">\n<dcat:Dataset rdf:about="https://x.example/ds">\n<dct:title>Calidad del aire</dct:title>\n<dcat:distribution rdf:about="https://x.example/ds/csv"><dcat:accessURL rdf:resource="https://x.example/aire.csv"/></dcat:distribution>\n</dcat:Dataset>\n</rdf:RDF>', type: 'application/rdf+xml' },
      '/broken.rdf': { body: '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="https://x.example/ds">\n</rdf:RDF>', type: 'application/rdf+xml' },
    });
  });
  afterAll(() => server.close());

  it('reports malformed Turtle with its line number and still harvests the other pages', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/dcat/catalog?page=1') });
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0]).toMatchObject({ stage: 'parse', url: server.url('/dcat/catalog?page=2'), source: 'f' });
    expect(got.errors[0]!.message).toMatch(/line 39\b/);
    expect(got.records.map(recordKey)).toEqual(ds(0, 1, 4, 5));
    expect(got.pages).toHaveLength(3);
    expect(got.end.complete).toBe(false);
  });

  it.each([
    ['JSON-LD', '/broken.jsonld', /line 3, column \d+/],
    ['RDF/XML', '/broken.rdf', /\b4:\d+: unexpected close tag/],
    ['RDF/XML (rdf:about on a property element)', '/about-on-property.rdf', /Line 5 column \d+: rdf:about is not allowed on the property element <dcat:distribution>/],
  ])('reports malformed %s with where it broke', async (_name, path, where) => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url(path) });
    expect(got.errors).toMatchObject([{ stage: 'parse', message: expect.stringMatching(where) }]);
    expect(got.records).toEqual([]);
  });

  it('refuses a 200 MB page at the 50 MB cap without holding it in memory', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/huge.ttl') }, { fetch: { maxBytes: undefined } });
    expect(got.errors).toMatchObject([{ stage: 'fetch', code: 'CAT_ERR_FETCH_REFUSED', message: expect.stringMatching(/exceeds the cap of 52428800 bytes/) }]);
    expect(got.records).toEqual([]);
    expect(got.end.complete).toBe(false);
  });

  it('refuses a redirect to 127.0.0.1 when the guard is on', async () => {
    // The source host is trusted by name; the redirect target is a loopback literal, which is not.
    const port = new URL(server.origin).port;
    const before = server.log.length;
    const got = await harvestAll(dcat, { key: 'f', url: `http://localhost:${port}/hop` }, { fetch: { allowPrivateNetworks: false, allowHosts: ['localhost'] } });
    expect(got.errors).toMatchObject([{ stage: 'fetch', code: 'CAT_ERR_FETCH_REFUSED', message: expect.stringMatching(/127\.0\.0\.1 is in the loopback range/) }]);
    // The first hop was served; the refused target never received a request.
    expect(server.log.slice(before).map((r) => `${r.headers.host}${r.url.pathname}`)).toEqual([`localhost:${port}/hop`]);
    expect(got.records).toEqual([]);
  });

  it('reports a page that times out and ends incomplete', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/slow.ttl') }, { fetch: { timeoutMs: 300, retries: 0 } });
    expect(got.errors).toMatchObject([{ stage: 'fetch', code: 'CAT_ERR_FETCH_FAILED', message: expect.stringMatching(/timed out/) }]);
    expect(got.end.complete).toBe(false);
  });

  it(`yields a dataset with ${DISTRIBUTIONS.toLocaleString('en')} distributions as one record`, async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/giant.ttl') });
    expect(got.errors).toEqual([]);
    expect(got.records).toHaveLength(1);
    const record = got.records[0]!;
    if (record.shape !== 'quads') throw new Error('expected quads');
    expect(record.quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#distribution')).toHaveLength(DISTRIBUTIONS);
    expect(record.quads).toHaveLength(2 + DISTRIBUTIONS * 4);
  });

  it('refuses RDF/XML whose internal entity would expand a thousandfold, as a parse error', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/amplified.rdf') });
    expect(got.records).toEqual([]);
    expect(got.errors).toMatchObject([{ stage: 'parse', message: expect.stringMatching(/internal DTD entities would expand/) }]);
  });

  it('refuses RDF/XML declaring an external entity, as a parse error', async () => {
    const got = await harvestAll(dcat, { key: 'f', url: server.url('/entity.rdf') });
    expect(got.errors).toMatchObject([{ stage: 'parse', message: expect.stringMatching(/external DTD entities are refused/) }]);
    expect(got.records).toEqual([]);
  });
});
