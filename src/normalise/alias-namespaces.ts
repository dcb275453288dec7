// **aliasNamespaces** rewrites alias namespace forms and renamed properties to the IRIs the profiles use.
import { DataFactory } from 'n3';
import { RecordDataset } from './record-dataset.js';
import type { Quad, Term } from '@rdfjs/types';
import { CANONICAL_TERMS, NAMESPACE_ALIASES, PROPERTY_ALIASES } from './namespace-aliases.js';
import { subjectText, type NormaliseStep, type StepContext } from './normalise-step.js';

const { namedNode, quad } = DataFactory;

// One alternation over every alias, longest first, so each IRI costs one regex test instead of a loop.
const ALIAS_PATTERN = new RegExp(
  `^(?:${[...NAMESPACE_ALIASES].sort((a, b) => b.from.length - a.from.length).map((a) => escapeRegExp(a.from)).join('|')})`,
);
const ALIAS_TARGET: ReadonlyMap<string, string> = new Map(NAMESPACE_ALIASES.map((a) => [a.from, a.to]));
const TERM_NAMESPACES: readonly string[] = [...new Set([...CANONICAL_TERMS.values()].map((iri) => iri.replace(/[^#/]*$/, '')))];

/** The canonical form of one IRI (namespace alias, then the spec's spelling of a known term), or undefined. */
export function canonicalIri(iri: string): string | undefined {
  let out = iri;
  const from = ALIAS_PATTERN.exec(iri)?.[0];
  const to = from === undefined ? undefined : ALIAS_TARGET.get(from)!;
  // Some aliases are a prefix of their canonical form (`…/access-conditions/` vs `…/access-conditions/#`).
  if (from !== undefined && to !== undefined && !iri.startsWith(to)) out = to + iri.slice(from.length);
  if (TERM_NAMESPACES.some((ns) => out.startsWith(ns))) out = CANONICAL_TERMS.get(out.toLowerCase()) ?? out;
  return out === iri ? undefined : out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rewrite<T extends Term>(term: T, ctx: StepContext, q: Quad, predicate: boolean): T {
  if (term.termType !== 'NamedNode') return term;
  const inNamespace = canonicalIri(term.value) ?? term.value;
  const renamed = predicate ? PROPERTY_ALIASES.get(inNamespace) : undefined;
  const iri = renamed ?? inNamespace;
  if (iri === term.value) return term;
  ctx.note({ kind: renamed ? 'property-alias' : 'namespace-alias', subject: subjectText(q.subject), from: term.value, to: iri });
  return namedNode(iri) as Term as T;
}

export const aliasNamespaces: NormaliseStep = {
  name: 'alias-namespaces',
  apply(dataset, ctx) {
    const out = RecordDataset.after(dataset);
    for (const q of dataset) {
      const s = rewrite(q.subject, ctx, q, false);
      const p = rewrite(q.predicate, ctx, q, true);
      const o = rewrite(q.object, ctx, q, false);
      const g = rewrite(q.graph, ctx, q, false);
      out.add(s === q.subject && p === q.predicate && o === q.object && g === q.graph ? q : quad(s, p, o, g));
    }
    return out;
  },
};
