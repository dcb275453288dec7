// **harvestFdp** crawls a FAIR Data Point (FDP → catalogs → datasets → distributions) and yields one record per dataset.
import type { Quad } from '@rdfjs/types';
import { NS } from '../../src/core/namespaces.js';
import { formatForMediaType, guessRdfFormat, parseRdf } from '../../src/core/parse-rdf.js';
import { RDF_ACCEPT, readRdfPage } from '../dcat/read-page.js';
import { GatherState } from '../gather-state.js';
import type { FirstResponse, HarvestContext, HarvestItem, Harvester, SourceConfig } from '../harvester.js';
import { describeResource, splitDatasets } from '../split-datasets.js';

const R3D = 'http://www.re3data.org/schema/3-0#';
// Links from a container-like resource (FDP, catalogue, LDP container, series) to resources to crawl.
const CHILD_LINKS = new Set([`${NS.fdp}metadataCatalog`, `${R3D}dataCatalog`, `${NS.ldp}contains`, `${NS.dcat}catalog`, `${NS.dcat}dataset`]);
const DISTRIBUTION = `${NS.dcat}distribution`;
const RDF_TYPE = `${NS.rdf}type`;

type Kind = 'dataset' | 'distribution' | 'container';

// A document about one of these is crawled for children even when it also describes datasets inline.
const CONTAINER_TYPES = new Set([`${NS.fdp}FAIRDataPoint`, `${NS.dcat}Catalog`, `${NS.ldp}DirectContainer`, `${NS.ldp}BasicContainer`,
  `${NS.ldp}Container`, `${NS.dcat}DatasetSeries`]);

const withoutHash = (iri: string): string => (URL.canParse(iri) ? Object.assign(new URL(iri), { hash: '' }).href : iri);

/**
 * Breadth-first crawl from `source.url`, staying on its origin. Containers (the FDP, catalogues, LDP
 * containers, dataset series) are read for child links; a dataset document becomes a record together
 * with its distributions, fetched when they live in documents of their own. A dataset or distribution
 * reached from a second parent is handled once, silently; a link back to a container already crawled
 * is a cycle and gets a warning. A resource that fails is reported and the rest of the crawl goes on.
 * Conditional GET applies to containers only (a 304 walks the remembered children); datasets are
 * always read in full because their distributions may change without them.
 */
