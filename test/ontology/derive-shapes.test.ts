// Behaviour of derived shapes: each OWL/RDFS construct is checked with data that must pass and data that must fail.
import { describe, expect, it } from 'vitest';
import { validateWithDerived } from './validate-with-derived.js';

interface Case {
  readonly name: string;
  readonly ontology: string;
  readonly pass: string;
  readonly fail: string;
  /** Constraint component local name expected among the failing results. */
  readonly component: string;
}

const SH = 'http://www.w3.org/ns/shacl#';

const cases: Case[] = [
  {
    name: 'C ⊑ ∃p.D needs one D value, not all values D (qualified shape)',
    ontology: `ex:Road a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:lane ; owl:someValuesFrom ex:Lane ] .
      ex:Lane a owl:Class . ex:lane a owl:ObjectProperty .`,
    pass: `ex:r a ex:Road ; ex:lane ex:l1, ex:other . ex:l1 a ex:Lane .`,
    fail: `ex:r a ex:Road ; ex:lane ex:other .`,
    component: 'QualifiedMinCountConstraintComponent',
  },
  {
    name: 'object values may be blank nodes (no forced sh:IRI)',
    ontology: `ex:Car a owl:Class . ex:Person a owl:Class .
      ex:owner a owl:ObjectProperty ; rdfs:domain ex:Car ; rdfs:range ex:Person .`,
    pass: `ex:c a ex:Car ; ex:owner [ a ex:Person ] .`,
    fail: `ex:c a ex:Car ; ex:owner [ a ex:Car ] .`,
    component: 'ClassConstraintComponent',
  },
  {
    name: 'range rdfs:Resource constrains nothing (no sh:class rdfs:Resource)',
    ontology: `ex:Doc a rdfs:Class . ex:about a rdf:Property ; rdfs:domain ex:Doc ; rdfs:range rdfs:Resource .
      ex:pages a owl:DatatypeProperty ; rdfs:domain ex:Doc ; rdfs:range xsd:integer .`,
    pass: `ex:d a ex:Doc ; ex:about ex:untyped, "a literal" ; ex:pages 3 .`,
    fail: `ex:d a ex:Doc ; ex:about ex:untyped ; ex:pages "three" .`,
    component: 'DatatypeConstraintComponent',
  },
  {
    name: '∀p.(A ⊔ B): each value is an A or a B',
    ontology: `ex:Box a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:holds ;
        owl:allValuesFrom [ a owl:Class ; owl:unionOf ( ex:Apple ex:Pear ) ] ] .
      ex:Apple a owl:Class . ex:Pear a owl:Class . ex:Stone a owl:Class .`,
    pass: `ex:b a ex:Box ; ex:holds ex:a, ex:p . ex:a a ex:Apple . ex:p a ex:Pear .`,
    fail: `ex:b a ex:Box ; ex:holds ex:a, ex:s . ex:a a ex:Apple . ex:s a ex:Stone .`,
    component: 'OrConstraintComponent',
  },
  {
    name: 'owl:disjointWith → sh:not [ sh:class D ]',
    ontology: `ex:Cat a owl:Class ; owl:disjointWith ex:Dog . ex:Dog a owl:Class .`,
    pass: `ex:tom a ex:Cat .`,
    fail: `ex:tom a ex:Cat, ex:Dog .`,
    component: 'NotConstraintComponent',
  },
  {
    name: 'owl:AllDisjointClasses applies pairwise',
    ontology: `ex:A a owl:Class . ex:B a owl:Class . ex:C a owl:Class . [] a owl:AllDisjointClasses ; owl:members ( ex:A ex:B ex:C ) .`,
    pass: `ex:x a ex:A . ex:y a ex:C .`,
    fail: `ex:x a ex:B, ex:C .`,
    component: 'NotConstraintComponent',
  },
  {
    name: 'inverse-functional property via sh:inversePath',
    ontology: `ex:email a owl:DatatypeProperty, owl:InverseFunctionalProperty .`,
    pass: `ex:a ex:email "a@x" . ex:b ex:email "b@x" .`,
    fail: `ex:a ex:email "a@x" . ex:b ex:email "a@x" .`,
    component: 'MaxCountConstraintComponent',
  },
  {
    name: 'functional property: at most one value',
    ontology: `ex:birth a owl:DatatypeProperty, owl:FunctionalProperty .`,
    pass: `ex:a ex:birth "1990" .`,
    fail: `ex:a ex:birth "1990", "1991" .`,
    component: 'MaxCountConstraintComponent',
  },
  {
    name: 'owl:equivalentProperty is an alias: the alias satisfies the cardinality',
    ontology: `ex:Thing2 a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:name ; owl:minCardinality 1 ] .
      ex:name a owl:DatatypeProperty ; owl:equivalentProperty ex:title . ex:title a owl:DatatypeProperty .`,
    pass: `ex:t a ex:Thing2 ; ex:title "by alias" .`,
    fail: `ex:t a ex:Thing2 ; ex:label "neither" .`,
    component: 'MinCountConstraintComponent',
  },
  {
    name: 'exact cardinality (xsd:integer counts)',
    ontology: `ex:Pair a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:member ;
        owl:cardinality "2"^^xsd:nonNegativeInteger ] .`,
    pass: `ex:p a ex:Pair ; ex:member ex:a, ex:b .`,
    fail: `ex:p a ex:Pair ; ex:member ex:a, ex:b, ex:c .`,
    component: 'MaxCountConstraintComponent',
  },
  {
    name: 'qualified cardinality on a data range',
    ontology: `ex:Road a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:width ;
        owl:qualifiedCardinality "1"^^xsd:nonNegativeInteger ; owl:onDataRange xsd:integer ] .
      ex:width a owl:DatatypeProperty .`,
    pass: `ex:r a ex:Road ; ex:width 3 .`,
    fail: `ex:r a ex:Road ; ex:width "wide" .`,
    component: 'QualifiedMinCountConstraintComponent',
  },
  {
    name: 'owl:hasValue restriction',
    ontology: `ex:Red a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:colour ; owl:hasValue ex:red ] .`,
    pass: `ex:x a ex:Red ; ex:colour ex:red .`,
    fail: `ex:x a ex:Red ; ex:colour ex:blue .`,
    component: 'HasValueConstraintComponent',
  },
  {
    name: 'datatype decided structurally: an enumerated rdfs:Datatype',
    ontology: `ex:Colour a rdfs:Datatype ; owl:oneOf ( "red" "green" ) . ex:Car a owl:Class .
      ex:colour a owl:DatatypeProperty ; rdfs:domain ex:Car ; rdfs:range ex:Colour .`,
    pass: `ex:c a ex:Car ; ex:colour "red" .`,
    fail: `ex:c a ex:Car ; ex:colour "pink" .`,
    component: 'InConstraintComponent',
  },
  {
    name: 'datatype restriction facets (owl:withRestrictions)',
    ontology: `ex:Percent a rdfs:Datatype ; owl:equivalentClass [ a rdfs:Datatype ; owl:onDatatype xsd:integer ;
        owl:withRestrictions ( [ xsd:minInclusive 0 ] [ xsd:maxInclusive 100 ] ) ] .
      ex:Exam a owl:Class . ex:score a owl:DatatypeProperty ; rdfs:domain ex:Exam ; rdfs:range ex:Percent .`,
    pass: `ex:e a ex:Exam ; ex:score 42 .`,
    fail: `ex:e a ex:Exam ; ex:score 142 .`,
    component: 'MaxInclusiveConstraintComponent',
  },
  {
    name: 'class decided structurally: an undeclared range used in the hierarchy',
    ontology: `ex:Kid rdfs:subClassOf ex:Human . ex:Toy a owl:Class .
      ex:ownedBy a rdf:Property ; rdfs:domain ex:Toy ; rdfs:range ex:Human .`,
    pass: `ex:t a ex:Toy ; ex:ownedBy ex:k . ex:k a ex:Kid .`,
    fail: `ex:t a ex:Toy ; ex:ownedBy ex:k . ex:k a ex:Toy .`,
    component: 'ClassConstraintComponent',
  },
  {
    name: 'plain rdf:Property without domain targets its subjects',
    ontology: `ex:born a rdf:Property ; rdfs:range xsd:date .`,
    pass: `ex:a ex:born "2001-02-03"^^xsd:date .`,
    fail: `ex:a ex:born "yesterday" .`,
    component: 'DatatypeConstraintComponent',
  },
  {
    name: 'enumerated class (owl:oneOf) → sh:in',
    ontology: `ex:Weekday a owl:Class ; owl:oneOf ( ex:Mon ex:Tue ) .`,
    pass: `ex:Mon a ex:Weekday .`,
    fail: `ex:Sun a ex:Weekday .`,
    component: 'InConstraintComponent',
  },
  {
    name: 'owl:complementOf → sh:not',
    ontology: `ex:Living a owl:Class . ex:Dead a owl:Class ; owl:complementOf ex:Living .`,
    pass: `ex:x a ex:Dead .`,
    fail: `ex:x a ex:Dead, ex:Living .`,
    component: 'NotConstraintComponent',
  },
  {
    name: 'owl:propertyDisjointWith → sh:disjoint',
    ontology: `ex:parent a owl:ObjectProperty ; owl:propertyDisjointWith ex:child .`,
    pass: `ex:a ex:parent ex:b ; ex:child ex:c .`,
    fail: `ex:a ex:parent ex:b ; ex:child ex:b .`,
    component: 'DisjointConstraintComponent',
  },
  {
    name: 'inverse restriction path (owl:inverseOf)',
    ontology: `ex:Parent a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty [ owl:inverseOf ex:hasParent ] ;
        owl:minCardinality 1 ] .`,
    pass: `ex:p a ex:Parent . ex:kid ex:hasParent ex:p .`,
    fail: `ex:p a ex:Parent .`,
    component: 'MinCountConstraintComponent',
  },
  {
    name: 'subclass instances are targeted (hierarchy travels with the shapes)',
    ontology: `ex:Vehicle a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:wheels ; owl:minCardinality 1 ] .
      ex:Bike a owl:Class ; rdfs:subClassOf ex:Vehicle .`,
    pass: `ex:b a ex:Bike ; ex:wheels 2 .`,
    fail: `ex:b a ex:Bike .`,
    component: 'MinCountConstraintComponent',
  },
];

describe('deriveShapes: OWL/RDFS constructs as pass/fail data', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const passed = await validateWithDerived(c.ontology, c.pass);
      expect(passed.results, 'passing data').toEqual([]);
      const failed = await validateWithDerived(c.ontology, c.fail);
      expect(failed.status).toBe('non-conformant');
      expect(failed.results.map((r) => r.sourceConstraintComponent)).toContain(SH + c.component);
    });
  }
});
