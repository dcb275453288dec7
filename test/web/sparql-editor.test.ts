// The portal developer's journey in a real Chromium: /sparql opens the editor for a browser, runs an example and shows rows; clients keep the protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshots, seriousViolations, type TestBrowser } from './browser.js';
import { openWebCatalogue, type WebCatalogue } from './web-catalogue.js';
import { wantsSparqlEditor } from '../../src/web/sparql-editor.js';

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

describe('the SPARQL editor', { timeout: 240_000 }, () => {
  it('runs an example query in the browser and shows its rows, with every asset from sheaf and the CSP kept', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(`${m.text()} @ ${JSON.stringify(m.location())}`); });
    page.on('request', (r) => { if (!r.url().startsWith(web.origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
    const response = await page.goto(`${web.origin}/sparql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(response?.headers()['content-security-policy']).not.toMatch(/unsafe-inline/);
    await page.locator('.yasqe .CodeMirror').waitFor();
    await page.click('button.example:has-text("Datasets per publisher")');
    expect(await page.evaluate('window.sheafYasgui.getTab().getQuery()')).toMatch(/COUNT\(DISTINCT \?dataset\)/);
    await page.click('button.example:has-text("Datasets and their titles")');
    await page.click('.yasqe_queryButton');
    const rows = page.locator('.yasr table tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await page.locator('.yasr table').innerText()).toMatch(/Glioblastoma|glioma/i);
    // Titles hold no numbers: the Chart view is offered disabled for them.
    expect(await page.locator('.yasr .select_chart').getAttribute('class')).toMatch(/\bdisabled\b/);

    // Counts per publisher: the Chart view draws one bar per row, named by the publisher's name, from the rows the table shows.
    await page.click('button.example:has-text("Datasets per publisher")');
    await page.click('.yasqe_queryButton');
    await page.locator('.yasr .select_chart:not(.disabled)').waitFor({ timeout: 30_000 });
    const tableRows = await page.locator('.yasr table tbody tr').count();
    await page.click('.yasr .select_chart');
    await page.locator('.sheaf-yasr-chart canvas').waitFor();
    const chart = await page.evaluate(`(() => {
      const c = window.Chart.getChart(document.querySelector('.sheaf-yasr-chart canvas'));
      return { labels: c.data.labels, series: c.data.datasets.map((d) => [d.label, d.data]) };
    })()`) as { labels: string[]; series: Array<[string, number[]]> };
    const sparql = await web.app.inject({
      method: 'POST', url: '/sparql', headers: { accept: 'application/sparql-results+json', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ query: (await page.evaluate('window.sheafYasgui.getTab().getQuery()')) as string }).toString(),
    });
    const bindings = sparql.json().results.bindings as Array<Record<string, { value: string }>>;
    expect(chart.series).toEqual([['datasets', bindings.map((b) => Number(b.datasets!.value))]]);
    expect(chart.labels).toHaveLength(tableRows);
    expect(chart.labels[0]).toBe(bindings[0]!.publisherName?.value ?? expect.any(String));
    expect(await page.locator('.sheaf-yasr-chart .chart-note').innerText()).toMatch(/Bars: datasets per publisherName/);
    await screenshots(page, 'sparql-editor-chart');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('.yasr .select_table');
    // No script is refused (the editor needs none inline). The bundled jQuery probes the browser with one inline
    // style attribute at start-up; the CSP refuses it, and nothing the editor shows depends on it.
    expect(blocked.filter((b) => /script-src/.test(b))).toEqual([]);
    expect(blocked.filter((b) => !/style-src/.test(b))).toEqual([]);
    expect(foreign).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'sparql-editor');
    await page.close();
  });

  it('keeps the protocol for API clients: results by Accept, the service description without a query', async () => {
    const query = encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    const json = await web.app.inject({ url: `/sparql?query=${query}`, headers: { accept: 'application/sparql-results+json' } });
    expect(json.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(Number(json.json().results.bindings[0].n.value)).toBeGreaterThan(0);
    const any = await web.app.inject({ url: `/sparql?query=${query}`, headers: { accept: '*/*' } });
    expect(any.headers['content-type']).not.toMatch(/html/);
    const description = await web.app.inject({ url: '/sparql', headers: { accept: 'text/turtle' } });
    expect(description.body).toContain('sd:Service');
    // A browser following a shared link gets the editor opened on that query.
    const shared = await web.app.inject({ url: `/sparql?query=${query}`, headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(shared.headers['content-type']).toMatch(/^text\/html/);
    expect(shared.body).toContain('SELECT (COUNT(*) AS ?n)');
  });

  it('tells browsers from clients by the Accept header alone', () => {
    expect(wantsSparqlEditor('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8')).toBe(true);
    expect(wantsSparqlEditor('application/sparql-results+json')).toBe(false);
    expect(wantsSparqlEditor('application/sparql-results+json, text/html;q=0.5')).toBe(false);
    expect(wantsSparqlEditor('*/*')).toBe(false);
    expect(wantsSparqlEditor(undefined)).toBe(false);
    expect(wantsSparqlEditor('text/html;q=0')).toBe(false);
  });
});
