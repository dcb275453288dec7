// The oai-pmh adapter: the shared contract, then tokens, deletions, from= incremental and OAI errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRecordsUrl, oaiPmh } from '../../harvesters/oai-pmh/index.js';
import { startFixtureServer, type FixtureRequest, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { runHarvesterContract } from './contract.js';
import { harvestAll, recordKey } from './harvest-all.js';

const ids = (...n: number[]): string[] => n.map((i) => `oai:repo.example.org:imaging/${i}`);
/** An OAI endpoint answering from list files by resumption token. */
const endpoint = (pages: Record<string, RouteSpec>): Record<string, RouteSpec> => ({
  '/oai': { handler: (req: FixtureRequest) => pages[req.url.searchParams.get('resumptionToken') ?? 'first'] ?? { status: 404 } },
});
const listed = { first: { file: 'oai-pmh/list-1.xml' }, 'page2!abc': { file: 'oai-pmh/list-2.xml' }, 'page3!def': { file: 'oai-pmh/list-3.xml' } };
const source = (s: FixtureServer) => ({ key: 'oai-feed', url: s.url('/oai') });

runHarvesterContract({
  make: () => oaiPmh,
  fixtures: {
    paged: { routes: endpoint(listed), source, keys: ids(1, 2, 3, 5, 6), pages: 3 },
    loop: { routes: endpoint({ ...listed, 'page2!abc': { file: 'oai-pmh/loop-2.xml' } }), source, keys: ids(1, 2, 3) },
    failing: { routes: endpoint({ ...listed, 'page3!def': { status: 500 } }), source, keys: ids(1, 2, 3) },
  },
});

describe('oai-pmh adapter', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({
      ...endpoint(listed),
      '/empty': { file: 'oai-pmh/no-records.xml' },
      '/refuses': { file: 'oai-pmh/bad-argument.xml' },
      '/datacite': { file: 'oai-pmh/datacite-1.xml' },
      '/not-xml': { body: '<html><body>Maintenance', type: 'text/html' },
    });
  });
  afterAll(() => server.close());

  it('builds the first ListRecords request with prefix, set and from', () => {
    const url = listRecordsUrl({ key: 'k', url: 'https://repo.example.org/oai?verb=Identify', metadataPrefix: 'oai_datacite', set: 'imaging' }, new Date('2026-02-14T13:00:00Z'));
    expect(url).toBe('https://repo.example.org/oai?verb=ListRecords&metadataPrefix=oai_datacite&set=imaging&from=2026-02-14');
  });

  it('resumes with the token alone, as the protocol requires', async () => {
    await harvestAll(oaiPmh, source(server));
    const asked = server.log.filter((r) => r.url.pathname === '/oai').slice(-3).map((r) => r.url.search);
    expect(asked).toEqual(['?verb=ListRecords&metadataPrefix=oai_dc', '?verb=ListRecords&resumptionToken=page2%21abc', '?verb=ListRecords&resumptionToken=page3%21def']);
  });

  it('turns a deleted header into a deletion item', async () => {
    const got = await harvestAll(oaiPmh, source(server));
    expect(got.deletions).toMatchObject([{ keyHints: { identifier: 'oai:repo.example.org:imaging/4' }, datestamp: '2026-02-20T12:00:00Z' }]);
  });

  it('yields the record XML with its header and oai_dc metadata', async () => {
    const got = await harvestAll(oaiPmh, source(server));
    const first = got.records[0]!;
    if (first.shape !== 'oai-xml') throw new Error('expected oai-xml');
    expect(first.metadataPrefix).toBe('oai_dc');
    expect(first.modified).toBe('2026-02-11T08:00:00Z');
    expect(first.xml).toMatch(/^<record[\s>]/);
    expect(first.xml).toContain('Breast cancer imaging study 1');
  });

  it('reads oai_datacite records', async () => {
    const got = await harvestAll(oaiPmh, { key: 'k', url: server.url('/datacite'), metadataPrefix: 'oai_datacite' });
    expect(got.records.map(recordKey)).toEqual(['oai:zenodo.example.org:8812']);
    expect(server.log.at(-1)!.url.searchParams.get('metadataPrefix')).toBe('oai_datacite');
  });

  it.each([
    ['noRecordsMatch is an empty, complete answer', '/empty', true, 0],
    ['another OAI error is a page error', '/refuses', false, 1],
    ['a non-XML answer is a parse error', '/not-xml', false, 1],
  ])('%s', async (_name, path, complete, errors) => {
    const got = await harvestAll(oaiPmh, { key: 'k', url: server.url(path) }, { since: new Date('2026-03-01') });
    expect(got.records).toEqual([]);
    expect(got.errors).toHaveLength(errors);
    expect(got.end.complete).toBe(complete);
    expect(server.log.at(-1)!.url.searchParams.get('from')).toBe('2026-03-01');
  });
});
