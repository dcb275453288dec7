// The publisher's and curator's journeys in a real Chromium: sign in, register, harvest with live progress, read the report, fix, curate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, overflowsHorizontally, screenshots, seriousViolations, type TestBrowser } from './browser.js';
import { ADMIN, openWebCatalogue, type WebCatalogue } from './web-catalogue.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'dcat');
const page1 = readFileSync(path.join(FIXTURES, 'paged-1.ttl'), 'utf8');
const page2 = readFileSync(path.join(FIXTURES, 'paged-2.ttl'), 'utf8');
const page3 = readFileSync(path.join(FIXTURES, 'paged-3.ttl'), 'utf8');
/** Page 2 as a careless source first writes it: one dataset's issued date is not a date. */
const BROKEN = page2.replace(/dct:issued "[^"]+"\^\^xsd:date/, 'dct:issued "sometime in spring"^^xsd:date');
let served = BROKEN;

let web: WebCatalogue;
let browser: TestBrowser;

beforeAll(async () => {
  web = await openWebCatalogue({
    routes: {
      // The second page is slow, so the run is seen while it is under way.
      '/dcat/catalog?page=1': { body: page1, type: 'text/turtle' },
      '/dcat/catalog?page=2': { handler: () => ({ body: served, type: 'text/turtle', delayMs: 2500 }) },
      '/dcat/catalog?page=3': { body: page3, type: 'text/turtle' },
    },
  });
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${web.origin}/console`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.fill('#token', token);
  await page.click('form.stacked button[type="submit"]');
  await page.waitForURL(`${web.origin}/console`);
}

describe('web console journeys', { timeout: 240_000 }, () => {
  it('publisher: sign in, check and register a feed, harvest now with live progress, read the report, fix the source, rerun valid', async () => {
    const publisher = web.pipeline.services.tokens.create({ name: 'imaging-site', role: 'publisher' });
    const page = await browser.newPage();
    await signIn(page, publisher.token);
    expect(await page.locator('header .who').innerText()).toContain('imaging-site');

    // A bad address is refused beside its field, and nothing is registered.
    await page.fill('#url', 'not a url');
    await page.click('button[value="register"]');
    expect(await page.locator('#url-error').innerText()).toMatch(/not an absolute URL/);
    expect(web.pipeline.services.feeds.list()).toHaveLength(0);

    // The probe's verdict comes before saving.
    await page.fill('#url', web.fixtures.url('/dcat/catalog?page=1'));
    await page.fill('#title', 'Imaging site');
    await page.click('button[value="check"]');
    expect(await page.locator('#verdict').innerText()).toMatch(/answers as dcat/);
    expect(web.pipeline.services.feeds.list()).toHaveLength(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console-register');
    await page.click('button[value="register"]');
    await page.waitForURL(/\/console\/feeds\/[a-z0-9-]+$/);
    expect(await page.locator('h1').innerText()).toBe('Imaging site');

    // Harvest now: the run page follows the run (htmx polling) until it ends, then shows the report.
    await page.click('#harvest-now');
    await page.waitForURL(/\/console\/runs\//);
    expect(await page.locator('#progress').getAttribute('data-status')).toMatch(/queued|running/);
    await screenshots(page, 'console-run-live');
    await page.locator('#progress[data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await page.locator('#problems').waitFor();
    expect(await page.locator('#report').innerText()).toMatch(/6 records: \d+ conformant, \d+ with warnings, 1 non-conformant/);
    const problems = await page.locator('#problems').innerText();
    expect(problems).toMatch(/dct:issued/);
    expect(problems).toContain('sometime in spring');
    expect(problems).toMatch(/Replace “sometime in spring” in dct:issued/);
    expect(problems).toMatch(/Add dct:spatial to each listed record/);
    expect(await page.evaluate('document.querySelector("#progress dl").innerText')).toMatch(/Records read\s*6/);
    // Per record: the invalid one first, with what would raise its quality (meeting the profile is worth MQA's DCAT-AP points).
    const firstRecord = await page.locator('#report-records tbody tr').first().innerText();
    expect(firstRecord).toMatch(/non-conformant \(1 violations/);
    expect(firstRecord).toMatch(/DCAT-AP compliance \+30/);
    expect(await page.locator('#report-records tbody tr').count()).toBe(6);
    // Per feed: the metrics its records miss, with the average points each would add (no record gives a spatial coverage).
    expect(await page.locator('#raise-quality tr', { hasText: 'Spatial coverage' }).locator('td').nth(1).innerText()).toBe('6');
    expect(await page.locator('#raise-quality tr', { hasText: 'Spatial coverage' }).locator('td').nth(2).innerText()).toBe('+20');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshots(page, 'console-run-report');

    // A dry run of the broken page gives the harvest's verdict; of the fixed page, no violation. Nothing is stored.
    const runUrl = page.url();
    await page.goto(`${web.origin}/console/validate`);
    await page.fill('#record', BROKEN.replaceAll('{{base}}', web.fixtures.origin));
    await page.click('#validate button[type="submit"]');
    expect(await page.locator('#verdict h2').innerText()).toContain('non-conformant');
    expect(await page.locator('#verdict-results').innerText()).toMatch(/Violation\s+dct:issued/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#record', page2.replaceAll('{{base}}', web.fixtures.origin));
    await page.click('#validate button[type="submit"]');
    // (The pasted page's dcat:Catalog is checked too, as a document; a harvest checks each dataset's record.)
    expect(await page.locator('#verdict-results').innerText()).not.toMatch(/Violation\s+dct:issued|sometime in spring/);
    await page.goto(runUrl);

    // The source is fixed; the rerun finds every record valid.
    served = page2;
    await page.click('nav.breadcrumbs li:nth-child(2) a');
    await page.click('#harvest-now');
    await page.locator('#progress[data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await page.locator('#report').waitFor();
    // The rerun's report holds what it changed: the fixed record (the others are unchanged, their report is the first run's).
    expect(await page.locator('#report h2').innerText()).toBe('Report of this run');
    expect(await page.locator('#report').innerText()).toMatch(/1 records: \d+ conformant, \d+ with warnings, 0 non-conformant/);
    expect(await page.locator('#report-records tbody tr').count()).toBe(1);
    expect(await page.locator('#report-records').innerText()).not.toMatch(/non-conformant/);
    expect(await page.locator('#progress dl').innerText()).toMatch(/Updated\s*1/);
    expect(await page.locator('#problems').innerText()).not.toMatch(/Violation|sometime in spring/);
    // The feed's page keeps the report over all its records, and the run history lists both runs.
    await page.click('nav.breadcrumbs li:nth-child(2) a');
    expect(await page.locator('#report').innerText()).toMatch(/6 records: \d+ conformant, \d+ with warnings, 0 non-conformant/);
    expect(await page.locator('#runs tbody tr').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'console-feed');

    // Rights are checked on the server: another publisher's feed cannot be harvested by posting the form anyway.
    const other = web.pipeline.services.tokens.create({ name: 'other-site', role: 'publisher' });
    const feedId = web.pipeline.services.feeds.list()[0]!.id;
    const intruder = await browser.newPage({ isolated: true });
    await signIn(intruder, other.token);
    await intruder.goto(`${web.origin}/console/feeds/${feedId}`);
    expect(await intruder.locator('#harvest-now').count()).toBe(0);
    const csrf = await intruder.locator('header form.sign-out input[name="_csrf"]').getAttribute('value');
    const forced = await intruder.request.post(`${web.origin}/console/feeds/${feedId}/harvest`, { form: { _csrf: csrf! }, maxRedirects: 0 });
    expect(forced.status()).toBe(303);
    await intruder.goto(`${web.origin}/console/feeds/${feedId}`);
    expect(await intruder.locator('.notice').innerText()).toMatch(/belongs to another publisher/);
    expect(web.pipeline.services.runs.listForFeed(feedId, { limit: 10 })).toHaveLength(2);
    await intruder.close();
    await page.close();
  });

  it('curator: feed health, load an ontology version and see its diff and impact, restore, tokens created once and revoked', async () => {
    const page = await browser.newPage({ isolated: true });
    await signIn(page, ADMIN);
    await page.goto(`${web.origin}/console/curator`);
    expect(await page.locator('#health').innerText()).toContain('Imaging site');
    expect(await page.locator('#health').innerText()).toContain('healthy');

    // The quality dashboard: distribution per feed and per publisher and the trend over the two runs, as charts drawn
    // by Chart.js (served by sheaf, under the CSP) over the tables that are their text alternative.
    const blocked: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') blocked.push(m.text()); });
    await page.click('#quality-link');
    await page.waitForURL(`${web.origin}/console/quality`);
    const imaging = web.pipeline.services.feeds.list().find((f) => f.title === 'Imaging site')!;
    const summary = web.pipeline.services.quality!.feedSummary(imaging.id);
    const feedRow = page.locator('#quality-feeds tbody tr', { hasText: 'Imaging site' });
    expect(await feedRow.innerText()).toContain('imaging-site');
    const bandCells = (await feedRow.locator('td[data-value]').allInnerTexts()).map(Number);
    expect(bandCells.reduce((a, b) => a + b, 0)).toBe(6);
    expect(bandCells).toEqual(['Excellent', 'Good', 'Sufficient', 'Bad'].map((b) => summary.bands[b] ?? 0));
    expect(await page.locator('#quality-publishers tbody tr', { hasText: 'imaging-site' }).locator('td').nth(1).innerText()).toBe('6');
    // One trend point per run of the feed, in the order they ran, each linking to its run.
    const trendRows = page.locator('#quality-trend tbody tr', { hasText: 'Imaging site' });
    expect(await trendRows.count()).toBe(2);
    const runIds = web.pipeline.services.runs.listForFeed(imaging.id, { limit: 10 }).map((r) => r.id).reverse();
    expect(await trendRows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(runIds.map((id) => `/console/runs/${id}`));
    // (A string, not a function: the test is compiled without the DOM's types.)
    const charts = await page.evaluate(`[...document.querySelectorAll('figure.chart canvas')].map((c) => {
      const chart = window.Chart.getChart(c);
      return { type: chart.config.type, name: c.getAttribute('aria-label'), series: chart.data.datasets.map((d) => [d.label, d.data.length]) };
    })`) as Array<{ type: string; name: string; series: Array<[string, number]> }>;
    expect(charts.map((c) => c.type)).toEqual(['bar', 'bar', 'scatter']);
    const feedRows = await page.locator('#quality-feeds tbody tr').count();
    expect(charts[0]!.series).toEqual(['Excellent', 'Good', 'Sufficient', 'Bad'].map((b) => [b, feedRows]));
    expect(charts[2]!.series).toContainEqual(['Imaging site', 2]);
    expect(charts[0]!.name).toMatch(/same figures are in the table below/);
    expect(blocked).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshots(page, 'console-quality');
    // The same figures as data, for curators only: a publisher's token is refused.
    const asData = await web.app.inject({ url: '/api/quality', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(asData.json().feeds.find((f: { id: string }) => f.id === imaging.id).trend).toHaveLength(2);
    const publisherToken = web.pipeline.services.tokens.create({ name: 'quality-peeker', role: 'publisher' }).token;
    expect((await web.app.inject({ url: '/api/quality', headers: { authorization: `Bearer ${publisherToken}` } })).statusCode).toBe(403);
    await page.goto(`${web.origin}/console/curator`);

    // An unparsable ontology is a readable message beside the field, and nothing is loaded.
    await page.setInputFiles('#ontology-file', { name: 'broken.ttl', mimeType: 'text/turtle', buffer: Buffer.from('@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<x> a owl:Ontology ;;; oops') });
    await page.click('#load-ontology button[type="submit"]');
    expect(await page.locator('#file-error').innerText()).not.toBe('');
    expect(await page.locator('#versions').count()).toBe(0);

    const v1 = `@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/onto> a owl:Ontology .
<https://example.org/onto#Tumour> a owl:Class ; rdfs:label "Tumour" .
<https://example.org/onto#Glioma> a owl:Class ; rdfs:label "Glioma" ; rdfs:subClassOf <https://example.org/onto#Tumour> .
<https://example.org/onto#Brain> a owl:Class ; rdfs:label "Brain disease" .`;
    const v2 = v1.replace('rdfs:subClassOf <https://example.org/onto#Tumour>', 'rdfs:subClassOf <https://example.org/onto#Brain>');
    let heldId = '';
    for (const [name, text, label] of [['v1.ttl', v1, 'first'], ['v2.ttl', v2, 'glioma moved']] as const) {
      await page.setInputFiles('#ontology-file', { name, mimeType: 'text/turtle', buffer: Buffer.from(text) });
      await page.fill('#ontology-label', label);
      await page.click('#load-ontology button[type="submit"]');
      // The diff and the records it touches come before the version becomes current: nothing is loaded yet.
      await page.locator('#preview').waitFor();
      expect(await page.locator('#preview-impact').innerText()).toMatch(/record\(s\) use a term this version changes/);
      expect(await page.locator('#versions tbody tr').count()).toBe(label === 'first' ? 0 : 1);
      if (label === 'glioma moved') {
        expect(await page.locator('#preview #diff-moved + ul').innerText()).toMatch(/Glioma.*Tumour.*→.*Brain/);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshots(page, 'console-ontology-preview');
        heldId = (await page.locator('#preview input[name="preview"]').getAttribute('value'))!;
      }
      await page.click('#activate');
      await page.locator('#activation').waitFor();
    }
    expect(await page.locator('#activation #diff-moved + ul').innerText()).toMatch(/Glioma.*Tumour.*→.*Brain/);
    expect(await page.locator('#impact').innerText()).toMatch(/record\(s\) checked again/);
    expect(await page.locator('#versions tbody tr').count()).toBe(2);
    // A preview is activated once: posting it again changes nothing.
    const csrf = await page.locator('header form.sign-out input[name="_csrf"]').getAttribute('value');
    const again = await page.request.post(`${web.origin}/console/ontologies/activate`, { form: { _csrf: csrf!, preview: heldId } });
    expect(again.status()).toBe(409);
    expect(web.pipeline.services.ontologies.versions.list()).toHaveLength(2);
    await screenshots(page, 'console-curator');
    await page.click('#versions button:has-text("Make current again")');
    await page.locator('#activation').waitFor();
    expect(await page.locator('#activation h3').innerText()).toContain('first');
    expect(await page.locator('#activation #diff-moved + ul').innerText()).toMatch(/Glioma.*Brain.*→.*Tumour/);

    // A token's secret is shown once; the new holder can sign in; revoking it signs that browser out.
    await page.fill('#token-name', 'new-curator');
    await page.selectOption('#token-role', 'curator');
    await page.click('#create-token button[type="submit"]');
    const secret = await page.locator('#new-token code').innerText();
    expect(secret).toMatch(/^sheaf_/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    expect(await page.locator('#new-token').count()).toBe(0);
    const curator = await browser.newPage({ isolated: true });
    await signIn(curator, secret);
    await curator.goto(`${web.origin}/console/curator`);
    expect(await curator.locator('#tokens').count()).toBe(0); // tokens are an admin's
    await page.goto(`${web.origin}/console/curator`);
    await page.click('#tokens tr:has-text("new-curator") button');
    expect(await page.locator('#tokens tr:has-text("new-curator")').innerText()).toContain('revoked');
    await curator.goto(`${web.origin}/console/curator`);
    expect(new URL(curator.url()).pathname).toBe('/sign-in');
    expect(await curator.locator('.notice').innerText()).toMatch(/revoked/);
    await curator.close();
    await page.close();
  });
});
