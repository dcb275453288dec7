// **searchQueryFrom** reads the search contract's query string (GET /api/search, the Discover page) into the index's question.
import { FACETS } from './facet-definitions.js';
import type { Range, SearchQuery } from './search-query.js';

/** The query string `GET /api/search` accepts (and the Discover page, which asks the same service). */
export type SearchParams = Record<string, unknown> & { q?: string; sort?: SearchQuery['sort']; page: number; pageSize: number; facetLimit: number };

function range(p: SearchParams, name: string): Range | undefined {
  const min = p[`${name}_min`] as number | undefined;
  const max = p[`${name}_max`] as number | undefined;
  return min === undefined && max === undefined ? undefined : { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
}

/** The search index's question for a validated query string (facet arrays, ranges, sort, paging). */
export function searchQueryFrom(p: SearchParams): SearchQuery {
  const filters: Record<string, string[]> = {};
  for (const f of FACETS) if (Array.isArray(p[f.name])) filters[f.name] = p[f.name] as string[];
  const subjects = range(p, 'subjects');
  const studies = range(p, 'studies');
  const age = range(p, 'age');
  const years = range(p, 'year');
  return {
    filters, page: p.page, pageSize: p.pageSize, facetLimit: p.facetLimit,
    ...(p.q !== undefined && { q: p.q }), ...(p.sort && { sort: p.sort }),
    ...(subjects && { subjects }), ...(studies && { studies }), ...(age && { age }), ...(years && { years }),
  };
}
