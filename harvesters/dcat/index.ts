// **harvestDcat** walks a DCAT RDF document and its Hydra pages, yielding one record per dcat:Dataset.
import { NS } from '../../src/core/namespaces.js';
import { GatherState } from '../gather-state.js';
import { pageDigest } from '../page-digest.js';
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
 */
export async function* harvestDcat(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const open = (url: string) => state.open(url, { accept: RDF_ACCEPT }, true);
  let pending: ReturnType<typeof open> | undefined = open(source.url);
  while (pending !== undefined) {
    const outcome = await pending;
    pending = undefined;
    if (!outcome.ok) {
      yield outcome.item;
      break;
    }
    const { page, memo } = outcome;
    const bodyHash = page.notModified ? memo?.bodyHash : pageDigest(page);
    const sameBody = !page.notModified && memo?.links !== undefined && memo.bodyHash === bodyHash;
    if (page.notModified || sameBody) {
      const links = memo?.links ?? [];
      if (links[0] !== undefined) pending = open(links[0]);
      yield state.pageItem(page, links, { bodyHash, sameBody });
      continue;
    }
    const read = await readRdfPage(page, source.format);
    if (read.next !== undefined) pending = open(read.next);
    yield state.pageItem(page, read.next === undefined ? [] : [read.next], { bodyHash });
    if (!read.ok) {
      yield state.error(page.url, 'parse', read.message);
      continue;
    }
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
  yield state.end();
}

/** A body naming the DCAT vocabulary (full namespace or a `dcat:` prefix) looks like a DCAT source. */
export function detectDcat(_url: string, first: FirstResponse): boolean {
  return first.body.includes(NS.dcat.slice(0, -1)) || /["\s(]dcat:[A-Za-z]/.test(first.body);
}

export const dcat: Harvester = { protocol: 'dcat', harvest: harvestDcat, detect: detectDcat };
