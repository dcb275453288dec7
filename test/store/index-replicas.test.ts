// The embedded store's index replicas: a runaway query costs its own deadline, never an outage of the store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFactory } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { OxigraphStore } from '../../src/store/oxigraph.js';

const { namedNode, literal, quad } = DataFactory;
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-replicas-'));
  tempDirs.push(dir);
  return dir;
}

const G = 'http://replicas.test/graph';
const P = namedNode('http://replicas.test/p');
function rows(n: number) {
  return Array.from({ length: n }, (_, i) => quad(namedNode(`http://replicas.test/${i}`), P, literal(`${i}`)));
}
// Three-way cartesian product over 2,000 triples: 8·10⁹ solutions, far beyond any deadline here.
const RUNAWAY = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${G}> { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j } }`;

describe('OxigraphStore index replicas', () => {
  afterEach(() => {
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering queries and taking writes while a runaway query is stopped and its replica rebuilt', async () => {
    const store = await OxigraphStore.open({ dataDir: tempDir(), runawayGraceMs: 200, indexReplicas: 2 });
    try {
      await store.replaceGraph(G, rows(2000));
      await expect.poll(() => store.health().index?.live, { timeout: 20_000 }).toBe(2);
      const runaway = store.select(RUNAWAY, { timeoutMs: 300 });
      // While it runs (on one replica), the other answers and a write is visible to the next query.
      expect(await store.ask(`ASK { <http://replicas.test/7> ?p "7" }`)).toBe(true);
      await store.replaceGraph('http://replicas.test/during', [quad(namedNode('http://replicas.test/x'), P, literal('during'))]);
      expect(await store.ask('ASK { <http://replicas.test/x> ?p "during" }')).toBe(true);
      await expect(runaway).rejects.toMatchObject({ code: 'CAT_ERR_QUERY_TIMEOUT' });
      // Past deadline + grace the runaway's replica is terminated and rebuilt; the store stays ready meanwhile.
      await expect.poll(() => store.health().index?.rebuilds, { timeout: 20_000 }).toBe(1);
      expect(store.health().ready).toBe(true);
      for (let i = 0; i < 5; i++) {
        const n = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${G}> { ?s ?p ?o } }`, { timeoutMs: 10_000 });
        expect(n.rows[0]?.get('n')?.value).toBe('2000');
      }
      await store.replaceGraph('http://replicas.test/after', [quad(namedNode('http://replicas.test/x'), P, literal('after'))]);
      expect(await store.ask('ASK { <http://replicas.test/x> ?p "after" }')).toBe(true);
      // The rebuilt replica comes back holding every write, including those made while it loaded.
      await expect.poll(() => store.health().index?.live, { timeout: 20_000 }).toBe(2);
      for (let i = 0; i < 4; i++) {
        expect(await store.ask('ASK { <http://replicas.test/x> ?p "during" . <http://replicas.test/x> ?p "after" }')).toBe(true);
      }
      // Asked again, the same runaway is refused at once instead of costing another rebuild.
      await expect(store.select(RUNAWAY, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'CAT_ERR_QUERY_TIMEOUT' });
      expect(store.health().index).toMatchObject({ live: 2, rebuilds: 1 });
    } finally {
      await store.close();
    }
  });

  it('times out queries that waited too long for a replica without declaring the busy one a runaway', async () => {
    const store = await OxigraphStore.open({ dataDir: tempDir(), runawayGraceMs: 100 });
    try {
      await store.replaceGraph(G, rows(1200));
      // A long query within its own deadline, then quick ones with short deadlines queued behind it.
      const slow = store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${G}> { ?a ?b ?c . ?d ?e ?f } }`, { timeoutMs: 120_000 });
      const quick = Array.from({ length: 5 }, () => store.ask('ASK { ?s ?p ?o }', { timeoutMs: 20 }).then(() => 'answered', (e: { code?: string }) => e.code));
      for (const outcome of await Promise.all(quick)) expect(['answered', 'CAT_ERR_QUERY_TIMEOUT']).toContain(outcome);
      const n = await slow;
      expect(n.rows[0]?.get('n')?.value).toBe(String(1200 * 1200));
      expect(store.health().index).toMatchObject({ live: 1, rebuilds: 0 });
    } finally {
      await store.close();
    }
  });
});
