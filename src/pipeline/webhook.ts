// **postRunWebhook** tells a feed's webhook that a run ended, POSTing the run summary as JSON through SafeFetcher.
import type { SafeFetcher } from '../core/safe-fetch.js';
import type { Feed } from './feed.js';

/** Statuses that count as "no error" for `on_error` webhooks. */
const CLEAN = new Set(['succeeded']);

export interface WebhookOptions {
  readonly fetcher: SafeFetcher;
  readonly feed: Feed;
  /** The run's summary as the runs API shows it; it must carry `status`. */
  readonly summary: { readonly status: string } & Record<string, unknown>;
}

/** True when `feed.notify` asks to hear about a run that ended with `status`. */
export function wantsWebhook(feed: Feed, status: string): boolean {
  if (!feed.notify) return false;
  return feed.notify.on === 'always' || !CLEAN.has(status);
}

/**
 * POSTs `{ event: "harvest.run.finished", feed, run }` to the feed's webhook when its `on` setting asks
 * for it. The fetcher's address guard applies: a webhook cannot reach private or metadata addresses
 * unless private networks are allowed. Returns whether a POST was made; throws when the POST failed.
 */
export async function postRunWebhook(opts: WebhookOptions): Promise<boolean> {
  const { feed, summary } = opts;
  if (!feed.notify || !wantsWebhook(feed, summary.status)) return false;
  const body = JSON.stringify({
    event: 'harvest.run.finished',
    feed: { id: feed.id, title: feed.title, url: feed.url },
    run: summary,
  });
  await opts.fetcher.fetch(feed.notify.url, { method: 'POST', body, contentType: 'application/json', accept: '*/*' });
  return true;
}
