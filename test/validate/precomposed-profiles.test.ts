// PrecomposedProfiles: a profile composed by the build is read back as the same shapes graph, and only while every
// input file is unchanged; the registry uses it for the bundled ontology, never for a curator's override.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { PrecomposedProfiles } from '../../src/validate/precomposed-profiles.js';
import { validateDocument } from '../../src/validate/validate-document.js';
import type { ProfileRegistry } from '../../src/validate/profile-registry.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RECORDS = path.join(ROOT, 'test/fixtures/records');

let dir: string;
let live: ProfileRegistry;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sheaf-precomposed-'));
  // A copy of the bundled manifest and its files, so a test can edit one.
  for (const folder of ['shapes', 'ontologies']) await cp(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  live = await loadProfiles({ manifest: path.join(dir, 'shapes/profiles.json') });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PrecomposedProfiles', () => {
  it('gives back a graph that validates every record as the live composition does', async () => {
    const store = new PrecomposedProfiles(path.join(dir, 'built'));
    const profile = live.get('eucaim');
    await store.write(profile, await live.composeShapes(profile));
    const read = await store.read(profile);
    expect(read?.length).toBe((await live.composeShapes(profile)).length);
    const built = await loadProfiles({ manifest: path.join(dir, 'shapes/profiles.json'), precomposed: store });
    const files = (await readdir(RECORDS)).filter((f) => f.endsWith('.ttl'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = await readFile(path.join(RECORDS, f), 'utf8');
      const a = await validateDocument({ text, name: f, registry: live, profile: 'eucaim' });
      const b = await validateDocument({ text, name: f, registry: built, profile: 'eucaim' });
      // Each parse labels the record's blank nodes afresh: compare the reports without the labels.
      const unlabelled = (r: typeof a) => JSON.parse(JSON.stringify({ status: r.status, counts: r.counts, results: r.results }).replace(/_:[\w.-]+/g, '_:')) as unknown;
      expect(unlabelled(b), f).toEqual(unlabelled(a));
    }
  });

  it('is ignored once any input file changes, and for an ontology override', async () => {
    const store = new PrecomposedProfiles(path.join(dir, 'marked'));
    const profile = live.get('dcat-ap');
    // A marker graph stands in for the composition: whoever reads the store gets the marker.
    const { DataFactory } = await import('n3');
    const marker = DataFactory.quad(DataFactory.namedNode('urn:x:marker'), DataFactory.namedNode('urn:x:p'), DataFactory.literal('built'));
    await store.write(profile, [marker]);
    const manifest = path.join(dir, 'shapes/profiles.json');
    const registry = await loadProfiles({ manifest, precomposed: store });
    expect(await registry.composeShapes(registry.get('dcat-ap'))).toEqual([expect.objectContaining({ object: expect.objectContaining({ value: 'built' }) })]);
    const override = await registry.composeShapes(registry.get('dcat-ap'), { ontology: { version: 'urn:v:2', quads: [] } });
    expect(override.length).toBeGreaterThan(100);

    const vocabulary = registry.get('dcat-ap').vocabularies[0]!;
    await writeFile(vocabulary, `${await readFile(vocabulary, 'utf8')}\n# edited\n`);
    expect(await store.read(profile)).toBeUndefined();
    const edited = await loadProfiles({ manifest, precomposed: store });
    expect((await edited.composeShapes(edited.get('dcat-ap'))).length).toBeGreaterThan(100);
  });
});
