// Records an older version left in the store without a state row: a later run and a feed deletion reach them by graph IRI prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateDb } from '../../src/store/state-db.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { ADMIN, BASE, pipelineApp, type PipelineApp } from '../serve/pipeline-app.js';
import { DS, feedRoutes, mutableSource } from '../pipeline/feed-pages.js';

const src = mutableSource(2, 3);
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(() => server.close());

const ORPHANS = [1, 4];

/**
 * A harvested feed whose records DS 1 and DS 4 have graphs but no row, as a kill -9 between graphs and rows
 * left them in data directories written before the writer claimed rows first.
 */
async function feedWithOrphans(): Promise<{ t: PipelineApp; feedId: string }> {
  src.dropped.clear();
  const t = await pipelineApp();
  const auth = t.bearer(ADMIN);
  const created = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url: server.url('/feed?page=1'), protocol: 'dcat', maxWithdrawShare: 1 } });
  expect(created.statusCode, created.body).toBe(201);
  const feedId = created.json().id as string;
  const first = await t.waitForRun((await t.app.inject({ method: 'POST', url: `/api/feeds/${feedId}/harvest`, headers: auth })).json().runId);
  expect(first.status).toBe('succeeded');
  const state = openStateDb(t.config.dataDir);
  try {
    const removed = state.db.prepare('DELETE FROM records WHERE feed_id = ? AND key = ?');
    for (const i of ORPHANS) expect(removed.run(feedId, DS(i)).changes).toBe(1);
  } finally {
    state.close();
  }
  return { t, feedId };
}

const catalogue = async (t: PipelineApp): Promise<string[]> =>
  (await t.store.select(`SELECT ?d WHERE { <${BASE}/catalog> <http://www.w3.org/ns/dcat#dataset> ?d }`)).rows.map((r) => r.get('d')!.value).sort();
const recordGraphs = (t: PipelineApp, feedId: string): Promise<string[]> => t.store.listGraphs({ prefix: `${BASE}/graph/record/${feedId}/` });

describe('records stored without a state row', () => {
  it('are withdrawn by the next complete run when the source no longer lists them', async () => {
    const { t, feedId } = await feedWithOrphans();
    for (const i of ORPHANS) src.dropped.add(i);
    const run = await t.waitForRun((await t.app.inject({ method: 'POST', url: `/api/feeds/${feedId}/harvest`, headers: t.bearer(ADMIN) })).json().runId);
    expect(run.status, run.reason).toBe('succeeded');
    expect(run.counts.withdrawn).toBe(2);
    expect(run.warnings.map((w: { message: string }) => w.message).join('\n')).toMatch(/2 records were in the store without a state row/);
    expect(await catalogue(t)).toEqual([0, 2, 3, 5].map(DS).sort());
    expect(await recordGraphs(t, feedId)).toHaveLength(4);
    // Their tombstones say when they went, for mirrors following the catalogue's changes.
    const gone = await t.store.select(`SELECT ?d WHERE { GRAPH ?g { ?r <http://xmlns.com/foaf/0.1/primaryTopic> ?d ;
      <http://www.w3.org/ns/prov#invalidatedAtTime> ?at } }`);
    expect(gone.rows.map((r) => r.get('d')!.value).sort()).toEqual(ORPHANS.map(DS).sort());
  });

  it('are rewritten, with their rows, when the source still lists them', async () => {
    const { t, feedId } = await feedWithOrphans();
    const run = await t.waitForRun((await t.app.inject({ method: 'POST', url: `/api/feeds/${feedId}/harvest`, headers: t.bearer(ADMIN) })).json().runId);
    expect(run.status, run.reason).toBe('succeeded');
    expect(run.counts).toMatchObject({ unchanged: 4, withdrawn: 0 });
    expect(run.counts.created + run.counts.updated).toBe(2);
    expect(await catalogue(t)).toEqual([0, 1, 2, 3, 4, 5].map(DS).sort());
    for (const i of ORPHANS) expect(t.pipeline.services.records.get(feedId, DS(i))?.state).toBe('active');
  });

  it('are withdrawn when the feed is deleted, with the records that have rows', async () => {
    const { t, feedId } = await feedWithOrphans();
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/feeds/${feedId}`, headers: t.bearer(ADMIN) });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await catalogue(t)).toEqual([]);
    expect(await recordGraphs(t, feedId)).toEqual([]);
    const active = await t.store.ask(`ASK { GRAPH ?g { ?r <https://w3id.org/sheaf/ns#recordStatus> <https://w3id.org/sheaf/ns#Active> } }`);
    expect(active).toBe(false);
  });
});
