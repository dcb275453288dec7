// OxigraphStore's log-only graphs: kept and read by name, never in the SPARQL index, at write and after a rebuild.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { OxigraphStore } from '../../src/store/oxigraph.js';

const { namedNode, literal, quad } = DataFactory;
const LOG_ONLY = 'https://sheaf.test/graph/report/';
const RECORD = 'https://sheaf.test/graph/record/f/a';
const REPORT = `${LOG_ONLY}f/a`;
const EX = 'https://example.org/';

const triple = (s: string, o: string): Quad => quad(namedNode(`${EX}${s}`), namedNode(`${EX}p`), literal(o));
const anyGraph = (store: OxigraphStore) =>
  store.select('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g').then((r) => r.rows.map((b) => b.get('g')!.value));

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-log-only-'));
  dirs.push(dir);
  return dir;
}

describe('OxigraphStore with log-only graphs', () => {
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps them out of queries but returns them by name, in whole-graph CONSTRUCTs and in the dump', async () => {
    const dir = tempDir();
    const store = await OxigraphStore.open({ dataDir: dir, logOnly: [LOG_ONLY] });
    try {
      await store.replaceGraphs([{ graph: RECORD, quads: [triple('a', 'record')] }, { graph: REPORT, quads: [triple('r', '05'), triple('r2', 'x')] }]);
      expect(await anyGraph(store)).toEqual([RECORD]);
      expect(await store.ask(`ASK { GRAPH <${REPORT}> { ?s ?p ?o } }`)).toBe(false);
      expect((await store.readGraphs([REPORT])).map((q) => q.object.value).sort()).toEqual(['05', 'x']);
      const copied = await store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${REPORT}> { ?s ?p ?o } }`);
      expect(copied).toHaveLength(2);
      expect(await store.listGraphs()).toEqual([REPORT, RECORD].sort());
      const dumped: string[] = [];
      for await (const q of store.dump()) dumped.push(q.graph.value);
      expect(dumped.sort()).toEqual([RECORD, REPORT, REPORT]);

      // Replacing and emptying work on the log as on any graph.
      await store.replaceGraph(REPORT, [triple('r3', 'y')]);
      expect((await store.readGraphs([REPORT])).map((q) => q.object.value)).toEqual(['y']);
      await store.dropGraph(REPORT);
      expect(await store.readGraphs([REPORT])).toEqual([]);
      expect(await store.listGraphs()).toEqual([RECORD]);
    } finally {
      await store.close();
    }
  });

  it('leaves them out of the index it rebuilds at open, including graphs an earlier open had indexed', async () => {
    const dir = tempDir();
    const before = await OxigraphStore.open({ dataDir: dir });
    await before.replaceGraphs([{ graph: RECORD, quads: [triple('a', 'record')] }, { graph: REPORT, quads: [triple('r', 'report')] }]);
    expect(await anyGraph(before)).toEqual([REPORT, RECORD].sort());
    await before.close();

    const after = await OxigraphStore.open({ dataDir: dir, logOnly: [LOG_ONLY] });
    try {
      expect(after.rebuildStats).toMatchObject({ graphs: 1, quads: 1 });
      expect(await anyGraph(after)).toEqual([RECORD]);
      expect((await after.readGraphs([REPORT])).map((q) => q.object.value)).toEqual(['report']);
    } finally {
      await after.close();
    }
  });

  it('refuses a SPARQL Update that names one, and changes nothing', async () => {
    const dir = tempDir();
    const store = await OxigraphStore.open({ dataDir: dir, logOnly: [LOG_ONLY] });
    try {
      await store.replaceGraph(REPORT, [triple('r', 'report')]);
      await expect(store.update(`DROP GRAPH <${REPORT}>`)).rejects.toMatchObject({ code: 'CAT_ERR_CONFLICT', statusCode: 409, message: expect.stringContaining(REPORT) });
      await expect(store.update(`INSERT DATA { GRAPH <${REPORT}> { <${EX}x> <${EX}p> "new" } }`)).rejects.toMatchObject({ code: 'CAT_ERR_CONFLICT' });
      expect((await store.readGraphs([REPORT])).map((q) => q.object.value)).toEqual(['report']);
      // Other graphs stay updatable.
      await store.update(`INSERT DATA { GRAPH <${RECORD}> { <${EX}x> <${EX}p> "new" } }`);
      expect(await anyGraph(store)).toEqual([RECORD]);
    } finally {
      await store.close();
    }
  });
});
