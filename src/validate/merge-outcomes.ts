// **mergeOutcomes** joins the outcomes of a graph's chunks (focusChunks) into the one outcome of the whole graph.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { ValidationOutcome } from './shacl-validator.js';
import type { ResultRow } from './summarise-report.js';

const { blankNode, literal, namedNode, quad } = DataFactory;
const RDF_TYPE = `${NS.rdf}type`;
const REPORT = `${NS.sh}ValidationReport`;
const RESULT = namedNode(`${NS.sh}result`);
const CONFORMS = `${NS.sh}conforms`;

export function mergeOutcomes(outcomes: readonly ValidationOutcome[]): ValidationOutcome {
  const results: ResultRow[] = outcomes.flatMap((o) => o.results);
  const counts = { violations: 0, warnings: 0, infos: 0 };
  for (const o of outcomes) {
    counts.violations += o.counts.violations;
    counts.warnings += o.counts.warnings;
    counts.infos += o.counts.infos;
  }
  const status = counts.violations > 0 ? 'non-conformant' : counts.warnings > 0 ? 'with-warnings' : 'conformant';
  let quads: Quad[] | undefined;
  return { conforms: results.length === 0, status, counts, results, reportQuads: () => (quads ??= reportQuads(outcomes, results.length === 0)) };
}

/** One sh:ValidationReport holding every chunk's results; each chunk's blank nodes are kept apart. */
function reportQuads(outcomes: readonly ValidationOutcome[], conforms: boolean): Quad[] {
  const report = blankNode('report');
  const out: Quad[] = [
    quad(report, namedNode(RDF_TYPE), namedNode(REPORT)),
    quad(report, namedNode(CONFORMS), literal(String(conforms), namedNode(`${NS.xsd}boolean`))),
  ];
  outcomes.forEach((outcome, i) => {
    const chunk = outcome.reportQuads();
    const own = new Set(chunk.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === REPORT).map((q) => q.subject.value));
    const relabel = <T extends Term>(t: T): T => (t.termType === 'BlankNode' ? (blankNode(`c${i}_${t.value}`) as Term as T) : t);
    for (const q of chunk) {
      if (q.subject.termType === 'BlankNode' && own.has(q.subject.value) || q.subject.termType === 'NamedNode' && own.has(q.subject.value)) {
        if (q.predicate.equals(RESULT)) out.push(quad(report, RESULT, relabel(q.object)));
        continue;
      }
      out.push(quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph));
    }
  });
  return out;
}
