// **SparqlDialect** holds what differs between remote SPARQL servers: which graphs are the server's own.

/** How to hide a server's internal graphs so queries see only what sheaf wrote. */
export interface SparqlDialect {
  readonly name: 'virtuoso' | 'standard';
  /** Prepended to a query (before PREFIX/BASE); empty for standard servers. */
  queryPrologue(dataset: { readonly defaultGraphs: boolean; readonly namedGraphs: boolean; readonly query: string }): string;
  /** Graphs that belong to the server, never listed. */
  isSystemGraph(iri: string): boolean;
  /** Request parameter that makes the server itself stop a query after that many ms, if it has one. */
  readonly timeoutParameter?: string;
  /** True when an answer was cut short by the server's own time limit (a partial result, not an answer). */
  interrupted(headers: Headers): boolean;
}

// Graphs a fresh Virtuoso 7.2 holds (~2,500 quads): its RDF views, LDP and URIQA descriptions. Some VAD
// packages add their own under the same hosts.
const VIRTUOSO_SYSTEM_GRAPHS = [
  'http://www.openlinksw.com/schemas/virtrdf#',
  'http://www.w3.org/ns/ldp#',
  'http://localuriqaserver/sparql',
  'http://www.w3.org/2002/07/owl#',
];
const VIRTUOSO_SYSTEM_PREFIXES = ['http://www.openlinksw.com/', 'http://localuriqaserver/'];

/** `GRAPH <iri> {` or `GRAPH prefix:name {`, i.e. a GRAPH pattern whose graph is a constant. */
const CONSTANT_GRAPH = /\bGRAPH\s*(?:<[^>\s]*>|[A-Za-z][\w.-]*:[^\s{]*|:[^\s{]*)\s*\{/i;
const DESCRIBE_MODE = 'define sql:describe-mode "CBD"\n';
const EXCLUDE_DEFAULT = VIRTUOSO_SYSTEM_GRAPHS.map((g) => `define input:default-graph-exclude <${g}>\n`).join('');
const EXCLUDE_NAMED = VIRTUOSO_SYSTEM_GRAPHS.map((g) => `define input:named-graph-exclude <${g}>\n`).join('');

export const standardDialect: SparqlDialect = Object.freeze({
  name: 'standard',
  queryPrologue: () => '',
  isSystemGraph: () => false,
  interrupted: () => false,
});

/**
 * Virtuoso's default graph is the union of all graphs, its system graphs included; the interface says
 * the union of the named graphs sheaf wrote. Its `define input:*-graph-exclude` pragmas do exactly that.
 */
export const virtuosoDialect: SparqlDialect = Object.freeze({
  name: 'virtuoso',
  // An explicit default-graph-uri / named-graph-uri already names the graphs, so nothing to exclude.
  // Virtuoso 7.2 bug: with any *-graph-exclude pragma, `GRAPH <iri> { … }` matches nothing (GRAPH ?g with
  // VALUES or FILTER still works). Such queries address their graphs by name, so they go without.
  // Its default DESCRIBE mode answers nothing without FROM; CBD is what other stores give.
  queryPrologue: (dataset: { readonly defaultGraphs: boolean; readonly namedGraphs: boolean; readonly query: string }) =>
    DESCRIBE_MODE +
    (CONSTANT_GRAPH.test(dataset.query)
      ? ''
      : (dataset.defaultGraphs ? '' : EXCLUDE_DEFAULT) + (dataset.namedGraphs ? '' : EXCLUDE_NAMED)),
  isSystemGraph: (iri: string) =>
    VIRTUOSO_SYSTEM_GRAPHS.includes(iri) || VIRTUOSO_SYSTEM_PREFIXES.some((p) => iri.startsWith(p)),
  // Without it a query the client gave up on keeps a server thread busy. Virtuoso then answers 200 with
  // whatever it had ("anytime query") and flags it with SQL state S1TAT: that must not pass as a result.
  timeoutParameter: 'timeout',
  interrupted: (headers: Headers) => headers.get('x-sql-state') === 'S1TAT',
});

/** Picks the dialect from the `Server` header of any response. */
export function dialectFromServer(serverHeader: string | null): SparqlDialect {
  return serverHeader && /virtuoso/i.test(serverHeader) ? virtuosoDialect : standardDialect;
}
