// `sheaf serve` killed (-9) while a run creates records: every graph it stored has its row, and the next run leaves no orphan.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedRegistry } from '../../src/pipeline/feed-registry.js';
import { HarvestRunner } from '../../src/pipeline/harvest-runner.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { freePort } from '../free-port.js';
import { DS, feedRoutes, mutableSource } from '../pipeline/feed-pages.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sheaf.js');
const BASE = 'https://sheaf.test';
const ADMIN = 'crash-test-admin-token';
const src = mutableSource(3, 5);
let server: FixtureServer;
let child: ChildProcess | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, what: string, everyMs = 100): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, everyMs))) {
    const value = await Promise.resolve().then(probe).catch(() => undefined);
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

// A query that keeps the embedded store's index worker busy for seconds whatever the data: the batch the run
// writes meanwhile is committed to the graph log and waits for the index, which widens the moment between a
// batch's graphs and its rows to seconds, so the kill lands there on every machine.
const values = Array.from({ length: 250 }, (_, i) => i).join(' ');
const SLOW_QUERY = `SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { ${values} } VALUES ?b { ${values} } VALUES ?c { ${values} } }`;

describe('a kill -9 while a run creates records', () => {
  it('leaves no record graph without its row, and the next complete run lists exactly the source', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'sheaf-writer-crash-'));
    dirs.push(data);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', data], {
      env: {
        ...process.env, SHEAF_ALLOW_PRIVATE_NETWORKS: 'true', SHEAF_BASE_URL: BASE, SHEAF_ADMIN_TOKEN: ADMIN, SHEAF_DEMO: 'false',
        SHEAF_LOG_LEVEL: 'warn', SHEAF_QUERY_TIMEOUT_MS: '300000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
    await until(async () => ((await fetch(`${origin}/health`)).ok ? true : undefined), 60_000, 'the server');
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const created = await fetch(`${origin}/api/feeds`, {
      method: 'POST', headers: auth, body: JSON.stringify({ url: server.url('/feed?page=1'), protocol: 'dcat', maxWithdrawShare: 1 }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const feedId = ((await created.json()) as { id: string }).id;

    void fetch(`${origin}/sparql?query=${encodeURIComponent(SLOW_QUERY)}`).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${origin}/api/feeds/${feedId}/harvest`, { method: 'POST', headers: { authorization: auth.authorization } })).status).toBe(202);

    // Kill as soon as the first batch's graphs are durable in the log (the file is read as another process would).
    const iris = new RecordIris(BASE);
    const recordPrefix = iris.recordGraphPrefix(feedId);
    const db = new Database(path.join(data, 'sheaf.db'), { readonly: true, fileMustExist: true });
    try {
      const graphsStored = db.prepare('SELECT COUNT(*) FROM graph_log WHERE graph >= ? AND graph < ?').pluck();
      await until(() => ((graphsStored.get(recordPrefix, `${recordPrefix}\u{10ffff}`) as number) > 0 ? true : undefined), 60_000, 'the first stored batch', 5);
    } finally {
      db.close();
    }
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');

    const store = await OxigraphStore.open({ dataDir: data });
    const state = openStateDb(data);
    try {
      const runner = new HarvestRunner({ store, stateDb: state, profiles: await loadProfiles(), baseUrl: BASE, allowPrivateNetworks: true });
      await runner.recoverInterrupted();
      const keysIn = async (prefix: string) => (await store.listGraphs({ prefix })).map((g) => decodeURIComponent(g.slice(prefix.length)));
      const stored = await keysIn(recordPrefix);
      const listed = await keysIn(`${BASE}/graph/catalog-record/${encodeURIComponent(feedId)}/`);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.length).toBeLessThan(15);
      // Graph and row are one unit: every record the store holds has its row, live, so runs and deletion reach it.
      for (const key of new Set([...stored, ...listed])) expect(runner.records.get(feedId, key)?.state, key).toBe('active');

      // The first records stored (the writer's first slice holds one or more) vanish from the source: the next
      // complete run withdraws them, rewrites the rest.
      const gone = [0, 1].filter((i) => stored.includes(DS(i)));
      expect(gone).toContain(0);
      for (const i of gone) src.dropped.add(i);
      const feed = new FeedRegistry({ db: state.db }).require(feedId);
      const next = await runner.run(feed);
      expect(next.status, next.reason).toBe('succeeded');
      const catalogue = (await store.select(`SELECT ?d WHERE { <${BASE}/catalog> <http://www.w3.org/ns/dcat#dataset> ?d }`)).rows.map((r) => r.get('d')!.value);
      const expected = Array.from({ length: 15 }, (_, i) => i).filter((i) => !src.dropped.has(i)).map(DS);
      expect(catalogue.sort()).toEqual(expected.sort());
      expect((await keysIn(recordPrefix)).sort()).toEqual(expected.sort());
    } finally {
      state.close();
      await store.close();
      src.dropped.clear();
    }
  }, 180_000);
});
