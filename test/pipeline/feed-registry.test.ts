// FeedRegistry: feeds in the state database, readable ids, owner filter, edits, change events, daily schedules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dailySchedule, FeedRegistry, type NewFeed } from '../../src/pipeline/feed-registry.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';

let dir: string;
let state: StateDb;
let feeds: FeedRegistry;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sheaf-feeds-'));
  state = openStateDb(dir);
  feeds = new FeedRegistry({ db: state.db });
});
afterEach(() => {
  state.close();
  rmSync(dir, { recursive: true, force: true });
});

const feed = (over: Partial<NewFeed> = {}): NewFeed => ({
  url: 'https://repo.example.org/catalog.ttl', protocol: 'dcat', schedule: '0 3 * * *', title: 'Lung Imaging Node', profile: 'dcat-ap', owner: 'pub-a', ...over,
});

describe('FeedRegistry', () => {
  it('creates a feed with a readable id and defaults, and reads it back after a reopen', () => {
    const created = feeds.create(feed({ notify: { url: 'https://hooks.example.org/x', on: 'always' }, options: { pageSize: 50 } }));
    expect(created).toMatchObject({
      id: 'lung-imaging-node', policy: 'store-and-flag', local: false, maxWithdrawShare: 0.3, options: { pageSize: 50 },
      notify: { url: 'https://hooks.example.org/x', on: 'always' },
    });
    expect(Object.isFrozen(created)).toBe(true);
    state.close();
    state = openStateDb(dir);
    expect(new FeedRegistry({ db: state.db }).get('lung-imaging-node')).toEqual(created);
  });

  it.each([
    ['Lung Imaging Node', 'lung-imaging-node'],
    ['  Ünïcödé — Registry!! ', 'unicode-registry'],
    ['???', /^feed-[0-9a-f]{6}$/],
  ])('makes the id of %j', (title, id) => {
    expect(feeds.create(feed({ title })).id).toMatch(id instanceof RegExp ? id : new RegExp(`^${id}$`));
  });

  it('numbers ids that are taken, and refuses an explicit id that is', () => {
    expect([feeds.create(feed()).id, feeds.create(feed()).id, feeds.create(feed()).id]).toEqual(['lung-imaging-node', 'lung-imaging-node-2', 'lung-imaging-node-3']);
    expect(() => feeds.create(feed({ id: 'lung-imaging-node' }))).toThrow(expect.objectContaining({ code: 'CAT_ERR_CONFLICT' }));
    expect(() => feeds.create(feed({ id: 'Bad Id' }))).toThrow(expect.objectContaining({ code: 'CAT_ERR_BAD_REQUEST' }));
  });

  it('lists all feeds or one owner token’s, oldest first', () => {
    feeds.create(feed({ title: 'one', ownerToken: 'aaaaaaaaaaaaaaaa' }));
    feeds.create(feed({ title: 'two', owner: 'pub-b', ownerToken: 'bbbbbbbbbbbbbbbb' }));
    feeds.create(feed({ title: 'three', ownerToken: 'aaaaaaaaaaaaaaaa' }));
    feeds.create(feed({ title: 'four' }));
    expect(feeds.list().map((f) => f.id)).toEqual(['one', 'two', 'three', 'four']);
    expect(feeds.list({ ownerToken: 'aaaaaaaaaaaaaaaa' }).map((f) => f.id)).toEqual(['one', 'three']);
    expect(feeds.get('four')!.ownerToken).toBeUndefined();
  });

  it('updates given fields only, clears with null, keeps owner and id, and tells listeners', () => {
    const events: string[] = [];
    feeds.subscribe(({ kind, feed: f }) => events.push(`${kind}:${f.id}:${f.schedule}`));
    const created = feeds.create(feed({ contact: 'mailto:a@example.org', notify: { url: 'https://hooks.example.org/x', on: 'on_error' } }));
    const updated = feeds.update(created.id, { schedule: '*/5 * * * *', contact: null, notify: null });
    expect(updated).toMatchObject({ id: created.id, owner: 'pub-a', title: created.title, schedule: '*/5 * * * *' });
    expect(updated.contact).toBeUndefined();
    expect(updated.notify).toBeUndefined();
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
    feeds.delete(created.id);
    expect(feeds.get(created.id)).toBeUndefined();
    expect(events).toEqual(['created:lung-imaging-node:0 3 * * *', 'updated:lung-imaging-node:*/5 * * * *', 'deleted:lung-imaging-node:*/5 * * * *']);
    expect(() => feeds.update('nope', { title: 'x' })).toThrow(expect.objectContaining({ code: 'CAT_ERR_NOT_FOUND' }));
    expect(() => feeds.delete('nope')).toThrow(expect.objectContaining({ code: 'CAT_ERR_NOT_FOUND' }));
  });

  it('spreads default daily schedules over the night, the same for the same URL', () => {
    const schedules = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => dailySchedule(`https://${s}.example.org/`));
    for (const s of schedules) expect(s).toMatch(/^([0-5]?\d) [1-5] \* \* \*$/);
    expect(new Set(schedules).size).toBeGreaterThan(1);
    expect(dailySchedule('https://a.example.org/')).toBe(schedules[0]);
  });
});
