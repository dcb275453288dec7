// **ontology-versions** conformance: the real DCAT 2 then DCAT 3 loaded as versions (diff facts checked), then a ≈4,000-class hyperontology as RDF/XML.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { NS } from '../../src/core/namespaces.js';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { OntologyActivation, type ActivationReport } from '../../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../../src/ontology/ontology-versions.js';
import { RecordIndex } from '../../src/catalogue/record-index.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { reportQuads } from '../../src/catalogue/report-quads.js';
import { RecordWriter } from '../../src/catalogue/record-writer.js';
import { writeRdfXml } from '../../src/core/rdf-xml-writer.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { readRdfFile } from '../../src/validate/profile-registry.js';

const { namedNode, literal, quad } = DataFactory;
const DCAT = 'http://www.w3.org/ns/dcat#';
const BASE = 'http://sheaf.conformance';
const HYPERONTOLOGY = 'https://cancerimage.eu/ontology/EUCAIM';
const REPO = new URL('../..', import.meta.url);

// Synthetic records (our own): which of them a DCAT 2 → 3 change concerns is the point of the check.
const RECORDS: ReadonlyArray<readonly [string, string, string]> = [
  ['dcat-ap', 'theme', `<https://d.example/theme> a dcat:Dataset ; dct:title "t"@en ; dct:description "d"@en ; dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL> .`],
  ['dcat-ap', 'series', `<https://d.example/series> a dcat:Dataset, dcat:DatasetSeries ; dct:title "s"@en ; dct:description "d"@en .`],
  ['dcat-ap', 'plain', `<https://d.example/plain> a dcat:Dataset ; dct:title "p"@en ; dct:description "d"@en ; dcat:keyword "k" .`],
];

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function find(dir: string, test: (name: string) => boolean, depth = 4): string[] {
  if (depth < 0 || !existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? find(full, test, depth - 1) : test(name) ? [full] : [];
  });
}

function summary(label: string, r: ActivationReport, ms: number): void {
  const d = r.diff;
  console.log(`${label}: version ${r.version.id} (${r.version.quads} quads, ${r.version.format}) compared with ${r.comparedWith} in ${ms} ms`);
  console.log(`  classes +${d.classes.added.length} -${d.classes.removed.length} deprecated ${d.classes.deprecated.length} moved ${d.classes.moved.length}; ` +
    `properties +${d.properties.added.length} -${d.properties.removed.length} changed ${d.properties.changed.length}; ` +
    `constraints tightened ${d.constraints.tightened.length} loosened ${d.constraints.loosened.length}`);
  console.log(`  touched: ${d.touched.classes.length} classes, ${d.touched.properties.length} properties, ${d.touched.values.length} values`);
  console.log(`  impact: ${r.impact.candidates} candidate records, ${r.impact.revalidated} revalidated, ${r.impact.changed} changed status, ` +
    `${r.impact.newlyInvalidCount} newly invalid, ${r.impact.nowValid.length} now valid`);
}

