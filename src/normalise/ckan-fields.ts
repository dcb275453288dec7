// **CKAN_DATASET_FIELDS** and **CKAN_RESOURCE_FIELDS**: the ckanext-dcat (DCAT-AP 2/3, HealthDCAT-AP) field names and the property each one maps to.
import { NS } from '../core/namespaces.js';
import type { ValueKind } from './ckan-values.js';

export interface FieldRule {
  readonly property: string;
  readonly kind: ValueKind;
  /** False for single-valued fields: only the first value is kept. */
  readonly list?: boolean;
}

const DCATAP = 'http://data.europa.eu/r5r/';
const DPV = 'https://w3id.org/dpv#';
const H = NS.healthdcatap;
const rule = (property: string, kind: ValueKind, list = true): FieldRule => Object.freeze({ property, kind, list });
const RIGHTS = { statement: `${NS.dct}RightsStatement` } as const;
const PROVENANCE = { statement: `${NS.dct}ProvenanceStatement` } as const;

/**
 * Plain dataset fields, by the name scheming gives them at the top level of a package and ckanext-dcat's
 * legacy profile gives them as `extras` (the same names). Properties are DCAT-AP 3's where it renamed one
 * (dcat:version, dcat:hasVersion, dcat:isVersionOf instead of owl:versionInfo and the dct: forms).
 * Identity, dates, agents and other structured fields are mapped in ckan-to-dcat.ts / ckan-nodes.ts.
 */
export const CKAN_DATASET_FIELDS: ReadonlyMap<string, FieldRule> = new Map([
  ['title', rule(`${NS.dct}title`, 'text', false)],
  ['notes', rule(`${NS.dct}description`, 'text', false)],
  ['url', rule(`${NS.dcat}landingPage`, 'iri', false)],
  ['homepage', rule(`${NS.foaf}homepage`, 'iri', false)],
  ['version', rule(`${NS.dcat}version`, 'text', false)],
  ['version_notes', rule(`${NS.adms}versionNotes`, 'text', false)],
  ['frequency', rule(`${NS.dct}accrualPeriodicity`, 'iri', false)],
  ['provenance', rule(`${NS.dct}provenance`, PROVENANCE, false)],
  ['access_rights', rule(`${NS.dct}accessRights`, RIGHTS, false)],
  ['dcat_type', rule(`${NS.dct}type`, 'iri', false)],
  ['temporal_resolution', rule(`${NS.dcat}temporalResolution`, 'duration', false)],
  ['spatial_resolution_in_meters', rule(`${NS.dcat}spatialResolutionInMeters`, 'decimal')],
  ['alternate_identifier', rule(`${NS.adms}identifier`, 'identifier')],
  ['theme', rule(`${NS.dcat}theme`, 'iri')],
  ['language', rule(`${NS.dct}language`, 'iri')],
  ['documentation', rule(`${NS.foaf}page`, 'iri')],
  ['conforms_to', rule(`${NS.dct}conformsTo`, 'iri')],
  ['is_referenced_by', rule(`${NS.dct}isReferencedBy`, 'iri')],
  ['applicable_legislation', rule(`${DCATAP}applicableLegislation`, 'iri')],
  ['hvd_category', rule(`${DCATAP}hvdCategory`, 'iri')],
  ['related_resource', rule(`${NS.dct}relation`, 'iri')],
  ['has_version', rule(`${NS.dcat}hasVersion`, 'iri')],
  ['is_version_of', rule(`${NS.dcat}isVersionOf`, 'iri')],
  ['source', rule(`${NS.dct}source`, 'iri')],
  ['sample', rule(`${NS.adms}sample`, 'iri')],
  // HealthDCAT-AP (ckanext-dcat's euro_health_dcat_ap profile and health_dcat_ap.yaml).
  ['analytics', rule(`${H}analytics`, 'iri')],
  ['code_values', rule(`${H}hasCodeValues`, 'iri')],
  ['coding_system', rule(`${H}hasCodingSystem`, 'iri')],
  ['health_category', rule(`${H}healthCategory`, 'iri')],
  // ckanext-dcat writes health_theme under healthCategory; HealthDCAT-AP has its own healthTheme, used here.
  ['health_theme', rule(`${H}healthTheme`, 'iri')],
  ['legal_basis', rule(`${DPV}hasLegalBasis`, 'iri')],
  ['personal_data', rule(`${DPV}hasPersonalData`, 'iri')],
  ['purpose', rule(`${DPV}hasPurpose`, 'iri')],
  ['population_coverage', rule(`${H}populationCoverage`, 'text')],
  ['publisher_note', rule(`${H}publisherNote`, 'text')],
  ['publisher_type', rule(`${H}publisherType`, 'iri')],
  ['trusted_data_holder', rule(`${H}trustedDataHolder`, 'boolean', false)],
  ['min_typical_age', rule(`${H}minTypicalAge`, 'nonNegativeInteger', false)],
  ['max_typical_age', rule(`${H}maxTypicalAge`, 'nonNegativeInteger', false)],
  ['number_of_records', rule(`${H}numberOfRecords`, 'nonNegativeInteger', false)],
  ['number_of_unique_individuals', rule(`${H}numberOfUniqueIndividuals`, 'nonNegativeInteger', false)],
]);

