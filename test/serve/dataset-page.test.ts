// /datasets/{id}: a harvested EUCAIM record as a page in a real headless Chromium, as RDF, and as 404 / 410.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Parser } from 'n3';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchKey } from '../../src/search/search-sync.js';
import { FIXTURES_DIR, startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { datasetTtl, testFeed } from '../pipeline/feed-pages.js';
import { openHarvestedCatalogue, type HarvestedCatalogue } from '../harvested-catalogue.js';

const BASE = 'https://sheaf.test';
const NSCLC = 'https://records.example.org/lung/nsclc-ct-pet';
const eucaim = readFileSync(path.join(FIXTURES_DIR, 'records/eucaim-conformant.ttl'), 'utf8');
const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n`;
let others = [1, 2, 3];
const feedBody = (): string => `${eucaim}\n${PREFIXES}${others.map((i) => datasetTtl(i)).join('')}`;

let server: FixtureServer;
let catalogue: HarvestedCatalogue;
let app: FastifyInstance;
let origin: string;
let browser: Browser;
let feedUrl: string;

const idOf = (datasetIri: string): string => encodeURIComponent(searchKey('feed-a', datasetIri));

beforeAll(async () => {
  server = await startFixtureServer({ '/eucaim.ttl': { handler: () => ({ body: feedBody(), type: 'text/turtle' }) } });
  feedUrl = server.url('/eucaim.ttl');
  catalogue = await openHarvestedCatalogue({ base: BASE, prefix: 'sheaf-dataset-page-' });
  const run = await catalogue.runner.run(testFeed(feedUrl, { profile: 'eucaim' }));
  expect(run.counts.created).toBe(4);
  app = await catalogue.app();
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await catalogue?.close();
  await server?.close();
});

describe('GET /datasets/{id}', () => {
  it('shows a browser the dataset with labelled facets, distributions, validation and provenance', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/datasets/${idOf(NSCLC)}`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('NSCLC staging CT and PET/CT cohort — sheaf');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Non-small cell carcinoma of lung, NOS'); // condition, labelled from the hyperontology
    expect(text).toContain('Computed tomography');
    expect(text).toContain('Chest');
    expect(text).toMatch(/subjects\s+412/);
    expect(await page.locator('#validation-status').innerText()).toMatch(/^(conformant|with-warnings)$/);
    expect(text).toContain('first harvested');
    expect(await page.locator('table a', { hasText: 'access' }).getAttribute('href')).toBe('https://records.example.org/lung/nsclc-ct-pet/access');
    const rdfLink = await page.locator('main a', { hasText: 'text/turtle' }).getAttribute('href');
    expect(rdfLink).toBe(`${BASE}/datasets/${idOf(NSCLC)}?format=ttl`);
    // Left for people to look at: what the page looks like after a real harvest.
    await page.screenshot({ path: path.join(tmpdir(), 'sheaf-dataset-page.png'), fullPage: true });
    await page.close();
  });

  it('answers RDF clients with the dataset and its catalogue record', async () => {
    const res = await app.inject({ url: `/datasets/${idOf(NSCLC)}`, headers: { accept: 'text/turtle' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/turtle/);
    const quads = new Parser().parse(res.body);
    expect(quads.some((q) => q.subject.value === NSCLC && q.predicate.value === 'http://purl.org/dc/terms/title')).toBe(true);
    expect(quads.some((q) => q.predicate.value === 'http://xmlns.com/foaf/0.1/primaryTopic' && q.object.value === NSCLC)).toBe(true);
    const jsonld = await app.inject({ url: `/datasets/${idOf(NSCLC)}?format=jsonld` });
    expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
  });

  it('answers 404 for an unknown dataset and 410 Gone with the date for a withdrawn one', async () => {
    const unknown = await app.inject({ url: `/datasets/${encodeURIComponent('feed-a/https://nowhere.example/x')}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    others = [1, 2];
    const run = await catalogue.runner.run(testFeed(feedUrl, { profile: 'eucaim' }));
    expect(run.counts.withdrawn).toBe(1);
    const gone = await app.inject({ url: `/datasets/${idOf('https://data.example.org/dataset/ds-3')}`, headers: { accept: 'text/turtle' } });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(gone.body) as { code: string; withdrawnAt: string; detail: string };
    expect(problem.code).toBe('CAT_ERR_GONE');
    expect(Date.parse(problem.withdrawnAt)).not.toBeNaN();
    expect(problem.detail).toContain(problem.withdrawnAt);
  });
});
