// **ckanToDcat** maps one CKAN package (Action API JSON, scheming or legacy extras) to DCAT-AP quads, usable without any harvester.
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { SourceMapper } from './source-mapper.js';
import { CKAN_DATASET_FIELDS, CKAN_INTERNAL_FIELDS } from './ckan-fields.js';
import { CKAN_STRUCTURED_FIELDS, ckanNodes } from './ckan-nodes.js';
import { ckanResource } from './ckan-resource.js';
import { CkanTriples, hasContent, isUrl, type Json, str } from './ckan-values.js';

export { ckanDate } from './ckan-values.js';

const { namedNode, literal, blankNode } = DataFactory;

export interface CkanToDcatOptions {
  /** The CKAN site root (e.g. `https://ckan.example.eu`): dataset and resource IRIs are minted under it. */
  readonly siteUrl: string;
}

export interface CkanMapping {
  /** The dataset node: the package's `uri` (scheming field or extra) when it has one, else `{site}/dataset/{id}`. */
  readonly subject: string;
  readonly quads: Quad[];
  /** Fields and extras with no DCAT-AP meaning here (`resources[n].key` for resource ones); reported, never carried along as an untyped bag. */
  readonly unmapped: string[];
}

// CKAN licence ids (its default registry and the versioned ids portals add) whose EU licence
// authority concept is certain; anything else keeps the package's license_url or its id as a literal.
const EU_LICENCE = 'http://publications.europa.eu/resource/authority/licence/';
const CKAN_LICENCES: ReadonlyMap<string, string> = new Map([
  ['cc-zero', 'CC0'], ['cc0', 'CC0'], ['cc0-1.0', 'CC0'],
  ['cc-by-4.0', 'CC_BY_4_0'], ['cc-by-sa-4.0', 'CC_BY_SA_4_0'], ['cc-by-nd-4.0', 'CC_BY_ND_4_0'],
  ['cc-by-nc-4.0', 'CC_BY_NC_4_0'], ['cc-by-nc-sa-4.0', 'CC_BY_NC_SA_4_0'], ['cc-by-nc-nd-4.0', 'CC_BY_NC_ND_4_0'],
  ['odc-by', 'ODC_BY'], ['odc-odbl', 'ODC_ODBL'], ['odc-pddl', 'ODC_PDDL'],
].map(([id, code]) => [id!, EU_LICENCE + code!]));

/** The licence node for a package: a known CKAN id as an EU concept, else its URL, else the id (IRI or text). */
function licenceOf(pkg: Json): Quad_Object | undefined {
  const id = str(pkg.license_id);
  const known = id === undefined ? undefined : CKAN_LICENCES.get(id.toLowerCase());
  const url = str(pkg.license_url);
  if (url && isUrl(url) && !known) return namedNode(url);
  if (!id || id === 'notspecified') return undefined;
  return known ? namedNode(known) : isUrl(id) ? namedNode(id) : literal(id);
}

/** The dataset IRI: the scheming `uri` field, else the `uri` extra, when either is an IRI. */
export function ckanDatasetIri(pkg: Json): string | undefined {
  const extra = Array.isArray(pkg.extras) ? (pkg.extras as Json[]).find((e) => e.key === 'uri')?.value : undefined;
  return [str(pkg.uri), str(extra)].find((v): v is string => v !== undefined && isUrl(v));
}

/**
 * Maps the package: every field ckanext-dcat's DCAT-AP 2/3 and HealthDCAT-AP profiles write, read from the
 * scheming form (top-level fields, repeating subfields) or, when a field is absent there, from the legacy
 * extras. The dataset's dct:issued / dct:modified are the publisher's `issued` / `modified`; only a package
 * stating neither falls back to CKAN's `metadata_created` / `metadata_modified` (as ckanext-dcat's own DCAT
 * output does), which otherwise stay the catalogue record's times (the harvester passes them on apart).
 */
