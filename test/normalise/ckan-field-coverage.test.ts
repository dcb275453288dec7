// Property coverage of ckanToDcat: every field a ckanext-dcat scheming (DCAT-AP + HealthDCAT-AP) package and a legacy-extras package carry maps to its property.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { ckanToDcat } from '../../src/normalise/ckan-to-dcat.js';
import { FIXTURES_DIR } from '../fixture-server.js';

type Json = Record<string, unknown>;
const load = (file: string): Json => (JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'ckan', file), 'utf8')) as { result: Json }).result;
const scheming = load('package-show-healthdcat.json');
const legacy = load('package-show-legacy-extras.json');

const H = NS.healthdcatap;
const DCATAP = 'http://data.europa.eu/r5r/';
const DPV = 'https://w3id.org/dpv#';
const OA = 'http://www.w3.org/ns/oa#';
const XSD = NS.xsd;

const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const one = (quads: Quad[], s: string, p: string): string => {
  const found = objects(quads, s, p);
  expect(found, `${s} ${p}`).toHaveLength(1);
  return found[0]!.value;
};
/** `value` or `value^^datatype` for each object, sorted. */
const shown = (quads: Quad[], s: string, p: string): string[] =>
  objects(quads, s, p).map((o) => (o.termType === 'Literal' && o.datatype.value !== `${XSD}string` ? `${o.value}^^${o.datatype.value.replace(XSD, 'xsd:')}` : o.value)).sort();

// Dataset fields of ckanext-dcat's dcat_ap_full.yaml and health_dcat_ap.yaml schemas, as a package_show answer
// names them (tag_string comes back as tags, owner_org as organization), with the property each maps to.
const DATASET_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['title', `${NS.dct}title`], ['notes', `${NS.dct}description`], ['tags', `${NS.dcat}keyword`],
  ['contact', `${NS.dcat}contactPoint`], ['publisher', `${NS.dct}publisher`], ['creator', `${NS.dct}creator`],
  ['homepage', `${NS.foaf}homepage`], ['url', `${NS.dcat}landingPage`], ['issued', `${NS.dct}issued`],
  ['modified', `${NS.dct}modified`], ['version', `${NS.dcat}version`], ['version_notes', `${NS.adms}versionNotes`],
  ['identifier', `${NS.dct}identifier`], ['frequency', `${NS.dct}accrualPeriodicity`], ['provenance', `${NS.dct}provenance`],
  ['dcat_type', `${NS.dct}type`], ['temporal_coverage', `${NS.dct}temporal`], ['temporal_resolution', `${NS.dcat}temporalResolution`],
  ['spatial_coverage', `${NS.dct}spatial`], ['spatial_resolution_in_meters', `${NS.dcat}spatialResolutionInMeters`],
  ['access_rights', `${NS.dct}accessRights`], ['alternate_identifier', `${NS.adms}identifier`], ['theme', `${NS.dcat}theme`],
  ['language', `${NS.dct}language`], ['documentation', `${NS.foaf}page`], ['conforms_to', `${NS.dct}conformsTo`],
  ['is_referenced_by', `${NS.dct}isReferencedBy`], ['applicable_legislation', `${DCATAP}applicableLegislation`],
  ['has_version', `${NS.dcat}hasVersion`], ['analytics', `${H}analytics`], ['code_values', `${H}hasCodeValues`],
  ['coding_system', `${H}hasCodingSystem`], ['purpose', `${DPV}hasPurpose`], ['health_category', `${H}healthCategory`],
  ['health_theme', `${H}healthTheme`], ['legal_basis', `${DPV}hasLegalBasis`], ['min_typical_age', `${H}minTypicalAge`],
  ['max_typical_age', `${H}maxTypicalAge`], ['number_of_records', `${H}numberOfRecords`],
  ['number_of_unique_individuals', `${H}numberOfUniqueIndividuals`], ['personal_data', `${DPV}hasPersonalData`],
  ['publisher_note', `${H}publisherNote`], ['publisher_type', `${H}publisherType`], ['trusted_data_holder', `${H}trustedDataHolder`],
  ['population_coverage', `${H}populationCoverage`], ['retention_period', `${H}retentionPeriod`], ['hdab', `${H}hdab`],
  ['qualified_relation', `${NS.dcat}qualifiedRelation`], ['provenance_activity', `${NS.prov}wasGeneratedBy`],
  ['qualified_attribution', `${NS.prov}qualifiedAttribution`], ['quality_annotation', `${NS.dqv}hasQualityAnnotation`],
];
const RESOURCE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['name', `${NS.dct}title`], ['description', `${NS.dct}description`], ['format', `${NS.dct}format`],
  ['mimetype', `${NS.dcat}mediaType`], ['compress_format', `${NS.dcat}compressFormat`], ['package_format', `${NS.dcat}packageFormat`],
  ['size', `${NS.dcat}byteSize`], ['hash', `${NS.spdx}checksum`], ['rights', `${NS.dct}rights`], ['availability', `${DCATAP}availability`],
  ['status', `${NS.adms}status`], ['license', `${NS.dct}license`], ['has_version', `${NS.dcat}hasVersion`],
  ['access_url', `${NS.dcat}accessURL`], ['download_url', `${NS.dcat}downloadURL`], ['issued', `${NS.dct}issued`],
  ['modified', `${NS.dct}modified`], ['language', `${NS.dct}language`], ['documentation', `${NS.foaf}page`],
  ['conforms_to', `${NS.dct}conformsTo`], ['applicable_legislation', `${DCATAP}applicableLegislation`],
  ['access_services', `${NS.dcat}accessService`], ['retention_period', `${H}retentionPeriod`],
];
// CKAN's own bookkeeping in a package_show answer: no DCAT meaning of its own.
const CKAN_OWN = new Set(['id', 'name', 'type', 'state', 'private', 'isopen', 'owner_org', 'creator_user_id', 'num_resources', 'num_tags',
  'license_id', 'license_title', 'license_url', 'metadata_created', 'metadata_modified', 'organization', 'groups', 'extras', 'resources',
  'author', 'author_email', 'maintainer', 'maintainer_email', 'uri']);
