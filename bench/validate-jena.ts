// **benchAgainstJena** validates the same inputs with sheaf and Apache Jena (Debian) in one run, side by side.
//   npm run bench -- validate --against-jena [--external ../shared/external] [--sizes 1000,3000,10000,20000] [--runs 3]
// Three comparisons: in process, warm (sheaf's compiled validator; Jena's in a JVM harness, bench/jena/WarmShacl.java);
// the whole command on small files (`sheaf validate --raw --shapes` against `shacl validate`); and whole files of N
// synthetic DCAT datasets in one catalogue against the DCAT-AP 3.0.1 shapes, with wall time, CPU time and peak RSS
// of each process (GNU time). Both get the very same N-Triples files. Medians; the load average is printed beside.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { tripleLine } from '../src/core/nquads.js';
import { guessRdfFormat, parseRdf } from '../src/core/parse-rdf.js';
import { ShaclValidator } from '../src/validate/shacl-validator.js';
import { JenaShacl } from '../test/conformance/jena-shacl.js';
import { syntheticRecord } from './synthetic-dcat.js';

const run = promisify(execFile);
const { namedNode, quad } = DataFactory;
const ROOT = join(import.meta.dirname, '..');
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Measured {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

/** One process under GNU time: wall, user+system CPU and peak RSS. Output goes to /dev/null (a 20 k report is large). */
async function timed(command: string, args: readonly string[]): Promise<Measured> {
  const script = `/usr/bin/time -f '%e %U %S %M' -o /dev/stderr "$@" > /dev/null 2>/tmp/sheaf-bench-jena-stderr; cat /tmp/sheaf-bench-jena-stderr >&2`;
  const { stderr } = await run('bash', ['-c', script, 'bench', command, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 })
    .catch((error: { stderr?: string; code?: number }) => {
      // `sheaf validate` exits 1 when the data has violations: the measurement still stands.
      if (error.stderr !== undefined) return { stderr: error.stderr };
      throw error;
    });
  const line = stderr.trim().split('\n').at(-1)!;
  const [wall, user, system, rss] = line.split(' ').map(Number);
  if (![wall, user, system, rss].every((n) => Number.isFinite(n))) throw new Error(`${command}: no timing (${stderr.slice(-300)})`);
  return { wallMs: wall! * 1000, cpuMs: (user! + system!) * 1000, rssMb: rss! / 1024 };
}

async function toNTriples(files: readonly string[], out: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    quads.push(...await parseRdf(text, { format: guessRdfFormat(text, file), baseIri: `file://${file}` }));
  }
  await writeFile(out, quads.map(tripleLine).join(''));
  return quads;
}