/** Runs the check; args: `--external DIR` (required), `--eucaim-owl FILE` (the real hyperontology, when you have it). */
export default async function run(args: readonly string[]): Promise<number> {
  const external = option(args, '--external');
  if (external === undefined) {
    console.error('ontology-versions: --external DIR (the folder holding ontology2shacl/ontologies/) is required');
    return 2;
  }
  const root = resolve(external);
  const dcat2 = join(root, 'ontology2shacl/ontologies/dcat2.ttl');
  const dcat3 = join(root, 'ontology2shacl/ontologies/dcat3.ttl');
  for (const f of [dcat2, dcat3]) if (!existsSync(f)) throw new Error(`missing ${f}`);

  const dir = await mkdtemp(join(tmpdir(), 'sheaf-conformance-ontology-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const stateDb = openStateDb(dir);
  let failures = 0;
  const check = (ok: boolean, fact: string) => {
    console.log(`${ok ? 'PASS' : 'FAIL'} ${fact}`);
    if (!ok) failures += 1;
  };
  try {
    const profiles = await loadProfiles();
    const records = new RecordIndex({ db: stateDb.db });
    const iris = new RecordIris(BASE);
    const writer = new RecordWriter({ store, index: records, iris, graceDays: 30 });
    const prefixes = `@prefix dcat: <${DCAT}> . @prefix dct: <${NS.dct}> .`;
    const seeded = [...RECORDS, ['eucaim', 'eucaim', readFileSync(new URL('test/fixtures/records/eucaim-conformant.ttl', REPO), 'utf8')] as const];
    const now = new Date().toISOString();
    for (const [profile, key, ttl] of seeded) {
      const quads = new Parser().parse(profile === 'eucaim' ? ttl : prefixes + ttl);
      const outcome = await (await profiles.validator(profile)).validate(quads);
      await writer.write([{
        existed: false, lastSeen: now, quads, report: outcome.results.length > 0 ? reportQuads(iris.reportGraph(profile, key), outcome) : [],
        record: { feedId: profile, key, datasetIri: quads[0]!.subject.value, hash: key, pageUrl: 'urn:page', runId: 'seed', state: 'active', profile, validation: outcome.status, firstSeen: now, lastChanged: now },
      }]);
    }
    const versions = new OntologyVersions({ db: stateDb.db, store, baseUrl: BASE });
    const activation = new OntologyActivation({ versions, profiles, store, records, iris, profileOf: (feed) => feed });
    const load = async (label: string, quads: readonly Quad[], format: string) => {
      const started = Date.now();
      const report = await activation.load({ quads, format, loadedBy: 'conformance', label });
      summary(label, report, Date.now() - started);
      return report;
    };

    await load('DCAT 2', await readRdfFile(dcat2), 'turtle');
    const r = await load('DCAT 3', await readRdfFile(dcat3), 'turtle');
    const series = r.diff.targets.added.find((t) => t.class === `${DCAT}DatasetSeries` && t.via === `${DCAT}Dataset`);
    check(series !== undefined, 'DCAT 3 after DCAT 2 reports the new target dcat:DatasetSeries ⊑ dcat:Dataset');
    const range = r.diff.properties.changed.find((c) => c.iri === `${DCAT}theme` && c.axiom === 'range' && c.removed.includes(`${NS.skos}Concept`));
    const loosened = r.diff.constraints.loosened.find((c) => c.target === `subjectsOf <${DCAT}theme>` && c.constraint === `${NS.sh}class`);
    check(range !== undefined && loosened !== undefined, 'DCAT 3 after DCAT 2 reports the removed dcat:theme range (sh:class skos:Concept loosened)');
    const touched = await import('../../src/ontology/impact-analysis.js').then((m) => m.affectedRecords({ store, iris, diff: r.diff }));
    const keys = touched.map((t) => t.key).sort();
    console.log(`  records concerned: ${keys.join(', ')}`);
    check(keys.includes('theme') && keys.includes('series') && !keys.includes('plain') && r.impact.revalidated === keys.length,
      'only records using a touched term are revalidated: the theme and series records are, the plain one is not');
    check(r.impact.nowValid.some((x) => x.key === 'theme'), 'the theme record, invalid under DCAT 2\'s range, is valid again under DCAT 3');

    // The hyperontology as a later version, in RDF/XML.
    const owl = [...find(join(root, 'eucaim'), (n) => n.endsWith('.owl')), ...find(join(root, 'ontology2shacl'), (n) => n.endsWith('.owl'))];
    const explicit = option(args, '--eucaim-owl');
    if (explicit !== undefined || owl.length > 0) {
      const file = explicit ?? owl[0]!;
      const quads = await parseRdf(readFileSync(file, 'utf8'), { format: 'rdf-xml' });
      const report = await load(`EUCAIM hyperontology OWL (${file})`, quads, 'rdf-xml');
      check(report.version.quads > 0, 'the EUCAIM hyperontology OWL loads as a later version');
    } else {
      console.log(`NOTE the real EUCAIM hyperontology OWL (utils/eucaim_hyperontology.owl, ≥ 4 MiB RDF/XML) is not in ${root}: ` +
        'the snapshot README says it is missing. Pass --eucaim-owl FILE to load it. Loading a stand-in instead: the bundled ' +
        'hyperontology plus every class of the 3,991-row concept CSV, written as RDF/XML (no hierarchy beyond the bundled one).');
      const csv = join(root, 'ontology2shacl/eucaim-hyperontology/hyperontology-classes-2026-03.csv');
      const bundled = await readRdfFile(new URL('ontologies/eucaim-hyperontology.ttl', REPO).pathname);
      const known = new Set(bundled.map((q) => q.subject.value));
      const extra: Quad[] = [];
      for (const line of readFileSync(csv, 'utf8').split('\n').slice(1)) {
        const [, iri, ...rest] = line.split(',');
        if (!iri?.startsWith('https://') || known.has(iri)) continue;
        const label = rest.slice(0, -1).join(',').replace(/^"|"$/g, '');
        extra.push(quad(namedNode(iri), namedNode(`${NS.rdf}type`), namedNode(`${NS.owl}Class`)), quad(namedNode(iri), namedNode(`${NS.rdfs}label`), literal(label)));
      }
      const header = quad(namedNode(HYPERONTOLOGY), namedNode(`${NS.owl}versionIRI`), namedNode(`${HYPERONTOLOGY}/conformance-stand-in`));
      const xml = writeRdfXml([...bundled.filter((q) => q.predicate.value !== `${NS.owl}versionIRI`), header, ...extra]);
      const quads = await parseRdf(xml, { format: 'rdf-xml' });
      const classes = new Set(quads.filter((q) => q.object.value === `${NS.owl}Class`).map((q) => q.subject.value)).size;
      console.log(`  stand-in: ${classes} classes, ${quads.length} quads, ${(xml.length / 1e6).toFixed(1)} MB of RDF/XML`);
      const report = await load('EUCAIM hyperontology stand-in', quads, 'rdf-xml');
      check(report.comparedWith === 'bundled' && report.diff.classes.added.length === extra.length / 2,
        'a ≈4,000-class hyperontology in RDF/XML loads as a later version of the bundled one (diff against the bundled file)');
    }
  } finally {
    stateDb.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'ontology-versions: all facts found' : `ontology-versions: ${failures} fact(s) missing`);
  return failures === 0 ? 0 : 1;
}
