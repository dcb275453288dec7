// The feed registry API: registration probes and detects, dead URLs and unknown formats are 400s, owners rule.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, type FixtureServer } from '../fixture-server.js';
import { ADMIN, pipelineApp } from './pipeline-app.js';
import { PROTOCOL_CASES, startProtocolServer } from './protocol-routes.js';

let server: FixtureServer;
let deadUrl: string;

beforeAll(async () => {
  server = await startProtocolServer();
  // A port that was just listening and is now closed: connections are refused.
  const gone = http.createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/catalog.ttl`;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
});
afterAll(() => server.close());

describe('feeds API', () => {
  it.each(PROTOCOL_CASES.map((c) => [c.protocol, c.path, c.options] as const))('detects %s at registration', async (protocol, p, options) => {
    const t = await pipelineApp();
    const res = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url(p), options } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ protocol, url: server.url(p), owner: 'admin', local: false });
    expect(res.headers.location).toBe(`http://sheaf.test/api/feeds/${res.json().id}`);
  });

  it('registers with defaults, lists and reads feeds publicly, hides the webhook from strangers', async () => {
    const t = await pipelineApp();
    const a = await t.token('pub-a', 'publisher');
    const res = await t.app.inject({
      method: 'POST', url: '/api/feeds', headers: t.bearer(a),
      payload: { url: server.url('/dcat/catalog?page=1'), title: 'Lung Imaging Node', notify: { url: server.url('/hook') } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const feed = res.json();
    expect(feed).toMatchObject({ id: 'lung-imaging-node', owner: 'pub-a', profile: 'dcat-ap', policy: 'store-and-flag', notify: { on: 'on_error' } });
    expect(feed.schedule).toMatch(/^\d+ [1-5] \* \* \*$/);
    expect(feed.nextRun).toBeUndefined(); // the scheduler is not started in this test
    const list = await t.app.inject({ url: '/api/feeds' });
    expect(list.json().feeds.map((f: { id: string }) => f.id)).toEqual(['lung-imaging-node']);
    expect(list.json().feeds[0].notify).toBeUndefined();
    expect((await t.app.inject({ url: '/api/feeds/lung-imaging-node', headers: t.bearer(a) })).json().notify).toBeDefined();
    expect((await t.app.inject({ url: '/api/feeds/nope' })).statusCode).toBe(404);
    const paths = Object.keys((await t.app.inject({ url: '/docs/json' })).json().paths);
    for (const route of ['/api/feeds', '/api/feeds/{id}', '/api/feeds/{id}/harvest', '/api/feeds/{id}/report', '/api/runs/{id}', '/api/tokens']) {
      expect(paths).toContain(route);
    }
  });

  it('refuses a dead URL with a 400 that says why', async () => {
    const t = await pipelineApp();
    const res = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: deadUrl } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'CAT_ERR_FEED_UNREACHABLE', detail: expect.stringMatching(/ECONNREFUSED/) });
    const missing = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/nothing-here') } });
    expect(missing.json()).toMatchObject({ code: 'CAT_ERR_FEED_UNREACHABLE', detail: expect.stringMatching(/HTTP 404/) });
    expect((await t.app.inject({ url: '/api/feeds' })).json().feeds).toEqual([]);
  });

  it('refuses a page in no harvestable format, and a protocol the URL does not speak', async () => {
    const t = await pipelineApp();
    const html = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/html') } });
    expect(html.statusCode).toBe(400);
    expect(html.json()).toMatchObject({ code: 'CAT_ERR_FEED_UNKNOWN_FORMAT', detail: expect.stringMatching(/text\/html/) });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/oai'), protocol: 'ckan' } });
    expect(wrong.json()).toMatchObject({ status: 400, code: 'CAT_ERR_FEED_UNKNOWN_FORMAT', detail: expect.stringMatching(/ckan/) });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/oai'), protocol: 'gopher' } });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'CAT_ERR_BAD_REQUEST' });
  });

  it('refuses loopback feeds when private networks are not allowed', async () => {
    const t = await pipelineApp({ allowPrivateNetworks: false });
    const res = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/dcat/catalog?page=1') } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CAT_ERR_FETCH_REFUSED');
  });

  it.each([
    ['a bad cron expression', { schedule: 'every day' }],
    ['an unknown profile', { profile: 'nope' }],
    ['a non-URL', { url: 'catalog.ttl' }],
    ['an ftp URL', { url: 'ftp://example.org/x' }],
    ['an unknown field', { colour: 'red' }],
  ])('answers 400 to %s', async (_name, payload) => {
    const t = await pipelineApp();
    const res = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/dcat/catalog?page=1'), ...payload } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CAT_ERR_BAD_REQUEST');
  });

  it('needs a token to register, and only admins may register local file feeds', async () => {
    const t = await pipelineApp();
    const file = pathToFileURL(path.join(FIXTURES_DIR, 'dcat/catalog.nt')).href;
    expect((await t.app.inject({ method: 'POST', url: '/api/feeds', payload: { url: server.url('/fdp') } })).statusCode).toBe(401);
    const curator = await t.token('cora', 'curator');
    const refused = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(curator), payload: { url: file } });
    expect(refused.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: file, title: 'Local' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ id: 'local', protocol: 'dcat', local: true });
  });

  it("lets publisher A change its feed and refuses publisher B's token (403)", async () => {
    const t = await pipelineApp();
    const [a, b, cora] = [await t.token('pub-a', 'publisher'), await t.token('pub-b', 'publisher'), await t.token('cora', 'curator')];
    const created = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(a), payload: { url: server.url('/fdp'), title: 'A feed' } });
    expect(created.statusCode, created.body).toBe(201);
    const url = '/api/feeds/a-feed';
    const byB = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(b), payload: { title: 'Hijacked' } });
    expect(byB.statusCode).toBe(403);
    expect(byB.json().code).toBe('CAT_ERR_FORBIDDEN');
    expect((await t.app.inject({ method: 'DELETE', url, headers: t.bearer(b) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `${url}/harvest`, headers: t.bearer(b) })).statusCode).toBe(403);
    expect((await t.app.inject({ url })).json().title).toBe('A feed');

    const byA = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(a), payload: { title: 'A feed, renamed', contact: 'mailto:a@example.org' } });
    expect(byA.statusCode, byA.body).toBe(200);
    expect(byA.json()).toMatchObject({ id: 'a-feed', title: 'A feed, renamed', contact: 'mailto:a@example.org', owner: 'pub-a' });
    const cleared = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(cora), payload: { contact: null } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().contact).toBeUndefined();
    expect((await t.app.inject({ method: 'PATCH', url, headers: t.bearer(a), payload: { url: server.url('/html') } })).json().code)
      .toBe('CAT_ERR_FEED_UNKNOWN_FORMAT');
    expect((await t.app.inject({ method: 'DELETE', url, headers: t.bearer(a) })).statusCode).toBe(204);
    expect((await t.app.inject({ url })).statusCode).toBe(404);
  });

  it("refuses a publisher's guard setting (403 CAT_ERR_GUARD_SETTING_FORBIDDEN): only curators and admins set maxWithdrawShare", async () => {
    const t = await pipelineApp();
    const [a, cora] = [await t.token('pub-a', 'publisher'), await t.token('cora', 'curator')];
    const register = await t.app.inject({
      method: 'POST', url: '/api/feeds', headers: t.bearer(a), payload: { url: server.url('/fdp'), title: 'A feed', maxWithdrawShare: 1 },
    });
    expect(register.statusCode).toBe(403);
    expect(register.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(register.json().code).toBe('CAT_ERR_GUARD_SETTING_FORBIDDEN');
    expect((await t.app.inject({ url: '/api/feeds' })).json().feeds).toEqual([]);

    const created = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(a), payload: { url: server.url('/fdp'), title: 'A feed' } });
    expect(created.statusCode, created.body).toBe(201);
    const url = '/api/feeds/a-feed';
    const raise = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(a), payload: { maxWithdrawShare: 1, title: 'A feed, unguarded' } });
    expect(raise.statusCode).toBe(403);
    expect(raise.json().code).toBe('CAT_ERR_GUARD_SETTING_FORBIDDEN');
    expect((await t.app.inject({ url })).json()).toMatchObject({ title: 'A feed', maxWithdrawShare: 0.3 });
    const byCurator = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(cora), payload: { maxWithdrawShare: 0.5 } });
    expect(byCurator.statusCode, byCurator.body).toBe(200);
    expect(byCurator.json().maxWithdrawShare).toBe(0.5);
    // The publisher still changes everything else of its feed.
    expect((await t.app.inject({ method: 'PATCH', url, headers: t.bearer(a), payload: { title: 'A feed, renamed' } })).statusCode).toBe(200);
  });
});
