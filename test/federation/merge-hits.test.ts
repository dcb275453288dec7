// mergeHits: one hit per dataset IRI, every source kept, ranked by reciprocal-rank fusion.
import { describe, expect, it } from 'vitest';
import { mergeHits } from '../../src/federation/merge-hits.js';

describe('mergeHits', () => {
  const merged = mergeHits([
    { source: 'local', items: [{ dataset: 'urn:x', title: 'X local', id: 'x', page: 'https://me/datasets/x' }, { dataset: 'urn:y' }] },
    { source: 'peer', items: [{ dataset: 'urn:z', title: 'Z' }, { dataset: 'urn:x', title: 'X peer', description: 'from the peer' }, { dataset: 'urn:x' }] },
  ]);

  it('de-duplicates by dataset IRI and keeps every source with its rank and links', () => {
    expect(merged.map((h) => h.dataset)).toEqual(['urn:x', 'urn:z', 'urn:y']);
    expect(merged[0]!.sources).toEqual([
      { source: 'local', rank: 1, id: 'x', page: 'https://me/datasets/x' },
      { source: 'peer', rank: 2 },
    ]);
  });

  it('takes each field from the first source that has it', () => {
    expect(merged[0]).toMatchObject({ title: 'X local', description: 'from the peer' });
  });

  it('ranks agreement above a single top hit', () => {
    expect(merged[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 6);
    expect(merged[1]!.score).toBeCloseTo(1 / 61, 6);
  });
});
