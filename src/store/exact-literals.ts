// **exactLiterals** puts back the literals a CONSTRUCT from the Oxigraph index answered in canonical form, as the graph log holds them.
import { CatErrors } from '../core/errors.js';

// Oxigraph stores values, not terms: "0900"^^xsd:nonNegativeInteger comes back as "900"^^xsd:integer,
// "2024-01-01T00:00:00.000Z"^^xsd:dateTime as "2024-01-01T00:00:00Z", "1"^^xsd:boolean as "true". A record read
// back that way is another record (a harvest from a sheaf endpoint found every EUCAIM record invalid: the
// profile wants xsd:nonNegativeInteger). The log holds every graph as written, so a CONSTRUCT's triple
// <s> <p> canonical-literal is answered with the literal(s) of <s> <p> in the log whose canonical form it is,
// found through the graphs that state <s> (asked of the index) and Oxigraph's own canonicalisation of them.
// Triples whose subject is a blank node (labels are the query's own) or that no logged triple explains (built by
// the template, e.g. from BIND) are left as the index answered them.

const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** `<s> <p> object .` as N-Triples lines are written (by Oxigraph and by sheaf's own writer). */
const LINE = /^(<[^>]*>) (<[^>]*>) (".*) \.$/;
/** A literal typed with an XSD datatype other than xsd:string: the ones a value store may rewrite. */
const VALUE_LITERAL = new RegExp(`"\\^\\^<${XSD.replaceAll('.', '\\.')}(?!string>)[A-Za-z]+>$`);
/** What every line with an XSD-typed literal holds: lines without it are never matched against LINE. */
const XSD_TYPED = `"^^<${XSD}`;
/** Subjects per lookup query: a VALUES block of this many IRIs. */
const CHUNK = 500;

export interface ExactLiteralsSource {
  /** Named graphs in which any of these subject IRIs (without brackets) has a triple. */
  graphsOf(subjects: readonly string[]): Promise<string[]>;
  /** A graph's N-Triples as logged, or undefined. */
  row(graph: string): string | undefined;
}

interface Canonicaliser {
  /** Each literal (N-Triples text) as Oxigraph stores it, in order. */
  canonical(literals: readonly string[]): string[];
}

let canonicaliser: Promise<Canonicaliser> | undefined;

/** Oxigraph's canonical forms, from a scratch store in this thread (loaded on first use). */
function oxigraphCanonicaliser(): Promise<Canonicaliser> {
  canonicaliser ??= import('oxigraph').then(({ default: oxigraph }) => ({
    canonical(literals: readonly string[]): string[] {
      const scratch = new oxigraph.Store();
      // One subject per literal, so equal values stay apart; `lenient` keeps ill-formed ones as given.
      scratch.load(literals.map((l, i) => `<urn:sheaf:l:${i}> <urn:sheaf:p> ${l} .`).join('\n'), { format: 'nt', lenient: true, no_transaction: true });
      const out = new Array<string>(literals.length);
      for (const line of scratch.dump({ format: 'nt', from_graph_name: oxigraph.defaultGraph() }).split('\n')) {
        const m = /^<urn:sheaf:l:(\d+)> <urn:sheaf:p> (.*) \.$/.exec(line);
        if (m) out[Number(m[1])] = m[2]!;
      }
      return literals.map((l, i) => out[i] ?? l);
    },
  }));
  return canonicaliser;
}

/**
 * The lines of `text` holding an XSD-typed literal, with where each starts and ends: found by searching for the
 * datatype, so the many lines without one (titles, IRIs) are neither split out nor matched against a regex.
 */
function* typedLines(text: string): Generator<{ readonly line: string; readonly start: number; readonly end: number }> {
  for (let at = text.indexOf(XSD_TYPED); at !== -1;) {
    const start = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    yield { line: text.slice(start, end), start, end };
    at = text.indexOf(XSD_TYPED, end);
  }
}

/**
 * `ntriples` (a CONSTRUCT answer from the index) with each canonicalised literal replaced by the logged literal(s)
 * it stands for. Returns the text unchanged, without any lookup, when it holds no typed literal that could have been
 * rewritten.
 */
export async function exactLiterals(ntriples: string, source: ExactLiteralsSource): Promise<string> {
  const candidates: Array<{ start: number; end: number; s: string; p: string; o: string }> = [];
  for (const { line, start, end } of typedLines(ntriples)) {
    if (!line.endsWith('> .') || !line.startsWith('<')) continue;
    const m = LINE.exec(line);
    if (m === null || !VALUE_LITERAL.test(m[3]!)) continue;
    candidates.push({ start, end, s: m[1]!, p: m[2]!, o: m[3]! });
  }
  if (candidates.length === 0) return ntriples;

  // The logged literals of those subjects and predicates, from every graph stating one of the subjects.
  const wanted = new Set(candidates.map((c) => `${c.s} ${c.p}`));
  const subjects = [...new Set(candidates.map((c) => c.s.slice(1, -1)))];
  const graphs = new Set<string>();
  for (let i = 0; i < subjects.length; i += CHUNK) for (const g of await source.graphsOf(subjects.slice(i, i + CHUNK))) graphs.add(g);
  const logged: Array<{ key: string; o: string }> = [];
  for (const graph of graphs) {
    const row = source.row(graph);
    if (row === undefined) continue;
    for (const { line } of typedLines(row)) {
      const m = LINE.exec(line);
      if (m === null || !VALUE_LITERAL.test(m[3]!)) continue;
      const key = `${m[1]} ${m[2]}`;
      if (wanted.has(key)) logged.push({ key, o: m[3]! });
    }
  }
  if (logged.length === 0) return ntriples;

  let canonical: string[];
  try {
    canonical = (await oxigraphCanonicaliser()).canonical(logged.map((l) => l.o));
  } catch (error) {
    throw new CatErrors.INTERNAL(`restoring exact literals: ${(error as Error).message}`);
  }
  const originals = new Map<string, Set<string>>();
  logged.forEach((l, i) => {
    const key = `${l.key} ${canonical[i]}`;
    let set = originals.get(key);
    if (set === undefined) originals.set(key, (set = new Set()));
    set.add(l.o);
  });
  const out: string[] = [];
  let from = 0;
  for (const c of candidates) {
    const found = originals.get(`${c.s} ${c.p} ${c.o}`);
    if (found === undefined) continue;
    // Values Oxigraph merged (two logged literals, one value) come back as every logged literal.
    out.push(ntriples.slice(from, c.start), [...found].map((o) => `${c.s} ${c.p} ${o} .`).join('\n'));
    from = c.end;
  }
  out.push(ntriples.slice(from));
  return out.join('');
}
