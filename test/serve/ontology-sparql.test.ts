// The current ontologies sit in the SPARQL store: a portal's query over a started server's /sparql finds datasets by a condition's ancestor.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import type { FastifyInstance } from 'fastify';
import { DataFactory, Parser, Writer } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { NS } from '../../src/core/namespaces.js';
import { DEMO_FEED_ID } from '../../src/pipeline/demo-feed.js';
import { startServer } from '../../src/serve/start-server.js';

const { namedNode, quad } = DataFactory;
const ADMIN = 'test-admin-token';
const BASE = 'http://sheaf.test';
const E = 'https://cancerimage.eu/ontology/EUCAIM#';
const HYPERONTOLOGY = new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url);
/** Adenocarcinoma of prostate gland: the demo's prostate dataset's condition, three levels below malignant neoplasm of prostate. */
const PROSTATE_ADENO = `${E}CLIN1033194`;
const BREAST = `${E}CLIN1000060`;

let dataDir: string;
let config: ReturnType<typeof loadConfig>;
let app: FastifyInstance;

const query = (name: string): Promise<string> => readFile(new URL(`../../queries/${name}.rq`, import.meta.url), 'utf8');

/** Over real HTTP, as a portal asks: GET /sparql on the listening server. */
async function sparql(text: string): Promise<Array<Record<string, string>>> {
  const { port } = app.server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/sparql?query=${encodeURIComponent(text)}`, { headers: { accept: 'application/sparql-results+json' } });
  expect(res.status, await res.clone().text()).toBe(200);
  const json = (await res.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

async function ask(text: string): Promise<boolean> {
  const { port } = app.server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/sparql?query=${encodeURIComponent(text)}`, { headers: { accept: 'application/sparql-results+json' } });
  return ((await res.json()) as { boolean: boolean }).boolean;
}

const underRoot = async (root: string): Promise<string[]> =>
  (await sparql((await query('portal-datasets-under-condition')).replace('VALUES ?root { eucaim:CLIN1000075 }', `VALUES ?root { <${root}> }`))).map((r) => r.title!);

