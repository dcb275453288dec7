// `sheaf serve`'s app opens its store, state database, run engine and link checks in plugins, and app.close() releases them all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { buildApp } from '../../src/serve/app.js';
import { openStateDb } from '../../src/store/state-db.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('serving app plugins', () => {
  it('opens what it serves from and releases all of it on app.close(): the data directory opens again in this process', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sheaf-serving-'));
    const config = loadConfig({}, { dataDir, adminToken: 'serving-admin', demo: false, baseUrl: 'http://sheaf.test', validatorWorkers: 1 });
    const app = await buildApp({ config, serving: true, logger: false });
    await app.harvesting.pipeline.recover();
    app.linkChecks.start();
    // Routes from every opened service answer: feeds (run engine), search (discovery), SPARQL (store).
    expect((await app.inject({ url: '/api/feeds' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/search?q=x' })).statusCode).toBe(200);
    expect((await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK {}')}` })).json()).toEqual({ head: {}, boolean: true });
    // A validation through the run engine's worker pool starts a worker thread that must be stopped too.
    const posted = await app.inject({
      method: 'POST', url: '/api/validate?profile=dcat-ap', headers: { 'content-type': 'text/turtle' },
      payload: '<http://x.test/d> a <http://www.w3.org/ns/dcat#Dataset> .',
    });
    expect(posted.statusCode).toBe(200);
    await app.close();

    // The store closed (a second store in one process on one directory is refused while the first is open) ...
    const store = await OxigraphStore.open({ dataDir });
    await store.close();
    // ... and the state database's writer lock was given back.
    openStateDb(dataDir).close();
  });
});
