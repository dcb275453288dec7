// **checkLinks** visits access and download URLs politely (HEAD, GET when HEAD is refused) and dates each outcome.
import { SafeFetcher } from '../core/safe-fetch.js';
import type { LinkCheck } from './quality-store.js';

export interface LinkCheckOptions {
  readonly fetcher: SafeFetcher;
  readonly clock?: () => Date;
}

// Servers that do not implement HEAD answer one of these; the same URL is then asked with GET.
const HEAD_REFUSED = /HTTP (405|501|403)\b/;

/** One outcome per URL; never throws for a broken link (that is a result, not an error). */
export async function checkLinks(urls: readonly string[], options: LinkCheckOptions): Promise<LinkCheck[]> {
  const clock = options.clock ?? (() => new Date());
  // The fetcher's per-host limiter keeps this polite: at most its concurrency per host, with its delay.
  return Promise.all(urls.map(async (url): Promise<LinkCheck> => {
    try {
      const page = await headOrGet(options.fetcher, url);
      return { url, ok: true, status: page.status, checkedAt: clock().toISOString() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A body over the cap means the server answered 2xx with content: the link works.
      if (/over the cap|exceeds the cap/.test(message)) return { url, ok: true, checkedAt: clock().toISOString() };
      const status = /HTTP (\d{3})/.exec(message)?.[1];
      return { url, ok: false, error: message, checkedAt: clock().toISOString(), ...(status && { status: Number(status) }) };
    }
  }));
}

async function headOrGet(fetcher: SafeFetcher, url: string) {
  try {
    return await fetcher.fetch(url, { method: 'HEAD' });
  } catch (error) {
    if (error instanceof Error && HEAD_REFUSED.test(error.message)) return fetcher.fetch(url, { method: 'GET' });
    throw error;
  }
}
