// OxigraphStore: the shared contract on a real data directory, plus what only the embedded store does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFactory } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { runStoreContract } from './contract.js';

const { namedNode, literal, quad } = DataFactory;
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-oxigraph-'));
  tempDirs.push(dir);
  return dir;
}

const contractDir = tempDir();
runStoreContract({
  name: 'OxigraphStore',
  open: () => OxigraphStore.open({ dataDir: contractDir, runawayGraceMs: 500 }),
  selectCanonicalLiterals: 'Oxigraph stores literal values: SELECT answers "5"^^xsd:nonNegativeInteger as "5"^^xsd:integer, "05"^^xsd:integer as "5"',
  reopen: async (store) => {
    await store.close();
    return OxigraphStore.open({ dataDir: contractDir, runawayGraceMs: 500 });
  },
  cleanup: async () => fs.rmSync(contractDir, { recursive: true, force: true }),
});

describe('OxigraphStore data directory', () => {
  afterEach(() => {
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a data directory another store in this process holds open', async () => {
    const dir = tempDir();
    const first = await OxigraphStore.open({ dataDir: dir });
    try {
      // test/cli/import-export.test.ts covers a second process (the SQLite file lock).
      await expect(OxigraphStore.open({ dataDir: dir })).rejects.toMatchObject({ code: 'CAT_ERR_STORE_CORRUPT' });
    } finally {
      await first.close();
    }
    await (await OxigraphStore.open({ dataDir: dir })).close();
  });

  it('dumps literals exactly as written, even where queries answer with the canonical form', async () => {
    const dir = tempDir();
    const store = await OxigraphStore.open({ dataDir: dir });
    try {
      const modified = literal('2024-01-01T00:00:00.000+00:00', namedNode('http://www.w3.org/2001/XMLSchema#dateTime'));
      await store.replaceGraph('http://dump.test/g', [quad(namedNode('http://dump.test/s'), namedNode('http://dump.test/p'), modified)]);
      const dumped = [];
      for await (const q of store.dump()) dumped.push(q);
      expect(dumped).toHaveLength(1);
      expect(dumped[0]!.object.equals(modified)).toBe(true);
      expect(dumped[0]!.graph.value).toBe('http://dump.test/g');
    } finally {
      await store.close();
    }
  });

  it('refuses a corrupt database with CAT_ERR_STORE_CORRUPT and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sheaf.db');
    fs.writeFileSync(file, 'this is not a SQLite database, but it is somebody’s file'.repeat(100));
    const before = fs.readFileSync(file);
    await expect(OxigraphStore.open({ dataDir: dir })).rejects.toMatchObject({ code: 'CAT_ERR_STORE_CORRUPT' });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a data directory that is a file', async () => {
    const file = path.join(tempDir(), 'plain-file');
    fs.writeFileSync(file, 'x');
    await expect(OxigraphStore.open({ dataDir: file })).rejects.toMatchObject({ code: 'CAT_ERR_STORE_CORRUPT' });
  });
});

describe('OxigraphStore SPARQL Update durability', () => {
  it('logs what an update with a variable graph, or into the default graph, changed', async () => {
    const dir = tempDir();
    const p = namedNode('http://upd.test/p');
    let store = await OxigraphStore.open({ dataDir: dir });
    try {
      await store.replaceGraphs([
        { graph: 'http://upd.test/a', quads: [quad(namedNode('http://upd.test/s'), p, literal('x')), quad(namedNode('http://upd.test/s'), p, literal('keep a'))] },
        { graph: 'http://upd.test/b', quads: [quad(namedNode('http://upd.test/s'), p, literal('x'))] },
      ]);
      await store.update('DELETE { GRAPH ?g { ?s <http://upd.test/p> "x" } } WHERE { GRAPH ?g { ?s <http://upd.test/p> "x" } }');
      await store.update('INSERT DATA { <http://upd.test/d> <http://upd.test/p> "in the default graph" }');
      await store.close();
      store = await OxigraphStore.open({ dataDir: dir });
      expect(await store.listGraphs({ prefix: 'http://upd.test/' })).toEqual(['http://upd.test/a']);
      const left = await store.select('SELECT ?o WHERE { ?s <http://upd.test/p> ?o } ORDER BY ?o');
      expect(left.rows.map((r) => r.get('o')?.value)).toEqual(['in the default graph', 'keep a']);
    } finally {
      await store.close();
    }
  });
});

describe('OxigraphStore SPARQL Update and exact terms', () => {
  it('re-logs only the graphs an update changed: the others keep their literals exactly as written', async () => {
    const dir = tempDir();
    const p = namedNode('http://exact.test/p');
    const size = literal('05', namedNode('http://www.w3.org/2001/XMLSchema#nonNegativeInteger'));
    let store = await OxigraphStore.open({ dataDir: dir });
    try {
      await store.replaceGraphs([
        { graph: 'http://exact.test/kept', quads: [quad(namedNode('http://exact.test/a'), p, size)] },
        { graph: 'http://exact.test/changed', quads: [quad(namedNode('http://exact.test/b'), p, literal('x'))] },
      ]);
      // A variable graph: the update may touch any graph, and changes one.
      await store.update('DELETE { GRAPH ?g { ?s <http://exact.test/p> "x" } } WHERE { GRAPH ?g { ?s <http://exact.test/p> "x" } }');
      await store.close();
      store = await OxigraphStore.open({ dataDir: dir });
      const kept = await store.readGraphs(['http://exact.test/kept']);
      expect(kept.map((q) => q.object)).toEqual([size]);
      expect(kept[0]!.object.equals(size)).toBe(true);
      expect(await store.listGraphs({ prefix: 'http://exact.test/' })).toEqual(['http://exact.test/kept']);
    } finally {
      await store.close();
    }
  });
});

