// **deriveShapes** derives a SHACL shapes graph from an OWL/RDFS ontology, each constraint annotated with provenance.
import { DataFactory } from 'n3';
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { ontologyVersionOf } from '../core/ontology-header.js';
import { OntologyIndex, keyOf } from './ontology-index.js';
import { ClassExpressions, type Constraint, type ValueKind } from './class-expressions.js';
import { RDF_TYPE, SH, SHEAF, ShapeWriter } from './shape-writer.js';
import { bindValueSets, deprecationMessage, isDeprecated } from './bind-value-sets.js';

const { namedNode } = DataFactory;
const O = (local: string) => NS.owl + local;
const R = (local: string) => NS.rdfs + local;

export interface DeriveOptions {
  /** The ontology version the shapes belong to; defaults to the ontology's owl:versionIRI. */
  readonly ontologyVersion?: string;
}

const PROPERTY_TYPES = [
  O('ObjectProperty'), O('DatatypeProperty'), `${NS.rdf}Property`, O('FunctionalProperty'), O('InverseFunctionalProperty'),
  O('TransitiveProperty'), O('SymmetricProperty'), O('AsymmetricProperty'), O('ReflexiveProperty'), O('IrreflexiveProperty'),
];
const ANNOTATIONS: ReadonlyArray<readonly [string, string]> = [
  [R('label'), `${NS.sh}name`], [R('label'), R('label')], [R('comment'), `${NS.sh}description`],
  [R('isDefinedBy'), R('isDefinedBy')], [R('seeAlso'), R('seeAlso')],
];


/** Derives shapes; the result is a plain quad array (default graph) ready to compose into a profile. */
export function deriveShapes(ontology: Iterable<Quad>, opts: DeriveOptions = {}): Quad[] {
  const quads = [...ontology];
  const version = opts.ontologyVersion ?? ontologyVersionOf(quads);
  const derivation = new Derivation(new OntologyIndex(quads), version);
  derivation.run();
  return derivation.quads();
}

class Derivation {
  readonly #ix: OntologyIndex;
  readonly #w: ShapeWriter;
  readonly #x: ClassExpressions;
  readonly #version: string | undefined;
  readonly #nodeShapes = new Map<string, NamedNode>();

  constructor(index: OntologyIndex, version: string | undefined) {
    this.#ix = index;
    this.#version = version;
    this.#w = new ShapeWriter(version === undefined ? {} : { ontologyVersion: version });
    this.#x = new ClassExpressions(index, this.#w);
  }

