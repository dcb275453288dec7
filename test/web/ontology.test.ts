// The ontology browser in a real Chromium: tree, term search by code, term page, and on to Discover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, overflowsHorizontally, screenshots, seriousViolations, type TestBrowser } from './browser.js';
import { openWebCatalogue, type WebCatalogue } from './web-catalogue.js';

let web: WebCatalogue;
let browser: TestBrowser;

beforeAll(async () => {
  web = await openWebCatalogue();
  await web.harvest('Demo imaging', '/demo.ttl');
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the ontology browser', { timeout: 240_000 }, () => {
  it('finds a term by its SNOMED CT code, shows its parents, children, mappings and datasets, and leads to Discover', async () => {
    // axe runs as a script in the page: this page has JavaScript on (the pages need none; Discover's test shows that).
    const page = await browser.newPage();
    await page.goto(`${web.origin}/ontology`);
    expect(await page.locator('#ontology-tree > li').count()).toBeGreaterThan(1);
    expect(await page.locator('#ontology-tree').innerText()).toMatch(/Malignant neoplastic disease/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'ontology');

    // 363358000 is SNOMED CT's "malignant tumour of lung": the search reaches the term through its mapping.
    await page.fill('#term-q', '363358000');
    await page.click('form.searchbar button');
    await page.waitForURL(/\/ontology\?q=363358000/);
    const match = page.locator('#term-matches a').first();
    const label = (await match.innerText()).trim();
    expect(label).toMatch(/lung/i);
    await match.click();
    await page.waitForURL(/\/ontology\/term\?iri=/);
    expect(await page.locator('h1').innerText()).toBe(label);
    expect(await page.locator('#parents li').count()).toBeGreaterThan(0);
    expect(await page.locator('#mappings').innerText()).toContain('363358000');
    expect(await page.locator('.breadcrumbs li').count()).toBeGreaterThan(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'ontology-term');

    // Its parent's page lists it among the narrower terms.
    const parentHref = await page.locator('#parents a').first().getAttribute('href');
    const termUrl = page.url();
    await page.goto(`${web.origin}${parentHref}`);
    expect(await page.locator('#children a', { hasText: label }).count()).toBe(1);
    await page.goto(termUrl);

    // Datasets under the term: the link opens Discover filtered by it, with the same count.
    const showAll = page.locator('#discover-link');
    const expected = Number((await showAll.innerText()).replace(/\D/g, ''));
    expect(expected).toBeGreaterThan(0);
    expect(await page.locator('#term-datasets li').count()).toBe(Math.min(10, expected));
    await showAll.click();
    await page.waitForURL(/\/\?condition=/);
    expect(Number((await page.locator('#results-heading').innerText()).replace(/\D/g, ''))).toBe(expected);

    // A dataset's condition links back to its term page.
    await page.locator('ol.hits h3 a').first().click();
    await page.waitForURL(/\/datasets\//);
    const conditionHref = await page.locator('dl.fields a.tag[href^="/ontology/term"]').first().getAttribute('href');
    expect(conditionHref).toMatch(/^\/ontology\/term\?iri=/);
    await page.close();
  });

  it('answers an unknown term with a 404 page, and fits 375 px', async () => {
    const page = await browser.newPage({ width: 375 });
    const response = await page.goto(`${web.origin}/ontology/term?iri=${encodeURIComponent('https://nowhere.example/x')}`);
    expect(response?.status()).toBe(404);
    await page.goto(`${web.origin}/ontology?q=lung`);
    expect(await page.locator('#term-matches li').count()).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.close();
  });
});
