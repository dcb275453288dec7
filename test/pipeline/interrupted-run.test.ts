// `sheaf harvest` as a process: a normal run, then kill -9 mid-run → interrupted on restart, no half record, next run completes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedRegistry } from '../../src/pipeline/feed-registry.js';
import { HarvestRunner } from '../../src/pipeline/harvest-runner.js';
import { UNWRITTEN } from '../../src/catalogue/record-index.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { feedRoutes, mutableSource } from './feed-pages.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sheaf.js');
const BASE = 'https://sheaf.test';
const src = mutableSource(6, 4);
let server: FixtureServer;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function sheaf(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, SHEAF_ALLOW_PRIVATE_NETWORKS: 'true', SHEAF_BASE_URL: BASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

const tempDir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'sheaf-cli-harvest-'));
  dirs.push(d);
  return d;
};

describe('sheaf harvest (process)', () => {
  it('registers the URL as a feed, runs, and reuses the feed the next time', async () => {
    src.delayMs = 0;
    const data = tempDir();
    const url = server.url('/feed?page=1');
    const first = await sheaf(['harvest', url, '--data', data]).done;
    expect(first.stderr).not.toMatch(/sheaf: /);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/: succeeded/);
    expect(first.stdout).toMatch(/records 24: created 24, updated 0, unchanged 0/);
    const second = await sheaf(['harvest', url, '--data', data, '--protocol', 'dcat']).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/unchanged 24/);
    const state = openStateDb(data);
    try {
      expect(new FeedRegistry({ db: state.db }).list()).toHaveLength(1);
    } finally {
      state.close();
    }
  }, 60_000);

  it('refuses an unknown protocol with a message and a non-zero exit', async () => {
    const out = await sheaf(['harvest', server.url('/feed?page=1'), '--protocol', 'gopher', '--data', tempDir()]).done;
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/--protocol must be auto or one of/);
  }, 30_000);

  it('after kill -9 mid-run: the run is closed as interrupted, no half record, and the next run completes', async () => {
    const data = tempDir();
    src.delayMs = 400;
    const { child, done } = sheaf(['harvest', server.url('/feed?page=1'), '--data', data, '--protocol', 'dcat']);
    const start = server.log.length;
    // Kill once page 5 is asked for: pages 1–2 are stored by then, pages 3–4 in flight. (The walk asks
    // for page N+1 as soon as page N is parsed, and page N's item waits for the write of page N-2's records.)
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (server.log.slice(start).some((r) => r.url.search === '?page=5')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
      setTimeout(() => { clearInterval(timer); reject(new Error('page 5 never requested')); }, 45_000);
    });
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    src.delayMs = 0;

    const store = await OxigraphStore.open({ dataDir: data });
    const state = openStateDb(data);
    try {
      const runner = new HarvestRunner({ store, stateDb: state, profiles: await loadProfiles(), baseUrl: BASE, allowPrivateNetworks: true });
      const closed = await runner.recoverInterrupted();
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ status: 'interrupted' });
      expect(closed[0]!.reason).toMatch(/process stopped during the run/);
      expect(runner.runs.open()).toEqual([]);

      // Every stored record is whole: its dataset graph, its catalogue record and its state row, all or nothing.
      const graphs = await store.listGraphs({ prefix: `${BASE}/graph/record/` });
      const crs = await store.listGraphs({ prefix: `${BASE}/graph/catalog-record/` });
      expect(graphs.length).toBeGreaterThanOrEqual(8);
      expect(graphs.length).toBeLessThan(24);
      expect(crs.map((g) => g.replace('/catalog-record/', '/record/'))).toEqual(graphs);
      for (const g of graphs) {
        const n = (await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?s ?p ?o } }`)).rows[0]!.get('n')!.value;
        // A whole record is 19 triples: dataset 11, skolemised contact point 3, distribution 3, publisher 2.
        expect(Number(n)).toBe(19);
      }
      const feed = new FeedRegistry({ db: state.db }).list()[0]!;
      // The writer claims a batch's rows (hash UNWRITTEN) before it writes their graphs, so a kill may leave claimed
      // rows whose graphs were never written, never a graph without its row; only a written row vouches for a record.
      const rows = runner.records.forFeed(feed.id);
      expect(rows.length).toBeGreaterThanOrEqual(graphs.length);
      const written = rows.filter((r) => r.hash !== UNWRITTEN);
      expect(written.length).toBeLessThanOrEqual(graphs.length);
      for (const r of written) expect(graphs).toContain(runner.iris.recordGraph(feed.id, r.key));

      const next = await runner.run(feed);
      expect(next).toMatchObject({ status: 'succeeded', records: 24 });
      expect(next.counts.created + next.counts.unchanged + next.counts.updated).toBe(24);
      expect(await store.listGraphs({ prefix: `${BASE}/graph/record/` })).toHaveLength(24);
    } finally {
      state.close();
      await store.close();
    }
  }, 90_000);
});
