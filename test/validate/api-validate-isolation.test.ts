// POST /api/validate parses, normalises and validates in a worker thread: a huge document never holds the other routes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { loadBundledContext } from '../../src/normalise/index.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { dryRunNormaliser } from '../../src/pipeline/normalisation-results.js';
import { startServer } from '../../src/serve/start-server.js';
import { validateDocument } from '../../src/validate/validate-document.js';
import { giantDataset } from '../fixtures/giant-dataset.js';
import { freePort } from '../free-port.js';

const DISTRIBUTIONS = 10_000;

let app: FastifyInstance | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('POST /api/validate off the event loop', () => {
  it(`answers /health and other reads while a ${DISTRIBUTIONS.toLocaleString('en')}-distribution document validates, and reports it as in-thread validation does`, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sheaf-validate-iso-'));
    const port = await freePort();
    const config = loadConfig({}, { port, host: '127.0.0.1', dataDir, adminToken: 'iso-admin', demo: false, logLevel: 'error' });
    app = await startServer({ config, role: 'api' });
    const base = `http://127.0.0.1:${port}`;
    const post = (doc: string) => fetch(`${base}/api/validate?profile=dcat-ap`, { method: 'POST', body: doc, headers: { 'content-type': 'text/turtle' } });
    // The workers start with the first validation: warm them with a small document first.
    expect((await post(giantDataset(1))).status).toBe(200);

    const big = giantDataset(DISTRIBUTIONS);
    const events: string[] = [];
    let done = false;
    const validation = post(big).then(async (res) => {
      events.push('validated');
      done = true;
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    });
    // Probes one after another until the validation answered. Validated on the event loop, the document holds every
    // probe sent after it arrived until it is done, so at most the first probe could answer before it.
    while (!done) {
      const live = await fetch(`${base}/health`);
      events.push(`health ${live.status}`);
      const feeds = await fetch(`${base}/api/feeds`);
      events.push(`feeds ${feeds.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const answered = await validation;
    const before = events.slice(0, events.indexOf('validated'));
    expect(before.filter((e) => e === 'health 200').length, events.join(', ')).toBeGreaterThanOrEqual(3);
    expect(before.filter((e) => e === 'feeds 200').length, events.join(', ')).toBeGreaterThanOrEqual(3);

    // The report is the one validateDocument gives in this thread, normalisation included.
    expect(answered.status).toBe(200);
    const inThread = await validateDocument({
      text: big, contentType: 'text/turtle', baseIri: `${config.baseUrl}/api/validate/document`,
      registry: await loadProfiles(), profile: 'dcat-ap', normalise: dryRunNormaliser(await loadBundledContext()),
    });
    const { reportQuads: _graph, ...summary } = inThread;
    expect(answered.body).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(answered.body.quadCount).toBe(2 + 4 * DISTRIBUTIONS);
    expect(answered.body.counts.violations).toBeGreaterThan(0);
  }, 300_000);
});
