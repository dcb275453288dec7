// **differential** conformance: sheaf and Apache Jena (Debian) validate the same data against the same shapes; results compared.
//
// Suites: the official DCAT-AP 3.0.1 shapes on the HealthDCAT-AP sample catalogue and ckanext-dcat's DCAT examples;
// the W3C SHACL-SPARQL tests; DCAT-AP-ES 1.0.0 shapes on its examples. A result is compared by its key (focus node,
// path, constraint component, value, severity); every difference is printed, and the run fails on any difference
// that EXPLAINED below does not account for. Both validators get exactly the same N-Triples files: sheaf parses each
// input once, its blank nodes are named (urn:x-differential:bnode:…) so results on them can be matched, and a shape's
// extra sh:message values are dropped (Jena 4.5 refuses a shape with two; messages are not compared).
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory, Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { guessRdfFormat, parseRdf } from '../../src/core/parse-rdf.js';
import { NS } from '../../src/core/namespaces.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { termText } from '../../src/validate/summarise-report.js';
import { JenaShacl } from './jena-shacl.js';

interface Case {
  readonly suite: string;
  readonly name: string;
  readonly shapes: readonly string[];
  /** The data file; undefined when the shapes file is its own data graph (the W3C tests). */
  readonly data: string | undefined;
}

/** A difference a reason accounts for: which suite and case, which side has the key, what the key looks like. */
interface Explained {
  readonly suite: string;
  readonly caseName?: RegExp;
  readonly only: 'sheaf' | 'jena' | 'sheaf-refuses';
  readonly key?: RegExp;
  readonly reason: string;
}

// Every known difference, with its reason. Anything else fails the run.
const EXPLAINED: readonly Explained[] = [
  { suite: 'shacl-sparql', caseName: /^component\//, only: 'jena', reason: 'SPARQL-based constraint components (sh:ConstraintComponent with sh:validator) are not implemented by shacl-engine; Jena implements them' },
  { suite: 'shacl-sparql', caseName: /^pre-binding\/pre-binding-003$/, only: 'jena', reason: "shacl-engine pre-binds $this through Comunica's initial bindings, which do not reach a FILTER inside a nested group" },
  { suite: 'shacl-sparql', caseName: /^pre-binding\/shapesGraph-001$/, only: 'jena', reason: '$shapesGraph pre-binding is optional in SHACL; shacl-engine does not support it' },
  { suite: 'shacl-sparql', caseName: /^pre-binding\/(unsupported-sparql-00[1-6]|pre-binding-006)$/, only: 'sheaf-refuses',
    reason: 'the W3C suite expects these SPARQL-based shapes to be refused as ill-formed (sht:Failure: MINUS, VALUES, SERVICE, nested SELECT, BIND to a pre-bound variable); sheaf refuses them, Jena 4.5 runs them' },
];

const SH = NS.sh;
const BNODE = 'urn:x-differential:bnode:';
const { namedNode, quad } = DataFactory;

// ---- inputs -----------------------------------------------------------------------------------------------------------

async function load(file: string): Promise<Quad[]> {
  const text = await readFile(file, 'utf8');
  return parseRdf(text, { format: guessRdfFormat(text, file), baseIri: pathToFileURL(file).href });
}

/** Names the data graph's blank nodes, so both validators report the same terms for them. */
function nameBlankNodes(quads: readonly Quad[]): Quad[] {
  const name = (t: Term) => (t.termType === 'BlankNode' ? namedNode(`${BNODE}${t.value}`) : t);
  return quads.map((q) => quad(name(q.subject) as Quad['subject'], q.predicate, name(q.object) as Quad['object'], q.graph));
}

/** Keeps one sh:message per node (English first): Jena 4.5 refuses a shape with two. */
function oneMessage(quads: readonly Quad[]): Quad[] {
  const chosen = new Map<string, Quad>();
  for (const q of quads) {
    if (q.predicate.value !== `${SH}message`) continue;
    const k = `${q.subject.termType}:${q.subject.value}`;
    const lang = (q.object as { language?: string }).language ?? '';
    if (!chosen.has(k) || lang === 'en') chosen.set(k, q);
  }
  return quads.filter((q) => q.predicate.value !== `${SH}message` || chosen.get(`${q.subject.termType}:${q.subject.value}`) === q);
}

async function writeNTriples(file: string, quads: readonly Quad[]): Promise<void> {
  const writer = new Writer({ format: 'N-Triples' });
  writer.addQuads(quads.map((q) => quad(q.subject, q.predicate, q.object)));
  await writeFile(file, await new Promise<string>((ok, fail) => writer.end((e, text) => (e ? fail(e) : ok(text)))));
}

// ---- result keys --------------------------------------------------------------------------------------------------------

const show = (t: Term) => (t.termType === 'BlankNode' ? '_' : t.value.startsWith(BNODE) ? `_:${t.value.slice(BNODE.length)}` : termText(t));

const objects = (quads: readonly Quad[], s: Term, p: string) => quads.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);

