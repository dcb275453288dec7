// `sheaf harvest` killed (-9) during an update run, then the source reverts: the next run rewrites the records it changed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedRegistry } from '../../src/pipeline/feed-registry.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { DS, feedRoutes, mutableSource } from './feed-pages.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sheaf.js');
const BASE = 'https://sheaf.test';
const src = mutableSource(3, 4);
let server: FixtureServer;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer(feedRoutes(src));
});
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function harvest(data: string) {
  const child = spawn(process.execPath, [BIN, 'harvest', server.url('/feed?page=1'), '--data', data, '--protocol', 'dcat'], {
    env: { ...process.env, SHEAF_ALLOW_PRIVATE_NETWORKS: 'true', SHEAF_BASE_URL: BASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { child, done };
}

describe('kill -9 during an update run, then the source reverts', () => {
  it('the next run rewrites every record the interrupted run changed: no record keeps the newer text', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'sheaf-interrupted-update-'));
    dirs.push(data);
    const first = await harvest(data).done;
    expect(first.code, first.out).toBe(0);

    // Every dataset gets a new title; the run is killed once some of them are stored.
    for (let i = 0; i < 12; i++) src.versions.set(i, 2);
    src.delayMs = 500;
    const update = harvest(data);
    const db = new Database(path.join(data, 'sheaf.db'), { readonly: true, fileMustExist: true });
    try {
      const newer = db.prepare(`SELECT COUNT(*) FROM graph_log WHERE graph LIKE ? AND ntriples LIKE '%v2"@en%'`).pluck();
      for (const end = Date.now() + 60_000; (newer.get(`${BASE}/graph/record/%`) as number) === 0; await new Promise((r) => setTimeout(r, 5))) {
        if (Date.now() > end) throw new Error('no updated record was ever stored');
      }
    } finally {
      db.close();
    }
    update.child.kill('SIGKILL');
    expect((await update.done).signal).toBe('SIGKILL');

    src.versions.clear();
    src.delayMs = 0;
    const after = await harvest(data).done;
    expect(after.code, after.out).toBe(0);
    expect(after.out).toMatch(/closed as interrupted/);

    const store = await OxigraphStore.open({ dataDir: data, index: 'lazy' });
    const state = openStateDb(data);
    try {
      const iris = new RecordIris(BASE);
      const feedId = new FeedRegistry({ db: state.db }).list()[0]!.id;
      for (let i = 0; i < 12; i++) {
        expect(await store.readGraphText(iris.recordGraph(feedId, DS(i))), DS(i)).toContain(`Imaging cohort ${i} v1"@en`);
      }
    } finally {
      state.close();
      await store.close();
    }
  }, 180_000);
});
