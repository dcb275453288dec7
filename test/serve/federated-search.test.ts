// GET /api/federated-search over real peers: two sheaf apps, a SPARQL endpoint, a slow peer and a dead one.
import { describe, expect, it } from 'vitest';
import { DS, useNetwork } from '../federation/network.js';
import { startSheafPeer } from '../federation/sheaf-peer.js';

const network = useNetwork({ slowMs: 8000 });

interface Body {
  partial: boolean;
  items: Array<{ dataset: string; title?: string; score: number; sources: Array<{ source: string; rank: number; id?: string; page?: string }> }>;
  sources: Array<{ source: string; kind: string; status: string; ms: number; total?: number; message?: string }>;
}

async function federated(qs: string): Promise<Body> {
  const res = await network.current.front.app.inject({ url: `/api/federated-search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as Body;
}

const statusOf = (body: Body) => Object.fromEntries(body.sources.map((s) => [s.source, s.status]));
const sourcesOf = (body: Body, dataset: string) => body.items.find((i) => i.dataset === dataset)?.sources.map((s) => s.source).sort();

describe('GET /api/federated-search', () => {
  it('merges local, sheaf and SPARQL peers with attribution, and answers partially when peers are slow or dead', async () => {
    const body = await federated('q=lung&timeoutMs=2000');
    const { names } = network.current;
    expect(statusOf(body)).toEqual({
      local: 'ok', [names.a]: 'ok', [names.b]: 'ok', [names.sparql]: 'ok', [names.slow]: 'timeout', [names.dead]: 'error',
    });
    expect(body.partial).toBe(true);
    expect(body.sources.find((s) => s.source === names.dead)!.message).toMatch(/ECONNREFUSED|refused/i);
    expect(body.items.map((i) => i.dataset).sort()).toEqual(
      ['a-lung', 'b-lung', 'front-lung', 'shared-lung', 'sp-lung'].map(DS),
    );
    // One hit per dataset IRI, every catalogue that holds it named; agreement ranks it first.
    expect(sourcesOf(body, DS('shared-lung'))).toEqual([names.a, names.sparql, 'local'].sort());
    expect(body.items[0]!.dataset).toBe(DS('shared-lung'));
    expect(sourcesOf(body, DS('b-lung'))).toEqual([names.b]);
    expect(sourcesOf(body, DS('sp-lung'))).toEqual([names.sparql]);
    // Sheaf sources link to their own dataset pages.
    const fromA = body.items.find((i) => i.dataset === DS('a-lung'))!.sources[0]!;
    expect(fromA.page).toMatch(/^https:\/\/a\.sheaf\.test\/datasets\//);
    expect(body.items.find((i) => i.dataset === DS('sp-lung'))!.title).toBe('SPARQL lung registry');
  });

  it('forwards facet filters to sheaf peers and skips plain SPARQL peers, which cannot apply them', async () => {
    const body = await federated(`q=lung&publisher=${encodeURIComponent('https://data.example.org/agent/site')}&timeoutMs=2000`);
    expect(statusOf(body)[network.current.names.sparql]).toBe('skipped');
    expect(statusOf(body)[network.current.names.b]).toBe('ok');
    expect(body.partial).toBe(true);
    expect(body.items.map((i) => i.dataset)).toContain(DS('b-lung'));
    expect(body.items.map((i) => i.dataset)).not.toContain(DS('sp-lung'));
  });

  it('answers from the local index alone, not partial, when there are no peers', async () => {
    const res = await network.current.a.app.inject({ url: '/api/federated-search?q=lung' });
    const body = JSON.parse(res.body) as Body;
    expect(body.partial).toBe(false);
    expect(body.sources.map((s) => [s.source, s.status])).toEqual([['local', 'ok']]);
    expect(body.items.map((i) => i.dataset).sort()).toEqual([DS('a-lung'), DS('shared-lung')]);
  });

  it('asks peers through the address guard: a loopback peer is refused unless private networks are allowed', async () => {
    const guarded = await startSheafPeer({ peers: [network.current.a.url], allowPrivateNetworks: false });
    try {
      const body = JSON.parse((await guarded.app.inject({ url: '/api/federated-search?q=lung' })).body) as Body;
      const peer = body.sources.find((s) => s.source === network.current.a.url)!;
      expect(peer.status).toBe('error');
      expect(peer.message).toMatch(/refused/i);
      expect(body.partial).toBe(true);
    } finally {
      await guarded.close();
    }
  });

  it('rejects bad parameters with problem+json before asking anyone', async () => {
    const before = network.current.fixtures.log.length;
    for (const qs of ['timeoutMs=5', 'nonsense=1', 'subjects_min=lots']) {
      const res = await network.current.front.app.inject({ url: `/api/federated-search?${qs}` });
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(network.current.fixtures.log.length).toBe(before);
  });
});
