// **openStateDb** opens the one SQLite file of a data directory (`sheaf.db`), for one writing process at a time.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CatErrors } from '../core/errors.js';

/** Bumped when a table's shape changes incompatibly; a newer file is refused, never rewritten. */
const SCHEMA_VERSION = 1;

export interface StateDb {
  readonly db: Database.Database;
  readonly path: string;
  /** Releases this handle; the file closes (and its lock is freed) when the last handle is released. */
  close(): void;
}

export interface StateDbOptions {
  /** Read without taking the writer's lock (e.g. `sheaf export` while `sheaf serve` runs). */
  readonly readOnly?: boolean;
}

interface Shared {
  readonly db: Database.Database;
  /** The writer's lock: a second SQLite file held in EXCLUSIVE locking mode. */
  readonly lock?: Database.Database;
  users: number;
}

// One connection per file and mode per process, shared by store, feeds and runs: the writer's lock is per
// process, so a second writing connection in this process would not be stopped by it.
const open = new Map<string, Shared>();

function corrupt(file: string, why: string): Error {
  return new CatErrors.STORE_CORRUPT(`${file}: ${why}`);
}

// `sheaf.lock` is an SQLite file held in EXCLUSIVE locking mode for the connection's lifetime: a second
// writing sheaf process on the directory fails at start instead of interleaving writes (the embedded
// store's index would silently diverge from the log). The OS drops the lock when a process dies, so a
// kill -9 leaves no stale lock behind (unlike a pid file). sheaf.db itself stays shareable for readers.
function takeLock(dir: string): Database.Database {
  const lock = new Database(path.join(dir, 'sheaf.lock'), { timeout: 250 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; COMMIT;');
    return lock;
  } catch (error) {
    lock.close();
    throw error;
  }
}

function checkSchema(db: Database.Database, file: string): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  if (row !== undefined && Number(row.value) > SCHEMA_VERSION) {
    throw corrupt(file, `written by a newer sheaf (schema ${row.value}, this one reads ${SCHEMA_VERSION})`);
  }
}

function connect(dir: string, file: string, readOnly: boolean): Shared {
  let db: Database.Database | undefined;
  let lock: Database.Database | undefined;
  try {
    if (readOnly) {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
      checkSchema(db, file);
      return { db, users: 0 };
    }
    lock = takeLock(dir);
    db = new Database(file, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9); only a power cut can
    // lose the last few commits, and never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    checkSchema(db, file);
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    return { db, lock, users: 0 };
  } catch (error) {
    db?.close();
    lock?.close();
    const code = (error as { code?: string }).code;
    if (code === 'CAT_ERR_STORE_CORRUPT') throw error;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw corrupt(file, 'in use by another sheaf process (stop it, or choose another --data directory)');
    }
    if (code === 'SQLITE_CANTOPEN' && readOnly) throw corrupt(file, 'no catalogue here (sheaf.db not found)');
    throw corrupt(file, (error as Error).message);
  }
}

/**
 * Opens (creating if needed) `<dataDir>/sheaf.db`. Throws CAT_ERR_STORE_CORRUPT when it is unusable, or when
 * another process writes to it (unless `readOnly`, which never creates anything).
 */
export function openStateDb(dataDir: string, options: StateDbOptions = {}): StateDb {
  const dir = path.resolve(dataDir);
  const readOnly = options.readOnly ?? false;
  try {
    if (!readOnly) fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw corrupt(dir, `cannot create the data directory (${(error as Error).message})`);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw corrupt(dir, 'not a directory');
  const file = path.join(dir, 'sheaf.db');
  const key = `${file}${readOnly ? '#read-only' : ''}`;
  let shared = open.get(key);
  if (shared === undefined) {
    shared = connect(dir, file, readOnly);
    open.set(key, shared);
  }
  shared.users += 1;
  const entry = shared;
  let closed = false;
  return Object.freeze({
    db: entry.db,
    path: file,
    close(): void {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users === 0) {
        open.delete(key);
        entry.db.close();
        entry.lock?.close();
      }
    },
  });
}
