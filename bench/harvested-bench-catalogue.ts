// **openBenchCatalogue** harvests N synthetic datasets into a data directory (or reuses one harvested before).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HarvestRunner } from '../src/pipeline/harvest-runner.js';
import { SearchSync } from '../src/search/search-sync.js';
import { createDiscoveryServices, type DiscoveryServices } from '../src/serve/discovery-plugin.js';
import { logOnlyGraphs } from '../src/catalogue/log-only-graphs.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../src/store/state-db.js';
import { loadProfiles } from '../src/ontology/profile-composer.js';
import { formatMs } from './latency.js';
import { serveFeedPages, writeFeedPages } from './synthetic-feed.js';

export interface BenchCatalogue {
  readonly dataDir: string;
  readonly store: OxigraphStore;
  readonly state: StateDb;
  readonly discovery: DiscoveryServices;
  /** Opened from an earlier harvest: the query index is built from the log on the first query. */
  readonly reused: boolean;
  close(): Promise<void>;
}

const MARKER = 'bench-serve.json';

/** Refuses a catalogue whose listing or search index does not hold exactly `count` datasets. */
function checkCatalogue(discovery: DiscoveryServices, count: number): void {
  const listed = discovery.listing.total();
  const indexed = discovery.search.size;
  if (listed !== count || indexed !== count) {
    throw new Error(`refusing to measure: the bench catalogue lists ${listed} and indexes ${indexed} datasets for search, not ${count}`);
  }
}

/**
 * The records are harvested through the real pipeline (fetch, map, validate, store, search index), so the
 * catalogue holds what a harvest stores. At 100 k that takes minutes; with `reuse`, a directory already
 * holding a harvest of the same size is opened instead (its query index is then rebuilt from the log on
 * the first SPARQL query, which the caller times).
 */
export async function openBenchCatalogue(options: { readonly dir: string; readonly count: number; readonly baseUrl: string; readonly reuse: boolean }): Promise<BenchCatalogue> {
  const { dir, count, baseUrl } = options;
  const dataDir = path.join(dir, 'data');
  const marker = path.join(dir, MARKER);
  const reused = options.reuse && existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { count: number }).count === count;
  if (!reused) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  // As `sheaf serve` opens it: report and quality graphs in the log only (src/catalogue/log-only-graphs.ts).
  const store = await OxigraphStore.open({ dataDir, logOnly: logOnlyGraphs({ baseUrl, indexReports: false }), ...(reused && { index: 'lazy' as const }) });
  const state = openStateDb(dataDir);
  const discovery = await createDiscoveryServices({ db: state.db, baseUrl });
  const close = async () => {
    state.close();
    await store.close();
  };
  if (reused) {
    // The marker says what was asked for once; the directory must still hold it (a harvest cut short, or a listing
    // or search index lost since, would be measured as the full catalogue otherwise).
    try {
      checkCatalogue(discovery, count);
    } catch (error) {
      await close();
      throw new Error(`${(error as Error).message}; delete ${dir} to harvest it afresh`);
    }
    console.log(`reusing the harvest of ${count.toLocaleString('en-US')} datasets in ${dir}`);
    return { dataDir, store, state, discovery, reused, close };
  }
  try {
    const feedDir = path.join(dir, 'feed');
    const pages = writeFeedPages({ dir: feedDir, count, perPage: 500 });
    const feed = await serveFeedPages({ dir: feedDir, pages });
    const runner = new HarvestRunner({
      store, stateDb: state, profiles: await loadProfiles(), baseUrl, allowPrivateNetworks: true,
      fetcher: { retries: 0, perHostDelayMs: 0 }, listeners: [new SearchSync({ index: discovery.search, terms: discovery.terms })],
    });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await runner.run({
      id: 'bench', url: feed.url, protocol: 'dcat', schedule: '0 3 * * *', title: 'bench', profile: 'dcat-ap', policy: 'store-and-flag',
      owner: 'bench', local: false, maxWithdrawShare: 1, options: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    });
    const used = process.cpuUsage(cpu);
    // A benchmark on a partly harvested catalogue measures something else than it says: refuse it.
    if (summary.status !== 'succeeded' || summary.counts.created !== count) {
      const problems = [...summary.errors, ...summary.warnings].slice(0, 3).map((p) => JSON.stringify(p)).join('; ');
      throw new Error(`the bench catalogue's harvest ended ${summary.status} with ${summary.counts.created} of ${count} datasets created: ${problems}`);
    }
    checkCatalogue(discovery, count);
    console.log(`harvested ${summary.counts.created.toLocaleString('en-US')} datasets in ${formatMs(performance.now() - started)} ms `
      + `(CPU ${formatMs((used.user + used.system) / 1000)} ms; search index: ${discovery.search.size})`);
    await feed.close();
    rmSync(feedDir, { recursive: true, force: true });
    writeFileSync(marker, JSON.stringify({ count }));
    return { dataDir, store, state, discovery, reused, close };
  } catch (error) {
    await close();
    throw error;
  }
}