/** Plain resource (distribution) fields; URLs, dates, format, checksum and services are in ckan-resource.ts. */
export const CKAN_RESOURCE_FIELDS: ReadonlyMap<string, FieldRule> = new Map([
  ['name', rule(`${NS.dct}title`, 'text', false)],
  ['description', rule(`${NS.dct}description`, 'text', false)],
  ['status', rule(`${NS.adms}status`, 'iri', false)],
  ['license', rule(`${NS.dct}license`, 'iri', false)],
  ['rights', rule(`${NS.dct}rights`, RIGHTS, false)],
  ['availability', rule(`${DCATAP}availability`, 'iri', false)],
  ['compress_format', rule(`${NS.dcat}compressFormat`, 'iri', false)],
  ['package_format', rule(`${NS.dcat}packageFormat`, 'iri', false)],
  ['download_url', rule(`${NS.dcat}downloadURL`, 'iri')],
  ['temporal_resolution', rule(`${NS.dcat}temporalResolution`, 'duration', false)],
  ['spatial_resolution_in_meters', rule(`${NS.dcat}spatialResolutionInMeters`, 'decimal')],
  ['language', rule(`${NS.dct}language`, 'iri')],
  ['documentation', rule(`${NS.foaf}page`, 'iri')],
  ['conforms_to', rule(`${NS.dct}conformsTo`, 'iri')],
  ['applicable_legislation', rule(`${DCATAP}applicableLegislation`, 'iri')],
  ['has_version', rule(`${NS.dcat}hasVersion`, 'iri')],
]);

/** Package keys that are CKAN's own bookkeeping (or read elsewhere): never reported as unmapped. */
export const CKAN_INTERNAL_FIELDS: ReadonlySet<string> = new Set([
  'id', 'name', 'type', 'state', 'private', 'isopen', 'owner_org', 'creator_user_id', 'num_resources', 'num_tags',
  'license_title', 'license_id', 'license_url', 'metadata_created', 'metadata_modified', 'organization', 'groups',
  'relationships_as_subject', 'relationships_as_object', 'tracking_summary', 'extras', 'resources', 'tags',
  'tag_string', 'author', 'author_email', 'maintainer', 'maintainer_email', 'guid', 'uri', 'identifier',
  'issued', 'modified', 'harvest_object_id', 'harvest_source_id', 'harvest_source_title', 'harvest_url',
  'dcat_issued', 'dcat_modified', 'dcat_version', 'dcat_publisher_name', 'dcat_publisher_email',
]);

/** Resource keys that are CKAN's own bookkeeping or read elsewhere (URLs, dates, format, checksum, services). */
export const CKAN_RESOURCE_INTERNAL_FIELDS: ReadonlySet<string> = new Set([
  'id', 'package_id', 'position', 'state', 'url', 'url_type', 'access_url', 'uri', 'format', 'mimetype', 'mimetype_inner',
  'size', 'hash', 'hash_algorithm', 'issued', 'modified', 'created', 'last_modified', 'metadata_modified', 'cache_url',
  'cache_last_updated', 'datastore_active', 'resource_type', 'access_services', 'retention_period', 'issued_date',
  'issued_time', 'modified_date', 'modified_time', 'distribution_ref', 'tracking_summary',
]);
