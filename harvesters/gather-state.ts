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
  #complete = true;
  #pages = 0;
  #records = 0;

  constructor(source: SourceConfig, ctx: HarvestContext) {
    this.#source = source;
    this.#ctx = ctx;
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...ctx.limits });
  }

  get complete(): boolean {
    return this.#complete;
  }

  /** Whether `url` may be fetched now; otherwise the warning that ends this paging loop. */
  visit(url: string): { readonly ok: true } | { readonly ok: false; readonly cause: 'repeat' | 'cap'; readonly warning: HarvestWarning } {
    const key = visitKey(url);
    if (this.#visited.has(key)) {
      return { ok: false, cause: 'repeat', warning: this.warning(url, 'paging', `next page ${url} was already visited; paging stopped`) };
    }
    if (this.#pages >= this.limits.maxPages) {
      this.#complete = false;
      return { ok: false, cause: 'cap', warning: this.warning(url, 'paging', `page cap of ${this.limits.maxPages} reached; gather incomplete`) };
    }
    this.#visited.add(key);
    this.#pages += 1;
    return { ok: true };
  }

  /** Whether `url` was visited already (for crawls where a second parent is normal, not a loop). */
  seen(url: string): boolean {
    return this.#visited.has(visitKey(url));
  }

  get recordCapReached(): boolean {
    return this.#records >= this.limits.maxRecords;
  }

  /** Counts one record; false (and the gather incomplete) once the record cap is passed. */
  takeRecord(): boolean {
    if (this.#records >= this.limits.maxRecords) {
      this.#complete = false;
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
    try {
      const page = await this.#ctx.fetcher.fetch(url, {
        ...req,
        etag: memo?.etag,
        lastModified: memo?.lastModified,
        allowFile: this.#source.local === true,
        signal: this.#ctx.signal,
      });
      return { ok: true, page, memo };
    } catch (error) {
      return { ok: false, error: this.error(url, 'fetch', error) };
    }
  }

  /**
   * `visit` then `fetch`: the page, or the item (paging warning or fetch error) that ends this loop.
   * With `conditional`, the previous validators are sent; a 304 for which no links were remembered
   * cannot be walked past, so that page is read again in full.
   */
  async open(
    url: string,
    req: FetchRequest,
    conditional = false,
  ): Promise<
    | { readonly ok: true; readonly page: FetchedPage; readonly memo?: PageMemo }
    | { readonly ok: false; readonly cause: 'repeat' | 'cap' | 'fetch'; readonly item: HarvestWarning | HarvestError }
  > {
    const visit = this.visit(url);
    if (!visit.ok) return { ok: false, cause: visit.cause, item: visit.warning };
    let outcome = await this.fetch(url, req, conditional);
    if (outcome.ok && outcome.page.notModified && outcome.memo?.links === undefined) outcome = await this.fetch(url, req, false);
    if (!outcome.ok) return { ok: false, cause: 'fetch', item: outcome.error };
    // After a redirect, the final URL is visited too: a next link naming it is a repeat, not a new page.
    this.#visited.add(visitKey(outcome.page.url));
    return outcome;
  }

  pageItem(page: FetchedPage, links: readonly string[], digest: { readonly bodyHash?: string; readonly sameBody?: boolean } = {}): HarvestPage {
    return {
      // The run keeps a memo per page (URL, links) until it ends; links parsed from a page's text would keep that text.
      kind: 'page', url: detachedString(page.url), notModified: page.notModified, etag: page.etag, lastModified: page.lastModified,
      links: links.map(detachedString),
      ...(digest.bodyHash !== undefined && { bodyHash: digest.bodyHash }), ...(digest.sameBody === true && { sameBody: true }),
    };
  }

  warning(url: string, stage: HarvestStage, message: string): HarvestWarning {
    return { kind: 'warning', source: this.#source.key, url, stage, message };
  }

  /** Reports a lost page or resource; the gather is no longer complete. */
  error(url: string, stage: HarvestStage, error: unknown): HarvestError {
    this.#complete = false;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    return { kind: 'error', source: this.#source.key, url, stage, message, ...(typeof code === 'string' && { code }) };
  }

  /** Marks the gather incomplete for a reason already reported as a warning (e.g. a cap). */
  incomplete(): void {
    this.#complete = false;
  }

  end(): HarvestEnd {
    return { kind: 'end', complete: this.#complete, pages: this.#pages, records: this.#records };
  }
}
