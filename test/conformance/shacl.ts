// **shacl** conformance: the W3C SHACL test suite (core, then SPARQL) through sheaf's own validation path, with EARL.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { Writer, DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { NS } from '../../src/core/namespaces.js';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const SHT = 'http://www.w3.org/ns/shacl-test#';
const EARL = 'http://www.w3.org/ns/earl#';
const RDF_TYPE = `${NS.rdf}type`;

interface TestCase {
  readonly id: string;
  readonly label: string;
  readonly suite: 'core' | 'sparql';
  readonly dataFile: string;
  readonly shapesFile: string;
  readonly expectFailure: boolean;
  readonly expected: readonly Quad[];
  readonly expectedRoot: Term | undefined;
}

type Outcome = { readonly id: string; readonly passed: boolean; readonly detail: string; readonly suite: string };

// ---- loading the manifests ----------------------------------------------------------------------------------------

async function loadFile(file: string): Promise<Quad[]> {
  return parseRdf(await readFile(file, 'utf8'), { format: 'turtle', baseIri: pathToFileURL(file).href });
}

const objects = (quads: readonly Quad[], s: Term, p: string) =>
  quads.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);

function list(quads: readonly Quad[], head: Term): Term[] {
  const items: Term[] = [];
  for (let node = head; node.value !== `${NS.rdf}nil`; ) {
    items.push(objects(quads, node, `${NS.rdf}first`)[0]!);
    node = objects(quads, node, `${NS.rdf}rest`)[0]!;
  }
  return items;
}

async function collect(manifest: string, suite: 'core' | 'sparql', root: string, into: TestCase[]): Promise<void> {
  const quads = await loadFile(manifest);
  const self = DataFactory.namedNode(pathToFileURL(manifest).href);
  for (const inc of objects(quads, self, `${MF}include`)) await collect(fileURLToPath(inc.value), suite, root, into);
  for (const head of objects(quads, self, `${MF}entries`)) {
    for (const entry of list(quads, head)) {
      const action = objects(quads, entry, `${MF}action`)[0]!;
      const result = objects(quads, entry, `${MF}result`)[0]!;
      const file = fileURLToPath(entry.value.split('#')[0]!);
      const rel = file.slice(root.length).replace(/\.ttl$/, '');
      into.push({
        id: `urn:x-shacl-test:${rel.replace(/\/[^/]+$/, '')}/${entry.value.split('/').pop()}`,
        label: objects(quads, entry, `${NS.rdfs}label`)[0]?.value ?? '',
        suite,
        dataFile: fileURLToPath(objects(quads, action, `${SHT}dataGraph`)[0]!.value),
        shapesFile: fileURLToPath(objects(quads, action, `${SHT}shapesGraph`)[0]!.value),
        expectFailure: result.value === `${SHT}Failure`,
        expected: quads,
        expectedRoot: result.termType === 'BlankNode' ? result : undefined,
      });
    }
  }
}

// ---- comparing reports ----------------------------------------------------------------------------------------------

// A result is compared on the fields the suite's rules name; blank nodes are compared by structure (paths) or as
// "some blank node" (focus nodes, shapes), and messages are ignored, as the suite's README prescribes.
const COMPARED = ['focusNode', 'resultPath', 'value', 'resultSeverity', 'sourceConstraintComponent', 'sourceShape'];

function describe(quads: readonly Quad[], term: Term, depth = 0): string {
  if (term.termType !== 'BlankNode') return term.termType === 'Literal' ? JSON.stringify(term) : `<${term.value}>`;
  if (depth > 4) return '_';
  const first = objects(quads, term, `${NS.rdf}first`);
  if (first.length > 0) return `(${list(quads, term).map((t) => describe(quads, t, depth + 1)).join(' ')})`;
  const props = quads
    .filter((q) => q.subject.equals(term) && q.predicate.value.startsWith(NS.sh) && q.predicate.value.endsWith('Path'))
    .map((q) => `${q.predicate.value.slice(NS.sh.length)}:${describe(quads, q.object, depth + 1)}`);
  return props.length > 0 ? `[${props.sort().join(';')}]` : '_';
}

function resultKeys(quads: readonly Quad[], report: Term): string[] {
  return objects(quads, report, `${NS.sh}result`)
    .map((r) => COMPARED.map((f) => objects(quads, r, NS.sh + f).map((o) => describe(quads, o)).sort().join(',')).join(' | '))
    .sort();
}

function conformsOf(quads: readonly Quad[], report: Term): boolean {
  return objects(quads, report, `${NS.sh}conforms`)[0]?.value === 'true';
}

async function runCase(test: TestCase): Promise<Outcome> {
  const base = { id: test.id, suite: test.suite };
  let actualQuads: Quad[];
  try {
    const shapes = await loadFile(test.shapesFile);
    const data = test.dataFile === test.shapesFile ? shapes : await loadFile(test.dataFile);
    const validator = await ShaclValidator.compile({ shapes, sparql: test.suite === 'sparql', mergeShapeDuplicates: false });
    const outcome = await validator.validate(data);
    actualQuads = outcome.reportQuads();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, passed: test.expectFailure, detail: `processor failed: ${message}` };
  }
  if (test.expectFailure) return { ...base, passed: false, detail: 'expected a failure (ill-formed shapes), got a report' };
  const report = actualQuads.find((q) => q.predicate.value === RDF_TYPE && q.object.value === `${NS.sh}ValidationReport`)!.subject;
  const expectedRoot = test.expectedRoot!;
  if (conformsOf(actualQuads, report) !== conformsOf(test.expected, expectedRoot)) {
    return { ...base, passed: false, detail: `sh:conforms differs (got ${conformsOf(actualQuads, report)})` };
  }
  const got = resultKeys(actualQuads, report);
  const want = resultKeys(test.expected, expectedRoot);
  const missing = want.filter((k) => !got.includes(k));
  const extra = got.filter((k) => !want.includes(k));
  if (got.length !== want.length || missing.length > 0 || extra.length > 0) {
    return { ...base, passed: false, detail: `results differ: ${got.length} vs ${want.length}; missing ${missing.join(' ; ')}; extra ${extra.join(' ; ')}` };
  }
  return { ...base, passed: true, detail: `${got.length} results match` };
}

