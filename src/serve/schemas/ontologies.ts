// **ontology schemas**: TypeBox shapes of the ontology-version routes (versions, diff, impact) and GET /api/shapes.
import { Type } from 'typebox';
import { problemResponse } from './problem.js';

const Iris = Type.Array(Type.String());
const Deprecation = Type.Object({ iri: Type.String(), replacedBy: Type.Optional(Type.String()) });
const ConstraintChange = Type.Object({
  target: Type.String({ description: '`class <C>`, `subjectsOf <p>`, `objectsOf <p>` or `node <n>`' }),
  path: Type.String(),
  constraint: Type.String(),
  severity: Type.String(),
  before: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
});
const TargetChange = Type.Object({ class: Type.String(), via: Type.String({ description: 'the ancestor whose constraints now apply' }) });

export const DiffSchema = Type.Object({
  classes: Type.Object({
    added: Iris, removed: Iris, deprecated: Type.Array(Deprecation),
    moved: Type.Array(Type.Object({ iri: Type.String(), before: Iris, after: Iris })),
  }),
  properties: Type.Object({
    added: Iris, removed: Iris, deprecated: Type.Array(Deprecation),
    changed: Type.Array(Type.Object({ iri: Type.String(), axiom: Type.String(), added: Iris, removed: Iris })),
  }),
  targets: Type.Object({ added: Type.Array(TargetChange), removed: Type.Array(TargetChange) }),
  constraints: Type.Object({ tightened: Type.Array(ConstraintChange), loosened: Type.Array(ConstraintChange) }),
  touched: Type.Object({ classes: Iris, properties: Iris, values: Iris }),
});

const ResultRow = Type.Object({
  severity: Type.String(), focusNode: Type.String(), path: Type.Optional(Type.String()), value: Type.Optional(Type.String()),
  message: Type.String(), sourceShape: Type.String(), sourceConstraintComponent: Type.String(),
});

export const ImpactSchema = Type.Object({
  candidates: Type.Integer({ description: 'records using a touched class, property or value: the only ones revalidated' }),
  revalidated: Type.Integer(),
  changed: Type.Integer({ description: 'records whose validation status changed' }),
  newlyInvalidCount: Type.Integer(),
  newlyInvalid: Type.Array(Type.Object({
    feedId: Type.String(), key: Type.String(), datasetIri: Type.String(), before: Type.String(),
    violations: Type.Array(ResultRow),
    suggestions: Type.Array(Type.Object({ term: Type.String(), reason: Type.String(), replacement: Type.Optional(Type.String()) })),
  })),
  nowValid: Type.Array(Type.Object({ feedId: Type.String(), key: Type.String(), before: Type.String(), after: Type.String() })),
  skipped: Type.Integer(),
});

export const VersionSchema = Type.Object({
  id: Type.String(),
  ontologyIri: Type.String({ description: 'the owl:Ontology IRI; versions of one ontology form a series with one current version' }),
  versionIri: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  previous: Type.Optional(Type.String()),
  loadedAt: Type.String(),
  loadedBy: Type.String(),
  format: Type.String(),
  quads: Type.Integer(),
  sha256: Type.String(),
  current: Type.Boolean(),
  activatedAt: Type.Optional(Type.String()),
  href: Type.String(),
});

export const ActivationSchema = Type.Object({
  id: Type.String(),
  version: VersionSchema,
  comparedWith: Type.String({ description: 'a version id, `bundled` (the profile files) or `none`' }),
  diff: DiffSchema,
  impact: ImpactSchema,
});

export const VersionDetailSchema = Type.Object({
  version: VersionSchema,
  comparedWith: Type.Optional(Type.String()),
  diff: Type.Optional(DiffSchema),
  impact: Type.Optional(ImpactSchema),
});

export const OntologyIdParams = Type.Object({ id: Type.String({ pattern: '^v[0-9]{1,9}$' }) });
export const LoadQuery = Type.Object({ label: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const ShapesQuery = Type.Object({
  profile: Type.Optional(Type.String({ description: 'the full shapes graph this profile validates with; without it, the derived shapes of every current ontology' })),
}, { additionalProperties: false });

export const loadResponses = {
  201: ActivationSchema,
  400: problemResponse('malformed RDF, an empty ontology, or one whose derived shapes do not compile'),
  401: problemResponse('no bearer token'),
  403: problemResponse('the token is not a curator'),
  409: problemResponse('another load or restore is running'),
  413: problemResponse('larger than 50 MB'),
  415: problemResponse('not Turtle, RDF/XML, N-Triples or JSON-LD (OWL/XML is not read)'),
  422: problemResponse('the document declares no owl:Ontology (CAT_ERR_NOT_AN_ONTOLOGY): nothing is loaded'),
} as const;

export const restoreResponses = {
  200: ActivationSchema,
  401: problemResponse('no bearer token'),
  403: problemResponse('the token is not a curator'),
  404: problemResponse('no such version'),
  409: problemResponse('the version is already current, or another load is running'),
} as const;

export const listResponses = { 200: Type.Object({ versions: Type.Array(VersionSchema) }) } as const;
export const detailResponses = {
  200: { description: 'the version with its diff and impact (JSON), or its quads (RDF Accept types)', content: { 'application/json': { schema: VersionDetailSchema }, 'text/turtle': { schema: Type.String() } } },
  404: problemResponse('no such version'),
  406: problemResponse('no acceptable format'),
} as const;
export const shapesResponses = {
  200: { description: 'a SHACL shapes graph', content: { 'text/turtle': { schema: Type.String() } } },
  400: problemResponse('unknown profile'),
  406: problemResponse('no acceptable RDF format'),
} as const;
