// The runs API: every adapter harvests its fixtures through the public API; summaries, reports and webhooks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../fixture-server.js';
import { ADMIN, BASE, pipelineApp, type PipelineApp } from './pipeline-app.js';
import { PROTOCOL_CASES, startProtocolServer } from './protocol-routes.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startProtocolServer({
    '/broken/catalog?page=1': { file: 'dcat/paged-1.ttl' },
    '/dcat/catalog?page=9': { status: 500, body: 'boom' },
  });
});
afterAll(() => server.close());

async function register(t: PipelineApp, token: string, payload: Record<string, unknown>): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(token), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function harvest(t: PipelineApp, token: string, feedId: string): Promise<Record<string, any>> {
  const res = await t.app.inject({ method: 'POST', url: `/api/feeds/${feedId}/harvest`, headers: t.bearer(token) });
  expect(res.statusCode, res.body).toBe(202);
  const { runId, href } = res.json();
  expect(href).toBe(`${BASE}/api/runs/${runId}`);
  expect(res.headers.location).toBe(href);
  return t.waitForRun(runId);
}

/** Datasets the public SPARQL endpoint lists in the feed's record graphs. */
async function datasetsViaSparql(t: PipelineApp, feedId: string): Promise<string[]> {
  const query = `SELECT DISTINCT ?d WHERE { GRAPH ?g { ?d a <http://www.w3.org/ns/dcat#Dataset> }
    FILTER(STRSTARTS(STR(?g), "${BASE}/graph/record/${feedId}/")) }`;
  const res = await t.app.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json' } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().results.bindings as Array<{ d: { value: string } }>).map((b) => b.d.value).sort();
}

