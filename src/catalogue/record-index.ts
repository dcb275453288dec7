// **RecordIndex** is the operational state of harvested records: key, hash, status, page, first/last seen.
import type Database from 'better-sqlite3';
import type { PageMemo } from '../../harvesters/harvester.js';

/** The hash of a row whose graphs may not hold what it says: it matches no record, so the next run rewrites it. */
export const UNWRITTEN = '';

export type RecordState = 'active' | 'quarantined' | 'withdrawn';

export interface RecordRow {
  readonly feedId: string;
  readonly key: string;
  readonly datasetIri: string;
  readonly hash: string;
  readonly state: RecordState;
  /** conformant | with-warnings | non-conformant */
  readonly validation: string;
  readonly pageUrl: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly lastChanged: string;
  readonly lastRun: string;
  readonly withdrawnAt?: string;
}

/** What the runner writes after storing a changed record. */
export type RecordWrite = Omit<RecordRow, 'withdrawnAt'>;

interface Row {
  feed_id: string;
  key: string;
  dataset_iri: string;
  hash: string;
  state: RecordState;
  validation: string;
  page_url: string;
  first_seen: string;
  last_seen: string;
  last_changed: string;
  last_run: string;
  withdrawn_at: string | null;
}

const rowOf = (r: Row): RecordRow => ({
  feedId: r.feed_id, key: r.key, datasetIri: r.dataset_iri, hash: r.hash, state: r.state, validation: r.validation,
  pageUrl: r.page_url, firstSeen: r.first_seen, lastSeen: r.last_seen, lastChanged: r.last_changed, lastRun: r.last_run,
  ...(r.withdrawn_at !== null && { withdrawnAt: r.withdrawn_at }),
});

export class RecordIndex {
  readonly #db: Database.Database;
  readonly #s;

