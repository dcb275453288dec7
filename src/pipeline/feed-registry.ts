// **FeedRegistry** stores registered feeds in the state database: create, read, list, update, delete.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CatErrors } from '../core/errors.js';
import type { Feed, FeedNotify, InvalidRecordPolicy } from './feed.js';
import { migrateFeedOwners } from './migrate-feed-owners.js';

/** What a caller supplies to register a feed; the registry fills in id and timestamps. */
export interface NewFeed {
  readonly url: string;
  readonly protocol: string;
  readonly schedule: string;
  readonly title: string;
  readonly profile: string;
  readonly owner: string;
  /** The owning token's id (Principal.tokenId); omitted when no publisher owns the feed (the configured admin, `cli`, the demo). */
  readonly ownerToken?: string;
  readonly policy?: InvalidRecordPolicy;
  readonly contact?: string;
  readonly notify?: FeedNotify;
  readonly local?: boolean;
  readonly maxWithdrawShare?: number;
  readonly options?: Feed['options'];
  /** A wanted id (the demo feed asks for "demo"); otherwise one is made from the title. */
  readonly id?: string;
}

/** Fields a PATCH may change; owner, id and local never change after registration. */
export type FeedChanges = Partial<
  Pick<Feed, 'url' | 'protocol' | 'schedule' | 'title' | 'profile' | 'policy' | 'maxWithdrawShare' | 'options'>
> & {
  /** null clears the field. */
  readonly contact?: string | null;
  readonly notify?: FeedNotify | null;
};

/** Listener told after every change, so the scheduler applies schedule edits without a restart. */
export type FeedListener = (event: { readonly kind: 'created' | 'updated' | 'deleted'; readonly feed: Feed }) => void;

interface FeedRow {
  id: string;
  url: string;
  protocol: string;
  schedule: string;
  title: string;
  profile: string;
  policy: string;
  contact: string | null;
  notify_url: string | null;
  notify_on: string | null;
  owner: string;
  /** '' when no token owns the feed; NULL until migrateFeedOwners resolved a row from before token identities. */
  owner_token: string | null;
  local: number;
  max_withdraw_share: number;
  options: string;
  created_at: string;
  updated_at: string;
}

/**
 * A once-a-day schedule between 01:00 and 05:59 whose minute and hour derive from `seed` (the feed URL):
 * feeds registered without a schedule spread over the night instead of all hitting their sources at 03:00.
 */
export function dailySchedule(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return `${digest[0]! % 60} ${1 + (digest[1]! % 5)} * * *`;
}
export const DEFAULT_MAX_WITHDRAW_SHARE = 0.3;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

