// **ClassExpressions** translates OWL class expressions and restrictions into SHACL constraints on value nodes.
import { DataFactory } from 'n3';
import type { NamedNode, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { keyOf, type OntologyIndex } from './ontology-index.js';
import { SH, type ShapeWriter } from './shape-writer.js';

/** One constraint parameter pair, attached to whatever shape the caller is building. */
export type Constraint = readonly [NamedNode, Term];

export type ValueKind = 'datatype' | 'object' | undefined;

const O = (local: string) => NS.owl + local;
const BUILTIN_DATATYPES = new Set([
  `${NS.rdf}langString`, `${NS.rdf}HTML`, `${NS.rdf}XMLLiteral`, `${NS.rdf}PlainLiteral`, `${NS.rdfs}Literal`,
  `${NS.rdf}JSON`, `${NS.owl}real`, `${NS.owl}rational`,
]);
// Ranges that constrain nothing: emitting `sh:class rdfs:Resource` would wrongly fail untyped and literal values.
const UNCONSTRAINING = new Set([`${NS.owl}Thing`, `${NS.rdfs}Resource`, `${NS.owl}topDataProperty`]);
const FACETS = ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'minLength', 'maxLength', 'pattern'];

export interface RestrictionShape {
  readonly path: Term;
  readonly property: Term;
  readonly constraints: Constraint[];
  readonly rule: string;
}

export class ClassExpressions {
  readonly #ix: OntologyIndex;
  readonly #w: ShapeWriter;

  constructor(index: OntologyIndex, writer: ShapeWriter) {
    this.#ix = index;
    this.#w = writer;
  }

  /** Datatype or class, decided from the ontology's structure, with the property's kind only as a last resort. */
  isDatatype(term: Term, hint: ValueKind = undefined): boolean {
    const ix = this.#ix;
    if (term.termType === 'NamedNode') {
      if (term.value.startsWith(NS.xsd) || BUILTIN_DATATYPES.has(term.value)) return true;
      if (ix.hasType(term, `${NS.rdfs}Datatype`)) return true;
      if (ix.hasType(term, O('Class')) || ix.hasType(term, `${NS.rdfs}Class`)) return false;
      if (ix.objects(term, `${NS.rdfs}subClassOf`).length > 0 || ix.subjects(`${NS.rdfs}subClassOf`, term).length > 0) return false;
      return hint === 'datatype';
    }
    if (ix.first(term, O('onDatatype')) || ix.first(term, O('datatypeComplementOf'))) return true;
    const oneOf = ix.first(term, O('oneOf'));
    if (oneOf) return ix.list(oneOf).every((t) => t.termType === 'Literal');
    return false;
  }

  /** The path for a property, with owl:equivalentProperty aliases as alternatives and owl:inverseOf as inverse. */
  path(property: Term): Term {
    const inverse = this.#ix.first(property, O('inverseOf'));
    if (property.termType === 'BlankNode' && inverse) {
      const node = this.#w.blank();
      this.#w.add(node, SH('inversePath'), inverse);
      return node;
    }
    const aliases = this.aliases(property);
    if (aliases.length === 0) return property;
    const node = this.#w.blank();
    this.#w.add(node, SH('alternativePath'), this.#w.list([property, ...aliases]));
    return node;
  }