const RESOURCE_OWN = new Set(['id', 'package_id', 'position', 'state', 'url', 'url_type', 'uri', 'created', 'last_modified', 'metadata_modified',
  'cache_url', 'cache_last_updated', 'datastore_active', 'mimetype_inner', 'resource_type', 'hash_algorithm', 'spatial_resolution_in_meters', 'temporal_resolution']);
const filled = (v: unknown) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

describe('ckanToDcat over a ckanext-dcat scheming package (DCAT-AP 3 + HealthDCAT-AP)', () => {
  const { subject, quads, unmapped } = ckanToDcat(scheming, { siteUrl: 'https://data.health.example.eu' });
  const resource = (scheming.resources as Json[])[0]!;
  const dist = resource.uri as string;

  it('the fixture carries every schema field, and every filled field has a property', () => {
    for (const [field] of DATASET_FIELDS) expect(filled(scheming[field]), field).toBe(true);
    for (const [field] of RESOURCE_FIELDS) expect(filled(resource[field]), `resource ${field}`).toBe(true);
    const covered = new Set(DATASET_FIELDS.map(([f]) => f));
    expect(Object.keys(scheming).filter((k) => filled(scheming[k]) && !CKAN_OWN.has(k) && !covered.has(k))).toEqual([]);
    const resCovered = new Set(RESOURCE_FIELDS.map(([f]) => f));
    expect(Object.keys(resource).filter((k) => filled(resource[k]) && !RESOURCE_OWN.has(k) && !resCovered.has(k))).toEqual([]);
    expect(unmapped).toEqual([]);
  });

  it('names the dataset and the distribution by their scheming uri fields', () => {
    expect(subject).toBe(scheming.uri);
    expect(objects(quads, subject, `${NS.dcat}distribution`).map((o) => o.value)).toEqual([dist]);
  });

  it.each(DATASET_FIELDS)('maps the dataset field %s to %s', (_field, property) => {
    expect(objects(quads, subject, property).length).toBeGreaterThan(0);
  });

  it.each(RESOURCE_FIELDS)('maps the resource field %s to %s', (_field, property) => {
    expect(objects(quads, dist, property).length).toBeGreaterThan(0);
  });

  it.each([
    [`${NS.dct}issued`, ['2025-03-14^^xsd:date']],
    [`${NS.dct}modified`, ['2026-10-30T12:00:00Z^^xsd:dateTime']],
    [`${NS.dct}identifier`, ['ct-lung-0042']],
    [`${NS.dcat}theme`, ['http://publications.europa.eu/resource/authority/data-theme/HEAL']],
    [`${NS.dct}language`, ['http://publications.europa.eu/resource/authority/language/ENG', 'http://publications.europa.eu/resource/authority/language/SPA']],
    [`${NS.dct}accessRights`, ['http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC']],
    [`${NS.dcat}temporalResolution`, ['P1D^^xsd:duration']],
    [`${NS.dcat}spatialResolutionInMeters`, ['1000^^xsd:decimal']],
    [`${H}minTypicalAge`, ['18^^xsd:nonNegativeInteger']],
    [`${H}numberOfRecords`, ['1843^^xsd:nonNegativeInteger']],
    [`${H}trustedDataHolder`, ['true^^xsd:boolean']],
    [`${DPV}hasPersonalData`, ['https://w3id.org/dpv/dpv-pd#Age', 'https://w3id.org/dpv/dpv-pd#Gender']],
  ])('keeps the publisher\'s value and datatype for %s', (property, expected) => {
    expect(shown(quads, subject, property)).toEqual(expected);
  });

  it('never takes CKAN\'s metadata_created / metadata_modified for the dataset\'s stated dates', () => {
    const dates = [...objects(quads, subject, `${NS.dct}issued`), ...objects(quads, subject, `${NS.dct}modified`)].map((o) => o.value);
    expect(dates.some((d) => d.startsWith('2025-03-20') || d.startsWith('2026-11-02'))).toBe(false);
  });

  it('maps the repeating subfields to their nodes', () => {
    const contact = one(quads, subject, `${NS.dcat}contactPoint`);
    expect(contact).toBe('https://data.health.example.eu/contact/imaging-data-services');
    expect(shown(quads, contact, `${NS.vcard}hasEmail`)).toEqual(['mailto:dataservices@hospital.example.eu']);
    expect(shown(quads, contact, `${NS.vcard}fn`)).toEqual(['Imaging data services']);
    const publisher = one(quads, subject, `${NS.dct}publisher`);
    expect(publisher).toBe('https://hospital.example.eu/');
    expect(shown(quads, publisher, `${NS.foaf}name`)).toEqual(['Example University Hospital']);
    expect(shown(quads, publisher, `${NS.dct}type`)).toEqual(['http://purl.org/adms/publishertype/NationalAuthority']);
    expect(shown(quads, one(quads, subject, `${H}hdab`), `${NS.foaf}mbox`)).toEqual(['mailto:access@hdab.example.eu']);
    const period = one(quads, subject, `${NS.dct}temporal`);
    expect(shown(quads, period, `${NS.dcat}startDate`)).toEqual(['2019-01-01^^xsd:date']);
    expect(shown(quads, period, `${NS.dcat}endDate`)).toEqual(['2024-12-31^^xsd:date']);
    const place = one(quads, subject, `${NS.dct}spatial`);
    expect(place).toBe('http://publications.europa.eu/resource/authority/country/ESP');
    expect(shown(quads, place, `${NS.skos}prefLabel`)).toEqual(['Spain']);
    expect(objects(quads, place, `${NS.dcat}centroid`)).toHaveLength(1);
    const relation = one(quads, subject, `${NS.dcat}qualifiedRelation`);
    expect(shown(quads, relation, `${NS.dct}relation`)).toEqual(['https://data.health.example.eu/dataset/ct-lung-0041']);
    expect(shown(quads, relation, `${NS.dcat}hadRole`)).toEqual(['http://www.iana.org/assignments/relation/related']);
    const attribution = one(quads, subject, `${NS.prov}qualifiedAttribution`);
    expect(shown(quads, one(quads, attribution, `${NS.prov}agent`), `${NS.foaf}name`)).toEqual(['Data protection office']);
    const activity = one(quads, subject, `${NS.prov}wasGeneratedBy`);
    expect(shown(quads, activity, `${NS.prov}startedAtTime`)).toEqual(['2025-02-01T08:00:00+00:00^^xsd:dateTime']);
    const associated = one(quads, activity, `${NS.prov}wasAssociatedWith`);
    expect(shown(quads, one(quads, associated, `${NS.prov}actedOnBehalfOf`), `${NS.foaf}name`)).toEqual(['Example University Hospital']);
    const annotation = one(quads, subject, `${NS.dqv}hasQualityAnnotation`);
    expect(shown(quads, annotation, `${OA}hasBody`)).toEqual(['https://certificates.example.eu/ct-lung-0042']);
    expect(shown(quads, one(quads, subject, `${H}retentionPeriod`), `${NS.dcat}endDate`)).toEqual(['2035-12-31^^xsd:date']);
  });

  it('maps the resource: media type, size, checksum, access service', () => {
    expect(shown(quads, dist, `${NS.dcat}mediaType`)).toEqual(['https://www.iana.org/assignments/media-types/application/dicom']);
    expect(shown(quads, dist, `${NS.dcat}byteSize`)).toEqual(['48318382080^^xsd:nonNegativeInteger']);
    const checksum = one(quads, dist, `${NS.spdx}checksum`);
    expect(shown(quads, checksum, `${NS.spdx}checksumValue`)).toEqual(['9e107d9d372bb6826bd81d3542a419d6^^xsd:hexBinary']);
    expect(shown(quads, checksum, `${NS.spdx}algorithm`)).toEqual(['http://spdx.org/rdf/terms#checksumAlgorithm_md5']);
    const service = one(quads, dist, `${NS.dcat}accessService`);
    expect(service).toBe('https://hospital.example.eu/dicomweb#service');
    expect(shown(quads, service, `${NS.dcat}endpointURL`)).toEqual(['https://hospital.example.eu/dicomweb']);
    expect(shown(quads, service, `${NS.dct}accessRights`)).toEqual(['http://publications.europa.eu/resource/authority/access-right/RESTRICTED']);
    expect(shown(quads, dist, `${NS.dct}issued`)).toEqual(['2025-03-20^^xsd:date']);
  });

  it('takes language-tagged values from multilingual scheming fields', () => {
    const m = ckanToDcat({ ...scheming, title_translated: { en: 'Lung CT cohort', es: 'Cohorte TC de pulmón' }, tags_translated: { en: ['lung'], es: ['pulmón'] } }, { siteUrl: 'https://x.example' });
    const titles = objects(m.quads, m.subject, `${NS.dct}title`).map((o) => `${o.value}@${(o as { language: string }).language}`).sort();
    expect(titles).toEqual(['Cohorte TC de pulmón@es', 'Lung CT cohort@en']);
    expect(objects(m.quads, m.subject, `${NS.dcat}keyword`).map((o) => o.value).sort()).toEqual(['lung', 'pulmón']);
  });

  it('skips the empty rows CKAN forms save (as in ckanext-dcat\'s own HealthDCAT-AP example)', () => {
    const empty = { ...resource, access_services: [{ access_rights: '', endpoint_url: [], serves_dataset: [], title: '', uri: '' }], retention_period: [{ start: '', end: '' }] };
    const m = ckanToDcat({ ...scheming, contact: [{ name: '', email: '', uri: '' }], resources: [empty] }, { siteUrl: 'https://x.example' });
    expect(objects(m.quads, dist, `${NS.dcat}accessService`)).toEqual([]);
    expect(objects(m.quads, dist, `${H}retentionPeriod`)).toEqual([]);
    expect(objects(m.quads, m.subject, `${NS.dcat}contactPoint`)).toEqual([]);
  });
});

