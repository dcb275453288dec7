// **benchImpact** times a new hyperontology version's impact analysis over N stored EUCAIM records (target ≤ 30 s at 100 k).
//
// N synthetic records are stored in a real embedded store (OxigraphStore in a temp dir, opened as `sheaf serve` opens
// it: report and quality graphs in the log only) the way a harvest stores them (record graph, report graph, catalogue
// record, record row). Then a new version of the bundled hyperontology
// is loaded through OntologyActivation, as `POST /api/ontologies` does: stored, diffed against the bundled version,
// every profile compiled with it, the records using a touched term found with one store query, revalidated, and their
// reports, statuses and rows written back. The change deprecates one condition class (with its replacement) and moves
// one modality class, with its subclasses, under the body-structure root: the records using them (about a fifth)
// are revalidated, those with the moved modality become non-conformant. With `listeners`, the records are seeded and
// the version loaded with what `sheaf serve` wires in (search index and MQA quality told about each changed record,
// then search's re-index of the documents holding a changed term), each timed: the whole of POST /api/ontologies.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../src/core/namespaces.js';
import { affectedRecords } from '../src/ontology/impact-analysis.js';
import { OntologyActivation } from '../src/ontology/ontology-activation.js';
import { OntologyVersions } from '../src/ontology/ontology-versions.js';
import { RecordIndex } from '../src/catalogue/record-index.js';
import { RecordIris } from '../src/catalogue/record-iris.js';
import { logOnlyGraphs } from '../src/catalogue/log-only-graphs.js';
import { RecordWriter, type RecordChange } from '../src/catalogue/record-writer.js';
import { reportQuads } from '../src/catalogue/report-quads.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb } from '../src/store/state-db.js';
import { loadProfiles } from '../src/ontology/profile-composer.js';
import { type ProfileRegistry, readRdfFile } from '../src/validate/profile-registry.js';
import { syntheticEucaimRecord } from './synthetic-eucaim.js';
import type { RecordListener } from '../src/catalogue/record-listener.js';
import type { OntologyListener } from '../src/catalogue/ontology-listener.js';
import { QualityStore } from '../src/quality/quality-store.js';
import { createDiscoveryServices } from '../src/serve/discovery-plugin.js';
import { searchFollowsOntologies } from '../src/search/search-follows-ontologies.js';
import { SearchSync } from '../src/search/search-sync.js';
import { SearchTermsState } from '../src/search/search-terms-state.js';
import type { CatalogueStore } from '../src/store/catalogue-store.js';
import type Database from 'better-sqlite3';

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
/** The store opened as `sheaf serve` opens it: report and quality graphs in the log only, out of the SPARQL index. */
const LOG_ONLY = logOnlyGraphs({ baseUrl: BASE, indexReports: false });

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** Thread names (Linux `comm`) of this process's threads, kept once seen: threads that ended keep theirs. */
const threadNames = new Map<number, string>();

