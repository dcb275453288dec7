// After a curator loads or restores an ontology version, search (expansion, codes, roll-up) and quality follow it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Quad } from '@rdfjs/types';
import type { FastifyInstance } from 'fastify';
import { DataFactory, Parser, Writer } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { NS } from '../../src/core/namespaces.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { SearchTermsState } from '../../src/search/search-terms-state.js';
import { startServer } from '../../src/serve/start-server.js';
import { openStateDb } from '../../src/store/state-db.js';
import { FIXTURES_DIR } from '../fixture-server.js';

const { namedNode, quad } = DataFactory;
const ADMIN = 'test-admin-token';
const E = 'https://cancerimage.eu/ontology/EUCAIM#';
/** Lung adenocarcinoma, the condition the fixture record is tagged with; under NSCLC in the bundled version. */
const ADENO = `${E}CLIN1062977`;
const NSCLC = `${E}CLIN1063178`;
const BREAST = `${E}CLIN1000060`;
const BODY_STRUCTURE = `${E}BP1000024`;
const NEW_SNOMED = 'http://snomed.info/id/999999001';
const HYPERONTOLOGY = new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url);

/** The bundled hyperontology under another version IRI, with ADENO's parent replaced (and any extra quads). */
async function version(tag: string, change: { readonly parent?: string; readonly extra?: readonly Quad[] } = {}): Promise<string> {
  const quads = new Parser().parse(await readFile(HYPERONTOLOGY, 'utf8'));
  const out: Quad[] = [];
  for (const q of quads) {
    if (change.parent !== undefined && q.subject.value === ADENO && q.predicate.value === `${NS.rdfs}subClassOf`) continue;
    out.push(q.predicate.value === `${NS.owl}versionIRI` ? quad(q.subject, q.predicate, namedNode(`${q.object.value}-${tag}`)) : q);
  }
  if (change.parent !== undefined) out.push(quad(namedNode(ADENO), namedNode(`${NS.rdfs}subClassOf`), namedNode(change.parent)));
  out.push(...(change.extra ?? []));
  return new Writer().quadsToString(out);
}

let dataDir: string;
let config: ReturnType<typeof loadConfig>;
let app: FastifyInstance;
let curator: string;
let feed: string;
let v1: Record<string, any>;
let moved: Record<string, any>;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function activate(url: string, payload?: string): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, headers: { ...bearer(curator), ...(payload && { 'content-type': 'text/turtle' }) }, ...(payload && { payload }) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

