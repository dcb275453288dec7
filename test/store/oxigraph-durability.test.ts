// OxigraphStore under kill -9: every write that returned is there after a restart, and no graph is a mix.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OxigraphStore } from '../../src/store/oxigraph.js';

const WRITER = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-durability-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('OxigraphStore durability', () => {
  it('keeps every acknowledged write after kill -9', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = -1;
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        buffer += d;
        const done = buffer.split('\n').slice(0, -1).filter((l) => /^\d+$/.test(l));
        if (done.length > 0) acknowledged = Number(done.at(-1));
        // Kill mid-stream, well after the start, without waiting for a quiet moment.
        if (acknowledged >= 1500) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('close', () => reject(new Error('writer stopped by itself')));
    });
    await new Promise((resolve) => child.once('close', resolve));

    const store = await OxigraphStore.open({ dataDir: dir });
    try {
      const versions = await store.select(
        'SELECT ?g (MIN(?v) AS ?min) (MAX(?v) AS ?max) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://durable.test/version> ?v } } GROUP BY ?g',
      );
      const byGraph = new Map(versions.rows.map((r) => [r.get('g')!.value, r]));
      for (let i = Math.max(0, acknowledged - 499); i <= acknowledged; i++) {
        if (i % 7 === 3) {
          expect(byGraph.has(`http://durable.test/update/${i}`)).toBe(true);
          continue;
        }
        const row = byGraph.get(`http://durable.test/graph/${i % 500}`);
        expect(row, `graph ${i % 500}`).toBeDefined();
        // The acknowledged version or a later one (written but not yet acknowledged), whole and unmixed.
        expect(row!.get('min')!.value).toBe(row!.get('max')!.value);
        expect(Number(row!.get('min')!.value)).toBeGreaterThanOrEqual(i);
        expect(row!.get('n')!.value).toBe('20');
      }
    } finally {
      await store.close();
    }
  }, 180_000);
});
