// **harvestQueries** loads the SPARQL harvester's two queries from queries/*.rq, checks them once, and fills them per page.
import sparqljs from 'sparqljs';
import { DataFactory } from 'n3';
import { QueryFile } from '../../src/core/query-file.js';

const { namedNode } = DataFactory;

// Loaded and parsed at module load (QueryFile, the one .rq loader): a broken file fails at start-up, not mid-harvest.
const PAGE = QueryFile.load('sparql-harvest-page').parsed as sparqljs.SelectQuery;
const DESCRIBE = QueryFile.load('sparql-harvest-describe').parsed as sparqljs.ConstructQuery;
const generator = new sparqljs.Generator();

function inGraph(where: sparqljs.Pattern[], graph: string | undefined): sparqljs.Pattern[] {
  return graph === undefined ? where : [{ type: 'graph', name: namedNode(graph), patterns: where } as sparqljs.GraphPattern];
}

/** SELECT of dataset IRIs from `offset`, asking for one more than `pageSize` to learn whether more follow. */
export function pageQuery({ pageSize, offset, graph }: { pageSize: number; offset: number; graph?: string }): string {
  return generator.stringify({ ...PAGE, limit: pageSize + 1, offset, where: inGraph(PAGE.where ?? [], graph) });
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
