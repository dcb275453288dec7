// **bench harvest** measures end-to-end harvest runs of a synthetic Hydra-paged DCAT-AP feed, against a naive baseline.
//   npm run bench -- harvest [--sizes 10000,100000] [--per-page 100] [--baseline-max 10000] [--profile dcat-ap]
//                            [--workers 0] [--listeners serve|search|none]
//   npm run bench -- harvest --protocol sparql [--sizes 10000]   (the SPARQL adapter: bench/harvest-sparql.ts)
// --workers N validates in a ValidatorPool of N worker threads (0, the default: in the runner's thread, as sheaf serve).
// On 2 shared cores one worker measured no faster (203 vs 215 datasets/s at 3 k, ~10 % more CPU).
// --listeners: `serve` (default) runs the record listeners `sheaf serve` runs (search index and quality scores),
// `search` only the search index, `none` none (the store and record index only).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import type { Feed } from '../src/pipeline/feed.js';
import { HarvestRunner } from '../src/pipeline/harvest-runner.js';
import { logOnlyGraphs } from '../src/catalogue/log-only-graphs.js';
import type { RecordListener } from '../src/catalogue/record-listener.js';
import type { RunSummary } from '../src/pipeline/run-summary.js';
import { QualityStore } from '../src/quality/quality-store.js';
import { SearchSync } from '../src/search/search-sync.js';
import { createDiscoveryServices } from '../src/serve/discovery-plugin.js';
import type { CatalogueStore } from '../src/store/catalogue-store.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../src/store/state-db.js';
import { loadProfiles } from '../src/ontology/profile-composer.js';
import type { ProfileRegistry } from '../src/validate/profile-registry.js';
import { ValidatorPool } from '../src/validate/validator-pool.js';
import { printTable } from './latency.js';
import { serveFeedPages, writeFeedPages, type SyntheticFeed } from './synthetic-feed.js';

const TARGETS = { first: 500, unchanged: 3_000, rssGb: 2.5 };
const LISTENERS = ['serve', 'search', 'none'] as const;
type ListenerSet = (typeof LISTENERS)[number];
const BASE_URL = 'https://bench.sheaf.example';

/** The process's peak RSS since it started (Linux VmHWM; worker threads included), or undefined elsewhere. */
function processPeakRss(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Highest RSS seen while `work` runs (sampled every 50 ms; the store's index and validation workers are threads
 * of this process), wall time, and this process's CPU time: on a shared machine wall time also measures the
 * neighbours, so the table gives datasets per CPU-second and the load average too.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; heap: number; ms: number; cpuMs: number; load: number }> {
  let peak = process.memoryUsage.rss();
  // The main thread's JS heap at the RSS peak: the rest is the store's index worker (WebAssembly), SQLite and workers.
  let heap = process.memoryUsage().heapTotal;
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) [peak, heap] = [rss, process.memoryUsage().heapTotal];
  }, 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return { result, peak: Math.max(peak, process.memoryUsage.rss()), heap, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, load: loadavg()[0]! };
  } finally {
    clearInterval(timer);
  }
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(2);

function check(summary: RunSummary, count: number, label: string): void {
  if (summary.status !== 'succeeded' || summary.records !== count) {
    throw new Error(`${label}: run ${summary.status} with ${summary.records}/${count} records (${summary.errors[0]?.message ?? 'no error'})`);
  }
}

/** The listeners `sheaf serve` wires into its runner (src/serve/start-server.ts), on the same state database. */
async function recordListeners(which: ListenerSet, state: StateDb, store: CatalogueStore): Promise<RecordListener[]> {
  if (which === 'none') return [];
  const discovery = await createDiscoveryServices({ db: state.db, baseUrl: BASE_URL });
  const search = new SearchSync({ index: discovery.search, terms: discovery.terms });
  return which === 'search' ? [search] : [search, new QualityStore({ db: state.db, store, iris: discovery.iris })];
}

