// `sheaf serve` on a fresh data directory: the admin token is printed once and the demo catalogue is there at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';

const ROOT = new URL('../../', import.meta.url).pathname;

let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('sheaf serve, first start', () => {
  it('prints a generated admin token once and serves the harvested demo catalogue', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sheaf-first-start-'));
    const port = await freePort();
    const env = { ...process.env, SHEAF_LOG_LEVEL: 'warn' } as Record<string, string | undefined>;
    delete env.SHEAF_ADMIN_TOKEN;
    delete env.SHEAF_DEMO;
    child = spawn(process.execPath, ['bin/sheaf.js', 'serve', '--port', String(port), '--data', dataDir, '--role', 'all'], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.stdout!.resume();
    const base = `http://127.0.0.1:${port}`;

    const token = await until(async () => /\n {2}(sheaf_[0-9a-f]{16}\.\S+)\n/.exec(stderr)?.[1], 90_000, 'the generated admin token');
    const feeds = await until(async () => {
      const res = await fetch(`${base}/api/feeds`);
      return res.ok ? ((await res.json()) as { feeds: Array<{ id: string }> }) : undefined;
    }, 60_000, 'the feeds API');
    expect(feeds.feeds.map((f) => f.id)).toEqual(['demo']);

    const run = await until(async () => {
      const res = await fetch(`${base}/api/feeds/demo/runs`);
      const [latest] = ((await res.json()) as { runs: Array<{ status: string; records: number }> }).runs;
      return latest && !['queued', 'running'].includes(latest.status) ? latest : undefined;
    }, 90_000, 'the demo harvest');
    expect(run).toMatchObject({ status: 'succeeded', records: 36 });

    const query = 'SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a <http://www.w3.org/ns/dcat#Dataset> } }';
    const answer = await fetch(`${base}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    expect(((await answer.json()) as any).results.bindings[0].n.value).toBe('36');

    // The printed token is a working admin token; it appears nowhere else in the output.
    const tokens = await fetch(`${base}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect(tokens.status).toBe(200);
    expect(stderr.split(token)).toHaveLength(2);
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child!.once('exit', resolve))).toBe(0);
  }, 240_000);

  it('registers the demo only once listening: a first start that cannot listen leaves the next start a fresh demo', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sheaf-first-start-busy-'));
    const busy = createServer().listen(0, '127.0.0.1');
    await once(busy, 'listening');
    const env = { ...process.env, SHEAF_LOG_LEVEL: 'warn', SHEAF_ADMIN_TOKEN: 'first-start-admin' } as Record<string, string | undefined>;
    delete env.SHEAF_DEMO;
    const serve = (port: number) => spawn(process.execPath, ['bin/sheaf.js', 'serve', '--port', String(port), '--data', dataDir!], {
      cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      child = serve((busy.address() as AddressInfo).port);
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code, stderr).not.toBe(0);
      expect(stderr).toMatch(/EADDRINUSE/);
    } finally {
      busy.close();
    }

    const port = await freePort();
    child = serve(port);
    child.stderr!.resume();
    const base = `http://127.0.0.1:${port}`;
    const run = await until(async () => {
      const res = await fetch(`${base}/api/feeds/demo/runs`);
      const [latest] = ((await res.json()) as { runs: Array<{ status: string; records: number; counts: { created: number } }> }).runs;
      return latest && !['queued', 'running'].includes(latest.status) ? latest : undefined;
    }, 120_000, 'the demo harvest');
    expect(run).toMatchObject({ status: 'succeeded', records: 36 });
    const list = await (await fetch(`${base}/api/search?q=`)).json() as { total: number };
    expect(list.total).toBe(36);
    child.kill('SIGTERM');
    expect((await once(child, 'exit'))[0]).toBe(0);
  }, 240_000);
});