// ckanext-dcat's legacy (non-scheming) profile keeps DCAT fields as extras: lists as JSON text, agents as
// `publisher_name`, `contact_email`…, the period as temporal_start/end, the place as spatial_uri/_text and GeoJSON.
const LEGACY_EXTRAS: ReadonlyArray<readonly [string, string]> = [
  ['access_rights', `${NS.dct}accessRights`], ['alternate_identifier', `${NS.adms}identifier`],
  ['applicable_legislation', `${DCATAP}applicableLegislation`], ['conforms_to', `${NS.dct}conformsTo`],
  ['contact_email', `${NS.dcat}contactPoint`], ['creator_name', `${NS.dct}creator`], ['dcat_type', `${NS.dct}type`],
  ['documentation', `${NS.foaf}page`], ['frequency', `${NS.dct}accrualPeriodicity`], ['has_version', `${NS.dcat}hasVersion`],
  ['hvd_category', `${DCATAP}hvdCategory`], ['identifier', `${NS.dct}identifier`], ['is_referenced_by', `${NS.dct}isReferencedBy`],
  ['is_version_of', `${NS.dcat}isVersionOf`], ['issued', `${NS.dct}issued`], ['language', `${NS.dct}language`],
  ['modified', `${NS.dct}modified`], ['provenance', `${NS.dct}provenance`], ['publisher_name', `${NS.dct}publisher`],
  ['related_resource', `${NS.dct}relation`], ['sample', `${NS.adms}sample`], ['source', `${NS.dct}source`],
  ['spatial_uri', `${NS.dct}spatial`], ['spatial_resolution_in_meters', `${NS.dcat}spatialResolutionInMeters`],
  ['temporal_start', `${NS.dct}temporal`], ['temporal_resolution', `${NS.dcat}temporalResolution`], ['theme', `${NS.dcat}theme`],
  ['version_notes', `${NS.adms}versionNotes`],
];

