// POST /api/federated-sparql over real peers: the local store, two sheaf apps, a SPARQL endpoint, a slow and a dead peer.
import { describe, expect, it } from 'vitest';
import { DS, useNetwork } from '../federation/network.js';

const network = useNetwork({ slowMs: 8000 });

const TITLES = `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?d ?title WHERE { ?d a dcat:Dataset ; dct:title ?title }`;

interface Results { head: { vars: string[] }; results?: { bindings: Array<Record<string, { value: string }>> }; boolean?: boolean }

async function post(payload: string, contentType = 'application/sparql-query', qs = 'timeoutMs=3000') {
  const res = await network.current.front.app.inject({ method: 'POST', url: `/api/federated-sparql?${qs}`, payload, headers: { 'content-type': contentType } });
  return res;
}

describe('POST /api/federated-sparql', () => {
  it('answers one SELECT over the local store and every peer, with each source\'s status', async () => {
    const res = await post(TITLES);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    const body = JSON.parse(res.body) as Results;
    const datasets = new Set(body.results!.bindings.map((b) => b.d!.value));
    // Local, peer A, peer B and the SPARQL peer all contribute; the shared dataset is one IRI.
    for (const name of ['front-lung', 'front-brain', 'a-lung', 'b-heart', 'sp-lung', 'shared-lung']) expect(datasets, name).toContain(DS(name));
    const sources = Object.fromEntries((JSON.parse(String(res.headers['sheaf-sources'])) as Array<{ source: string; status: string }>)
      .map((s) => [s.source, s.status]));
    expect(sources).toMatchObject({ local: 'ok', [network.current.names.a]: 'ok', [network.current.names.b]: 'ok', [network.current.names.sparql]: 'ok', [network.current.names.dead]: 'error' });
    expect(res.headers['sheaf-partial']).toBe('true');
  });

  it('takes the query as a form field and answers ASK', async () => {
    const ask = `ASK { <${DS('b-lung')}> a <http://www.w3.org/ns/dcat#Dataset> }`;
    const res = await post(new URLSearchParams({ query: ask }).toString(), 'application/x-www-form-urlencoded');
    expect(res.statusCode, res.body).toBe(200);
    expect((JSON.parse(res.body) as Results).boolean, String(res.headers['sheaf-sources'])).toBe(true);
  });

  it.each([
    ['an update', 'INSERT DATA { <urn:a> <urn:b> <urn:c> }', 'CAT_ERR_BAD_QUERY'],
    ['a CONSTRUCT', 'CONSTRUCT WHERE { ?s ?p ?o }', 'CAT_ERR_BAD_QUERY'],
    ['a SERVICE clause', 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }', 'CAT_ERR_SERVICE_NOT_ALLOWED'],
    ['malformed SPARQL', 'SELECT WHERE {', 'CAT_ERR_BAD_QUERY'],
    ['an empty body', ' ', 'CAT_ERR_BAD_REQUEST'],
  ])('refuses %s with problem+json', async (_name, query, code) => {
    const res = await post(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((JSON.parse(res.body) as { code: string }).code).toBe(code);
  });

  it('refuses other media types with 415', async () => {
    const res = await post('{"query":"ASK {}"}', 'application/json');
    expect(res.statusCode).toBe(415);
  });
});
