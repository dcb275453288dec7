// **namespace-aliases** lists the IRI forms harvested records use for the namespaces and properties sheaf reads.
import { NS } from '../core/namespaces.js';

/** A namespace written another way: every IRI starting with `from` is rewritten to start with `to`. */
export interface NamespaceAlias {
  readonly from: string;
  readonly to: string;
}

const EUCAIM_ACCESS = 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/access-conditions/#';

// Order does not matter: aliasNamespaces tries the longest matching `from` first.
export const NAMESPACE_ALIASES: readonly NamespaceAlias[] = Object.freeze([
  // HealthDCAT-AP: the spec's w3id form, the https form of the portal namespace, and healthdcatap.org (no hash),
  // which EUCAIM's catalogue export writes.
  { from: 'https://w3id.org/healthdcat-ap#', to: NS.healthdcatap },
  { from: 'http://w3id.org/healthdcat-ap#', to: NS.healthdcatap },
  { from: 'https://healthdataportal.eu/ns/health#', to: NS.healthdcatap },
  { from: 'http://www.healthdcatap.org/', to: NS.healthdcatap },
  { from: 'https://www.healthdcatap.org/', to: NS.healthdcatap },
  { from: 'http://healthdcatap.org/', to: NS.healthdcatap },
  { from: 'https://healthdcatap.org/', to: NS.healthdcatap },
  // EUCAIM: the ontology namespace over http or with a slash, and the eucaim.org form of its catalogue export
  // (including the one-slash `https:/www.eucaim.org/` that export really writes).
  { from: 'http://cancerimage.eu/ontology/EUCAIM#', to: NS.eucaim },
  { from: 'https://cancerimage.eu/ontology/EUCAIM/', to: NS.eucaim },
  { from: 'http://cancerimage.eu/ontology/EUCAIM/', to: NS.eucaim },
  { from: 'https://www.eucaim.org/', to: NS.eucaim },
  { from: 'http://www.eucaim.org/', to: NS.eucaim },
  { from: 'https:/www.eucaim.org/', to: NS.eucaim },
  // EUCAIM access conditions: the concepts' declared scheme path vs the published hash namespace.
  { from: 'https://eucaim.github.io/eucaim_dcat_ap/resource/authority/access-condition/', to: EUCAIM_ACCESS },
  { from: 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/access-conditions/', to: EUCAIM_ACCESS },
  // DPV: the SKOS rendering's namespace.
  { from: 'https://w3id.org/dpv/dpv-skos#', to: 'https://w3id.org/dpv#' },
  // EU authority tables are identified over http.
  { from: 'https://publications.europa.eu/resource/authority/', to: 'http://publications.europa.eu/resource/authority/' },
]);

// Local names as the specifications spell them; harvested records vary the case (`numberofRecords`).
const CANONICAL_LOCAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  [NS.healthdcatap]: [
    'analytics', 'hasCodeValues', 'hasCodingSystem', 'hasStructuredData', 'hdab', 'healthCategory', 'healthTheme',
    'maxTypicalAge', 'minTypicalAge', 'numberOfRecords', 'numberOfUniqueIndividuals', 'populationCoverage',
    'publisherNote', 'publisherType', 'retentionPeriod', 'trustedDataHolder',
  ],
  [NS.eucaim]: [
    'hasImageModality', 'hasImageBodyPart', 'hasCondition', 'hasEquipmentManufacturer', 'hasBirthSex',
    'collectionMethod', 'interoperabilityLevel', 'hasAnnotationLabel', 'hasAlgorithmType', 'nbrOfSegmentations',
    'nbrOfSeries',
  ],
};

/** Lower-cased full IRI → the canonical IRI, for the known terms of each aliased namespace. */
export const CANONICAL_TERMS: ReadonlyMap<string, string> = new Map(
  Object.entries(CANONICAL_LOCAL_NAMES).flatMap(([ns, names]) =>
    names.map((n) => [`${ns}${n}`.toLowerCase(), `${ns}${n}`] as const),
  ),
);

/** Properties renamed between versions or by other exports; applied to predicates only. */
export const PROPERTY_ALIASES: ReadonlyMap<string, string> = new Map([
  [`${NS.adms}interoperabilityLevel`, `${NS.eucaim}interoperabilityLevel`],
  [`${NS.eucaim}hasImageVendor`, `${NS.eucaim}hasEquipmentManufacturer`],
  [`${NS.eucaim}hasAssociatedSex`, `${NS.eucaim}hasBirthSex`],
]);
