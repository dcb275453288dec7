// **GatherState** is one run's bookkeeping shared by every adapter: visited set, caps, completeness, reports.
import type { FetchRequest, FetchedPage } from '../src/core/safe-fetch.js';
import { detachedString } from '../src/core/detached-string.js';
import {
  DEFAULT_LIMITS,
  type HarvestContext,
  type HarvestEnd,
  type HarvestError,
  type HarvestLimits,
  type HarvestPage,
  type HarvestStage,
  type HarvestWarning,
  type PageMemo,
  type SourceConfig,
} from './harvester.js';

/** `HTTP://Host:80/a#x` and `http://host/a` are one page: compare WHATWG-normalised URLs without fragment. */
function visitKey(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

export type FetchOutcome =
  | { readonly ok: true; readonly page: FetchedPage; readonly memo?: PageMemo }
  | { readonly ok: false; readonly error: HarvestError };

/**
 * Every paging loop asks `visit(url)` before fetching: a URL seen before or a page past the cap ends
 * the loop with a warning instead of the unbounded `nextPage` loop of ckanext-dcat #260.
 */
export class GatherState {
  readonly limits: HarvestLimits;
  readonly #source: SourceConfig;
  readonly #ctx: HarvestContext;
  readonly #visited = new Set<string>();
  readonly #recordKeys = new Set<string>();
  /** Why the gather is incomplete (the first cause); undefined while it is complete. */
  #incomplete: string | undefined;
  #last: { readonly url: string; readonly from: string } | undefined;
  #total: { readonly total: number; readonly url: string } | undefined;
  #pages = 0;
  #records = 0;

  constructor(source: SourceConfig, ctx: HarvestContext) {
    this.#source = source;
    this.#ctx = ctx;
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...ctx.limits });
  }

  get complete(): boolean {
    return this.#incomplete === undefined;
  }

  /**
   * Whether `url` may be fetched now; otherwise the warning that ends this paging loop. In a paging walk
   * (`crawl` unset) a URL seen before is a loop in the middle of the feed: the pages after it were never
   * reached, so the gather is incomplete. In a crawl (FDP) a second link to a resource is normal.
   */
  visit(url: string, options: { readonly crawl?: boolean } = {}): { readonly ok: true } | { readonly ok: false; readonly cause: 'repeat' | 'cap'; readonly warning: HarvestWarning } {
    const key = visitKey(url);
    if (this.#visited.has(key)) {
      const warning = this.warning(url, 'paging', `next page ${url} was already visited: paging loop, stopped; gather incomplete`);
      if (options.crawl !== true) this.incomplete(warning.message);
      return { ok: false, cause: 'repeat', warning };
    }
    if (this.#pages >= this.limits.maxPages) {
      const warning = this.warning(url, 'paging', `page cap of ${this.limits.maxPages} reached; gather incomplete`);
      this.incomplete(warning.message);
      return { ok: false, cause: 'cap', warning };
    }
    this.#visited.add(key);
    this.#pages += 1;
    return { ok: true };
  }

  /** Whether `url` was visited already (for crawls where a second parent is normal, not a loop). */
  seen(url: string): boolean {
    return this.#visited.has(visitKey(url));
  }

  /** Makes `urls` unvisited again: a page read only to learn where the walk really starts. */
  forget(...urls: string[]): void {
    for (const url of urls) this.#visited.delete(visitKey(url));
  }

  get recordCapReached(): boolean {
    return this.#records >= this.limits.maxRecords;
  }

  /** Counts one record; false (and the gather incomplete) once the record cap is passed. */
  takeRecord(): boolean {
    if (this.#records >= this.limits.maxRecords) {
      this.incomplete(`record cap of ${this.limits.maxRecords} reached`);
      return false;
    }
    this.#records += 1;
    return true;
  }

  /** False when the same record key was already yielded in this run (the caller warns and skips). */
  firstSighting(key: string): boolean {
    if (this.#recordKeys.has(key)) return false;
    // Kept for the whole gather: a copy, not a view into the page text the key was parsed from.
    this.#recordKeys.add(detachedString(key));
    return true;
  }

  /** Fetches with the previous run's validators; failures become a HarvestError (gather incomplete). */
  async fetch(url: string, req: FetchRequest = {}, conditional = true): Promise<FetchOutcome> {
    const memo = conditional ? this.#ctx.memo?.(url) : undefined;
    const tried = await this.tryFetch(url, { ...req, etag: memo?.etag, lastModified: memo?.lastModified });
    return tried.ok ? { ok: true, page: tried.page, memo } : { ok: false, error: this.error(url, 'fetch', tried.error) };
  }

  /**
   * One request, no bookkeeping: a failure is returned, not reported, for a caller that will try again
   * differently (a smaller SPARQL batch). `req.signal` is honoured together with the run's own.
   */
  async tryFetch(url: string, req: FetchRequest = {}): Promise<{ readonly ok: true; readonly page: FetchedPage } | { readonly ok: false; readonly error: unknown }> {
    const signals = [req.signal, this.#ctx.signal].filter((s): s is AbortSignal => s !== undefined);
    try {
      const page = await this.#ctx.fetcher.fetch(url, {
        ...req,
        allowFile: this.#source.local === true,
        ...(signals.length > 0 && { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) }),
      });
      return { ok: true, page };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /**
   * `visit` then `fetch`: the page, or the item (paging warning or fetch error) that ends this loop.
   * With `conditional`, the previous validators are sent; a 304 for which no links were remembered
   * cannot be walked past, so that page is read again in full. A redirect to a page already visited
   * (page 5 → page 2) is a repeat like a next link naming it.
   */
  async open(
    url: string,
    req: FetchRequest,
    options: { readonly conditional?: boolean; readonly crawl?: boolean } = {},
  ): Promise<
    | { readonly ok: true; readonly page: FetchedPage; readonly memo?: PageMemo }
    | { readonly ok: false; readonly cause: 'repeat' | 'cap' | 'fetch'; readonly item: HarvestWarning | HarvestError }
  > {
    const visit = this.visit(url, options);
    if (!visit.ok) return { ok: false, cause: visit.cause, item: visit.warning };
    let outcome = await this.fetch(url, req, options.conditional === true);
    if (outcome.ok && outcome.page.notModified && outcome.memo?.links === undefined) outcome = await this.fetch(url, req, false);
    if (!outcome.ok) return { ok: false, cause: 'fetch', item: outcome.error };
    const final = visitKey(outcome.page.url);
    if (final !== visitKey(url) && this.#visited.has(final)) {
      const warning = this.warning(url, 'paging', `${url} redirected to ${outcome.page.url}, already visited: paging loop, stopped; gather incomplete`);
      if (options.crawl !== true) this.incomplete(warning.message);
      return { ok: false, cause: 'repeat', item: warning };
    }
    // After a redirect, the final URL is visited too: a next link naming it is a repeat, not a new page.
    this.#visited.add(final);
    return outcome;
  }

  /**
   * Records what a page states about the whole walk: the last page it names and the size of the
   * collection. The latest statement wins (a source growing during the walk states its new size).
   */
  stated(url: string, facts: { readonly last?: string; readonly total?: number }): void {
    if (facts.last !== undefined) this.#last = { url: facts.last, from: url };
    if (facts.total !== undefined) this.#total = { total: facts.total, url };
  }

  /** Whether `urls` (a page as asked for and as answered) is the last page the source named. */
  isStatedLast(...urls: string[]): boolean {
    return this.#last !== undefined && urls.some((u) => visitKey(u) === visitKey(this.#last!.url));
  }

  /**
   * The walk found no next link on the page at `urls`. That is its natural end only when the source named
   * no last page, or named this one; otherwise the pages between were never reached (a truncated page, a
   * lost link): a warning, and the gather is incomplete.
   */
  walkEnded(...urls: string[]): HarvestWarning | undefined {
    if (this.#last === undefined || this.isStatedLast(...urls)) return undefined;
    const warning = this.warning(urls.at(-1)!, 'paging',
      `the walk ended at ${urls.at(-1)} without reaching the last page ${this.#last.url} named by ${this.#last.from}; gather incomplete`);
    this.incomplete(warning.message);
    return warning;
  }

  pageItem(
    page: FetchedPage, links: readonly string[],
    digest: { readonly bodyHash?: string; readonly sameBody?: boolean; readonly last?: string; readonly total?: number } = {},
  ): HarvestPage {
    return {
      // The run keeps a memo per page (URL, links) until it ends; links parsed from a page's text would keep that text.
      kind: 'page', url: detachedString(page.url), notModified: page.notModified, etag: page.etag, lastModified: page.lastModified,
      links: links.map(detachedString),
      ...(digest.bodyHash !== undefined && { bodyHash: digest.bodyHash }), ...(digest.sameBody === true && { sameBody: true }),
      ...(digest.last !== undefined && { last: detachedString(digest.last) }), ...(digest.total !== undefined && { total: digest.total }),
    };
  }

  warning(url: string, stage: HarvestStage, message: string): HarvestWarning {
    return { kind: 'warning', source: this.#source.key, url, stage, message };
  }

  /** Reports a lost page or resource; the gather is no longer complete. */
  error(url: string, stage: HarvestStage, error: unknown): HarvestError {
    const message = error instanceof Error ? error.message : String(error);
    this.incomplete(`${stage}: ${message}`);
    const code = (error as { code?: unknown } | null)?.code;
    return { kind: 'error', source: this.#source.key, url, stage, message, ...(typeof code === 'string' && { code }) };
  }

  /** Marks the gather incomplete for a reason already reported as a warning (e.g. a cap); the first reason is kept. */
  incomplete(reason: string): void {
    this.#incomplete ??= reason;
  }

  end(): HarvestEnd {
    return {
      kind: 'end', complete: this.#incomplete === undefined, pages: this.#pages, records: this.#records,
      ...(this.#incomplete !== undefined && { reason: this.#incomplete }), ...(this.#total !== undefined && { stated: this.#total }),
    };
  }
}
