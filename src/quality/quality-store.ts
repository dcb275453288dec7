// **QualityStore** keeps each record's MQA score (SQLite rows + DQV graphs) and the dated link checks it depends on.
import type Database from 'better-sqlite3';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { QueryFile } from '../core/query-file.js';
import type { RecordListener, StoredRecord } from '../catalogue/record-listener.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { CatalogueStore, GraphContent } from '../store/catalogue-store.js';
import type { RollUp } from './mqa-metrics.js';
import { qualityDqvText } from './quality-dqv.js';
import { RecordFacts } from './record-facts.js';
import { rescoreStatus, scoreRecord, type QualityScore } from './score-record.js';

export interface LinkCheck {
  readonly url: string;
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly checkedAt: string;
}

export interface FeedQuality {
  readonly records: number;
  readonly averagePoints: number;
  readonly max: number;
  readonly bands: Readonly<Record<string, number>>;
}

/** A feed's quality as a run left it: the trend over runs is a list of these. */
export interface RunQuality {
  readonly runId: string;
  readonly at: string;
  readonly records: number;
  readonly averagePoints: number;
  readonly bands: Readonly<Record<string, number>>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS quality (feed_id TEXT NOT NULL, key TEXT NOT NULL, dataset_iri TEXT NOT NULL, validation TEXT NOT NULL,
  points REAL NOT NULL, band TEXT NOT NULL, score TEXT NOT NULL, computed_at TEXT NOT NULL, PRIMARY KEY (feed_id, key));
CREATE TABLE IF NOT EXISTS quality_link (feed_id TEXT NOT NULL, key TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (feed_id, key, url)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quality_link_url ON quality_link (url);
CREATE TABLE IF NOT EXISTS link_check (url TEXT PRIMARY KEY, ok INTEGER NOT NULL, status INTEGER, error TEXT, checked_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quality_run (run_id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, at TEXT NOT NULL, records INTEGER NOT NULL,
  average REAL NOT NULL, bands TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quality_run_feed ON quality_run (feed_id, at);
`;

const GRAPHS_CONTENT = QueryFile.load('graphs-content');
const LINK_PROPS = [`${NS.dcat}accessURL`, `${NS.dcat}downloadURL`];

export class QualityStore implements RecordListener {
  readonly #db: Database.Database;
  readonly #store: CatalogueStore;
  readonly #iris: RecordIris;
  readonly #rollUp: RollUp;
  readonly #clock: () => Date;
  readonly #s;

  constructor(options: { readonly db: Database.Database; readonly store: CatalogueStore; readonly iris: RecordIris; readonly rollUp?: RollUp; readonly clock?: () => Date }) {
    this.#db = options.db;
    this.#store = options.store;
    this.#iris = options.iris;
    this.#rollUp = options.rollUp ?? 'share';
    this.#clock = options.clock ?? (() => new Date());
    this.#db.exec(SCHEMA);
    const db = this.#db;
    this.#s = {
      upsert: db.prepare(`INSERT OR REPLACE INTO quality (feed_id, key, dataset_iri, validation, points, band, score, computed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      delete: db.prepare('DELETE FROM quality WHERE feed_id = ? AND key = ?'),
      deleteLinks: db.prepare('DELETE FROM quality_link WHERE feed_id = ? AND key = ?'),
      addLink: db.prepare('INSERT OR IGNORE INTO quality_link (feed_id, key, url) VALUES (?, ?, ?)'),
      check: db.prepare<[string], { ok: number }>('SELECT ok FROM link_check WHERE url = ?'),
      saveCheck: db.prepare('INSERT OR REPLACE INTO link_check (url, ok, status, error, checked_at) VALUES (?, ?, ?, ?, ?)'),
      get: db.prepare<[string, string], { score: string; computed_at: string }>('SELECT score, computed_at FROM quality WHERE feed_id = ? AND key = ?'),
      feedUrls: db.prepare<[string], { url: string }>('SELECT DISTINCT url FROM quality_link WHERE feed_id = ?'),
      usingUrl: db.prepare<[string], { feed_id: string; key: string }>('SELECT feed_id, key FROM quality_link WHERE url = ?'),
      row: db.prepare<[string, string], { dataset_iri: string; validation: string }>('SELECT dataset_iri, validation FROM quality WHERE feed_id = ? AND key = ?'),
      feed: db.prepare<[string], { n: number; avg: number | null }>('SELECT COUNT(*) AS n, AVG(points) AS avg FROM quality WHERE feed_id = ?'),
      bands: db.prepare<[string], { band: string; n: number }>('SELECT band, COUNT(*) AS n FROM quality WHERE feed_id = ? GROUP BY band'),
      linkCheck: db.prepare<[string], { url: string; ok: number; status: number | null; error: string | null; checked_at: string }>('SELECT * FROM link_check WHERE url = ?'),
      saveRun: db.prepare('INSERT OR REPLACE INTO quality_run (run_id, feed_id, at, records, average, bands) VALUES (?, ?, ?, ?, ?, ?)'),
      runs: db.prepare<[string, number], { run_id: string; at: string; records: number; average: number; bands: string }>(
        'SELECT * FROM (SELECT run_id, at, records, average, bands FROM quality_run WHERE feed_id = ? ORDER BY at DESC LIMIT ?) ORDER BY at'),
    };
  }

  async recordsStored(records: readonly StoredRecord[]): Promise<void> {
    // One savepoint for the batch (the record writer's transaction is around it): all its rows or none.
    const graphs = this.#db.transaction(() => records.flatMap((r) => {
      if (r.state !== 'active') return this.#forget(r.feedId, r.key);
      return [(r.statusOnly === true ? this.#restate(r) : undefined) ?? this.#score(r.feedId, r.key, r.datasetIri, r.validation, r.quads)];
    }))();
    if (graphs.length > 0) await this.#store.replaceGraphs(graphs);
  }

  async recordsWithdrawn(feedId: string, keys: readonly string[]): Promise<void> {
    const graphs = keys.flatMap((k) => this.#forget(feedId, k));
    if (graphs.length > 0) await this.#store.replaceGraphs(graphs);
  }

  /** The latest score of one record, with when it was computed. */
  get(feedId: string, key: string): (QualityScore & { computedAt: string }) | undefined {
    const row = this.#s.get.get(feedId, key);
    return row && { ...(JSON.parse(row.score) as QualityScore), computedAt: row.computed_at };
  }

  feedSummary(feedId: string): FeedQuality {
    const { n, avg } = this.#s.feed.get(feedId)!;
    return {
      records: n, averagePoints: Math.round((avg ?? 0) * 100) / 100, max: 405,
      bands: Object.fromEntries(this.#s.bands.all(feedId).map((b) => [b.band, b.n])),
    };
  }

  /**
   * Keeps the feed's quality as the run left it (one row per run; a run recorded again replaces its row): scores
   * change in place, so without this snapshot a trend over runs could not be drawn afterwards.
   */
  recordRun(feedId: string, runId: string, at: string): RunQuality {
    const s = this.feedSummary(feedId);
    this.#s.saveRun.run(runId, feedId, at, s.records, s.averagePoints, JSON.stringify(s.bands));
    return { runId, at, records: s.records, averagePoints: s.averagePoints, bands: s.bands };
  }

  /** The feed's quality after each of its last `limit` recorded runs, oldest first. */
  runHistory(feedId: string, limit = 20): RunQuality[] {
    return this.#s.runs.all(feedId, limit).map((r) => ({
      runId: r.run_id, at: r.at, records: r.records, averagePoints: r.average, bands: JSON.parse(r.bands) as Record<string, number>,
    }));
  }

