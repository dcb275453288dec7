// **TokenStore** keeps API tokens in the state database as SHA-256 hashes, each an identity (its id) with a role and a unique holder name.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CatErrors } from '../core/errors.js';
import { ADMIN_NAME, ROLES, type Principal, type Role, type TokenVerifier } from '../core/roles.js';

/** A token as listed to admins: never the secret, never its hash. */
export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

export interface CreatedToken {
  readonly info: TokenInfo;
  /** The secret; shown once, never stored. */
  readonly token: string;
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  hash: Buffer;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

// `sheaf_<id>.<secret>`: the id selects one row by primary key, so the secret is checked by one
// constant-time comparison of hashes instead of an index lookup keyed on the secret itself.
const TOKEN_PATTERN = /^sheaf_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,79}$/;

/** The name of the admin token generated on a first start without SHEAF_ADMIN_TOKEN. */
export const GENERATED_ADMIN_NAME = ADMIN_NAME;

function hash(token: string): Buffer {
  // Tokens carry 256 random bits, so a fast unsalted hash suffices: nothing can be brute-forced back.
  return createHash('sha256').update(token, 'utf8').digest();
}

function toInfo(row: TokenRow): TokenInfo {
  return Object.freeze({
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.created_at,
    ...(row.last_used_at !== null && { lastUsedAt: row.last_used_at }),
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
  });
}

export interface TokenStoreOptions {
  readonly db: Database.Database;
}

export class TokenStore {
  readonly #db: Database.Database;
  readonly #byId: Database.Statement<[string], TokenRow>;
  readonly #touch: Database.Statement<[string, string]>;

  constructor(opts: TokenStoreOptions) {
    this.#db = opts.db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        hash BLOB NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE UNIQUE INDEX IF NOT EXISTS tokens_active_name ON tokens (name) WHERE revoked_at IS NULL;
    `);
    this.#byId = this.#db.prepare('SELECT * FROM tokens WHERE id = ?');
    this.#touch = this.#db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?');
  }

  /**
   * Creates a token for `name` with `role`. A token is an identity: rights (a publisher's feeds) follow its
   * id, never its name. A name is still unique for all time, revoked tokens included, so that logs, audit
   * trails and the feed list's `owner` never name two holders; "admin" is the configured admin's name and is
   * reserved. To replace a secret and keep the identity (and its feeds), rotate instead of revoke + create.
   */
  create(opts: { readonly name: string; readonly role: Role }): CreatedToken {
    if (opts.name === ADMIN_NAME) {
      throw new CatErrors.TOKEN_NAME_TAKEN(`"${ADMIN_NAME}" is the configured admin token's name; choose another`);
    }
    return this.#insert(opts);
  }

  #insert(opts: { readonly name: string; readonly role: Role }): CreatedToken {
    if (!ROLES.includes(opts.role)) throw new CatErrors.BAD_REQUEST(`role must be one of ${ROLES.join(', ')}`);
    if (!NAME_PATTERN.test(opts.name)) {
      throw new CatErrors.BAD_REQUEST('a token name is 1-80 letters, digits, spaces or ._@- and starts with a letter or digit');
    }
    const id = randomBytes(8).toString('hex');
    const token = `sheaf_${id}.${randomBytes(32).toString('base64url')}`;
    const now = new Date().toISOString();
    // Checked and inserted in one transaction. Rows from before names were unique for all time may share a
    // revoked name; the unique index on active names stays as the last line of defence.
    this.#db.transaction(() => {
      if (this.#db.prepare('SELECT 1 FROM tokens WHERE name = ? LIMIT 1').get(opts.name) !== undefined) {
        throw new CatErrors.TOKEN_NAME_TAKEN(`a token named "${opts.name}" exists or existed; names identify one holder for good (rotate a token to replace its secret)`);
      }
      this.#db
        .prepare('INSERT INTO tokens (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, opts.name, opts.role, hash(token), now);
    })();
    return Object.freeze({ info: this.get(id)!, token });
  }

  /**
   * Gives an active token a new secret under the same id: the identity, its name, role and feeds stay, and
   * the old secret stops working at once. Undefined when no active token has that id.
   */
  rotate(id: string): CreatedToken | undefined {
    const token = `sheaf_${id}.${randomBytes(32).toString('base64url')}`;
    const result = this.#db.prepare('UPDATE tokens SET hash = ? WHERE id = ? AND revoked_at IS NULL').run(hash(token), id);
    if (result.changes === 0) return undefined;
    return Object.freeze({ info: this.get(id)!, token });
  }

  get(id: string): TokenInfo | undefined {
    const row = this.#byId.get(id);
    return row ? toInfo(row) : undefined;
  }

  list(): TokenInfo[] {
    const rows = this.#db.prepare('SELECT * FROM tokens ORDER BY created_at, rowid').all() as TokenRow[];
    return rows.map(toInfo);
  }

  /** Revokes a token; true when it existed and was active. Revoked rows stay for the audit trail. */
  revoke(id: string): boolean {
    const result = this.#db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(new Date().toISOString(), id);
    return result.changes > 0;
  }

  /** True when an active admin token exists in the table. */
  hasActiveAdmin(): boolean {
    return this.#db.prepare("SELECT 1 FROM tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1").get() !== undefined;
  }

  /**
   * On a first start without SHEAF_ADMIN_TOKEN: creates the admin token and returns its secret so the
   * caller can show it once. Returns undefined when an admin token already exists.
   */
  ensureAdmin(): CreatedToken | undefined {
    if (this.hasActiveAdmin()) return undefined;
    // Names are never reused: after a revoked generated admin, the next one is "admin-2", "admin-3"...
    const taken = new Set((this.#db.prepare("SELECT name FROM tokens WHERE name = ? OR name LIKE ? || '-%'").all(GENERATED_ADMIN_NAME, GENERATED_ADMIN_NAME) as { name: string }[]).map((r) => r.name));
    let name = GENERATED_ADMIN_NAME;
    for (let n = 2; taken.has(name); n++) name = `${GENERATED_ADMIN_NAME}-${n}`;
    return this.#insert({ name, role: 'admin' });
  }

  /** The principal holding `token`, or undefined (unknown, malformed or revoked). */
  verify(token: string): Principal | undefined {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) return undefined;
    const row = this.#byId.get(match[1]!);
    if (!row || row.revoked_at !== null) return undefined;
    if (!timingSafeEqual(hash(token), row.hash)) return undefined;
    this.#touch.run(new Date().toISOString(), row.id);
    return Object.freeze({ role: row.role as Role, name: row.name, tokenId: row.id });
  }

  /** This store as an auth-plugin verifier. */
  verifier(): TokenVerifier {
    return (token) => this.verify(token);
  }
}