/** Starts the server; on the first start of the directory the demo feed is harvested, waited for here. */
async function startAndWaitForDemo(): Promise<void> {
  app = await startServer({ config, role: 'api' });
  const run = ((await app.inject({ url: `/api/feeds/${DEMO_FEED_ID}` })).json() as { activeRun?: string }).activeRun;
  if (run === undefined) return;
  for (let i = 0; i < 1200; i++) {
    const status = ((await app.inject({ url: `/api/runs/${run}` })).json() as { status: string }).status;
    if (!['queued', 'running'].includes(status)) {
      expect(status).toBe('succeeded');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the demo harvest did not finish');
}

async function curatorToken(): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/tokens', headers: { authorization: `Bearer ${ADMIN}` }, payload: { name: 'cora', role: 'curator' } });
  return res.json().token;
}

/** The bundled hyperontology as a new version, with prostate adenocarcinoma moved under breast cancer. */
async function movedVersion(): Promise<string> {
  const out: Quad[] = [];
  for (const q of new Parser().parse(await readFile(HYPERONTOLOGY, 'utf8'))) {
    if (q.subject.value === PROSTATE_ADENO && q.predicate.value === `${NS.rdfs}subClassOf`) continue;
    out.push(q.predicate.value === `${NS.owl}versionIRI` ? quad(q.subject, q.predicate, namedNode(`${q.object.value}-moved`)) : q);
  }
  out.push(quad(namedNode(PROSTATE_ADENO), namedNode(`${NS.rdfs}subClassOf`), namedNode(BREAST)));
  return new Writer().quadsToString(out);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sheaf-ontology-sparql-'));
  config = loadConfig({}, { dataDir, adminToken: ADMIN, demo: true, baseUrl: BASE, port: 0, host: '127.0.0.1', logLevel: 'silent' });
  await startAndWaitForDemo();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the current ontologies in the SPARQL store', () => {
  it('finds the datasets whose condition lies under prostate or lung cancer (queries/portal-datasets-under-condition.rq)', async () => {
    const rows = await sparql(await query('portal-datasets-under-condition'));
    // The root's direct child, a class two levels down, and one three levels down (the demo's prostate datasets).
    expect(rows.map((r) => [r.title, r.condition, r.conditionLabel])).toEqual([
      ['PSMA PET/CT in hormone-sensitive prostate cancer', `${E}CLIN1023217`, 'Hormone sensitive prostate cancer'],
      ['Prostate cancer multiparametric MRI', PROSTATE_ADENO, 'Adenocarcinoma, NOS, of prostate gland'],
      ['Prostate diffusion-weighted imaging', `${E}CLIN1000179`, 'Carcinoma of prostate'],
    ]);
    // Primary lung cancer: NSCLC and two of its kinds, several levels down; metastasis to lung is a secondary cancer.
    expect(await underRoot(`${E}CLIN1051722`)).toHaveLength(3);
    expect((await underRoot(`${E}CLIN1007977`)).length).toBeGreaterThan(20);
  });

  it('counts equivalent classes both ways and per modality subtree (queries/portal-modality-counts.rq)', async () => {
    // IMG1000026 ≡ IMG1000042 (computed tomography): the demo tags IMG1000042, a portal may ask for either.
    const ct = async (cls: string) => (await sparql(`PREFIX rdfs: <${NS.rdfs}> PREFIX sheaf: <${NS.sheaf}>
      SELECT DISTINCT ?d WHERE { GRAPH ?o { ?o a sheaf:CurrentOntologyGraph . ?v rdfs:subClassOf <${cls}> } GRAPH ?g { ?d <${E}hasImageModality> ?v } }`)).length;
    expect(await ct(`${E}IMG1000042`)).toBeGreaterThan(0);
    expect(await ct(`${E}IMG1000026`)).toBe(await ct(`${E}IMG1000042`));
    const counts = await sparql(await query('portal-modality-counts'));
    expect(counts.length).toBeGreaterThan(1);
    for (const row of counts) expect(Number(row.datasets)).toBeGreaterThan(0);
    // No subtree listed twice under two names, and each subtree is a direct child of the root.
    expect(new Set(counts.map((r) => r.subtree)).size).toBe(counts.length);
    const children = await sparql(`PREFIX rdfs: <${NS.rdfs}> SELECT ?c WHERE { ?c rdfs:subClassOf <${E}IMG1000009> }`);
    expect(children.length).toBeGreaterThan(counts.length);
  });

  it('gives a term\'s label, code and mappings (queries/portal-term-label.rq)', async () => {
    const [row, ...more] = await sparql(await query('portal-term-label'));
    expect(more).toEqual([]);
    expect(row).toMatchObject({ term: `${E}IMG1000026`, series: 'https://cancerimage.eu/ontology/EUCAIM', label: 'Computed tomography', notation: 'IMG1000026' });
    expect(row!.equivalentClasses!.split(' ')).toContain(`${E}IMG1000042`);
    // The vocabularies are there too, each in its own graph.
    const english = await sparql(`PREFIX skos: <${NS.skos}> SELECT ?l WHERE { GRAPH ?g { <http://publications.europa.eu/resource/authority/language/ENG> skos:prefLabel ?l } }`);
    expect(english.map((r) => r.l)).toEqual(['English']);
    const graphs = await sparql(`PREFIX sheaf: <${NS.sheaf}> SELECT ?g ?s WHERE { GRAPH ?g { ?g a sheaf:CurrentOntologyGraph ; sheaf:ontologySeries ?s } }`);
    expect(graphs.map((r) => r.s)).toEqual(expect.arrayContaining(['https://cancerimage.eu/ontology/EUCAIM', 'http://publications.europa.eu/resource/authority/language']));
    expect(new Set(graphs.map((r) => r.g)).size).toBe(graphs.length);
  });

  it('follows a curator\'s new version, archived versions staying out of the default graph, and keeps it across a restart', async () => {
    const curator = await curatorToken();
    const before = (await app.inject({ url: '/api/ontologies' })).json().versions as unknown[];
    expect(before).toEqual([]);
    const load = await app.inject({ method: 'POST', url: '/api/ontologies', headers: { authorization: `Bearer ${curator}`, 'content-type': 'text/turtle' }, payload: await movedVersion() });
    expect(load.statusCode, load.body).toBeLessThan(300);
    expect(await underRoot(`${E}CLIN1000075`)).toEqual(['PSMA PET/CT in hormone-sensitive prostate cancer', 'Prostate diffusion-weighted imaging']);
    expect(await underRoot(BREAST)).toContain('Prostate cancer multiparametric MRI');
    // One hyperontology graph, the loaded version's; its archive copy is read by name only.
    const series = await sparql(`PREFIX sheaf: <${NS.sheaf}> SELECT ?g WHERE { GRAPH ?g { ?g sheaf:ontologySeries <https://cancerimage.eu/ontology/EUCAIM> ; <${NS.owl}versionIRI> ?v } FILTER(STRENDS(STR(?v), "-moved")) }`);
    expect(series).toHaveLength(1);
    expect(await ask(`ASK { GRAPH <${BASE}/graph/ontology/${load.json().version.id}> { ?s ?p ?o } }`)).toBe(false);
    expect((await sparql(`SELECT ?p WHERE { <${PROSTATE_ADENO}> <${NS.rdfs}subClassOf> ?p }`)).map((r) => r.p)).not.toContain(`${E}CLIN1000179`);

    await app.close();
    await startAndWaitForDemo();
    expect(await underRoot(BREAST)).toContain('Prostate cancer multiparametric MRI');
  }, 120_000);
});
