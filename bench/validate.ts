// **bench validate** measures records/s of the EUCAIM profile (sheaf's path and rdf-validate-shacl side by side)
// the time to derive shapes from a synthetic 4,000-class ontology, and a new ontology version's impact analysis.
//   npm run bench -- validate [--records 2000] [--profile eucaim] [--classes 4000] [--workers N] [--impact-records 10000]
//   npm run bench -- validate --against-jena [--external ../shared/external] [--sizes 1000,3000,10000,20000] [--runs 3]
//     (sheaf beside Apache Jena on the same files: bench/validate-jena.ts)
// --impact-records N: stored records for the impact analysis (target: ≤ 30 s at 100000; 0 skips it). --records 0 skips the
// records/s part.
// --impact-seed-dir DIR: seed the N records once into DIR/N and run each analysis on a copy (seeding 100 k takes minutes).
// --impact-listeners: also tell what `sheaf serve` tells (search index and MQA quality per changed record, then the
//   search re-index of the documents holding a changed term), each timed; the records are seeded with them too.
// Single thread and the worker pool are both measured; wall-clock rates depend on what else the machine runs, so
// the load average and CPU time per record (all threads) are printed beside them.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { deriveShapes } from '../src/ontology/derive-shapes.js';
import { loadProfiles } from '../src/ontology/profile-composer.js';
import type { ProfileRegistry } from '../src/validate/profile-registry.js';
import { ShaclValidator } from '../src/validate/shacl-validator.js';
import { ValidatorPool } from '../src/validate/validator-pool.js';
import { benchImpact } from './validate-impact.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const FIXTURE = join(import.meta.dirname, '../test/fixtures/records/eucaim-conformant.ttl');

/** `n` distinct records: the conformant fixture with its IRIs renamed per record. */
function records(n: number): Quad[][] {
  const text = readFileSync(FIXTURE, 'utf8');
  return Array.from({ length: n }, (_, i) => new Parser().parse(text.replaceAll('https://records.example.org/', `https://records.example.org/r${i}/`)));
}

/** A tree of `n` classes (fan-out 4) with a restriction on every tenth and 40 value-set properties. */
function syntheticOntology(n: number): Quad[] {
  const E = 'http://example.org/synthetic#';
  const O = 'http://www.w3.org/2002/07/owl#';
  const R = 'http://www.w3.org/2000/01/rdf-schema#';
  const type = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  const out: Quad[] = [];
  for (let i = 0; i < n; i++) {
    const c = namedNode(`${E}C${i}`);
    out.push(quad(c, type, namedNode(`${O}Class`)), quad(c, namedNode(`${R}label`), literal(`class ${i}`)));
    if (i > 0) out.push(quad(c, namedNode(`${R}subClassOf`), namedNode(`${E}C${Math.floor((i - 1) / 4)}`)));
    if (i % 10 === 0 && i + 1 < n) {
      const r = blankNode();
      out.push(quad(c, namedNode(`${R}subClassOf`), r), quad(r, type, namedNode(`${O}Restriction`)),
        quad(r, namedNode(`${O}onProperty`), namedNode(`${E}p${i % 40}`)), quad(r, namedNode(`${O}someValuesFrom`), namedNode(`${E}C${i + 1}`)));
    }
  }
  for (let j = 0; j < 40; j++) {
    const p = namedNode(`${E}p${j}`);
    out.push(quad(p, type, namedNode(`${O}ObjectProperty`)), quad(p, namedNode(`${R}domain`), namedNode(`${E}C${j}`)),
      quad(p, namedNode('https://w3id.org/sheaf/ns#valuesUnder'), namedNode(`${E}C${1 + (j % 4)}`)));
  }
  return out;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** Wall ms and CPU ms (user + system, every thread of the process) of one piece of work. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const [result, ms] = await timed(work);
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);

