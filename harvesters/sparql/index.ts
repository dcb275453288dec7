// **harvestSparql** pages dataset IRIs from a remote SPARQL endpoint and CONSTRUCTs each page's records.
import { parseSparqlJsonResults } from '../../src/core/sparql-json-results.js';
import { readRdfPage } from '../dcat/read-page.js';
import { GatherState } from '../gather-state.js';
import type { FirstResponse, HarvestContext, HarvestItem, Harvester, SourceConfig } from '../harvester.js';
import { splitDatasets } from '../split-datasets.js';
import { describeQuery, pageQuery } from './harvest-queries.js';

const DEFAULT_PAGE = 100;

/**
 * For each page: a SELECT (GET, so the page has a real URL) lists dataset IRIs ORDER BY IRI with
 * LIMIT/OFFSET, then one CONSTRUCT (POST, the VALUES list can be long) describes them, and the graph
 * is split per dataset. A page whose IRIs were all seen before means the endpoint ignores OFFSET:
 * paging stops with a warning. A failed CONSTRUCT loses that page only; a failed SELECT ends paging.
 */
export async function* harvestSparql(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem> {
  const state = new GatherState(source, ctx);
  const pageSize = source.pageSize ?? DEFAULT_PAGE;
  const seen = new Set<string>();
  for (let offset = 0; ; offset += pageSize) {
    const url = new URL(source.url);
    url.searchParams.set('query', pageQuery({ pageSize, offset, graph: source.graph }));
    const listed = await state.open(url.href, { accept: 'application/sparql-results+json' });
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
    const more = iris.length > pageSize;
    const pageIris = iris.slice(0, pageSize);
    yield state.pageItem(listed.page, []);
    if (pageIris.length > 0 && pageIris.every((iri) => seen.has(iri))) {
      const warning = state.warning(listed.page.url, 'paging', `page at OFFSET ${offset} repeats datasets already visited: the endpoint ignores OFFSET; gather incomplete`);
      state.incomplete(warning.message);
      yield warning;
      break;
    }
    const fresh = pageIris.filter((iri) => !seen.has(iri));
    for (const iri of fresh) seen.add(iri);
    if (fresh.length > 0) {
      const described = await state.fetch(
        source.url,
        { method: 'POST', body: new URLSearchParams({ query: describeQuery({ datasets: fresh, graph: source.graph }) }).toString(), accept: 'application/n-triples, text/turtle;q=0.9' },
        false,
      );
      if (!described.ok) {
        yield described.error;
      } else {
        const read = await readRdfPage(described.page);
        if (!read.ok) {
          yield state.error(source.url, 'parse', read.message);
        } else {
          // Records follow the page's ORDER BY, whatever order the CONSTRUCT answer came in.
          const bySubject = new Map(splitDatasets(read.quads).map((split) => [split.subject, split]));
          for (const iri of fresh) {
            const split = bySubject.get(iri);
            if (split === undefined) {
              yield state.warning(listed.page.url, 'split', `dataset ${iri} was listed but not described (deleted meanwhile?)`);
              continue;
            }
            if (!state.takeRecord()) {
              yield state.warning(listed.page.url, 'split', `record cap of ${state.limits.maxRecords} reached; gather incomplete`);
              yield state.end();
              return;
            }
            yield { kind: 'record', shape: 'quads', pageUrl: listed.page.url, ...split };
          }
        }
      }
    }
    if (!more) break;
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

export const sparql: Harvester = { protocol: 'sparql', harvest: harvestSparql, detect: detectSparql };
