// **CatalogueListing** pages through the catalogue's active records in a stable order, and through its changes.
import type Database from 'better-sqlite3';
import { RecordIndex } from './record-index.js';

export interface ListedRecord {
  readonly feedId: string;
  readonly key: string;
  readonly datasetIri: string;
  readonly firstSeen: string;
  readonly lastChanged: string;
}

export interface RecordChangeEntry extends ListedRecord {
  readonly change: 'created' | 'updated' | 'withdrawn';
  /** When the change happened: last change, or withdrawal. */
  readonly at: string;
}

/** Position after which the next page starts: the last record of the previous page. */
export interface Cursor {
  readonly firstSeen: string;
  readonly feedId: string;
  readonly key: string;
}

interface ListedRow { feed_id: string; key: string; dataset_iri: string; first_seen: string; last_changed: string }
interface Row extends ListedRow { state: string; withdrawn_at: string | null }

const toRecord = (r: ListedRow): ListedRecord => ({
  feedId: r.feed_id, key: r.key, datasetIri: r.dataset_iri, firstSeen: r.first_seen, lastChanged: r.last_changed,
});

/**
 * Order is (first seen, feed, key): a record keeps its place for life, records harvested later sort after
 * every existing one, and withdrawn ones just leave. So a client that walks the `next` links (keyset
 * cursors, not offsets) sees every record present throughout its walk exactly once, while harvests write.
 */
export class CatalogueListing {
  readonly #s;
  /** The last count and the database version it was taken at (see #version). */
  #counted: { version: string; since: string | null; n: number } | undefined;

  constructor(options: { readonly db: Database.Database }) {
    const db = options.db;
    // The records table belongs to the pipeline; constructing its index makes sure it exists.
    void new RecordIndex({ db });
    // The listing index covers every column a page reads (the table is WITHOUT ROWID: a column outside the
    // index costs a primary-key lookup per row, and COUNT or OFFSET over 100 k records made 100 k of them).
    db.exec(`CREATE INDEX IF NOT EXISTS records_listing ON records (state, first_seen, feed_id, key, last_changed, dataset_iri);
             DROP INDEX IF EXISTS records_catalogue_order;
             CREATE INDEX IF NOT EXISTS records_changed ON records (last_changed);`);
    const cols = 'feed_id, key, dataset_iri, first_seen, last_changed, state, withdrawn_at';
    const listed = 'feed_id, key, dataset_iri, first_seen, last_changed';
    const since = '(? IS NULL OR last_changed >= ?)';
    this.#s = {
      count: db.prepare<[string | null, string | null], { n: number }>(`SELECT COUNT(*) AS n FROM records WHERE state = 'active' AND ${since}`),
      first: db.prepare<[string | null, string | null, number], ListedRow>(`SELECT ${listed} FROM records WHERE state = 'active' AND ${since}
        ORDER BY first_seen, feed_id, key LIMIT ?`),
      after: db.prepare<[string | null, string | null, string, string, string, number], ListedRow>(`SELECT ${listed} FROM records
        WHERE state = 'active' AND ${since} AND (first_seen, feed_id, key) > (?, ?, ?)
        ORDER BY first_seen, feed_id, key LIMIT ?`),
      offset: db.prepare<[string | null, string | null, number, number], ListedRow>(`SELECT ${listed} FROM records WHERE state = 'active' AND ${since}
        ORDER BY first_seen, feed_id, key LIMIT ? OFFSET ?`),
      changes: db.prepare<[string, string, string, string, number], Row & { at: string }>(`SELECT ${cols},
        CASE WHEN state = 'withdrawn' THEN withdrawn_at ELSE last_changed END AS at FROM records
        WHERE (CASE WHEN state = 'withdrawn' THEN withdrawn_at ELSE last_changed END, feed_id, key) > (?, ?, ?)
          AND (state != 'quarantined') AND (CASE WHEN state = 'withdrawn' THEN withdrawn_at ELSE last_changed END) >= ?
        ORDER BY at, feed_id, key LIMIT ?`),
      one: db.prepare<[string, string], Row>(`SELECT ${cols} FROM records WHERE feed_id = ? AND key = ?`),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      ownChanges: db.prepare<[], number>('SELECT total_changes()').pluck(),
    };
  }

  /**
   * Changes whenever anything commits: `data_version` moves on other connections' commits (the store's
   * own connection, other processes), `total_changes()` on this connection's.
   */
  #version(): string {
    return `${this.#s.dataVersion.get()}:${this.#s.ownChanges.get()}`;
  }

  /** Active records; counted again only after a write (a count walks the whole index: ~13 ms at 100 k). */
  total(options: { readonly modifiedSince?: string } = {}): number {
    const since = options.modifiedSince ?? null;
    const version = this.#version();
    const c = this.#counted;
    if (c !== undefined && c.version === version && c.since === since) return c.n;
    const n = this.#s.count.get(since, since)!.n;
    this.#counted = { version, since, n };
    return n;
  }

  /** A page of active records, after `cursor` when given, else at `offset`. */
  page(options: { readonly pageSize: number; readonly cursor?: Cursor; readonly offset?: number; readonly modifiedSince?: string }): ListedRecord[] {
    const since = options.modifiedSince ?? null;
    const rows = options.cursor
      ? this.#s.after.all(since, since, options.cursor.firstSeen, options.cursor.feedId, options.cursor.key, options.pageSize)
      : options.offset
        ? this.#s.offset.all(since, since, options.pageSize, options.offset)
        : this.#s.first.all(since, since, options.pageSize);
    return rows.map(toRecord);
  }

  /** Every active record, a page at a time, in catalogue order (index rebuilds walk this). */
  async *batches(pageSize = 500): AsyncGenerator<readonly ListedRecord[]> {
    let page = this.page({ pageSize });
    while (page.length > 0) {
      yield page;
      const last = page.at(-1)!;
      page = this.page({ pageSize, cursor: { firstSeen: last.firstSeen, feedId: last.feedId, key: last.key } });
    }
  }

  /**
   * Changes in the order they happened, deletions included, for mirrors that follow the catalogue. A record
   * appears once, with its latest change; `after` continues from the last entry of the previous page.
   */
  changes(options: { readonly since: string; readonly limit: number; readonly after?: { at: string; feedId: string; key: string } }): RecordChangeEntry[] {
    const a = options.after ?? { at: '', feedId: '', key: '' };
    return this.#s.changes.all(a.at, a.feedId, a.key, options.since, options.limit).map((r) => ({
      ...toRecord(r),
      at: r.at,
      change: r.state === 'withdrawn' ? 'withdrawn' : r.first_seen === r.last_changed ? 'created' : 'updated',
    }));
  }

  /** One record, active or not, with its state and withdrawal time. */
  get(feedId: string, key: string): (ListedRecord & { state: string; withdrawnAt?: string }) | undefined {
    const r = this.#s.one.get(feedId, key);
    return r && { ...toRecord(r), state: r.state, ...(r.withdrawn_at !== null && { withdrawnAt: r.withdrawn_at }) };
  }
}
