// Dataset page ids: a search key `{feed}/{record key}` in one path segment, and back.
import { describe, expect, it } from 'vitest';
import { datasetPageId, splitDatasetId } from '../../src/search/dataset-page-id.js';

describe('dataset page id', () => {
  it('encodes the whole search key, record IRI included, into one path segment and splits it back', () => {
    const id = datasetPageId('eucaim/https://x.example/dataset/a?b=c#d');
    expect(id).not.toMatch(/[/?#]/);
    expect(splitDatasetId(decodeURIComponent(id))).toEqual({ feedId: 'eucaim', key: 'https://x.example/dataset/a?b=c#d' });
  });

  it.each(['no-slash', '/key-without-feed', 'feed-without-key/'])('names no record for %s', (id) => {
    expect(splitDatasetId(id)).toBeUndefined();
  });
});
