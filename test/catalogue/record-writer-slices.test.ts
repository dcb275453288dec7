// RecordWriter.write stores a batch in slices with event-loop turns between them, each slice claim-first and its own unit of failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordIndex, UNWRITTEN } from '../../src/catalogue/record-index.js';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import type { RecordListener, StoredRecord } from '../../src/catalogue/record-listener.js';
import { type RecordChange, RecordWriteError, RecordWriter } from '../../src/catalogue/record-writer.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';

const iris = new RecordIris('http://sheaf.test');
let dir: string;
let store: OxigraphStore;
let state: StateDb;
let index: RecordIndex;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sheaf-writer-slices-'));
  store = await OxigraphStore.open({ dataDir: dir });
  state = openStateDb(dir);
  index = new RecordIndex({ db: state.db });
});
afterEach(async () => {
  state.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const change = (key: string): RecordChange => {
  const now = new Date().toISOString();
  // A record of some size (fifty keywords): a slice holds at least about a thousand triples.
  const keywords = Array.from({ length: 50 }, (_, i) => `"keyword ${i}"`).join(', ');
  const quads = new Parser().parse(`<https://d.example/${key}> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Dataset ${key}" ;
    <http://www.w3.org/ns/dcat#keyword> ${keywords} .`);
  return {
    existed: false, lastSeen: now, quads, report: [],
    record: { feedId: 'f1', key, datasetIri: `https://d.example/${key}`, hash: `hash-${key}`, pageUrl: 'urn:page', runId: 'r1',
      state: 'active', profile: 'dcat-ap', validation: 'conformant', firstSeen: now, lastChanged: now },
  };
};

/** A listener that costs `ms` of this thread per record, as search and quality rows do, and notes what it was told when. */
function costlyListener(ms: number, log: string[], fail?: string): RecordListener {
  return {
    recordsStored(records: readonly StoredRecord[]) {
      const until = performance.now() + ms * records.length;
      while (performance.now() < until) { /* the listener's work */ }
      if (fail !== undefined && records.some((r) => r.key === fail)) throw new Error(`cannot index ${fail}`);
      log.push(`stored ${records.map((r) => r.key).join(',')}`);
    },
    recordsWithdrawn() {},
  };
}

describe('RecordWriter.write in slices', () => {
  it('tells listeners slice by slice with event-loop turns between, so a timer set before the write fires before it ends', async () => {
    const log: string[] = [];
    const writer = new RecordWriter({ store, index, iris, listeners: [costlyListener(2, log)], sliceMs: 10 });
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    setTimeout(() => log.push('timer'), 0);
    await writer.write(keys.map(change));
    const told = log.filter((e) => e !== 'timer');
    // Written in one piece the listener would hear of all 60 at once, with no turn for the timer until the end.
    expect(told.length).toBeGreaterThan(3);
    expect(told.flatMap((e) => e.slice('stored '.length).split(','))).toEqual(keys);
    expect(log.indexOf('timer')).toBeGreaterThan(-1);
    expect(log.indexOf('timer')).toBeLessThan(log.length - 1);
    for (const key of keys) expect(index.get('f1', key)?.hash).toBe(`hash-${key}`);
    expect((await store.listGraphs({ prefix: iris.recordGraphPrefix('f1') })).length).toBe(60);
  });

  it('fails only the slice a listener refuses: the others are stored, the failed records keep their claimed rows', async () => {
    const log: string[] = [];
    const writer = new RecordWriter({ store, index, iris, listeners: [costlyListener(2, log, 'k30')], sliceMs: 10 });
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    const error = await writer.write(keys.map(change)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RecordWriteError);
    const failed = (error as RecordWriteError).failed.map((c) => c.record.key);
    expect(failed).toContain('k30');
    expect(failed.length).toBeLessThan(keys.length);
    for (const key of keys) {
      // A failed record's row stays claimed (its listener rows rolled back), so the next run writes it again.
      expect(index.get('f1', key)?.hash, key).toBe(failed.includes(key) ? UNWRITTEN : `hash-${key}`);
    }
  });
});
