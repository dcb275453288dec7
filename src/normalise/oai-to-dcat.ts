// **oaiToDcat** maps one OAI-PMH record (oai_dc or oai_datacite) to DCAT-AP quads, usable without any harvester.
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { SourceMapper } from './source-mapper.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const OAI_DC = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
const DC = 'http://purl.org/dc/elements/1.1/';
const DATACITE = 'http://datacite.org/schema/kernel-4';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const RDF_TYPE = `${NS.rdf}type`;

export interface OaiMapping {
  /** The dataset node: the DOI or URL identifier as an IRI, else a blank node. */
  readonly subject: string;
  readonly quads: Quad[];
  readonly deleted: boolean;
}

const isUrl = (v: string): boolean => /^https?:\/\/\S+$/i.test(v);

/** `10.5072/x`, `doi:10.5072/x` or a doi.org URL → the https://doi.org/ IRI. */
function doiIri(value: string): string | undefined {
  const m = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i.exec(value.trim());
  return m ? `https://doi.org/${m[1]}` : undefined;
}

/** A typed literal for `2025`, `2025-06` or `2025-06-30`, else a plain one. */
function dateLiteral(value: string): Quad_Object {
  const v = value.trim();
  if (/^\d{4}$/.test(v)) return literal(v, namedNode(`${NS.xsd}gYear`));
  if (/^\d{4}-\d{2}$/.test(v)) return literal(v, namedNode(`${NS.xsd}gYearMonth`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return literal(v, namedNode(`${NS.xsd}date`));
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(v)) return literal(v, namedNode(`${NS.xsd}dateTime`));
  return literal(v);
}

const elements = (parent: Element, ns: string, name: string): Element[] => Array.from(parent.getElementsByTagNameNS(ns, name));
const textOf = (el: Element): string => (el.textContent ?? '').trim();
const langOf = (el: Element): string | undefined => el.getAttributeNS(XML_NS, 'lang') || el.getAttribute('xml:lang') || undefined;

class Builder {
  readonly quads: Quad[] = [];
  add(s: Quad_Subject, p: string, o: Quad_Object): void {
    this.quads.push(quad(s, namedNode(p), o));
  }
  text(s: Quad_Subject, p: string, el: Element): void {
    const v = textOf(el);
    if (v) this.add(s, p, literal(v, langOf(el)));
  }
  /** One distribution reached through the landing page, carrying formats and licences (or free-text rights). */
  distribution(ds: Quad_Subject, accessUrl: string, formats: readonly string[], rights: readonly string[]): void {
    if (formats.length === 0 && rights.length === 0) return;
    const dist = blankNode();
    this.add(ds, `${NS.dcat}distribution`, dist);
    this.add(dist, RDF_TYPE, namedNode(`${NS.dcat}Distribution`));
    this.add(dist, `${NS.dcat}accessURL`, namedNode(accessUrl));
    for (const f of formats) this.add(dist, `${NS.dct}format`, literal(f));
    for (const r of rights) this.add(dist, isUrl(r) ? `${NS.dct}license` : `${NS.dct}rights`, isUrl(r) ? namedNode(r) : literal(r));
  }
  agent(s: Quad_Subject, p: string, name: string, id?: string): void {
    const node = id ? namedNode(id) : blankNode();
    this.add(s, p, node);
    this.add(node, RDF_TYPE, namedNode(`${NS.foaf}Agent`));
    this.add(node, `${NS.foaf}name`, literal(name));
  }
}

/**
 * Parses the `<record>` XML an oai-pmh harvest yields and maps its metadata. The OAI identifier is
 * kept as `dct:identifier`; the header datestamp becomes `dct:modified` unless the metadata says.
 * A deleted record maps to no quads (`deleted: true`).
 */
export function oaiToDcat(xml: string, { metadataPrefix }: { metadataPrefix: 'oai_dc' | 'oai_datacite' }): OaiMapping {
  const record = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
  if (!record) throw new Error('empty OAI record');
  const header = elements(record, OAI, 'header')[0];
  if (!header) throw new Error('OAI record without header');
  const oaiId = textOf(elements(header, OAI, 'identifier')[0] ?? header);
  if (header.getAttribute('status') === 'deleted') return { subject: oaiId, quads: [], deleted: true };
  const datestamp = elements(header, OAI, 'datestamp')[0];
  const metadata = elements(record, OAI, 'metadata')[0];
  if (!metadata) throw new Error(`OAI record ${oaiId} has no metadata`);
  const b = new Builder();
  const mapped = metadataPrefix === 'oai_datacite' ? mapDatacite(metadata, b) : mapDublinCore(metadata, b);
  const ds = mapped.subject;
  b.quads.unshift(quad(ds, namedNode(RDF_TYPE), namedNode(`${NS.dcat}Dataset`)));
  b.add(ds, `${NS.dct}identifier`, literal(oaiId));
  if (!mapped.hasModified && datestamp && textOf(datestamp)) b.add(ds, `${NS.dct}modified`, dateLiteral(textOf(datestamp)));
  return { subject: ds.termType === 'BlankNode' ? `_:${ds.value}` : ds.value, quads: b.quads, deleted: false };
}

interface Mapped {
  readonly subject: Quad_Subject;
  readonly hasModified: boolean;
}

function mapDublinCore(metadata: Element, b: Builder): Mapped {
  const dc = elements(metadata, OAI_DC, 'dc')[0] ?? metadata;
  const all = (name: string): Element[] => elements(dc, DC, name);
  const ids = all('identifier').map(textOf);
  const landing = ids.map((v) => doiIri(v) ?? (isUrl(v) ? v : undefined)).find((v) => v !== undefined);
  const ds = landing ? namedNode(landing) : blankNode();
  for (const el of all('title')) b.text(ds, `${NS.dct}title`, el);
  for (const el of all('description')) b.text(ds, `${NS.dct}description`, el);
  for (const el of all('subject')) b.text(ds, `${NS.dcat}keyword`, el);
  for (const el of all('creator')) if (textOf(el)) b.agent(ds, `${NS.dct}creator`, textOf(el));
  for (const el of all('publisher')) if (textOf(el)) b.agent(ds, `${NS.dct}publisher`, textOf(el));
  const date = all('date')[0];
  if (date && textOf(date)) b.add(ds, `${NS.dct}issued`, dateLiteral(textOf(date)));
  for (const el of all('language')) b.text(ds, `${NS.dct}language`, el);
  if (landing) b.add(ds, `${NS.dcat}landingPage`, namedNode(landing));
  const rights = all('rights').map(textOf).filter(Boolean);
  const formats = all('format').map(textOf).filter(Boolean);
  if (landing) b.distribution(ds, landing, formats, rights);
  return { subject: ds, hasModified: false };
}

function mapDatacite(metadata: Element, b: Builder): Mapped {
  const res = elements(metadata, DATACITE, 'resource')[0];
  if (!res) throw new Error('oai_datacite record without a DataCite resource');
  const all = (name: string): Element[] => elements(res, DATACITE, name);
  const idEl = all('identifier')[0];
  const id = idEl ? textOf(idEl) : '';
  const subjectIri = idEl?.getAttribute('identifierType') === 'DOI' ? doiIri(id) : isUrl(id) ? id : undefined;
  const ds = subjectIri ? namedNode(subjectIri) : blankNode();
  if (id) {
    // DCAT-AP wants an adms:Identifier node, not a bare literal, for "other identifiers".
    const node = blankNode();
    b.add(ds, `${NS.adms}identifier`, node);
    b.add(node, RDF_TYPE, namedNode(`${NS.adms}Identifier`));
    b.add(node, `${NS.skos}notation`, literal(id));
  }
  for (const el of all('title')) if (!el.getAttribute('titleType')) b.text(ds, `${NS.dct}title`, el);
  for (const el of all('description')) {
    const type = el.getAttribute('descriptionType');
    if (!type || type === 'Abstract') b.text(ds, `${NS.dct}description`, el);
  }
  for (const creator of all('creator')) {
    const name = elements(creator, DATACITE, 'creatorName')[0];
    const orcid = elements(creator, DATACITE, 'nameIdentifier').find((n) => n.getAttribute('nameIdentifierScheme') === 'ORCID');
    const orcidIri = orcid && textOf(orcid) ? (isUrl(textOf(orcid)) ? textOf(orcid) : `https://orcid.org/${textOf(orcid)}`) : undefined;
    if (name && textOf(name)) b.agent(ds, `${NS.dct}creator`, textOf(name), orcidIri);
  }
  const publisher = all('publisher')[0];
  if (publisher && textOf(publisher)) b.agent(ds, `${NS.dct}publisher`, textOf(publisher));
  for (const el of all('subject')) {
    const uri = el.getAttribute('valueURI');
    if (uri && isUrl(uri)) b.add(ds, `${NS.dct}subject`, namedNode(uri));
    else b.text(ds, `${NS.dcat}keyword`, el);
  }
  let issued = false;
  let modified = false;
  for (const el of all('date')) {
    const type = el.getAttribute('dateType');
    if (type === 'Issued' || type === 'Available') {
      if (!issued) b.add(ds, `${NS.dct}issued`, dateLiteral(textOf(el)));
      issued = true;
    } else if (type === 'Updated') {
      b.add(ds, `${NS.dct}modified`, dateLiteral(textOf(el)));
      modified = true;
    }
  }
  const year = all('publicationYear')[0];
  if (!issued && year && textOf(year)) b.add(ds, `${NS.dct}issued`, dateLiteral(textOf(year)));
  for (const el of all('language')) b.text(ds, `${NS.dct}language`, el);
  if (subjectIri) b.add(ds, `${NS.dcat}landingPage`, namedNode(subjectIri));
  const licences = all('rights').map((r) => r.getAttribute('rightsURI')).filter((u): u is string => !!u && isUrl(u));
  const formats = all('format').map(textOf).filter(Boolean);
  if (subjectIri) b.distribution(ds, subjectIri, formats, licences);
  return { subject: ds, hasModified: modified };
}

/** The `oai-xml` shape's mapper. */
export const oaiXml: SourceMapper<'oai-xml'> = {
  shape: 'oai-xml',
  map: (payload) => oaiToDcat(payload.xml, { metadataPrefix: payload.metadataPrefix }),
};
