// Test helper: a sheaf app over a fresh embedded store in a temp data dir, closed when the test finishes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Parser } from 'n3';
import { onTestFinished } from 'vitest';
import { loadConfig, type SheafConfig } from '../../src/core/config.js';
import { buildApp } from '../../src/serve/app.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';

export const ADMIN_TOKEN = 'test-admin-token';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: OxigraphStore;
  /** Replaces one named graph with the given Turtle. */
  seed(graph: string, turtle: string): Promise<void>;
}

export async function sparqlApp(overrides: Partial<SheafConfig> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sheaf-serve-'));
  const store = await OxigraphStore.open({ dataDir });
  const config = loadConfig({}, { dataDir, adminToken: ADMIN_TOKEN, demo: false, baseUrl: 'http://sheaf.test', ...overrides });
  const app = await buildApp({ config, store, logger: false });
  onTestFinished(async () => {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    app,
    store,
    seed: (graph, turtle) => store.replaceGraph(graph, new Parser().parse(turtle)),
  };
}
