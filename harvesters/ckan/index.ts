// **harvestCkan** pages through the CKAN Action API `package_search` and yields each package as JSON.
import { withParams } from '../../src/core/with-params.js';
import { GatherState } from '../gather-state.js';
import { pagesAhead } from '../pages-ahead.js';
import type { FirstResponse, HarvestContext, HarvestItem, Harvester, SourceConfig } from '../harvester.js';

const ACTION = '/api/3/action/package_search';
const DEFAULT_ROWS = 100;

interface SearchAnswer {
  readonly success?: boolean;
  readonly error?: { readonly message?: string };
  readonly result?: { readonly count?: number; readonly results?: ReadonlyArray<Record<string, unknown>> };
}

/** `source.url` may be the CKAN site or its package_search URL (whose own query parameters are kept). */
export function packageSearchUrl(sourceUrl: string): URL {
  const url = new URL(sourceUrl);
  if (!url.pathname.endsWith(ACTION)) url.pathname = url.pathname.replace(/\/+$/, '') + ACTION;
  return url;
}

/**
 * Requests `rows` packages from `start` on, sorted by id so pages stay stable while the site changes.
 * With `ctx.since`, only packages whose `metadata_modified` is at or after it (CKAN's own incremental).
 * The loop ends when `start` passes `count`, a page is empty, or a page repeats one already read (a
 * server ignoring `start`), which is the visited-set stop for a protocol whose URLs never repeat; that
 * loop leaves the gather incomplete. The latest `count` is the source's stated size: a walk that saw
 * fewer packages (an empty page before `count`) is checked against it by the caller.
 */
export async function* harvestCkan(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const rows = source.pageSize ?? DEFAULT_ROWS;
  const base = packageSearchUrl(source.url);
  const seenIds = new Set<string>();
  const pageUrl = (start: number): string => {
    const url = new URL(base);
    url.searchParams.set('rows', String(rows));
    url.searchParams.set('start', String(start));
    url.searchParams.set('sort', 'id asc');
    if (!url.searchParams.has('q')) url.searchParams.set('q', '*:*');
    if (ctx.since) {
      const since = `metadata_modified:[${ctx.since.toISOString()} TO *]`;
      const fq = url.searchParams.get('fq');
      url.searchParams.set('fq', fq ? `${fq} AND ${since}` : since);
    }
    return url.href;
  };
  // Search answers change whenever any package does; conditional GET would rarely help here.
  const open = (start: number) => state.open(pageUrl(start), { accept: 'application/json' });
  for await (const { key: start, page: outcome, follow } of pagesAhead(0, open)) {
    if (!outcome.ok) {
      yield outcome.item;
      break;
    }
    const { page } = outcome;
    let answer: SearchAnswer;
    try {
      answer = JSON.parse(page.text()) as SearchAnswer;
    } catch (error) {
      yield state.pageItem(page, []);
      yield state.error(page.url, 'parse', error);
      break;
    }
    if (answer.success !== true || !Array.isArray(answer.result?.results)) {
      yield state.pageItem(page, []);
      yield state.error(page.url, 'parse', `package_search failed: ${answer.error?.message ?? 'no result in the answer'}`);
      break;
    }
    const results = answer.result.results;
    const count = answer.result.count ?? 0;
    if (typeof answer.result.count === 'number') state.stated(page.url, { total: answer.result.count });
    const more = results.length > 0 && start + rows < count;
    yield state.pageItem(page, []);
    const ids = results.map((p) => String(p.id ?? p.name ?? ''));
    if (results.length > 0 && ids.every((id) => seenIds.has(id))) {
      // A server ignoring `start` answers page 1 again and again: the packages after it were never listed.
      const warning = state.warning(page.url, 'paging', `page at start=${start} repeats packages already visited: paging loop, stopped; gather incomplete`);
      state.incomplete(warning.message);
      yield warning;
      break;
    }
    // The next page is requested now, while the caller works through this one (one request in flight).
    if (more) follow(start + rows);
    for (const pkg of results) {
      const id = String(pkg.id ?? pkg.name ?? '');
      if (seenIds.has(id)) {
        yield state.warning(page.url, 'split', `package ${id} appears more than once; first one kept`);
        continue;
      }
      seenIds.add(id);
      if (!state.takeRecord()) {
        yield state.warning(page.url, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
        yield state.end();
        return;
      }
      yield {
        kind: 'record',
        shape: 'ckan-json',
        pageUrl: page.url,
        json: pkg,
        keyHints: keyHints(pkg),
        ...(typeof pkg.metadata_created === 'string' && { issued: pkg.metadata_created }),
        ...(typeof pkg.metadata_modified === 'string' && { modified: pkg.metadata_modified }),
      };
    }
  }
  yield state.end();
}

// ckanext-dcat keeps the dataset IRI in a `uri` field (scheming) or extra (legacy); CKAN's own id is the fallback identity.
function keyHints(pkg: Record<string, unknown>): { iri?: string; identifier?: string } {
  const extras = Array.isArray(pkg.extras) ? (pkg.extras as Array<{ key?: unknown; value?: unknown }>) : [];
  const uri = typeof pkg.uri === 'string' && pkg.uri.trim() !== '' ? pkg.uri.trim() : extras.find((e) => e.key === 'uri')?.value;
  return {
    ...(typeof uri === 'string' && /^https?:\/\//.test(uri) && { iri: uri }),
    ...(typeof pkg.id === 'string' && { identifier: pkg.id }),
  };
}

/** A CKAN Action API answer (`help` pointing at `/api/3/action/`) or a URL on that API. */
export function detectCkan(url: string, first: FirstResponse): boolean {
  if (new URL(url).pathname.includes('/api/3/action/')) return true;
  try {
    const body = JSON.parse(first.body) as { help?: unknown; success?: unknown };
    return typeof body.help === 'string' && body.help.includes('/api/3/action/') && typeof body.success === 'boolean';
  } catch {
    return false;
  }
}

export const ckan: Harvester = {
  protocol: 'ckan',
  shape: 'ckan-json',
  incremental: true,
  harvest: harvestCkan,
  detect: detectCkan,
  // A site root says nothing by itself: ask the Action API for an empty search.
  probe: { url: (base) => withParams(packageSearchUrl(base), { rows: '0' }), accept: 'application/json' },
};
