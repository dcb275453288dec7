// Researcher journey in a real Chromium over a real harvest: search → drill the condition tree → dataset page → basket export.
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, overflowsHorizontally, screenshots, seriousViolations, type TestBrowser } from './browser.js';
import { openWebCatalogue, type WebCatalogue } from './web-catalogue.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';

let web: WebCatalogue;
let browser: TestBrowser;

beforeAll(async () => {
  web = await openWebCatalogue();
  const { run } = await web.harvest('Demo imaging', '/demo.ttl');
  expect(run.counts.created).toBe(36);
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** Waits until the results heading shows `n` datasets (htmx replaced the page). */
const showsCount = (page: import('playwright-core').Page, n: number) =>
  page.waitForFunction(`document.querySelector('#results-heading')?.textContent?.replace(/\\D/g, '') === '${n}'`);

const resultCount = async (page: import('playwright-core').Page): Promise<number> =>
  Number((await page.locator('#results-heading').innerText()).replace(/[^\d]/g, ''));

// A browser on a shared, loaded machine: generous time per journey (speed is measured by the bench, not here).
describe('Discover, as a researcher', { timeout: 240_000 }, () => {
  it('searches, drills down the condition tree, opens a dataset, and exports the basket as DCAT and CSV', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.origin}/`);
    expect(await resultCount(page)).toBe(36);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'discover');

    // Keyword search: the address holds the question.
    await page.fill('#q', 'carcinoma');
    await page.press('#q', 'Enter');
    await page.waitForURL(/[?&]q=carcinoma/);
    const afterSearch = await resultCount(page);
    expect(afterSearch).toBeGreaterThan(0);
    expect(afterSearch).toBeLessThan(36);

    // The condition facet is a tree: open a term's narrower terms and tick one of them.
    const condition = page.locator('fieldset.facet', { has: page.locator('legend', { hasText: 'Condition' }) });
    const firstBranch = condition.locator('ul.tree > li > details').first();
    await firstBranch.locator('> summary').click();
    const child = firstBranch.locator('> ul.tree > li').first();
    const childLabel = (await child.locator('.label').first().innerText()).trim();
    const childCount = Number(await child.locator('.count').first().innerText());
    expect(childLabel).not.toMatch(/^(https?:|[A-Z]+\d+$)/); // a label, never a bare code or IRI
    await child.locator('input[type=checkbox]').first().check();
    await page.waitForURL(/[?&]condition=/);
    await showsCount(page, childCount);
    expect(new URL(page.url()).searchParams.get('q')).toBe('carcinoma');
    // The chosen term stays ticked, its branch open, after the page was replaced.
    expect(await page.locator(`input[name=condition][value="${await child.locator('input').first().getAttribute('value')}"]`).first().isChecked()).toBe(true);

    // Back returns to the unfiltered search.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('condition'));
    await showsCount(page, afterSearch);
    await page.goForward();
    await page.waitForURL(/[?&]condition=/);

    // Pick two datasets, then open the first.
    const hits = page.locator('ol.hits > li');
    expect(await hits.count()).toBeGreaterThanOrEqual(1);
    const picks = Math.min(2, await hits.count());
    for (let i = 0; i < picks; i++) await hits.nth(i).locator('input.pick').check();
    const title = (await hits.first().locator('h3 a').innerText()).trim();
    await hits.first().locator('h3 a').click();
    await page.waitForURL(/\/datasets\//);
    expect(await page.locator('h1').innerText()).toBe(title);

    // The basket remembers the picks across pages.
    await page.goBack();
    await page.waitForURL(/[?&]condition=/);
    await page.locator('header a', { hasText: 'Basket' }).click();
    await page.waitForURL(/\/basket\?/);
    expect(await page.locator('#basket > li').count()).toBe(picks);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'basket');

    const ttlHref = await page.locator('.exports a', { hasText: 'Turtle' }).getAttribute('href');
    const ttl = await page.request.get(`${web.origin}${ttlHref}`);
    expect(ttl.headers()['content-type']).toMatch(/^text\/turtle/);
    const quads = new Parser().parse(await ttl.text());
    const catalogue = quads.find((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Catalog`)!.subject;
    const listed = quads.filter((q) => q.subject.equals(catalogue) && q.predicate.value === `${DCAT}dataset`).map((q) => q.object.value);
    expect(listed).toHaveLength(picks);
    for (const ds of listed) expect(quads.some((q) => q.subject.value === ds && q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)).toBe(true);

    const jsonldHref = await page.locator('.exports a', { hasText: 'JSON-LD' }).getAttribute('href');
    const jsonld = await page.request.get(`${web.origin}${jsonldHref}`);
    expect(JSON.stringify(await jsonld.json())).toContain(listed[0]);

    const csvHref = await page.locator('.exports a', { hasText: 'CSV' }).getAttribute('href');
    const csv = (await (await page.request.get(`${web.origin}${csvHref}`)).text()).trim().split('\r\n');
    expect(csv[0]).toBe('"iri","title","access_url"');
    expect(csv).toHaveLength(picks + 1);
    expect(csv.some((row) => row.startsWith(`"${listed[0]}","`))).toBe(true);
    expect(csv.every((row, i) => i === 0 || /^"[^"]+","(?:[^"]|"")*","https?:\/\//.test(row))).toBe(true);
    await page.close();
  });

  it('works with JavaScript off: the filter form, the tree and paging are plain HTML', async () => {
    const page = await browser.newPage({ javaScript: false });
    await page.goto(`${web.origin}/`);
    const modality = page.locator('fieldset.facet', { has: page.locator('legend', { hasText: 'Imaging modality' }) });
    await modality.locator('details > summary').first().click();
    const box = modality.locator('details ul.tree input[type=checkbox]').first();
    const value = await box.getAttribute('value');
    const expected = Number(await modality.locator('details ul.tree .count').first().innerText());
    await box.check();
    await page.locator('.filters button[type=submit]').first().click();
    await page.waitForURL((url) => url.searchParams.get('modality') === value);
    expect(await resultCount(page)).toBe(expected);
    // Paging keeps the question.
    await page.goto(`${web.origin}/?sort=title`);
    await page.locator('a[rel=next]').click();
    await page.waitForURL(/page=2/);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('title');
    expect(await page.locator('ol.hits > li').count()).toBe(16);
    await page.context().close();
  });

  it('shows a bad range beside its field instead of failing, and fits a 375 px screen', async () => {
    const page = await browser.newPage({ width: 375 });
    const response = await page.goto(`${web.origin}/?subjects_min=lots&studies_min=50&studies_max=10`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#subjects_min').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#subjects_min-error').innerText()).toContain('whole number');
    expect(await page.locator('#studies_min-error').innerText()).toContain('above the upper bound');
    expect(await resultCount(page)).toBe(36);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await page.close();
  });
});