export function ckanToDcat(pkg: Json, opts: CkanToDcatOptions): CkanMapping {
  const site = opts.siteUrl.replace(/\/+$/, '');
  const t = new CkanTriples();
  const extras = new Map<string, string>();
  for (const e of Array.isArray(pkg.extras) ? (pkg.extras as Json[]) : []) {
    const key = str(e.key);
    const value = str(e.value);
    if (key && value) extras.set(key, value);
  }
  const field = (name: string): unknown => (hasContent({ v: pkg[name] }) ? pkg[name] : extras.get(name));
  const id = str(pkg.id) ?? str(pkg.name) ?? 'unknown';
  const subject = ckanDatasetIri(pkg) ?? `${site}/dataset/${id}`;
  const ds = namedNode(subject);
  t.type(ds, `${NS.dcat}Dataset`);

  t.values(ds, `${NS.dct}identifier`, str(field('identifier')) ?? extras.get('guid') ?? id, 'text', false);
  t.values(ds, `${NS.dct}issued`, str(field('issued')) ?? extras.get('dcat_issued') ?? pkg.metadata_created, 'date', false);
  t.values(ds, `${NS.dct}modified`, str(field('modified')) ?? extras.get('dcat_modified') ?? pkg.metadata_modified, 'date', false);
  const tagged = t.translated(ds, `${NS.dcat}keyword`, pkg.tags_translated);
  for (const tag of tagged > 0 || !Array.isArray(pkg.tags) ? [] : (pkg.tags as Json[])) {
    t.values(ds, `${NS.dcat}keyword`, str(tag.display_name) ?? tag.name, 'text', false);
  }

  const consumed = ckanNodes(t, ds, pkg, extras);
  for (const [name, rule] of CKAN_DATASET_FIELDS) {
    if (t.translated(ds, rule.property, pkg[`${name}_translated`]) > 0) continue;
    const value = hasContent({ v: pkg[name] }) ? pkg[name] : consumed.has(name) ? undefined : (extras.get(name) ?? (name === 'version' ? extras.get('dcat_version') : undefined));
    t.values(ds, rule.property, value, rule.kind, rule.list ?? true);
  }

  const has = (p: string) => t.quads.some((q) => q.subject.equals(ds) && q.predicate.value === p);
  const org = pkg.organization as Json | null | undefined;
  if (!has(`${NS.dct}publisher`) && org && str(org.name)) {
    // No publisher stated: the owning organisation, as ckanext-dcat falls back to it.
    const agent = namedNode(`${site}/organization/${str(org.name)}`);
    t.add(ds, `${NS.dct}publisher`, agent);
    t.type(agent, `${NS.foaf}Organization`);
    t.add(agent, `${NS.foaf}name`, literal(str(org.title) ?? str(org.name)!));
  }
  const contactName = str(pkg.maintainer) ?? str(pkg.author);
  const contactEmail = str(pkg.maintainer_email) ?? str(pkg.author_email);
  if (!has(`${NS.dcat}contactPoint`) && (contactName || contactEmail)) {
    const contact = blankNode();
    t.add(ds, `${NS.dcat}contactPoint`, contact);
    t.type(contact, `${NS.vcard}Kind`);
    if (contactName) t.add(contact, `${NS.vcard}fn`, literal(contactName));
    if (contactEmail) t.values(contact, `${NS.vcard}hasEmail`, contactEmail, 'mailto', false);
  }

  const unmapped: string[] = [];
  const known = (k: string) => CKAN_DATASET_FIELDS.has(k) || CKAN_STRUCTURED_FIELDS.has(k) || CKAN_INTERNAL_FIELDS.has(k) || k.endsWith('_translated');
  for (const key of extras.keys()) if (!consumed.has(key) && !known(key)) unmapped.push(key);
  for (const key of Object.keys(pkg)) if (!known(key) && !consumed.has(key) && hasContent({ v: pkg[key] }) && !unmapped.includes(key)) unmapped.push(key);

  const licence = licenceOf(pkg);
  const resources = Array.isArray(pkg.resources) ? (pkg.resources as Json[]) : [];
  resources.forEach((res, n) => {
    const rid = str(res.id);
    const own = str(res.uri);
    const dist = own && isUrl(own)
      ? namedNode(own)
      : rid ? namedNode(`${subject.startsWith(site) ? subject : `${site}/dataset/${id}`}/resource/${rid}`) : blankNode();
    t.add(ds, `${NS.dcat}distribution`, dist);
    for (const key of ckanResource(t, res, { distribution: dist, ...(licence && { licence }) })) unmapped.push(`resources[${n}].${key}`);
  });
  return { subject, quads: t.quads, unmapped };
}

/** The CKAN site root: the feed URL without its `/api/...` path and query. */
export function ckanSite(feedUrl: string): string {
  const url = new URL(feedUrl);
  const path = url.pathname.replace(/\/api\/.*$/, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** The `ckan-json` shape's mapper: packages are minted under the site of the feed URL. */
export const ckanJson: SourceMapper<'ckan-json'> = {
  shape: 'ckan-json',
  map: (payload, ctx) => ckanToDcat(payload.json, { siteUrl: ckanSite(ctx.feedUrl) }),
};
