// **harvestSparql** pages dataset IRIs from a remote SPARQL endpoint and describes them in CONSTRUCT batches sized to the endpoint.
import type { Quad } from '@rdfjs/types';
import { parseSparqlJsonResults } from '../../src/core/sparql-json-results.js';
import { withParams } from '../../src/core/with-params.js';
import { readRdfPage } from '../dcat/read-page.js';
import { GatherState } from '../gather-state.js';
import type { FirstResponse, HarvestContext, HarvestItem, Harvester, SourceConfig } from '../harvester.js';
import { splitDatasets } from '../split-datasets.js';
import { AdaptiveBatch } from './adaptive-batch.js';
import { describeQuery, pageQuery } from './harvest-queries.js';

const DEFAULT_PAGE = 1_000;
/** The largest page of IRIs a default-sized walk grows to (a few MB of SPARQL JSON). */
const MAX_PAGE = 64_000;
const DEFAULT_BATCH_TIMEOUT_MS = 30_000;
const MAX_FAILED_ALONE = 10;
/** CONSTRUCT batches asked for at once (within the fetcher's per-host limit). */
const IN_FLIGHT = 2;

type Described =
  | { readonly ok: true; readonly quads: Quad[]; readonly ms: number }
  | { readonly ok: false; readonly stage: 'fetch' | 'parse'; readonly message: string };
// N-Triples first: every literal keeps its datatype and lexical form exactly as the endpoint holds it
// (JSON-LD with native types, say, turns xsd:nonNegativeInteger into a JSON number and back into xsd:integer).
const CONSTRUCT_ACCEPT = 'application/n-triples, text/plain;q=0.9, text/turtle;q=0.8';

/**
 * Pages dataset IRIs with a SELECT (GET, so the page has a real URL) ordered by IRI, each page starting after the
 * last IRI of the one before (see pageQuery), then
 * describes them with CONSTRUCTs of bounded batches (a VALUES list, POST), each split per dataset. The
 * batch adapts to the endpoint (`AdaptiveBatch`): a batch that fails or exceeds `source.timeoutMs` is
 * tried again in halves down to one dataset, and a dataset that fails alone is a lost record (the gather
 * is incomplete). A page whose IRIs were all seen before means the endpoint ignores the paging filter: paging stops,
 * incomplete. A failed SELECT of the default size (or of the size `source.pageSize` sets) ends paging; without
 * `source.pageSize` pages grow while they come back full (see below).
 */
