// The /sparql endpoint: query forms, datasets, negotiation, updates and their auth, limits and refusals.
import { describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { ADMIN_TOKEN, sparqlApp } from './sparql-app.js';

const EX = 'http://example.org/';
const DATA = `@prefix ex: <${EX}> . ex:a ex:p "one"@en ; ex:q 1 . ex:b ex:p "two" .`;
const q = (query: string) => `/sparql?query=${encodeURIComponent(query)}`;

describe('SPARQL protocol endpoint', () => {
  it('answers the README quick-start ASK {} with true in SPARQL JSON', async () => {
    const { app } = await sparqlApp();
    const res = await app.inject({ url: '/sparql?query=ASK%7B%7D' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(res.json()).toEqual({ head: {}, boolean: true });
  });

  it.each([
    ['GET', { url: q(`SELECT ?o WHERE { <${EX}a> <${EX}p> ?o }`) }],
    ['form POST', { method: 'POST' as const, url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `query=${encodeURIComponent(`SELECT ?o WHERE { <${EX}a> <${EX}p> ?o }`)}` }],
    ['direct POST', { method: 'POST' as const, url: '/sparql', headers: { 'content-type': 'application/sparql-query' },
      payload: `SELECT ?o WHERE { <${EX}a> <${EX}p> ?o }` }],
  ])('runs a SELECT sent by %s', async (_how, request) => {
    const { app, seed } = await sparqlApp();
    await seed(`${EX}g1`, DATA);
    const res = await app.inject(request);
    expect(res.statusCode).toBe(200);
    expect(res.json().results.bindings).toEqual([{ o: { type: 'literal', value: 'one', 'xml:lang': 'en' } }]);
  });

  const selectFormats: Array<[string, RegExp]> = [
    ['application/sparql-results+json', /"value":"two"/],
    ['application/sparql-results+xml', /<literal>two<\/literal>/],
    ['text/csv', /^o\r\ntwo\r\n$/],
    ['text/tab-separated-values', /^\?o\n"two"\n$/],
  ];
  it('serialises SELECT results as SPARQL JSON, XML, CSV and TSV by Accept', async () => {
    const { app, seed } = await sparqlApp();
    await seed(`${EX}g1`, DATA);
    for (const [accept, body] of selectFormats) {
      const res = await app.inject({ url: q(`SELECT ?o WHERE { <${EX}b> <${EX}p> ?o }`), headers: { accept } });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type'], accept).toContain(accept);
      expect(res.headers.vary, accept).toContain('Accept');
      expect(res.body, accept).toMatch(body);
    }
  });

  const graphFormats: Array<[string, string]> = [
    ['text/turtle', 'text/turtle'],
    ['application/n-triples', 'application/n-triples'],
    ['application/n-quads', 'application/n-quads'],
  ];
  it('serialises CONSTRUCT results as Turtle, N-Triples and N-Quads by Accept', async () => {
    const { app, seed } = await sparqlApp();
    await seed(`${EX}g1`, DATA);
    for (const [accept, parserFormat] of graphFormats) {
      const res = await app.inject({ url: q('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }'), headers: { accept } });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type'], accept).toContain(accept);
      expect(new Parser({ format: parserFormat }).parse(res.body), accept).toHaveLength(3);
    }
  });

  it('serialises DESCRIBE as JSON-LD and RDF/XML', async () => {
    const { app, seed } = await sparqlApp();
    await seed(`${EX}g1`, DATA);
    const jsonld = await app.inject({ url: q(`DESCRIBE <${EX}a>`), headers: { accept: 'application/ld+json' } });
    expect(jsonld.headers['content-type']).toContain('application/ld+json');
    expect(JSON.stringify(jsonld.json())).toContain('"one"');
    const rdfxml = await app.inject({ url: q(`DESCRIBE <${EX}a>`), headers: { accept: 'application/rdf+xml' } });
    expect(rdfxml.headers['content-type']).toContain('application/rdf+xml');
    expect(rdfxml.body).toContain(`<rdf:Description rdf:about="${EX}a">`);
  });

  it('answers 406 problem+json for an Accept it cannot meet, before running the query', async () => {
    const { app } = await sparqlApp();
    const select = await app.inject({ url: q('SELECT * {}'), headers: { accept: 'text/turtle' } });
    expect(select.statusCode).toBe(406);
    expect(select.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(select.json()).toMatchObject({ status: 406, code: 'CAT_ERR_NOT_ACCEPTABLE' });
    const construct = await app.inject({ url: q('CONSTRUCT WHERE { ?s ?p ?o }'), headers: { accept: 'text/csv' } });
    expect(construct.statusCode).toBe(406);
  });

  it('serves a service description on GET without a query, negotiated', async () => {
    const { app } = await sparqlApp();
    const turtle = await app.inject({ url: '/sparql' });
    expect(turtle.headers['content-type']).toContain('text/turtle');
    const quads = new Parser().parse(turtle.body);
    expect(quads.some((x) => x.predicate.value.endsWith('#endpoint') && x.object.value === 'http://sheaf.test/sparql')).toBe(true);
    const jsonld = await app.inject({ url: '/sparql', headers: { accept: 'application/ld+json' } });
    expect(jsonld.json()['@context'].sd).toBe('http://www.w3.org/ns/sparql-service-description#');
    expect(JSON.stringify(jsonld.json())).toContain('"@type":["sd:Service"]');
  });

  it('applies default-graph-uri and named-graph-uri, overriding FROM', async () => {
    const { app, seed } = await sparqlApp();
    await seed(`${EX}g1`, `<${EX}x> <${EX}in> "g1" .`);
    await seed(`${EX}g2`, `<${EX}x> <${EX}in> "g2" .`);
    const values = async (url: string) => (await app.inject({ url })).json().results.bindings.map((b: { v: { value: string } }) => b.v.value).sort();
    expect(await values(q('SELECT ?v { ?s ?p ?v }'))).toEqual(['g1', 'g2']);
    expect(await values(`${q('SELECT ?v { ?s ?p ?v }')}&default-graph-uri=${encodeURIComponent(`${EX}g2`)}`)).toEqual(['g2']);
    expect(await values(q(`SELECT ?v FROM <${EX}g1> { ?s ?p ?v }`))).toEqual(['g1']);
    expect(await values(`${q(`SELECT ?v FROM <${EX}g1> { ?s ?p ?v }`)}&default-graph-uri=${encodeURIComponent(`${EX}g2`)}`)).toEqual(['g2']);
    expect(await values(`${q('SELECT ?v { GRAPH ?g { ?s ?p ?v } }')}&named-graph-uri=${encodeURIComponent(`${EX}g1`)}`)).toEqual(['g1']);
  });

  it('answers 400 CAT_ERR_BAD_QUERY with the parser message and position', async () => {
    const { app } = await sparqlApp();
    const res = await app.inject({ url: q('SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = }') });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CAT_ERR_BAD_QUERY');
    expect(res.json().detail).toMatch(/line 3, column \d+: Parse error/);
    expect(res.json()).toMatchObject({ line: 3, column: 14 });
  });

  const updaters: Array<[string, string | undefined, number]> = [
    ['no token', undefined, 401],
    ['a token that is not the admin token', 'Bearer nope', 403],
    ['the admin token', `Bearer ${ADMIN_TOKEN}`, 204],
  ];
  it('takes updates from the admin token only (401 without a token, 403 with another token)', async () => {
    const { app } = await sparqlApp();
    for (const [who, authorization, status] of updaters) {
      const res = await app.inject({
        method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update', ...(authorization && { authorization }) },
        payload: `INSERT DATA { GRAPH <${EX}g> { <${EX}s> <${EX}p> <rel> } }`,
      });
      expect(res.statusCode, who).toBe(status);
      if (status === 401) expect(res.json().code, who).toBe('CAT_ERR_UNAUTHORIZED');
      if (status === 403) expect(res.json().code, who).toBe('CAT_ERR_FORBIDDEN');
      const ask = await app.inject({ url: q(`ASK { <${EX}s> <${EX}p> <http://sheaf.test/rel> }`) });
      // Relative IRIs resolve against the endpoint URL (built from SHEAF_BASE_URL).
      expect(ask.json().boolean, who).toBe(status === 204);
    }
  });

  it('refuses updates sent by GET and queries sent as updates', async () => {
    const { app } = await sparqlApp();
    expect((await app.inject({ url: '/sparql?update=CLEAR%20ALL' })).statusCode).toBe(400);
    const res = await app.inject({
      method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${ADMIN_TOKEN}` }, payload: 'ASK {}',
    });
    expect(res.json().code).toBe('CAT_ERR_BAD_QUERY');
  });

  it('fails with CAT_ERR_RESULT_TOO_LARGE instead of truncating', async () => {
    const { app, seed } = await sparqlApp({ resultCap: 3 });
    await seed(`${EX}g`, [1, 2, 3, 4, 5].map((i) => `<${EX}s${i}> <${EX}p> ${i} .`).join('\n'));
    const count = async (query: string) => {
      const res = await app.inject({ url: q(query) });
      return res.statusCode === 200 ? res.json().results.bindings.length : res.json().code;
    };
    expect(await count('SELECT * { ?s ?p ?o }')).toBe('CAT_ERR_RESULT_TOO_LARGE');
    expect(await count('SELECT * { ?s ?p ?o } LIMIT 10')).toBe('CAT_ERR_RESULT_TOO_LARGE');
    expect(await count('SELECT * { ?s ?p ?o } LIMIT 3')).toBe(3);
    expect(await count('SELECT * { ?s ?p ?o FILTER(?o <= 3) }')).toBe(3);
    const construct = await app.inject({ url: q('CONSTRUCT WHERE { ?s ?p ?o }') });
    expect(construct.json()).toMatchObject({ status: 400, code: 'CAT_ERR_RESULT_TOO_LARGE' });
  });

  it('stops a query at the configured timeout with CAT_ERR_QUERY_TIMEOUT', async () => {
    const { app } = await sparqlApp({ queryTimeoutMs: 100 });
    const values = Array.from({ length: 200 }, (_, i) => i).join(' ');
    const res = await app.inject({ url: q(`SELECT (COUNT(*) AS ?n) { VALUES ?a {${values}} VALUES ?b {${values}} VALUES ?c {${values}} }`) });
    expect(res.json()).toMatchObject({ code: 'CAT_ERR_QUERY_TIMEOUT' });
    expect(res.statusCode).toBe(503);
  });

  const services: Array<[string, string]> = [
    ['a non-peer endpoint', 'SELECT * { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }'],
    ['a variable endpoint', 'SELECT * { ?x ?y ?e SERVICE ?e { ?s ?p ?o } }'],
    ['a non-peer inside EXISTS', 'ASK { FILTER EXISTS { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } }'],
  ];
  it('refuses SERVICE to anything but configured peers', async () => {
    const { app } = await sparqlApp({ peers: ['http://peer.example/sparql'] });
    for (const [what, query] of services) {
      const res = await app.inject({ url: q(query) });
      expect(res.statusCode, what).toBe(400);
      expect(res.json().code, what).toBe('CAT_ERR_SERVICE_NOT_ALLOWED');
    }
  });

  it('lets SERVICE name a peer by the SPARQL endpoint its SHEAF_PEERS entry stands for', async () => {
    const { app } = await sparqlApp({ peers: ['sheaf:http://peer.example/', 'sparql:http://other.example/query'] });
    for (const endpoint of ['http://peer.example/sparql', 'http://other.example/query']) {
      const res = await app.inject({ url: q(`SELECT * { SERVICE <${endpoint}> { ?s ?p ?o } }`) });
      // Past the allow-list; the embedded engine then says it cannot call out (a remote store backend may).
      expect(res.json().code, endpoint).not.toBe('CAT_ERR_SERVICE_NOT_ALLOWED');
      expect(res.json().detail, endpoint).toContain(endpoint);
    }
    const entryAsTyped = await app.inject({ url: q('SELECT * { SERVICE <http://peer.example/> { ?s ?p ?o } }') });
    expect(entryAsTyped.json().code).toBe('CAT_ERR_SERVICE_NOT_ALLOWED');
  });

  it('answers 413 for a body over the limit', async () => {
    const { app } = await sparqlApp({ bodyLimitBytes: 1024 });
    const res = await app.inject({
      method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: `ASK {} # ${'x'.repeat(2048)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  const refusedPosts: Array<[string, string]> = [
    ['text/plain', 'ASK {}'],
    ['application/sparql-query; charset=UTF-16', 'ASK {}'],
    ['application/json', '{"query":"ASK {}"}'],
  ];
  it('answers 415 to POSTs of other media types or charsets', async () => {
    const { app } = await sparqlApp();
    for (const [contentType, payload] of refusedPosts) {
      const res = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': contentType }, payload });
      expect(res.statusCode, contentType).toBe(415);
      expect(res.json().code, contentType).toBe('CAT_ERR_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('answers 405 with Allow for other methods', async () => {
    const { app } = await sparqlApp();
    const res = await app.inject({ method: 'PUT', url: q('ASK {}') });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, POST, OPTIONS');
  });

  it('allows cross-origin reads (CORS)', async () => {
    const { app } = await sparqlApp();
    const res = await app.inject({ url: q('ASK {}'), headers: { origin: 'https://notebook.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const preflight = await app.inject({
      method: 'OPTIONS', url: '/sparql', headers: { origin: 'https://notebook.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });

  it('serves real HTTP on 127.0.0.1', async () => {
    const { app } = await sparqlApp();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/sparql`, {
      method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'text/csv' }, body: 'SELECT (1 AS ?one) {}',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('one\r\n1\r\n');
  });
});
