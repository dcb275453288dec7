// **bench harvest** measures end-to-end harvest runs of a synthetic Hydra-paged DCAT-AP feed, against a naive baseline.
//   npm run bench -- harvest [--sizes 10000,100000] [--per-page 100] [--baseline-max 10000] [--profile dcat-ap] [--workers 0]
// --workers N validates in a ValidatorPool of N worker threads (0: in the runner's thread).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import type { Feed } from '../src/pipeline/feed.js';
import { HarvestRunner } from '../src/pipeline/harvest-runner.js';
import type { RunSummary } from '../src/pipeline/run-summary.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb } from '../src/store/state-db.js';
import { ProfileRegistry } from '../src/validate/profile-registry.js';
import { ValidatorPool } from '../src/validate/validator-pool.js';
import { printTable } from './latency.js';
import { serveFeedPages, writeFeedPages, type SyntheticFeed } from './synthetic-feed.js';

const TARGETS = { first: 500, unchanged: 3_000, rssGb: 2.5 };

/**
 * Highest RSS seen while `work` runs (sampled every 50 ms; the index worker thread is in this process), wall
 * time, and this process's CPU time: on a shared machine wall time mostly measures the neighbours, so the
 * table also gives datasets per CPU-second.
 */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; ms: number; cpuMs: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return { result, peak: Math.max(peak, process.memoryUsage.rss()), ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
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

async function benchSize(count: number, o: { perPage: number; baselineMax: number; profile: string; profiles: ProfileRegistry; workers: number }): Promise<string[][]> {
  const work = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-harvest-'));
  try {
    process.stderr.write(`[${count}] writing ${Math.ceil(count / o.perPage)} pages…\n`);
    const pages = writeFeedPages({ dir: path.join(work, 'pages'), count, perPage: o.perPage });
    const feedServer = await serveFeedPages({ dir: path.join(work, 'pages'), pages });
    const store = await OxigraphStore.open({ dataDir: path.join(work, 'data') });
    const state = openStateDb(path.join(work, 'data'));
    const rows: string[][] = [];
    const pool = o.workers > 0 ? await ValidatorPool.start({ registry: o.profiles, size: o.workers }) : undefined;
    try {
      // No politeness delay: the source is our own loopback server (the default 250 ms per request would cap
      // a 100-per-page feed at 400 datasets/s whatever the harvester does).
      const runner = new HarvestRunner({
        store, stateDb: state, profiles: o.profiles, baseUrl: 'https://bench.sheaf.example', allowPrivateNetworks: true, fetcher: { perHostDelayMs: 0 },
        ...(pool !== undefined && { validatorPool: pool }),
      });
      const feed: Feed = {
        id: 'bench', url: feedServer.url, protocol: 'dcat', schedule: '0 3 * * *', title: 'bench', profile: o.profile,
        policy: 'store-and-flag', owner: 'bench', local: false, maxWithdrawShare: 0.3, options: {}, createdAt: '', updatedAt: '',
      };
      await o.profiles.validator(o.profile); // compiled before timing: a server compiles once at start
      if (pool !== undefined) await Promise.all(Array.from({ length: pool.size * 4 }, () => pool.validate(o.profile, [])));
      const runs: Array<[string, number]> = [['first harvest', TARGETS.first], ['unchanged, 304 pages', TARGETS.unchanged], ['unchanged, full pages re-parsed', TARGETS.unchanged]];
      for (const [label, target] of runs) {
        feedServer.conditional = label !== 'unchanged, full pages re-parsed';
        process.stderr.write(`[${count}] ${label}…\n`);
        const { result, peak, ms, cpuMs } = await withPeakRss(() => runner.run(feed));
        check(result, count, label);
        rows.push([String(count), label, `${(ms / 1000).toFixed(1)} s`, String(rate(count, ms)), `${(cpuMs / 1000).toFixed(1)} s`, String(rate(count, cpuMs)), `≥ ${target}`, gb(peak),
          `${result.counts.created}/${result.counts.unchanged}/${result.counts.invalid}`]);
      }
      if (count <= o.baselineMax) {
        process.stderr.write(`[${count}] naive baseline…\n`);
        const { result: ms, peak, cpuMs } = await withPeakRss(() => naiveBaseline(feedServer, o.profiles, o.profile));
        const ours = Number(rows[0]![3]);
        const oursCpu = Number(rows[0]![5]);
        rows.push([String(count), 'naive: parse all, validate whole graph (rdf-validate-shacl), no store', `${(ms / 1000).toFixed(1)} s`,
          String(rate(count, ms)), `${(cpuMs / 1000).toFixed(1)} s`, String(rate(count, cpuMs)),
          `ratio ${(ours / rate(count, ms)).toFixed(2)}× wall, ${(oursCpu / rate(count, cpuMs)).toFixed(2)}× CPU`, gb(peak), '-']);
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

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      sizes: { type: 'string', default: '10000' },
      'per-page': { type: 'string', default: '100' },
      'baseline-max': { type: 'string', default: '10000' },
      profile: { type: 'string', default: 'dcat-ap' },
      workers: { type: 'string', default: '0' },
    },
  });
  const profiles = await ProfileRegistry.load();
  const rows: string[][] = [];
  for (const size of values.sizes!.split(',').map(Number)) {
    rows.push(...(await benchSize(size, { perPage: Number(values['per-page']), baselineMax: Number(values['baseline-max']), profile: values.profile!, profiles, workers: Number(values.workers) })));
  }
  console.log(`\nharvest benchmark: synthetic Hydra-paged DCAT-AP feed on 127.0.0.1 (36 triples per dataset, ${values['per-page']} per page), embedded store, profile ${values.profile}, ${Number(values.workers) > 0 ? `${values.workers} validation workers` : 'validation in the runner thread'}`);
  printTable(['datasets', 'run', 'wall', 'datasets/s', 'CPU', 'datasets/CPU-s', 'target', 'peak RSS GB', 'created/unchanged/invalid'], rows);
  console.log(`targets: first ≥ ${TARGETS.first}/s, unchanged ≥ ${TARGETS.unchanged}/s, peak RSS ≤ ${TARGETS.rssGb} GB; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
}
