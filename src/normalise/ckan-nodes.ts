// **ckanNodes** maps a package's structured fields (agents, contact points, periods, places, relations, provenance) to their DCAT-AP / HealthDCAT-AP nodes.
import type { Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { CKAN_DATASET_FIELDS } from './ckan-fields.js';
import { type CkanTriples, hasContent, type Json, objectsOf, str, textsOf } from './ckan-values.js';

const { literal, namedNode } = DataFactory;
const GSP = 'http://www.opengis.net/ont/geosparql#';
const LOCN = 'http://www.w3.org/ns/locn#';
const OA = 'http://www.w3.org/ns/oa#';

/** An agent (publisher, creator, HDAB, attributed or associated agent) as foaf:Agent. */
function agent(t: CkanTriples, o: Json, extraType?: string): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.foaf}Agent`);
  if (extraType) t.type(node, extraType);
  if (t.translated(node, `${NS.foaf}name`, o.name_translated) === 0) t.values(node, `${NS.foaf}name`, o.name, 'text', false);
  t.values(node, `${NS.foaf}mbox`, o.email, 'mailto', false);
  t.values(node, `${NS.foaf}homepage`, o.url ?? o.homepage, 'iri', false);
  if (o.url !== undefined && o.homepage !== undefined && str(o.url) !== str(o.homepage)) t.values(node, `${NS.foaf}homepage`, o.homepage, 'iri', false);
  t.values(node, `${NS.dct}type`, o.type, 'iri', false);
  t.values(node, `${NS.dct}identifier`, o.identifier, 'text', false);
  return node;
}

function contact(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.vcard}Kind`);
  t.values(node, `${NS.vcard}fn`, o.name, 'text', false);
  t.values(node, `${NS.vcard}hasEmail`, o.email, 'mailto', false);
  t.values(node, `${NS.vcard}hasURL`, o.url, 'iri', false);
  t.values(node, `${NS.vcard}hasUID`, o.identifier, 'iri', false);
  return node;
}

/** A dct:PeriodOfTime from `{start, end, comment}` (temporal coverage, retention periods). */
export function periodNode(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.dct}PeriodOfTime`);
  t.values(node, `${NS.dcat}startDate`, o.start, 'date', false);
  t.values(node, `${NS.dcat}endDate`, o.end, 'date', false);
  t.values(node, `${NS.rdfs}comment`, o.comment, 'text', false);
  return node;
}

/** A geometry as ckanext-dcat's forms hold it: GeoJSON text, else WKT. */
function geometry(text: string) {
  return literal(text, namedNode(`${GSP}${text.trimStart().startsWith('{') ? 'geoJSONLiteral' : 'wktLiteral'}`));
}

function location(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.dct}Location`);
  t.values(node, `${NS.skos}prefLabel`, o.text, 'text', false);
  for (const [field, property] of [['geom', `${LOCN}geometry`], ['bbox', `${NS.dcat}bbox`], ['centroid', `${NS.dcat}centroid`]] as const) {
    for (const text of textsOf(o[field]).slice(0, 1)) t.add(node, property, geometry(text));
  }
  return node;
}

function relationship(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.dcat}Relationship`);
  t.values(node, `${NS.dct}relation`, o.relation, 'iri');
  t.values(node, `${NS.dcat}hadRole`, o.role, 'iri');
  return node;
}

function attribution(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.prov}Attribution`);
  for (const a of objectsOf(o.agent).filter(hasContent)) t.add(node, `${NS.prov}agent`, agent(t, a));
  t.values(node, `${NS.dcat}hadRole`, o.role, 'iri');
  return node;
}