  run(): void {
    for (const c of this.#namedClasses()) this.#classAxioms(c);
    for (const group of this.#ix.instancesOf(O('AllDisjointClasses'))) {
      const members = this.#ix.list(this.#ix.first(group, O('members')) ?? namedNode(`${NS.rdf}nil`));
      for (const a of members) for (const b of members) if (!a.equals(b) && a.termType === 'NamedNode') this.#disjoint(a, b);
    }
    for (const p of this.#namedProperties()) this.#propertyAxioms(p);
    this.#classHierarchy();
    // Named equivalent classes share the shape: instances of either are checked (C ≡ D).
    for (const [key, shape] of this.#nodeShapes) {
      for (const eq of [...this.#ix.objects(key, O('equivalentClass')), ...this.#ix.subjects(O('equivalentClass'), key)]) {
        if (eq.termType === 'NamedNode') this.#w.add(shape, SH('targetClass'), eq);
      }
    }
  }

  quads(): Quad[] {
    const derived = [...this.#w.quads];
    const bound = bindValueSets(derived, this.#ix, this.#version === undefined ? {} : { ontologyVersion: this.#version });
    return [...derived, ...bound];
  }

  /**
   * shacl-engine resolves sh:class and sh:targetClass through rdfs:subClassOf in the SHAPES graph, so the named
   * hierarchy travels with the shapes; named equivalents become mutual subclasses for the same reason.
   */
  #classHierarchy(): void {
    for (const c of this.#namedClasses()) {
      for (const sup of this.#ix.objects(c, R('subClassOf'))) if (sup.termType === 'NamedNode') this.#w.add(c, namedNode(R('subClassOf')), sup);
      for (const eq of this.#ix.objects(c, O('equivalentClass'))) {
        if (eq.termType !== 'NamedNode') continue;
        this.#w.add(c, namedNode(R('subClassOf')), eq);
        this.#w.add(eq, namedNode(R('subClassOf')), c);
      }
    }
  }

  // ---- classes ------------------------------------------------------------------------------------------------------

  #namedClasses(): Term[] {
    const found = new Map<string, Term>();
    for (const c of this.#ix.instancesOf(O('Class'), R('Class'))) if (c.termType === 'NamedNode') found.set(c.value, c);
    // Classes are also recognised by their place in the hierarchy, declared or not.
    for (const q of this.#ix.triples(R('subClassOf'))) {
      if (q.subject.termType === 'NamedNode') found.set(q.subject.value, q.subject);
    }
    return [...found.values()].filter((c) => !this.#x.isDatatype(c));
  }

  /** The node shape of a class, created on first use so classes without constraints cost nothing at validation. */
  #nodeShape(c: Term): NamedNode {
    const existing = this.#nodeShapes.get(c.value);
    if (existing) return existing;
    const shape = this.#w.mint(c);
    this.#nodeShapes.set(c.value, shape);
    this.#w.add(shape, RDF_TYPE, SH('NodeShape'));
    this.#w.add(shape, SH('targetClass'), c);
    for (const [from, to] of ANNOTATIONS) for (const v of this.#ix.objects(c, from)) this.#w.add(shape, namedNode(to), v);
    this.#w.provenance(shape, { rule: 'class-definition', axiom: `Class: ${short(c)}`, source: c });
    return shape;
  }

  #classAxioms(c: Term): void {
    const ix = this.#ix;
    for (const sup of ix.objects(c, R('subClassOf'))) if (sup.termType === 'BlankNode') this.#superExpression(c, sup, 'SubClassOf');
    for (const eq of ix.objects(c, O('equivalentClass'))) if (eq.termType === 'BlankNode') this.#superExpression(c, eq, 'EquivalentTo');
    for (const d of ix.objects(c, O('disjointWith'))) this.#disjoint(c, d);
    for (const [p, word] of [['unionOf', 'union'], ['intersectionOf', 'intersection'], ['complementOf', 'complement'], ['oneOf', 'enumeration']] as const) {
      if (ix.first(c, O(p))) this.#nodeConstraints(c, this.#x.structural(c), word, `${short(c)} EquivalentTo ${this.#x.text(c, { expand: true })}`);
    }
    if (isDeprecated(ix, c.value)) {
      const shape = this.#w.mint(c, 'deprecated');
      const probe = this.#w.blank();
      const typeShape = this.#w.blank();
      this.#w.add(shape, RDF_TYPE, SH('NodeShape'));
      this.#w.add(shape, SH('targetClass'), c);
      this.#w.add(shape, SH('property'), typeShape);
      this.#w.add(typeShape, SH('path'), RDF_TYPE);
      this.#w.add(typeShape, SH('not'), probe);
      this.#w.add(probe, SH('hasValue'), c);
      this.#w.add(typeShape, SH('severity'), SH('Warning'));
      this.#w.add(typeShape, SH('message'), this.#w.text(deprecationMessage(ix, c.value, 'Class')));
      this.#w.provenance(shape, { rule: 'deprecated-class', axiom: `${short(c)} deprecated true`, source: c });
    }
  }

  /** `C ⊑ X` or `C ≡ X` with X anonymous: a restriction becomes a property shape, anything else node constraints. */
  #superExpression(c: Term, expr: Term, relation: string): void {
    const axiom = `${short(c)} ${relation} ${this.#x.text(expr)}`;
    const restriction = this.#x.restriction(expr);
    if (!restriction) {
      this.#nodeConstraints(c, this.#x.valueConstraints(expr), 'class-expression', axiom);
      return;
    }
    if (restriction.constraints.length === 0) return;
    const property = this.#w.mint(c, short(restriction.property), restriction.rule);
    this.#w.add(this.#nodeShape(c), SH('property'), property);
    this.#w.add(property, RDF_TYPE, SH('PropertyShape'));
    this.#w.add(property, SH('path'), restriction.path);
    for (const [p, o] of restriction.constraints) this.#w.add(property, p, o);
    this.#w.provenance(property, { rule: restriction.rule, axiom, source: c });
  }

  #nodeConstraints(c: Term, constraints: readonly Constraint[], rule: string, axiom: string): void {
    if (constraints.length === 0) return;
    // Each axiom gets its own node shape targeting the class, so a result names the precise constraint and the
    // shape's provenance names the axiom.
    const holder = this.#w.mint(c, rule);
    this.#w.add(holder, RDF_TYPE, SH('NodeShape'));
    this.#w.add(holder, SH('targetClass'), c);
    for (const [p, o] of constraints) this.#w.add(holder, p, o);
    this.#w.provenance(holder, { rule, axiom, source: c });
  }

  #disjoint(c: Term, d: Term): void {
    const probe = this.#w.blank();
    this.#w.add(probe, SH('class'), d);
    this.#nodeConstraints(c, [[SH('not'), probe]], 'disjoint-with', `${short(c)} DisjointWith ${this.#x.text(d)}`);
  }

  // ---- properties ---------------------------------------------------------------------------------------------------

  #namedProperties(): Term[] {
    const found = new Map<string, Term>();
    for (const p of this.#ix.instancesOf(...PROPERTY_TYPES)) if (p.termType === 'NamedNode') found.set(p.value, p);
    return [...found.values()].filter((p) => !this.#ix.hasType(p, O('AnnotationProperty')));
  }

  #propertyAxioms(p: Term): void {
    const ix = this.#ix;
    const hint: ValueKind = ix.hasType(p, O('DatatypeProperty')) ? 'datatype' : ix.hasType(p, O('ObjectProperty')) ? 'object' : undefined;
    const ranges = ix.objects(p, R('range'));
    const constraints = ranges.flatMap((r) => this.#x.valueConstraints(r, hint));
    // The kind of value follows from the property type; an object value may be a blank node, so never force sh:IRI.
    if (constraints.length === 0 && hint === 'object') constraints.push([SH('nodeKind'), SH('BlankNodeOrIRI')]);
    if (constraints.length === 0 && hint === 'datatype') constraints.push([SH('nodeKind'), SH('Literal')]);
    const rangeText = ranges.map((r) => this.#x.text(r)).join(' and ') || (hint ?? 'any');
    this.#attach(p, constraints, 'domain-range', `${short(p)} Range: ${rangeText}`);

    for (const root of ix.objects(p, `${NS.sheaf}valuesUnder`)) {
      this.#attach(p, [[SHEAF('valuesUnder'), root]], 'values-under', `${short(p)} valuesUnder ${this.#x.text(root)}`);
    }
    if (ix.hasType(p, O('FunctionalProperty'))) {
      this.#standalone(p, SH('targetSubjectsOf'), this.#x.path(p), [[SH('maxCount'), this.#w.integer(1)]], 'functional', `Functional: ${short(p)}`);
    }
    if (ix.hasType(p, O('InverseFunctionalProperty'))) {
      const inverse = this.#w.blank();
      this.#w.add(inverse, SH('inversePath'), p);
      this.#standalone(p, SH('targetObjectsOf'), inverse, [[SH('maxCount'), this.#w.integer(1)]], 'inverse-functional', `InverseFunctional: ${short(p)}`);
    }
    for (const q of ix.objects(p, O('propertyDisjointWith'))) {
      this.#standalone(p, SH('targetSubjectsOf'), p, [[SH('disjoint'), q]], 'property-disjoint-with', `${short(p)} DisjointWith ${short(q)}`);
    }
    if (isDeprecated(ix, p.value)) {
      const shape = this.#standalone(p, SH('targetSubjectsOf'), p, [[SH('maxCount'), this.#w.integer(0)], [SH('severity'), SH('Warning')]], 'deprecated-property', `${short(p)} deprecated true`);
      this.#w.add(shape, SH('message'), this.#w.text(deprecationMessage(ix, p.value, 'Property')));
    }
  }

  /** Puts a property shape on each domain class, or targets the property's subjects when there is no domain. */
  #attach(p: Term, constraints: readonly Constraint[], rule: string, axiom: string): void {
    if (constraints.length === 0) return;
    const domains = this.#ix.objects(p, R('domain')).flatMap((d) => {
      const union = this.#ix.first(d, O('unionOf'));
      return union ? this.#ix.list(union) : [d];
    }).filter((d) => d.termType === 'NamedNode' && d.value !== O('Thing') && d.value !== R('Resource'));
    if (domains.length === 0) {
      this.#standalone(p, SH('targetSubjectsOf'), this.#x.path(p), constraints, rule, axiom);
      return;
    }
    for (const d of domains) {
      const property = this.#w.mint(d, short(p), rule);
      this.#w.add(this.#nodeShape(d), SH('property'), property);
      this.#propertyShape(property, p, this.#x.path(p), constraints, rule, `${axiom}; Domain: ${short(d)}`);
    }
  }

  #standalone(p: Term, target: NamedNode, path: Term, constraints: readonly Constraint[], rule: string, axiom: string): Term {
    const shape = this.#w.mint(p, rule);
    this.#w.add(shape, target, p);
    for (const alias of target.value.endsWith('SubjectsOf') ? this.#x.aliases(p) : []) this.#w.add(shape, target, alias);
    this.#propertyShape(shape, p, path, constraints, rule, axiom);
    return shape;
  }

  #propertyShape(shape: Term, p: Term, path: Term, constraints: readonly Constraint[], rule: string, axiom: string): void {
    this.#w.add(shape, RDF_TYPE, SH('PropertyShape'));
    this.#w.add(shape, SH('path'), path);
    for (const [pred, o] of constraints) this.#w.add(shape, pred, o);
    for (const [from, to] of ANNOTATIONS) for (const v of this.#ix.objects(p, from)) this.#w.add(shape, namedNode(to), v);
    this.#w.provenance(shape, { rule, axiom, source: p });
  }
}

function short(t: Term): string {
  return t.termType === 'NamedNode' ? t.value.replace(/^.*[#/]/, '') || t.value : keyOf(t);
}
