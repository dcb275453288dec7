// **openStateDb** opens the one SQLite file of a data directory (`sheaf.db`), locked to this process.
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

interface Shared {
  readonly db: Database.Database;
  users: number;
}

// One connection per file per process: the file is opened in EXCLUSIVE locking mode (below), so a second
// connection, even from this process, would be locked out. Store, feeds and runs share this one.
const open = new Map<string, Shared>();

function corrupt(file: string, why: string): Error {
  return new CatErrors.STORE_CORRUPT(`${file}: ${why}`);
}

function connect(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 250 });
    // EXCLUSIVE locking keeps the OS file lock for the connection's lifetime: a second sheaf process on the
    // same directory fails at start instead of interleaving writes. The OS drops the lock when a process
    // dies, so a kill -9 leaves no stale lock behind (unlike a pid file).
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9); only a power cut can
    // lose the last few commits, and never corrupts the file.
    db.pragma('synchronous = NORMAL');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    if (row === undefined) {
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    } else if (Number(row.value) > SCHEMA_VERSION) {
      throw corrupt(file, `written by a newer sheaf (schema ${row.value}, this one reads ${SCHEMA_VERSION})`);
    }
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code;
    if (code === 'CAT_ERR_STORE_CORRUPT') throw error;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw corrupt(file, 'in use by another sheaf process (stop it, or choose another --data directory)');
    }
    throw corrupt(file, (error as Error).message);
  }
}

/** Opens (creating if needed) `<dataDir>/sheaf.db`. Throws CAT_ERR_STORE_CORRUPT when it is unusable or locked. */
export function openStateDb(dataDir: string): StateDb {
  const dir = path.resolve(dataDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw corrupt(dir, `cannot create the data directory (${(error as Error).message})`);
  }
  if (!fs.statSync(dir).isDirectory()) throw corrupt(dir, 'not a directory');
  const file = path.join(dir, 'sheaf.db');
  let shared = open.get(file);
  if (shared === undefined) {
    shared = { db: connect(file), users: 0 };
    open.set(file, shared);
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
        open.delete(file);
        entry.db.close();
      }
    },
  });
}
