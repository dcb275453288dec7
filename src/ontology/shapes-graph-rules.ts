// **SHAPES_GRAPH_RULES** is sheaf's own SHACL-for-SHACL: the syntax rules of SHACL Core (W3C Rec §2–4) as shapes.
//
// Written from the rules in the specification's text (which parameter takes IRIs, integers, lists; which occur at
// most once; what a path and a list look like), not copied from the spec's appendix; no npm package ships those
// shapes. It covers every construct the derivation emits plus the provenance sheaf promises on derived shapes.
// One small node shape per parameter, targeted by sh:targetSubjectsOf, keeps the check linear: a shape is only
// tested against the rules of the parameters it actually uses.

/** Parameter → constraints on its values (Turtle, inside a property shape whose path is the parameter). */
const PARAMETERS: ReadonlyArray<readonly [string, string]> = [
  // Integer-valued, at most once (Astrea emitted some counts as strings or xsd:nonNegativeInteger).
  ...['minCount', 'maxCount', 'minLength', 'maxLength', 'qualifiedMinCount', 'qualifiedMaxCount'].map(
    (p) => [p, 'sh:maxCount 1 ; sh:datatype xsd:integer ; sh:minInclusive 0'] as const),
  // IRI-valued.
  ...['class', 'targetClass', 'targetSubjectsOf', 'targetObjectsOf', 'disjoint', 'equals', 'lessThan', 'lessThanOrEquals'].map(
    (p) => [p, 'sh:nodeKind sh:IRI'] as const),
  ['datatype', 'sh:nodeKind sh:IRI ; sh:maxCount 1'],
  ['severity', 'sh:nodeKind sh:IRI ; sh:maxCount 1'],
  ['nodeKind', 'sh:maxCount 1 ; sh:in ( sh:BlankNode sh:IRI sh:Literal sh:BlankNodeOrIRI sh:BlankNodeOrLiteral sh:IRIOrLiteral )'],
  // Shape-valued: shapes are IRIs or blank nodes, never literals.
  ['node', 'sh:nodeKind sh:BlankNodeOrIRI'],
  ['not', 'sh:nodeKind sh:BlankNodeOrIRI'],
  ['property', 'sh:nodeKind sh:BlankNodeOrIRI ; sh:node r:HasOnePath'],
  ['qualifiedValueShape', 'sh:nodeKind sh:BlankNodeOrIRI ; sh:maxCount 1'],
  // List-valued: one RDF list (cells are checked by r:ListCell).
  ...['in', 'languageIn', 'ignoredProperties'].map((p) => [p, 'sh:maxCount 1 ; sh:node r:ListHead'] as const),
  ...['and', 'or', 'xone'].map((p) => [p, 'sh:node r:ListHead'] as const),
  // Literal-valued.
  ['message', 'sh:nodeKind sh:Literal'],
  ['pattern', 'sh:datatype xsd:string ; sh:maxCount 1'],
  ['flags', 'sh:datatype xsd:string ; sh:maxCount 1'],
  ...['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'].map((p) => [p, 'sh:nodeKind sh:Literal ; sh:maxCount 1'] as const),
  ...['deactivated', 'closed', 'uniqueLang'].map((p) => [p, 'sh:datatype xsd:boolean ; sh:maxCount 1'] as const),
  // Paths: exactly one path per shape that has one; an IRI or a blank node (path expression or sequence list).
  ['path', 'sh:maxCount 1 ; sh:nodeKind sh:BlankNodeOrIRI'],
  ['inversePath', 'sh:maxCount 1 ; sh:nodeKind sh:BlankNodeOrIRI'],
  ['alternativePath', 'sh:maxCount 1 ; sh:node r:ListHead'],
];

const parameterShapes = PARAMETERS.map(([p, constraints]) =>
  `r:${p}-parameter a sh:NodeShape ; sh:targetSubjectsOf sh:${p} ; sh:property [ sh:path sh:${p} ; ${constraints} ] .`).join('\n');

export const SHAPES_GRAPH_RULES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix sheaf: <https://w3id.org/sheaf/ns#> .
@prefix r: <https://w3id.org/sheaf/shapes/shacl-syntax#> .

${parameterShapes}

# A value of sh:property is a property shape: it has a path.
r:HasOnePath a sh:NodeShape ; sh:property [ sh:path sh:path ; sh:minCount 1 ] .

# A qualified value shape means nothing without a qualified count.
r:QualifiedShape a sh:NodeShape ;
  sh:targetSubjectsOf sh:qualifiedValueShape ;
  sh:or ( [ sh:path sh:qualifiedMinCount ; sh:minCount 1 ] [ sh:path sh:qualifiedMaxCount ; sh:minCount 1 ] ) .

# Declared property shapes have exactly one path; declared node shapes have none.
r:PropertyShape a sh:NodeShape ; sh:targetClass sh:PropertyShape ; sh:property [ sh:path sh:path ; sh:minCount 1 ] .
r:NodeShape a sh:NodeShape ; sh:targetClass sh:NodeShape ; sh:property [ sh:path sh:path ; sh:maxCount 0 ] .

# A complex path node has exactly one path operator.
r:PathNode a sh:NodeShape ;
  sh:targetSubjectsOf sh:inversePath, sh:alternativePath, sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath ;
  sh:xone ( [ sh:path sh:inversePath ; sh:minCount 1 ] [ sh:path sh:alternativePath ; sh:minCount 1 ]
            [ sh:path sh:zeroOrMorePath ; sh:minCount 1 ] [ sh:path sh:oneOrMorePath ; sh:minCount 1 ]
            [ sh:path sh:zeroOrOnePath ; sh:minCount 1 ] ) .

# Lists are checked cell by cell (linear in their length): a head is rdf:nil or a cell; a cell has exactly one
# rdf:first and one rdf:rest; whatever a rest points to is rdf:nil or another cell.
r:ListHead a sh:NodeShape ;
  sh:or ( [ sh:hasValue rdf:nil ] [ sh:path rdf:first ; sh:minCount 1 ] ) .
r:ListCell a sh:NodeShape ;
  sh:targetSubjectsOf rdf:first, rdf:rest ;
  sh:property [ sh:path rdf:first ; sh:minCount 1 ; sh:maxCount 1 ] ,
              [ sh:path rdf:rest ; sh:minCount 1 ; sh:maxCount 1 ; sh:node r:ListHead ] .

# sheaf's own promise: every derived shape names its rule, its source axiom and its source term.
r:DerivedShapeProvenance a sh:NodeShape ;
  sh:targetSubjectsOf sheaf:derivedBy ;
  sh:property [ sh:path sheaf:derivedBy ; sh:maxCount 1 ; sh:datatype xsd:string ] ,
              [ sh:path dct:source ; sh:minCount 1 ] ,
              [ sh:path sheaf:sourceAxiom ; sh:maxCount 1 ; sh:datatype xsd:string ] .
`;
