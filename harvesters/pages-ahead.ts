// **pagesAhead** walks a paged source one request ahead: page n+1 is fetched while the caller still works through page n.

/** One page of the walk; `follow` asks for the next one now (at most once per page; not calling it ends the walk). */
export interface AheadPage<K, P> {
  /** What the page was opened with (its URL, its offset…). */
  readonly key: K;
  readonly page: P;
  readonly follow: (next: K) => void;
}

/**
 * Opens `first`, then each page the caller follows. Following as soon as the next link or token is known (before
 * yielding the page's records) overlaps the network wait with the caller's work on this page, while keeping one
 * request in flight: a source is never asked for two pages at once. `open` reports failures in what it resolves to;
 * a walk the caller leaves (a `break`) after following leaves that one request unread.
 */
export async function* pagesAhead<K, P>(first: NoInfer<K>, open: (key: K) => Promise<P>): AsyncGenerator<AheadPage<K, P>, void, undefined> {
  let pending: { readonly key: K; readonly page: Promise<P> } | undefined = { key: first, page: open(first) };
  while (pending !== undefined) {
    const { key, page } = pending;
    pending = undefined;
    let current = true;
    const follow = (next: K): void => {
      if (!current) throw new Error('pagesAhead: follow() belongs to a page already left');
      if (pending !== undefined) throw new Error('pagesAhead: this page already named its next page');
      pending = { key: next, page: open(next) };
    };
    yield { key, page: await page, follow };
    current = false;
  }
}
