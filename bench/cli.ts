// **bench cli** times whole `sheaf` processes: the compiled CLI (bin/sheaf.js → dist/) beside the same commands run
// from source through the TypeScript loader, alternately, in one invocation.
//   npm run bench -- cli [--runs 5]
// Targets (compiled): `sheaf --help` ≤ 200 ms; `sheaf validate` of one EUCAIM record ≤ 1 s; `sheaf serve` answering
// /health ≤ 2 s on an empty data directory. Wall-clock times depend on what else the machine runs: the load average
// is printed before and after. Every run's outcome is checked (exit code, output, the health answer); a run that did
// not do what it should stops the benchmark rather than print a time for it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../scripts/build.js';
import { freePort } from '../test/free-port.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RECORD = path.join(ROOT, 'test/fixtures/records/eucaim-conformant.ttl');

/** The two ways to start sheaf: what users run, and the loader-based start it replaces. */
const STARTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['compiled', [path.join(ROOT, 'bin/sheaf.js')]],
  ['loader', ['--import', 'tsx', path.join(ROOT, 'src/cli.ts')]],
]);

interface Case {
  readonly name: string;
  readonly targetMs: number;
  /** One run: resolves to its wall time, or throws when the run did not do what the case measures. */
  run(start: readonly string[]): Promise<number>;
}

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function runToEnd(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Finished> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

const help: Case = {
  name: 'sheaf --help',
  targetMs: 200,
  async run(start) {
    const r = await runToEnd([...start, '--help']);
    if (r.code !== 0 || !r.stdout.includes('Usage: sheaf') || !r.stdout.includes('validate')) {
      throw new Error(`--help exited ${r.code} without the command list: ${r.stderr.slice(0, 300)}`);
    }
    return r.ms;
  },
};

const validate: Case = {
  name: 'sheaf validate (1 EUCAIM record)',
  targetMs: 1000,
  async run(start) {
    const r = await runToEnd([...start, 'validate', RECORD, '--profile', 'eucaim', '--format', 'json']);
    let report: { status?: string; quadCount?: number; profile?: string } = {};
    try {
      report = JSON.parse(r.stdout) as typeof report;
    } catch {
      // checked below
    }
    // The fixture conforms (warnings and infos only): anything else means the run validated something else.
    if (r.code !== 0 || report.profile !== 'eucaim' || !(report.quadCount! > 0) || report.status === 'non-conformant') {
      throw new Error(`validate exited ${r.code} with ${JSON.stringify(report).slice(0, 200)}: ${r.stderr.slice(0, 300)}`);
    }
    return r.ms;
  },
};

const serve: Case = {
  name: 'sheaf serve → /health (empty data dir)',
  targetMs: 2000,
  async run(start) {
    const data = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-cli-'));
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [...start, 'serve', '--port', String(port), '--data', data], {
      cwd: ROOT, env: { ...process.env, SHEAF_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let code: number | null | undefined;
    void exited.then((c) => (code = c));
    try {
      for (;;) {
        if (code !== undefined) throw new Error(`serve exited ${code} before answering /health: ${stderr.slice(0, 300)}`);
        if (performance.now() - started > 60_000) throw new Error('serve did not answer /health within 60 s');
        const answer = await fetch(`http://127.0.0.1:${port}/health`).then(async (res) => ({ ok: res.ok, body: await res.text() }), () => undefined);
        if (answer?.ok) {
          if (!answer.body.includes('"ok"')) throw new Error(`/health answered ${answer.body}`);
          return performance.now() - started;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000))]);
      if (stopped === 'timeout') child.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  },
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not "${values.runs}"`);
  // The compiled CLI must be today's code: dist/ is rebuilt when the sources changed since it was built.
  if (build()) console.log('dist/ was older than the sources: rebuilt before measuring');
  console.log(`bench cli: ${runs} runs each, alternating compiled and loader; ${cpus().length} cores, load average ${load()}`);
  const rows: string[][] = [];
  for (const c of [help, validate, serve]) {
    const times = new Map<string, number[]>([...STARTS.keys()].map((k) => [k, []]));
    // Alternating, so a change in the machine's load falls on both columns alike.
    for (let i = 0; i < runs; i++) for (const [name, start] of STARTS) times.get(name)!.push(await c.run(start));
    const compiled = times.get('compiled')!;
    const loader = times.get('loader')!;
    const m = median(compiled);
    rows.push([
      c.name, `≤ ${c.targetMs} ms`, `${Math.round(m)} ms (${Math.round(Math.min(...compiled))}–${Math.round(Math.max(...compiled))})`,
      `${Math.round(median(loader))} ms`, m <= c.targetMs ? 'met' : 'NOT met', load(),
    ]);
  }
  const header = ['case', 'target', 'compiled median (min–max)', 'loader median', 'target', 'load after'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
}
