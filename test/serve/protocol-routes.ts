// Test helper: one fixture server answering as all five source protocols, each from its own fixture files.
import { startFixtureServer, type FixtureRequest, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { sparqlEndpoint, storeFromFixture } from '../sparql-endpoint.js';

/** CKAN rows per page in the fixtures: feeds registered against it must ask for this page size. */
export const CKAN_ROWS = 2;
export const SPARQL_GRAPH = 'https://sparql.example.eu/graph/eucaim';

/** Where each protocol lives on the server, what a feed registers, and how many records a full harvest yields. */
export const PROTOCOL_CASES = [
  { protocol: 'dcat', path: '/dcat/catalog?page=1', options: {}, records: 6 },
  { protocol: 'ckan', path: '/ckan', options: { pageSize: CKAN_ROWS }, records: 6 },
  { protocol: 'fdp', path: '/fdp', options: {}, records: 3 },
  { protocol: 'sparql', path: '/sparql', options: { pageSize: 2, graph: SPARQL_GRAPH }, records: 6 },
  { protocol: 'oai-pmh', path: '/oai', options: {}, records: 5 },
] as const;

const fdpNode: Record<string, RouteSpec> = Object.fromEntries(
  [
    ['/fdp', 'root'], ['/fdp/catalog/c1', 'catalog-c1'], ['/fdp/catalog/c2', 'catalog-c2'],
    ['/fdp/dataset/d1', 'dataset-d1'], ['/fdp/dataset/d2', 'dataset-d2'], ['/fdp/dataset/d3', 'dataset-d3'],
    ['/fdp/distribution/dist1', 'distribution-dist1'], ['/fdp/distribution/dist2', 'distribution-dist2'],
    ['/fdp/distribution/dist3', 'distribution-dist3'],
  ].map(([route, file]) => [route, { file: `fdp/${file}.ttl` }]),
);

const oaiPages: Record<string, RouteSpec> = { first: { file: 'oai-pmh/list-1.xml' }, 'page2!abc': { file: 'oai-pmh/list-2.xml' }, 'page3!def': { file: 'oai-pmh/list-3.xml' } };

export function protocolRoutes(): Record<string, RouteSpec> {
  return {
    '/dcat/catalog?page=1': { file: 'dcat/paged-1.ttl' },
    '/dcat/catalog?page=2': { file: 'dcat/paged-2.ttl' },
    '/dcat/catalog?page=3': { file: 'dcat/paged-3.ttl' },
    '/ckan/api/3/action/package_search': {
      handler: (req: FixtureRequest) => {
        const pageNo = Number(req.url.searchParams.get('start') ?? 0) / CKAN_ROWS + 1;
        return pageNo <= 3 ? { file: `ckan/page-${pageNo}.json` } : { status: 404 };
      },
    },
    ...fdpNode,
    '/sparql': sparqlEndpoint(storeFromFixture('sparql/endpoint.trig')),
    '/oai': { handler: (req: FixtureRequest) => oaiPages[req.url.searchParams.get('resumptionToken') ?? 'first'] ?? { status: 404 } },
    '/html': { body: '<!doctype html><html><body>Welcome to our repository</body></html>', type: 'text/html' },
  };
}

export function startProtocolServer(extra: Record<string, RouteSpec> = {}): Promise<FixtureServer> {
  return startFixtureServer({ ...protocolRoutes(), ...extra });
}
