// **analyseImpact** finds the stored records an ontology change can affect, revalidates only those and writes the outcome back.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { NS } from '../core/namespaces.js';
import { QueryFile } from '../core/query-file.js';
import type { RecordIndex, RecordRow } from '../catalogue/record-index.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { RecordListener, StoredRecord } from '../catalogue/record-listener.js';
import { reportQuads, storedNormalisationResults } from '../catalogue/report-quads.js';
import { NORMALISATION_COMPONENT, withNormalisation } from '../validate/with-normalisation.js';
import type { CatalogueStore, GraphContent } from '../store/catalogue-store.js';
import type { ValidationSummary } from '../validate/summarise-report.js';
import type { RecordValidator } from '../validate/validator-pool.js';
import type { ResultRow } from '../validate/summarise-report.js';
import { isDeprecated, replacementOf } from './bind-value-sets.js';
import type { OntologyDiff, OntologyView } from './ontology-diff.js';
import { tellListeners } from '../catalogue/tell-listeners.js';

const { namedNode, literal, quad } = DataFactory;
const IMPACT_GRAPHS = QueryFile.load('ontology-impact-graphs');
const VALIDATION_STATUS = `${NS.sheaf}validationStatus`;

export interface Suggestion {
  /** The term the record uses. */
  readonly term: string;
  readonly reason: 'deprecated' | 'removed';
  /** dct:isReplacedBy of a deprecated term; the nearest ancestor still in the new version for a removed one. */
  readonly replacement?: string;
}

export interface NewlyInvalid {
  readonly feedId: string;
  readonly key: string;
  readonly datasetIri: string;
  readonly before: string;
  /** The first violations, for the curator's overview (the full report is in the record's report graph). */
  readonly violations: ResultRow[];
  readonly suggestions: Suggestion[];
}

export interface ImpactReport {
  /** Records using a touched term: the only ones revalidated. */
  readonly candidates: number;
  readonly revalidated: number;
  /** Records whose status (conformant / with-warnings / non-conformant) changed. */
  readonly changed: number;
  readonly newlyInvalidCount: number;
  /** Capped at `listLimit` entries; `newlyInvalidCount` has the full number. */
  readonly newlyInvalid: NewlyInvalid[];
  readonly nowValid: Array<{ readonly feedId: string; readonly key: string; readonly before: string; readonly after: string }>;
  /** Records skipped because their feed (hence profile) is gone. */
  readonly skipped: number;
}

export interface ImpactOptions {
  readonly store: CatalogueStore;
  readonly records: RecordIndex;
  readonly iris: RecordIris;
  readonly diff: OntologyDiff;
  readonly before: OntologyView;
  readonly after: OntologyView;
  /**
   * The feed's profile validator for the new version (compiled here, or a worker pool's); undefined when the feed is
   * gone. A batch's validations are all started before any is awaited, so a pool validates them on its threads while
   * this one stores the previous batch and reads the next. `candidates` (how many records will be revalidated) lets
   * the provider choose: a pool is worth starting for thousands, not for ten.
   */
  readonly validatorFor: (feedId: string, candidates: number) => Promise<RecordValidator | undefined>;
  /**
   * Told about the records whose status changed (quality scores depend on it), as the record writer tells them:
   * after the batch's graphs are stored, in the same state-database transaction as the rows, batch by batch.
   */
  readonly listeners?: readonly RecordListener[];
  /** Records read and written per store request (default 250). */
  readonly batchSize?: number;
  readonly listLimit?: number;
}

/** Record graphs (active and quarantined) using any touched term, found with one query over the whole store. */
export async function affectedRecords(opts: Pick<ImpactOptions, 'store' | 'iris' | 'diff'>): Promise<Array<{ feedId: string; key: string }>> {
  const { classes, properties, values } = opts.diff.touched;
  if (classes.length + properties.length + values.length === 0) return [];
  const prefixes = [`${opts.iris.base}/graph/record/`, `${opts.iris.base}/graph/quarantine/`];
  const iri = (xs: readonly string[]): Term[] => xs.map((x) => namedNode(x));
  const query = IMPACT_GRAPHS.bind({ prefix: prefixes.map((p) => literal(p)), class: iri(classes), property: iri(properties), value: iri(values) });
  const { rows } = await opts.store.select(query);
  const found = new Map<string, { feedId: string; key: string }>();
  for (const row of rows) {
    const g = row.get('g')?.value ?? '';
    const prefix = prefixes.find((p) => g.startsWith(p));
    const [feed, key, ...rest] = (prefix === undefined ? '' : g.slice(prefix.length)).split('/');
    if (feed === undefined || key === undefined || rest.length > 0) continue;
    const record = { feedId: decodeURIComponent(feed), key: decodeURIComponent(key) };
    found.set(`${record.feedId}\n${record.key}`, record);
  }
  return [...found.values()];
}

/**
 * Revalidates the affected records against the new version and stores the outcome: report graph, validation status
 * on the catalogue record, and the record row. Everything else about a record (content, dates, run) is untouched.
 */
