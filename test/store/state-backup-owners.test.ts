// A backup's state graph carries feed ownership by token identity: restored, the same token owns the same feeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedRegistry } from '../../src/pipeline/feed-registry.js';
import { TokenStore } from '../../src/pipeline/tokens.js';
import { StateRestore, stateBackupQuads } from '../../src/store/state-backup.js';
import { openStateDb } from '../../src/store/state-db.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-backup-owners-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('state backup of feed owners', () => {
  it('round-trips owner token ids and token identities', () => {
    const source = openStateDb(tempDir());
    const tokens = new TokenStore({ db: source.db });
    const feeds = new FeedRegistry({ db: source.db });
    const pub = tokens.create({ name: 'lung-node', role: 'publisher' });
    feeds.create({ url: 'https://repo.example.org/', protocol: 'dcat', schedule: '0 3 * * *', title: 'Lung', profile: 'dcat-ap', owner: 'lung-node', ownerToken: pub.info.id });
    feeds.create({ url: 'https://repo.example.org/b', protocol: 'dcat', schedule: '0 3 * * *', title: 'Admin', profile: 'dcat-ap', owner: 'admin' });
    const quads = [...stateBackupQuads(source.db)];
    const before = feeds.list();
    source.close();

    const target = openStateDb(tempDir());
    const restore = new StateRestore();
    for (const q of quads) expect(restore.take(q)).toBe(true);
    restore.apply(target.db);
    const after = new FeedRegistry({ db: target.db }).list();
    expect(after).toEqual(before);
    expect(after.map((f) => f.ownerToken)).toEqual([pub.info.id, undefined]);
    expect(new TokenStore({ db: target.db }).verify(pub.token)).toMatchObject({ tokenId: pub.info.id });
    target.close();
  });
});
