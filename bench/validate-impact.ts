// **benchImpact** times a new hyperontology version's impact analysis over N stored EUCAIM records (target ≤ 30 s at 100 k).
//
// N synthetic records are stored in a real embedded store (OxigraphStore in a temp dir) the way a harvest stores
// them (record graph, report graph, catalogue record, record row). Then a new version of the bundled hyperontology
// is loaded through OntologyActivation, as `POST /api/ontologies` does: stored, diffed against the bundled version,
// every profile compiled with it, the records using a touched term found with one store query, revalidated, and their
// reports, statuses and rows written back. The change deprecates one condition class (with its replacement) and moves
// one modality class, with its subclasses, under the body-structure root: the records using them (about a fifth)
// are revalidated, those with the moved modality become non-conformant.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../src/core/namespaces.js';
import { affectedRecords } from '../src/ontology/impact-analysis.js';
import { OntologyActivation } from '../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../src/ontology/ontology-versions.js';
import { RecordIndex } from '../src/pipeline/record-index.js';
import { RecordIris } from '../src/pipeline/record-iris.js';
import { RecordWriter, type RecordChange } from '../src/pipeline/record-writer.js';
import { reportQuads } from '../src/pipeline/report-quads.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb } from '../src/store/state-db.js';
import { ProfileRegistry, readRdfFile } from '../src/validate/profile-registry.js';
import { syntheticEucaimRecord } from './synthetic-eucaim.js';

const { namedNode, literal, quad } = DataFactory;
const BASE = 'https://bench.sheaf.example';
const FEED = 'eucaim-bench';
const EUCAIM = 'https://cancerimage.eu/ontology/EUCAIM#';
const TARGET_MS = 30_000;
/** The change: a deprecated condition (and what replaces it) and a modality moved out of the modality subtree. */
const DEPRECATED = `${EUCAIM}CLIN1022932`;
const REPLACEMENT = `${EUCAIM}CLIN1007989`;
const MOVED = `${EUCAIM}IMG1000043`;
const MOVED_UNDER = `${EUCAIM}BP1000024`;
const SEED_BATCH = 1_000;

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The bundled hyperontology with the change applied and a new version IRI. */
async function changedOntology(file: string): Promise<Quad[]> {
  const quads = await readRdfFile(file);
  const out: Quad[] = [];
  for (const q of quads) {
    if (q.subject.value === MOVED && q.predicate.value === `${NS.rdfs}subClassOf`) continue;
    if (q.predicate.value === `${NS.owl}versionIRI`) {
      out.push(quad(q.subject, q.predicate, namedNode(`${q.object.value}-bench-impact`)));
      continue;
    }
    out.push(q);
  }
  out.push(
    quad(namedNode(MOVED), namedNode(`${NS.rdfs}subClassOf`), namedNode(MOVED_UNDER)),
    quad(namedNode(DEPRECATED), namedNode(`${NS.owl}deprecated`), literal('true', namedNode(`${NS.xsd}boolean`))),
    quad(namedNode(DEPRECATED), namedNode(`${NS.dct}isReplacedBy`), namedNode(REPLACEMENT)),
  );
  return out;
}

/** Stores `count` records as a harvest would; returns how long it took. */
async function seed(count: number, o: { profiles: ProfileRegistry; writer: RecordWriter; iris: RecordIris }): Promise<number> {
  const validator = await o.profiles.validator('eucaim');
  const started = performance.now();
  const now = new Date().toISOString();
  for (let first = 0; first < count; first += SEED_BATCH) {
    const changes: RecordChange[] = [];
    for (let i = first; i < Math.min(count, first + SEED_BATCH); i++) {
      const r = syntheticEucaimRecord(i, { base: BASE });
      const outcome = await validator.validate(r.quads);
      changes.push({
        existed: false, lastSeen: now, quads: r.quads,
        report: outcome.results.length > 0 ? reportQuads(o.iris.reportGraph(FEED, r.key), outcome) : [],
        record: { feedId: FEED, key: r.key, datasetIri: r.dataset, hash: r.key, pageUrl: 'urn:bench:page', runId: 'seed', state: 'active',
          profile: 'eucaim', validation: outcome.status, firstSeen: now, lastChanged: now },
      });
    }
    await o.writer.write(changes);
    if ((first / SEED_BATCH) % 10 === 9) process.stderr.write(`  stored ${first + SEED_BATCH} records…\n`);
  }
  return performance.now() - started;
}

export async function benchImpact(count: number, opts: { workers?: number } = {}): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-impact-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const state = openStateDb(dir);
  try {
    const profiles = await ProfileRegistry.load();
    const records = new RecordIndex({ db: state.db });
    const iris = new RecordIris(BASE);
    const writer = new RecordWriter({ store, index: records, iris, graceDays: 30 });
    const seedMs = await seed(count, { profiles, writer, iris });
    console.log(`impact: ${count} records stored in ${(seedMs / 1000).toFixed(1)} s (set-up, not timed) [load ${load()}]`);

    const hyperontology = profiles.get('eucaim').ontologies.find((f) => f.includes('hyperontology'));
    if (hyperontology === undefined) throw new Error('the eucaim profile bundles no hyperontology');
    const next = await changedOntology(hyperontology);
    const versions = new OntologyVersions({ db: state.db, store, baseUrl: BASE });
    const activation = new OntologyActivation({
      versions, profiles, store, records, iris, profileOf: (feed) => (feed === FEED ? 'eucaim' : undefined),
      ...(opts.workers !== undefined && { impactWorkers: opts.workers }),
    });

    const cpu = process.cpuUsage();
    const started = performance.now();
    const report = await activation.load({ quads: next, format: 'turtle', loadedBy: 'bench', label: 'bench impact' });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const { impact, diff } = report;
    console.log(`impact: new version (${next.length} quads; ${diff.classes.deprecated.length} deprecated, ${diff.classes.moved.length} moved classes; ` +
      `touched ${diff.touched.classes.length} classes, ${diff.touched.values.length} values) loaded and analysed in ${(ms / 1000).toFixed(1)} s ` +
      `(target ≤ ${TARGET_MS / 1000} s at 100 k; CPU ${(((used.user + used.system) / 1000) / 1000).toFixed(1)} s, all threads) [load ${load()}]`);
    console.log(`impact: ${impact.candidates} candidate records (${((100 * impact.candidates) / count).toFixed(1)} %), ${impact.revalidated} revalidated, ` +
      `${impact.changed} changed status, ${impact.newlyInvalidCount} newly invalid, ${impact.nowValid.length} now valid`);
    // The store query alone, for the breakdown (the same one the analysis ran first).
    const queried = performance.now();
    const again = await affectedRecords({ store, iris, diff });
    console.log(`impact: of which finding the ${again.length} candidates (one store query) takes ${((performance.now() - queried) / 1000).toFixed(1)} s`);
  } finally {
    state.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
