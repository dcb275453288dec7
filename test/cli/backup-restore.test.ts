// `sheaf export` → `sheaf import` into a fresh directory gives the same catalogue: /catalog, search facets, feeds, runs, tokens, reports.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = 'backup-test-admin-token';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-backup-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

function sheaf(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['bin/sheaf.js', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/**
 * `sheaf serve` on `data` (demo on, as by default), with a known admin token. Graph and catalogue IRIs are built
 * from SHEAF_BASE_URL, so a restored catalogue is served under the base URL it was backed up with.
 */
async function serve(data: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env = { ...process.env, SHEAF_LOG_LEVEL: 'warn', SHEAF_ADMIN_TOKEN: ADMIN, SHEAF_BASE_URL: 'http://sheaf.backup.test' } as Record<string, string | undefined>;
  delete env.SHEAF_DEMO;
  const child = spawn(process.execPath, ['bin/sheaf.js', 'serve', '--port', String(port), '--data', data], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await until(async () => ((await fetch(`${base}/health`)).ok ? true : undefined), 120_000, 'the server');
  const stop = () => new Promise<void>((resolve) => { child.once('close', () => resolve()); child.kill('SIGTERM'); });
  return { base, stop };
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

const get = async (base: string, route: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}${route}`, { headers });
  expect(res.status, route).toBe(200);
  return res.text();
};
const json = async (base: string, route: string, headers: Record<string, string> = {}) => JSON.parse(await get(base, route, headers)) as Record<string, unknown>;
// Blank node labels differ between stores; everything else must be the same.
const lines = (nt: string) => nt.split('\n').filter(Boolean).map((l) => l.replace(/_:[A-Za-z0-9_.-]+/g, '_:b')).sort();

interface Snapshot {
  readonly catalog: string[];
  readonly search: unknown;
  readonly feeds: unknown;
  readonly runs: unknown;
  readonly tokens: unknown;
  readonly report: unknown;
}

async function snapshot(base: string): Promise<Snapshot> {
  const admin = { authorization: `Bearer ${ADMIN}` };
  const search = await json(base, '/api/search?pageSize=200&facetLimit=1000');
  return {
    catalog: lines(await get(base, '/catalog.nt?pageSize=200')),
    search: { total: search.total, facets: search.facets, items: (search.items as Array<{ iri?: string; key?: string }>).map((i) => i.iri ?? i.key).sort() },
    feeds: await json(base, '/api/feeds'),
    runs: await json(base, '/api/feeds/demo/runs'),
    tokens: await json(base, '/api/tokens', admin),
    report: await json(base, '/api/feeds/demo/report'),
  };
}

describe('backup and restore', () => {
  it('restores the whole catalogue into a fresh directory, and harvests no demo on top of it', async () => {
    const a = path.join(tmp, 'a');
    const first = await serve(a);
    await until(async () => {
      const { runs } = (await json(first.base, '/api/feeds/demo/runs')) as { runs: Array<{ status: string }> };
      return runs[0] && !['queued', 'running'].includes(runs[0].status) ? true : undefined;
    }, 180_000, 'the demo harvest');
    const created = await fetch(`${first.base}/api/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'publisher', name: 'lung-node' }),
    });
    expect(created.status).toBe(201);
    const publisher = ((await created.json()) as { token: string }).token;
    const before = await snapshot(first.base);
    expect((before.search as { total: number }).total).toBe(36);

    // A backup taken while the server runs (export reads without the writer's lock).
    const file = path.join(tmp, 'backup.nq');
    const exported = await sheaf(['export', '--data', a, '-o', file]);
    expect(exported.code, exported.stderr).toBe(0);
    await first.stop();

    const b = path.join(tmp, 'b');
    const imported = await sheaf(['import', file, '--data', b]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/rows of feeds, runs, tokens, record index and quality restored/);

    const second = await serve(b);
    try {
      // The search index is rebuilt from the store in the background at this first start.
      await until(async () => ((await json(second.base, '/api/search')).total === 36 ? true : undefined), 180_000, 'the search rebuild');
      const after = await snapshot(second.base);
      expect(after.catalog).toEqual(before.catalog);
      expect(after.search).toEqual(before.search);
      expect(after.feeds).toEqual(before.feeds);
      expect(after.runs).toEqual(before.runs);
      expect(after.tokens).toEqual(before.tokens);
      expect(after.report).toEqual(before.report);
      // The restored publisher token still authenticates (403: known, but not the demo feed's owner; 401 if unknown).
      const harvest = await fetch(`${second.base}/api/feeds/demo/harvest`, { method: 'POST', headers: { authorization: `Bearer ${publisher}` } });
      expect(harvest.status).toBe(403);
    } finally {
      await second.stop();
    }
  }, 900_000);
});
