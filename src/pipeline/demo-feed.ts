// **seedDemoFeed** registers the bundled demo catalogue as a local feed on a fresh data directory and harvests it.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import type { Feed } from './feed.js';
import type { FeedRegistry } from './feed-registry.js';
import type { Scheduler, StartedRun } from './scheduler.js';
import { packageUrl } from '../core/package-root.js';

export const DEMO_FEED_ID = 'demo';
/** A small EUCAIM-style catalogue authored for sheaf (demo/eucaim-demo-catalogue.ttl). */
export const DEMO_CATALOGUE_URL = packageUrl('demo/eucaim-demo-catalogue.ttl').href;
export const DEMO_CATALOGUE_PATH = fileURLToPath(DEMO_CATALOGUE_URL);

// Marks a data directory as past its first start: the demo is offered once, so a deleted demo feed stays deleted.
const OFFERED_KEY = 'demo_feed_offered';

/** Marks a data directory as past its first start (e.g. after `sheaf import`): the demo is never harvested on top of it. */
export function markDemoOffered(db: Database.Database): void {
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(OFFERED_KEY, new Date().toISOString());
}

export interface SeedDemoOptions {
  readonly db: Database.Database;
  readonly feeds: FeedRegistry;
  readonly scheduler: Scheduler;
  /** SHEAF_DEMO: false only marks the directory, so a later start does not add the demo either. */
  readonly enabled: boolean;
  /** The admin principal's name, owner of the local feed. */
  readonly owner?: string;
}

export interface SeededDemo {
  readonly feed: Feed;
  /** The first harvest, started in the background. */
  readonly run: StartedRun;
}

/**
 * On the first start of a data directory (no feeds yet, never offered), registers the demo catalogue
 * as an admin-owned local feed and starts its first harvest without waiting for it. Returns undefined
 * when the directory is not fresh or the demo is disabled.
 */
export function seedDemoFeed(opts: SeedDemoOptions): SeededDemo | undefined {
  const offered = opts.db.prepare('SELECT value FROM meta WHERE key = ?').get(OFFERED_KEY) !== undefined;
  const fresh = !offered && opts.feeds.list().length === 0;
  if (!offered) opts.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(OFFERED_KEY, new Date().toISOString());
  if (!fresh || !opts.enabled) return undefined;
  const feed = opts.feeds.create({
    id: DEMO_FEED_ID,
    url: pathToFileURL(DEMO_CATALOGUE_PATH).href,
    protocol: 'dcat',
    // Read from the local file, so a daily re-harvest costs nothing and picks up edits to the demo file.
    schedule: '30 4 * * *',
    title: 'sheaf demo: European cancer imaging datasets',
    profile: 'eucaim',
    owner: opts.owner ?? 'admin',
    local: true,
    options: { format: 'turtle' },
  });
  return { feed, run: opts.scheduler.runNow(feed.id, 'demo') };
}