export async function analyseImpact(opts: ImpactOptions): Promise<ImpactReport> {
  const candidates = await affectedRecords(opts);
  const batchSize = opts.batchSize ?? 250;
  const listLimit = opts.listLimit ?? 1000;
  const listening = (opts.listeners ?? []).length > 0;
  const newlyInvalid: NewlyInvalid[] = [];
  const nowValid: Array<{ feedId: string; key: string; before: string; after: string }> = [];
  let revalidated = 0;
  let changed = 0;
  let newlyInvalidCount = 0;
  let skipped = 0;
  // A batch's writes run while the next batch is read and revalidated (different records; one write at a time, so
  // batches are stored in order).
  let writing: Promise<void> = Promise.resolve();

  const graphOf = (r: RecordRow) => (r.state === 'quarantined' ? opts.iris.quarantineGraph(r.feedId, r.key) : opts.iris.recordGraph(r.feedId, r.key));
  /**
   * Reads a batch's record graphs as text and starts their validations. The text goes to the validator as it is (a
   * pool's worker parses it); this thread parses a record only when it needs its triples (`quads`, on first use: to
   * suggest replacements, or for a listener), a few of tens of thousands.
   */
  const start = async (from: number): Promise<Array<{ row: RecordRow; quads: () => Quad[]; outcome: Promise<ValidationSummary> }>> => {
    const batch = candidates.slice(from, from + batchSize)
      .map((c) => opts.records.get(c.feedId, c.key))
      .filter((r): r is RecordRow => r !== undefined && r.state !== 'withdrawn');
    // The old reports too: the normalisation results they hold stay (the stored record is already normalised).
    const [texts, reports] = await Promise.all([
      readGraphTexts(opts.store, batch.map(graphOf)),
      readGraphTexts(opts.store, batch.map((r) => opts.iris.reportGraph(r.feedId, r.key))),
    ]);
    const jobs: Array<{ row: RecordRow; quads: () => Quad[]; outcome: Promise<ValidationSummary> }> = [];
    for (const row of batch) {
      const validator = await opts.validatorFor(row.feedId, candidates.length);
      if (validator === undefined) { skipped += 1; continue; }
      const text = texts.get(graphOf(row)) ?? '';
      const report = reports.get(opts.iris.reportGraph(row.feedId, row.key)) ?? '';
      const carried = report.includes(NORMALISATION_COMPONENT) ? storedNormalisationResults(new Parser({ format: 'N-Triples' }).parse(report)) : [];
      const outcome = validator.validateNTriples(text).then((summary) => withNormalisation(summary, carried));
      outcome.catch(() => {}); // awaited below, in order
      let parsed: Quad[] | undefined;
      jobs.push({ row, quads: () => (parsed ??= new Parser({ format: 'N-Triples' }).parse(text)), outcome });
    }
    return jobs;
  };

  let next = candidates.length > 0 ? start(0) : undefined;
  for (let i = 0; i < candidates.length; i += batchSize) {
    const jobs = await next!;
    next = i + batchSize < candidates.length ? start(i + batchSize) : undefined;
    next?.catch(() => {}); // awaited (and thrown) with the next batch
    const graphs: GraphContent[] = [];
    const rows: RecordRow[] = [];
    const stored: StoredRecord[] = [];
    // Catalogue records whose status changed, rewritten once the batch's catalogue-record graphs are read.
    const restated: Array<{ graph: string; status: string }> = [];
    for (const { row, quads, outcome: pending } of jobs) {
      const outcome = await pending;
      revalidated += 1;
      // The harvest's compact report graph (same writer code), so reports read the same whoever wrote them.
      const reportGraph = opts.iris.reportGraph(row.feedId, row.key);
      graphs.push({ graph: reportGraph, quads: outcome.results.length > 0 ? reportQuads(reportGraph, outcome) : [] });
      if (outcome.status === row.validation) continue;
      changed += 1;
      rows.push({ ...row, validation: outcome.status });
      // The record's triples are parsed only if a listener reads them (quality scores a record it has no score of).
      if (listening) {
        stored.push({
          feedId: row.feedId, key: row.key, datasetIri: row.datasetIri, state: row.state, validation: outcome.status, statusOnly: true,
          get quads() { return quads(); },
        });
      }
      restated.push({ graph: opts.iris.catalogRecordGraph(row.feedId, row.key), status: outcome.status });
      if (outcome.status === 'non-conformant') {
        newlyInvalidCount += 1;
        if (newlyInvalid.length < listLimit) {
          newlyInvalid.push({
            feedId: row.feedId, key: row.key, datasetIri: row.datasetIri, before: row.validation,
            violations: outcome.results.filter((r) => r.severity === 'Violation').slice(0, 5),
            suggestions: suggestReplacements(quads(), opts.before, opts.after),
          });
        }
      } else if (row.validation === 'non-conformant' && nowValid.length < listLimit) {
        nowValid.push({ feedId: row.feedId, key: row.key, before: row.validation, after: outcome.status });
      }
    }
    // Only the records whose status changed need their catalogue record read and rewritten.
    const catalogRecords = await readGraphs(opts.store, restated.map((r) => r.graph));
    for (const { graph, status } of restated) {
      const cr = catalogRecords.get(graph);
      if (cr !== undefined) graphs.push({ graph, quads: withStatus(cr, status) });
    }
    await writing;
    writing = storeBatch(opts, graphs, rows, stored);
    writing.catch(() => {}); // awaited (and thrown) with the next batch or at the end
  }
  await writing;
  return { candidates: candidates.length, revalidated, changed, newlyInvalidCount, newlyInvalid, nowValid, skipped };
}

