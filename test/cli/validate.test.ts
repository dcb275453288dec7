// `sheaf validate` and `sheaf shapes derive` spawned as real processes: reports, exit codes, files and URLs.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const RECORDS = join(ROOT, 'test/fixtures/records');
const SPARQL_FIXTURES = join(ROOT, 'test/fixtures/shacl-sparql');
const W3C_SPARQL = join(resolve(process.env.SHEAF_EXTERNAL ?? join(ROOT, '../shared/external')), 'shacl-test-suite/tests/sparql');
const run = promisify(execFile);

async function sheaf(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, 'bin/sheaf.js'), ...args], {
      cwd: ROOT, env: { ...process.env, SHEAF_ALLOW_PRIVATE_NETWORKS: 'true' }, maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sheaf-cli-validate-'));
  const record = await readFile(join(RECORDS, 'eucaim-condition-outside-subtree.ttl'));
  server = createServer((req, res) => {
    if (req.url === '/record') res.writeHead(200, { 'content-type': 'text/turtle' }).end(record);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('sheaf validate', () => {
  it('exits 1 and names the expected root for a condition outside the subtree', async () => {
    const r = await sheaf('validate', join(RECORDS, 'eucaim-condition-outside-subtree.ttl'), '--profile', 'eucaim');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/non-conformant — 1 violation/);
    expect(r.stdout).toContain('Violation');
    expect(r.stdout).toContain('<https://cancerimage.eu/ontology/EUCAIM#CLIN1007977>');
  });

  it('exits 0 for a narrower condition', async () => {
    const r = await sheaf('validate', join(RECORDS, 'eucaim-narrower-condition.ttl'), '--profile', 'eucaim');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 violation/);
  });

  it('validates a URL and prints JSON', async () => {
    const r = await sheaf('validate', `${base}/record`, '--profile', 'eucaim', '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ profile: 'eucaim', status: 'non-conformant', conforms: false });
    expect(report.counts.violations).toBe(1);
  });

  it('validates against a shapes file instead of a profile', async () => {
    const shapes = join(dir, 'shapes.ttl');
    await writeFile(shapes, `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
      @prefix ex: <http://example.org/> .
      ex:S a sh:NodeShape ; sh:targetClass dcat:Dataset ; sh:property [ sh:path ex:missing ; sh:minCount 1 ] .`);
    const r = await sheaf('validate', join(RECORDS, 'eucaim-conformant.ttl'), '--shapes', shapes);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('http://example.org/missing');
  });

  it('honours sh:sparql constraints and SPARQL-based targets in a shapes file', async () => {
    const r = await sheaf('validate', join(SPARQL_FIXTURES, 'two-datasets-same-title.ttl'),
      '--shapes', join(SPARQL_FIXTURES, 'dataset-checks.shapes.ttl'), '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { results: { focusNode: string; path: string; message: string; sourceConstraintComponent: string }[] };
    const rows = report.results.map((x) => `${x.focusNode} ${x.path} ${x.sourceConstraintComponent.replace(/^.*#/, '')} ${x.message}`).sort();
    expect(rows).toEqual([
      'https://data.example.org/dataset/lung-ct-2021 <http://purl.org/dc/terms/title> SPARQLConstraintComponent Another dataset has the same title "Lung CT cohort"@en',
      'https://data.example.org/dataset/lung-ct-2022 <http://purl.org/dc/terms/description> MinCountConstraintComponent A dataset without a distribution needs a description',
      'https://data.example.org/dataset/lung-ct-2022 <http://purl.org/dc/terms/title> SPARQLConstraintComponent Another dataset has the same title "Lung CT cohort"@en',
    ]);
  });

  // The suite's files are both shapes and data graph; these two cases expect sh:conforms false.
  it.skipIf(!existsSync(W3C_SPARQL))('exits 1 on the W3C SHACL-SPARQL cases that do not conform (needs ../shared/external)', async () => {
    for (const test of ['node/sparql-001.ttl', 'property/sparql-001.ttl']) {
      const file = join(W3C_SPARQL, test);
      // --raw: a conformance case is validated as written (normalisation would trim the sh:select text it also holds).
      const r = await sheaf('validate', file, '--shapes', file, '--raw', '--format', 'json');
      expect(r.code, test).toBe(1);
      const components = JSON.parse(r.stdout).results.map((x: { sourceConstraintComponent: string }) => x.sourceConstraintComponent);
      expect(components.length, test).toBeGreaterThan(0);
      expect(new Set(components), test).toEqual(new Set(['http://www.w3.org/ns/shacl#SPARQLConstraintComponent']));
    }
  });

  it.each([
    ['a missing file', ['validate', '/nonexistent/record.ttl'], /cannot read/],
    ['malformed Turtle', ['validate', 'BAD'], /Malformed RDF/],
    ['RDF/XML with rdf:about on a property element', ['validate', 'BADXML'], /Line 1 column \d+: rdf:about is not allowed on the property element <dcat:distribution>/],
    ['an unknown profile', ['validate', join(RECORDS, 'eucaim-conformant.ttl'), '--profile', 'nope'], /known profiles/],
    ['an unreachable URL', ['validate', 'http://127.0.0.1:9/record.ttl'], /Fetch failed|fetch/i],
    ['an ill-formed shapes file', ['validate', join(RECORDS, 'eucaim-conformant.ttl'), '--shapes', 'BADSHAPES'], /not a well-formed shapes graph/],
  ])('exits 2 with a clear message for %s', async (_name, args, message) => {
    await writeFile(join(dir, 'bad.ttl'), '<a> <b');
    await writeFile(join(dir, 'bad.rdf'), '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#">' +
      '<dcat:Dataset rdf:about="https://x.example/ds"><dcat:distribution rdf:about="https://x.example/d"/></dcat:Dataset></rdf:RDF>');
    await writeFile(join(dir, 'bad-shapes.ttl'), '@prefix sh: <http://www.w3.org/ns/shacl#> . <http://x/S> a sh:PropertyShape ; sh:path <http://x/p> ; sh:minCount "one" .');
    const files: Record<string, string> = { BAD: 'bad.ttl', BADXML: 'bad.rdf', BADSHAPES: 'bad-shapes.ttl' };
    const resolved = args.map((a) => (files[a] !== undefined ? join(dir, files[a]) : a));
    const r = await sheaf(...resolved);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('sheaf shapes derive', () => {
  it('writes well-formed derived shapes that catch a wrong modality', async () => {
    const out = join(dir, 'derived.ttl');
    const r = await sheaf('shapes', 'derive', join(ROOT, 'ontologies/eucaim-hyperontology.ttl'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/values-under \d+/);
    const v = await sheaf('validate', join(RECORDS, 'eucaim-bodypart-as-modality.ttl'), '--shapes', out);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('IMG1000009');
  });

  it('exits 2 for an unreadable ontology', async () => {
    const r = await sheaf('shapes', 'derive', '/nonexistent.owl');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read ontology/);
  });
});
