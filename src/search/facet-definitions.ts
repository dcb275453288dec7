// **FACETS** names every search facet and range filter, and where in a DCAT-AP record its values live.
import { NS } from '../core/namespaces.js';

const HEALTH = NS.healthdcatap;

export interface FacetDefinition {
  /** Query-string name (`/api/search?condition=…`) and key in responses. */
  readonly name: string;
  /** Property of the dataset, or `distribution` properties reached through dcat:distribution. */
  readonly path: readonly string[];
  /** `term`: values are hyperontology classes, so filters and counts roll up the hierarchy. */
  readonly kind: 'term' | 'iri' | 'literal';
}

const D = `${NS.dcat}distribution`;

export const FACETS: readonly FacetDefinition[] = Object.freeze([
  { name: 'condition', path: [`${NS.eucaim}hasCondition`], kind: 'term' },
  { name: 'modality', path: [`${NS.eucaim}hasImageModality`], kind: 'term' },
  { name: 'bodyPart', path: [`${NS.eucaim}hasImageBodyPart`], kind: 'term' },
  { name: 'manufacturer', path: [`${NS.eucaim}hasEquipmentManufacturer`], kind: 'term' },
  { name: 'sex', path: [`${NS.eucaim}hasBirthSex`], kind: 'term' },
  // EUCAIM calls its interoperability levels "tiers".
  { name: 'tier', path: [`${NS.eucaim}interoperabilityLevel`], kind: 'term' },
  { name: 'datasetType', path: [`${NS.dct}type`], kind: 'term' },
  { name: 'collectionMethod', path: [`${NS.eucaim}collectionMethod`], kind: 'term' },
  { name: 'accessRights', path: [`${NS.dct}accessRights`], kind: 'iri' },
  { name: 'accessCondition', path: [D, `${NS.dct}rights`], kind: 'iri' },
  { name: 'publisher', path: [`${NS.dct}publisher`], kind: 'iri' },
  { name: 'theme', path: [`${NS.dcat}theme`], kind: 'iri' },
  { name: 'format', path: [D, `${NS.dct}format`], kind: 'iri' },
  { name: 'licence', path: [D, `${NS.dct}license`], kind: 'iri' },
  { name: 'country', path: [`${NS.dct}spatial`], kind: 'iri' },
]);

export const FACET_BY_NAME: ReadonlyMap<string, FacetDefinition> = new Map(FACETS.map((f) => [f.name, f]));

/** Numeric fields a search can filter by range (`subjects_min=…&subjects_max=…`) and sort by. */
export const RANGE_FIELDS = Object.freeze({
  subjects: `${HEALTH}numberOfUniqueIndividuals`,
  studies: `${HEALTH}numberOfRecords`,
  minAge: `${HEALTH}minTypicalAge`,
  maxAge: `${HEALTH}maxTypicalAge`,
} as const);
