// **ckanResource** maps one CKAN resource to a dcat:Distribution: URLs, format and media type, size, checksum, dates, access services.
import type { Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { periodNode } from './ckan-nodes.js';
import { CKAN_RESOURCE_FIELDS, CKAN_RESOURCE_INTERNAL_FIELDS } from './ckan-fields.js';
import { type CkanTriples, hasContent, isUrl, type Json, objectsOf, str } from './ckan-values.js';

const { namedNode, literal, blankNode } = DataFactory;
const IANA = 'https://www.iana.org/assignments/media-types/';
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

export interface ResourceContext {
  readonly distribution: Quad_Subject;
  /** The package licence, for resources that state none of their own. */
  readonly licence?: Quad_Object;
}

/** A media type as the IANA register IRI (DCAT-AP's range for dcat:mediaType); IRIs are kept as given. */
function mediaType(value: string): Quad_Object {
  if (isUrl(value)) return namedNode(value);
  return MEDIA_TYPE.test(value) ? namedNode(`${IANA}${value.toLowerCase()}`) : literal(value);
}

function accessService(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.dcat}DataService`);
  t.values(node, `${NS.dct}title`, o.title, 'text', false);
  t.values(node, `${NS.dct}description`, o.description, 'text', false);
  t.values(node, `${NS.dcat}endpointURL`, o.endpoint_url, 'iri');
  t.values(node, `${NS.dcat}endpointDescription`, o.endpoint_description, 'iri');
  t.values(node, `${NS.dcat}servesDataset`, o.serves_dataset, 'iri');
  t.values(node, `${NS.dct}accessRights`, o.access_rights, { statement: `${NS.dct}RightsStatement` }, false);
  t.values(node, `${NS.dct}license`, o.license, 'iri', false);
  t.values(node, 'http://data.europa.eu/r5r/availability', o.availability, 'iri', false);
  return node;
}

/**
 * Maps the resource onto `ctx.distribution`. `url` is the access URL unless `access_url` is given, and is
 * not repeated when it is only the download URL (ckanext-dcat's rule); `format` that is a media type goes
 * to dcat:mediaType; dates come from `issued` / `modified`, falling back to CKAN's `created` /
 * `last_modified` as ckanext-dcat does. Returns the resource keys it had no rule for.
 */
export function ckanResource(t: CkanTriples, res: Json, ctx: ResourceContext): string[] {
  const dist = ctx.distribution;
  t.type(dist, `${NS.dcat}Distribution`);
  for (const [field, rule] of CKAN_RESOURCE_FIELDS) {
    if (t.translated(dist, rule.property, res[`${field}_translated`]) > 0) continue;
    t.values(dist, rule.property, res[field], rule.kind, rule.list ?? true);
  }
  if (str(res.license) === undefined && ctx.licence) t.add(dist, `${NS.dct}license`, ctx.licence);

  const url = str(res.url);
  const download = str(res.download_url);
  if (t.values(dist, `${NS.dcat}accessURL`, res.access_url, 'iri', false) === 0 && url && isUrl(url) && url !== download) {
    t.add(dist, `${NS.dcat}accessURL`, namedNode(url));
  } else if (url && download && url === download && str(res.access_url) === undefined) {
    // DCAT-AP requires an access URL: a download URL is also one.
    t.add(dist, `${NS.dcat}accessURL`, namedNode(url));
  }

  const format = str(res.format);
  const mime = str(res.mimetype);
  if (mime) t.add(dist, `${NS.dcat}mediaType`, mediaType(mime));
  if (format && format !== mime) {
    if (!mime && (MEDIA_TYPE.test(format) || format.includes('iana.org/assignments/media-types'))) t.add(dist, `${NS.dcat}mediaType`, mediaType(format));
    else t.add(dist, `${NS.dct}format`, isUrl(format) ? namedNode(format) : literal(format));
  }

  const size = str(res.size);
  if (size !== undefined) t.values(dist, `${NS.dcat}byteSize`, size, 'nonNegativeInteger', false);
  const hash = str(res.hash);
  if (hash) {
    const checksum = blankNode();
    t.type(checksum, `${NS.spdx}Checksum`);
    t.values(checksum, `${NS.spdx}checksumValue`, hash, 'hexBinary', false);
    t.values(checksum, `${NS.spdx}algorithm`, res.hash_algorithm, 'iri', false);
    t.add(dist, `${NS.spdx}checksum`, checksum);
  }

  t.values(dist, `${NS.dct}issued`, str(res.issued) ?? res.created, 'date', false);
  t.values(dist, `${NS.dct}modified`, str(res.modified) ?? str(res.last_modified) ?? res.metadata_modified, 'date', false);
  for (const service of objectsOf(res.access_services).filter(hasContent)) t.add(dist, `${NS.dcat}accessService`, accessService(t, service));
  for (const period of objectsOf(res.retention_period).filter(hasContent)) t.add(dist, `${NS.healthdcatap}retentionPeriod`, periodNode(t, period));
  return Object.keys(res).filter(
    (k) => !CKAN_RESOURCE_FIELDS.has(k) && !CKAN_RESOURCE_INTERNAL_FIELDS.has(k) && !k.endsWith('_translated') && hasContent({ [k]: res[k] }),
  );
}