function toFeed(row: FeedRow): Feed {
  return Object.freeze({
    id: row.id,
    url: row.url,
    protocol: row.protocol,
    schedule: row.schedule,
    title: row.title,
    profile: row.profile,
    policy: row.policy as InvalidRecordPolicy,
    ...(row.contact !== null && { contact: row.contact }),
    ...(row.notify_url !== null && { notify: Object.freeze({ url: row.notify_url, on: (row.notify_on ?? 'on_error') as FeedNotify['on'] }) }),
    owner: row.owner,
    ...(row.owner_token !== null && row.owner_token !== '' && { ownerToken: row.owner_token }),
    local: row.local === 1,
    maxWithdrawShare: row.max_withdraw_share,
    options: Object.freeze(JSON.parse(row.options) as Feed['options']),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** A readable id from the title ("Lung Imaging Node" → "lung-imaging-node"), used in graph IRIs and routes. */
function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    // NFKD splits "ü" into "u" + a combining mark; drop the marks so accents do not become hyphens.
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base || `feed-${randomBytes(3).toString('hex')}`;
}

export interface FeedRegistryOptions {
  readonly db: Database.Database;
}

export class FeedRegistry {
  readonly #db: Database.Database;
  readonly #listeners = new Set<FeedListener>();

  constructor(opts: FeedRegistryOptions) {
    this.#db = opts.db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS feeds (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        protocol TEXT NOT NULL,
        schedule TEXT NOT NULL,
        title TEXT NOT NULL,
        profile TEXT NOT NULL,
        policy TEXT NOT NULL,
        contact TEXT,
        notify_url TEXT,
        notify_on TEXT,
        owner TEXT NOT NULL,
        owner_token TEXT,
        local INTEGER NOT NULL DEFAULT 0,
        max_withdraw_share REAL NOT NULL,
        options TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
    const columns = new Set((this.#db.prepare('PRAGMA table_info(feeds)').all() as { name: string }[]).map((c) => c.name));
    if (!columns.has('owner_token')) this.#db.exec('ALTER TABLE feeds ADD COLUMN owner_token TEXT');
    migrateFeedOwners(this.#db);
  }

  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  create(input: NewFeed): Feed {
    if (input.id !== undefined && !ID_PATTERN.test(input.id)) throw new CatErrors.BAD_REQUEST(`feed id "${input.id}" is not a lowercase slug`);
    const now = new Date().toISOString();
    const id = input.id ?? this.#freeId(slug(input.title));
    if (this.get(id)) throw new CatErrors.CONFLICT(`a feed with id "${id}" exists`);
    this.#db
      .prepare(
        `INSERT INTO feeds (id, url, protocol, schedule, title, profile, policy, contact, notify_url, notify_on, owner, owner_token,
          local, max_withdraw_share, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.url,
        input.protocol,
        input.schedule,
        input.title,
        input.profile,
        input.policy ?? 'store-and-flag',
        input.contact ?? null,
        input.notify?.url ?? null,
        input.notify?.on ?? null,
        input.owner,
        input.ownerToken ?? '',
        input.local ? 1 : 0,
        input.maxWithdrawShare ?? DEFAULT_MAX_WITHDRAW_SHARE,
        JSON.stringify(input.options ?? {}),
        now,
        now,
      );
    const feed = this.get(id)!;
    this.#emit('created', feed);
    return feed;
  }

  get(id: string): Feed | undefined {
    const row = this.#db.prepare('SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return row ? toFeed(row) : undefined;
  }

  /** Throws CAT_ERR_NOT_FOUND for an unknown id. */
  require(id: string): Feed {
    const feed = this.get(id);
    if (!feed) throw new CatErrors.NOT_FOUND(`no feed "${id}"`);
    return feed;
  }

  /** All feeds, or only those the token `ownerToken` owns, oldest first. */
  list(filter: { readonly ownerToken?: string } = {}): Feed[] {
    const rows = (
      filter.ownerToken === undefined
        ? this.#db.prepare('SELECT * FROM feeds ORDER BY created_at, rowid').all()
        : this.#db.prepare('SELECT * FROM feeds WHERE owner_token = ? ORDER BY created_at, rowid').all(filter.ownerToken)
    ) as FeedRow[];
    return rows.map(toFeed);
  }

  update(id: string, changes: FeedChanges): Feed {
    const current = this.require(id);
    const next = {
      url: changes.url ?? current.url,
      protocol: changes.protocol ?? current.protocol,
      schedule: changes.schedule ?? current.schedule,
      title: changes.title ?? current.title,
      profile: changes.profile ?? current.profile,
      policy: changes.policy ?? current.policy,
      contact: changes.contact === undefined ? (current.contact ?? null) : changes.contact,
      notify: changes.notify === undefined ? (current.notify ?? null) : changes.notify,
      maxWithdrawShare: changes.maxWithdrawShare ?? current.maxWithdrawShare,
      options: changes.options ?? current.options,
    };
    this.#db
      .prepare(
        `UPDATE feeds SET url = ?, protocol = ?, schedule = ?, title = ?, profile = ?, policy = ?, contact = ?, notify_url = ?,
          notify_on = ?, max_withdraw_share = ?, options = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        next.url,
        next.protocol,
        next.schedule,
        next.title,
        next.profile,
        next.policy,
        next.contact,
        next.notify?.url ?? null,
        next.notify?.on ?? null,
        next.maxWithdrawShare,
        JSON.stringify(next.options),
        new Date().toISOString(),
        id,
      );
    const feed = this.get(id)!;
    this.#emit('updated', feed);
    return feed;
  }

  /** Deletes the registration; the feed's records stay until the caller withdraws them. */
  delete(id: string): Feed {
    const feed = this.require(id);
    this.#db.prepare('DELETE FROM feeds WHERE id = ?').run(id);
    this.#emit('deleted', feed);
    return feed;
  }

  #freeId(base: string): string {
    const taken = new Set(
      (this.#db.prepare("SELECT id FROM feeds WHERE id = ? OR id LIKE ? || '-%'").all(base, base) as { id: string }[]).map((r) => r.id),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  #emit(kind: 'created' | 'updated' | 'deleted', feed: Feed): void {
    for (const listener of this.#listeners) listener({ kind, feed });
  }
}