/** The naive way: fetch every page, parse all into one graph, validate the whole graph at once with rdf-validate-shacl. */
async function naiveBaseline(feed: SyntheticFeed, profiles: ProfileRegistry, profile: string): Promise<number> {
  const [{ default: env }, { default: SHACLValidator }] = await Promise.all([import('@zazuko/env-node'), import('rdf-validate-shacl')]);
  const shapes = env.dataset(await profiles.composeShapes(profiles.get(profile)));
  const started = performance.now();
  const data = env.dataset();
  feed.conditional = false;
  for (let p = 1; p <= feed.pages; p++) {
    const body = await (await fetch(feed.url.replace(/page=1$/, `page=${p}`))).text();
    for (const q of new Parser({ format: 'N-Triples' }).parse(body) as Quad[]) data.add(q);
  }
  const report = await new SHACLValidator(shapes, { factory: env }).validate(data);
  void report.conforms;
  return performance.now() - started;
}

interface SizeOptions {
  readonly perPage: number;
  readonly baselineMax: number;
  readonly profile: string;
  readonly profiles: ProfileRegistry;
  readonly workers: number;
  readonly listeners: ListenerSet;
}

// The feed server answers conditional GETs with 304 in the first two runs; in the third it re-sends every page
// whole (200, no validators), as many servers do: the harvester must recognise unchanged pages by their digest.
const RUNS: ReadonlyArray<{ label: string; target: number; conditional: boolean }> = [
  { label: 'first harvest', target: TARGETS.first, conditional: true },
  { label: 'unchanged, server answers 304', target: TARGETS.unchanged, conditional: true },
  { label: 'unchanged, server re-sends pages (200)', target: TARGETS.unchanged, conditional: false },
];

