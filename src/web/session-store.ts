// **SessionStore** keeps browser sessions in the state database with their expiry, so a restart signs no browser out.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SessionStore as FastifySessionStore } from '@fastify/session';
import type { Session } from 'fastify';

const SCHEMA = `CREATE TABLE IF NOT EXISTS web_session (id TEXT PRIMARY KEY, data BLOB NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS web_session_expiry ON web_session (expires_at);`;

type Callback = (error?: unknown) => void;

/**
 * @fastify/session's store contract (get / set / destroy with callbacks) over a SQLite table. A session holds the API
 * token the browser signed in with, so a row is useless without the browser's cookie: it is filed under a hash of
 * the session id and encrypted (AES-256-GCM) with a key derived from that id, which only the cookie carries. Someone
 * reading the database (or a backup of the data directory) finds neither tokens nor session ids.
 */
export class SessionStore implements FastifySessionStore {
  readonly #maxAgeMs: number;
  readonly #clock: () => number;
  readonly #s;
  #writes = 0;

  constructor(options: { readonly db: Database.Database; readonly maxAgeMs: number; readonly clock?: () => number }) {
    options.db.exec(SCHEMA);
    this.#maxAgeMs = options.maxAgeMs;
    this.#clock = options.clock ?? Date.now;
    const db = options.db;
    this.#s = {
      get: db.prepare<[string], { data: Buffer; expires_at: number }>('SELECT data, expires_at FROM web_session WHERE id = ?'),
      set: db.prepare('INSERT OR REPLACE INTO web_session (id, data, expires_at) VALUES (?, ?, ?)'),
      destroy: db.prepare('DELETE FROM web_session WHERE id = ?'),
      purge: db.prepare('DELETE FROM web_session WHERE expires_at <= ?'),
      count: db.prepare<[], number>('SELECT COUNT(*) FROM web_session').pluck(),
    };
  }

  static #rowId(sessionId: string): string {
    return createHash('sha256').update(`sheaf-session-row\u0000${sessionId}`).digest('hex');
  }

  static #key(sessionId: string): Buffer {
    return createHash('sha256').update(`sheaf-session-key\u0000${sessionId}`).digest();
  }

  get(sessionId: string, callback: (error: unknown, session?: Session | null) => void): void {
    try {
      const id = SessionStore.#rowId(sessionId);
      const row = this.#s.get.get(id);
      if (row === undefined) return callback(null, null);
      if (row.expires_at <= this.#clock()) {
        this.#s.destroy.run(id);
        return callback(null, null);
      }
      const decipher = createDecipheriv('aes-256-gcm', SessionStore.#key(sessionId), row.data.subarray(0, 12));
      decipher.setAuthTag(row.data.subarray(12, 28));
      const text = Buffer.concat([decipher.update(row.data.subarray(28)), decipher.final()]).toString('utf8');
      callback(null, JSON.parse(text) as Session);
    } catch {
      // A row that does not decrypt (another key, a damaged file) is no session: the browser signs in again.
      callback(null, null);
    }
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', SessionStore.#key(sessionId), iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
      const now = this.#clock();
      this.#s.set.run(SessionStore.#rowId(sessionId), Buffer.concat([iv, cipher.getAuthTag(), body]), now + this.#maxAgeMs);
      // Now and then, rows of browsers that never came back go.
      if (++this.#writes % 100 === 1) this.#s.purge.run(now);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  destroy(sessionId: string, callback: Callback): void {
    try {
      this.#s.destroy.run(SessionStore.#rowId(sessionId));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Rows held, expired ones included until purged (for tests and operators). */
  get size(): number {
    return this.#s.count.get()!;
  }
}