  constructor(options: { readonly db: Database.Database }) {
    const db = (this.#db = options.db);
    db.exec(`CREATE TABLE IF NOT EXISTS records (
      feed_id TEXT NOT NULL,
      key TEXT NOT NULL,
      dataset_iri TEXT NOT NULL,
      hash TEXT NOT NULL,
      state TEXT NOT NULL,
      validation TEXT NOT NULL,
      page_url TEXT NOT NULL,
      first_seen TEXT NOT NULL,
      last_seen TEXT NOT NULL,
      last_changed TEXT NOT NULL,
      last_run TEXT NOT NULL,
      withdrawn_at TEXT,
      PRIMARY KEY (feed_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS records_dataset ON records (dataset_iri);
    CREATE INDEX IF NOT EXISTS records_page ON records (feed_id, page_url);
    CREATE TABLE IF NOT EXISTS page_memos (
      feed_id TEXT NOT NULL,
      url TEXT NOT NULL,
      etag TEXT,
      last_modified TEXT,
      links TEXT NOT NULL,
      body_hash TEXT,
      seen_since TEXT,
      PRIMARY KEY (feed_id, url)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS run_withdrawals (
      run_id TEXT NOT NULL,
      feed_id TEXT NOT NULL,
      key TEXT NOT NULL,
      PRIMARY KEY (run_id, key)
    ) WITHOUT ROWID`);
    // Data directories from before page digests: the column is added once (NULL: the page is read in full next time).
    const memoColumns = new Set((db.prepare('PRAGMA table_info(page_memos)').all() as { name: string }[]).map((c) => c.name));
    if (!memoColumns.has('body_hash')) db.exec('ALTER TABLE page_memos ADD COLUMN body_hash TEXT');
    // And before memos said which run's sightings they vouch for (NULL: the page is read in full next time).
    if (!memoColumns.has('seen_since')) db.exec('ALTER TABLE page_memos ADD COLUMN seen_since TEXT');
    this.#s = {
      get: db.prepare('SELECT * FROM records WHERE feed_id = ? AND key = ?'),
      upsert: db.prepare(`INSERT INTO records (feed_id, key, dataset_iri, hash, state, validation, page_url, first_seen, last_seen, last_changed, last_run, withdrawn_at)
        VALUES (@feedId, @key, @datasetIri, @hash, @state, @validation, @pageUrl, @firstSeen, @lastSeen, @lastChanged, @lastRun, NULL)
        ON CONFLICT (feed_id, key) DO UPDATE SET dataset_iri = excluded.dataset_iri, hash = excluded.hash, state = excluded.state,
        validation = excluded.validation, page_url = excluded.page_url, last_seen = excluded.last_seen,
        last_changed = excluded.last_changed, last_run = excluded.last_run, withdrawn_at = NULL`),
      seen: db.prepare('UPDATE records SET last_seen = ?, page_url = ? WHERE feed_id = ? AND key = ?'),
      pageOf: db.prepare('SELECT page_url FROM records WHERE feed_id = ? AND key = ?').pluck(),
      // Without INDEXED BY, SQLite (no statistics) reads the whole feed through the primary key for every page:
      // an unchanged 100 k-record re-harvest spent ~30 s there.
      // Only the records the memo's run saw there (last seen since it started): a record that vanished from the page
      // in a run that withdrew nothing (held, partial) keeps its page but is not counted as seen by walking past it.
      onPage: db.prepare(`SELECT key FROM records INDEXED BY records_page WHERE feed_id = ? AND page_url = ? AND state <> 'withdrawn'
        AND last_seen >= (SELECT seen_since FROM page_memos WHERE feed_id = ? AND url = ?)`),
      live: db.prepare(`SELECT key FROM records WHERE feed_id = ? AND state <> 'withdrawn'`),
      withdraw: db.prepare(`UPDATE records SET state = 'withdrawn', withdrawn_at = ?, last_run = ? WHERE feed_id = ? AND key = ? AND state <> 'withdrawn'`),
      forFeed: db.prepare('SELECT * FROM records WHERE feed_id = ? ORDER BY key'),
      purgeable: db.prepare(`SELECT key FROM records WHERE feed_id = ? AND state = 'withdrawn' AND withdrawn_at < ?`),
      purge: db.prepare(`DELETE FROM records WHERE feed_id = ? AND key = ? AND state = 'withdrawn'`),
      sameDataset: db.prepare(`SELECT feed_id, key FROM records WHERE dataset_iri = ? AND feed_id <> ? AND state <> 'withdrawn' LIMIT 5`),
      memo: db.prepare('SELECT etag, last_modified, links, body_hash, seen_since FROM page_memos WHERE feed_id = ? AND url = ?'),
      putMemo: db.prepare(`INSERT INTO page_memos (feed_id, url, etag, last_modified, links, body_hash, seen_since) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (feed_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, links = excluded.links,
        body_hash = excluded.body_hash, seen_since = excluded.seen_since`),
      dropMemo: db.prepare('DELETE FROM page_memos WHERE feed_id = ? AND url = ?'),
      dropMemos: db.prepare('DELETE FROM page_memos WHERE feed_id = ?'),
      hold: db.prepare('INSERT OR IGNORE INTO run_withdrawals (run_id, feed_id, key) VALUES (?, ?, ?)'),
      held: db.prepare('SELECT key FROM run_withdrawals WHERE run_id = ?'),
      release: db.prepare('DELETE FROM run_withdrawals WHERE run_id = ?'),
    };
  }

  get(feedId: string, key: string): RecordRow | undefined {
    const row = this.#s.get.get(feedId, key) as Row | undefined;
    return row === undefined ? undefined : rowOf(row);
  }

