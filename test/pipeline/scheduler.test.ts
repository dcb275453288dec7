// The scheduler: cron tasks fire real harvest runs, never overlap per feed, respect the global cap, follow edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import type { RunSummary } from '../../src/pipeline/run-summary.js';
import { assertSchedule } from '../../src/pipeline/scheduler.js';
import type { FixtureServer } from '../fixture-server.js';
import { startFixtureServer } from '../fixture-server.js';
import { ADMIN, pipelineApp, type PipelineApp } from '../serve/pipeline-app.js';

const EVERY_SECOND = '* * * * * *';
const ONCE_A_YEAR = '0 0 1 1 *';
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    // Each harvest of these takes over a second, so an every-second schedule would overlap without the guard.
    '/slow/a.nt': { file: 'dcat/catalog.nt', type: 'application/n-triples', delayMs: 1_300 },
    '/slow/b.nt': { file: 'dcat/catalog.nt', type: 'application/n-triples', delayMs: 1_300 },
    '/fast.nt': { file: 'dcat/catalog.nt', type: 'application/n-triples' },
  });
});
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function addFeed(t: PipelineApp, id: string, path: string, schedule: string) {
  return t.pipeline.services.feeds.create({ id, url: server.url(path), protocol: 'dcat', schedule, title: id, profile: 'dcat-ap', owner: 'admin' });
}

/** Ended runs, oldest first. */
function endedRuns(t: PipelineApp, feedId?: string): RunSummary[] {
  const feeds = feedId ? [feedId] : t.pipeline.services.feeds.list().map((f) => f.id);
  return feeds
    .flatMap((id) => t.pipeline.services.runs.listForFeed(id, { limit: 500 }))
    .filter((r) => r.finishedAt !== undefined)
    .sort((a, b) => a.startedAt!.localeCompare(b.startedAt!));
}

function expectNoOverlap(runs: readonly RunSummary[]): void {
  for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt! >= runs[i - 1]!.finishedAt!, `${runs[i]!.id} overlaps ${runs[i - 1]!.id}`).toBe(true);
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return;
  throw new Error('condition not met in time');
}

describe('Scheduler', () => {
  it('fires a per-second schedule and never overlaps a slow run of the same feed', async () => {
    const t = await pipelineApp();
    addFeed(t, 'slow-a', '/slow/a.nt', EVERY_SECOND);
    await t.pipeline.start({ role: 'all' });
    expect(t.pipeline.services.scheduler.scheduleOf('slow-a')).toBe(EVERY_SECOND);
    await until(() => endedRuns(t, 'slow-a').length >= 3, 20_000);
    await t.pipeline.services.scheduler.stop();
    await t.pipeline.services.scheduler.idle();
    const runs = endedRuns(t, 'slow-a');
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expectNoOverlap(runs);
    // Each run took over a second, so some of the every-second ticks must have been skipped.
    const spanSeconds = (Date.parse(runs.at(-1)!.finishedAt!) - Date.parse(runs[0]!.startedAt!)) / 1000;
    expect(runs.length).toBeLessThan(spanSeconds + 1);
  });

  it('caps runs across feeds: with one slot, two feeds never run at once', async () => {
    expect(loadConfig({ SHEAF_MAX_CONCURRENT_RUNS: '1' }).maxConcurrentRuns).toBe(1);
    expect(loadConfig({}).maxConcurrentRuns).toBe(2);
    const t = await pipelineApp({ maxConcurrentRuns: 1 });
    addFeed(t, 'slow-a', '/slow/a.nt', EVERY_SECOND);
    addFeed(t, 'slow-b', '/slow/b.nt', EVERY_SECOND);
    await t.pipeline.start({ role: 'harvester' });
    await until(() => endedRuns(t, 'slow-a').length >= 1 && endedRuns(t, 'slow-b').length >= 1, 20_000);
    await t.pipeline.services.scheduler.stop();
    await t.pipeline.services.scheduler.idle();
    expectNoOverlap(endedRuns(t));
  });

  it('applies a schedule PATCH without a restart, and stops a deleted feed', async () => {
    const t = await pipelineApp();
    const created = await t.app.inject({
      method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/fast.nt'), title: 'Edited', schedule: ONCE_A_YEAR },
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.pipeline.start({ role: 'all' });
    await sleep(1_500);
    expect(endedRuns(t, 'edited')).toHaveLength(0);
    expect(t.pipeline.services.scheduler.nextRunOf('edited')!.getUTCMonth()).toBe(0);

    const patched = await t.app.inject({ method: 'PATCH', url: '/api/feeds/edited', headers: t.bearer(ADMIN), payload: { schedule: EVERY_SECOND } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(t.pipeline.services.scheduler.scheduleOf('edited')).toBe(EVERY_SECOND);
    await until(() => endedRuns(t, 'edited').length >= 2);

    await t.pipeline.services.scheduler.idle();
    await until(() => t.pipeline.services.scheduler.activeRun('edited') === undefined);
    const del = await t.app.inject({ method: 'DELETE', url: '/api/feeds/edited', headers: t.bearer(ADMIN) });
    if (del.statusCode === 409) {
      // A tick started a run between the check and the DELETE: wait for it and delete then.
      await t.pipeline.services.scheduler.idle();
      expect((await t.app.inject({ method: 'DELETE', url: '/api/feeds/edited', headers: t.bearer(ADMIN) })).statusCode).toBe(204);
    } else {
      expect(del.statusCode).toBe(204);
    }
    expect(t.pipeline.services.scheduler.scheduleOf('edited')).toBeUndefined();
    const count = t.pipeline.services.runs.listForFeed('edited').length;
    await sleep(1_500);
    expect(t.pipeline.services.runs.listForFeed('edited')).toHaveLength(count);
  });

  it('closes a run the previous process left running and re-runs its feed at start', async () => {
    const t = await pipelineApp();
    addFeed(t, 'crashed', '/fast.nt', ONCE_A_YEAR);
    // What a kill -9 in the middle of a run leaves behind: a run row still "running".
    const { runs } = t.pipeline.services;
    const left = runs.create('crashed', { trigger: 'schedule' });
    runs.start(left.id, 'full');
    await t.pipeline.start({ role: 'harvester' });
    expect(runs.get(left.id)).toMatchObject({ status: 'interrupted', reason: expect.stringMatching(/process stopped/) });
    await until(() => endedRuns(t, 'crashed').some((r) => r.trigger === 'recovery' && r.status === 'succeeded'));
  });

  it('installs no cron task in the api role', async () => {
    const t = await pipelineApp();
    addFeed(t, 'fast', '/fast.nt', EVERY_SECOND);
    await t.pipeline.start({ role: 'api' });
    expect(t.pipeline.services.scheduler.scheduling).toBe(false);
    expect(t.pipeline.services.scheduler.scheduleOf('fast')).toBeUndefined();
    await sleep(1_500);
    expect(t.pipeline.services.runs.listForFeed('fast')).toHaveLength(0);
    // Harvest-now still works in an api process.
    const res = await t.app.inject({ method: 'POST', url: '/api/feeds/fast/harvest', headers: t.bearer(ADMIN) });
    expect((await t.waitForRun(res.json().runId)).status).toBe('succeeded');
  });

  it.each([['every day', false], ['61 * * * *', false], [EVERY_SECOND, true], ['0 3 * * *', true]])('validates the cron expression %j', (expr, ok) => {
    if (ok) expect(() => assertSchedule(expr)).not.toThrow();
    else expect(() => assertSchedule(expr)).toThrow(expect.objectContaining({ code: 'CAT_ERR_BAD_REQUEST' }));
  });
});
