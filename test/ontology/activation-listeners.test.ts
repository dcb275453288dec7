// OntologyActivation tells the record listeners about the records whose status changed, and then its followers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OntologyActivation } from '../../src/ontology/ontology-activation.js';
import type { RecordListener, StoredRecord } from '../../src/catalogue/record-listener.js';
import { dcatCatalogue, ontologyFixture as fixture, THEME, type DcatCatalogue } from './dcat-catalogue.js';

const RECORDS: Record<string, string> = {
  theme: `<https://d.example/theme> a dcat:Dataset ; dct:title "with a theme"@en ; dct:description "d"@en ; dcat:theme <${THEME}> .`,
  plain: `<https://d.example/plain> a dcat:Dataset ; dct:title "plain"@en ; dct:description "d"@en ; dcat:keyword "k" .`,
};

let catalogue: DcatCatalogue;
let activation: OntologyActivation;
/** What the listener heard, with the record row's status at that moment (rows must be written by then). */
const heard: Array<{ key: string; validation: string; rowStatus: string | undefined; quads: number; statusOnly?: true }> = [];
const followed: Array<readonly string[]> = [];

beforeAll(async () => {
  catalogue = await dcatCatalogue(RECORDS);
  const listener: RecordListener = {
    recordsStored(stored: readonly StoredRecord[]) {
      for (const r of stored) heard.push({ key: r.key, validation: r.validation, rowStatus: catalogue.records.get(r.feedId, r.key)?.validation, quads: r.quads.length, ...(r.statusOnly && { statusOnly: r.statusOnly }) });
    },
    recordsWithdrawn() {},
  };
  activation = catalogue.activation({
    listeners: [listener],
    followers: [{ async ontologiesChanged({ loaded }) { followed.push([...loaded.keys()]); } }],
  });
});

afterAll(async () => {
  await catalogue.close();
});

describe('OntologyActivation listeners', () => {
  it('tells the record listeners only about records whose status changed, with their rows written, then its followers', async () => {
    const r = await activation.load({ quads: await fixture('dcat2-like.ttl'), format: 'turtle', loadedBy: 'curator' });
    // Both records are revalidated (they use dcat terms); only the theme record changes status.
    expect(r.impact).toMatchObject({ revalidated: 2, changed: 1 });
    // Told as a status-only change: the record's triples are those the listeners already know.
    expect(heard).toEqual([{ key: 'theme', validation: 'non-conformant', rowStatus: 'non-conformant', quads: expect.any(Number), statusOnly: true }]);
    expect(heard[0]!.quads).toBeGreaterThan(0);
    expect(followed).toEqual([['http://www.w3.org/ns/dcat']]);

    heard.length = 0;
    await activation.load({ quads: await fixture('dcat3-like.ttl'), format: 'turtle', loadedBy: 'curator' });
    expect(heard.map((h) => [h.key, h.validation === 'non-conformant'])).toEqual([['theme', false]]);
    expect(followed).toHaveLength(2);
  });

  it('keeps a version current when a follower fails (the index it keeps can be rebuilt)', async () => {
    const failing = catalogue.activation({
      followers: [{ async ontologiesChanged() { throw new Error('index unavailable'); } }],
      logger: { error: (obj) => followed.push([String((obj as { err: Error }).err.message)]) },
    });
    const r = await failing.restore('v1');
    expect(r.version).toMatchObject({ id: 'v1', current: true });
    expect(followed.at(-1)).toEqual(['index unavailable']);
  });
});
