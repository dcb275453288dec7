// Liveness and readiness: /health never waits on the store; /health/ready says whether queries can be answered.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { buildApp } from '../../src/serve/app.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';

const { namedNode, literal, quad } = DataFactory;
const G = 'http://health.test/graph';
const RUNAWAY = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${G}> { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j } }`;

async function appWithStore(options: { readonly indexReplicas: number }) {
  const dataDir = await mkdtemp(join(tmpdir(), 'sheaf-health-'));
  const store = await OxigraphStore.open({ dataDir, runawayGraceMs: 300, indexReplicas: options.indexReplicas });
  await store.replaceGraph(G, Array.from({ length: 2000 }, (_, i) => quad(namedNode(`http://health.test/${i}`), namedNode('http://health.test/p'), literal(`${i}`))));
  const config = loadConfig({}, { dataDir, adminToken: 'health-admin', demo: false, baseUrl: 'http://sheaf.test', queryTimeoutMs: 400 });
  const app = await buildApp({ config, store, logger: false });
  onTestFinished(async () => {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { app, store };
}

describe('health endpoints', () => {
  it('answers /health while a runaway query holds the only index worker, and /health/ready says when queries work again', async () => {
    const { app, store } = await appWithStore({ indexReplicas: 1 });
    const runaway = app.inject({ url: `/sparql?query=${encodeURIComponent(RUNAWAY)}`, headers: { accept: 'application/sparql-results+json' } });
    const live = await app.inject({ url: '/health' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok', store: 'embedded' });
    const res = await runaway;
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('CAT_ERR_QUERY_TIMEOUT');
    // With one replica, its rebuild is an outage of queries: readiness says so, liveness does not.
    await expect.poll(() => store.health().index?.rebuilds, { timeout: 20_000 }).toBe(1);
    const during = await app.inject({ url: '/health/ready' });
    if (during.statusCode === 503) expect(during.json().code).toBe('CAT_ERR_STORE_UNAVAILABLE');
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    await expect.poll(async () => (await app.inject({ url: '/health/ready' })).statusCode, { timeout: 20_000 }).toBe(200);
  });

  it('keeps /sparql and /health/ready answering through a runaway query when the index has two replicas', async () => {
    const { app, store } = await appWithStore({ indexReplicas: 2 });
    await expect.poll(() => store.health().index?.live, { timeout: 20_000 }).toBe(2);
    const ask = (): Promise<number> => app.inject({ url: `/sparql?query=${encodeURIComponent(`ASK { GRAPH <${G}> { ?s ?p "7" } }`)}` }).then((r) => r.statusCode);
    const runaway = app.inject({ url: `/sparql?query=${encodeURIComponent(RUNAWAY)}` });
    expect(await ask()).toBe(200);
    expect((await runaway).json().code).toBe('CAT_ERR_QUERY_TIMEOUT');
    await expect.poll(() => store.health().index?.rebuilds, { timeout: 20_000 }).toBe(1);
    // Its replica is being rebuilt: the other one answers every query meanwhile.
    for (let i = 0; i < 5; i++) expect(await ask()).toBe(200);
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', index: { rebuilds: 1 } });
  });
});