/** A catalogue of `n` synthetic datasets (bench/synthetic-dcat.ts), as one N-Triples file. */
async function catalogueFile(n: number, out: string): Promise<void> {
  const catalogue = namedNode('https://bench.sheaf.example/catalogue');
  const lines = [tripleLine(quad(catalogue, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://www.w3.org/ns/dcat#Catalog')))];
  for (let i = 0; i < n; i++) {
    const record = syntheticRecord(i);
    lines.push(tripleLine(quad(catalogue, namedNode('http://www.w3.org/ns/dcat#dataset'), namedNode(record.dataset))));
    for (const q of record.quads) lines.push(tripleLine(quad(q.subject, q.predicate, q.object)));
  }
  await writeFile(out, lines.join(''));
}

const fmt = (m: Measured) => `${(m.wallMs / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s CPU, ${m.rssMb.toFixed(0)} MB peak`;

export async function benchAgainstJena(o: { external: string; sizes: readonly number[]; runs: number }): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'sheaf-bench-jena-'));
  try {
    const jena = await JenaShacl.setup(work);
    await run('javac', ['-cp', jena.classpath, '-d', work, join(import.meta.dirname, 'jena/WarmShacl.java')]);
    const shapesFile = join(work, 'dcat-ap-3.0.1.nt');
    const shapes = await toNTriples(['shapes.ttl', 'range.ttl'].map((f) => join(o.external, 'dcat-ap/3.0.1/html/shacl', f)), shapesFile);
    const small = [
      ['HealthDCAT-AP sample', join(o.external, 'healthdcat-ap/mvd-sample-catalog/health-catalog.ttl')],
      ['ckanext-dcat HealthDCAT-AP dataset', join(o.external, 'ckanext-dcat/examples/dcat/dataset_health.ttl')],
    ] as const;
    const sheaf = (data: string) => timed('node', [join(ROOT, 'bin/sheaf.js'), 'validate', '--raw', '--format', 'json', '--shapes', shapesFile, data]);
    const jenaCmd = (data: string) => timed('java', ['-cp', jena.classpath, 'shacl.shacl', 'validate', '--shapes', shapesFile, '--data', data]);
    console.log(`DCAT-AP 3.0.1 shapes (shapes.ttl + range.ttl): ${shapes.length} quads; medians of ${o.runs} [load ${load()}]`);

    // In process, warm.
    const validator = await ShaclValidator.compile({ shapes, mergeShapeDuplicates: false });
    for (const [name, file] of small) {
      const dataFile = join(work, `${name.replace(/\W+/g, '-')}.nt`);
      const data = await toNTriples([file], dataFile);
      const times: number[] = [];
      let results = 0;
      for (let i = 0; i < o.runs + 5; i++) {
        const start = performance.now();
        results = (await validator.validate(data)).results.length;
        if (i >= 5) times.push(performance.now() - start);
      }
      const { stdout } = await run('java', ['-cp', `${work}:${jena.classpath}`, 'WarmShacl', shapesFile, dataFile, String(o.runs + 5)]);
      const jenaRuns = stdout.trim().split('\n').map((l) => l.split(' ').map(Number));
      const jenaMs = median(jenaRuns.slice(5).map((r) => r[0]!));
      const sheafMs = median(times);
      console.log(`warm, ${name} (${data.length} quads): sheaf ${sheafMs.toFixed(0)} ms (${results} results), Jena ${jenaMs.toFixed(0)} ms ` +
        `(${jenaRuns.at(-1)![1]} results); sheaf/Jena ${(sheafMs / jenaMs).toFixed(2)}× [load ${load()}]`);

      // The whole command.
      const s: Measured[] = [];
      const j: Measured[] = [];
      for (let i = 0; i < o.runs; i++) {
        s.push(await sheaf(dataFile));
        j.push(await jenaCmd(dataFile));
      }
      const sw = median(s.map((m) => m.wallMs));
      const jw = median(j.map((m) => m.wallMs));
      console.log(`command, ${name}: sheaf ${(sw / 1000).toFixed(2)} s, Jena ${(jw / 1000).toFixed(2)} s; sheaf/Jena ${(sw / jw).toFixed(2)}× [load ${load()}]`);
    }

    // Whole files, growing.
    for (const n of o.sizes) {
      const dataFile = join(work, `catalogue-${n}.nt`);
      await catalogueFile(n, dataFile);
      const runs = n >= 10_000 ? Math.min(o.runs, 3) : o.runs;
      const s: Measured[] = [];
      const j: Measured[] = [];
      for (let i = 0; i < runs; i++) {
        s.push(await sheaf(dataFile));
        j.push(await jenaCmd(dataFile));
      }
      const pick = (ms: Measured[]) => ms.find((m) => m.wallMs === median(ms.map((x) => x.wallMs)))!;
      const [sm, jm] = [pick(s), pick(j)];
      console.log(`file, ${n} datasets: sheaf ${fmt(sm)}; Jena ${fmt(jm)}; sheaf/Jena ${(sm.wallMs / jm.wallMs).toFixed(2)}× wall [load ${load()}]`);
      await rm(dataFile);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `--external` relative to the working directory, as the conformance script takes it. */
export const externalDir = (given: string | undefined): string => resolve(given ?? '../shared/external');