// ---- EARL -----------------------------------------------------------------------------------------------------------

function earl(outcomes: readonly Outcome[]): string {
  const { namedNode, literal, blankNode, quad } = DataFactory;
  const writer = new Writer({ prefixes: { earl: EARL, dct: NS.dct } });
  const subject = namedNode('https://w3id.org/sheaf#validator');
  const date = literal(new Date().toISOString(), namedNode(`${NS.xsd}dateTime`));
  writer.addQuad(quad(subject, namedNode(RDF_TYPE), namedNode(`${EARL}TestSubject`)));
  writer.addQuad(quad(subject, namedNode(`${NS.dct}title`), literal('sheaf validation path (shacl-engine)')));
  for (const o of outcomes) {
    const a = blankNode();
    const r = blankNode();
    writer.addQuad(quad(a, namedNode(RDF_TYPE), namedNode(`${EARL}Assertion`)));
    writer.addQuad(quad(a, namedNode(`${EARL}assertedBy`), subject));
    writer.addQuad(quad(a, namedNode(`${EARL}subject`), subject));
    writer.addQuad(quad(a, namedNode(`${EARL}test`), namedNode(o.id)));
    writer.addQuad(quad(a, namedNode(`${EARL}result`), r));
    writer.addQuad(quad(r, namedNode(RDF_TYPE), namedNode(`${EARL}TestResult`)));
    writer.addQuad(quad(r, namedNode(`${EARL}outcome`), namedNode(`${EARL}${o.passed ? 'passed' : 'failed'}`)));
    writer.addQuad(quad(r, namedNode(`${NS.dct}date`), date));
    writer.addQuad(quad(r, namedNode(`${NS.dct}description`), literal(o.detail)));
  }
  let out = '';
  writer.end((error, text) => {
    if (error) throw error;
    out = text;
  });
  return out;
}

// Why a SPARQL-based test fails, by the feature it exercises; shacl-engine 1.1.2 implements sh:sparql constraints and
// SPARQL targets only.
function explainSparqlGap(id: string): string {
  if (id.includes('/component/')) return 'SPARQL-based constraint components (sh:ConstraintComponent + sh:validator) are not implemented by shacl-engine';
  if (id.includes('shapesGraph')) return '$shapesGraph pre-binding is optional in SHACL and not supported by shacl-engine';
  if (id.includes('pre-binding-003')) {
    return "shacl-engine pre-binds $this through Comunica's initial bindings, which do not reach a FILTER inside a nested group";
  }
  return 'a pre-binding case shacl-engine does not support';
}

// ---- entry point ----------------------------------------------------------------------------------------------------

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs the suite; args: `--external DIR` (required), `--earl FILE`, `--core-only`. Returns the exit code. */
export async function runShaclConformance(args: readonly string[]): Promise<number> {
  const external = option(args, '--external');
  if (external === undefined) {
    console.error('shacl: --external DIR (the folder holding shacl-test-suite/) is required');
    return 2;
  }
  const root = join(resolve(external), 'shacl-test-suite', 'tests');
  const tests: TestCase[] = [];
  await collect(join(root, 'core', 'manifest.ttl'), 'core', root, tests);
  if (!args.includes('--core-only')) await collect(join(root, 'sparql', 'manifest.ttl'), 'sparql', root, tests);

  const outcomes: Outcome[] = [];
  for (const test of tests) {
    const outcome = await runCase(test);
    outcomes.push(outcome);
    console.log(`${outcome.passed ? 'PASS' : 'FAIL'} ${outcome.id}${outcome.passed ? '' : ` — ${outcome.detail}`}`);
  }
  const earlFile = option(args, '--earl') ?? join(tmpdir(), 'sheaf-conformance', 'shacl-earl.ttl');
  await mkdir(dirname(earlFile), { recursive: true });
  await writeFile(earlFile, earl(outcomes));

  const tally = (suite: string) => {
    const of = outcomes.filter((o) => o.suite === suite);
    return { passed: of.filter((o) => o.passed).length, failed: of.filter((o) => !o.passed).length };
  };
  const core = tally('core');
  const sparql = tally('sparql');
  console.log(`EARL report: ${earlFile}`);
  if (sparql.passed + sparql.failed > 0) {
    console.log(`SPARQL-based (informative, not counted below): ${sparql.passed} of ${sparql.passed + sparql.failed} pass`);
    for (const o of outcomes.filter((x) => x.suite === 'sparql' && !x.passed)) {
      console.log(`  ${o.id}: ${explainSparqlGap(o.id)}`);
    }
  }
  // The closing line counts the core suite, the part sheaf claims to implement fully.
  console.log(`${core.passed} passed, ${core.failed} failed`);
  // Only core failures fail the run: the SPARQL-based extension is reported, with failures explained in the log.
  return core.failed > 0 ? 1 : 0;
}

export default runShaclConformance;