/** CPU seconds per thread of this process (thread id → seconds), from /proc on Linux; undefined elsewhere. */
function threadSeconds(): Map<number, number> | undefined {
  if (!existsSync('/proc/self/task')) return undefined;
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      if (!threadNames.has(Number(tid))) threadNames.set(Number(tid), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, in USER_HZ ticks
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out;
}

/**
 * Samples every thread's CPU while `work` runs (threads that end, like the validator pool's, keep their last sample),
 * so the bench can say which thread was saturated: the main thread reads, writes and tells listeners while the pool
 * validates and the store's index worker applies writes. Returns the main thread's seconds and the other threads'
 * largest first.
 */
async function perThread<T>(work: () => Promise<T>): Promise<{ result: T; main?: number; others: string[] }> {
  const before = threadSeconds();
  const last = new Map<number, number>();
  const sample = () => {
    for (const [tid, s] of threadSeconds() ?? []) last.set(tid, s);
  };
  const timer = setInterval(sample, 250);
  try {
    const result = await work();
    sample();
    if (before === undefined) return { result, others: [] };
    const used = [...last].map(([tid, s]) => [tid, s - (before.get(tid) ?? 0)] as const);
    const main = used.find(([tid]) => tid === process.pid)?.[1];
    return { result, ...(main !== undefined && { main }), others: used.filter(([tid, s]) => tid !== process.pid && s >= 0.1).sort((a, b) => b[1] - a[1])
      .map(([tid, s]) => `${s.toFixed(1)} s (${threadNames.get(tid) ?? tid})`) };
  } finally {
    clearInterval(timer);
  }
}

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

/** What `sheaf serve` tells about stored records and ontology changes (src/serve/start-server.ts), each timed. */
interface ServeListeners {
  readonly listeners: RecordListener[];
  readonly followers: OntologyListener[];
  /** Wall-clock ms spent in each (record listeners: their synchronous part and what they return to await). */
  readonly ms: Map<string, number>;
}

async function serveListeners(o: { db: Database.Database; store: CatalogueStore }): Promise<ServeListeners> {
  const discovery = await createDiscoveryServices({ db: o.db, baseUrl: BASE, store: o.store });
  const search = new SearchSync({ index: discovery.search, terms: discovery.terms });
  const quality = new QualityStore({ db: o.db, store: o.store, iris: discovery.iris });
  const follower = searchFollowsOntologies({ sync: search, state: new SearchTermsState({ db: o.db }) });
  const ms = new Map<string, number>();
  const add = (name: string, since: number): void => {
    ms.set(name, (ms.get(name) ?? 0) + performance.now() - since);
  };
  const timed = (name: string, l: RecordListener): RecordListener => ({
    recordsStored(records) {
      const since = performance.now();
      const result = l.recordsStored(records);
      if (result instanceof Promise) return result.finally(() => add(name, since));
      add(name, since);
    },
    recordsWithdrawn: (feedId, keys) => l.recordsWithdrawn(feedId, keys),
  });
  return {
    listeners: [timed('search index', search), timed('quality', quality)],
    followers: [{
      async ontologiesChanged(change) {
        const since = performance.now();
        try {
          await follower.ontologiesChanged(change);
        } finally {
          add('search re-index for the new terms', since);
        }
      },
    }],
    ms,
  };
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

/**
 * A data directory holding `count` seeded records: `seedDir/<count>` when given (seeded the first time, reused after;
 * each run works on a copy, since the analysis rewrites what it revalidates), else a fresh temp dir seeded now.
 */
async function seededDir(count: number, profiles: ProfileRegistry, seedDir: string | undefined, withListeners: boolean): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-impact-'));
  const kept = seedDir === undefined ? undefined : path.join(seedDir, `${count}${withListeners ? '-served' : ''}`);
  if (kept !== undefined && existsSync(path.join(kept, 'seeded'))) {
    cpSync(kept, dir, { recursive: true });
    console.log(`impact: ${count} seeded records copied from ${kept} (set-up, not timed)`);
    return dir;
  }
  const target = kept ?? dir;
  rmSync(target, { recursive: true, force: true });
  const store = await OxigraphStore.open({ dataDir: target, logOnly: LOG_ONLY });
  const state = openStateDb(target);
  try {
    const iris = new RecordIris(BASE);
    const listeners = withListeners ? (await serveListeners({ db: state.db, store })).listeners : [];
    const writer = new RecordWriter({ store, index: new RecordIndex({ db: state.db }), iris, graceDays: 30, listeners });
    const seedMs = await seed(count, { profiles, writer, iris });
    console.log(`impact: ${count} records stored in ${(seedMs / 1000).toFixed(1)} s (set-up, not timed) [load ${load()}]`);
  } finally {
    state.close();
    await store.close();
  }
  if (kept === undefined) return dir;
  writeFileSync(path.join(kept, 'seeded'), `${count}\n`);
  cpSync(kept, dir, { recursive: true });
  return dir;
}

export async function benchImpact(count: number, opts: { workers?: number; seedDir?: string; listeners?: boolean } = {}): Promise<void> {
  const profiles = await loadProfiles();
  const dir = await seededDir(count, profiles, opts.seedDir, opts.listeners ?? false);
  const opened = performance.now();
  const store = await OxigraphStore.open({ dataDir: dir, logOnly: LOG_ONLY });
  console.log(`impact: store opened (index built from its log) in ${((performance.now() - opened) / 1000).toFixed(1)} s (set-up, not timed)`);
  const state = openStateDb(dir);
  try {
    const records = new RecordIndex({ db: state.db });
    const iris = new RecordIris(BASE);

    const hyperontology = profiles.get('eucaim').ontologies.find((f) => f.includes('hyperontology'));
    if (hyperontology === undefined) throw new Error('the eucaim profile bundles no hyperontology');
    const next = await changedOntology(hyperontology);
    const versions = new OntologyVersions({ db: state.db, store, baseUrl: BASE });
    const served = opts.listeners === true ? await serveListeners({ db: state.db, store }) : undefined;
    const activation = new OntologyActivation({
      versions, profiles, store, records, iris, profileOf: (feed) => (feed === FEED ? 'eucaim' : undefined),
      ...(served !== undefined && { listeners: served.listeners, followers: served.followers }),
      ...(opts.workers !== undefined && { impactWorkers: opts.workers }),
    });

    const cpu = process.cpuUsage();
    const started = performance.now();
    const threads = await perThread(() => activation.load({ quads: next, format: 'turtle', loadedBy: 'bench', label: 'bench impact' }));
    const report = threads.result;
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const { impact, diff } = report;
    console.log(`impact: new version (${next.length} quads; ${diff.classes.deprecated.length} deprecated, ${diff.classes.moved.length} moved classes; ` +
      `touched ${diff.touched.classes.length} classes, ${diff.touched.values.length} values) loaded and analysed in ${(ms / 1000).toFixed(1)} s ` +
      `(target ≤ ${TARGET_MS / 1000} s at 100 k; CPU ${(((used.user + used.system) / 1000) / 1000).toFixed(1)} s, all threads) [load ${load()}]`);
    if (threads.main !== undefined) {
      console.log(`impact: CPU ${threads.main.toFixed(1)} s in the main thread; the busiest others (validator pool, store index, GC helpers): ` +
        `${threads.others.join(', ')}`);
    }
    if (served !== undefined) {
      console.log(`impact: of which, as sheaf serve wires them: ${[...served.ms].map(([name, t]) => `${name} ${(t / 1000).toFixed(1)} s`).join(', ')}`);
    }
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
