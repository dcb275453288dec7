// Feed owners recorded by token name become token ids once; ambiguous names leave the feed to curators.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedRegistry } from '../../src/pipeline/feed-registry.js';
import { TokenStore } from '../../src/pipeline/tokens.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';

let dir: string;
let state: StateDb;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sheaf-owners-'));
  state = openStateDb(dir);
});
afterEach(() => {
  state.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A state file as sheaf wrote it while feeds were owned by token name: no owner_token column. */
function legacyState(tokens: ReadonlyArray<[id: string, name: string, role: string, revoked?: boolean]>, owners: Record<string, string>): void {
  const db = state.db;
  db.exec(`CREATE TABLE feeds (id TEXT PRIMARY KEY, url TEXT NOT NULL, protocol TEXT NOT NULL, schedule TEXT NOT NULL, title TEXT NOT NULL,
    profile TEXT NOT NULL, policy TEXT NOT NULL, contact TEXT, notify_url TEXT, notify_on TEXT, owner TEXT NOT NULL, local INTEGER NOT NULL DEFAULT 0,
    max_withdraw_share REAL NOT NULL, options TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
  new TokenStore({ db }); // the tokens table as it is (its shape did not change)
  for (const [id, name, role, revoked] of tokens) {
    db.prepare('INSERT INTO tokens (id, name, role, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, role, Buffer.alloc(32), '2026-01-01T00:00:00Z', revoked ? '2026-02-01T00:00:00Z' : null);
  }
  for (const [feed, owner] of Object.entries(owners)) {
    db.prepare(`INSERT INTO feeds (id, url, protocol, schedule, title, profile, policy, owner, max_withdraw_share, created_at, updated_at)
      VALUES (?, 'https://repo.example.org/', 'dcat', '0 3 * * *', ?, 'dcat-ap', 'store-and-flag', ?, 0.3, '2026-01-01', '2026-01-01')`).run(feed, feed, owner);
  }
}

describe('migrateFeedOwners', () => {
  it("gives each feed to the one active token of its owner's name, and no feed to a token squatting the admin's name", () => {
    legacyState(
      [
        ['00000000000000a1', 'pub-a', 'publisher'],
        ['00000000000000c1', 'cora', 'curator', true],
        ['00000000000000c2', 'cora', 'publisher'],
        ['00000000000000d1', 'gone', 'publisher', true],
        // The hole: an admin made a publisher token named like the configured admin, which then owned its feeds.
        ['00000000000000f1', 'admin', 'publisher'],
      ],
      { 'a-feed': 'pub-a', 'cora-feed': 'cora', 'gone-feed': 'gone', 'admin-feed': 'admin', 'cli-feed': 'cli' },
    );
    const feeds = new FeedRegistry({ db: state.db });
    const owners = Object.fromEntries(feeds.list().map((f) => [f.id, f.ownerToken ?? null]));
    expect(owners).toEqual({
      'a-feed': '00000000000000a1',
      'cora-feed': '00000000000000c2', // the token active when ownership moved to identities (rotated the old way)
      'gone-feed': null, // revoked holder: curators and admins only, as before
      'admin-feed': null,
      'cli-feed': null,
    });
    expect(feeds.get('admin-feed')!.owner).toBe('admin');
  });

  it('keeps an admin-named feed with a generated admin token that is an admin, and decides once', () => {
    legacyState([['00000000000000e1', 'admin', 'admin']], { 'admin-feed': 'admin', 'cli-feed': 'cli' });
    expect(new FeedRegistry({ db: state.db }).get('admin-feed')!.ownerToken).toBe('00000000000000e1');
    // A token created afterwards under a name that owned feeds by name gains nothing, now or at the next start.
    const cli = new TokenStore({ db: state.db }).create({ name: 'cli', role: 'publisher' });
    state.close();
    state = openStateDb(dir);
    const feeds = new FeedRegistry({ db: state.db });
    expect(feeds.get('cli-feed')!.ownerToken).toBeUndefined();
    expect(feeds.list({ ownerToken: cli.info.id })).toEqual([]);
  });
});
