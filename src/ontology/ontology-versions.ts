// **OntologyVersions** keeps every loaded ontology version: a row in the state DB, its quads in `{base}/graph/ontology/{id}`.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Quad } from '@rdfjs/types';
import { CatErrors } from '../core/errors.js';
import { ontologyIriOf, ontologyVersionOf } from '../core/ontology-header.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import type { OntologyOverride } from '../validate/profile-registry.js';

export interface OntologyVersion {
  readonly id: string;
  /** The owl:Ontology IRI: versions of the same ontology form one series, and one version per series is current. */
  readonly ontologyIri: string;
  readonly versionIri?: string;
  readonly label?: string;
  /** The id of the version this one was compared with when it was loaded or restored. */
  readonly previous?: string;
  readonly loadedAt: string;
  readonly loadedBy: string;
  readonly format: string;
  readonly quads: number;
  readonly sha256: string;
  readonly current: boolean;
  /** When this version last became current. */
  readonly activatedAt?: string;
}

/** What a load or restore found (diff and impact), kept as JSON beside the version for GET /api/ontologies/{id}. */
export type VersionReport = Record<string, unknown>;

interface Row {
  id: string; seq: number; ontology_iri: string; version_iri: string | null; label: string | null; previous: string | null;
  loaded_at: string; loaded_by: string; format: string; quads: number; sha256: string; current: number; activated_at: string | null;
}

const view = (r: Row): OntologyVersion => ({
  id: r.id, ontologyIri: r.ontology_iri, loadedAt: r.loaded_at, loadedBy: r.loaded_by, format: r.format, quads: r.quads, sha256: r.sha256,
  current: r.current === 1,
  ...(r.version_iri !== null && { versionIri: r.version_iri }),
  ...(r.label !== null && { label: r.label }),
  ...(r.previous !== null && { previous: r.previous }),
  ...(r.activated_at !== null && { activatedAt: r.activated_at }),
});

