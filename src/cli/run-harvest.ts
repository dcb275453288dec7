// **runHarvest** does the work of `sheaf harvest` (declared in harvest.ts, loaded only when that command runs): one run of a URL, registered as an ad-hoc feed or the feed already registered for it.
import cliProgress from 'cli-progress';
import { harvesters } from '../../harvesters/index.js';
import { loadConfig } from '../core/config.js';
import { SafeFetcher } from '../core/safe-fetch.js';
import type { Feed } from '../pipeline/feed.js';
import { dailySchedule, FeedRegistry } from '../pipeline/feed-registry.js';
import { HarvestRunner } from '../pipeline/harvest-runner.js';
import { probeFeed } from '../pipeline/probe-feed.js';
import type { RunSummary } from '../pipeline/run-summary.js';
import { openStateDb } from '../store/state-db.js';
import { openStore } from '../store/open-store.js';
import { logOnlyGraphs } from '../catalogue/log-only-graphs.js';
import { loadProfiles } from '../ontology/profile-composer.js';

export interface HarvestOptions {
  protocol: string;
  data?: string;
  profile?: string;
}

/** Exit codes: 0 succeeded or held for a curator, 1 failed, 3 partial (some pages or records missing). */
const EXIT: Readonly<Record<RunSummary['status'], number>> = {
  succeeded: 0, held: 0, failed: 1, partial: 3, interrupted: 1, queued: 1, running: 1,
};

/** Runs `sheaf harvest <url>`: one run with a progress bar, its report on stdout, its status as the exit code. */
export async function runHarvest(url: string, opts: HarvestOptions): Promise<void> {
  if (opts.protocol !== 'auto' && !harvesters.has(opts.protocol)) {
    throw new Error(`--protocol must be auto or one of ${[...harvesters.keys()].join(', ')}, not "${opts.protocol}"`);
  }
  const config = loadConfig(process.env, opts.data === undefined ? {} : { dataDir: opts.data });
  const profiles = await loadProfiles();
  if (opts.profile !== undefined) profiles.get(opts.profile);
  const store = await openStore(config, { logOnly: logOnlyGraphs(config) });
  const state = openStateDb(config.dataDir);
  try {
    const feeds = new FeedRegistry({ db: state.db });
    const feed = await adHocFeed({ feeds, url, protocol: opts.protocol, profile: opts.profile ?? profiles.defaultProfile, allowPrivate: config.allowPrivateNetworks });
    const runner = new HarvestRunner({ store, stateDb: state, profiles, baseUrl: config.baseUrl, allowPrivateNetworks: config.allowPrivateNetworks });
    for (const closed of await runner.recoverInterrupted()) {
      process.stderr.write(`sheaf: run ${closed.id} of feed ${closed.feedId} was left unfinished: closed as interrupted\n`);
    }
    const summary = await runWithProgress(runner, opts.profile === undefined ? feed : { ...feed, profile: opts.profile });
    process.stdout.write(report(summary));
    process.exitCode = EXIT[summary.status];
  } finally {
    state.close();
    await store.close();
  }
}

/** The feed registered for `url` (same protocol when one was named), else a new one owned by `cli`. */
async function adHocFeed(o: { feeds: FeedRegistry; url: string; protocol: string; profile: string; allowPrivate: boolean }): Promise<Feed> {
  const known = o.feeds.list().find((f) => f.url === o.url && (o.protocol === 'auto' || f.protocol === o.protocol));
  if (known !== undefined) return known;
  const fetcher = new SafeFetcher({ allowPrivateNetworks: o.allowPrivate, retries: 1 });
  try {
    const probe = await probeFeed({ fetcher, url: o.url, ...(o.protocol !== 'auto' && { protocol: o.protocol }) });
    return o.feeds.create({
      url: o.url, protocol: probe.protocol, schedule: dailySchedule(o.url), title: `${new URL(o.url).host} (ad hoc)`,
      profile: o.profile, owner: 'cli',
    });
  } finally {
    await fetcher.close();
  }
}

async function runWithProgress(runner: HarvestRunner, feed: Feed): Promise<RunSummary> {
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${feed.id} | pages {pages} | records {value} | {speed} rec/s | created {created} updated {updated} unchanged {unchanged} | errors {errors}`,
    hideCursor: true,
    etaBuffer: 50,
  });
  const started = performance.now();
  bar.start(0, 0, { pages: 0, speed: 0, created: 0, updated: 0, unchanged: 0, errors: 0 });
  // Ctrl-C ends the run cleanly: what was stored stays, nothing is withdrawn, the run is recorded as partial.
  const cancel = new AbortController();
  const onSignal = (): void => cancel.abort();
  process.once('SIGINT', onSignal);
  try {
    return await runner.run(feed, {
      signal: cancel.signal,
      onProgress: (p) => {
        const seconds = Math.max((performance.now() - started) / 1000, 0.001);
        bar.setTotal(p.records);
        bar.update(p.records, { pages: p.pages, speed: Math.round(p.records / seconds), errors: p.errors, ...p.counts });
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    bar.stop();
  }
}

function report(s: RunSummary): string {
  const c = s.counts;
  const lines = [
    `run ${s.id} of feed ${s.feedId}: ${s.status}${s.reason ? ` (${s.reason})` : ''}`,
    `pages ${s.pages} (${s.notModifiedPages} not modified), records ${s.records}: created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, withdrawn ${c.withdrawn}, invalid ${c.invalid}, failed ${c.failed}`,
    ...s.errors.slice(0, 20).map((e) => `error [${e.stage}] ${e.url}${e.key ? ` ${e.key}` : ''}: ${e.message}`),
    ...s.warnings.slice(0, 20).map((w) => `warning [${w.stage}] ${w.url}: ${w.message}`),
    ...(s.errors.length + s.warnings.length > 40 ? [`(more in GET /api/runs/${s.id})`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
