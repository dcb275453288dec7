// Record listeners in a harvest: told of every stored batch, in one transaction with the record rows.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordListener, StoredRecord } from '../../src/catalogue/record-listener.js';
import { UNWRITTEN } from '../../src/catalogue/record-index.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { DS, feedRoutes, mutableSource, testFeed } from '../pipeline/feed-pages.js';
import { openRunnerEnv, type RunnerEnv } from '../pipeline/runner-env.js';

/** Writes a row per stored record into the state database (as the search index does), and can be made to fail. */
class RowListener implements RecordListener {
  failNext = false;
  readonly #env: () => RunnerEnv;

  constructor(env: () => RunnerEnv) {
    this.#env = env;
  }

  recordsStored(records: readonly StoredRecord[]): void {
    const put = this.#env().state.db.prepare('INSERT OR REPLACE INTO heard (key) VALUES (?)');
    for (const r of records) {
      put.run(r.key);
      if (this.failNext) throw new Error('listener broke half way');
    }
  }

  recordsWithdrawn(): void {}

  heard(): string[] {
    return (this.#env().state.db.prepare('SELECT key FROM heard ORDER BY key').all() as { key: string }[]).map((r) => r.key);
  }
}

let server: FixtureServer;
let env: RunnerEnv;
let listener: RowListener;
const src = mutableSource(2, 3);

beforeAll(async () => {
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(() => server.close());
beforeEach(async () => {
  listener = new RowListener(() => env);
  env = await openRunnerEnv({ listeners: [listener] });
  env.state.db.exec('CREATE TABLE heard (key TEXT PRIMARY KEY)');
});
afterEach(() => env.close());

const feed = () => testFeed(server.url('/feed?page=1'));
const all = Array.from({ length: 6 }, (_, i) => DS(i)).sort();

describe('record listeners in a harvest', () => {
  it('hear every stored record', async () => {
    const run = await env.runner.run(feed());
    expect(run.counts.created).toBe(6);
    expect(listener.heard()).toEqual(all);
  });

  it('roll back with the record rows when one throws, so the next run stores and tells again', async () => {
    listener.failNext = true;
    const broken = await env.runner.run(feed());
    expect(broken.status).toBe('partial');
    expect(broken.counts.failed).toBe(6);
    // Neither the listener's half-written rows nor the records' completed rows survived: nothing claims to be up to
    // date. The rows claimed before the graphs were written stay (the graphs are stored), under a hash no content has.
    expect(listener.heard()).toEqual([]);
    expect(env.runner.records.get('feed-a', DS(0))?.hash).toBe(UNWRITTEN);
    listener.failNext = false;
    const again = await env.runner.run(feed());
    expect(again.status).toBe('succeeded');
    expect(again.counts).toMatchObject({ unchanged: 0, failed: 0 });
    expect(again.counts.created + again.counts.updated).toBe(6);
    expect(listener.heard()).toEqual(all);
  });
});
