// **ckanToDcat** maps one CKAN package (Action API JSON) to DCAT-AP quads, usable without any harvester.
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

export interface CkanToDcatOptions {
  /** The CKAN site root (e.g. `https://ckan.example.eu`): dataset and resource IRIs are minted under it. */
  readonly siteUrl: string;
}

export interface CkanMapping {
  /** The dataset node: the `uri` extra when the publisher gave one, else `{site}/dataset/{id}`. */
  readonly subject: string;
  readonly quads: Quad[];
  /** Extras with no DCAT-AP meaning here; reported, never carried along as an untyped bag. */
  readonly unmapped: string[];
}

type Json = Readonly<Record<string, unknown>>;

const iri = (ns: keyof typeof NS, local: string) => namedNode(NS[ns] + local);
const XSD_DATETIME = iri('xsd', 'dateTime');
const RDF_TYPE = iri('rdf', 'type');

// Extras written by ckanext-dcat and common DCAT-AP CKAN schemas; each one a single property.
const EXTRA_IRIS: Readonly<Record<string, string>> = {
  access_rights: `${NS.dct}accessRights`,
  conforms_to: `${NS.dct}conformsTo`,
  theme: `${NS.dcat}theme`,
  spatial_uri: `${NS.dct}spatial`,
  frequency: `${NS.dct}accrualPeriodicity`,
  language: `${NS.dct}language`,
  documentation: `${NS.foaf}page`,
  provenance: `${NS.dct}provenance`,
};
const EXTRA_LITERALS: Readonly<Record<string, string>> = {
  identifier: `${NS.dct}identifier`,
  version_notes: `${NS.adms}versionNotes`,
};
// Extras that the mapping reads elsewhere (identity, dates, harvest bookkeeping of other harvesters).
const EXTRA_CONSUMED = new Set(['uri', 'issued', 'modified', 'guid', 'harvest_object_id', 'harvest_source_id', 'harvest_source_title']);

// CKAN licence ids (its default registry and the versioned ids portals add) whose EU licence
// authority concept is certain; anything else keeps the package's license_url or its id as a literal.
const EU_LICENCE = 'http://publications.europa.eu/resource/authority/licence/';
const CKAN_LICENCES: ReadonlyMap<string, string> = new Map([
  ['cc-zero', 'CC0'], ['cc0', 'CC0'], ['cc0-1.0', 'CC0'],
  ['cc-by-4.0', 'CC_BY_4_0'], ['cc-by-sa-4.0', 'CC_BY_SA_4_0'], ['cc-by-nd-4.0', 'CC_BY_ND_4_0'],
  ['cc-by-nc-4.0', 'CC_BY_NC_4_0'], ['cc-by-nc-sa-4.0', 'CC_BY_NC_SA_4_0'], ['cc-by-nc-nd-4.0', 'CC_BY_NC_ND_4_0'],
  ['odc-by', 'ODC_BY'], ['odc-odbl', 'ODC_ODBL'], ['odc-pddl', 'ODC_PDDL'],
].map(([id, code]) => [id!, EU_LICENCE + code!]));

/** The licence node for a package: its URL, a known CKAN id as an EU concept, else the id as text. */
function licenceOf(pkg: Json): Quad_Object | undefined {
  const url = str(pkg.license_url);
  if (url && isUrl(url)) return namedNode(url);
  const id = str(pkg.license_id);
  if (!id || id === 'notspecified') return undefined;
  const known = CKAN_LICENCES.get(id.toLowerCase());
  return known ? namedNode(known) : isUrl(id) ? namedNode(id) : literal(id);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const isUrl = (v: string): boolean => /^https?:\/\/\S+$/i.test(v);

/** CKAN stores naive UTC timestamps (`2026-01-10T09:15:00.000000`); DCAT-AP wants an explicit zone. */
export function ckanDate(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) return value;
  const fraction = m[2] ? m[2].slice(0, 4).replace(/\.?0+$/, '') : '';
  return `${m[1]}${fraction}${m[3] ?? 'Z'}`;
}

/** Extras hold lists either as JSON arrays or comma-separated strings. */
function listValue(value: string): string[] {
  if (value.startsWith('[')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (Array.isArray(parsed)) return parsed.filter((v): v is string => typeof v === 'string');
    } catch {
      // Not JSON after all: fall through to the comma split.
    }
  }
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

/**
 * Maps the package: title, notes, tags, dates, landing page, organisation as `dct:publisher`,
 * maintainer (else author) as a vCard contact point, known extras as their DCAT-AP properties, and each
 * resource as a `dcat:Distribution` carrying the package licence.
 */