export async function* harvestFdp(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const origin = new URL(source.url).origin;
  const kinds = new Map<string, Kind>();
  const distributions = new Map<string, Quad[]>();
  const queued = new Set<string>([source.url]);
  const queue: string[] = [source.url];
  while (queue.length > 0) {
    const url = queue.shift()!;
    const outcome = await state.open(url, { accept: RDF_ACCEPT }, { conditional: true, crawl: true });
    if (!outcome.ok) {
      // Reached again under the URL an earlier redirect led to: already read, nothing to report.
      if (outcome.cause === 'repeat') continue;
      yield outcome.item;
      // A failed resource loses its branch only; the page cap ends the crawl.
      if (outcome.cause === 'cap') break;
      continue;
    }
    const { page } = outcome;
    if (page.notModified) {
      yield state.pageItem(page, outcome.memo?.links ?? []);
      for (const link of outcome.memo?.links ?? []) yield* enqueue(link, url);
      continue;
    }
    const read = await readRdfPage(page, source.format);
    if (!read.ok) {
      yield state.pageItem(page, []);
      yield state.error(page.url, 'parse', read.message);
      continue;
    }
    const main = mainTypes(read.quads, url, page.url);
    if (main.has(`${NS.dcat}Dataset`) && ![...CONTAINER_TYPES].some((t) => main.has(t))) {
      kinds.set(url, 'dataset');
      // A dataset document is re-read every run, so it leaves no links in the memo.
      yield state.pageItem(page, []);
      yield* datasetRecords(read.quads, page.url);
      if (state.recordCapReached && queue.length > 0) {
        yield state.warning(page.url, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
        state.incomplete(`record cap of ${state.limits.maxRecords} reached`);
        break;
      }
      continue;
    }
    kinds.set(url, main.has(`${NS.dcat}Distribution`) ? 'distribution' : 'container');
    const children = linksFrom(read.quads, CHILD_LINKS, origin);
    yield state.pageItem(page, children);
    // Datasets described in a container's own document (a series, or a whole tree served as one
    // document) are records here, unless they are children the crawl will read from their own URL.
    const crawled = new Set([...children, ...queued]);
    yield* datasetRecords(read.quads, page.url, (subject) => !crawled.has(withoutHash(subject)));
    for (const link of children) yield* enqueue(link, url);
  }
  yield state.end();

  function* enqueue(link: string, from: string): Iterable<HarvestItem> {
    if (queued.has(link)) {
      if (kinds.get(link) === 'container' && state.seen(link)) {
        yield state.warning(from, 'paging', `${from} links back to ${link}, already visited; cycle not followed`);
      }
      return;
    }
    queued.add(link);
    queue.push(link);
  }

  async function* datasetRecords(quads: Quad[], pageUrl: string, keep: (subject: string) => boolean = () => true): AsyncIterable<HarvestItem> {
    for (const split of splitDatasets(quads)) {
      if (!keep(split.subject) || !state.firstSighting(split.subject)) continue;
      // Check the cap before fetching distributions that would be thrown away.
      if (state.recordCapReached) {
        yield state.warning(pageUrl, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
        state.incomplete(`record cap of ${state.limits.maxRecords} reached`);
        return;
      }
      const extra: Quad[] = [];
      const described = new Set(split.quads.map((q) => q.subject.value));
      for (const dist of linksFrom(split.quads, new Set([DISTRIBUTION]), origin)) {
        if (described.has(dist)) continue;
        // A distribution shared by two datasets is fetched once and described in both records.
        const known = distributions.get(dist);
        if (known !== undefined || kinds.has(dist)) {
          extra.push(...(known ?? []));
          continue;
        }
        kinds.set(dist, 'distribution');
        const got = await state.open(dist, { accept: RDF_ACCEPT }, { crawl: true });
        if (!got.ok) {
          if (got.cause !== 'repeat') yield got.item;
          continue;
        }
        const distRead = await readRdfPage(got.page, source.format);
        yield state.pageItem(got.page, []);
        if (!distRead.ok) {
          yield state.error(got.page.url, 'parse', distRead.message);
          continue;
        }
        const description = describeResource(distRead.quads, dist);
        distributions.set(dist, description);
        extra.push(...description);
      }
      state.takeRecord();
      yield { kind: 'record', shape: 'quads', pageUrl, ...split, quads: [...split.quads, ...extra] };
    }
  }
}

/** The types of the resource the document is about: the one named by the URL, else every typed subject. */
function mainTypes(quads: readonly Quad[], requested: string, final: string): Set<string> {
  const own = quads.filter((q) => q.predicate.value === RDF_TYPE && (q.subject.value === requested || q.subject.value === final));
  return new Set((own.length > 0 ? own : quads.filter((q) => q.predicate.value === RDF_TYPE)).map((q) => q.object.value));
}

/** Objects of `predicates` that are IRIs on the crawl's origin, fragment removed, first-seen order. */
function linksFrom(quads: readonly Quad[], predicates: ReadonlySet<string>, origin: string): string[] {
  const out = new Set<string>();
  for (const q of quads) {
    if (!predicates.has(q.predicate.value) || q.object.termType !== 'NamedNode') continue;
    const url = URL.canParse(q.object.value) ? new URL(q.object.value) : undefined;
    if (!url || url.origin !== origin) continue;
    out.add(withoutHash(url.href));
  }
  return [...out];
}

const LDP_CONTAINS = `${NS.ldp}contains`;
const FDP_ROOT_TYPES = new Set([`${NS.fdp}FAIRDataPoint`, `${R3D}Repository`]);
const FDP_LINKS = new Set([`${NS.fdp}metadataCatalog`, `${R3D}dataCatalog`]);
const CATALOG_CHILDREN = new Set([`${NS.dcat}catalog`, `${NS.dcat}dataset`]);
// Only the first answer is parsed to recognise an FDP: roots are small; a big document is not a root.
const DETECT_MAX_CHARS = 256 * 1024;

/**
 * Recognises an FDP by what the reference implementation serves, in any RDF syntax: a root typed
 * `fdp-o:FAIRDataPoint` or `r3d:Repository`, `fdp-o:metadataCatalog`/`r3d:dataCatalog` links, LDP
 * containers (`ldp:contains`), or a `dcat:Catalog` whose catalogues and datasets are only linked, each to
 * be read from its own URL. A DCAT document describing its datasets itself is not an FDP: the dcat
 * adapter reads it whole, with its Hydra pages. The body is parsed (never pattern-matched), so a
 * literal mentioning "FAIRDataPoint" decides nothing.
 */
export async function detectFdp(url: string, first: FirstResponse): Promise<boolean> {
  if (first.body.length > DETECT_MAX_CHARS) return false;
  const media = first.contentType?.split(';')[0]!.trim().toLowerCase();
  const declared = media === undefined ? undefined : formatForMediaType(media);
  let quads: Quad[];
  try {
    quads = await parseRdf(first.body, { format: declared ?? guessRdfFormat(first.body.slice(0, 2048), new URL(url).pathname), baseIri: url });
  } catch {
    return false;
  }
  const described = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE && FDP_ROOT_TYPES.has(q.object.value)) return true;
    if (FDP_LINKS.has(q.predicate.value) || q.predicate.value === LDP_CONTAINS) return true;
    if (q.predicate.value !== RDF_TYPE) described.add(q.subject.value);
  }
  const catalogs = new Set(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${NS.dcat}Catalog`).map((q) => q.subject.value));
  const children = quads.filter((q) => catalogs.has(q.subject.value) && CATALOG_CHILDREN.has(q.predicate.value) && q.object.termType === 'NamedNode');
  return children.length > 0 && children.every((q) => !described.has(q.object.value));
}

export const fdp: Harvester = { protocol: 'fdp', shape: 'quads', harvest: harvestFdp, detect: detectFdp };
