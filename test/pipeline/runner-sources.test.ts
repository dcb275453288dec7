// The runner over the other record shapes and source quirks: OAI deletions, CKAN, quarantine, duplicates, big records, timeouts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { buildFeedReport } from '../../src/serve/feed-report.js';
import { BASE, openRunnerEnv, type RunnerEnv } from './runner-env.js';
import { DS, pageTtl, testFeed } from './feed-pages.js';

const OAI_ID = (i: number) => `oai:repo.example.org:imaging/${i}`;
const oaiList2 = readFileSync(path.join(FIXTURES_DIR, 'oai-pmh/list-2.xml'), 'utf8');
/** list-2.xml with record 4 still alive: record 3's block copied under id 4. */
const oaiList2Alive = ((): string => {
  const record3 = /<record>[\s\S]*?<\/record>/.exec(oaiList2)![0];
  const record4 = record3.replaceAll('imaging/3', 'imaging/4').replaceAll('imaging.3', 'imaging.4');
  return oaiList2.replace(/<record>\s*<header status="deleted">[\s\S]*?<\/record>/, record4);
})();
let oaiDeleted = false;
/** Page 1 answers at once; later pages wait this long (the timeout case makes page 2 hang). */
let slowDelayMs = (_page: number): number => 0;

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n`;
const bigDataset = (n: number): string => {
  const lines = [`${PREFIXES}<https://big.example.org/ds> a dcat:Dataset ; dct:title "Big"@en ; dct:description "Many files"@en .`];
  for (let i = 0; i < n; i++) {
    lines.push(`<https://big.example.org/ds> dcat:distribution <https://big.example.org/ds/d${i}> .
<https://big.example.org/ds/d${i}> a dcat:Distribution ; dcat:accessURL <https://big.example.org/files/${i}> .`);
  }
  return lines.join('\n');
};

const routes: Record<string, RouteSpec> = {
  '/oai': {
    handler: (req) => {
      const token = req.url.searchParams.get('resumptionToken');
      if (token === 'page2!abc') return { body: oaiDeleted ? oaiList2 : oaiList2Alive, type: 'text/xml' };
      if (token === 'page3!def') return { file: 'oai-pmh/list-3.xml' };
      return { file: 'oai-pmh/list-1.xml' };
    },
  },
  '/api/3/action/package_search': {
    handler: (req) => {
      const page = Number(req.url.searchParams.get('start')) / 2 + 1;
      return page <= 3 ? { file: `ckan/page-${page}.json` } : { status: 404 };
    },
  },
  '/mixed': {
    body: `${pageTtl(1, [1], { last: 1 })}
<https://data.example.org/dataset/bad> a dcat:Dataset ; dct:identifier "BAD" .`,
    type: 'text/turtle',
  },
  '/same-identifier': {
    body: `${PREFIXES}[] a dcat:Dataset ; dct:identifier "X-1" ; dct:title "First"@en .
[] a dcat:Dataset ; dct:identifier "X-1" ; dct:title "Second"@en .`,
    type: 'text/turtle',
  },
  '/big': { body: bigDataset(10_000), type: 'text/turtle' },
  '/slow': {
    handler: (req) => {
      const page = Number(req.url.searchParams.get('page'));
      const body = pageTtl(page, [page], { last: 3 }).replaceAll('{{base}}/feed', '{{base}}/slow');
      return { body, type: 'text/turtle', delayMs: slowDelayMs(page) };
    },
  },
};

let server: FixtureServer;
let env: RunnerEnv;
beforeAll(async () => {
  server = await startFixtureServer(routes);
});
afterAll(() => server.close());
beforeEach(async () => {
  env = await openRunnerEnv();
});
afterEach(() => env.close());

