// The ontology API over a harvested feed: load DCAT 2 then DCAT 3 (Turtle, RDF/XML), list, read, restore, shapes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../fixture-server.js';
import { ADMIN, BASE, pipelineApp, type PipelineApp } from './pipeline-app.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const fixture = (name: string) => readFileSync(path.join(FIXTURES_DIR, 'ontologies', name), 'utf8');
const TURTLE = { 'content-type': 'text/turtle' };

/** The app with the three-dataset feed harvested (as an admin-registered local file feed). */
async function harvested(): Promise<{ t: PipelineApp; curator: string; feed: string }> {
  const t = await pipelineApp();
  const url = pathToFileURL(path.join(FIXTURES_DIR, 'ontologies/records-catalog.ttl')).href;
  const created = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url, title: 'Ontology test feed' } });
  expect(created.statusCode, created.body).toBe(201);
  const feed = created.json().id as string;
  const started = await t.app.inject({ method: 'POST', url: `/api/feeds/${feed}/harvest`, headers: t.bearer(ADMIN) });
  const run = await t.waitForRun(started.json().runId);
  expect(run, JSON.stringify(run.errors)).toMatchObject({ status: 'succeeded', records: 3 });
  return { t, curator: await t.token('cora', 'curator'), feed };
}

describe('ontologies API', () => {
  it('loads DCAT 3 after DCAT 2: reports the DatasetSeries target and the removed theme range, revalidates only the records concerned', async () => {
    const { t, curator, feed } = await harvested();
    const first = await t.app.inject({ method: 'POST', url: '/api/ontologies', headers: { ...t.bearer(curator), ...TURTLE }, payload: fixture('dcat2-like.ttl') });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers.location).toBe(`${BASE}/api/ontologies/v1`);
    expect(first.json()).toMatchObject({ id: 'v1', comparedWith: 'none', version: { current: true, loadedBy: 'cora', format: 'turtle' } });
    expect(first.json().impact).toMatchObject({ candidates: 3, revalidated: 3, newlyInvalidCount: 1 });
    expect(first.json().impact.newlyInvalid[0]).toMatchObject({ feedId: feed, key: 'https://data.example/theme', before: expect.any(String) });

    // The same version as RDF/XML, labelled: the .owl syntax.
    const res = await t.app.inject({
      method: 'POST', url: '/api/ontologies?label=DCAT%203', headers: { ...t.bearer(curator), 'content-type': 'application/rdf+xml' }, payload: fixture('dcat3-like.rdf'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ id: 'v2', comparedWith: 'v1', version: { label: 'DCAT 3', versionIri: 'http://www.w3.org/ns/dcat3', format: 'rdf-xml', previous: 'v1' } });
    expect(body.diff.targets.added).toContainEqual({ class: `${DCAT}DatasetSeries`, via: `${DCAT}Dataset` });
    expect(body.diff.properties.changed).toContainEqual({ iri: `${DCAT}theme`, axiom: 'range', added: [], removed: ['http://www.w3.org/2004/02/skos/core#Concept'] });
    expect(body.diff.constraints.loosened).toContainEqual(expect.objectContaining({ target: `subjectsOf <${DCAT}theme>`, constraint: 'http://www.w3.org/ns/shacl#class' }));
    expect(body.impact).toMatchObject({ candidates: 2, revalidated: 2, changed: 1, newlyInvalidCount: 0 });
    expect(body.impact.nowValid).toEqual([expect.objectContaining({ key: 'https://data.example/theme', before: 'non-conformant' })]);

    // The publisher's report shows the new status.
    const report = (await t.app.inject({ url: `/api/feeds/${feed}/report` })).json();
    const theme = report.records.find((r: { key: string }) => r.key === 'https://data.example/theme');
    expect(theme.validation).not.toBe('non-conformant');

    const list = (await t.app.inject({ url: '/api/ontologies' })).json();
    expect(list.versions.map((v: { id: string; current: boolean }) => [v.id, v.current])).toEqual([['v1', false], ['v2', true]]);
    const detail = await t.app.inject({ url: '/api/ontologies/v2' });
    expect(detail.json()).toMatchObject({ version: { id: 'v2' }, comparedWith: 'v1', impact: { candidates: 2 } });
    const asTurtle = await t.app.inject({ url: '/api/ontologies/v2', headers: { accept: 'text/turtle' } });
    expect(asTurtle.headers['content-type']).toMatch(/^text\/turtle/);
    expect(asTurtle.body).toContain('DatasetSeries');

    const restored = await t.app.inject({ method: 'POST', url: '/api/ontologies/v1/restore', headers: t.bearer(curator) });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ id: 'v1', comparedWith: 'v2', impact: { candidates: 2, newlyInvalidCount: 1 } });
    expect(restored.json().diff.classes.removed).toEqual([`${DCAT}DatasetSeries`]);
    const again = await t.app.inject({ method: 'POST', url: '/api/ontologies/v1/restore', headers: t.bearer(curator) });
    expect(again.statusCode).toBe(409);
    expect((await t.app.inject({ url: '/api/ontologies/v7' })).json().code).toBe('CAT_ERR_NOT_FOUND');
  });

  it('serves the current shapes as Turtle (derived, or a whole profile) by Accept', async () => {
    const { t, curator } = await harvested();
    await t.app.inject({ method: 'POST', url: '/api/ontologies', headers: { ...t.bearer(curator), ...TURTLE }, payload: fixture('dcat2-like.ttl') });
    const derived = await t.app.inject({ url: '/api/shapes', headers: { accept: 'text/turtle' } });
    expect(derived.statusCode).toBe(200);
    expect(derived.headers['content-type']).toMatch(/^text\/turtle/);
    // The DCAT 2 range shape and the bundled hyperontology's shapes (a series nobody replaced).
    expect(derived.body).toContain('sh:targetSubjectsOf dcat:theme');
    expect(derived.body).toContain('cancerimage.eu');
    const profile = await t.app.inject({ url: '/api/shapes?profile=dcat-ap', headers: { accept: 'application/n-triples' } });
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('<http://www.w3.org/ns/shacl#targetSubjectsOf> <http://www.w3.org/ns/dcat#theme>');
    expect((await t.app.inject({ url: '/api/shapes?profile=nope' })).json().code).toBe('CAT_ERR_BAD_REQUEST');
    expect((await t.app.inject({ url: '/api/shapes', headers: { accept: 'image/png' } })).statusCode).toBe(406);
  });

  it.each([
    ['no token', {}, 'text/turtle', fixture('dcat2-like.ttl'), 401, 'CAT_ERR_UNAUTHORIZED'],
    ['a publisher token', { publisher: true }, 'text/turtle', fixture('dcat2-like.ttl'), 403, 'CAT_ERR_FORBIDDEN'],
    ['malformed Turtle', { curator: true }, 'text/turtle', '<a> <b> ', 400, 'CAT_ERR_BAD_RDF'],
    ['an empty body', { curator: true }, 'text/turtle', '   ', 400, 'CAT_ERR_BAD_RDF'],
    ['OWL/XML', { curator: true }, 'application/owl+xml', fixture('owl-xml.owx'), 415, 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['a PDF', { curator: true }, 'application/pdf', '%PDF-1.4', 415, 'CAT_ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['classes without an owl:Ontology', { curator: true }, 'text/turtle',
      '<http://example.org/onto#Scan> a <http://www.w3.org/2002/07/owl#Class> ; <http://www.w3.org/2000/01/rdf-schema#label> "Scan" .', 422, 'CAT_ERR_NOT_AN_ONTOLOGY'],
    ['RDF/XML whose owl:Ontology has no IRI', { curator: true }, 'application/rdf+xml',
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:owl="http://www.w3.org/2002/07/owl#">
  <owl:Ontology/><owl:Class rdf:about="http://example.org/onto#Scan"/></rdf:RDF>`, 422, 'CAT_ERR_NOT_AN_ONTOLOGY'],
  ] as const)('refuses %s', async (_name, who, type, payload, status, code) => {
    const t = await pipelineApp();
    const token = 'curator' in who ? await t.token('cora', 'curator') : 'publisher' in who ? await t.token('pub', 'publisher') : undefined;
    const res = await t.app.inject({
      method: 'POST', url: '/api/ontologies', payload, headers: { 'content-type': type, ...(token !== undefined && t.bearer(token)) },
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe(code);
    expect((await t.app.inject({ url: '/api/ontologies' })).json().versions).toEqual([]);
  });

  it('takes ontologies above the app-wide body limit, up to 50 MB', async () => {
    const t = await pipelineApp();
    const curator = await t.token('cora', 'curator');
    const padding = `# ${'x'.repeat(1022)}\n`;
    const big = padding.repeat(12 * 1024) + fixture('dcat2-like.ttl');
    const ok = await t.app.inject({ method: 'POST', url: '/api/ontologies', headers: { ...t.bearer(curator), ...TURTLE }, payload: big });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(201);
    const huge = padding.repeat(51 * 1024);
    const refused = await t.app.inject({ method: 'POST', url: '/api/ontologies', headers: { ...t.bearer(curator), ...TURTLE }, payload: huge });
    expect(refused.statusCode).toBe(413);
  });
});
