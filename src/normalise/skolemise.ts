// **skolemise** replaces a record's blank nodes with IRIs derived from their content, so they are stable across runs.
import { createHash } from 'node:crypto';
import type { Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { CatErrors } from '../core/errors.js';
import { termToNt } from '../core/nquads.js';

const { namedNode, quad, defaultGraph } = DataFactory;

/** Levels of blank nodes nested in one another that a record may have (an RDF list nests one per item). */
export const MAX_BLANK_DEPTH = 1_000;

export interface SkolemiseOptions {
  /** Skolem IRIs are minted under `{base}/.well-known/genid/` (RFC 7187 well-known prefix). */
  readonly base: string;
  /** Mixed into every label so two records (or feeds) never share a skolem IRI in the union graph. */
  readonly scope: string;
  /** From {@link blankSignatures}, when the caller already computed them. */
  readonly signatures?: ReadonlyMap<string, string>;
}

export interface Skolemised {
  readonly quads: Quad[];
  /** Blank-node label → the IRI it became (the dataset subject is looked up here). */
  readonly mapping: ReadonlyMap<string, string>;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * A blank node's label is the hash of its content: its outgoing triples, with nested blank nodes replaced by
 * their own content signatures (recursively), sorted. Parser labels (`b0_x`) change per parse; this does not.
 * Two blank nodes with identical content in one record get one IRI, which is the lean reading of the graph.
 * A blank node without outgoing triples is signed by where it hangs (subject signature + predicate).
 * Cycles through blank nodes are cut with a marker, so labels stay deterministic for them too.
 */
export function blankSignatures(quads: readonly Quad[]): Map<string, string> {
  const out = new Map<string, Quad[]>();
  const incoming = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode') push(out, q.subject.value, q);
    if (q.object.termType === 'BlankNode') push(incoming, q.object.value, q);
  }
  const deepest = blankDepth(out);
  if (deepest > MAX_BLANK_DEPTH) {
    throw new CatErrors.PAYLOAD_TOO_LARGE(`blank nodes nest ${deepest.toLocaleString('en')} levels deep (nested descriptions or an RDF list of that length); at most ${MAX_BLANK_DEPTH.toLocaleString('en')} are accepted per record`);
  }
  const memo = new Map<string, string>();
  let cycles = 0;
  const sign = (label: string, stack: Set<string>): string => {
    const done = memo.get(label);
    if (done !== undefined) return done;
    if (stack.has(label)) {
      cycles += 1;
      return '(cycle)';
    }
    const cyclesBefore = cycles;
    stack.add(label);
    const lines: string[] = [];
    for (const q of out.get(label) ?? []) lines.push(`${termToNt(q.predicate)} ${objectSig(q.object, stack)}`);
    if (lines.length === 0) {
      for (const q of incoming.get(label) ?? []) lines.push(`^${termToNt(q.predicate)} ${subjectSig(q.subject, stack)}`);
    }
    lines.sort();
    stack.delete(label);
    const sig = sha(lines.join('\n'));
    // A signature cut at a cycle depends on where the walk entered it: only cycle-free ones are reused.
    if (cycles === cyclesBefore) memo.set(label, sig);
    return sig;
  };
  const objectSig = (t: Term, stack: Set<string>): string => (t.termType === 'BlankNode' ? `[${sign(t.value, stack)}]` : termToNt(t));
  const subjectSig = (t: Term, stack: Set<string>): string => (t.termType === 'BlankNode' ? `{${outlineSig(t.value)}}` : termToNt(t));
  // A parent's outline (its non-blank triples only) avoids recursing back down into the child being signed.
  const outlineSig = (label: string): string =>
    sha((out.get(label) ?? []).filter((q) => q.object.termType !== 'BlankNode').map((q) => `${termToNt(q.predicate)} ${termToNt(q.object)}`).sort().join('\n'));
  const labels = new Map<string, string>();
  for (const label of new Set([...out.keys(), ...incoming.keys()])) labels.set(label, sign(label, new Set()));
  return labels;
}

/** Rewrites every blank node of the record into `{base}/.well-known/genid/{hash(scope, signature)}`; quads land in the default graph. */
export function skolemise(quads: readonly Quad[], options: SkolemiseOptions): Skolemised {
  const signatures = options.signatures ?? blankSignatures(quads);
  const mapping = new Map<string, string>();
  for (const [label, sig] of signatures) mapping.set(label, skolemIri(sig, options));
  const term = <T extends Term>(t: T): T => (t.termType === 'BlankNode' ? (namedNode(mapping.get(t.value)!) as unknown as T) : t);
  const result = quads.map((q) =>
    q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode' && q.graph.termType === 'DefaultGraph'
      ? q
      : quad(term(q.subject) as Quad_Subject, q.predicate, term(q.object) as Quad_Object, defaultGraph()),
  );
  return { quads: result, mapping };
}

/** The IRI a blank node with this signature gets in `scope` (a blank dataset's key, before the record has one). */
export function skolemIri(signature: string, options: Omit<SkolemiseOptions, 'signatures'>): string {
  return `${options.base}/.well-known/genid/${sha(`${options.scope}\n${signature}`)}`;
}

/**
 * How deep blank nodes nest through their objects (a cycle counts once), found without recursion. Signing recurses
 * once per level, so a record nesting deeper than MAX_BLANK_DEPTH is refused before it is signed: with a clear
 * message, and the same verdict in every thread (a worker's stack is not the event loop's).
 */
function blankDepth(out: ReadonlyMap<string, readonly Quad[]>): number {
  const depth = new Map<string, number>();
  const open = new Set<string>();
  let deepest = 0;
  for (const start of out.keys()) {
    if (depth.has(start)) continue;
    const stack: { label: string; next: number }[] = [{ label: start, next: 0 }];
    open.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const quads = out.get(top.label) ?? [];
      if (top.next < quads.length) {
        const o = quads[top.next++]!.object;
        if (o.termType === 'BlankNode' && !depth.has(o.value) && !open.has(o.value)) {
          open.add(o.value);
          stack.push({ label: o.value, next: 0 });
        }
        continue;
      }
      let d = 1;
      for (const q of quads) if (q.object.termType === 'BlankNode') d = Math.max(d, 1 + (depth.get(q.object.value) ?? 0));
      depth.set(top.label, d);
      deepest = Math.max(deepest, d);
      open.delete(top.label);
      stack.pop();
    }
  }
  return deepest;
}

function push(map: Map<string, Quad[]>, key: string, q: Quad): void {
  const list = map.get(key);
  if (list) list.push(q);
  else map.set(key, [q]);
}
