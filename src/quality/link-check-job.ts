// **runLinkChecks** checks every feed's access and download URLs and rescores the records that use them.
import type { SafeFetcher } from '../core/safe-fetch.js';
import { checkLinks } from './link-checker.js';
import type { QualityStore } from './quality-store.js';

export interface LinkCheckRun {
  readonly feeds: number;
  readonly urls: number;
  readonly broken: number;
  readonly rescored: number;
}

/** Runs apart from harvests (its own schedule), feed by feed, through the polite per-host fetcher. */
export async function runLinkChecks(options: {
  readonly quality: QualityStore;
  readonly feedIds: readonly string[];
  readonly fetcher: SafeFetcher;
}): Promise<LinkCheckRun> {
  let urls = 0;
  let broken = 0;
  let rescored = 0;
  for (const feedId of options.feedIds) {
    const checks = await checkLinks(options.quality.feedUrls(feedId), { fetcher: options.fetcher });
    urls += checks.length;
    broken += checks.filter((c) => !c.ok).length;
    rescored += await options.quality.saveLinkChecks(checks);
  }
  return { feeds: options.feedIds.length, urls, broken, rescored };
}
