// **differential** conformance: sheaf and Apache Jena (Debian) validate the same data against the same shapes; results compared.
//
// Suites: the official DCAT-AP 3.0.1 shapes on the HealthDCAT-AP sample catalogue and ckanext-dcat's DCAT examples;
// the W3C SHACL-SPARQL tests; DCAT-AP-ES 1.0.0 shapes on its examples. A result is compared by its key (focus node,
// path, constraint component, value, severity); every difference is printed, and the run fails on any difference
// that EXPLAINED below does not account for. Both validators get exactly the same N-Triples files: sheaf parses each
// input once, its blank nodes are named (urn:x-differential:bnode:…) so results on them can be matched, and a shape's
// extra sh:message values are dropped (Jena 4.5 refuses a shape with two; messages are not compared).
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
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

/**
 * A difference a reason accounts for: which suite and case, which side has the key (or refuses the input), what the
 * key looks like, and optionally a check on the data that the reason really applies to this key.
 */
interface Explained {
  readonly suite: string;
  readonly caseName?: RegExp;
  readonly only: 'sheaf' | 'jena' | 'sheaf-refuses' | 'both-refuse' | 'only-jena-reads';
  readonly key?: RegExp;
  readonly holds?: (key: string, data: readonly Quad[]) => boolean;
  readonly reason: string;
}

/** The key's focus node has no value at all for the key's path (a plain predicate path) in the data graph. */
function focusHasNoValue(key: string, data: readonly Quad[]): boolean {
  const [focus, path] = key.split(' | ');
  const predicate = /^<(.*)>$/.exec(path ?? '')?.[1];
  if (focus === undefined || predicate === undefined) return false;
  const subject = focus.startsWith('_:') ? `${BNODE}${focus.slice(2)}` : focus;
  return !data.some((q) => q.subject.value === subject && q.predicate.value === predicate);
}

