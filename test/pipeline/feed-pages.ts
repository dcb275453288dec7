// **feedPages** authors Hydra-paged DCAT-AP Turtle pages for runner tests, so each case can change the source.
import { createHash } from 'node:crypto';
import type { Feed } from '../../src/pipeline/feed.js';
import type { RouteSpec } from '../fixture-server.js';

export const DS = (i: number): string => `https://data.example.org/dataset/ds-${i}`;

/** One dataset; `version` changes its title, so its hash changes. */
export function datasetTtl(i: number, version = 1): string {
  return `<${DS(i)}> a dcat:Dataset ;
  dct:identifier "DS-${i}" ;
  dct:title "Imaging cohort ${i} v${version}"@en ;
  dct:description "Synthetic cohort ${i} for the harvest runner tests."@en ;
  dct:issued "2025-01-0${(i % 9) + 1}"^^xsd:date ;
  dct:modified "2026-01-0${(i % 9) + 1}T08:00:00Z"^^xsd:dateTime ;
  dcat:keyword "imaging"@en ;
  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> ;
  dct:publisher <https://data.example.org/agent/site> ;
  dcat:contactPoint [ a vcard:Kind ; vcard:fn "Data desk" ; vcard:hasEmail <mailto:desk@example.org> ] ;
  dcat:distribution <${DS(i)}/csv> .
<${DS(i)}/csv> a dcat:Distribution ;
  dcat:accessURL <https://data.example.org/files/${i}.csv> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> .
<https://data.example.org/agent/site> a foaf:Agent ; foaf:name "Example site" .
`;
}

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
`;

/** A page of the feed at `/feed?page=N`, listing `ids` (with versions) and linking to the next page. */
export function pageTtl(page: number, ids: readonly number[], options: { last: number; versions?: ReadonlyMap<number, number> }): string {
  const self = `{{base}}/feed?page=${page}`;
  const next = page < options.last ? ` ;\n  hydra:next <{{base}}/feed?page=${page + 1}>` : '';
  return `${PREFIXES}<${self}> a hydra:PartialCollectionView${next} .\n${ids.map((i) => datasetTtl(i, options.versions?.get(i) ?? 1)).join('')}`;
}

/**
 * Routes for a feed of `pages` pages with `perPage` datasets each (ids from 0); the `source` object may be
 * changed between runs (drop ids, bump versions, fail a page) and the server answers accordingly.
 */
export interface MutableSource {
  pages: number;
  perPage: number;
  dropped: Set<number>;
  versions: Map<number, number>;
  failing: Map<number, number>;
  conditional: boolean;
  delayMs: number;
}

export function mutableSource(pages = 3, perPage = 4): MutableSource {
  return { pages, perPage, dropped: new Set(), versions: new Map(), failing: new Map(), conditional: true, delayMs: 0 };
}

export function feedRoutes(src: MutableSource): Record<string, RouteSpec> {
  return {
    '/feed': {
      handler: (req): RouteSpec => {
        const page = Number(req.url.searchParams.get('page') ?? '1');
        const status = src.failing.get(page);
        if (status !== undefined) return { status, body: 'unavailable' };
        const ids = Array.from({ length: src.perPage }, (_, k) => (page - 1) * src.perPage + k).filter((i) => !src.dropped.has(i));
        const body = pageTtl(page, ids, { last: src.pages, versions: src.versions });
        // ETag only (If-None-Match wins over dates, RFC 9110): a changed page must never answer 304.
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        const headers: Record<string, string> = src.conditional ? { etag } : {};
        if (src.conditional && req.headers['if-none-match'] === etag) return { status: 304, body: '', headers, delayMs: src.delayMs };
        return { body, type: 'text/turtle', headers, delayMs: src.delayMs };
      },
    },
  };
}

export function testFeed(url: string, overrides: Partial<Feed> = {}): Feed {
  return {
    id: 'feed-a', url, protocol: 'dcat', schedule: '0 3 * * *', title: 'Test feed', profile: 'dcat-ap', policy: 'store-and-flag',
    owner: 'test', local: false, maxWithdrawShare: 0.3, options: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