export async function* harvestSparql(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const batch = new AdaptiveBatch();
  const timeoutMs = source.timeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS;
  const seen = new Set<string>();
  let failedAlone = 0;
  /** One CONSTRUCT batch: its quads and how long the endpoint took, or why it failed. */
  const describe = async (chunk: readonly string[]): Promise<Described> => {
    const started = performance.now();
    const described = await state.tryFetch(source.url, {
      method: 'POST', accept: CONSTRUCT_ACCEPT, signal: AbortSignal.timeout(timeoutMs),
      body: new URLSearchParams({ query: describeQuery({ datasets: chunk, graph: source.graph }) }).toString(),
    });
    if (!described.ok) {
      const why = described.error;
      return { ok: false, stage: 'fetch', message: why instanceof Error ? why.message : String(why) };
    }
    const read = await readRdfPage(described.page);
    if (!read.ok) return { ok: false, stage: 'parse', message: read.message };
    return { ok: true, quads: read.quads, ms: performance.now() - started };
  };
  // Pages grow (doubling, up to MAX_PAGE) while they come back full and well within the batch timeout, unless
  // the source sets its page size: an ORDER BY costs a sort of every dataset per page (Oxigraph spends as long on
  // a 100-row page as on the whole list), so at 100 k datasets fixed 1 000-row pages cost far more than the
  // CONSTRUCTs. A grown page that fails (an endpoint's result cap refused, a timeout) is asked again at half.
  const fixedPage = source.pageSize !== undefined;
  let pageSize = source.pageSize ?? DEFAULT_PAGE;
  let growing = !fixedPage;
  /** Rows of the latest page that came back full: a shorter page after a grown one may be an endpoint's silent cap. */
  let fullRows = 0;
  /** One page of IRIs, or the item that ends the walk. */
  const listPage = async (after: string | undefined) => {
    for (;;) {
      const url = new URL(source.url);
      url.searchParams.set('query', pageQuery({ pageSize, after, graph: source.graph }));
      const grown = pageSize > DEFAULT_PAGE && !fixedPage;
      if (!grown) {
        const started = performance.now();
        const listed = await state.open(url.href, { accept: 'application/sparql-results+json' });
        return listed.ok ? { ok: true as const, page: listed.page, ms: performance.now() - started } : listed;
      }
      const visit = state.visit(url.href);
      if (!visit.ok) return { ok: false as const, item: visit.warning };
      const started = performance.now();
      const tried = await state.tryFetch(url.href, { accept: 'application/sparql-results+json', signal: AbortSignal.timeout(timeoutMs) });
      if (tried.ok) return { ok: true as const, page: tried.page, ms: performance.now() - started };
      pageSize = Math.max(DEFAULT_PAGE, Math.floor(pageSize / 2));
      growing = false;
    }
  };
  for (let after: string | undefined; ;) {
    const asked = pageSize;
    const listed = await listPage(after);
    if (!listed.ok) {
      yield listed.item;
      break;
    }
    let iris: string[];
    try {
      iris = parseSparqlJsonResults(listed.page.text()).rows.flatMap((row) => {
        const t = row.get('dataset');
        return t?.termType === 'NamedNode' ? [t.value] : [];
      });
    } catch (error) {
      yield state.pageItem(listed.page, []);
      yield state.error(listed.page.url, 'parse', error);
      break;
    }
    const full = iris.length > asked;
    const pageIris = iris.slice(0, asked);
    // A short page ends the walk, unless pages had grown and it holds at least as many rows as the last full page:
    // then an endpoint's row cap (Virtuoso's ResultSetMaxRows truncates silently) may have cut it, and the next
    // page is asked too; an empty answer ends the walk.
    const more = full || (asked > DEFAULT_PAGE && !fixedPage && pageIris.length > 0 && pageIris.length >= fullRows);
    if (full) {
      fullRows = iris.length;
      if (growing && listed.ms < timeoutMs / 2) pageSize = Math.min(MAX_PAGE, pageSize * 2);
    } else growing = false;
    yield state.pageItem(listed.page, []);
    if (pageIris.length > 0 && pageIris.every((iri) => seen.has(iri))) {
      const warning = state.warning(listed.page.url, 'paging', `page after ${after ?? 'the start'} repeats datasets already visited: the endpoint ignores the paging filter; gather incomplete`);
      state.incomplete(warning.message);
      yield warning;
      break;
    }
    const fresh = pageIris.filter((iri) => !seen.has(iri));
    for (const iri of fresh) seen.add(iri);
    // Two batches in flight: the endpoint evaluates the next batch while this one is parsed and split here (and an
    // endpoint with two threads, or two index replicas, works on both). Records still come in the page's order: a
    // batch that fails is described again, in halves, before anything after it, whose answer is set aside.
    let rest = fresh;
    const inFlight: Array<{ chunk: string[]; answer: Promise<Described> }> = [];
    while (rest.length > 0 || inFlight.length > 0) {
      while (inFlight.length < IN_FLIGHT && rest.length > 0) {
        const chunk = rest.slice(0, batch.size);
        rest = rest.slice(chunk.length);
        inFlight.push({ chunk, answer: describe(chunk) });
      }
      const { chunk, answer } = inFlight.shift()!;
      const described = await answer;
      if (!described.ok) {
        if (chunk.length > 1) {
          // Too much for the endpoint at once: the same datasets again, in smaller batches, before the ones after.
          batch.failed(chunk.length);
          const later = inFlight.splice(0);
          await Promise.allSettled(later.map((l) => l.answer));
          rest = [...chunk, ...later.flatMap((l) => l.chunk), ...rest];
          continue;
        }
        yield state.error(source.url, described.stage, `describing ${chunk[0]}: ${described.message}`);
        // An endpoint that cannot describe even single datasets, again and again, is down or refuses the query.
        if (++failedAlone >= MAX_FAILED_ALONE) {
          await Promise.allSettled(inFlight.map((l) => l.answer));
          yield state.warning(source.url, 'fetch', `${MAX_FAILED_ALONE} datasets in a row could not be described; harvest stopped`);
          yield state.end();
          return;
        }
        continue;
      }
      failedAlone = 0;
      batch.answered(chunk.length, described.ms);
      // Records follow the page's ORDER BY, whatever order the CONSTRUCT answer came in.
      const bySubject = new Map(splitDatasets(described.quads).map((split) => [split.subject, split]));
      for (const iri of chunk) {
        const split = bySubject.get(iri);
        if (split === undefined) {
          yield state.warning(listed.page.url, 'split', `dataset ${iri} was listed but not described (deleted meanwhile?)`);
          continue;
        }
        if (!state.takeRecord()) {
          await Promise.allSettled(inFlight.map((l) => l.answer));
          yield state.warning(listed.page.url, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
          yield state.end();
          return;
        }
        yield { kind: 'record', shape: 'quads', pageUrl: listed.page.url, ...split };
      }
    }
    if (!more) break;
    after = pageIris.at(-1);
  }
  yield state.end();
}

/** A SPARQL endpoint answers a query with results, or the URL carries a query; its service description says so. */
export function detectSparql(url: string, first: FirstResponse): boolean {
  const media = first.contentType?.toLowerCase() ?? '';
  return (
    new URL(url).searchParams.has('query') ||
    media.includes('application/sparql-results') ||
    first.body.includes('http://www.w3.org/ns/sparql-service-description#')
  );
}

export const sparql: Harvester = {
  protocol: 'sparql',
  shape: 'quads',
  harvest: harvestSparql,
  detect: detectSparql,
  // An endpoint wants a query: the smallest one.
  probe: { url: (base) => withParams(base, { query: 'ASK {}' }), accept: 'application/sparql-results+json' },
};