  /** Distinct access and download URLs of a feed's active records: what a link check visits. */
  feedUrls(feedId: string): string[] {
    return this.#s.feedUrls.all(feedId).map((r) => r.url);
  }

  linkCheck(url: string): LinkCheck | undefined {
    const r = this.#s.linkCheck.get(url);
    return r && { url: r.url, ok: r.ok === 1, checkedAt: r.checked_at, ...(r.status !== null && { status: r.status }), ...(r.error !== null && { error: r.error }) };
  }

  /** Saves dated link checks and rescores the records that use those URLs. */
  async saveLinkChecks(checks: readonly LinkCheck[]): Promise<number> {
    const affected = new Map<string, { feedId: string; key: string }>();
    this.#db.transaction(() => {
      for (const c of checks) {
        this.#s.saveCheck.run(c.url, c.ok ? 1 : 0, c.status ?? null, c.error ?? null, c.checkedAt);
        for (const r of this.#s.usingUrl.all(c.url)) affected.set(`${r.feed_id}\u0000${r.key}`, { feedId: r.feed_id, key: r.key });
      }
    })();
    const graphs: GraphContent[] = [];
    for (const { feedId, key } of affected.values()) {
      const row = this.#s.row.get(feedId, key);
      if (!row) continue;
      const quads = await this.#store.construct(GRAPHS_CONTENT.bind({ g: [DataFactory.namedNode(this.#iris.recordGraph(feedId, key))] }));
      graphs.push(this.#db.transaction(() => this.#score(feedId, key, row.dataset_iri, row.validation, quads))());
    }
    if (graphs.length > 0) await this.#store.replaceGraphs(graphs);
    return affected.size;
  }

  #score(feedId: string, key: string, dataset: string, validation: string, quads: readonly Quad[]): GraphContent {
    const facts = new RecordFacts({
      quads, dataset, validation,
      linkStatus: (url) => { const c = this.#s.check.get(url); return c === undefined ? undefined : c.ok === 1; },
    });
    const score = scoreRecord(facts, { rollUp: this.#rollUp });
    // Callers run this within a transaction: the score row and its link rows change together.
    const saved = this.#save(feedId, key, dataset, validation, score);
    this.#s.deleteLinks.run(feedId, key);
    for (const d of facts.distributions) for (const p of LINK_PROPS) for (const url of facts.values(d, p)) this.#s.addLink.run(feedId, key, url);
    return saved;
  }

  /**
   * A record whose validation status alone changed: its stored score with the status metrics scored again (its links
   * and other metrics are as they were). Undefined when there is no stored score to start from.
   */
  #restate(r: StoredRecord): GraphContent | undefined {
    const row = this.#s.get.get(r.feedId, r.key);
    const score = row === undefined ? undefined : rescoreStatus(JSON.parse(row.score) as QualityScore, r.validation);
    return score === undefined ? undefined : this.#save(r.feedId, r.key, r.datasetIri, r.validation, score);
  }

  /** Stores a record's score row, computed now, and returns its DQV graph. */
  #save(feedId: string, key: string, dataset: string, validation: string, score: QualityScore): GraphContent {
    const at = this.#clock().toISOString();
    const graph = this.#iris.qualityGraph(feedId, key);
    this.#s.upsert.run(feedId, key, dataset, validation, score.points, score.band, JSON.stringify(score), at);
    return { graph, ntriples: qualityDqvText(score, { dataset, base: graph, at }) };
  }

  #forget(feedId: string, key: string): GraphContent[] {
    this.#s.delete.run(feedId, key);
    this.#s.deleteLinks.run(feedId, key);
    return [{ graph: this.#iris.qualityGraph(feedId, key), quads: [] }];
  }
}

