// **migrateFeedOwners** turns feed owners recorded by token name (before rights followed identity) into token ids.
import type Database from 'better-sqlite3';
import { ADMIN_NAME } from '../core/roles.js';

/**
 * Fills `feeds.owner_token` where it is NULL (rows written before ownership followed token identity, or
 * restored from such a backup) and returns how many feeds it resolved and how many it left to curators.
 *
 * A name becomes the id of the one active token that held it, so every publisher keeps exactly the feeds it
 * could change before. The owner token is '' (no publisher owns the feed: only curators and admins change it)
 * when the name is ambiguous or names no one who could claim it:
 * - the configured admin's name ("admin") held by a token that is not an admin: before, such a token took over
 *   every feed the configured admin registered, which is the very hole this closes;
 * - several active tokens sharing the name (only possible in files older than the unique index);
 * - no active token (a revoked holder, the `cli` owner of ad hoc harvests, the demo feed).
 * Admin-owned feeds lose nothing by this: admins and curators change every feed anyway.
 */
export function migrateFeedOwners(db: Database.Database): { readonly resolved: number; readonly unowned: number } {
  const pending = db.prepare('SELECT DISTINCT owner FROM feeds WHERE owner_token IS NULL').all() as { owner: string }[];
  if (pending.length === 0) return { resolved: 0, unowned: 0 };
  const hasTokens = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'").get() !== undefined;
  const holders = hasTokens ? db.prepare('SELECT id, role FROM tokens WHERE name = ? AND revoked_at IS NULL') : undefined;
  const set = db.prepare('UPDATE feeds SET owner_token = ? WHERE owner = ? AND owner_token IS NULL');
  let resolved = 0;
  let unowned = 0;
  db.transaction(() => {
    for (const { owner } of pending) {
      const rows = (holders?.all(owner) ?? []) as { id: string; role: string }[];
      const one = rows.length === 1 ? rows[0]! : undefined;
      const id = one !== undefined && (owner !== ADMIN_NAME || one.role === 'admin') ? one.id : '';
      const changes = set.run(id, owner).changes;
      if (id === '') unowned += changes;
      else resolved += changes;
    }
  })();
  return { resolved, unowned };
}