describe('ckanToDcat over a legacy-extras package', () => {
  const { subject, quads, unmapped } = ckanToDcat(legacy, { siteUrl: 'https://opendata.city.example.de' });

  it('names the dataset by the uri extra and maps every extra', () => {
    expect(subject).toBe('https://opendata.city.example.de/dataset/luftqualitaet-messstationen');
    const keys = new Set((legacy.extras as { key: string }[]).map((e) => e.key));
    for (const [key] of LEGACY_EXTRAS) expect(keys.has(key), key).toBe(true);
    expect(unmapped).toEqual([]);
  });

  it.each(LEGACY_EXTRAS)('maps the extra %s to %s', (_key, property) => {
    expect(objects(quads, subject, property).length).toBeGreaterThan(0);
  });

  it('reads JSON lists, flat agents, the period and the place', () => {
    expect(shown(quads, subject, `${NS.dct}language`)).toEqual(['http://publications.europa.eu/resource/authority/language/DEU']);
    expect(shown(quads, subject, `${NS.dct}issued`)).toEqual(['2019-05-01T00:00:00Z^^xsd:dateTime']);
    const publisher = one(quads, subject, `${NS.dct}publisher`);
    expect(publisher).toBe('https://www.city.example.de/');
    expect(shown(quads, publisher, `${NS.foaf}name`)).toEqual(['Stadt Beispielstadt']);
    expect(shown(quads, publisher, `${NS.foaf}mbox`)).toEqual(['mailto:opendata@city.example.de']);
    expect(shown(quads, publisher, `${NS.dct}type`)).toEqual(['http://purl.org/adms/publishertype/LocalAuthority']);
    expect(objects(quads, subject, `${H}publisherType`)).toEqual([]);
    const contact = one(quads, subject, `${NS.dcat}contactPoint`);
    expect(shown(quads, contact, `${NS.vcard}fn`)).toEqual(['Umweltamt, Sachgebiet Luft']);
    const period = one(quads, subject, `${NS.dct}temporal`);
    expect(shown(quads, period, `${NS.dcat}startDate`)).toEqual(['2019-01-01^^xsd:date']);
    const place = one(quads, subject, `${NS.dct}spatial`);
    expect(place).toBe('http://dcat-ap.de/def/politicalGeocoding/municipalityKey/08111000');
    expect(shown(quads, place, `${NS.skos}prefLabel`)).toEqual(['Beispielstadt']);
    expect(objects(quads, place, 'http://www.w3.org/ns/locn#geometry')).toHaveLength(1);
  });

  it('reads the flat form from top-level fields too (schemas that keep contact_* and the GeoJSON spatial field flat)', () => {
    const flat = {
      id: 'f', title: 'Flat', contact_name: 'Data desk', contact_email: 'desk@city.example.de',
      spatial: '{"type": "Point", "coordinates": [9.18, 48.78]}', temporal_start: '2020-01-01', publisher_type: ['http://purl.org/adms/publishertype/LocalAuthority'],
    };
    const m = ckanToDcat(flat, { siteUrl: 'https://x.example' });
    expect(m.unmapped).toEqual([]);
    expect(shown(m.quads, one(m.quads, m.subject, `${NS.dcat}contactPoint`), `${NS.vcard}hasEmail`)).toEqual(['mailto:desk@city.example.de']);
    expect(objects(m.quads, one(m.quads, m.subject, `${NS.dct}spatial`), 'http://www.w3.org/ns/locn#geometry')).toHaveLength(1);
    expect(shown(m.quads, one(m.quads, m.subject, `${NS.dct}temporal`), `${NS.dcat}startDate`)).toEqual(['2020-01-01^^xsd:date']);
    // HealthDCAT-AP's publisher_type list stays its own property, not the publisher's dct:type.
    expect(shown(m.quads, m.subject, `${H}publisherType`)).toEqual(['http://purl.org/adms/publishertype/LocalAuthority']);
    expect(objects(m.quads, m.subject, `${NS.dct}publisher`)).toEqual([]);
  });

  it('maps the resource\'s DCAT fields and its access services held as JSON text', () => {
    const dist = (legacy.resources as Json[])[0]!.uri as string;
    expect(shown(quads, dist, `${NS.dcat}downloadURL`)).toEqual(['https://opendata.city.example.de/files/luft-stundenwerte.csv']);
    expect(shown(quads, dist, `${NS.dcat}accessURL`)).toEqual(['https://opendata.city.example.de/dataset/luftqualitaet-messstationen/resource/stundenwerte']);
    expect(shown(quads, dist, `${NS.dcat}mediaType`)).toEqual(['https://www.iana.org/assignments/media-types/text/csv']);
    expect(shown(quads, dist, `${NS.dct}format`)).toEqual(['CSV']);
    const service = one(quads, dist, `${NS.dcat}accessService`);
    expect(shown(quads, service, `${NS.dct}title`)).toEqual(['Luftdaten-API']);
  });
});
