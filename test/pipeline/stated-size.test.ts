// Completeness is checked, never assumed: CKAN `count` and OAI-PMH `completeListSize` larger than what the run saw end it partial.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { testFeed } from './feed-pages.js';
import { openRunnerEnv, type RunnerEnv } from './runner-env.js';

const fixture = (file: string): string => readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
/** What the source claims on the current run, and whether its last page answers empty. */
let claim: { ckanCount: number; ckanEmptyPage3: boolean; oaiListSize: number };
const honest = () => ({ ckanCount: 6, ckanEmptyPage3: false, oaiListSize: 6 });

const routes: Record<string, RouteSpec> = {
  '/api/3/action/package_search': {
    handler: (req) => {
      const page = Number(req.url.searchParams.get('start')) / 2 + 1;
      if (page > 3) return { status: 404 };
      let body = fixture(`ckan/page-${page}.json`).replace(/"count": \d+/, `"count": ${claim.ckanCount}`);
      if (page === 3 && claim.ckanEmptyPage3) body = body.replace(/"results": \[[\s\S]*\]\s*\}\s*\}\s*$/, '"results": [] } }');
      return { body, type: 'application/json' };
    },
  },
  '/oai': {
    handler: (req) => {
      const token = req.url.searchParams.get('resumptionToken');
      const file = token === 'page2!abc' ? 'oai-pmh/list-2.xml' : token === 'page3!def' ? 'oai-pmh/list-3.xml' : 'oai-pmh/list-1.xml';
      return { body: fixture(file).replace(/completeListSize="\d+"/, `completeListSize="${claim.oaiListSize}"`), type: 'text/xml' };
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
  claim = honest();
  env = await openRunnerEnv();
});
afterEach(() => env.close());

describe('stated size', () => {
  const ckanFeed = () => testFeed(server.origin, { id: 'ckan', protocol: 'ckan', options: { pageSize: 2 }, maxWithdrawShare: 0.9 });

  it('ends a CKAN run partial when package_search counts more packages than were listed', async () => {
    expect(await env.runner.run(ckanFeed())).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ created: 6 }) });
    claim.ckanCount = 7;
    const run = await env.withOptions({ fullEveryMs: 0 }).run(ckanFeed());
    expect(run).toMatchObject({ status: 'partial', complete: false });
    expect(run.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/states 7 items .* saw 6/) }));
  });

  it('withdraws nothing when a CKAN page comes back empty before count is reached', async () => {
    await env.runner.run(ckanFeed());
    const before = await env.catalogue();
    claim.ckanEmptyPage3 = true;
    // A full run (not incremental), so absence would count: the stated size is what stops the withdrawal.
    const run = await env.withOptions({ fullEveryMs: 0 }).run(ckanFeed());
    expect(run).toMatchObject({ mode: 'full', status: 'partial', counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.reason).toMatch(/states 6 items .* saw 4.*nothing withdrawn/);
    expect(await env.catalogue()).toEqual(before);
  });

  it('ends an OAI-PMH run partial when completeListSize is larger than the headers listed, deletions counted', async () => {
    // The list holds five records and one deleted header: completeListSize 6 is whole, 8 is not.
    const oai = testFeed(server.url('/oai'), { id: 'oai', protocol: 'oai-pmh' });
    expect(await env.runner.run(oai)).toMatchObject({ status: 'succeeded', complete: true });
    claim.oaiListSize = 8;
    const run = await env.withOptions({ fullEveryMs: 0 }).run(oai);
    expect(run).toMatchObject({ status: 'partial', complete: false, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/states 8 items .* saw 6/) }));
  });
});
