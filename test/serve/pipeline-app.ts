// Test helper: the real app with its harvesting services over a fresh embedded store in a temp data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { onTestFinished } from 'vitest';
import { loadConfig, type SheafConfig } from '../../src/core/config.js';
import { logOnlyGraphs } from '../../src/catalogue/log-only-graphs.js';
import { openPipeline, type OpenPipelineOptions, type Pipeline } from '../../src/serve/open-pipeline.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { QualityStore } from '../../src/quality/quality-store.js';
import { buildApp } from '../../src/serve/app.js';
import { openStateDb } from '../../src/store/state-db.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';

export const ADMIN = 'test-admin-token';
export const BASE = 'http://sheaf.test';

export interface PipelineApp {
  readonly app: FastifyInstance;
  readonly store: OxigraphStore;
  readonly pipeline: Pipeline;
  readonly config: SheafConfig;
  /** `authorization` header for a token. */
  bearer(token: string): { authorization: string };
  /** Creates a token through the admin API and returns its secret. */
  token(name: string, role: 'admin' | 'curator' | 'publisher'): Promise<string>;
  /** Polls GET /api/runs/{id} until the run ended, and returns the summary. */
  waitForRun(runId: string): Promise<Record<string, any>>;
}

export async function pipelineApp(
  overrides: Partial<SheafConfig> = {},
  extra: Partial<Omit<OpenPipelineOptions, 'config' | 'store'>> & { readonly withQuality?: boolean } = {},
): Promise<PipelineApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sheaf-pipeline-'));
  const config = loadConfig({}, { dataDir, adminToken: ADMIN, demo: false, baseUrl: BASE, allowPrivateNetworks: true, ...overrides });
  // The store as `sheaf serve` opens it: report and quality graphs in the log only unless config.indexReports.
  const store = await OxigraphStore.open({ dataDir, logOnly: logOnlyGraphs(config) });
  const { withQuality, ...options } = extra;
  // The quality service scores records as the runner stores them, as start-server wires it.
  const state = withQuality ? openStateDb(dataDir) : undefined;
  const quality = state ? new QualityStore({ db: state.db, store, iris: new RecordIris(config.baseUrl) }) : undefined;
  const pipeline = await openPipeline({
    config, store,
    fetcher: { retries: 0, retryBaseMs: 5, perHostDelayMs: 0, timeoutMs: 5_000 },
    ...(quality && { quality, runner: { listeners: [quality] } }),
    ...options,
  });
  const app = await buildApp({ config, store, logger: false, pipeline: pipeline.services });
  onTestFinished(async () => {
    await app.close();
    await pipeline.close();
    state?.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    app, store, pipeline, config, bearer,
    async token(name, role) {
      const res = await app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(ADMIN), payload: { name, role } });
      if (res.statusCode !== 201) throw new Error(`token create failed: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async waitForRun(runId) {
      for (let i = 0; i < 600; i++) {
        const run = (await app.inject({ url: `/api/runs/${runId}` })).json();
        if (!['queued', 'running'].includes(run.status)) return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`run ${runId} did not end`);
    },
  };
}
