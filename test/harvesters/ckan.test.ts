// The ckan adapter: the shared contract, then the package_search query it sends (rows/start, incremental fq).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ckan, packageSearchUrl } from '../../harvesters/ckan/index.js';
import { FIXTURES_DIR, startFixtureServer, type FixtureRequest, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { runHarvesterContract } from './contract.js';
import { harvestAll } from './harvest-all.js';

const ROWS = 2;
const uri = (...n: number[]): string[] => n.map((i) => `https://ckan.example.eu/dataset/eucaim-ckan-${String(i).padStart(2, '0')}`);
/** Answers package_search from page files by `start`; `ignoreStart` mimics a server stuck on page 1. */
const search = (opts: { failPage?: number; ignoreStart?: boolean } = {}): Record<string, RouteSpec> => ({
  '/api/3/action/package_search': {
    handler: (req: FixtureRequest) => {
      const pageNo = opts.ignoreStart ? 1 : Number(req.url.searchParams.get('start')) / ROWS + 1;
      if (pageNo === opts.failPage) return { status: 500, body: 'Internal Server Error' };
      return pageNo <= 3 ? { file: `ckan/page-${pageNo}.json` } : { status: 404 };
    },
  },
});
/** A package_search answer holding the scheming package_show fixture's package. */
function schemingSearch(): string {
  const pkg = (JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'ckan/package-show-healthdcat.json'), 'utf8')) as { result: unknown }).result;
  return JSON.stringify({ help: 'https://data.health.example.eu/api/3/action/help_show?name=package_search', success: true, result: { count: 1, results: [pkg] } });
}
const source = (s: FixtureServer) => ({ key: 'ckan-feed', url: s.origin, pageSize: ROWS });

runHarvesterContract({
  make: () => ckan,
  fixtures: {
    paged: { routes: search(), source, keys: uri(0, 1, 2, 3, 4, 5), pages: 3 },
    loop: { routes: search({ ignoreStart: true }), source, keys: uri(0, 1) },
    failing: { routes: search({ failPage: 3 }), source, keys: uri(0, 1, 2, 3) },
  },
});

describe('ckan adapter', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({
      ...search(),
      '/broken/api/3/action/package_search': { file: 'ckan/error.json' },
      '/scheming/api/3/action/package_search': { handler: () => ({ body: schemingSearch(), type: 'application/json' }) },
    });
  });
  afterAll(() => server.close());

  it.each([
    ['https://ckan.example.eu', 'https://ckan.example.eu/api/3/action/package_search'],
    ['https://ckan.example.eu/data/', 'https://ckan.example.eu/data/api/3/action/package_search'],
    ['https://ckan.example.eu/api/3/action/package_search?fq=organization:x', 'https://ckan.example.eu/api/3/action/package_search?fq=organization:x'],
  ])('finds package_search from %s', (input, expected) => {
    expect(packageSearchUrl(input).href).toBe(expected);
  });

  it('pages with rows/start in a stable order', async () => {
    await harvestAll(ckan, source(server));
    const starts = server.log.filter((r) => r.url.pathname.endsWith('package_search')).map((r) => r.url.searchParams);
    expect(starts.map((p) => p.get('start'))).toEqual(['0', '2', '4']);
    expect(starts.every((p) => p.get('rows') === '2' && p.get('sort') === 'id asc')).toBe(true);
  });

  it('asks only for packages modified since the last run', async () => {
    const since = new Date('2026-01-12T00:00:00Z');
    await harvestAll(ckan, source(server), { since });
    expect(server.log.at(-1)!.url.searchParams.get('fq')).toBe('metadata_modified:[2026-01-12T00:00:00.000Z TO *]');
  });

  it('yields the package JSON untouched, with CKAN dates and id', async () => {
    const got = await harvestAll(ckan, source(server));
    const first = got.records[0]!;
    if (first.shape !== 'ckan-json') throw new Error('expected ckan-json');
    expect(first.json.name).toBe('eucaim-ckan-00');
    expect((first.json.resources as unknown[]).length).toBe(2);
    expect(first).toMatchObject({ keyHints: { identifier: '5eaf0000-0000-0000-0000-000000000000' }, modified: '2026-01-10T09:15:00.000000' });
  });

  it('keys a scheming package by its top-level uri field, and passes CKAN\'s times on as the record\'s', async () => {
    const got = await harvestAll(ckan, { key: 'k', url: server.url('/scheming') });
    expect(got.records).toHaveLength(1);
    expect(got.records[0]).toMatchObject({
      keyHints: { iri: 'https://data.health.example.eu/dataset/ct-lung-0042', identifier: '3f6c8d2e-61b0-4c5a-9d8e-0b6f2a7c4e19' },
      issued: '2025-03-20T10:02:11.482913',
      modified: '2026-11-02T16:45:09.117204',
    });
  });

  it('reports success=false as a parse error of that page', async () => {
    const got = await harvestAll(ckan, { key: 'k', url: server.url('/broken') });
    expect(got.errors).toMatchObject([{ stage: 'parse', message: expect.stringMatching(/Search Query is invalid/) }]);
    expect(got.end.complete).toBe(false);
  });
});
