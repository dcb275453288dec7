// **harvestDcat** walks a DCAT RDF document and its Hydra pages, yielding one record per dcat:Dataset.
import { NS } from '../../src/core/namespaces.js';
import { GatherState } from '../gather-state.js';
import { pageDigest } from '../page-digest.js';
import { pagesAhead } from '../pages-ahead.js';
import type { FirstResponse, HarvestContext, HarvestItem, Harvester, SourceConfig } from '../harvester.js';
import { splitDatasets } from '../split-datasets.js';
import { RDF_ACCEPT, readRdfPage } from './read-page.js';

/**
 * Fetches `source.url`, then follows Hydra `next` (or a Link rel="next") page by page. A page that
 * answers 304, or comes again byte for byte as last time (servers without validators re-send unchanged
 * pages whole), is not re-read: the walk continues through the next link remembered in the memo. A page
 * that fails to fetch ends the walk (its next link is unknown); a page that fails to parse is
 * reported and skipped when its next link can still be found. The next page is requested as soon as
 * its link is known, so the network wait overlaps the caller's work on this page's records.
 *
 * The gather is complete only when the walk reached its natural end: a page without a next link that is
 * the `hydra:last` the source named (when it named one). A next link back to a page already read, a
 * redirect to one, a failed page or the page cap end it incomplete. A source URL that is a middle page
 * of its collection (it has a previous page) is walked from the collection's first page instead.
 */
export async function* harvestDcat(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const open = (url: string) => state.open(url, { accept: RDF_ACCEPT }, { conditional: true });
  let entry = true;
  for await (const { key: requested, page: outcome, follow } of pagesAhead(source.url, open)) {
    if (!outcome.ok) {
      yield outcome.item;
      break;
    }
    const { page, memo } = outcome;
    const bodyHash = page.notModified ? memo?.bodyHash : pageDigest(page);
    const sameBody = !page.notModified && memo?.links !== undefined && memo.bodyHash === bodyHash;
    let next: string | undefined;
    if (page.notModified || sameBody) {
      const links = memo?.links ?? [];
      state.stated(page.url, { last: memo?.last, total: memo?.total });
      next = links[0];
      if (next !== undefined) follow(next);
      yield state.pageItem(page, links, { bodyHash, sameBody, last: memo?.last, total: memo?.total });
    } else {
      const read = await readRdfPage(page, source.format, requested);
      state.stated(page.url, read);
      if (entry && read.first !== undefined && read.previous !== undefined && !state.seen(read.first)) {
        // Registered with a middle page: the pages before it belong to the source too.
        yield state.warning(page.url, 'paging', `${page.url} is not the first page of its collection; walking from ${read.first}`);
        state.forget(requested, page.url);
        entry = false;
        follow(read.first);
        continue;
      }
      next = read.next;
      if (next !== undefined && state.seen(next) && state.isStatedLast(requested, page.url)) {
        // The named last page links on to a page already read: the walk is at its end; the link is the source's slip.
        yield state.warning(page.url, 'paging', `the last page ${page.url} links on to ${next}, already visited; ignored`);
        next = undefined;
      }
      if (next !== undefined) follow(next);
      yield state.pageItem(page, next === undefined ? [] : [next], { bodyHash, last: read.last, total: read.total });
      if (!read.ok) {
        yield state.error(page.url, 'parse', read.message);
      } else {
        for (const split of splitDatasets(read.quads)) {
          if (!state.firstSighting(split.subject)) {
            yield state.warning(page.url, 'split', `dataset ${split.subject} appears more than once; first one kept`);
            continue;
          }
          if (!state.takeRecord()) {
            yield state.warning(page.url, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
            yield state.end();
            return;
          }
          yield { kind: 'record', shape: 'quads', pageUrl: page.url, ...split };
        }
      }
    }
    entry = false;
    if (next === undefined) {
      const short = state.walkEnded(requested, page.url);
      if (short !== undefined) yield short;
    }
  }
  yield state.end();
}

/** A body naming the DCAT vocabulary (full namespace or a `dcat:` prefix) looks like a DCAT source. */
export function detectDcat(_url: string, first: FirstResponse): boolean {
  return first.body.includes(NS.dcat.slice(0, -1)) || /["\s(]dcat:[A-Za-z]/.test(first.body);
}

export const dcat: Harvester = { protocol: 'dcat', shape: 'quads', harvest: harvestDcat, detect: detectDcat };
