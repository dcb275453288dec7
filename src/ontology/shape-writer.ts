// **ShapeWriter** accumulates a shapes graph: minted shape IRIs, lists, integer counts and provenance annotations.
import { createHash } from 'node:crypto';
import { DataFactory } from 'n3';
import type { Quad, Term, NamedNode, BlankNode } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

export const SH = (local: string): NamedNode => namedNode(NS.sh + local);
export const SHEAF = (local: string): NamedNode => namedNode(NS.sheaf + local);
export const RDF_TYPE = namedNode(`${NS.rdf}type`);

/** Where derived shapes live; the IRI of a shape is stable for the same ontology term and rule. */
export const DERIVED_SHAPES_BASE = 'https://w3id.org/sheaf/shapes/derived/';

export interface Provenance {
  /** The derivation rule's name, e.g. `some-values-from`. */
  readonly rule: string;
  /** The source axiom, in Manchester-like text, e.g. `Dataset SubClassOf theme some Concept`. */
  readonly axiom: string;
  /** The ontology term the axiom is about. */
  readonly source: Term;
}

export class ShapeWriter {
  readonly #quads: Quad[] = [];
  readonly #minted = new Set<string>();
  readonly #version: Term | undefined;

  constructor(opts: { ontologyVersion?: string }) {
    this.#version = opts.ontologyVersion === undefined ? undefined : namedNode(opts.ontologyVersion);
  }

  get quads(): readonly Quad[] {
    return this.#quads;
  }

  add(s: Term, p: NamedNode, o: Term): void {
    this.#quads.push(quad(s as NamedNode, p, o as NamedNode));
  }

  /** A fresh IRI under the derived base: readable local name, short hash of the term for uniqueness. */
  mint(term: Term, ...suffix: string[]): NamedNode {
    const local = term.value.replace(/^.*[#/]/, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'shape';
    const hash = createHash('sha1').update(term.value).digest('hex').slice(0, 8);
    const base = `${DERIVED_SHAPES_BASE}${local}-${hash}${suffix.map((s) => `/${s}`).join('')}`;
    let iri = base;
    for (let n = 2; this.#minted.has(iri); n++) iri = `${base}-${n}`;
    this.#minted.add(iri);
    return namedNode(iri);
  }

  blank(): BlankNode {
    return blankNode();
  }

  integer(n: number): Term {
    return literal(String(n), namedNode(`${NS.xsd}integer`));
  }

  text(value: string): Term {
    return literal(value);
  }

  list(items: readonly Term[]): Term {
    if (items.length === 0) return namedNode(`${NS.rdf}nil`);
    const heads = items.map(() => blankNode());
    items.forEach((item, i) => {
      this.add(heads[i]!, namedNode(`${NS.rdf}first`), item);
      this.add(heads[i]!, namedNode(`${NS.rdf}rest`), i + 1 < items.length ? heads[i + 1]! : namedNode(`${NS.rdf}nil`));
    });
    return heads[0]!;
  }

  /** Records rule, source axiom, source term and ontology version on a generated shape. */
  provenance(shape: Term, p: Provenance): void {
    this.add(shape, SHEAF('derivedBy'), literal(p.rule));
    this.add(shape, SHEAF('sourceAxiom'), literal(p.axiom));
    this.add(shape, namedNode(`${NS.dct}source`), p.source);
    if (this.#version) this.add(shape, SHEAF('ontologyVersion'), this.#version);
  }
}
