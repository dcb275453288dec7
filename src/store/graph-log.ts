// **GraphLog** is the durable record log of the embedded store: one SQLite row per named graph, as N-Triples.
import type Database from 'better-sqlite3';

/** The graph key of the default graph (reachable only through SPARQL Update). */
export const DEFAULT_GRAPH_KEY = '';

export interface GraphRow {
  readonly graph: string;
  readonly ntriples: string;
  readonly quads: number;
}

/** A row as the index rebuild reads it: the N-Triples as UTF-8 bytes, straight from SQLite. */
export interface GraphBytesRow {
  readonly graph: string;
  readonly ntriples: Uint8Array;
  readonly quads: number;
}

/** Highest code point, so `prefix + MAX_CHAR` bounds every IRI that starts with `prefix` (BINARY collation). */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

export class GraphLog {
  readonly #db: Database.Database;
  readonly #put: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #first: Database.Statement;
  readonly #page: Database.Statement;
  readonly #list: Database.Statement;
  readonly #get: Database.Statement;
  readonly #has: Database.Statement;
  readonly #bytesPage: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    // A read-only connection cannot create the table; an empty stand-in (TEMP) keeps reads uniform.
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'graph_log'").get();
    const create = db.readonly && !exists ? 'CREATE TEMP TABLE' : 'CREATE TABLE IF NOT EXISTS';
    // A rowid table (not WITHOUT ROWID): rows hold whole graphs, often larger than a b-tree page.
    if (!db.readonly || !exists) db.exec(`${create} graph_log (
      graph TEXT NOT NULL UNIQUE,
      ntriples TEXT NOT NULL,
      quads INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    this.#put = db.prepare(`INSERT INTO graph_log (graph, ntriples, quads, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (graph) DO UPDATE SET ntriples = excluded.ntriples, quads = excluded.quads, updated_at = excluded.updated_at`);
    this.#delete = db.prepare('DELETE FROM graph_log WHERE graph = ?');
    this.#first = db.prepare('SELECT graph, ntriples, quads FROM graph_log ORDER BY graph LIMIT ?');
    this.#page = db.prepare('SELECT graph, ntriples, quads FROM graph_log WHERE graph > ? ORDER BY graph LIMIT ?');
    this.#list = db.prepare(`SELECT graph FROM graph_log WHERE graph >= ? AND graph < ? AND graph <> '' ORDER BY graph`);
    this.#get = db.prepare('SELECT graph, ntriples, quads FROM graph_log WHERE graph = ?');
    this.#has = db.prepare('SELECT 1 FROM graph_log WHERE graph = ?').pluck();
    this.#bytesPage = db.prepare(
      'SELECT rowid AS id, graph, CAST(ntriples AS BLOB) AS ntriples, quads FROM graph_log WHERE rowid > ? ORDER BY rowid LIMIT ?',
    );
  }

  /**
   * Writes every row in one transaction: all of them are durable when this returns, or none is.
   * Returns, per row, whether the graph had content before.
   */
  write(rows: readonly GraphRow[]): boolean[] {
    const now = new Date().toISOString();
    const existed = rows.map((row) => this.#has.get(row.graph) !== undefined);
    this.#db.transaction(() => {
      for (const row of rows) {
        if (row.quads === 0) this.#delete.run(row.graph);
        else this.#put.run(row.graph, row.ntriples, row.quads, now);
      }
    })();
    return existed;
  }

  get(graph: string): GraphRow | undefined {
    return this.#get.get(graph) as GraphRow | undefined;
  }

  /** Named graphs (the default graph excluded), sorted, optionally only those starting with `prefix`. */
  list(prefix = ''): string[] {
    return (this.#list.all(prefix, prefix + MAX_CHAR) as { graph: string }[]).map((r) => r.graph);
  }

  /**
   * Every row, in graph order, a page at a time. Paging (not one open cursor) leaves the connection free
   * for writes between pages; each row is read whole, so a graph is never seen half-written.
   */
  *rows(pageSize = 500): Generator<GraphRow> {
    let after: string | null = null;
    for (;;) {
      // The default graph's key '' sorts first, so the first page cannot use `graph > ?`.
      const page = (after === null ? this.#first.all(pageSize) : this.#page.all(after, pageSize)) as GraphRow[];
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1]!.graph;
    }
  }

  /**
   * Every row as bytes (except graphs whose IRI starts with a `skip` prefix), in pages of `pageSize` rows, in storage order. For the index rebuild, which runs
   * while no write can start: paging by rowid then reads the table front to back without an index lookup
   * per row, and CAST AS BLOB hands over SQLite's UTF-8 bytes without decoding them into a JS string.
   */
  *bytePages(options: { readonly pageSize?: number; readonly skip?: readonly string[] } = {}): Generator<GraphBytesRow[]> {
    const pageSize = options.pageSize ?? 2_000;
    const skip = options.skip ?? [];
    // Skipped graphs are filtered in SQL on the graph column, so SQLite never reads their (overflow) text.
    const statement = skip.length === 0 ? this.#bytesPage : this.#db.prepare(
      `SELECT rowid AS id, graph, CAST(ntriples AS BLOB) AS ntriples, quads FROM graph_log WHERE rowid > ?
       ${skip.map(() => 'AND NOT (graph >= ? AND graph < ?)').join(' ')} ORDER BY rowid LIMIT ?`,
    );
    const bounds = skip.flatMap((prefix) => [prefix, prefix + MAX_CHAR]);
    let after = 0;
    for (;;) {
      const page = statement.all(after, ...bounds, pageSize) as (GraphBytesRow & { id: number })[];
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]!.id;
    }
  }
}
