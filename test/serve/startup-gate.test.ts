// Start-up work done after listening: liveness answers at once, other requests wait for the gate (or get 503), readiness says so.
import { describe, expect, it } from 'vitest';
import { StartupGate } from '../../src/serve/startup-gate.js';
import { sparqlApp } from './sparql-app.js';
import { buildApp } from '../../src/serve/app.js';

const ASK = `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`;

async function gatedApp(queryTimeoutMs: number) {
  // The store and config of the helper, rebuilt with a gate as `sheaf serve` passes one.
  const { app: plain, store } = await sparqlApp({ queryTimeoutMs });
  const gate = new StartupGate("writing the current ontologies' graphs");
  const app = await buildApp({ config: plain.config, store, logger: false, startup: gate });
  return { app, gate };
}

describe('startup gate', () => {
  it('answers /health at once and holds a query until the gate opens, then answers it', async () => {
    const { app, gate } = await gatedApp(30_000);
    try {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ready.json()).toMatchObject({ code: 'CAT_ERR_STORE_UNAVAILABLE', detail: expect.stringContaining("starting: writing the current ontologies' graphs") });

      let answered = false;
      const query = app.inject({ url: ASK, headers: { accept: 'application/sparql-results+json' } }).then((r) => { answered = true; return r; });
      await new Promise((r) => setTimeout(r, 200));
      expect(answered).toBe(false);
      gate.open();
      const res = await query;
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ head: {}, boolean: false });
      expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('refuses with 503 CAT_ERR_STORE_UNAVAILABLE when the gate stays shut past the request deadline, or start-up failed', async () => {
    const { app, gate } = await gatedApp(150);
    try {
      const late = await app.inject({ url: ASK });
      expect(late.statusCode).toBe(503);
      expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(late.headers['retry-after']).toBe('1');
      expect(late.json()).toMatchObject({ status: 503, code: 'CAT_ERR_STORE_UNAVAILABLE', detail: expect.stringContaining('starting') });
      expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);

      gate.fail(new Error('the graph log cannot be loaded'));
      const failed = await app.inject({ url: ASK });
      expect(failed.statusCode).toBe(503);
      expect(failed.json().detail).toContain('start-up failed (the graph log cannot be loaded)');
      expect((await app.inject({ url: '/health/ready' })).json().detail).toContain('start-up failed');
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
