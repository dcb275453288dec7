// **SheafProcess** runs a real `sheaf serve` on a data directory for the chaos run: start, kill -9, stop, and its API.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.js';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sheaf.js');
export const ADMIN = 'chaos-admin-token';
export const BASE = 'https://sheaf.chaos.test';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment every sheaf the chaos run starts gets: loopback sources allowed, one small worker of each kind. */
export function sheafEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SHEAF_DATA_DIR: dataDir, SHEAF_ADMIN_TOKEN: ADMIN, SHEAF_BASE_URL: BASE, SHEAF_ALLOW_PRIVATE_NETWORKS: 'true',
    SHEAF_DEMO: 'false', SHEAF_LOG_LEVEL: 'warn', SHEAF_INDEX_REPLICAS: '1', SHEAF_VALIDATOR_WORKERS: '1', ...extra,
  };
}

export class SheafProcess {
  readonly dataDir: string;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #origin = '';
  #log = '';

  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  get origin(): string {
    return this.#origin;
  }

  /** The last output of the process, for a failure message. */
  get log(): string {
    return this.#log.slice(-4_000);
  }

  async start(): Promise<void> {
    const port = await freePort();
    this.#origin = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: sheafEnv(this.dataDir, { SHEAF_PORT: String(port), SHEAF_HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const keep = (c: Buffer) => (this.#log = (this.#log + c.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    for (const end = Date.now() + 120_000; Date.now() < end; await sleep(100)) {
      if (child.exitCode !== null) throw new Error(`sheaf serve exited with ${child.exitCode}:\n${this.log}`);
      const ready = await fetch(`${this.#origin}/health/ready`).catch(() => undefined);
      if (ready?.status === 200) return;
    }
    throw new Error(`sheaf serve did not become ready:\n${this.log}`);
  }

  /** kill -9: no handler runs, nothing is flushed beyond what was committed. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#exited;
    this.#child = undefined;
  }

  /** SIGTERM and wait: the graceful stop an operator gives. */
  async stop(): Promise<void> {
    this.#child?.kill('SIGTERM');
    await this.#exited;
    this.#child = undefined;
  }

  async api(method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.#origin}${route}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
  }

  /** Waits until the feed has no run queued or running (a recovery run after a restart included). */
  async idle(feedId: string, timeoutMs = 300_000): Promise<void> {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
      const feed = await this.api('GET', `/api/feeds/${feedId}`);
      if (feed.status === 200 && feed.json.activeRun === undefined) return;
    }
    throw new Error(`feed ${feedId} never became idle:\n${this.log}`);
  }

  /** Starts a harvest (waiting for an earlier run first) and returns its run id. */
  async harvest(feedId: string): Promise<string> {
    await this.idle(feedId);
    const started = await this.api('POST', `/api/feeds/${feedId}/harvest`);
    if (started.status !== 202) throw new Error(`harvest refused: ${started.status} ${JSON.stringify(started.json)}`);
    return started.json.runId as string;
  }

  async run(runId: string): Promise<{ status: string; counts: Record<string, number> }> {
    for (;;) {
      const run = await this.api('GET', `/api/runs/${runId}`);
      if (!['queued', 'running'].includes(run.json.status)) return run.json;
      await sleep(100);
    }
  }
}