/** Records/s single-threaded, in a pool, and through rdf-validate-shacl on the same records (`--records 0` skips it). */
async function throughput(n: number, o: { profile: string; workers: number; registry: ProfileRegistry; validator: ShaclValidator; shapes: Quad[] }): Promise<void> {
  const { registry, validator, shapes } = o;
  const batch = records(n);
  // Steady state, as in a harvest of thousands of records: the JIT warms on a few hundred first.
  for (const record of batch.slice(0, 500)) await validator.validate(record);
  const single = await measured(async () => {
    let v = 0;
    for (const record of batch) v += (await validator.validate(record)).counts.violations;
    return v;
  });
  // The records are the conformant EUCAIM fixture renamed: under its own profile a violation means the profile or the
  // records are not what this benchmark says it measures.
  if (o.profile === 'eucaim' && single.result !== 0) throw new Error(`refusing the figures: ${single.result} violations in ${n} records of the conformant EUCAIM fixture`);
  console.log(`sheaf single thread:  ${n} records in ${single.ms.toFixed(0)} ms = ${rate(n, single.ms)} records/s; ` +
    `CPU ${(single.cpuMs / n).toFixed(2)} ms/record (${single.result} violations; target ≥ 2000/s) [load ${load()}]`);

  const [pool, startMs] = await timed(() => ValidatorPool.start({ registry, size: o.workers }));
  try {
    // Warm-up: every worker compiles the profile and JIT-warms on a few hundred records before the clock starts.
    await Promise.all(batch.slice(0, 500 * pool.size).map((record) => pool.validate(o.profile, record)));
    const pooled = await measured(async () => {
      const outcomes = await Promise.all(batch.map((record) => pool.validate(o.profile, record)));
      return outcomes.reduce((v, o) => v + o.counts.violations, 0);
    });
    console.log(`sheaf pool (${pool.size} workers): ${n} records in ${pooled.ms.toFixed(0)} ms = ${rate(n, pooled.ms)} records/s; ` +
      `CPU ${(pooled.cpuMs / n).toFixed(2)} ms/record, all threads (${pooled.result} violations; pool started in ${startMs.toFixed(0)} ms) ` +
      `[load ${load()}]`);
    // The pool validates the same records with the same profile: another verdict means one of the two measured
    // something else (a worker on other shapes, records lost on the way), and neither figure can be trusted.
    if (pooled.result !== single.result) throw new Error(`refusing the figures: the pool found ${pooled.result} violations, the single thread ${single.result}`);
    console.log(`pool / single thread: ${(single.ms / pooled.ms).toFixed(2)}× records/s`);
  } finally {
    await pool.close();
  }

  // The same records and shapes through rdf-validate-shacl, for comparison (devDependency; its own factory).
  const { default: SHACLValidator } = await import('rdf-validate-shacl');
  const { default: env } = await import('@zazuko/env-node');
  const other = new SHACLValidator(env.dataset(shapes as never) as never, { factory: env as never });
  const [otherViolations, otherMs] = await timed(async () => {
    let v = 0;
    for (const record of batch) v += (await other.validate(env.dataset(record as never) as never)).results.length > 0 ? 1 : 0;
    return v;
  });
  console.log(`rdf-validate-shacl:   ${n} records in ${otherMs.toFixed(0)} ms = ${rate(n, otherMs)} records/s (${otherViolations} records with results) [load ${load()}]`);
}

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: {
    records: { type: 'string', default: '2000' }, profile: { type: 'string', default: 'eucaim' }, classes: { type: 'string', default: '4000' },
    workers: { type: 'string', default: String(availableParallelism()) }, 'impact-records': { type: 'string', default: '10000' },
    'impact-seed-dir': { type: 'string' }, 'impact-listeners': { type: 'boolean', default: false },
    'against-jena': { type: 'boolean', default: false }, external: { type: 'string' }, sizes: { type: 'string', default: '1000,3000,10000,20000' },
    runs: { type: 'string', default: '3' },
  } });
  if (values['against-jena']) {
    const { benchAgainstJena, externalDir } = await import('./validate-jena.js');
    await benchAgainstJena({ external: externalDir(values.external), sizes: values.sizes.split(',').map(Number), runs: Number(values.runs) });
    return;
  }
  const n = Number(values.records);
  const registry = await loadProfiles();
  const [shapes, composeMs] = await timed(() => registry.composeShapes(registry.get(values.profile)));
  const [validator, compileMs] = await timed(() => ShaclValidator.compile({ shapes }));
  console.log(`profile ${values.profile}: ${shapes.length} shape quads, composed+checked in ${composeMs.toFixed(0)} ms, compiled in ${compileMs.toFixed(0)} ms`);
  if (n > 0) await throughput(n, { profile: values.profile, workers: Number(values.workers), registry, validator, shapes });

  const ontology = syntheticOntology(Number(values.classes));
  const [derived, deriveMs] = await timed(() => deriveShapes(ontology));
  console.log(`derive: ${values.classes} classes (${ontology.length} quads) → ${derived.length} shape quads in ${deriveMs.toFixed(0)} ms (target ≤ 3000 ms)`);

  const impactRecords = Number(values['impact-records']);
  if (impactRecords > 0) {
    await benchImpact(impactRecords, { listeners: values['impact-listeners'], ...(values['impact-seed-dir'] !== undefined && { seedDir: values['impact-seed-dir'] }) });
  }
}
