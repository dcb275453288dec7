// **harvestQueries** loads the SPARQL harvester's two queries from queries/*.rq, checks them once, and fills them per page.
import sparqljs from 'sparqljs';
import { DataFactory } from 'n3';
import { QueryFile } from '../../src/core/query-file.js';

const { literal, namedNode, variable } = DataFactory;

// Loaded and parsed at module load (QueryFile, the one .rq loader): a broken file fails at start-up, not mid-harvest.
const PAGE = QueryFile.load('sparql-harvest-page').parsed as sparqljs.SelectQuery;
const DESCRIBE = QueryFile.load('sparql-harvest-describe').parsed as sparqljs.ConstructQuery;
const generator = new sparqljs.Generator();

function inGraph(where: sparqljs.Pattern[], graph: string | undefined): sparqljs.Pattern[] {
  return graph === undefined ? where : [{ type: 'graph', name: namedNode(graph), patterns: where } as sparqljs.GraphPattern];
}

/**
 * SELECT of dataset IRIs ordered by their string after `after` (the last IRI of the page before; none for the first
 * page), asking for one more than `pageSize` to learn whether more follow. Keyed pages, not OFFSET: an endpoint's
 * sorted-row limit (Virtuoso's MaxSortedTopRows) then bounds only the page, never how deep the walk goes.
 */
export function pageQuery({ pageSize, after, graph }: { pageSize: number; after?: string; graph?: string }): string {
  const where = [...(PAGE.where ?? [])];
  if (after !== undefined) {
    const str = { type: 'operation', operator: 'str', args: [variable('dataset')] };
    where.push({ type: 'filter', expression: { type: 'operation', operator: '>', args: [str, literal(after)] } } as sparqljs.FilterPattern);
  }
  return generator.stringify({ ...PAGE, limit: pageSize + 1, where: inGraph(where, graph) });
}

/** CONSTRUCT describing `datasets` (IRIs) and their nearby nodes: every `VALUES ?dataset` block of the query is filled. */
export function describeQuery({ datasets, graph }: { datasets: readonly string[]; graph?: string }): string {
  const rows = datasets.map((iri) => ({ '?dataset': namedNode(iri) })) as unknown as sparqljs.ValuePatternRow[];
  let filled = 0;
  const fill = (patterns: readonly sparqljs.Pattern[]): sparqljs.Pattern[] =>
    patterns.map((p) => {
      if (p.type === 'values') {
        filled += 1;
        return { type: 'values', values: rows } as sparqljs.ValuesPattern;
      }
      if ((p.type === 'group' || p.type === 'union' || p.type === 'optional' || p.type === 'minus') && 'patterns' in p) {
        return { ...p, patterns: fill(p.patterns) } as sparqljs.Pattern;
      }
      return p;
    });
  const where = fill(DESCRIBE.where ?? []);
  if (filled === 0) throw new Error('sparql-harvest-describe.rq must name the datasets in a VALUES ?dataset block');
  return generator.stringify({ ...DESCRIBE, where: inGraph(where, graph) });
}
