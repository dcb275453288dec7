// **openRunnerEnv** gives a test a HarvestRunner over a real OxigraphStore in a fresh temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HarvestRunner, type HarvestRunnerOptions } from '../../src/pipeline/harvest-runner.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import type { ProfileRegistry } from '../../src/validate/profile-registry.js';

export const BASE = 'https://sheaf.test';

export interface RunnerEnv {
  readonly dir: string;
  readonly store: OxigraphStore;
  readonly state: StateDb;
  readonly runner: HarvestRunner;
  /** Another runner on the same store and database (a different clock, limits...). */
  withOptions(options: Partial<HarvestRunnerOptions>): HarvestRunner;
  /** Dataset IRIs the catalogue lists (active records only). */
  catalogue(): Promise<string[]>;
  close(): Promise<void>;
}

let profiles: Promise<ProfileRegistry> | undefined;

export async function openRunnerEnv(options: Partial<HarvestRunnerOptions> = {}): Promise<RunnerEnv> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-runner-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const state = openStateDb(dir);
  const base = { store, stateDb: state, profiles: await (profiles ??= loadProfiles()), baseUrl: BASE, allowPrivateNetworks: true, fetcher: { retries: 0, perHostDelayMs: 0 } };
  const make = (o: Partial<HarvestRunnerOptions>) => new HarvestRunner({ ...base, ...o });
  return {
    dir, store, state,
    runner: make(options),
    withOptions: (o) => make({ ...options, ...o }),
    catalogue: async () =>
      (await store.select(`SELECT ?d WHERE { <${BASE}/catalog> <http://www.w3.org/ns/dcat#dataset> ?d }`)).rows.map((r) => r.get('d')!.value).sort(),
    close: async () => {
      state.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
