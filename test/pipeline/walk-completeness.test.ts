// A run withdraws only after a walk that reached its natural end: loops, redirects back, short walks, caps and short counts end it partial.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { DS, datasetTtl, testFeed } from './feed-pages.js';
import { openRunnerEnv, type RunnerEnv } from './runner-env.js';

const PAGES = 10;
const PER_PAGE = 4;

/** How the source misbehaves on the current run; reset before each test. */
interface Faults {
  /** page → the page its `hydra:next` names instead of the following one. */
  next: Map<number, number>;
  /** page → the page it redirects to. */
  redirect: Map<number, number>;
  /** Pages written without any next link. */
  noNext: Set<number>;
  /** Pages answering 503. */
  fail: Set<number>;
  /** Dataset ids gone from the source. */
  drop: Set<number>;
  /** What `hydra:totalItems` says, when not the truth. */
  total?: number;
}
let faults: Faults;
const fresh = (): Faults => ({ next: new Map(), redirect: new Map(), noNext: new Set(), fail: new Set(), drop: new Set() });

/** A page as a Hydra-paged DCAT-AP export writes it: the collection with its size and the page as its view. */
function page(n: number, total: number): string {
  const self = `{{base}}/feed?page=${n}`;
  const next = faults.noNext.has(n) || n === PAGES ? '' : ` ;\n  hydra:next <{{base}}/feed?page=${faults.next.get(n) ?? n + 1}>`;
  const ids = Array.from({ length: PER_PAGE }, (_, k) => (n - 1) * PER_PAGE + k).filter((i) => !faults.drop.has(i));
  return `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<https://data.example.org/catalog> a dcat:Catalog, hydra:Collection ;
  dct:title "Walk test catalogue"@en ;
  hydra:totalItems ${total} ;
  hydra:view <${self}> .
<${self}> a hydra:PartialCollectionView ;
  hydra:first <{{base}}/feed?page=1> ;
  hydra:last <{{base}}/feed?page=${PAGES}>${next} .
${ids.map((i) => datasetTtl(i)).join('')}`;
}

const routes: Record<string, RouteSpec> = {
  '/feed': {
    handler: (req): RouteSpec => {
      const n = Number(req.url.searchParams.get('page') ?? '1');
      const to = faults.redirect.get(n);
      if (to !== undefined) return { redirect: `/feed?page=${to}`, status: 302 };
      if (faults.fail.has(n)) return { status: 503, body: 'temporarily unavailable' };
      const body = page(n, faults.total ?? PAGES * PER_PAGE - faults.drop.size);
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) return { status: 304, body: '', headers: { etag } };
      return { body, type: 'text/turtle', headers: { etag } };
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
  faults = fresh();
  env = await openRunnerEnv();
});
afterEach(() => env.close());

const everything = Array.from({ length: PAGES * PER_PAGE }, (_, i) => DS(i)).sort();
// A generous withdrawal guard: what protects the catalogue here must be the walk, not the mass-deletion hold.
const feed = () => testFeed(server.url('/feed?page=1'), { maxWithdrawShare: 0.9 });

/** A first, healthy run, then the faulty one. */
async function secondRun(fault: (f: Faults) => void, runner = env.runner) {
  expect(await env.runner.run(feed())).toMatchObject({ status: 'succeeded', complete: true, records: PAGES * PER_PAGE });
  fault(faults);
  return runner.run(feed());
}

describe('walk completeness', () => {
  it('ends partial, withdrawing nothing, when page 9 links back to page 1', async () => {
    const run = await secondRun((f) => f.next.set(9, 1));
    expect(run).toMatchObject({ status: 'partial', complete: false, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.reason).toMatch(/already visited.*nothing withdrawn/);
    expect(run.warnings).toContainEqual(expect.objectContaining({ stage: 'paging', message: expect.stringMatching(/page=1 was already visited/) }));
    expect(await env.catalogue()).toEqual(everything);
  });

  it('ends partial when page 5 redirects to page 2', async () => {
    const run = await secondRun((f) => f.redirect.set(5, 2));
    expect(run).toMatchObject({ status: 'partial', complete: false, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/redirected to .*page=2, already visited/) }));
    // Page 2 was not read a second time.
    expect(run.pages).toBe(4);
    expect(await env.catalogue()).toEqual(everything);
  });

  it('ends partial when the walk stops before the hydra:last the pages named', async () => {
    const run = await secondRun((f) => f.noNext.add(7));
    expect(run).toMatchObject({ status: 'partial', complete: false, pages: 7, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.reason).toMatch(/ended at .*page=7 without reaching the last page .*page=10/);
    expect(await env.catalogue()).toEqual(everything);
  });

  it('ends partial at the page cap', async () => {
    const run = await secondRun(() => {}, env.withOptions({ limits: { maxPages: 6 } }));
    expect(run).toMatchObject({ status: 'partial', complete: false, pages: 6, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.reason).toMatch(/page cap of 6/);
    expect(await env.catalogue()).toEqual(everything);
  });

  it('ends partial, withdrawing nothing, when page 6 fails', async () => {
    const run = await secondRun((f) => f.fail.add(6));
    expect(run).toMatchObject({ status: 'partial', complete: false, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.errors).toContainEqual(expect.objectContaining({ stage: 'fetch', url: server.url('/feed?page=6') }));
    expect(await env.catalogue()).toEqual(everything);
  });

  it('is complete when the walk reaches hydra:last, also through unchanged (304) pages, and withdraws what vanished', async () => {
    const again = await secondRun(() => {});
    expect(again).toMatchObject({ status: 'succeeded', complete: true, notModifiedPages: PAGES, records: PAGES * PER_PAGE });
    // A dataset really vanished (the stated size follows): the walk still reaches page 10, so that absence is withdrawn.
    faults.drop.add(39);
    const shrunk = await env.runner.run(feed());
    expect(shrunk).toMatchObject({ status: 'succeeded', complete: true, counts: expect.objectContaining({ withdrawn: 1 }) });
    expect(await env.catalogue()).toEqual(everything.filter((d) => d !== DS(39)));
  });

  it('ends partial when the source states more items than the walk saw, naming both numbers', async () => {
    // Dataset 39 is missing from page 10 although every page still says the collection holds 40.
    const run = await secondRun((f) => {
      f.drop.add(39);
      f.total = PAGES * PER_PAGE;
    });
    expect(run).toMatchObject({ status: 'partial', complete: false, counts: expect.objectContaining({ withdrawn: 0 }) });
    expect(run.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/states 40 items .* saw 39/) }));
    expect(run.reason).toMatch(/states 40 items .* saw 39.*nothing withdrawn/);
    expect(await env.catalogue()).toEqual(everything);
  });
});
