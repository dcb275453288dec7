// /datasets/{id} in a real Chromium: a hostile harvested record runs nothing, long ids work, blank nodes read as content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, overflowsHorizontally, screenshots, seriousViolations, type TestBrowser } from './browser.js';
import { HOSTILE_ID, HOSTILE_TTL, openWebCatalogue, type WebCatalogue } from './web-catalogue.js';

let web: WebCatalogue;
let browser: TestBrowser;
let hostileFeed: string;
let hostileBody = HOSTILE_TTL;

beforeAll(async () => {
  web = await openWebCatalogue({ routes: { '/hostile-mutable.ttl': { handler: () => ({ body: hostileBody, type: 'text/turtle' }) } } });
  await web.harvest('Demo imaging', '/demo.ttl');
  const hostile = await web.harvest('Hostile source', '/hostile-mutable.ttl', { maxWithdrawShare: 1 });
  expect(hostile.run.counts.created + hostile.run.counts.invalid).toBeGreaterThanOrEqual(1);
  hostileFeed = hostile.feedId;
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the dataset page', { timeout: 240_000 }, () => {
  it('shows a hostile record as text: nothing executes, no javascript: link is clickable, markup in descriptions is sanitised', async () => {
    const page = await browser.newPage();
    const url = `${web.origin}${web.pageOf(hostileFeed, HOSTILE_ID)}`;
    expect(url.length).toBeGreaterThan(200); // far over fastify's default 100-character parameter limit
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('h1').innerText()).toBe('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">');
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('[onclick], [onerror]').count()).toBe(0);
    // The description keeps its formatting and its https link, loses the script, the handler and the javascript: link.
    const description = page.locator('.description');
    expect(await description.locator('b').innerText()).toBe('lung');
    expect(await description.locator('a[href="https://example.org/more"]').count()).toBe(1);
    expect(await description.locator('script').count()).toBe(0);
    expect(await description.innerText()).toContain('Click here');
    // The javascript: landing page and access URL are shown, not linked.
    expect(await page.locator('.unsafe-url', { hasText: 'javascript:window.__pwned=6' }).count()).toBe(1);
    expect(await page.locator('.unsafe-url', { hasText: 'javascript:window.__pwned=7' }).count()).toBe(1);
    // Clicking everything clickable still runs nothing.
    for (const link of await page.locator('main a[href^="https://evil"]').all()) await link.click({ modifiers: ['Control'] }).catch(() => undefined);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    // A blank-node spatial coverage reads as its content, not as its generated id.
    const fields = await page.locator('dl.fields').first().innerText();
    expect(fields).toContain('POINT(2.35 48.85)');
    expect(await page.locator('main').innerText()).not.toMatch(/well-known\/genid/);
    // One licence chip for the licence both distributions give.
    expect(await page.locator('dl.fields dd .tag', { hasText: /CC.?BY.?4/i }).count()).toBe(1);
    await page.close();
  });

  it('links the feed and run, shows validation messages and the MQA breakdown, passes axe, and fits 375 px', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.origin}${web.pageOf(hostileFeed, HOSTILE_ID)}`);
    expect(await page.locator('#validation-messages tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#validation-messages').innerText()).toMatch(/Violation|Warning/);
    expect(await page.locator('#mqa tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#quality-score').innerText()).toMatch(/^\d+(\.\d+)? points/);
    const feedLink = page.locator('#provenance a', { hasText: hostileFeed });
    const feed = await page.request.get(`${web.origin}${await feedLink.getAttribute('href')}`);
    expect((await feed.json()).id).toBe(hostileFeed);
    const runHref = await page.locator('#provenance dd a[href^="/api/runs/"]').getAttribute('href');
    expect((await (await page.request.get(`${web.origin}${runHref}`)).json()).feedId).toBe(hostileFeed);
    expect(await page.locator('nav.breadcrumbs a', { hasText: 'Discover' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'dataset-hostile');

    const demo = await browser.newPage({ width: 375 });
    const first = (await (await page.request.get(`${web.origin}/api/search?q=glioblastoma`)).json()).items[0];
    await demo.goto(first.page.replace(/^https?:\/\/[^/]+/, web.origin));
    expect(await demo.locator('h1').innerText()).toBe(first.title);
    expect(await demo.locator('dl.fields').first().innerText()).toContain('Glioblastoma');
    expect(await overflowsHorizontally(demo)).toBe(false);
    expect(await seriousViolations(demo)).toEqual([]);
    await screenshots(demo, 'dataset');
    await demo.close();
    await page.close();
  });

  it('answers an over-long id with problem+json, and a withdrawn dataset with a page saying so (410)', async () => {
    const long = await web.app.inject({ url: `/datasets/${encodeURIComponent(`${hostileFeed}/https://x.example/${'a'.repeat(9000)}`)}` });
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect([400, 404, 414]).toContain(long.statusCode);
    hostileBody = HOSTILE_TTL.replace(/<https:\/\/evil\.example\.org\/datasets\/[^>]+>/, '<https://evil.example.org/datasets/other>');
    const rerun = await web.harvest('Hostile source', '/hostile-mutable.ttl');
    expect(rerun.run.counts.withdrawn).toBe(1);
    const page = await browser.newPage();
    const response = await page.goto(`${web.origin}${web.pageOf(hostileFeed, HOSTILE_ID)}`);
    expect(response?.status()).toBe(410);
    expect(await page.locator('#withdrawn').innerText()).toMatch(/withdrawn from the catalogue on \d{4}-/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'dataset-withdrawn');
    await page.close();
  });
});
