// CatalogueListing over a real SQLite state database: counts stay right whichever connection writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordIndex, type RecordWrite } from '../../src/catalogue/record-index.js';
import { CatalogueListing } from '../../src/catalogue/catalogue-listing.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';

const record = (i: number, state: RecordWrite['state'] = 'active'): RecordWrite => ({
  feedId: 'f', key: `k${String(i).padStart(3, '0')}`, datasetIri: `https://ex.test/ds/${i}`, hash: `h${i}`, state,
  validation: 'conformant', pageUrl: 'https://ex.test/feed', firstSeen: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
  lastSeen: '2026-01-02T00:00:00Z', lastChanged: `2026-01-0${1 + (i % 2)}T00:00:00Z`, lastRun: 'r1',
});

describe('CatalogueListing', () => {
  let dir: string;
  let state: StateDb;
  let listing: CatalogueListing;
  let records: RecordIndex;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sheaf-listing-'));
    state = openStateDb(dir);
    listing = new CatalogueListing({ db: state.db });
    records = new RecordIndex({ db: state.db });
    records.write(Array.from({ length: 10 }, (_, i) => record(i)));
  });
  afterEach(() => {
    state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts again after writes on its own connection, with and without modified_since', () => {
    expect(listing.total()).toBe(10);
    expect(listing.total({ modifiedSince: '2026-01-02T00:00:00Z' })).toBe(5);
    expect(listing.total()).toBe(10);
    records.write([record(10), record(11, 'quarantined')]);
    expect(listing.total()).toBe(11);
    records.markWithdrawn('f', ['k000', 'k001'], '2026-01-03T00:00:00Z', 'r2');
    expect(listing.total()).toBe(9);
    expect(listing.total({ modifiedSince: '2026-01-02T00:00:00Z' })).toBe(4);
  });

  it('counts again after a commit from another connection', () => {
    expect(listing.total()).toBe(10);
    const other = new Database(path.join(dir, 'sheaf.db'));
    try {
      other.prepare("UPDATE records SET state = 'withdrawn', withdrawn_at = '2026-01-03T00:00:00Z' WHERE key = 'k005'").run();
    } finally {
      other.close();
    }
    expect(listing.total()).toBe(9);
  });

  it('pages by offset and by cursor in catalogue order, reading only listed columns', () => {
    const first = listing.page({ pageSize: 4 });
    expect(first.map((r) => r.key)).toEqual(['k000', 'k001', 'k002', 'k003']);
    const last = first.at(-1)!;
    const next = listing.page({ pageSize: 4, cursor: { firstSeen: last.firstSeen, feedId: last.feedId, key: last.key } });
    expect(next).toEqual(listing.page({ pageSize: 4, offset: 4 }));
    expect(next[0]).toEqual({ feedId: 'f', key: 'k004', datasetIri: 'https://ex.test/ds/4', firstSeen: '2026-01-01T00:00:04Z', lastChanged: '2026-01-01T00:00:00Z' });
  });
});