describe('HarvestRunner with other sources', () => {
  it('applies OAI-PMH deletions at once, even on an incremental run', async () => {
    oaiDeleted = false;
    const feed = testFeed(server.url('/oai'), { id: 'oai', protocol: 'oai-pmh' });
    const first = await env.runner.run(feed);
    expect(first).toMatchObject({ status: 'succeeded', mode: 'full' });
    expect(first.counts.created).toBe(6);
    expect(env.runner.records.get('oai', OAI_ID(4))).toMatchObject({ state: 'active' });
    oaiDeleted = true;
    const second = await env.runner.run(feed);
    expect(second).toMatchObject({ status: 'succeeded', mode: 'incremental' });
    expect(second.counts).toMatchObject({ withdrawn: 1, unchanged: 5 });
    expect(server.log.findLast((r) => r.url.pathname === '/oai')!.url.search).toMatch(/resumptionToken|from=/);
    expect(env.runner.records.get('oai', OAI_ID(4))).toMatchObject({ state: 'withdrawn' });
    expect(await env.catalogue()).not.toContain('https://doi.org/10.5072/imaging.4');
  });

  it('maps CKAN packages to DCAT records', async () => {
    const run = await env.runner.run(testFeed(server.origin, { id: 'ckan', protocol: 'ckan', options: { pageSize: 2 } }));
    expect(run).toMatchObject({ status: 'succeeded', pages: 3 });
    expect(run.counts.created).toBe(6);
    expect(await env.catalogue()).toContain('https://ckan.example.eu/dataset/eucaim-ckan-00');
  });

  it('quarantines a non-conformant record out of the catalogue, or stores and flags it', async () => {
    const quarantined = await env.runner.run(testFeed(server.url('/mixed'), { id: 'q', policy: 'quarantine' }));
    expect(quarantined.counts).toMatchObject({ created: 2, invalid: 1 });
    const bad = 'https://data.example.org/dataset/bad';
    expect(await env.catalogue()).toEqual([DS(1)]);
    expect(await env.store.listGraphs({ prefix: `${BASE}/graph/quarantine/q/` })).toEqual([`${BASE}/graph/quarantine/q/${encodeURIComponent(bad)}`]);
    expect(await env.store.ask(`PREFIX sheaf: <https://w3id.org/sheaf/ns#> ASK { ?cr <http://xmlns.com/foaf/0.1/primaryTopic> <${bad}> ;
      sheaf:recordStatus sheaf:Quarantined ; sheaf:validationStatus "non-conformant" }`)).toBe(true);
    expect(await env.store.ask(`ASK { GRAPH <${BASE}/graph/report/q/${encodeURIComponent(bad)}> { ?r <http://www.w3.org/ns/shacl#conforms> false } }`)).toBe(true);

    const flagged = await env.runner.run(testFeed(server.url('/mixed'), { id: 'f' }));
    expect(flagged.counts).toMatchObject({ created: 2, invalid: 1 });
    expect(await env.catalogue()).toEqual([DS(1), bad, DS(1)].sort());
  });

  it('keeps one record and warns when two source records share an identifier', async () => {
    const run = await env.runner.run(testFeed(server.url('/same-identifier'), { id: 'dup' }));
    expect(run.counts.created).toBe(1);
    expect(run.warnings).toEqual([expect.objectContaining({ stage: 'split', key: 'X-1', message: expect.stringMatching(/more than once/) })]);
  });

  it('keeps the same dataset from two feeds, links them and lists them in the run', async () => {
    await env.runner.run(testFeed(server.url('/mixed'), { id: 'one' }));
    const two = testFeed(server.url('/mixed'), { id: 'two' });
    const second = await env.runner.run(two);
    expect(second.counts.created).toBe(2);
    expect(second.duplicates).toContainEqual({ key: DS(1), datasetIri: DS(1), otherFeed: 'one', otherKey: DS(1) });
    expect(await env.store.ask(`ASK { <${BASE}/catalog-record/two/${encodeURIComponent(DS(1))}> <http://purl.org/dc/terms/relation>
      <${BASE}/catalog-record/one/${encodeURIComponent(DS(1))}> }`)).toBe(true);
    expect(await env.store.listGraphs({ prefix: `${BASE}/graph/record/` })).toHaveLength(4);
    // The publisher's feed report (GET /api/feeds/{id}/report) shows both records linked to the other feed's.
    const report = await buildFeedReport({ feed: two, records: env.runner.records, runs: env.runner.runs, iris: env.runner.iris, store: env.store, limit: 10, offset: 0 });
    expect(report.totals).toMatchObject({ records: 2, active: 2, nonConformant: 1 });
    expect(report.records.filter((r) => r.alsoIn.length > 0)).toHaveLength(2);
    expect(report.records.find((r) => r.key === DS(1))!.alsoIn).toEqual([{ feedId: 'one', key: DS(1) }]);
  });

  it('stores a dataset with 10,000 distributions, and fails a record over the triple cap', async () => {
    const run = await env.runner.run(testFeed(server.url('/big'), { id: 'big' }));
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.counts.created).toBe(1);
    const n = await env.store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${BASE}/graph/record/big/${encodeURIComponent('https://big.example.org/ds')}> { ?s ?p ?o } }`);
    expect(Number(n.rows[0]!.get('n')!.value)).toBe(3 + 30_000);
    expect(run.warnings).toContainEqual(expect.objectContaining({ stage: 'validate', message: expect.stringMatching(/only the dataset and the first 999/) }));

    const capped = await env.withOptions({ limits: { maxTriplesPerRecord: 1_000 } }).run(testFeed(server.url('/big'), { id: 'capped' }));
    expect(capped).toMatchObject({ status: 'partial' });
    expect(capped.counts.failed).toBe(1);
    expect(capped.errors[0]).toMatchObject({ stage: 'limit', message: expect.stringMatching(/cap of 1000/) });
  }, 180_000);

  it('ends a run at its timeout: what was stored stays, nothing is withdrawn', async () => {
    const slow = testFeed(server.url('/slow?page=1'), { id: 'slow' });
    {
      slowDelayMs = () => 0;
      await env.runner.run(slow);
    }
    slowDelayMs = (page) => (page === 1 ? 0 : 20_000);
    const run = await env.withOptions({ runTimeoutMs: 2_000 }).run(slow);
    slowDelayMs = () => 0;
    expect(run).toMatchObject({ status: 'partial', pages: 1 });
    expect(run.errors.at(-1)).toMatchObject({ stage: 'run', message: expect.stringMatching(/timeout of 2000 ms/) });
    expect(run.counts.withdrawn).toBe(0);
    expect(await env.catalogue()).toEqual([DS(1), DS(2), DS(3)]);
  });

  it('closes runs a dead process left queued or running as interrupted, with the reason', async () => {
    const running = env.runner.runs.create('gone');
    env.runner.runs.start(running.id, 'full');
    const queued = env.runner.runs.create('gone');
    const closed = await env.runner.recoverInterrupted();
    expect(closed.map((r) => r.id).sort()).toEqual([running.id, queued.id].sort());
    expect(env.runner.runs.get(running.id)).toMatchObject({ status: 'interrupted', reason: expect.stringMatching(/stopped during the run \(last heartbeat/) });
    expect(env.runner.runs.get(queued.id)).toMatchObject({ status: 'interrupted', reason: expect.stringMatching(/before the queued run started/) });
    expect(await env.runner.recoverInterrupted()).toEqual([]);
  });

  it('purges a tombstone after the grace period', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const runner = env.withOptions({ clock: () => now, graceDays: 30 });
    const feed = testFeed(server.url('/mixed'), { id: 'p', maxWithdrawShare: 1 });
    await runner.run(feed);
    await runner.run({ ...feed, url: server.url('/same-identifier') });
    const tomb = `${BASE}/graph/catalog-record/p/${encodeURIComponent(DS(1))}`;
    expect(await env.store.listGraphs({ prefix: tomb })).toEqual([tomb]);
    now = new Date('2026-04-05T00:00:00Z');
    await runner.run({ ...feed, url: server.url('/same-identifier') });
    expect(await env.store.listGraphs({ prefix: tomb })).toEqual([]);
    expect(runner.records.get('p', DS(1))).toBeUndefined();
  });
});
