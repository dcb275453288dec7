// **dcat-ap** conformance: a conformant record harvested into a fresh sheaf, its /catalog validated against the official DCAT-AP 3.0.1 shapes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
import rdf from 'rdf-ext';
import { Validator } from 'shacl-engine';
import { loadConfig } from '../../src/core/config.js';
import { NS } from '../../src/core/namespaces.js';
import { HarvestRunner } from '../../src/pipeline/harvest-runner.js';
import { SearchSync } from '../../src/search/search-sync.js';
import { buildApp } from '../../src/serve/app.js';
import { createDiscoveryServices } from '../../src/serve/discovery-plugin.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { startFixtureServer } from '../fixture-server.js';
import { testFeed } from '../pipeline/feed-pages.js';

const SHAPES = 'dcat-ap/3.0.1/html/shacl/shapes.ttl';
const BASE = 'https://sheaf.conformance.test';
/**
 * The records harvested: a DCAT-AP record, a EUCAIM-conformant one (two dct:rights on its distribution, over DCAT-AP's
 * maxCount 1, which /catalog's default projection folds) and the bundled demo catalogue sheaf serves on a first start.
 */
const RECORDS = ['conformance/dcat-ap-record.ttl', 'records/eucaim-conformant.ttl', '../../demo/eucaim-demo-catalogue.ttl'];

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const show = (t: Term | undefined): string => (t === undefined ? '-' : t.termType === 'NamedNode' ? `<${t.value}>` : t.termType === 'BlankNode' ? `_:${t.value}` : JSON.stringify(t.value));

/** Harvests RECORDS into a fresh data directory and returns every quad of /catalog (Turtle), following hydra:next. */
export async function catalogueOutput(records: readonly string[] = RECORDS): Promise<Quad[]> {
  const routes = Object.fromEntries(records.map((file, i) => [`/feed-${i}.ttl`, { file }]));
  const server = await startFixtureServer(routes);
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-dcat-ap-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const state = openStateDb(dir);
  try {
    const discovery = await createDiscoveryServices({ db: state.db, baseUrl: BASE });
    const runner = new HarvestRunner({
      store, stateDb: state, profiles: await loadProfiles(), baseUrl: BASE, allowPrivateNetworks: true,
      fetcher: { retries: 0 }, listeners: [new SearchSync({ index: discovery.search, terms: discovery.terms })],
    });
    for (const [i] of records.entries()) {
      const run = await runner.run(testFeed(server.url(`/feed-${i}.ttl`), { id: `feed-${i}` }));
      if (run.counts.created === 0) throw new Error(`harvest of ${records[i]} stored nothing: ${JSON.stringify(run)}`);
    }
    const app = await buildApp({ config: loadConfig({}, { baseUrl: BASE, dataDir: dir, demo: false }), store, logger: false, discovery });
    try {
      const quads: Quad[] = [];
      let url: string | undefined = '/catalog';
      for (let guard = 0; url && guard < 100; guard++) {
        const res = await app.inject({ url, headers: { accept: 'text/turtle' } });
        if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode} ${res.body}`);
        const page: Quad[] = new Parser({ baseIRI: `${BASE}${url}` }).parse(res.body);
        quads.push(...page);
        const next: string | undefined = page.find((q) => q.predicate.value === `${NS.hydra}next`)?.object.value;
        url = next?.startsWith(BASE) ? next.slice(BASE.length) : undefined;
      }
      return quads;
    } finally {
      await app.close();
    }
  } finally {
    state.close();
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One check per typed node of the output (the catalogue, its records, datasets, distributions, agents …):
 * it passes when no sh:Violation has it as focus node. Warnings and infos are printed, not counted.
 * Violations on untyped nodes count as extra failed checks, so nothing is hidden.
 */
export default async function dcatApOutput(args: readonly string[]): Promise<number> {
  const external = option(args, '--external');
  if (!external) throw new Error('usage: npm run conformance -- dcat-ap --external DIR (DIR holds dcat-ap/3.0.1/…)');
  const shapesFile = path.resolve(external, SHAPES);
  const shapes = new Parser({ baseIRI: `file://${shapesFile}` }).parse(readFileSync(shapesFile, 'utf8'));
  // `--record FILE` (under test/fixtures) checks another record instead of the bundled conformant one.
  const records = option(args, '--record') ? [option(args, '--record')!] : RECORDS;
  const data = await catalogueOutput(records);
  const validator = new Validator(rdf.dataset(shapes), { factory: rdf });
  const report = await validator.validate({ dataset: rdf.dataset(data) });

  const key = (t: Term) => `${t.termType}:${t.value}`;
  const typed = new Map<string, Term>();
  for (const q of data) if (q.predicate.value === `${NS.rdf}type`) typed.set(key(q.subject), q.subject);
  const violations = new Map<string, string[]>();
  for (const r of report.results) {
    const severity = r.severity?.value.replace(NS.sh, '') ?? 'Violation';
    const focus = r.focusNode?.term;
    const line = `${severity} ${show(focus)} ${r.path?.map((p) => p.predicates.map(show).join('|')).join('/') ?? ''} `
      + `${r.constraintComponent?.value.replace(NS.sh, 'sh:') ?? ''} value=${show(r.value?.term)}: ${r.message.map((m) => m.value).join('; ')}`;
    if (severity !== 'Violation') {
      console.log(`  note   ${line}`);
      continue;
    }
    const k = focus ? key(focus) : 'none';
    (violations.get(k) ?? violations.set(k, []).get(k)!).push(line);
  }
  const checks = new Set([...typed.keys(), ...violations.keys()]);
  let passed = 0;
  for (const k of checks) {
    const lines = violations.get(k);
    if (!lines) {
      passed += 1;
      continue;
    }
    for (const line of lines) console.log(`  FAIL   ${line}`);
  }
  console.log(`dcat-ap: ${data.length} quads of /catalog from ${records.join(', ')} against ${SHAPES}`);
  console.log(`${passed} passed, ${checks.size - passed} failed`);
  return checks.size === passed ? 0 : 1;
}
