// **SHAPES_GRAPH_RULES** is sheaf's own SHACL-for-SHACL: the syntax rules of SHACL Core (W3C Rec §2–4) as shapes.
//
// Written from the rules in the specification's text (which parameter takes IRIs, integers, lists; which occur at
// most once; what a path and a list look like), not copied from the spec's appendix; no npm package ships those
// shapes. It covers every construct the derivation emits plus the provenance sheaf promises on derived shapes.
export const SHAPES_GRAPH_RULES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix sheaf: <https://w3id.org/sheaf/ns#> .
@prefix r: <https://w3id.org/sheaf/shapes/shacl-syntax#> .

# Integer-valued parameters: one value, an xsd:integer (Astrea emitted some as strings or nonNegativeInteger).
r:IntegerParameters a sh:NodeShape ;
  sh:targetSubjectsOf sh:minCount, sh:maxCount, sh:minLength, sh:maxLength, sh:qualifiedMinCount, sh:qualifiedMaxCount ;
  sh:property [ sh:path sh:minCount ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ,
              [ sh:path sh:maxCount ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ,
              [ sh:path sh:minLength ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ,
              [ sh:path sh:maxLength ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ,
              [ sh:path sh:qualifiedMinCount ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] ,
              [ sh:path sh:qualifiedMaxCount ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0 ] .

# IRI-valued parameters.
r:IriParameters a sh:NodeShape ;
  sh:targetSubjectsOf sh:class, sh:datatype, sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf, sh:severity,
    sh:disjoint, sh:equals, sh:lessThan, sh:lessThanOrEquals, sh:nodeKind ;
  sh:property [ sh:path sh:class ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:datatype ; sh:nodeKind sh:IRI ; sh:maxCount 1 ] ,
              [ sh:path sh:targetClass ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:targetSubjectsOf ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:targetObjectsOf ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:severity ; sh:nodeKind sh:IRI ; sh:maxCount 1 ] ,
              [ sh:path sh:disjoint ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:equals ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:lessThan ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:lessThanOrEquals ; sh:nodeKind sh:IRI ] ,
              [ sh:path sh:nodeKind ; sh:maxCount 1 ;
                sh:in ( sh:BlankNode sh:IRI sh:Literal sh:BlankNodeOrIRI sh:BlankNodeOrLiteral sh:IRIOrLiteral ) ] .

# Shape-valued parameters point at shapes (IRIs or blank nodes), never literals.
r:ShapeParameters a sh:NodeShape ;
  sh:targetSubjectsOf sh:node, sh:not, sh:property, sh:qualifiedValueShape ;
  sh:property [ sh:path sh:node ; sh:nodeKind sh:BlankNodeOrIRI ] ,
              [ sh:path sh:not ; sh:nodeKind sh:BlankNodeOrIRI ] ,
              [ sh:path sh:property ; sh:nodeKind sh:BlankNodeOrIRI ; sh:node r:PropertyShape ] ,
              [ sh:path sh:qualifiedValueShape ; sh:nodeKind sh:BlankNodeOrIRI ; sh:maxCount 1 ] .

# A qualified value shape means nothing without a qualified count.
r:QualifiedShape a sh:NodeShape ;
  sh:targetSubjectsOf sh:qualifiedValueShape ;
  sh:or ( [ sh:path sh:qualifiedMinCount ; sh:minCount 1 ] [ sh:path sh:qualifiedMaxCount ; sh:minCount 1 ] ) .

# A property shape has exactly one path, and the path is an IRI or a blank node (a path expression or a list).
r:PropertyShape a sh:NodeShape ;
  sh:targetClass sh:PropertyShape ;
  sh:property [ sh:path sh:path ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:BlankNodeOrIRI ] .

# A node shape has no path.
r:NodeShape a sh:NodeShape ;
  sh:targetClass sh:NodeShape ;
  sh:property [ sh:path sh:path ; sh:maxCount 0 ] .

# A complex path node has exactly one path operator, or is a sequence list.
r:PathNode a sh:NodeShape ;
  sh:targetSubjectsOf sh:inversePath, sh:alternativePath, sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath ;
  sh:xone ( [ sh:path sh:inversePath ; sh:minCount 1 ] [ sh:path sh:alternativePath ; sh:minCount 1 ]
            [ sh:path sh:zeroOrMorePath ; sh:minCount 1 ] [ sh:path sh:oneOrMorePath ; sh:minCount 1 ]
            [ sh:path sh:zeroOrOnePath ; sh:minCount 1 ] ) ;
  sh:property [ sh:path sh:alternativePath ; sh:maxCount 1 ; sh:node r:List ] ,
              [ sh:path sh:inversePath ; sh:maxCount 1 ; sh:nodeKind sh:BlankNodeOrIRI ] .

# List-valued parameters take one well-formed RDF list.
r:ListParameters a sh:NodeShape ;
  sh:targetSubjectsOf sh:in, sh:languageIn, sh:and, sh:or, sh:xone, sh:ignoredProperties ;
  sh:property [ sh:path sh:in ; sh:maxCount 1 ; sh:node r:List ] ,
              [ sh:path sh:languageIn ; sh:maxCount 1 ; sh:node r:List ] ,
              [ sh:path sh:ignoredProperties ; sh:maxCount 1 ; sh:node r:List ] ,
              [ sh:path sh:and ; sh:node r:List ] ,
              [ sh:path sh:or ; sh:node r:List ] ,
              [ sh:path sh:xone ; sh:node r:List ] .

# Every cell of a list is rdf:nil or has exactly one rdf:first and one rdf:rest.
r:List a sh:NodeShape ;
  sh:property [
    sh:path [ sh:zeroOrMorePath rdf:rest ] ;
    sh:or ( [ sh:hasValue rdf:nil ]
            [ sh:nodeKind sh:BlankNode ;
              sh:property [ sh:path rdf:first ; sh:minCount 1 ; sh:maxCount 1 ] ,
                          [ sh:path rdf:rest ; sh:minCount 1 ; sh:maxCount 1 ] ] )
  ] .

# Literal-valued parameters.
r:LiteralParameters a sh:NodeShape ;
  sh:targetSubjectsOf sh:message, sh:pattern, sh:flags, sh:minInclusive, sh:maxInclusive, sh:minExclusive, sh:maxExclusive,
    sh:deactivated, sh:closed, sh:uniqueLang ;
  sh:property [ sh:path sh:message ; sh:nodeKind sh:Literal ] ,
              [ sh:path sh:pattern ; sh:datatype xsd:string ; sh:maxCount 1 ] ,
              [ sh:path sh:flags ; sh:datatype xsd:string ; sh:maxCount 1 ] ,
              [ sh:path sh:minInclusive ; sh:nodeKind sh:Literal ; sh:maxCount 1 ] ,
              [ sh:path sh:maxInclusive ; sh:nodeKind sh:Literal ; sh:maxCount 1 ] ,
              [ sh:path sh:minExclusive ; sh:nodeKind sh:Literal ; sh:maxCount 1 ] ,
              [ sh:path sh:maxExclusive ; sh:nodeKind sh:Literal ; sh:maxCount 1 ] ,
              [ sh:path sh:deactivated ; sh:datatype xsd:boolean ; sh:maxCount 1 ] ,
              [ sh:path sh:closed ; sh:datatype xsd:boolean ; sh:maxCount 1 ] ,
              [ sh:path sh:uniqueLang ; sh:datatype xsd:boolean ; sh:maxCount 1 ] .

# sheaf's own promise: every derived shape names its rule, its source axiom and its source term.
r:DerivedShapeProvenance a sh:NodeShape ;
  sh:targetSubjectsOf sheaf:derivedBy ;
  sh:property [ sh:path sheaf:derivedBy ; sh:maxCount 1 ; sh:datatype xsd:string ] ,
              [ sh:path dct:source ; sh:minCount 1 ] ,
              [ sh:path sheaf:sourceAxiom ; sh:maxCount 1 ; sh:datatype xsd:string ] .
`;
