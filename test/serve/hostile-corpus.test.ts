// The hostile corpus (six syntaxes: malformed, deep nesting, huge literals, invalid UTF-8, entity amplification) through
// POST /api/validate, POST /api/ontologies and a harvest: each a clear error or a bounded success, other feeds untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileCorpus } from '../fixtures/hostile/corpus.js';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { ADMIN, pipelineApp, type PipelineApp } from './pipeline-app.js';

const CORPUS = hostileCorpus();
const MB = 1024 * 1024;
/** What a bad document may cost the process at the most; each route prints what it cost. */
const RSS_BOUND = 1024 * MB;

/** A clear error: a 4xx problem+json with a stable code. A bounded success: a 2xx answer. Never a 5xx. */
function expectClear(res: { statusCode: number; headers: Record<string, unknown>; json(): any; body: string }, what: string): 'error' | 'success' {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode < 300) return 'success';
  expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  expect(res.json().code, what).toMatch(/^CAT_ERR_[A-Z_]+$/);
  return 'error';
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / MB);
}

let server: FixtureServer;
// What each hostile feed's URL answers now: a good document at registration, the hostile case at its harvest.
const serving = new Map<string, RouteSpec>();

beforeAll(async () => {
  server = await startFixtureServer({
    '/healthy.ttl': { file: 'dcat/vocabulary-literals.ttl', type: 'text/turtle' },
    '/source': { handler: (req) => serving.get(req.url.searchParams.get('case') ?? '') ?? { status: 404 } },
  });
});
afterAll(() => server.close());

describe('hostile corpus', () => {
  it('POST /api/validate answers every case with a report or a clear error, and stays up', async () => {
    const t = await pipelineApp();
    const before = rssMb();
    const outcomes: string[] = [];
    for (const c of CORPUS) {
      const res = await t.app.inject({ method: 'POST', url: '/api/validate', headers: { 'content-type': c.mediaType }, payload: c.body });
      outcomes.push(`${c.name} ${res.statusCode} ${expectClear(res, c.name) === 'error' ? res.json().code : 'report'}`);
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    }
    console.log(`hostile corpus via /api/validate: RSS ${before} → ${rssMb()} MB\n  ${outcomes.join('\n  ')}`);
    expect(process.memoryUsage().rss - before * MB).toBeLessThan(RSS_BOUND);
    // Every malformed document and the entity amplification is refused as RDF, whatever its syntax.
    for (const line of outcomes.filter((o) => o.startsWith('malformed') || o.startsWith('entity'))) expect(line).toMatch(/ 4\d\d CAT_ERR_/);
  }, 600_000);

  it('POST /api/ontologies refuses every case with a clear error and loads nothing', async () => {
    const t = await pipelineApp();
    const curator = await t.token('cora', 'curator');
    const before = rssMb();
    for (const c of CORPUS) {
      const res = await t.app.inject({ method: 'POST', url: '/api/ontologies', headers: { ...t.bearer(curator), 'content-type': c.mediaType }, payload: c.body });
      expect(expectClear(res, c.name), c.name).toBe('error');
    }
    console.log(`hostile corpus via /api/ontologies: RSS ${before} → ${rssMb()} MB`);
    expect((await t.app.inject({ url: '/api/ontologies' })).json().versions).toEqual([]);
  }, 600_000);

  it('harvests a source turned hostile without losing its records or touching another feed', async () => {
    const t = await pipelineApp();
    const register = async (url: string, title: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url, title, protocol: 'dcat' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const harvest = async (feed: string) => {
      const started = await t.app.inject({ method: 'POST', url: `/api/feeds/${feed}/harvest`, headers: t.bearer(ADMIN) });
      return t.waitForRun(started.json().runId);
    };
    const rows = (feed: string) => JSON.stringify(t.pipeline.services.records.forFeed(feed).map((r) => [r.key, r.state, r.hash]));
    const active = (feed: string) => t.pipeline.services.records.forFeed(feed).filter((r) => r.state === 'active').map((r) => r.key);
    const healthy = await register(server.url('/healthy.ttl'), 'Healthy');
    expect((await harvest(healthy)).status).toBe('succeeded');
    const healthyRows = rows(healthy);

    const before = rssMb();
    const outcomes: string[] = [];
    for (const [n, c] of CORPUS.entries()) {
      const key = String(n);
      serving.set(key, { file: 'dcat/vocabulary-literals.ttl', type: 'text/turtle' });
      const feed = await register(server.url(`/source?case=${key}`), `Hostile ${n}`);
      expect((await harvest(feed)).status).toBe('succeeded');
      const good = active(feed);
      serving.set(key, { bytes: c.body, type: c.mediaType });
      const run = await harvest(feed);
      outcomes.push(`${c.name}: ${run.status}${run.errors?.length ? ` (${run.errors[0].stage}: ${String(run.errors[0].message).slice(0, 100)})` : ''}`);
      expect(['succeeded', 'partial', 'failed', 'held'], c.name).toContain(run.status);
      // A document that cannot be read withdraws nothing: the records harvested before stay.
      if (run.status !== 'succeeded') expect(active(feed), c.name).toEqual(expect.arrayContaining(good));
    }
    console.log(`hostile corpus via harvests: RSS ${before} → ${rssMb()} MB\n  ${outcomes.join('\n  ')}`);
    expect(process.memoryUsage().rss - before * MB).toBeLessThan(RSS_BOUND);
    expect(rows(healthy)).toBe(healthyRows);
  }, 900_000);
});