export function ckanToDcat(pkg: Json, opts: CkanToDcatOptions): CkanMapping {
  const site = opts.siteUrl.replace(/\/+$/, '');
  const out: Quad[] = [];
  const add = (s: Quad_Subject, p: string, o: Quad_Object): void => void out.push(quad(s, namedNode(p), o));
  const extras = new Map<string, string>();
  for (const e of Array.isArray(pkg.extras) ? (pkg.extras as Json[]) : []) {
    const key = str(e.key);
    const value = str(e.value);
    if (key && value) extras.set(key, value);
  }
  const id = str(pkg.id) ?? str(pkg.name) ?? 'unknown';
  const uri = extras.get('uri');
  const subject = uri && isUrl(uri) ? uri : `${site}/dataset/${id}`;
  const ds = namedNode(subject);
  out.push(quad(ds, RDF_TYPE, iri('dcat', 'Dataset')));

  const text = (s: Quad_Subject, p: string, v: unknown): void => {
    const value = str(v);
    if (value) add(s, p, literal(value));
  };
  text(ds, `${NS.dct}title`, pkg.title);
  text(ds, `${NS.dct}description`, pkg.notes);
  text(ds, `${NS.owl}versionInfo`, pkg.version);
  if (!extras.has('identifier')) add(ds, `${NS.dct}identifier`, literal(id));
  const issued = extras.get('issued') ?? str(pkg.metadata_created);
  const modified = extras.get('modified') ?? str(pkg.metadata_modified);
  if (issued) add(ds, `${NS.dct}issued`, literal(ckanDate(issued), XSD_DATETIME));
  if (modified) add(ds, `${NS.dct}modified`, literal(ckanDate(modified), XSD_DATETIME));
  const landing = str(pkg.url);
  if (landing && isUrl(landing)) add(ds, `${NS.dcat}landingPage`, namedNode(landing));
  for (const tag of Array.isArray(pkg.tags) ? (pkg.tags as Json[]) : []) {
    const name = str(tag.display_name) ?? str(tag.name);
    if (name) add(ds, `${NS.dcat}keyword`, literal(name));
  }

  const org = pkg.organization as Json | null | undefined;
  if (org && str(org.name)) {
    const agent = namedNode(`${site}/organization/${str(org.name)}`);
    add(ds, `${NS.dct}publisher`, agent);
    add(agent, RDF_TYPE.value, iri('foaf', 'Organization'));
    add(agent, `${NS.foaf}name`, literal(str(org.title) ?? str(org.name)!));
  }

  const contactName = str(pkg.maintainer) ?? str(pkg.author);
  const contactEmail = str(pkg.maintainer_email) ?? str(pkg.author_email);
  if (contactName || contactEmail) {
    const contact = blankNode();
    add(ds, `${NS.dcat}contactPoint`, contact);
    add(contact, RDF_TYPE.value, iri('vcard', 'Kind'));
    if (contactName) add(contact, `${NS.vcard}fn`, literal(contactName));
    if (contactEmail) add(contact, `${NS.vcard}hasEmail`, namedNode(`mailto:${contactEmail.replace(/^mailto:/i, '')}`));
  }

  const unmapped: string[] = [];
  for (const [key, value] of extras) {
    if (EXTRA_CONSUMED.has(key)) continue;
    if (EXTRA_IRIS[key]) {
      for (const v of listValue(value)) add(ds, EXTRA_IRIS[key]!, isUrl(v) ? namedNode(v) : literal(v));
    } else if (EXTRA_LITERALS[key]) {
      add(ds, EXTRA_LITERALS[key]!, literal(value));
    } else {
      unmapped.push(key);
    }
  }

  const licence = licenceOf(pkg);
  for (const res of Array.isArray(pkg.resources) ? (pkg.resources as Json[]) : []) {
    const rid = str(res.id);
    const dist = rid ? namedNode(`${subject.startsWith(site) ? subject : `${site}/dataset/${id}`}/resource/${rid}`) : blankNode();
    add(ds, `${NS.dcat}distribution`, dist);
    add(dist, RDF_TYPE.value, iri('dcat', 'Distribution'));
    text(dist, `${NS.dct}title`, res.name);
    text(dist, `${NS.dct}description`, res.description);
    text(dist, `${NS.dct}format`, res.format);
    const access = str(res.url);
    if (access && isUrl(access)) add(dist, `${NS.dcat}accessURL`, namedNode(access));
    const mime = str(res.mimetype);
    if (mime && /^[\w.+-]+\/[\w.+-]+$/.test(mime)) add(dist, `${NS.dcat}mediaType`, namedNode(`https://www.iana.org/assignments/media-types/${mime}`));
    if (typeof res.size === 'number' && Number.isInteger(res.size) && res.size >= 0) {
      add(dist, `${NS.dcat}byteSize`, literal(String(res.size), iri('xsd', 'nonNegativeInteger')));
    }
    const created = str(res.created);
    const changed = str(res.last_modified) ?? str(res.metadata_modified);
    if (created) add(dist, `${NS.dct}issued`, literal(ckanDate(created), XSD_DATETIME));
    if (changed) add(dist, `${NS.dct}modified`, literal(ckanDate(changed), XSD_DATETIME));
    if (licence) add(dist, `${NS.dct}license`, licence);
  }
  return { subject, quads: out, unmapped };
}
