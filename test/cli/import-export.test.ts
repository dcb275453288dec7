// `sheaf import` / `sheaf export` as real processes on a real data directory, including kill -9 mid-import.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticRecord } from '../../bench/synthetic-dcat.js';
import { quadLine } from '../../src/core/nquads.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { STATE_GRAPH } from '../../src/store/state-backup.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('../store/durability-writer.ts', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sheaf(args: string[]): ChildProcess & { output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/sheaf.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(child, { output });
}

// Blank node labels are not kept across a store; compare everything else exactly (the graphs: the state a
// backup carries beside them is compared in backup-restore.test.ts).
const normalise = (nq: string): string[] =>
  nq.split('\n').filter((l) => l && !l.endsWith(`<${STATE_GRAPH}> .`)).map((l) => l.replace(/_:[A-Za-z0-9_.-]+/g, '_:b')).sort();

const SAMPLE = `<http://ex.test/a> <http://ex.test/p> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex.test/g/1> .
<http://ex.test/a> <http://ex.test/p> "2024-01-01T00:00:00.000+00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> <http://ex.test/g/1> .
_:x <http://ex.test/p> "zwei"@de <http://ex.test/g/1> .
_:x <http://ex.test/p> "日本語 \\"q\\" \\n" <http://ex.test/g/2> .
<http://ex.test/b> <http://ex.test/p> <http://ex.test/a> <http://ex.test/g/2> .
`;

describe('sheaf import / export', () => {
  it('round-trips N-Quads through import → export, literals exactly as given', async () => {
    const file = path.join(tmp, 'sample.nq');
    fs.writeFileSync(file, SAMPLE);
    const data = path.join(tmp, 'round-trip');
    const imported = await sheaf(['import', file, '--data', data]).output;
    expect(imported.stderr).toContain('5 quads in 2 graphs');
    expect(imported.code).toBe(0);
    const exported = await sheaf(['export', '--data', data]).output;
    expect(exported.code).toBe(0);
    expect(normalise(exported.stdout)).toEqual(normalise(SAMPLE));
    const trig = path.join(tmp, 'sample.trig');
    expect((await sheaf(['export', '--data', data, '--format', 'trig', '-o', trig]).output).code).toBe(0);
    const again = path.join(tmp, 'from-trig');
    expect((await sheaf(['import', trig, '--data', again]).output).code).toBe(0);
    expect(normalise((await sheaf(['export', '--data', again]).output).stdout)).toEqual(normalise(SAMPLE));
    // Five CLI start-ups in a row: slow on a busy two-core machine.
  }, 300_000);

  it('reports malformed input with a message and a non-zero exit', async () => {
    const file = path.join(tmp, 'bad.nq');
    fs.writeFileSync(file, '<http://ex.test/a> <http://ex.test/p> "unterminated <http://ex.test/g> .\n');
    const result = await sheaf(['import', file, '--data', path.join(tmp, 'bad')]).output;
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^sheaf: Malformed RDF: .*bad\.nq/m);
  }, 120_000);

  it('leaves only whole graphs after kill -9 mid-import', async () => {
    const datasets = 20_000;
    const file = path.join(tmp, 'synthetic.nq');
    const out = fs.createWriteStream(file);
    for (let i = 0; i < datasets; i++) {
      let text = '';
      for (const q of syntheticRecord(i).quads) text += quadLine(q);
      if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));

    const data = path.join(tmp, 'killed');
    const child = sheaf(['import', file, '--data', data]);
    let committed = 0;
    let batches = 0;
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        for (const m of String(d).matchAll(/(\d+) graphs committed/g)) {
          committed = Math.max(committed, Number(m[1]));
          batches++;
        }
        if (batches >= 3) resolve();
      });
      child.on('close', () => reject(new Error('import finished before it could be killed')));
    });

    child.kill('SIGKILL');
    await child.output;

    const store = await OxigraphStore.open({ dataDir: data });
    try {
      const graphs = await store.listGraphs();
      // Every batch reported committed is there; the import did not finish.
      expect(graphs.length).toBeGreaterThanOrEqual(committed);
      expect(graphs.length).toBeLessThan(datasets);
      const sizes = await store.select('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g');
      expect(sizes.rows).toHaveLength(graphs.length);
      const partial = sizes.rows.filter((row) => row.get('n')?.value !== '36');
      expect(partial).toEqual([]);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('locks out a second writing process, but lets export read meanwhile', async () => {
    const data = path.join(tmp, 'busy');
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, data], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        writer.stdout.on('data', (d: Buffer) => {
          seen += d;
          if (/^\d+$/m.test(seen)) resolve();
        });
        writer.on('close', () => reject(new Error('writer stopped')));
      });
      const file = path.join(tmp, 'busy.nq');
      fs.writeFileSync(file, SAMPLE);
      const [imported, exported] = await Promise.all([
        sheaf(['import', file, '--data', data]).output,
        sheaf(['export', '--data', data]).output,
      ]);
      expect(imported.code).not.toBe(0);
      expect(imported.stderr).toContain('in use by another sheaf process');
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('<http://durable.test/version>');
    } finally {
      writer.kill('SIGKILL');
    }
  }, 180_000);
});