  /** owl:equivalentProperty in both directions (the alias is read as the same property, not as sh:equals). */
  aliases(property: Term): Term[] {
    const seen = new Map<string, Term>();
    for (const t of [...this.#ix.objects(property, O('equivalentProperty')), ...this.#ix.subjects(O('equivalentProperty'), property)]) {
      if (t.termType === 'NamedNode' && t.value !== property.value) seen.set(t.value, t);
    }
    return [...seen.values()];
  }

  /** Constraints every value must satisfy to belong to `expr`; empty when `expr` allows anything. */
  valueConstraints(expr: Term, hint: ValueKind = undefined): Constraint[] {
    const ix = this.#ix;
    if (expr.termType === 'NamedNode') {
      if (UNCONSTRAINING.has(expr.value)) return [];
      if (expr.value === `${NS.rdfs}Literal`) return [[SH('nodeKind'), SH('Literal')]];
      if (this.isDatatype(expr, hint)) {
        const definition = ix.objects(expr, O('equivalentClass')).find((d) => d.termType === 'BlankNode');
        const oneOf = ix.first(expr, O('oneOf'));
        if (oneOf) return [[SH('in'), this.#w.list(ix.list(oneOf))]];
        return definition ? this.valueConstraints(definition, 'datatype') : [[SH('datatype'), expr]];
      }
      return [[SH('class'), expr]];
    }
    return this.structural(expr, hint);
  }

  /** Constraints from an expression's own structure (union, intersection, complement, enumeration, restriction). */
  structural(expr: Term, hint: ValueKind = undefined): Constraint[] {
    const ix = this.#ix;
    const union = ix.first(expr, O('unionOf'));
    if (union) {
      const members = ix.list(union).map((m) => this.valueConstraints(m, hint));
      if (members.some((m) => m.length === 0)) return [];
      return [[SH('or'), this.#w.list(members.map((m) => this.shapeOf(m)))]];
    }
    const intersection = ix.first(expr, O('intersectionOf'));
    if (intersection) return ix.list(intersection).flatMap((m) => this.valueConstraints(m, hint));
    const complement = ix.first(expr, O('complementOf')) ?? ix.first(expr, O('datatypeComplementOf'));
    if (complement) return [[SH('not'), this.shapeOf(this.valueConstraints(complement, hint))]];
    const oneOf = ix.first(expr, O('oneOf'));
    if (oneOf) return [[SH('in'), this.#w.list(ix.list(oneOf))]];
    const onDatatype = ix.first(expr, O('onDatatype'));
    if (onDatatype) return [...this.valueConstraints(onDatatype, 'datatype'), ...this.facets(expr)];
    const restriction = this.restriction(expr);
    if (restriction) {
      const property = this.#w.blank();
      this.#w.add(property, SH('path'), restriction.path);
      for (const [p, o] of restriction.constraints) this.#w.add(property, p, o);
      return [[SH('property'), property]];
    }
    return [];
  }

  /** A blank node shape holding `constraints` (for sh:or members, sh:not, qualified value shapes). */
  shapeOf(constraints: readonly Constraint[]): Term {
    const node = this.#w.blank();
    for (const [p, o] of constraints) this.#w.add(node, p, o);
    return node;
  }

  facets(datatypeRestriction: Term): Constraint[] {
    const list = this.#ix.first(datatypeRestriction, O('withRestrictions'));
    if (!list) return [];
    const out: Constraint[] = [];
    for (const item of this.#ix.list(list)) {
      for (const facet of FACETS) {
        const value = this.#ix.first(item, NS.xsd + facet);
        if (!value) continue;
        const numeric = facet === 'minLength' || facet === 'maxLength';
        out.push([SH(facet), numeric ? this.#w.integer(Number(value.value)) : value]);
      }
      const length = this.#ix.first(item, `${NS.xsd}length`);
      if (length) out.push([SH('minLength'), this.#w.integer(Number(length.value))], [SH('maxLength'), this.#w.integer(Number(length.value))]);
    }
    return out;
  }

  /** An owl:Restriction as property-shape constraints; undefined when `node` is not a restriction. */
  restriction(node: Term): RestrictionShape | undefined {
    const ix = this.#ix;
    const property = ix.first(node, O('onProperty'));
    if (!property) return undefined;
    const hint: ValueKind = ix.hasType(property, O('DatatypeProperty')) ? 'datatype' : ix.hasType(property, O('ObjectProperty')) ? 'object' : undefined;
    const path = this.path(property);
    const count = (p: string) => {
      const v = ix.first(node, O(p));
      return v === undefined ? undefined : Number.parseInt(v.value, 10);
    };
    const some = ix.first(node, O('someValuesFrom'));
    if (some) {
      const inner = this.valueConstraints(some, hint);
      // ∃p.D needs one value that is a D, not all values: a qualified shape (Astrea wrongly emits sh:class here).
      if (inner.length === 0) return { path, property, rule: 'some-values-from', constraints: [[SH('minCount'), this.#w.integer(1)]] };
      return {
        path, property, rule: 'some-values-from',
        constraints: [[SH('qualifiedValueShape'), this.shapeOf(inner)], [SH('qualifiedMinCount'), this.#w.integer(1)]],
      };
    }
    const all = ix.first(node, O('allValuesFrom'));
    if (all) return { path, property, rule: 'all-values-from', constraints: this.valueConstraints(all, hint) };
    const has = ix.first(node, O('hasValue'));
    if (has) return { path, property, rule: 'has-value', constraints: [[SH('hasValue'), has]] };
    const onClass = ix.first(node, O('onClass')) ?? ix.first(node, O('onDataRange'));
    const qMin = count('minQualifiedCardinality') ?? count('qualifiedCardinality');
    const qMax = count('maxQualifiedCardinality') ?? count('qualifiedCardinality');
    if (onClass && (qMin !== undefined || qMax !== undefined)) {
      const inner = this.valueConstraints(onClass, ix.first(node, O('onDataRange')) ? 'datatype' : hint);
      const constraints: Constraint[] = [];
      if (inner.length === 0) {
        if (qMin !== undefined) constraints.push([SH('minCount'), this.#w.integer(qMin)]);
        if (qMax !== undefined) constraints.push([SH('maxCount'), this.#w.integer(qMax)]);
      } else {
        constraints.push([SH('qualifiedValueShape'), this.shapeOf(inner)]);
        if (qMin !== undefined) constraints.push([SH('qualifiedMinCount'), this.#w.integer(qMin)]);
        if (qMax !== undefined) constraints.push([SH('qualifiedMaxCount'), this.#w.integer(qMax)]);
      }
      return { path, property, rule: 'qualified-cardinality', constraints };
    }
    const min = count('minCardinality') ?? count('cardinality');
    const max = count('maxCardinality') ?? count('cardinality');
    if (min !== undefined || max !== undefined) {
      const constraints: Constraint[] = [];
      if (min !== undefined && min > 0) constraints.push([SH('minCount'), this.#w.integer(min)]);
      if (max !== undefined) constraints.push([SH('maxCount'), this.#w.integer(max)]);
      return { path, property, rule: 'cardinality', constraints };
    }
    return undefined;
  }

  /** Manchester-like text for provenance: `hasPart some Lane`, `A or B`. */
  text(expr: Term, opts: { expand?: boolean } = {}): string {
    const ix = this.#ix;
    if (expr.termType === 'NamedNode' && opts.expand !== true) return short(expr.value);
    const join = (p: string, op: string) => {
      const l = ix.first(expr, O(p));
      return l ? `(${ix.list(l).map((t) => this.text(t)).join(` ${op} `)})` : undefined;
    };
    const property = ix.first(expr, O('onProperty'));
    if (property) {
      const p = property.termType === 'NamedNode' ? short(property.value) : `inverse ${short(ix.first(property, O('inverseOf'))?.value ?? '?')}`;
      for (const [k, word] of [['someValuesFrom', 'some'], ['allValuesFrom', 'only'], ['hasValue', 'value']] as const) {
        const v = ix.first(expr, O(k));
        if (v) return `${p} ${word} ${this.text(v)}`;
      }
      for (const [k, word] of [['minQualifiedCardinality', 'min'], ['maxQualifiedCardinality', 'max'], ['qualifiedCardinality', 'exactly'], ['minCardinality', 'min'], ['maxCardinality', 'max'], ['cardinality', 'exactly']] as const) {
        const v = ix.first(expr, O(k));
        const on = ix.first(expr, O('onClass')) ?? ix.first(expr, O('onDataRange'));
        if (v) return `${p} ${word} ${v.value}${on ? ` ${this.text(on)}` : ''}`;
      }
      return `${p} (restriction)`;
    }
    const complement = ix.first(expr, O('complementOf'));
    return join('unionOf', 'or') ?? join('intersectionOf', 'and') ?? join('oneOf', ',') ??
      (complement ? `not ${this.text(complement)}` : `[${keyOf(expr)}]`);
  }
}

function short(iri: string): string {
  return iri.replace(/^.*[#/]/, '') || iri;
}

export const iri = (value: string): NamedNode => DataFactory.namedNode(value);