  /**
   * Runs `work` in one SQLite transaction on the state database (nested transactions become savepoints), so
   * that several writers' rows commit once: a commit costs far more than a row. `work` must be synchronous.
   */
  atomically<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  /** Writes several records' rows in one transaction. */
  write(rows: readonly RecordWrite[]): void {
    if (rows.length === 0) return;
    this.#db.transaction(() => {
      for (const row of rows) this.#s.upsert.run(row);
    })();
  }

  /**
   * The first half of storing a batch, before its graphs are written: every record gets its row now, under a
   * hash no content has, and the page memos of the pages it was and will be on are dropped. Whatever a crash
   * interrupts after this, the row is there (a live row the next complete run rewrites or withdraws, and that a
   * feed deletion withdraws), and no page is skipped as unchanged on the strength of a memo older than the write.
   */
  beginWrite(rows: readonly RecordWrite[]): void {
    if (rows.length === 0) return;
    this.#db.transaction(() => {
      for (const row of rows) {
        const before = this.#s.pageOf.get(row.feedId, row.key) as string | undefined;
        if (before !== undefined && before !== row.pageUrl) this.#s.dropMemo.run(row.feedId, before);
        this.#s.dropMemo.run(row.feedId, row.pageUrl);
        this.#s.upsert.run({ ...row, hash: UNWRITTEN });
      }
    })();
  }

  /** Marks unchanged records as seen (last seen, current page) in one transaction. */
  markSeen(feedId: string, at: string, seen: ReadonlyArray<{ key: string; pageUrl: string }>): void {
    if (seen.length === 0) return;
    this.#db.transaction(() => {
      for (const { key, pageUrl } of seen) this.#s.seen.run(at, pageUrl, feedId, key);
    })();
  }

  /**
   * Keys of the live records the run that saved `pageUrl`'s memo saw on it: a page that answered 304, or came again
   * with the memo's digest, still holds exactly them.
   */
  keysOnPage(feedId: string, pageUrl: string): string[] {
    return (this.#s.onPage.all(feedId, pageUrl, feedId, pageUrl) as { key: string }[]).map((r) => r.key);
  }

  liveKeys(feedId: string): string[] {
    return (this.#s.live.all(feedId) as { key: string }[]).map((r) => r.key);
  }

  markWithdrawn(feedId: string, keys: readonly string[], at: string, runId: string): void {
    this.#db.transaction(() => {
      for (const key of keys) this.#s.withdraw.run(at, runId, feedId, key);
    })();
  }

  forFeed(feedId: string): RecordRow[] {
    return (this.#s.forFeed.all(feedId) as Row[]).map(rowOf);
  }

  /** Tombstones older than `before` (ISO time). */
  purgeable(feedId: string, before: string): string[] {
    return (this.#s.purgeable.all(feedId, before) as { key: string }[]).map((r) => r.key);
  }

  forget(feedId: string, keys: readonly string[]): void {
    this.#db.transaction(() => {
      for (const key of keys) this.#s.purge.run(feedId, key);
    })();
  }

  /** Live records of other feeds describing the same dataset IRI. */
  sameDataset(datasetIri: string, feedId: string): { feedId: string; key: string }[] {
    return (this.#s.sameDataset.all(datasetIri, feedId) as { feed_id: string; key: string }[]).map((r) => ({ feedId: r.feed_id, key: r.key }));
  }

  memo(feedId: string, url: string): PageMemo | undefined {
    const row = this.#s.memo.get(feedId, url) as
      { etag: string | null; last_modified: string | null; links: string; body_hash: string | null; seen_since: string | null } | undefined;
    if (row === undefined) return undefined;
    // A memo that does not say which sightings it vouches for only helps find the next page.
    if (row.seen_since === null) return parseLinks(row.links);
    return {
      ...(row.etag !== null && { etag: row.etag }), ...(row.last_modified !== null && { lastModified: row.last_modified }),
      ...parseLinks(row.links), ...(row.body_hash !== null && { bodyHash: row.body_hash }),
    };
  }

  /**
   * Saves the memos of pages whose records are all stored, vouching for the records seen since `seenSince` (the
   * run's start, before any of its sightings); pages that went wrong lose theirs (refetched in full).
   */
  saveMemos(feedId: string, memos: ReadonlyMap<string, PageMemo>, forget: Iterable<string>, seenSince: string): void {
    this.#db.transaction(() => {
      for (const [url, m] of memos) {
        this.#s.putMemo.run(feedId, url, m.etag ?? null, m.lastModified ?? null, storedLinks(m), m.bodyHash ?? null, seenSince);
      }
      for (const url of forget) this.#s.dropMemo.run(feedId, url);
    })();
  }

  /** Forgets every page memo of the feed: its next run reads every page in full. */
  forgetMemos(feedId: string): void {
    this.#s.dropMemos.run(feedId);
  }

  hold(runId: string, feedId: string, keys: readonly string[]): void {
    this.#db.transaction(() => {
      for (const key of keys) this.#s.hold.run(runId, feedId, key);
    })();
  }

  heldKeys(runId: string): string[] {
    return (this.#s.held.all(runId) as { key: string }[]).map((r) => r.key);
  }

  release(runId: string): void {
    this.#s.release.run(runId);
  }
}

/**
 * The memo's `links` column: the next links as a JSON array, or, when the page also named its last page or
 * stated the source's size, an object holding all three (rows written before hold the bare array).
 */
function storedLinks(m: PageMemo): string {
  const links = m.links ?? [];
  return m.last === undefined && m.total === undefined ? JSON.stringify(links) : JSON.stringify({ links, last: m.last, total: m.total });
}

function parseLinks(text: string): Pick<PageMemo, 'links' | 'last' | 'total'> {
  const parsed = JSON.parse(text) as string[] | { links: string[]; last?: string; total?: number };
  if (Array.isArray(parsed)) return { links: parsed };
  return { links: parsed.links, ...(parsed.last !== undefined && { last: parsed.last }), ...(parsed.total !== undefined && { total: parsed.total }) };
}