async function search(query: string): Promise<{ total: number; items: Array<{ title: string }>; facets: Record<string, Array<{ value: string; count: number; direct: number }>> }> {
  const res = await app.inject({ url: `/api/search?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const conditionCount = async (value: string) => (await search('')).facets.condition?.find((f) => f.value === value)?.count ?? 0;

async function recordReport(): Promise<{ key: string; validation: string; quality: { points: number } }> {
  const report = (await app.inject({ url: `/api/feeds/${feed}/report` })).json();
  return report.records[0];
}

/**
 * The dcatApCompliance points stated in the record's DQV graph, read by name: `sheaf serve` keeps quality graphs
 * out of the SPARQL index (test/serve/log-only-graphs.test.ts), so the endpoint must not see them.
 */
async function complianceMeasurement(): Promise<string[]> {
  const metric = `${NS.sheaf}mqa-metric-dcatApCompliance`;
  const query = `PREFIX dqv: <${NS.dqv}> ASK { GRAPH ?g { ?m dqv:isMeasurementOf <${metric}> } }`;
  const res = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json' } });
  expect(res.json().boolean).toBe(false);
  const quads = await app.store.readGraphs([new RecordIris(config.baseUrl).qualityGraph(feed, (await recordReport()).key)]);
  const measurements = quads.filter((q) => q.predicate.value === `${NS.dqv}isMeasurementOf` && q.object.value === metric).map((q) => q.subject.value);
  return quads.filter((q) => measurements.includes(q.subject.value) && q.predicate.value === `${NS.dqv}value`).map((q) => String(Number(q.object.value)));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sheaf-ontology-follow-'));
  config = loadConfig({}, {
    dataDir, adminToken: ADMIN, demo: false, baseUrl: 'http://sheaf.test', allowPrivateNetworks: true, port: 0, host: '127.0.0.1', logLevel: 'silent',
  });
  app = await startServer({ config, role: 'api' });
  const url = pathToFileURL(path.join(FIXTURES_DIR, 'records/eucaim-narrower-condition.ttl')).href;
  const created = await app.inject({ method: 'POST', url: '/api/feeds', headers: bearer(ADMIN), payload: { url, title: 'Lung node', profile: 'eucaim' } });
  expect(created.statusCode, created.body).toBe(201);
  feed = created.json().id;
  const started = await app.inject({ method: 'POST', url: `/api/feeds/${feed}/harvest`, headers: bearer(ADMIN) });
  for (let i = 0; i < 600; i++) {
    const run = (await app.inject({ url: `/api/runs/${started.json().runId}` })).json();
    if (!['queued', 'running'].includes(run.status)) { expect(run.status, JSON.stringify(run.errors)).toBe('succeeded'); break; }
    await new Promise((r) => setTimeout(r, 50));
  }
  const token = await app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(ADMIN), payload: { name: 'cora', role: 'curator' } });
  curator = token.json().token;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('search and quality follow the current ontology version', () => {
  it('expands, resolves codes and rolls up facets with a loaded version, and switches back on restore', async () => {
    // The bundled hierarchy: adenocarcinoma under NSCLC.
    expect((await search(`condition=${encodeURIComponent(NSCLC)}`)).total).toBe(1);
    expect((await search(`condition=${encodeURIComponent(BREAST)}`)).total).toBe(0);
    expect(await conditionCount(NSCLC)).toBe(1);

    v1 = await activate('/api/ontologies', await version('same'));
    moved = await activate('/api/ontologies', await version('moved', {
      parent: BREAST, extra: [quad(namedNode(ADENO), namedNode(`${NS.skos}exactMatch`), namedNode(NEW_SNOMED))],
    }));
    expect(moved.diff.classes.moved).toEqual([{ iri: ADENO, before: [NSCLC], after: [BREAST] }]);

    // Narrower-term expansion and facet roll-up follow the moved class.
    const underBreast = await search(`condition=${encodeURIComponent(BREAST)}`);
    expect(underBreast.items.map((i) => i.title)).toEqual(['NSCLC staging CT and PET/CT cohort']);
    expect((await search(`condition=${encodeURIComponent(NSCLC)}`)).total).toBe(0);
    expect(await conditionCount(BREAST)).toBe(1);
    expect(await conditionCount(NSCLC)).toBe(0);
    // The new SNOMED mapping: as a filter value and as a keyword (the term text carries the code).
    expect((await search(`condition=${encodeURIComponent(NEW_SNOMED)}`)).total).toBe(1);
    expect((await search('q=999999001')).total).toBe(1);
    expect((await search('q=%22breast%20cancer%22')).total).toBe(1);

    await activate(`/api/ontologies/${v1.id}/restore`);
    expect((await search(`condition=${encodeURIComponent(NSCLC)}`)).total).toBe(1);
    expect((await search(`condition=${encodeURIComponent(BREAST)}`)).total).toBe(0);
    expect(await conditionCount(NSCLC)).toBe(1);
    expect(await conditionCount(BREAST)).toBe(0);
    expect((await search(`condition=${encodeURIComponent(NEW_SNOMED)}`)).total).toBe(0);
    expect((await search('q=999999001')).total).toBe(0);
  });

  it('re-scores a record a version makes non-conformant (dcatApCompliance) and again when it is restored', async () => {
    const before = await recordReport();
    expect(before.validation).not.toBe('non-conformant');
    const current = (await app.inject({ url: '/api/ontologies' })).json().versions.find((v: { current: boolean }) => v.current);

    // Adenocarcinoma moved out of the condition root: the record's condition is no longer a cancer condition.
    const outside = await activate('/api/ontologies', await version('outside', { parent: BODY_STRUCTURE }));
    expect(outside.impact).toMatchObject({ changed: 1, newlyInvalidCount: 1 });
    const after = await recordReport();
    expect(after.validation).toBe('non-conformant');
    expect(after.quality.points).toBe(before.quality.points - 30);
    expect(await complianceMeasurement()).toEqual(['0']);
    // Search follows this version too: the condition facet rolls the record up under body structure.
    expect((await search(`condition=${encodeURIComponent(BODY_STRUCTURE)}`)).total).toBe(1);

    await activate(`/api/ontologies/${current.id}/restore`);
    const restored = await recordReport();
    expect(restored.validation).toBe(before.validation);
    expect(restored.quality.points).toBe(before.quality.points);
    expect(await complianceMeasurement()).toEqual(['30']);
  });

  it('starts with the current version\'s terms after a restart (the index was written with them)', async () => {
    await activate(`/api/ontologies/${moved.id}/restore`);
    expect((await search(`condition=${encodeURIComponent(BREAST)}`)).total).toBe(1);
    await app.close();
    app = await startServer({ config, role: 'api' });
    expect((await search(`condition=${encodeURIComponent(BREAST)}`)).total).toBe(1);
    expect((await search(`condition=${encodeURIComponent(NEW_SNOMED)}`)).total).toBe(1);
    expect(await conditionCount(BREAST)).toBe(1);
    expect(await conditionCount(NSCLC)).toBe(0);
  });

  it('rebuilds the index at start-up when a re-index for new terms was left unfinished', async () => {
    await app.close();
    // As if the process stopped mid re-index: marked stale, and the facet rows not yet rewritten.
    const state = openStateDb(dataDir);
    new SearchTermsState({ db: state.db }).markStale();
    state.db.exec('DELETE FROM search_facet');
    state.close();
    app = await startServer({ config, role: 'api' });
    const live = openStateDb(dataDir);
    try {
      for (let i = 0; i < 200 && new SearchTermsState({ db: live.db }).stale; i++) await new Promise((r) => setTimeout(r, 50));
      expect(new SearchTermsState({ db: live.db }).stale).toBe(false);
    } finally {
      live.close();
    }
    expect((await search(`condition=${encodeURIComponent(BREAST)}`)).total).toBe(1);
    expect(await conditionCount(BREAST)).toBe(1);
  });
});