/**
 * Graphs first, then rows with the listeners' synchronous parts in one transaction (the record writer's order): a
 * crash in between leaves an old status a rerun corrects; a listener that throws rolls the rows back with it.
 */
async function storeBatch(opts: Pick<ImpactOptions, 'store' | 'records' | 'listeners'>, graphs: GraphContent[], rows: RecordRow[], stored: StoredRecord[]): Promise<void> {
  if (graphs.length > 0) await opts.store.replaceGraphs(graphs);
  const listeners = stored.length > 0 ? opts.listeners ?? [] : [];
  await tellListeners(opts.records, listeners, () => opts.records.write(rows.map(({ withdrawnAt: _w, ...r }) => r)), (l) => l.recordsStored(stored));
}

/** Terms of a record that the new version deprecates or drops, each with what to use instead. */
export function suggestReplacements(quads: readonly Quad[], before: OntologyView, after: OntologyView): Suggestion[] {
  const used = new Set<string>();
  for (const q of quads) {
    used.add(q.predicate.value);
    if (q.object.termType === 'NamedNode') used.add(q.object.value);
  }
  const out: Suggestion[] = [];
  for (const term of [...used].sort()) {
    const known = after.classes.has(term) || after.properties.has(term);
    if (known && isDeprecated(after.index, term)) {
      const replacement = replacementOf(after.index, term);
      out.push({ term, reason: 'deprecated', ...(replacement !== undefined && { replacement }) });
    } else if (!known && (before.classes.has(term) || before.properties.has(term))) {
      const replacement = nearestRemaining(term, before, after);
      out.push({ term, reason: 'removed', ...(replacement !== undefined && { replacement }) });
    }
  }
  return out;
}

/** Breadth-first up the earlier version's hierarchy (classes and properties) to the first term the new version keeps. */
function nearestRemaining(term: string, before: OntologyView, after: OntologyView): string | undefined {
  const up = (t: string) => [...before.index.objects(t, `${NS.rdfs}subClassOf`), ...before.index.objects(t, `${NS.rdfs}subPropertyOf`)]
    .filter((x) => x.termType === 'NamedNode').map((x) => x.value);
  const seen = new Set([term]);
  let level = up(term);
  while (level.length > 0) {
    const keep = level.filter((t) => after.classes.has(t) || after.properties.has(t)).sort();
    // A kept but deprecated ancestor is no advice on its own: point past it to its replacement when it names one.
    const usable = keep.find((t) => !isDeprecated(after.index, t));
    if (usable !== undefined) return usable;
    if (keep.length > 0) return replacementOf(after.index, keep[0]!) ?? keep[0];
    const next: string[] = [];
    for (const t of level) if (!seen.has(t)) { seen.add(t); next.push(...up(t)); }
    level = next;
  }
  return undefined;
}

function withStatus(catalogRecord: readonly Quad[], status: string): Quad[] {
  return catalogRecord.map((q) => (q.predicate.value === VALIDATION_STATUS ? quad(q.subject, q.predicate, literal(status)) : q));
}

// Graphs read at once: the embedded store reads its log, a remote one answers one request per graph.
const READ_CONCURRENCY = 8;

/**
 * Each graph's content exactly as stored, by name, keyed by graph (graphs holding nothing left out). Not through a
 * SELECT: Oxigraph answers queries with literals in canonical form ("412"^^xsd:nonNegativeInteger comes back as
 * xsd:integer), which fails datatype checks the record passed.
 */
async function readEach<T>(graphs: readonly string[], read: (graph: string) => Promise<T | undefined>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < graphs.length; i += READ_CONCURRENCY) {
    const slice = graphs.slice(i, i + READ_CONCURRENCY);
    const contents = await Promise.all(slice.map(read));
    slice.forEach((g, j) => {
      if (contents[j] !== undefined) out.set(g, contents[j]!);
    });
  }
  return out;
}

/** Record graphs as N-Triples text, for the validator. */
const readGraphTexts = (store: CatalogueStore, graphs: readonly string[]): Promise<Map<string, string>> =>
  readEach(graphs, (g) => store.readGraphText(g));

/** Graphs as triples. */
const readGraphs = (store: CatalogueStore, graphs: readonly string[]): Promise<Map<string, Quad[]>> =>
  readEach(graphs, async (g) => {
    const quads = await store.readGraphs([g]);
    return quads.length > 0 ? quads : undefined;
  });
