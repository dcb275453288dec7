// **CkanTriples** collects the quads of one CKAN package and turns CKAN field values (strings, lists, JSON in extras) into RDF terms.
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import { typeDateText } from './type-dates.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/**
 * How a field's text becomes an RDF object, after the DCAT-AP 3 / HealthDCAT-AP range of its property:
 * `iri` an IRI when the value is one (else a literal the value-mapping step may still resolve), `text` a
 * literal (language-tagged from `<field>_translated`), `statement` an IRI or a node of the statement class
 * with the text as `rdfs:label`, `identifier` an `adms:Identifier` node, the rest typed literals.
 */
export type ValueKind =
  | 'iri' | 'text' | 'date' | 'nonNegativeInteger' | 'decimal' | 'duration' | 'boolean' | 'hexBinary' | 'mailto'
  | { readonly statement: string } | 'identifier';

export type Json = Readonly<Record<string, unknown>>;

export const str = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};
export const isUrl = (v: string): boolean => /^(https?|urn|mailto|ftp):\S+$/i.test(v) && !/^urn:?$/i.test(v);
const isWebUrl = (v: string): boolean => /^https?:\/\/\S+$/i.test(v);

/** CKAN stores naive UTC timestamps (`2026-01-10T09:15:00.000000`); DCAT-AP wants an explicit zone. */
export function ckanDate(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) return value;
  const fraction = m[2] ? m[2].slice(0, 4).replace(/\.?0+$/, '') : '';
  return `${m[1]}${fraction}${m[3] ?? 'Z'}`;
}

/**
 * The texts of a field: scheming gives lists as JSON arrays, legacy extras as JSON text (`"[\"a\", \"b\"]"`)
 * or, in ckanext-dcat's compatibility mode, comma-joined. A comma splits only when every part is an IRI or
 * every part is a bare code, so a sentence or an IRI holding a comma stays whole.
 */
export function textsOf(raw: unknown, opts: { split?: boolean } = {}): string[] {
  if (Array.isArray(raw)) return raw.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? textsOf(v, opts) : []));
  const value = str(raw);
  if (value === undefined) return [];
  if (value.startsWith('[') && value.endsWith(']')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (Array.isArray(parsed)) return textsOf(parsed, opts);
    } catch {
      // Not JSON after all: the text itself.
    }
  }
  if (opts.split && value.includes(',')) {
    const parts = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (parts.every(isWebUrl) || parts.every((p) => /^[\w.-]+$/.test(p))) return parts;
  }
  return [value];
}

/** Objects of a repeating-subfield value: a JSON array of objects, or JSON text of one (as extras hold it). */
export function objectsOf(raw: unknown): Json[] {
  let value = raw;
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return [];
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) value = [value];
  return Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)) : [];
}

/** True when an object of subfields holds at least one value (CKAN forms save empty rows). */
export const hasContent = (o: Json): boolean =>
  Object.values(o).some((v) => (Array.isArray(v) ? v.some((x) => (typeof x === 'object' && x !== null ? hasContent(x as Json) : str(x) !== undefined)) : str(v) !== undefined));

const XSD = (local: string) => namedNode(`${NS.xsd}${local}`);

export class CkanTriples {
  readonly quads: Quad[] = [];

  add(s: Quad_Subject, p: string, o: Quad_Object): void {
    this.quads.push(quad(s, namedNode(p), o));
  }

  type(s: Quad_Subject, cls: string): void {
    this.add(s, `${NS.rdf}type`, namedNode(cls));
  }

  /** A node for a subfield object: its `uri` when it has one, else a blank node. */
  node(uri: unknown): Quad_Subject {
    const u = str(uri);
    return u !== undefined && isUrl(u) ? namedNode(u) : blankNode();
  }

  /** Adds every value of `raw` under `p`, each made by `kind`; returns how many were added. */
  values(s: Quad_Subject, p: string, raw: unknown, kind: ValueKind, list = true): number {
    const texts = textsOf(raw, { split: list && kind === 'iri' });
    for (const text of list ? texts : texts.slice(0, 1)) this.add(s, p, this.term(text, kind));
    return list ? texts.length : Math.min(texts.length, 1);
  }

  /** Language-tagged literals from a multilingual scheming value (`{"en": "…", "nl": ["…"]}`). */
  translated(s: Quad_Subject, p: string, raw: unknown): number {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 0;
    let n = 0;
    for (const [lang, v] of Object.entries(raw as Json)) {
      if (!/^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(lang)) continue;
      for (const text of textsOf(v)) {
        this.add(s, p, literal(text, lang));
        n += 1;
      }
    }
    return n;
  }

  term(text: string, kind: ValueKind): Quad_Object {
    if (typeof kind === 'object') {
      if (isUrl(text)) return namedNode(text);
      const node = blankNode();
      this.type(node, kind.statement);
      this.add(node, `${NS.rdfs}label`, literal(text));
      return node;
    }
    switch (kind) {
      case 'iri':
        return isUrl(text) ? namedNode(text) : literal(text);
      case 'text':
        return literal(text);
      case 'mailto':
        return isUrl(text) && !/^https?:/i.test(text) ? namedNode(text) : namedNode(`mailto:${text.replace(/^mailto:/i, '')}`);
      case 'identifier': {
        const node = blankNode();
        this.type(node, `${NS.adms}Identifier`);
        this.add(node, `${NS.skos}notation`, isUrl(text) ? literal(text, XSD('anyURI')) : literal(text));
        return node;
      }
      case 'date': {
        const typed = typeDateText(ckanDate(text));
        return typed ? literal(typed.value, namedNode(typed.datatype)) : literal(text);
      }
      case 'nonNegativeInteger':
        return /^\+?\d+$/.test(text) ? literal(String(BigInt(text)), XSD('nonNegativeInteger')) : literal(text);
      case 'decimal':
        return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? literal(text, XSD('decimal')) : literal(text);
      case 'duration':
        return /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(text) ? literal(text, XSD('duration')) : literal(text);
      case 'boolean': {
        const b = text.toLowerCase();
        return b === 'true' || b === 'false' ? literal(b, XSD('boolean')) : literal(text);
      }
      case 'hexBinary':
        return /^([0-9a-fA-F]{2})+$/.test(text) ? literal(text.toLowerCase(), XSD('hexBinary')) : literal(text);
    }
  }
}
