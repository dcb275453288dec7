// **stateBackupQuads** / **StateRestore**: a data directory's operational state (feeds, runs, tokens, record index, quality) as one graph of a backup.
import type { Quad } from '@rdfjs/types';
import type Database from 'better-sqlite3';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';

const { namedNode, literal, quad } = DataFactory;

/** The backup's state graph: written by `sheaf export` (N-Quads, TriG), read back by `sheaf import`, never stored as a graph. */
export const STATE_GRAPH = 'urn:sheaf:backup:state';
const SUBJECT = namedNode(STATE_GRAPH);
const TABLE = `${NS.sheaf}stateTable`;
const ROW = `${NS.sheaf}stateRow`;
const JSON_TYPE = namedNode(`${NS.rdf}JSON`);

/**
 * Tables a backup carries, in restore order. Left out on purpose: the graph log (the dump's graphs are it),
 * the search tables (rebuilt from the store at the first start: see start-server.ts) and page memos (the
 * next harvest fetches every page again instead of trusting validators of a server it never asked).
 */
export const BACKUP_TABLES: readonly string[] = Object.freeze([
  'feeds', 'tokens', 'runs', 'records', 'run_withdrawals', 'ontology_versions', 'quality', 'quality_link', 'link_check', 'meta',
]);
// meta keys that describe the file itself, not the catalogue.
const LOCAL_META = new Set(['schema_version']);

type Cell = string | number | bigint | null | Buffer;
const encode = (v: Cell): unknown => (Buffer.isBuffer(v) ? { $base64: v.toString('base64') } : typeof v === 'bigint' ? v.toString() : v);
const decode = (v: unknown): Cell => (v !== null && typeof v === 'object' && '$base64' in v ? Buffer.from(String((v as { $base64: string }).$base64), 'base64') : (v as Cell));

/** The state graph's quads: each table's schema (its CREATE statements), then one JSON literal per row. */
export function* stateBackupQuads(db: Database.Database): Generator<Quad> {
  const graph = namedNode(STATE_GRAPH);
  for (const table of BACKUP_TABLES) {
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type DESC, name").all(table) as Array<{ type: string; name: string; sql: string }>;
    if (schema.length === 0) continue;
    yield quad(SUBJECT, namedNode(TABLE), literal(JSON.stringify({ table, schema: schema.map((s) => s.sql) }), JSON_TYPE), graph);
    for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, Cell>>) {
      if (table === 'meta' && LOCAL_META.has(String(row.key))) continue;
      const cells = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)]));
      yield quad(SUBJECT, namedNode(ROW), literal(JSON.stringify({ table, row: cells }), JSON_TYPE), graph);
    }
  }
}

/** Collects a backup's state quads while the graphs load, then writes the rows in one transaction. */
export class StateRestore {
  readonly #schemas = new Map<string, string[]>();
  readonly #rows = new Map<string, Record<string, unknown>[]>();
  #count = 0;

  /** True (and kept) when the quad belongs to the state graph; the caller loads the rest as graphs. */
  take(q: Quad): boolean {
    if (q.graph.value !== STATE_GRAPH) return false;
    const entry = JSON.parse(q.object.value) as { table?: string; schema?: string[]; row?: Record<string, unknown> };
    if (typeof entry.table !== 'string' || !BACKUP_TABLES.includes(entry.table)) return true;
    if (q.predicate.value === TABLE && Array.isArray(entry.schema)) this.#schemas.set(entry.table, entry.schema);
    if (q.predicate.value === ROW && entry.row) {
      const list = this.#rows.get(entry.table) ?? [];
      list.push(entry.row);
      this.#rows.set(entry.table, list);
      this.#count += 1;
    }
    return true;
  }

  get rows(): number {
    return this.#count;
  }

  /**
   * Creates missing tables as the backup's sheaf made them (a newer sheaf migrates them at its start, as it
   * would an older directory) and writes every row, replacing one with the same key.
   */
  apply(db: Database.Database): void {
    db.transaction(() => {
      for (const table of BACKUP_TABLES) {
        for (const sql of this.#schemas.get(table) ?? []) db.exec(sql.replace(/^CREATE (UNIQUE )?(TABLE|INDEX) (IF NOT EXISTS )?/i, 'CREATE $1$2 IF NOT EXISTS '));
        const rows = this.#rows.get(table) ?? [];
        if (rows.length === 0) continue;
        const present = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name));
        const insert = new Map<string, Database.Statement>();
        for (const row of rows) {
          const columns = Object.keys(row).filter((c) => present.has(c));
          const key = columns.join('\u0000');
          let stmt = insert.get(key);
          if (!stmt) {
            stmt = db.prepare(`INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
            insert.set(key, stmt);
          }
          stmt.run(...columns.map((c) => decode(row[c])));
        }
      }
    })();
  }
}