async function benchSize(count: number, o: SizeOptions): Promise<string[][]> {
  const work = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-harvest-'));
  try {
    process.stderr.write(`[${count}] writing ${Math.ceil(count / o.perPage)} pages…\n`);
    const pages = writeFeedPages({ dir: path.join(work, 'pages'), count, perPage: o.perPage });
    const feedServer = await serveFeedPages({ dir: path.join(work, 'pages'), pages });
    // Opened as `sheaf serve` opens it: report and quality graphs in the log only (src/catalogue/log-only-graphs.ts).
    const store = await OxigraphStore.open({ dataDir: path.join(work, 'data'), logOnly: logOnlyGraphs({ baseUrl: BASE_URL, indexReports: false }) });
    const state = openStateDb(path.join(work, 'data'));
    const rows: string[][] = [];
    const pool = o.workers > 0 ? await ValidatorPool.start({ registry: o.profiles, size: o.workers }) : undefined;
    try {
      // No politeness delay: the source is our own loopback server (the default 250 ms per request would cap
      // a 100-per-page feed at 400 datasets/s whatever the harvester does).
      const runner = new HarvestRunner({
        store, stateDb: state, profiles: o.profiles, baseUrl: BASE_URL, allowPrivateNetworks: true, fetcher: { perHostDelayMs: 0 },
        listeners: await recordListeners(o.listeners, state, store),
        ...(pool !== undefined && { validatorPool: pool }),
      });
      const feed: Feed = {
        id: 'bench', url: feedServer.url, protocol: 'dcat', schedule: '0 3 * * *', title: 'bench', profile: o.profile,
        policy: 'store-and-flag', owner: 'bench', local: false, maxWithdrawShare: 0.3, options: {}, createdAt: '', updatedAt: '',
      };
      await o.profiles.validator(o.profile); // compiled before timing: a server compiles once at start
      if (pool !== undefined) await Promise.all(Array.from({ length: pool.size * 4 }, () => pool.validate(o.profile, [])));
      for (const { label, target, conditional } of RUNS) {
        feedServer.conditional = conditional;
        process.stderr.write(`[${count}] ${label}…\n`);
        const { result, peak, heap, ms, cpuMs, load } = await measured(() => runner.run(feed));
        check(result, count, label);
        rows.push([String(count), label, `${(ms / 1000).toFixed(1)} s`, String(rate(count, ms)), `${(cpuMs / 1000).toFixed(1)} s`,
          String(rate(count, cpuMs)), `≥ ${target}`, `${gb(peak)} (${gb(heap)})`, load.toFixed(1),
          `${result.counts.created}/${result.counts.unchanged}/${result.counts.invalid}`, `${result.notModifiedPages}/${result.pages}`]);
      }
      if (count <= o.baselineMax) {
        process.stderr.write(`[${count}] naive baseline…\n`);
        const { result: ms, peak, heap, cpuMs, load } = await measured(() => naiveBaseline(feedServer, o.profiles, o.profile));
        const ours = Number(rows[0]![3]);
        const oursCpu = Number(rows[0]![5]);
        rows.push([String(count), 'naive: parse all, validate whole graph (rdf-validate-shacl), no store', `${(ms / 1000).toFixed(1)} s`,
          String(rate(count, ms)), `${(cpuMs / 1000).toFixed(1)} s`, String(rate(count, cpuMs)),
          `ratio ${(ours / rate(count, ms)).toFixed(2)}× wall, ${(oursCpu / rate(count, cpuMs)).toFixed(2)}× CPU`, `${gb(peak)} (${gb(heap)})`, load.toFixed(1), '-', '-']);
      } else {
        rows.push([String(count), `naive baseline skipped (above --baseline-max ${o.baselineMax}: one in-memory graph of the whole feed)`, '-', '-', '-', '-', '-', '-', '-', '-', '-']);
      }
    } finally {
      await pool?.close();
      state.close();
      await store.close();
      await feedServer.close();
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const LISTENER_TEXT: Record<ListenerSet, string> = {
  serve: 'search index + quality scores (as sheaf serve)',
  search: 'search index only (not quality scores: less than sheaf serve runs)',
  none: 'none (no search index, no quality scores: less than sheaf serve runs)',
};

export async function run(args: readonly string[]): Promise<void> {
  const protocol = args.find((a, i) => args[i - 1] === '--protocol') ?? /^--protocol=(.+)$/.exec(args.find((a) => a.startsWith('--protocol=')) ?? '')?.[1];
  if (protocol === 'sparql') return (await import('./harvest-sparql.js')).run(args);
  if (protocol !== undefined && protocol !== 'dcat') throw new Error(`--protocol must be dcat (default) or sparql`);
  const { values } = parseArgs({
    args: [...args],
    options: {
      sizes: { type: 'string', default: '10000' },
      'per-page': { type: 'string', default: '100' },
      'baseline-max': { type: 'string', default: '10000' },
      profile: { type: 'string', default: 'dcat-ap' },
      workers: { type: 'string', default: '0' },
      listeners: { type: 'string', default: 'serve' },
      protocol: { type: 'string' },
    },
  });
  const listeners = values.listeners as ListenerSet;
  if (!LISTENERS.includes(listeners)) throw new Error(`--listeners must be one of ${LISTENERS.join(', ')}`);
  const workers = Number(values.workers);
  const profiles = await loadProfiles();
  const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
  const rows: string[][] = [];
  for (const size of values.sizes!.split(',').map(Number)) {
    rows.push(...(await benchSize(size, { perPage: Number(values['per-page']), baselineMax: Number(values['baseline-max']), profile: values.profile!, profiles, workers, listeners })));
  }
  console.log(`\nharvest benchmark: synthetic Hydra-paged DCAT-AP feed on 127.0.0.1 (36 triples per dataset, ${values['per-page']} per page), ` +
    `embedded store, profile ${values.profile}, ${workers > 0 ? `validation in ${workers} worker thread(s) (sheaf serve validates in the runner thread)` : 'validation in the runner thread (as sheaf serve)'}, ` +
    `record listeners: ${LISTENER_TEXT[listeners]}`);
  printTable(['datasets', 'run', 'wall', 'datasets/s', 'CPU', 'datasets/CPU-s', 'target', 'peak RSS GB (main JS heap)', 'load 1m', 'created/unchanged/invalid', 'pages not read/all'], rows);
  const hwm = processPeakRss();
  console.log(`targets: first ≥ ${TARGETS.first}/s, unchanged ≥ ${TARGETS.unchanged}/s, peak RSS ≤ ${TARGETS.rssGb} GB` +
    `${hwm === undefined ? '' : `; process peak RSS (VmHWM) ${gb(hwm)} GB`}; load average before ${loadBefore}, after ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
}