function activity(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.prov}Activity`);
  t.values(node, `${NS.rdfs}label`, o.label, 'text', false);
  t.values(node, `${NS.rdfs}seeAlso`, o.seeAlso, 'iri');
  t.values(node, `${NS.dct}type`, o.dct_type, 'iri');
  t.values(node, `${NS.prov}startedAtTime`, o.startedAtTime, 'date', false);
  t.values(node, `${NS.prov}endedAtTime`, o.endedAtTime, 'date', false);
  for (const a of objectsOf(o.wasAssociatedWith).filter(hasContent)) {
    const who = agent(t, a, `${NS.prov}Agent`);
    t.add(node, `${NS.prov}wasAssociatedWith`, who);
    for (const org of objectsOf(a.actedOnBehalfOf).filter(hasContent)) t.add(who, `${NS.prov}actedOnBehalfOf`, agent(t, org, `${NS.prov}Organization`));
  }
  return node;
}

function annotation(t: CkanTriples, o: Json): Quad_Subject {
  const node = t.node(o.uri);
  t.type(node, `${NS.dqv}QualityAnnotation`);
  t.values(node, `${OA}hasBody`, o.body, 'iri', false);
  t.values(node, `${OA}hasTarget`, o.target, 'iri', false);
  t.values(node, `${OA}motivatedBy`, o.motivated_by, 'iri', false);
  return node;
}

interface Structured {
  readonly property: string;
  readonly make: (t: CkanTriples, o: Json) => Quad_Subject;
  /** The legacy extras prefix (`contact_name`, `temporal_start`…) and the subfields it spreads. */
  readonly legacy?: { readonly prefix: string; readonly subfields: readonly string[] };
}

const AGENT_SUBFIELDS = ['uri', 'name', 'email', 'url', 'type', 'identifier'] as const;

/** Repeating-subfield dataset fields (scheming) and the flat extras ckanext-dcat's legacy profile writes instead. */
export const CKAN_STRUCTURED_FIELDS: ReadonlyMap<string, Structured> = new Map<string, Structured>([
  ['contact', { property: `${NS.dcat}contactPoint`, make: contact, legacy: { prefix: 'contact', subfields: ['uri', 'name', 'email', 'identifier', 'url'] } }],
  ['publisher', { property: `${NS.dct}publisher`, make: (t, o) => agent(t, o), legacy: { prefix: 'publisher', subfields: AGENT_SUBFIELDS } }],
  ['creator', { property: `${NS.dct}creator`, make: (t, o) => agent(t, o), legacy: { prefix: 'creator', subfields: AGENT_SUBFIELDS } }],
  ['hdab', { property: `${NS.healthdcatap}hdab`, make: (t, o) => agent(t, o), legacy: { prefix: 'hdab', subfields: AGENT_SUBFIELDS } }],
  ['temporal_coverage', { property: `${NS.dct}temporal`, make: periodNode, legacy: { prefix: 'temporal', subfields: ['start', 'end'] } }],
  ['spatial_coverage', { property: `${NS.dct}spatial`, make: location, legacy: { prefix: 'spatial', subfields: ['uri', 'text', 'bbox', 'centroid'] } }],
  ['retention_period', { property: `${NS.healthdcatap}retentionPeriod`, make: periodNode }],
  ['qualified_relation', { property: `${NS.dcat}qualifiedRelation`, make: relationship }],
  ['qualified_attribution', { property: `${NS.prov}qualifiedAttribution`, make: attribution }],
  ['provenance_activity', { property: `${NS.prov}wasGeneratedBy`, make: activity }],
  ['quality_annotation', { property: `${NS.dqv}hasQualityAnnotation`, make: annotation }],
]);

/**
 * Adds every structured field of the package to `subject`: the scheming value first; when a field has none,
 * its flat legacy form (`publisher_name`, `temporal_start`, the GeoJSON `spatial`…, as extras or fields) as one
 * node. Returns the keys of flat fields and extras it consumed, so they are not reported as unmapped.
 */
export function ckanNodes(t: CkanTriples, subject: Quad_Subject, pkg: Json, extras: ReadonlyMap<string, string>): Set<string> {
  const consumed = new Set<string>();
  for (const [field, spec] of CKAN_STRUCTURED_FIELDS) {
    let items = objectsOf(pkg[field]).filter(hasContent);
    if (items.length === 0 && extras.has(field)) items = objectsOf(extras.get(field)).filter(hasContent);
    if (extras.has(field)) consumed.add(field);
    if (spec.legacy) {
      // Flat fields (`contact_email`, `temporal_start`…) as extras, or as top-level fields of schemas that keep
      // them flat; the GeoJSON geometry of ckanext-spatial / ckanext-dcat is the bare `spatial` field or extra.
      const flat: Record<string, string> = {};
      const keys: Array<readonly [string, string]> = spec.legacy.subfields.map((sub) => [sub, `${spec.legacy!.prefix}_${sub}`]);
      if (field === 'spatial_coverage') keys.push(['geom', 'spatial']);
      for (const [sub, key] of keys) {
        // A top-level field that is a plain field of its own (HealthDCAT-AP's `publisher_type`) is not this one.
        const value = (CKAN_DATASET_FIELDS.has(key) ? undefined : str(pkg[key])) ?? extras.get(key);
        if (value === undefined) continue;
        flat[sub] = value;
        consumed.add(key);
      }
      if (items.length === 0 && hasContent(flat)) items = [flat];
    }
    for (const item of items) t.add(subject, spec.property, spec.make(t, item));
  }
  return consumed;
}