function list(quads: readonly Quad[], head: Term): Term[] {
  const items: Term[] = [];
  for (let node = head; node.value !== `${NS.rdf}nil` && items.length < 100;) {
    items.push(objects(quads, node, `${NS.rdf}first`)[0]!);
    node = objects(quads, node, `${NS.rdf}rest`)[0]!;
  }
  return items;
}

/** A SHACL path in the SPARQL property-path syntax sheaf's reports use. */
function pathOf(quads: readonly Quad[], t: Term): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  const one = (p: string) => objects(quads, t, SH + p)[0];
  const inverse = one('inversePath');
  if (inverse !== undefined) return `^${pathOf(quads, inverse)}`;
  const alternative = one('alternativePath');
  if (alternative !== undefined) return `(${list(quads, alternative).map((x) => pathOf(quads, x)).join('|')})`;
  for (const [p, q] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
    const inner = one(p);
    if (inner !== undefined) return `${pathOf(quads, inner)}${q}`;
  }
  if (objects(quads, t, `${NS.rdf}first`).length > 0) return list(quads, t).map((x) => pathOf(quads, x)).join('/');
  return '_';
}

interface Key {
  readonly fault: string;
  readonly severity: string;
}

const local = (iri: string) => iri.replace(/^.*[#/]/, '');

function jenaKeys(report: readonly Quad[]): Key[] {
  return report.filter((q) => q.predicate.value === `${SH}result`).map(({ object: r }) => {
    const path = objects(report, r, `${SH}resultPath`)[0];
    const value = objects(report, r, `${SH}value`)[0];
    return {
      fault: [show(objects(report, r, `${SH}focusNode`)[0]!), path === undefined ? '' : pathOf(report, path),
        local(objects(report, r, `${SH}sourceConstraintComponent`)[0]!.value), value === undefined ? '' : show(value)].join(' | '),
      severity: local(objects(report, r, `${SH}resultSeverity`)[0]!.value),
    };
  });
}

async function sheafKeys(shapes: readonly Quad[], data: readonly Quad[]): Promise<Key[]> {
  const outcome = await (await ShaclValidator.compile({ shapes })).validate(data);
  const report = outcome.reportQuads();
  return jenaKeys(report);
}

const RANK: Record<string, number> = { Info: 0, Warning: 1 };

/** One key per fault at its most severe, as sheaf reports (SHACL processors may report a fault once per shape). */
function oneFaultOnce(keys: readonly Key[]): Set<string> {
  const best = new Map<string, string>();
  for (const k of keys) {
    const seen = best.get(k.fault);
    if (seen === undefined || (RANK[k.severity] ?? 2) > (RANK[seen] ?? 2)) best.set(k.fault, k.severity);
  }
  return new Set([...best].map(([fault, severity]) => `${fault} | ${severity}`));
}

// ---- cases --------------------------------------------------------------------------------------------------------------

async function files(dir: string, pattern: RegExp): Promise<string[]> {
  return (await readdir(dir)).filter((f) => pattern.test(f)).sort().map((f) => join(dir, f));
}

async function cases(external: string): Promise<Case[]> {
  const all: Case[] = [];
  const dcatAp = ['shapes.ttl', 'range.ttl'].map((f) => join(external, 'dcat-ap/3.0.1/html/shacl', f));
  const dcatData = [join(external, 'healthdcat-ap/mvd-sample-catalog/health-catalog.ttl'),
    ...await files(join(external, 'ckanext-dcat/examples/dcat'), /\.(ttl|rdf|jsonld)$/)];
  for (const data of dcatData) all.push({ suite: 'dcat-ap-3.0.1', name: data.slice(external.length + 1), shapes: dcatAp, data });
  const sparqlRoot = join(external, 'shacl-test-suite/tests/sparql');
  for (const dir of ['component', 'node', 'pre-binding', 'property']) {
    for (const f of await files(join(sparqlRoot, dir), /^(?!manifest).*\.ttl$/)) {
      all.push({ suite: 'shacl-sparql', name: `${dir}/${f.replace(/^.*\//, '').replace(/\.ttl$/, '')}`, shapes: [f], data: undefined });
    }
  }
  const es = join(external, 'dcat-ap-es');
  const esShapes = await files(join(es, 'shacl/1.0.0'), /^shacl_.*\.ttl$/);
  for (const data of await files(join(es, 'examples/ttl'), /\.ttl$/)) {
    all.push({ suite: 'dcat-ap-es-1.0.0', name: data.replace(/^.*\//, ''), shapes: esShapes, data });
  }
  return all;
}

// ---- running ------------------------------------------------------------------------------------------------------------

type Outcome = { keys: Set<string> } | { error: string };

async function settle(work: () => Promise<Set<string>>): Promise<Outcome> {
  try {
    return { keys: await work() };
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300) };
  }
}

function explain(c: Case, only: Explained['only'], key?: string): Explained | undefined {
  return EXPLAINED.find((e) => e.suite === c.suite && e.only === only && (e.caseName === undefined || e.caseName.test(c.name)) &&
    (e.key === undefined || (key !== undefined && e.key.test(key))));
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs the suite; args: `--external DIR` (required), `--only SUITE`. Returns the exit code. */
export async function runDifferential(args: readonly string[]): Promise<number> {
  const external = option(args, '--external');
  if (external === undefined) {
    console.error('differential: --external DIR (the shared external material) is required');
    return 2;
  }
  const root = resolve(external);
  const work = await mkdtemp(join(tmpdir(), 'sheaf-differential-'));
  try {
    const jena = await JenaShacl.setup(work);
    const only = option(args, '--only');
    const all = (await cases(root)).filter((c) => only === undefined || c.suite === only);
    let agreed = 0;
    let explained = 0;
    let unexplained = 0;
    let compared = 0;
    for (const [i, c] of all.entries()) {
      const shapesFile = join(work, `shapes-${i}.nt`);
      const dataFile = join(work, `data-${i}.nt`);
      let prepared: { shapes: Quad[]; data: Quad[] };
      try {
        const shapes = oneMessage((await Promise.all(c.shapes.map(load))).flat());
        const data = c.data === undefined ? shapes : nameBlankNodes(await load(c.data));
        await writeNTriples(shapesFile, shapes);
        await writeNTriples(dataFile, data);
        prepared = { shapes, data };
      } catch (error) {
        console.log(`UNREAD ${c.suite} ${c.name}: ${(error as Error).message.split('\n')[0]}`);
        unexplained++;
        continue;
      }
      const sheaf = await settle(async () => oneFaultOnce(await sheafKeys(prepared.shapes, prepared.data)));
      const theirs = await settle(async () => oneFaultOnce(jenaKeys(await jena.validate({ shapesFile, dataFile }))));
      const head = `${c.suite} ${c.name}`;
      if ('error' in sheaf || 'error' in theirs) {
        const why = 'error' in sheaf && !('error' in theirs) ? explain(c, 'sheaf-refuses') : undefined;
        const line = `sheaf: ${'error' in sheaf ? `error ${sheaf.error}` : `${sheaf.keys.size} results`}; jena: ${'error' in theirs ? `error ${theirs.error}` : `${theirs.keys.size} results`}`;
        if (why !== undefined) {
          explained++;
          console.log(`EXPLAINED ${head}: ${line} — ${why.reason}`);
        } else {
          unexplained++;
          console.log(`DIFFER ${head}: ${line}`);
        }
        continue;
      }
      compared += theirs.keys.size;
      const sheafOnly = [...sheaf.keys].filter((k) => !theirs.keys.has(k));
      const jenaOnly = [...theirs.keys].filter((k) => !sheaf.keys.has(k));
      agreed += [...sheaf.keys].filter((k) => theirs.keys.has(k)).length;
      const lines: string[] = [];
      for (const [side, keys] of [['sheaf', sheafOnly], ['jena', jenaOnly]] as const) {
        for (const key of keys) {
          const why = explain(c, side, key);
          if (why !== undefined) explained++;
          else unexplained++;
          lines.push(`  ${why ? 'explained' : 'UNEXPLAINED'} only in ${side}: ${key}${why ? ` — ${why.reason}` : ''}`);
        }
      }
      console.log(`${lines.length === 0 ? 'SAME' : 'DIFFER'} ${head}: sheaf ${sheaf.keys.size}, jena ${theirs.keys.size} results`);
      for (const l of lines) console.log(l);
    }
    console.log(`differential: ${all.length} cases, ${compared} Jena results compared, ${agreed} identical; ${explained} explained and ${unexplained} unexplained differences`);
    return unexplained > 0 ? 1 : 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export default runDifferential;
