// One verdict: a record gets the same report from `sheaf validate`, POST /api/validate, a harvest and impact analysis.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { analyseImpact } from '../../src/ontology/impact-analysis.js';
import { diffOntologies, OntologyView } from '../../src/ontology/ontology-diff.js';
import { readRdfFile } from '../../src/validate/profile-registry.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { ADMIN, pipelineApp, type PipelineApp } from '../serve/pipeline-app.js';

const ROOT = join(import.meta.dirname, '../..');
const RECORD = join(ROOT, 'test/fixtures/records/eucaim-spec-shape.ttl');
const W3ID = 'https://w3id.org/healthdcat-ap#';
const HEALTH = NS.healthdcatap;
const run = promisify(execFile);

interface Row { severity: string; focusNode: string; path?: string; message: string; sourceConstraintComponent: string }

async function sheaf(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('node', [join(ROOT, 'bin/sheaf.js'), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

/** A result as every report can state it: blank-node focus nodes have no name in common (skolemised when stored). */
const key = (r: Row) => `${r.severity}|${/^_:|\/\.well-known\/genid\//.test(r.focusNode) ? '_' : r.focusNode}|${r.path ?? ''}|${r.message}`;
/** What the stored report lists: violations, warnings and normalisation's Info results (other infos are only counted). */
const listed = (rows: readonly Row[]) => rows.filter((r) => r.severity !== 'Info' || r.sourceConstraintComponent === `${NS.sheaf}NormalisationComponent`).map(key).sort();

/** The rows of a stored report graph, as reportQuads wrote them. */
function storedRows(quads: readonly Quad[]): Row[] {
  const nodes = new Map<string, Record<string, string>>();
  for (const q of quads) {
    const node = nodes.get(q.subject.value) ?? nodes.set(q.subject.value, {}).get(q.subject.value)!;
    node[q.predicate.value] ??= q.object.value;
  }
  return [...nodes.values()].filter((n) => n[`${NS.sh}resultSeverity`] !== undefined).map((n) => ({
    severity: n[`${NS.sh}resultSeverity`]!.slice(NS.sh.length),
    focusNode: n[`${NS.sh}focusNode`] ?? '',
    ...(n[`${NS.sh}resultPath`] !== undefined && { path: `<${n[`${NS.sh}resultPath`]}>` }),
    message: n[`${NS.sh}resultMessage`]!,
    sourceConstraintComponent: n[`${NS.sh}sourceConstraintComponent`]!,
  }));
}

let dir: string;
let cli: { counts: Record<string, number>; results: Row[]; status: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheaf-one-verdict-'));
  const r = await sheaf('validate', RECORD, '--profile', 'eucaim', '--format', 'json');
  expect(r.code).toBe(0);
  cli = JSON.parse(r.stdout);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one verdict', () => {
  it('passes the spec-shaped EUCAIM record through `sheaf validate --profile eucaim` and reports each rewrite as Info', () => {
    expect(cli.status).toBe('with-warnings');
    expect(cli.counts.violations).toBe(0);
    const infos = cli.results.filter((r) => r.severity === 'Info').map((r) => r.message);
    expect(infos).toContain(`rewrote ${W3ID}numberOfRecords to ${HEALTH}numberOfRecords`);
    expect(infos.some((m) => /^mapped literal BREAST to https:\/\/cancerimage\.eu\/ontology\/EUCAIM#BP\d+/.test(m))).toBe(true);
  });

  it('validates the document as written with --raw: the spec namespace then leaves mandatory properties missing', async () => {
    const r = await sheaf('validate', RECORD, '--profile', 'eucaim', '--format', 'json', '--raw');
    expect(r.code).toBe(1);
    const raw = JSON.parse(r.stdout) as typeof cli;
    expect(raw.results.filter((x) => x.severity === 'Violation').map((x) => x.path)).toContain(`<${HEALTH}numberOfRecords>`);
    expect(raw.results.some((x) => x.sourceConstraintComponent === `${NS.sheaf}NormalisationComponent`)).toBe(false);
  }, 60_000);

  it('reports a wrong datatype in the spec namespace as a datatype fault, not as a missing property', async () => {
    const text = (await readFile(RECORD, 'utf8')).replace('"1280"^^xsd:nonNegativeInteger', '"about 1280"');
    const file = join(dir, 'wrong-datatype.ttl');
    await writeFile(file, text);
    const r = await sheaf('validate', file, '--profile', 'eucaim', '--format', 'json');
    expect(r.code).toBe(1);
    const violations = (JSON.parse(r.stdout) as typeof cli).results.filter((x) => x.severity === 'Violation');
    expect(violations.map((v) => [v.path, v.sourceConstraintComponent])).toEqual([[`<${HEALTH}numberOfRecords>`, `${NS.sh}DatatypeConstraintComponent`]]);
  }, 60_000);

  it('gives the same report through POST /api/validate, a harvest (stored, in the feed report) and impact analysis', async () => {
    const t: PipelineApp = await pipelineApp();
    const body = await readFile(RECORD, 'utf8');
    const api = await t.app.inject({ method: 'POST', url: '/api/validate?profile=eucaim', payload: body, headers: { 'content-type': 'text/turtle' } });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json().counts).toEqual(cli.counts);
    expect(api.json().results.map(key).sort()).toEqual(cli.results.map(key).sort());
    const raw = await t.app.inject({ method: 'POST', url: '/api/validate?profile=eucaim&raw=true', payload: body, headers: { 'content-type': 'text/turtle' } });
    expect(raw.json().status).toBe('non-conformant');

    const created = await t.app.inject({
      method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: pathToFileURL(RECORD).href, title: 'Breast node', profile: 'eucaim' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const feed = created.json().id as string;
    const started = await t.app.inject({ method: 'POST', url: `/api/feeds/${feed}/harvest`, headers: t.bearer(ADMIN) });
    expect(await t.waitForRun(started.json().runId)).toMatchObject({ status: 'succeeded', records: 1 });

    const { runner } = t.pipeline;
    const [row] = runner.records.forFeed(feed);
    expect(row!.validation).toBe(cli.status);
    const reportGraph = runner.iris.reportGraph(feed, row!.key);
    const stored = await t.store.readGraphs([reportGraph]);
    expect(listed(storedRows(stored))).toEqual(listed(cli.results));
    const count = (p: string) => Number(stored.find((q) => q.predicate.value === `${NS.sheaf}${p}`)?.object.value);
    expect({ violations: count('violations'), warnings: count('warnings'), infos: count('infos') }).toEqual(cli.counts);

    const report = (await t.app.inject({ url: `/api/feeds/${feed}/report` })).json();
    expect(report.records[0].results.map((r: { message: string }) => r.message)).toContain(`rewrote ${W3ID}numberOfRecords to ${HEALTH}numberOfRecords`);

    // Impact analysis revalidates the stored (already normalised) record: the normalisation results stay.
    const ontology = new OntologyView(await readRdfFile(join(ROOT, 'ontologies/eucaim-hyperontology.ttl')));
    const diff = { ...diffOntologies(ontology, ontology), touched: { classes: [], properties: [], values: ['https://cancerimage.eu/ontology/EUCAIM#CLIN1000060'] } };
    const profiles = await loadProfiles();
    const impact = await analyseImpact({
      store: t.store, records: runner.records, iris: runner.iris, diff, before: ontology, after: ontology, validatorFor: () => profiles.validator('eucaim'),
    });
    expect(impact).toMatchObject({ revalidated: 1, changed: 0 });
    expect(listed(storedRows(await t.store.readGraphs([reportGraph])))).toEqual(listed(cli.results));
  }, 120_000);
});
