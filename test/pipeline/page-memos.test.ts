// Unchanged-page skipping follows what was written: after a held, partial or cancelled run, a page walked past as
// unchanged counts only the records its memo's run saw there, so vanished records still get withdrawn.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { DS, feedRoutes, mutableSource, testFeed, type MutableSource } from './feed-pages.js';
import { openRunnerEnv, type RunnerEnv } from './runner-env.js';

let server: FixtureServer;
const src: MutableSource = mutableSource();
let env: RunnerEnv;

beforeAll(async () => {
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(() => server.close());
beforeEach(async () => {
  Object.assign(src, mutableSource(3, 4));
  env = await openRunnerEnv();
});
afterEach(() => env.close());

const feed = () => testFeed(server.url('/feed?page=1'));
const ids = (n: number, without: readonly number[] = []) => Array.from({ length: n }, (_, i) => i).filter((i) => !without.includes(i)).map(DS).sort();

// Pages come back with the same ETag (304) or, from a server without validators, with the same body (same digest).
describe.each([
  { how: '304 Not Modified', conditional: true },
  { how: 'identical body, no validators', conditional: false },
])('pages unchanged since a run that did not withdraw ($how)', ({ conditional }) => {
  beforeEach(() => {
    src.conditional = conditional;
  });

  it('after a held run: the next run still misses the vanished records, and the confirm withdraws exactly them', async () => {
    expect((await env.runner.run(feed())).status).toBe('succeeded');
    const vanished = [0, 1, 4, 5];
    for (const i of vanished) src.dropped.add(i);
    const held = await env.runner.run(feed());
    expect(held).toMatchObject({ status: 'held', heldWithdrawals: 4 });

    // The source is as the held run read it: every page is walked past, none of its vanished records counts as seen.
    const again = await env.runner.run(feed());
    expect(again.notModifiedPages).toBe(3);
    expect(again).toMatchObject({ status: 'held', heldWithdrawals: 4, records: 8 });
    expect(again.counts).toMatchObject({ unchanged: 8, withdrawn: 0 });

    const confirmed = await env.runner.confirmHeld(held.id, { by: 'curator' });
    expect(confirmed.counts.withdrawn).toBe(4);
    expect(await env.catalogue()).toEqual(ids(12, vanished));
  });

  it('after a partial run: the next complete run withdraws what vanished on a page the partial run read', async () => {
    expect((await env.runner.run(feed())).status).toBe('succeeded');
    src.dropped.add(1);
    src.failing.set(3, 503);
    const partial = await env.runner.run(feed());
    expect(partial).toMatchObject({ status: 'partial' });
    expect(partial.counts.withdrawn).toBe(0);

    src.failing.clear();
    const next = await env.runner.run(feed());
    expect(next.status, next.reason).toBe('succeeded');
    expect(next.notModifiedPages).toBeGreaterThanOrEqual(2);
    expect(next.counts.withdrawn).toBe(1);
    expect(await env.catalogue()).toEqual(ids(12, [1]));
  });
});

describe('a cancelled run', () => {
  it('leaves no page state that hides records from the next run', async () => {
    const cancel = new AbortController();
    // Cancelled as soon as the first page arrived: its records were never read.
    const cut = await env.runner.run(feed(), { signal: cancel.signal, onProgress: (p) => { if (p.pages >= 1) cancel.abort(); } });
    expect(cut.status).toBe('partial');
    expect(cut.counts.created).toBe(0);
    const next = await env.runner.run(feed());
    expect(next.status, next.reason).toBe('succeeded');
    expect(next.counts.created).toBe(12);
    expect(await env.catalogue()).toEqual(ids(12));
  });
});
