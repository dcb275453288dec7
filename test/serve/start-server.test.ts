// Graceful shutdown: `sheaf serve` finishes an in-flight request after SIGTERM, then exits 0 with its log flushed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function waitFor(child: ChildProcess, output: { text: string }, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output.text}`)), ms);
    const check = () => { if (pattern.test(output.text)) { clearTimeout(timer); resolve(); } };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    check();
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('completes an in-flight request after SIGTERM and exits 0', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sheaf-shutdown-'));
    const port = await freePort();
    child = spawn(process.execPath, ['bin/sheaf.js', 'serve', '--port', String(port), '--data', dataDir], {
      cwd: ROOT,
      env: { ...process.env, SHEAF_DEMO: 'false', SHEAF_LOG_LEVEL: 'info', SHEAF_ADMIN_TOKEN: 'x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout!.on('data', (c: Buffer) => { output.text += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { output.text += c.toString(); });
    const exit = exited(child);
    await waitFor(child, output, /Server listening/, 60_000);
    // It listens before its start-up work is done (startup-gate.ts): the request below is sent once it is.
    for (let i = 0; i < 600 && (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status, () => 0)) !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }

    // A request whose body is still arriving is in flight: send half, signal, then the rest.
    // False on a fresh directory, whose store holds only the current ontologies' graphs.
    const body = 'ASK { ?s <urn:sheaf:test:none> ?o } ';
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (c: Buffer) => { response += c.toString(); });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n`
      + `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await waitFor(child, output, /shutting down/, 10_000);
    socket.write(body.slice(5));
    await closed;

    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toContain('"boolean":false');
    expect(await exit).toBe(0);
    expect(output.text).toContain('shut down cleanly');
  });
});