// Every known difference, with its reason. Anything else fails the run.
const EXPLAINED: readonly Explained[] = [
  { suite: 'shacl-sparql', caseName: /^component\//, only: 'jena', reason: 'SPARQL-based constraint components (sh:ConstraintComponent with sh:validator) are not implemented by shacl-engine; Jena implements them' },
  { suite: 'shacl-sparql', caseName: /^pre-binding\/pre-binding-003$/, only: 'jena', reason: "shacl-engine pre-binds $this through Comunica's initial bindings, which do not reach a FILTER inside a nested group" },
  { suite: 'shacl-sparql', caseName: /^pre-binding\/shapesGraph-001$/, only: 'jena', reason: '$shapesGraph pre-binding is optional in SHACL; shacl-engine does not support it' },
  { suite: 'shacl-sparql', caseName: /^pre-binding\/(unsupported-sparql-00[1-6]|pre-binding-006)$/, only: 'sheaf-refuses',
    reason: 'the W3C suite expects these SPARQL-based shapes to be refused as ill-formed (sht:Failure: MINUS, VALUES, SERVICE, nested SELECT, BIND to a pre-bound variable); sheaf refuses them, Jena 4.5 runs them' },
  { suite: 'dcat-ap-es-1.0.0', only: 'sheaf', key: / \| SPARQLConstraintComponent \| /, holds: focusHasNoValue,
    reason: "a property shape's SPARQL constraint is run once per focus node (SHACL 1.0 §5.3: $PATH substituted, $this pre-bound), so DCAT-AP-ES's 'reference the DGA regulation' check reports a dataset without any dcatap:applicableLegislation; Jena 4.5 runs it once per value node, and a focus node without values gets no result" },
  { suite: 'dcat-ap-es-1.0.0', only: 'both-refuse', reason: 'the example is not well-formed RDF (a snippet, an undefined prefix, an IRI with a space): both parsers refuse it' },
  { suite: 'dcat-ap-es-1.0.0', only: 'only-jena-reads', holds: (text) => !/\.\s*$/.test(text.replace(/#[^\n<>"]*$/gm, '')),
    reason: "the document's last statement lacks its closing '.', which Turtle 1.1 requires ([6] statement ::= directive | triples '.'): sheaf's parser refuses it, Jena 4.5 reads to the end of the file" },
  { suite: 'dcat-ap-3.0.1', only: 'both-refuse', reason: 'the example is not well-formed RDF (an undefined prefix): both parsers refuse it' },
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

interface CaseOutcome {
  readonly lines: string[];
  agreed: number;
  explained: number;
  unexplained: number;
  compared: number;
}

/** `work` over `items` with at most `limit` running at once; results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

async function settle(work: () => Promise<Set<string>>): Promise<Outcome> {
  try {
    return { keys: await work() };
  } catch (error) {
    // A failed child process: its stderr's exception line says why (the message starts with the whole command line).
    const lines = String((error as { stderr?: unknown }).stderr ?? '').split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
    const stderr = lines.find((l) => /Exception|Error|ERROR/.test(l)) ?? lines.at(-1);
    return { error: (stderr ?? (error instanceof Error ? error.message : String(error)).split('\n')[0]!).slice(0, 300) };
  }
}

function explain(c: Case, only: Explained['only'], key?: string, data: readonly Quad[] = []): Explained | undefined {
  return EXPLAINED.find((e) => e.suite === c.suite && e.only === only && (e.caseName === undefined || e.caseName.test(c.name)) &&
    (e.key === undefined || (key !== undefined && e.key.test(key))) && (e.holds === undefined || (key !== undefined && e.holds(key, data))));
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
    const compiled = new Map<string, Promise<ShaclValidator>>();
    const validatorFor = (c: Case, shapes: readonly Quad[]): Promise<ShaclValidator> => {
      // The W3C cases are their own data graph; the DCAT-AP and DCAT-AP-ES cases share a few shapes sets.
      if (c.data === undefined) return ShaclValidator.compile({ shapes });
      const key = c.shapes.join('\n');
      if (!compiled.has(key)) compiled.set(key, ShaclValidator.compile({ shapes }));
      return compiled.get(key)!;
    };
    const runCase = async (c: Case, i: number): Promise<CaseOutcome> => {
      const out: CaseOutcome = { lines: [], agreed: 0, explained: 0, unexplained: 0, compared: 0 };
      const head = `${c.suite} ${c.name}`;
      const shapesFile = join(work, `shapes-${i}.nt`);
      const dataFile = join(work, `data-${i}.nt`);
      let prepared: { shapes: Quad[]; data: Quad[] };
      try {
        const shapes = oneMessage((await Promise.all(c.shapes.map(load))).flat());
        await writeNTriples(shapesFile, shapes);
        try {
          const data = c.data === undefined ? shapes : nameBlankNodes(await load(c.data));
          await writeNTriples(dataFile, data);
          prepared = { shapes, data };
        } catch (error) {
          // Jena reads the original file: a refusal by both is an agreement on ill-formed input.
          const why = (error as Error).message.split('\n')[0];
          const theirs = await settle(async () => oneFaultOnce(jenaKeys(await jena.validate({ shapesFile, dataFile: c.data! }))));
          const agreed = 'error' in theirs ? explain(c, 'both-refuse') : explain(c, 'only-jena-reads', await readFile(c.data!, 'utf8'));
          if (agreed !== undefined) out.explained++;
          else out.unexplained++;
          const jenaSays = 'error' in theirs ? `refuses (${theirs.error})` : `reads it: ${theirs.keys.size} results`;
          out.lines.push(`${agreed !== undefined ? 'EXPLAINED' : 'UNREAD'} ${head}: sheaf refuses (${why}); jena ${jenaSays}${agreed ? ` — ${agreed.reason}` : ''}`);
          return out;
        }
      } catch (error) {
        out.lines.push(`UNREAD ${head}: ${(error as Error).message.split('\n')[0]}`);
        out.unexplained++;
        return out;
      }
      const sheaf = await settle(async () => oneFaultOnce(jenaKeys((await (await validatorFor(c, prepared.shapes)).validate(prepared.data)).reportQuads())));
      const theirs = await settle(async () => oneFaultOnce(jenaKeys(await jena.validate({ shapesFile, dataFile }))));
      if ('error' in sheaf || 'error' in theirs) {
        const why = 'error' in sheaf && !('error' in theirs) ? explain(c, 'sheaf-refuses') : undefined;
        const line = `sheaf: ${'error' in sheaf ? `error ${sheaf.error}` : `${sheaf.keys.size} results`}; jena: ${'error' in theirs ? `error ${theirs.error}` : `${theirs.keys.size} results`}`;
        if (why !== undefined) {
          out.explained++;
          out.lines.push(`EXPLAINED ${head}: ${line} — ${why.reason}`);
        } else {
          out.unexplained++;
          out.lines.push(`DIFFER ${head}: ${line}`);
        }
        return out;
      }
      out.compared += theirs.keys.size;
      const sheafOnly = [...sheaf.keys].filter((k) => !theirs.keys.has(k));
      const jenaOnly = [...theirs.keys].filter((k) => !sheaf.keys.has(k));
      out.agreed += [...sheaf.keys].filter((k) => theirs.keys.has(k)).length;
      const lines: string[] = [];
      let unexplainedHere = 0;
      for (const [side, keys] of [['sheaf', sheafOnly], ['jena', jenaOnly]] as const) {
        for (const key of keys) {
          const why = explain(c, side, key, prepared.data);
          if (why !== undefined) out.explained++;
          else { out.unexplained++; unexplainedHere++; }
          lines.push(`  ${why ? 'explained' : 'UNEXPLAINED'} only in ${side}: ${key}${why ? ` — ${why.reason}` : ''}`);
        }
      }
      const verdict = lines.length === 0 ? 'SAME' : unexplainedHere === 0 ? 'EXPLAINED' : 'DIFFER';
      out.lines.push(`${verdict} ${head}: sheaf ${sheaf.keys.size}, jena ${theirs.keys.size} results`, ...lines);
      return out;
    };
    // Jena runs in a child process per case (a JVM start is most of its time): a few at once, printed in order.
    const outcomes = await inParallel(all, Math.max(1, Math.min(4, availableParallelism())), runCase);
    let agreed = 0;
    let explained = 0;
    let unexplained = 0;
    let compared = 0;
    for (const o of outcomes) {
      for (const l of o.lines) console.log(l);
      agreed += o.agreed;
      explained += o.explained;
      unexplained += o.unexplained;
      compared += o.compared;
    }
    console.log(`differential: ${all.length} cases, ${compared} Jena results compared, ${agreed} identical; ${explained} explained and ${unexplained} unexplained differences`);
    return unexplained > 0 ? 1 : 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export default runDifferential;
