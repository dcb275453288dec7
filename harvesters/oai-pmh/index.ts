// **harvestOaiPmh** runs OAI-PMH ListRecords through its resumption tokens and yields each record's XML.
import { DOMParser, XMLSerializer, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { withParams } from '../../src/core/with-params.js';
import { GatherState } from '../gather-state.js';
import { pagesAhead } from '../pages-ahead.js';
import type { FirstResponse, HarvestContext, HarvestItem, Harvester, SourceConfig } from '../harvester.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

/** The first ListRecords request: prefix, optional set, and `from` (day granularity, always supported). */
export function listRecordsUrl(source: SourceConfig, since?: Date): string {
  const url = new URL(source.url);
  url.search = '';
  url.searchParams.set('verb', 'ListRecords');
  url.searchParams.set('metadataPrefix', source.metadataPrefix ?? 'oai_dc');
  if (source.set) url.searchParams.set('set', source.set);
  if (since) url.searchParams.set('from', since.toISOString().slice(0, 10));
  return url.href;
}

function resumeUrl(source: SourceConfig, token: string): string {
  const url = new URL(source.url);
  url.search = '';
  url.searchParams.set('verb', 'ListRecords');
  url.searchParams.set('resumptionToken', token);
  return url.href;
}

const childText = (parent: Element, name: string): string | undefined =>
  parent.getElementsByTagNameNS(OAI_NS, name)[0]?.textContent?.trim() || undefined;

/**
 * Each answer page yields its records (header + metadata, serialised) and, for `status="deleted"`
 * headers, deletion items; the next request carries the resumption token. An empty token ends the
 * list; a token seen before ends it with a warning, incomplete. The token's `completeListSize` is the
 * list's stated size, which the caller checks against what it saw. `noRecordsMatch` is a normal, complete answer
 * (typical for an incremental `from=` run); any other OAI error is a page error. The next page is
 * requested as soon as its token is read (still one request at a time).
 */
export async function* harvestOaiPmh(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const prefix = source.metadataPrefix ?? 'oai_dc';
  const serializer = new XMLSerializer();
  const open = (url: string) => state.open(url, { accept: 'text/xml, application/xml;q=0.9' });
  for await (const { page: outcome, follow } of pagesAhead(listRecordsUrl(source, ctx.since), open)) {
    if (!outcome.ok) {
      yield outcome.item;
      break;
    }
    const { page } = outcome;
    let root: Element;
    try {
      const doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(page.text(), 'text/xml');
      if (!doc.documentElement || doc.documentElement.namespaceURI !== OAI_NS) throw new Error('not an OAI-PMH answer');
      root = doc.documentElement;
    } catch (error) {
      yield state.pageItem(page, []);
      yield state.error(page.url, 'parse', error);
      break;
    }
    const error = root.getElementsByTagNameNS(OAI_NS, 'error')[0];
    const tokenElement = root.getElementsByTagNameNS(OAI_NS, 'resumptionToken')[0];
    const listSize = tokenElement?.getAttribute('completeListSize')?.trim();
    // completeListSize counts every header of the list, deleted ones included, as the caller does.
    if (listSize && /^\d{1,15}$/.test(listSize)) state.stated(page.url, { total: Number(listSize) });
    const token = childText(root, 'resumptionToken');
    const next = token && !error ? resumeUrl(source, token) : undefined;
    // Ask for the next page now: one request in flight at a time, overlapping the caller's work.
    if (next !== undefined) follow(next);
    yield state.pageItem(page, next === undefined ? [] : [next]);
    if (error) {
      const code = error.getAttribute('code') ?? 'unknown';
      if (code !== 'noRecordsMatch') yield state.error(page.url, 'fetch', `OAI-PMH error ${code}: ${error.textContent?.trim() ?? ''}`);
      break;
    }
    const records = root.getElementsByTagNameNS(OAI_NS, 'record');
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const header = record.getElementsByTagNameNS(OAI_NS, 'header')[0];
      const identifier = header ? childText(header, 'identifier') : undefined;
      if (!header || !identifier) {
        yield state.warning(page.url, 'split', 'a record without header identifier was skipped');
        continue;
      }
      const datestamp = childText(header, 'datestamp');
      if (header.getAttribute('status') === 'deleted') {
        yield { kind: 'deletion', pageUrl: page.url, keyHints: { identifier }, ...(datestamp && { datestamp }) };
        continue;
      }
      if (!state.firstSighting(identifier)) {
        yield state.warning(page.url, 'split', `record ${identifier} appears more than once; first one kept`);
        continue;
      }
      if (!state.takeRecord()) {
        yield state.warning(page.url, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
        yield state.end();
        return;
      }
      yield {
        kind: 'record',
        shape: 'oai-xml',
        metadataPrefix: prefix,
        pageUrl: page.url,
        xml: serializer.serializeToString(record),
        keyHints: { identifier },
        ...(datestamp && { modified: datestamp }),
      };
    }
  }
  yield state.end();
}

/** An OAI-PMH XML answer, or a URL carrying an OAI `verb`. */
export function detectOaiPmh(url: string, first: FirstResponse): boolean {
  return new URL(url).searchParams.has('verb') || (first.body.includes(OAI_NS) && /<(\w+:)?OAI-PMH[\s>]/.test(first.body));
}

export const oaiPmh: Harvester = {
  protocol: 'oai-pmh',
  shape: 'oai-xml',
  incremental: true,
  harvest: harvestOaiPmh,
  detect: detectOaiPmh,
  // A base URL answers nothing useful bare: the Identify verb does.
  probe: { url: (base) => withParams(base, { verb: 'Identify' }), accept: 'text/xml, application/xml' },
};