/** Canonical digest of a version's content (order-independent), to notice a re-upload of the same version. */
function digest(quads: readonly Quad[]): string {
  const lines = quads.map((q) => `${q.subject.termType[0]}${q.subject.value} ${q.predicate.value} ${q.object.termType[0]}${q.object.value}` +
    (q.object.termType === 'Literal' ? `@${(q.object as Quad['object'] & { language: string }).language}^${(q.object as { datatype: { value: string } }).datatype.value}` : ''));
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

export class OntologyVersions {
  readonly #db: Database.Database;
  readonly #store: CatalogueStore;
  readonly #base: string;
  /** Keyed by id and content digest: an id freed by {@link discard} may come back with other content. */
  readonly #cache = new Map<string, Promise<Quad[]>>();
  readonly #s;

  constructor(options: { readonly db: Database.Database; readonly store: CatalogueStore; readonly baseUrl: string }) {
    this.#db = options.db;
    this.#store = options.store;
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS ontology_versions (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL UNIQUE,
      ontology_iri TEXT NOT NULL,
      version_iri TEXT,
      label TEXT,
      previous TEXT,
      loaded_at TEXT NOT NULL,
      loaded_by TEXT NOT NULL,
      format TEXT NOT NULL,
      quads INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      current INTEGER NOT NULL DEFAULT 0,
      activated_at TEXT,
      report TEXT
    );
    CREATE INDEX IF NOT EXISTS ontology_versions_series ON ontology_versions (ontology_iri, current)`);
    this.#s = {
      all: this.#db.prepare('SELECT * FROM ontology_versions ORDER BY seq'),
      get: this.#db.prepare('SELECT * FROM ontology_versions WHERE id = ?'),
      current: this.#db.prepare('SELECT * FROM ontology_versions WHERE current = 1 ORDER BY seq'),
      currentOf: this.#db.prepare('SELECT * FROM ontology_versions WHERE current = 1 AND ontology_iri = ?'),
      nextSeq: this.#db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM ontology_versions'),
      insert: this.#db.prepare(`INSERT INTO ontology_versions (id, seq, ontology_iri, version_iri, label, loaded_at, loaded_by, format, quads, sha256)
        VALUES (@id, @seq, @ontologyIri, @versionIri, @label, @loadedAt, @loadedBy, @format, @quads, @sha256)`),
      retire: this.#db.prepare('UPDATE ontology_versions SET current = 0 WHERE ontology_iri = ? AND current = 1'),
      activate: this.#db.prepare('UPDATE ontology_versions SET current = 1, activated_at = ?, previous = ?, report = ? WHERE id = ?'),
      report: this.#db.prepare('SELECT report FROM ontology_versions WHERE id = ?'),
      setReport: this.#db.prepare('UPDATE ontology_versions SET report = ? WHERE id = ?'),
      deactivate: this.#db.prepare('UPDATE ontology_versions SET current = 0 WHERE id = ?'),
      reactivate: this.#db.prepare('UPDATE ontology_versions SET current = 1 WHERE id = ?'),
      drop: this.#db.prepare('DELETE FROM ontology_versions WHERE id = ?'),
    };
  }

  /** Named graph holding a version's quads. */
  graph(id: string): string {
    return `${this.#base}/graph/ontology/${encodeURIComponent(id)}`;
  }

  list(): OntologyVersion[] {
    return (this.#s.all.all() as Row[]).map(view);
  }

  get(id: string): OntologyVersion | undefined {
    const row = this.#s.get.get(id) as Row | undefined;
    return row === undefined ? undefined : view(row);
  }

  require(id: string): OntologyVersion {
    const v = this.get(id);
    if (v === undefined) throw new CatErrors.NOT_FOUND(`ontology version "${id}"`);
    return v;
  }

  /** The current version of every series. */
  current(): OntologyVersion[] {
    return (this.#s.current.all() as Row[]).map(view);
  }

  currentOf(ontologyIri: string): OntologyVersion | undefined {
    const row = this.#s.currentOf.get(ontologyIri) as Row | undefined;
    return row === undefined ? undefined : view(row);
  }

  /** The report saved when the version last became current. */
  report(id: string): VersionReport | undefined {
    const row = this.#s.report.get(id) as { report: string | null } | undefined;
    return row?.report ? (JSON.parse(row.report) as VersionReport) : undefined;
  }

  /**
   * Stores a new version (graph first, then the row, so a crash leaves at most an orphan graph, never a row without
   * quads). It is not current until {@link activate}: the caller compares it with the current one first.
   */
  async add(input: { readonly quads: readonly Quad[]; readonly format: string; readonly loadedBy: string; readonly label?: string; readonly at?: Date }): Promise<OntologyVersion> {
    if (input.quads.length === 0) throw new CatErrors.BAD_RDF('the ontology holds no triples');
    const seq = (this.#s.nextSeq.get() as { seq: number }).seq;
    const id = `v${seq}`;
    await this.#store.replaceGraph(this.graph(id), input.quads);
    const versionIri = ontologyVersionOf(input.quads);
    this.#s.insert.run({
      id, seq, ontologyIri: ontologyIriOf(input.quads), versionIri: versionIri ?? null, label: input.label ?? null,
      loadedAt: (input.at ?? new Date()).toISOString(), loadedBy: input.loadedBy, format: input.format, quads: input.quads.length,
      sha256: digest(input.quads),
    });
    const stored = this.require(id);
    this.#cache.set(`${id}:${stored.sha256}`, Promise.resolve([...input.quads]));
    return stored;
  }

  /** Makes `id` the current version of its series, recording what it was compared with and the outcome. */
  activate(id: string, opts: { readonly previous?: string; readonly report: VersionReport; readonly at?: Date }): OntologyVersion {
    const v = this.require(id);
    this.#db.transaction(() => {
      this.#s.retire.run(v.ontologyIri);
      this.#s.activate.run((opts.at ?? new Date()).toISOString(), opts.previous ?? null, JSON.stringify(opts.report), id);
    })();
    return this.require(id);
  }

  saveReport(id: string, report: VersionReport): void {
    this.#s.setReport.run(JSON.stringify(report), id);
  }

  /** Undoes {@link activate} after a failure: `id` stops being current and `restore` (if any) is current again. */
  rollback(id: string, restore: string | undefined): void {
    this.#db.transaction(() => {
      this.#s.deactivate.run(id);
      if (restore !== undefined) this.#s.reactivate.run(restore);
    })();
  }

  /** Forgets a version that never became current (a load that failed after storing it). */
  async discard(id: string): Promise<void> {
    const v = this.get(id);
    if (v === undefined || v.current) return;
    this.#s.drop.run(id);
    this.#cache.delete(`${id}:${v.sha256}`);
    await this.#store.dropGraph(this.graph(id));
  }

  /** A version's quads, read from its graph once per process. */
  quads(id: string): Promise<Quad[]> {
    const key = `${id}:${this.require(id).sha256}`;
    let quads = this.#cache.get(key);
    if (!quads) {
      quads = this.#read(id);
      quads.catch(() => this.#cache.delete(key));
      this.#cache.set(key, quads);
    }
    return quads;
  }

  /**
   * The ontology validators should use, as a ProfileRegistry override: the current version of every series, with the
   * bundled ontologies of series nobody loaded (`bundled`, by series IRI). Undefined while no version was loaded, so
   * the profiles' own files apply unchanged.
   */
  async override(bundled: ReadonlyMap<string, readonly Quad[]> = new Map()): Promise<OntologyOverride | undefined> {
    const current = this.current();
    if (current.length === 0) return undefined;
    const loaded = new Set(current.map((v) => v.ontologyIri));
    const quads = (await Promise.all(current.map((v) => this.quads(v.id)))).flat();
    for (const [iri, q] of bundled) if (!loaded.has(iri)) quads.push(...q);
    // Compiled validators are cached process-wide by this string: the content digest keeps two data directories whose
    // version ids coincide (tests, several catalogues in one process) from sharing a validator.
    const content = createHash('sha256').update(current.map((v) => v.sha256).join('+')).digest('hex').slice(0, 16);
    return { version: `${this.#base}/ontology-versions/${current.map((v) => v.id).join('+')}#${content}`, quads };
  }

  /** By name: the archive is kept out of the embedded store's SPARQL index (src/catalogue/log-only-graphs.ts). */
  #read(id: string): Promise<Quad[]> {
    return this.#store.readGraphs([this.graph(id)]);
  }
}