describe('runs API', () => {
  it.each(PROTOCOL_CASES.map((c) => [c.protocol, c] as const))('harvests the %s fixtures through the public API', async (_name, c) => {
    const t = await pipelineApp();
    const pub = await t.token('pub', 'publisher');
    const id = await register(t, pub, { url: server.url(c.path), title: `${c.protocol} source`, options: c.options });
    const run = await harvest(t, pub, id);
    expect(run, JSON.stringify(run.errors)).toMatchObject({ feedId: id, status: 'succeeded', complete: true, records: c.records });
    expect(run.counts.created).toBe(c.records);
    expect(await datasetsViaSparql(t, id)).toHaveLength(c.records);
    expect(await t.store.listGraphs({ prefix: `${BASE}/graph/record/${id}/` })).toHaveLength(c.records);

    const runs = await t.app.inject({ url: `/api/feeds/${id}/runs` });
    expect(runs.json().runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const again = await harvest(t, pub, id);
    expect(again.counts).toMatchObject({ created: 0, unchanged: c.records });
  });

  it('gives the publisher a per-record report with validation results and quality, publicly', async () => {
    const t = await pipelineApp({}, { withQuality: true });
    const id = await register(t, ADMIN, { url: server.url('/dcat/catalog?page=1'), title: 'Reported' });
    await harvest(t, ADMIN, id);
    const res = await t.app.inject({ url: `/api/feeds/${id}/report?limit=4` });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.feed).toMatchObject({ id, profile: 'dcat-ap' });
    expect(report.lastRun).toMatchObject({ status: 'succeeded' });
    expect(report.totals).toMatchObject({ records: 6, active: 6, withdrawn: 0 });
    expect(report.totals.conformant + report.totals.withWarnings + report.totals.nonConformant).toBe(6);
    expect(report.records).toHaveLength(4);
    expect(report.quality).toMatchObject({ records: 6, max: 405 });
    for (const r of report.records) {
      expect(r).toMatchObject({ state: 'active', validation: expect.stringMatching(/conformant|with-warnings/) });
      expect(r.counts.violations + r.counts.warnings + r.counts.infos).toBe(r.results.length);
      expect(r.conformance).toBeCloseTo(1 / (1 + r.counts.violations + r.counts.warnings / 4), 2);
      expect(r.quality).toMatchObject({ max: 405, band: expect.stringMatching(/Excellent|Good|Sufficient|Bad/) });
      expect(r.quality.points).toBeGreaterThan(0);
      // What would raise the score: the metrics short of their maximum, adding up to what the record misses.
      const gain = r.quality.raise.reduce((n: number, m: { points: number }) => n + m.points, 0);
      expect(gain).toBeCloseTo(r.quality.max - r.quality.points, 1);
      expect(r.quality.raise.map((m: { points: number }) => m.points)).toEqual([...r.quality.raise.map((m: { points: number }) => m.points)].sort((a, b) => b - a));
      if (r.validation === 'conformant') expect(r.counts.violations).toBe(0);
      else expect(r.results.length).toBeGreaterThan(0);
    }
    // The same source registered twice: each report links every record to its twin in the other feed.
    const twin = await register(t, ADMIN, { url: server.url('/dcat/catalog?page=1'), title: 'Reported twice' });
    await harvest(t, ADMIN, twin);
    const twinReport = (await t.app.inject({ url: `/api/feeds/${twin}/report?limit=1` })).json();
    // A run's report: the records that run wrote. The first run wrote all six; a run of another feed wrote none of these.
    const firstRun = report.lastRun.id as string;
    expect((await t.app.inject({ url: `/api/feeds/${id}/report?run=${firstRun}` })).json().totals.records).toBe(6);
    expect((await t.app.inject({ url: `/api/feeds/${id}/report?run=${twinReport.lastRun.id}` })).json().totals.records).toBe(0);
    expect(twinReport.records[0].alsoIn).toEqual([{ feedId: id, key: twinReport.records[0].key }]);
    const invalid = report.records.find((r: { validation: string }) => r.validation === 'non-conformant');
    if (invalid) expect(invalid.results[0]).toMatchObject({ severity: expect.any(String), message: expect.any(String) });
  });

  it('keeps report and quality graphs out of /sparql unless SHEAF_INDEX_REPORTS, with the same feed report either way', async () => {
    const derivedGraphs = async (t: PipelineApp): Promise<number> => {
      const query = `SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(STRSTARTS(STR(?g), "${BASE}/graph/report/") || STRSTARTS(STR(?g), "${BASE}/graph/quality/")) }`;
      const res = await t.app.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json' } });
      expect(res.statusCode, res.body).toBe(200);
      return Number(res.json().results.bindings[0].n.value);
    };
    const reports: unknown[] = [];
    for (const indexReports of [false, true]) {
      const t = await pipelineApp({ indexReports }, { withQuality: true });
      const id = await register(t, ADMIN, { url: server.url('/dcat/catalog?page=1'), title: 'Reported' });
      await harvest(t, ADMIN, id);
      const stored = await t.store.listGraphs({ prefix: `${BASE}/graph/quality/` });
      expect(stored).toHaveLength(6);
      expect(await derivedGraphs(t)).toBe(indexReports ? stored.length + (await t.store.listGraphs({ prefix: `${BASE}/graph/report/` })).length : 0);
      const report = (await t.app.inject({ url: `/api/feeds/${id}/report?limit=6` })).json();
      reports.push(report.records.map((r: Record<string, any>) => ({ key: r.key, counts: r.counts, results: r.results, points: r.quality.points })));
    }
    expect((reports[0] as Array<{ results: unknown[] }>).some((r) => r.results.length > 0)).toBe(true);
    expect(reports[0]).toEqual(reports[1]);
  });

  it('holds a run when most records vanish, and withdraws them only when a curator confirms', async () => {
    const t = await pipelineApp();
    const [pub, cora] = [await t.token('pub', 'publisher'), await t.token('cora', 'curator')];
    const id = await register(t, pub, { url: server.url('/dcat/catalog?page=1'), title: 'Shrinking' });
    expect((await harvest(t, pub, id)).counts.created).toBe(6);
    // The source now lists other datasets: all six known ones vanish, far over the 30 % guard.
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/feeds/${id}`, headers: t.bearer(pub), payload: { url: server.url('/fdp') } });
    expect(moved.statusCode, moved.body).toBe(200);
    const held = await harvest(t, pub, id);
    expect(held).toMatchObject({ status: 'held', heldWithdrawals: 6 });
    expect(await t.store.listGraphs({ prefix: `${BASE}/graph/record/${id}/` })).toHaveLength(9);

    const byPublisher = await t.app.inject({ method: 'POST', url: `/api/runs/${held.id}/confirm`, headers: t.bearer(pub) });
    expect(byPublisher.statusCode).toBe(403);
    const confirmed = await t.app.inject({ method: 'POST', url: `/api/runs/${held.id}/confirm`, headers: t.bearer(cora) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ id: held.id, status: 'succeeded', reason: expect.stringMatching(/confirmed by cora/) });
    expect(confirmed.json().counts.withdrawn).toBe(6);
    const report = (await t.app.inject({ url: `/api/feeds/${id}/report` })).json();
    expect(report.totals).toMatchObject({ withdrawn: 6, active: 3 });
    const again = await t.app.inject({ method: 'POST', url: `/api/runs/${held.id}/confirm`, headers: t.bearer(cora) });
    expect(again.statusCode).toBe(409);
  });

  it('withdraws a deleted feed\'s records under a run of their own, leaving tombstones', async () => {
    const t = await pipelineApp();
    const id = await register(t, ADMIN, { url: server.url('/fdp'), title: 'Going away' });
    await harvest(t, ADMIN, id);
    expect(await datasetsViaSparql(t, id)).toHaveLength(3);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/feeds/${id}`, headers: t.bearer(ADMIN) })).statusCode).toBe(204);
    expect(await datasetsViaSparql(t, id)).toEqual([]);
    expect(await t.store.listGraphs({ prefix: `${BASE}/graph/record/${id}/` })).toEqual([]);
    expect(await t.store.listGraphs({ prefix: `${BASE}/graph/catalog-record/${id}/` })).toHaveLength(3);
    const [last] = t.pipeline.services.runs.listForFeed(id);
    expect(last).toMatchObject({ trigger: 'delete', status: 'succeeded', counts: { withdrawn: 3 } });
    expect((await t.app.inject({ url: `/api/runs/${last!.id}` })).json().reason).toMatch(/feed deleted/);
  });

  it('refuses a second run of a feed while one is in progress, and needs a token to start one', async () => {
    const t = await pipelineApp();
    const id = await register(t, ADMIN, { url: server.url('/fdp'), title: 'Busy' });
    expect((await t.app.inject({ method: 'POST', url: `/api/feeds/${id}/harvest` })).statusCode).toBe(401);
    const first = await t.app.inject({ method: 'POST', url: `/api/feeds/${id}/harvest`, headers: t.bearer(ADMIN) });
    expect(first.statusCode).toBe(202);
    const second = await t.app.inject({ method: 'POST', url: `/api/feeds/${id}/harvest`, headers: t.bearer(ADMIN) });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CAT_ERR_CONFLICT');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/feeds/${id}`, headers: t.bearer(ADMIN) })).statusCode).toBe(409);
    await t.waitForRun(first.json().runId);
    expect((await t.app.inject({ url: '/api/runs/nope' })).statusCode).toBe(404);
  });

  it('posts the run summary to the feed webhook: on_error only for failures, always for every run', async () => {
    const received: Array<{ body: any; type: string | undefined }> = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body: JSON.parse(body), type: req.headers['content-type'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const t = await pipelineApp();
      const quiet = await register(t, ADMIN, { url: server.url('/fdp'), title: 'Quiet', notify: { url: hook } });
      const loud = await register(t, ADMIN, { url: server.url('/dcat/catalog?page=1'), title: 'Loud', notify: { url: hook, on: 'always' } });
      await harvest(t, ADMIN, quiet);
      await harvest(t, ADMIN, loud);
      await t.pipeline.services.scheduler.idle();
      expect(received.map((r) => r.body.feed.id)).toEqual([loud]);
      expect(received[0]).toMatchObject({ type: 'application/json', body: { event: 'harvest.run.finished', run: { feedId: loud, status: 'succeeded' } } });

      // The source breaks: the on_error feed now reports, with the failing URL in the summary.
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/feeds/${quiet}`, headers: t.bearer(ADMIN), payload: { schedule: '0 0 1 1 *' } });
      expect(patched.statusCode).toBe(200);
      t.pipeline.services.feeds.update(quiet, { url: server.url('/dcat/catalog?page=9'), protocol: 'dcat' });
      const failed = await harvest(t, ADMIN, quiet);
      await t.pipeline.services.scheduler.idle();
      expect(failed.status).toBe('failed');
      expect(received.at(-1)!.body).toMatchObject({ feed: { id: quiet }, run: { id: failed.id, status: 'failed' } });
      expect(received.at(-1)!.body.run.errors[0]).toMatchObject({ url: server.url('/dcat/catalog?page=9'), stage: 'fetch' });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('does not post a webhook to a private address when private networks are not allowed', async () => {
    const { postRunWebhook } = await import('../../src/pipeline/webhook.js');
    const { SafeFetcher } = await import('../../src/core/safe-fetch.js');
    const t = await pipelineApp();
    const id = await register(t, ADMIN, { url: server.url('/fdp'), title: 'Guarded', notify: { url: server.url('/hook'), on: 'always' } });
    const fetcher = new SafeFetcher({ allowPrivateNetworks: false, retries: 0 });
    try {
      await expect(postRunWebhook({ fetcher, feed: t.pipeline.services.feeds.require(id), summary: { status: 'succeeded' } }))
        .rejects.toMatchObject({ code: 'CAT_ERR_FETCH_REFUSED' });
    } finally {
      await fetcher.close();
    }
  });
});
