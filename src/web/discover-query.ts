// **discoverQuery** reads the Discover page's address into a search question, with a message per bad field.
import { FACETS } from '../search/facet-definitions.js';
import type { SearchQuery } from '../search/search-query.js';
import { searchQueryFrom, type SearchParams } from '../search/search-params.js';
import { S } from './strings.js';

export const RANGES = ['subjects', 'studies', 'age', 'year'] as const;
export type RangeName = (typeof RANGES)[number];
export const SORTS = ['relevance', 'title', 'modified', 'subjects', 'studies'] as const;
export const PAGE_SIZE = 20;

/** The raw address: every value as typed, so a bad one can be shown back beside its field. */
export type DiscoverParams = Record<string, string | string[] | undefined>;

export interface DiscoverQuery {
  readonly q: string;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly ranges: Readonly<Record<string, string>>;
  readonly sort: (typeof SORTS)[number];
  readonly page: number;
  /** Field name (`subjects_min`) → message; the field is left out of the search. */
  readonly errors: Readonly<Record<string, string>>;
  readonly search: SearchQuery;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: string | string[] | undefined): string => list(v)[0] ?? '';

/** The querystring schema: strings only, so an empty or mistyped field is reported, not refused with a 400. */
export const discoverQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 1000 },
    ...Object.fromEntries(FACETS.map((f) => [f.name, { type: 'array', items: { type: 'string', maxLength: 2048 }, maxItems: 50 }])),
    ...Object.fromEntries(RANGES.flatMap((r) => [`${r}_min`, `${r}_max`]).map((n) => [n, { type: 'string', maxLength: 30 }])),
    sort: { type: 'string', enum: [...SORTS] },
    page: { type: 'integer', minimum: 1, maximum: 100_000 },
  },
} as const;

export function discoverQuery(raw: DiscoverParams): DiscoverQuery {
  const errors: Record<string, string> = {};
  const ranges: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  for (const r of RANGES) {
    for (const end of ['min', 'max'] as const) {
      const name = `${r}_${end}`;
      const text = first(raw[name]).trim();
      if (text === '') continue;
      ranges[name] = text;
      if (/^\d{1,9}$/.test(text)) numbers[name] = Number(text);
      else errors[name] = S.discover.notInteger;
    }
    const min = numbers[`${r}_min`];
    const max = numbers[`${r}_max`];
    if (min !== undefined && max !== undefined && min > max) {
      errors[`${r}_min`] = S.discover.minAboveMax;
      // Neither bound is applied: which one was meant is not known.
      delete numbers[`${r}_min`];
      delete numbers[`${r}_max`];
    }
  }
  const filters: Record<string, string[]> = {};
  for (const f of FACETS) {
    const values = [...new Set(list(raw[f.name]).filter((v) => v !== ''))];
    if (values.length > 0) filters[f.name] = values;
  }
  const q = first(raw.q).trim();
  const sortText = first(raw.sort);
  const sort = (SORTS as readonly string[]).includes(sortText) ? (sortText as DiscoverQuery['sort']) : 'relevance';
  const page = Math.max(1, Number(first(raw.page)) || 1);
  const params: SearchParams = {
    ...filters, ...numbers, page, pageSize: PAGE_SIZE, facetLimit: 500, sort,
    ...(q !== '' && { q }),
  };
  return { q, filters, ranges, sort, page, errors, search: searchQueryFrom(params) };
}

/** The Discover address for a query, changed by `change` (a facet value added or removed, another page). */
export function discoverHref(query: DiscoverQuery, change: { readonly page?: number; readonly toggle?: { facet: string; value: string } } = {}): string {
  const p = new URLSearchParams();
  if (query.q !== '') p.append('q', query.q);
  for (const f of FACETS) {
    let values = [...(query.filters[f.name] ?? [])];
    if (change.toggle?.facet === f.name) {
      values = values.includes(change.toggle.value) ? values.filter((v) => v !== change.toggle!.value) : [...values, change.toggle.value];
    }
    for (const v of values) p.append(f.name, v);
  }
  for (const [name, text] of Object.entries(query.ranges)) p.append(name, text);
  if (query.sort !== 'relevance') p.append('sort', query.sort);
  const page = change.page ?? (change.toggle ? 1 : query.page);
  if (page > 1) p.append('page', String(page));
  const s = p.toString();
  return s === '' ? '/' : `/?${s}`;
}
