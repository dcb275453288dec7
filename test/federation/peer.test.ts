// parsePeers: how SHEAF_PEERS entries become sheaf or SPARQL peers.
import { describe, expect, it } from 'vitest';
import { parsePeer, parsePeers } from '../../src/federation/peer.js';

describe('parsePeer', () => {
  it.each([
    ['https://cat.example.org', 'sheaf', 'https://cat.example.org', 'https://cat.example.org/sparql'],
    ['https://cat.example.org/base/', 'sheaf', 'https://cat.example.org/base', 'https://cat.example.org/base/sparql'],
    ['https://ep.example.org/sparql', 'sparql', 'https://ep.example.org/sparql', 'https://ep.example.org/sparql'],
    ['sparql:https://ep.example.org/query', 'sparql', 'https://ep.example.org/query', 'https://ep.example.org/query'],
    ['sheaf:https://cat.example.org/sparql', 'sheaf', 'https://cat.example.org/sparql', 'https://cat.example.org/sparql/sparql'],
  ])('%s is a %s peer named %s', (entry, kind, name, sparqlUrl) => {
    const peer = parsePeer(entry);
    expect(peer).toMatchObject({ kind, name, sparqlUrl });
    expect(peer.searchUrl).toBe(kind === 'sheaf' ? `${name}/api/search` : undefined);
  });

  it.each(['not a url', 'ftp://x.example.org', 'sheaf:'])('refuses %s', (entry) => {
    expect(() => parsePeer(entry)).toThrow(/SHEAF_PEERS/);
  });

  it('lists each peer once', () => {
    expect(parsePeers(['https://a.example', 'sheaf:https://a.example/', 'https://b.example/sparql']).map((p) => p.name))
      .toEqual(['https://a.example', 'https://b.example/sparql']);
  });
});