describe('OxigraphStore lazy index (bulk import/export)', () => {
  it('logs writes without an index, and builds it, with them, on the first query', async () => {
    const dir = tempDir();
    const p = namedNode('http://lazy.test/p');
    const seeded = await OxigraphStore.open({ dataDir: dir });
    await seeded.replaceGraph('http://lazy.test/old', [quad(namedNode('http://lazy.test/s'), p, literal('old'))]);
    await seeded.close();
    const store = await OxigraphStore.open({ dataDir: dir, index: 'lazy' });
    try {
      expect(store.rebuildStats.graphs).toBe(0);
      await store.replaceGraph('http://lazy.test/new', [quad(namedNode('http://lazy.test/s'), p, literal('new'))]);
      const pending = store.replaceGraph('http://lazy.test/racing', [quad(namedNode('http://lazy.test/s'), p, literal('racing'))]);
      const seen = await store.select('SELECT ?o WHERE { <http://lazy.test/s> ?p ?o } ORDER BY ?o');
      await pending;
      // A write still in flight when the query was asked may or may not be in its answer; once it returned, it is.
      expect(seen.rows.map((r) => r.get('o')?.value)).toEqual(expect.arrayContaining(['new', 'old']));
      expect(await store.ask('ASK { <http://lazy.test/s> ?p "racing" }')).toBe(true);
      await store.replaceGraph('http://lazy.test/after', [quad(namedNode('http://lazy.test/s'), p, literal('after'))]);
      expect(await store.ask('ASK { <http://lazy.test/s> ?p "after" }')).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('OxigraphStore background index (sheaf serve)', () => {
  it('opens before the index is built; queries and writes wait for it, ready() says when it is done', async () => {
    const dir = tempDir();
    const p = namedNode('http://background.test/p');
    const seeded = await OxigraphStore.open({ dataDir: dir });
    await seeded.replaceGraph('http://background.test/g', [quad(namedNode('http://background.test/s'), p, literal('logged'))]);
    await seeded.close();
    const store = await OxigraphStore.open({ dataDir: dir, index: 'background' });
    try {
      expect(store.health()).toMatchObject({ ready: false, detail: 'building the index' });
      const written = store.replaceGraph('http://background.test/h', [quad(namedNode('http://background.test/s'), p, literal('written'))]);
      expect(await store.ask('ASK { GRAPH <http://background.test/g> { ?s ?p "logged" } }')).toBe(true);
      await written;
      await store.ready();
      expect(store.health().ready).toBe(true);
      expect(await store.ask('ASK { GRAPH <http://background.test/h> { ?s ?p "written" } }')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('reports a log it cannot load through ready() (and queries), with CAT_ERR_STORE_CORRUPT', async () => {
    const dir = tempDir();
    const seeded = await OxigraphStore.open({ dataDir: dir });
    await seeded.replaceGraph('http://background.test/g', [quad(namedNode('http://background.test/s'), namedNode('http://background.test/p'), literal('x'))]);
    await seeded.close();
    const { openStateDb } = await import('../../src/store/state-db.js');
    const state = openStateDb(dir);
    state.db.prepare('UPDATE graph_log SET ntriples = ?').run('<http://background.test/s> this is not N-Triples .\n');
    state.close();
    const store = await OxigraphStore.open({ dataDir: dir, index: 'background' });
    try {
      await expect(store.ready()).rejects.toMatchObject({ code: 'CAT_ERR_STORE_CORRUPT' });
      await expect(store.ask('ASK { ?s ?p ?o }')).rejects.toMatchObject({ code: 'CAT_ERR_STORE_CORRUPT' });
    } finally {
      await store.close();
    }
  });
});

describe('OxigraphStore runaway queries', () => {
  it('rebuilds the index after a query overruns its deadline, keeping every write', async () => {
    const dir = tempDir();
    const store = await OxigraphStore.open({ dataDir: dir, runawayGraceMs: 200 });
    try {
      const g = 'http://runaway.test/graph';
      await store.replaceGraph(g, Array.from({ length: 2000 }, (_, i) => quad(namedNode(`http://runaway.test/${i}`), namedNode('http://runaway.test/p'), literal(`${i}`))));
      const slow = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j } }`;
      await expect(store.select(slow, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'CAT_ERR_QUERY_TIMEOUT' });
      // A write issued while the runaway still runs returns once the rebuilt index has it.
      await store.replaceGraph('http://runaway.test/after', [quad(namedNode('http://runaway.test/x'), namedNode('http://runaway.test/p'), literal('after'))]);
      await expect.poll(() => store.ask('ASK { <http://runaway.test/x> ?p "after" }').catch(() => false), { timeout: 20_000 }).toBe(true);
      const n = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?s ?p ?o } }`);
      expect(n.rows[0]?.get('n')?.value).toBe('2000');
    } finally {
      await store.close();
    }
  });
});
